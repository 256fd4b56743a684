/// Why a file cannot be exported: it is not a `disclosure/1` document.
public struct ExportError: Error, CustomStringConvertible, Equatable {
  /// What is wrong: lowercase, no trailing period.
  public let reason: String

  /// Creates an error.
  public init(_ reason: String) {
    self.reason = reason
  }

  /// The reason.
  public var description: String { reason }
}
