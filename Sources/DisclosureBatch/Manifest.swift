/// The entries of a `manifest.jsonl` and what a resumed batch makes of them.
///
/// 1. Split the bytes at newlines; a last line without its newline is the torn write of a killed
///    run and is left out, and so is any line that is not a whole ``ManifestEntry``.
/// 2. Key the entries by input bytes, pipeline and output name (``Key``); a later attempt wins.
public struct Manifest: Sendable {
  /// What identifies one unit of work: the same bytes through the same pipeline into the same file.
  public struct Key: Sendable, Hashable {
    /// SHA-256 of the input.
    public var sha256: String
    /// The pipeline digest.
    public var pipeline: String
    /// The output file's name.
    public var output: String

    /// Creates a key.
    public init(sha256: String, pipeline: String, output: String) {
      self.sha256 = sha256
      self.pipeline = pipeline
      self.output = output
    }
  }

  /// The whole entries, in file order.
  public var entries: [ManifestEntry]
  /// Lines that were not whole entries (a torn last line counts as one).
  public var ignoredLines: Int
  /// Whether the bytes end in the middle of a line (a writer must start a new line first).
  public var endsInsideLine: Bool

  /// Reads the bytes of a manifest file.
  public init(bytes: [UInt8]) {
    entries = []
    ignoredLines = 0
    endsInsideLine = !(bytes.isEmpty || bytes.last == UInt8(ascii: "\n"))
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      let line = bytes[start..<index]
      start = index + 1
      guard !line.isEmpty else { continue }
      if let entry = ManifestEntry(line: line) { entries.append(entry) } else { ignoredLines += 1 }
    }
    if start < bytes.count { ignoredLines += 1 }
  }

  /// The key of an entry; the output name of one without an output is the name it was meant for.
  public static func key(of entry: ManifestEntry, output: String) -> Key {
    Key(sha256: entry.sha256, pipeline: entry.pipeline, output: output)
  }

  /// The last attempt per key and the number of attempts, for entries whose intended output
  /// name `outputName(entry)` gives.
  public func latest(outputName: (ManifestEntry) -> String) -> [Key: (entry: ManifestEntry, attempts: Int)] {
    var latest: [Key: (entry: ManifestEntry, attempts: Int)] = [:]
    for entry in entries {
      let key = Self.key(of: entry, output: entry.output ?? outputName(entry))
      latest[key] = (entry, (latest[key]?.attempts ?? 0) + 1)
    }
    return latest
  }
}

/// What `--resume` does with one input.
public enum ResumeDecision: Sendable, Hashable {
  /// Run it: new, changed, or its earlier output is gone.
  case run(attempt: Int)
  /// Skip it: an earlier attempt with the same bytes and pipeline ended as `status`.
  case skip(ManifestEntry)
}

/// Decides per input whether a resumed batch runs it.
///
/// 1. An input whose last attempt (same sha256, pipeline digest and output name) is `ok` and whose
///    output file is present is skipped.
/// 2. One whose last attempt failed, timed out or crashed is skipped too, unless `retryFailed`.
/// 3. Everything else runs, numbered as the next attempt.
public struct ResumePlan: Sendable {
  private let latest: [Manifest.Key: (entry: ManifestEntry, attempts: Int)]
  private let resumes: Bool
  private let retriesFailures: Bool

  /// A plan over `manifest`; without `resume` every input runs (attempts still count on).
  public init(manifest: Manifest, outputName: (ManifestEntry) -> String, resume: Bool, retryFailed: Bool) {
    latest = manifest.latest(outputName: outputName)
    resumes = resume || retryFailed
    retriesFailures = retryFailed
  }

  /// The decision for an input with `key`; `outputExists` says whether the output file is there.
  public func decision(for key: Manifest.Key, outputExists: (String) -> Bool) -> ResumeDecision {
    guard let (entry, attempts) = latest[key] else { return .run(attempt: 1) }
    guard resumes else { return .run(attempt: attempts + 1) }
    switch entry.status {
    case .ok where outputExists(key.output): return .skip(entry)
    case .ok: return .run(attempt: attempts + 1)
    case .failed, .timeout, .crashed: return retriesFailures ? .run(attempt: attempts + 1) : .skip(entry)
    }
  }
}
