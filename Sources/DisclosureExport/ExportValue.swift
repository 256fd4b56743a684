/// One field of an exported row, typed as the column it fills.
public enum ExportValue: Sendable, Hashable {
  /// No value: SQL `NULL`, an empty CSV field.
  case null
  /// A whole number (counts, years, pages, positions).
  case integer(Int)
  /// An exact decimal as plain text (`-12.5`, never `1.25e1`); amounts are always this.
  case decimal(String)
  /// A binary floating-point measure: page coordinates only, never money.
  case real(Double)
  /// Text as printed.
  case text(String)
  /// A Boolean.
  case boolean(Bool)

  /// `.text` for a string, `.null` for nil.
  static func text(_ value: String?) -> ExportValue { value.map(ExportValue.text) ?? .null }

  /// `.integer` for a number, `.null` for nil.
  static func integer(_ value: Int?) -> ExportValue { value.map(ExportValue.integer) ?? .null }

  /// `.decimal` for a text, `.null` for nil.
  static func decimal(_ value: String?) -> ExportValue { value.map(ExportValue.decimal) ?? .null }
}
