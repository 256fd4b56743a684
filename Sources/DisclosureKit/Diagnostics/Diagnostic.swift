/// Something a stage noticed about a document: where, how serious, and what.
public struct Diagnostic: Sendable, Hashable, Comparable {
  /// How serious a finding is.
  public enum Severity: String, Sendable, Codable, Comparable {
    /// Worth knowing; output is complete.
    case note
    /// Output may be incomplete or uncertain here.
    case warning
    /// Output is known to be missing something here.
    case error

    private var rank: Int {
      switch self {
      case .note: 0
      case .warning: 1
      case .error: 2
      }
    }

    /// Orders by seriousness.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  /// The pipeline stage that reported it.
  public enum Stage: String, Sendable, Codable, CaseIterable {
    /// Reading the file.
    case extract
    /// Rebuilding cells, lines and paragraphs.
    case normalize
    /// Finding sections and tables.
    case segment
    /// Reconstructing table rows.
    case rows
    /// Writing output.
    case emit
    /// Consistency checks.
    case check
  }

  /// How serious.
  public var severity: Severity
  /// Which stage.
  public var stage: Stage
  /// Lowercase message, no trailing period.
  public var message: String
  /// 1-based page, when the finding has one.
  public var page: Int?
  /// Area on the page, when known.
  public var box: Box?

  /// Creates a diagnostic.
  public init(_ severity: Severity, _ stage: Stage, _ message: String, page: Int? = nil, box: Box? = nil) {
    self.severity = severity
    self.stage = stage
    self.message = message
    self.page = page
    self.box = box
  }

  /// Deterministic order: page (page-less first), stage, then message.
  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    let lp = lhs.page ?? 0
    let rp = rhs.page ?? 0
    if lp != rp { return lp < rp }
    if lhs.stage != rhs.stage {
      return (Stage.allCases.firstIndex(of: lhs.stage) ?? 0) < (Stage.allCases.firstIndex(of: rhs.stage) ?? 0)
    }
    if lhs.message != rhs.message { return lhs.message < rhs.message }
    return lhs.severity < rhs.severity
  }

  /// `file:p3: warning: [rows] message`, the form compilers use.
  public func formatted(file: String) -> String {
    let location = page.map { "\(file):p\($0)" } ?? file
    return "\(location): \(severity.rawValue): [\(stage.rawValue)] \(message)"
  }
}
