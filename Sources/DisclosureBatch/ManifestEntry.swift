import DisclosureKit
import Foundation

/// One line of `manifest.jsonl`: one attempt at one input of an `ingest --out DIR` batch.
///
/// Written as one canonical JSON object (sorted keys) per line, appended when the attempt ends.
public struct ManifestEntry: Sendable, Hashable {
  /// How an attempt ended.
  public enum Status: String, Sendable, CaseIterable, Comparable {
    /// The output file is written.
    case ok
    /// The document could not be read (a typed error, in ``ManifestEntry/error``).
    case failed
    /// The worker ran past `--timeout` and was killed.
    case timeout
    /// The worker died (a signal, in ``ManifestEntry/signal``, or an unexpected exit).
    case crashed

    /// Whether a later `--resume` counts the attempt as a failure to re-run with `--retry-failed`.
    public var isFailure: Bool { self != .ok }

    public static func < (lhs: Status, rhs: Status) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
  }

  /// The input path as given on the command line (or found in a folder given there).
  public var input: String
  /// SHA-256 of the input's bytes, 64 lowercase hex digits.
  public var sha256: String
  /// The input's size in bytes.
  public var size: Int
  /// Pages of the document (nil when it could not be read).
  public var pages: Int?
  /// ``PipelineDigest`` of the pipeline files and the tool that produced the attempt.
  public var pipeline: String
  /// How the attempt ended.
  public var status: Status
  /// Why it did not end `ok`: the typed error, the timeout or the crash, lowercase.
  public var error: String?
  /// The signal that ended a crashed worker (`SIGSEGV`), if one did.
  public var signal: String?
  /// Wall-clock seconds of the attempt, rounded to milliseconds.
  public var seconds: Double
  /// The output file's name inside the batch folder (nil unless `ok`).
  public var output: String?
  /// Check findings of the written document by status (`fail`, `rounding`, `pass`, `skip`).
  public var findings: [String: Int]?
  /// 1 for the first attempt at this input's bytes with this pipeline in the folder, then 2, …
  public var attempt: Int

  /// Creates an entry.
  public init(
    input: String, sha256: String, size: Int, pages: Int? = nil, pipeline: String, status: Status,
    error: String? = nil, signal: String? = nil, seconds: Double, output: String? = nil,
    findings: [String: Int]? = nil, attempt: Int = 1
  ) {
    self.input = input
    self.sha256 = sha256
    self.size = size
    self.pages = pages
    self.pipeline = pipeline
    self.status = status
    self.error = error
    self.signal = signal
    self.seconds = seconds
    self.output = output
    self.findings = findings
    self.attempt = attempt
  }

  /// The entry as one JSON line, newline included.
  public var line: [UInt8] {
    var object: [String: JSONValue] = [
      "input": .string(input), "sha256": .string(sha256), "size": JSONValue(size),
      "pages": pages.map { JSONValue($0) } ?? .null, "pipeline": .string(pipeline),
      "status": .string(status.rawValue), "error": error.map(JSONValue.string) ?? .null,
      "signal": signal.map(JSONValue.string) ?? .null,
      "seconds": .number(Decimal(Int((seconds * 1000).rounded())) / 1000),
      "output": output.map(JSONValue.string) ?? .null, "attempt": JSONValue(attempt),
    ]
    object["findings"] = findings.map { counts in JSONValue.object(counts.mapValues { JSONValue($0) }) } ?? .null
    // CanonicalJSON escapes control characters, so a newline in a path cannot split the line.
    return CanonicalJSON.data(.object(object))
  }

  /// Reads one line (without its newline); nil when it is not a whole manifest entry.
  public init?(line: some Collection<UInt8>) {
    guard let json = try? JSONParser.parse(Array(line)), let object = json.objectValue,
      let input = object["input"]?.stringValue, let sha256 = object["sha256"]?.stringValue,
      let size = object["size"]?.intValue, let pipeline = object["pipeline"]?.stringValue,
      let status = object["status"]?.stringValue.flatMap(Status.init(rawValue:)),
      let seconds = object["seconds"]?.decimalValue
    else { return nil }
    var findings: [String: Int]?
    if let counts = object["findings"]?.objectValue {
      findings = counts.compactMapValues(\.intValue)
    }
    self.init(
      input: input, sha256: sha256, size: size, pages: object["pages"]?.intValue, pipeline: pipeline,
      status: status, error: object["error"]?.stringValue, signal: object["signal"]?.stringValue,
      seconds: Double("\(seconds)") ?? 0, output: object["output"]?.stringValue,
      findings: findings, attempt: object["attempt"]?.intValue ?? 1)
  }
}
