/// What stops a pipeline file (or a template it names) from being used.
public enum PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No file at the path.
  case missing(path: String)
  /// The file exists but cannot be read.
  case unreadable(path: String, reason: String)
  /// The file is not valid JSON, or not a JSON object.
  case invalidJSON(path: String, reason: String)
  /// A key the format does not define (a typo, or a key from a newer format).
  case unknownKey(path: String, key: String)
  /// A required key is absent.
  case missingKey(path: String, key: String)
  /// A key holds a value of the wrong type or out of range.
  case badValue(path: String, key: String, reason: String)
  /// A stage name that is not one of ``PipelineDefinition/Stage``.
  case unknownStage(path: String, name: String)
  /// The file's format version is newer than this build reads.
  case newerVersion(path: String, version: Int, supported: Int)
  /// A template the pipeline names cannot be decoded.
  case badTemplate(path: String, reason: String)
  /// A check rule file the pipeline names cannot be used.
  case badChecks(path: String, reason: String)

  /// The file the error is about.
  public var path: String {
    switch self {
    case .missing(let p), .unreadable(let p, _), .invalidJSON(let p, _), .unknownKey(let p, _),
      .missingKey(let p, _), .badValue(let p, _, _), .unknownStage(let p, _), .newerVersion(let p, _, _),
      .badTemplate(let p, _), .badChecks(let p, _):
      p
    }
  }

  /// `path: reason`, lowercase, no trailing period.
  public var description: String {
    switch self {
    case .missing(let p): "\(p): no such file"
    case .unreadable(let p, let r): "\(p): cannot be read: \(r)"
    case .invalidJSON(let p, let r): "\(p): not a pipeline file: \(r)"
    case .unknownKey(let p, let k): "\(p): unknown key \"\(k)\""
    case .missingKey(let p, let k): "\(p): missing key \"\(k)\""
    case .badValue(let p, let k, let r): "\(p): bad value for \"\(k)\": \(r)"
    case .unknownStage(let p, let n):
      "\(p): unknown stage \"\(n)\" (known: \(PipelineDefinition.Stage.allCases.map(\.rawValue).joined(separator: ", ")))"
    case .newerVersion(let p, let v, let s): "\(p): version \(v) is newer than this build reads (\(s))"
    case .badTemplate(let p, let r): "\(p): bad template: \(r)"
    case .badChecks(let p, let r): "\(p): bad check rules: \(r)"
    }
  }
}
