/// A value bound to or read from an SQLite statement, in SQLite's own storage classes.
public enum SQLiteValue: Sendable, Hashable {
  /// SQL `NULL`.
  case null
  /// A 64-bit signed integer.
  case integer(Int64)
  /// An IEEE 754 double (only for measures such as coordinates, never for money).
  case real(Double)
  /// UTF-8 text, stored byte for byte.
  case text(String)

  /// The text when this is `.text`, otherwise nil.
  public var textValue: String? {
    guard case .text(let value) = self else { return nil }
    return value
  }

  /// The integer when this is `.integer`, otherwise nil.
  public var integerValue: Int64? {
    guard case .integer(let value) = self else { return nil }
    return value
  }
}
