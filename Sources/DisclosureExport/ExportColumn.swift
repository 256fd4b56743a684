/// One column of an exported table: the same name, type and description in SQLite, in the CSV
/// files' Frictionless schema and in Datasette's metadata.
public struct ExportColumn: Sendable, Equatable {
  /// What a column holds, which decides its SQLite and Frictionless types.
  public enum Kind: String, Sendable {
    /// Whole numbers: SQLite `INTEGER`, Frictionless `integer`.
    case integer
    /// Exact decimals as text: SQLite `TEXT` (so no digit is ever lost to binary floating
    /// point), Frictionless `number`.
    case decimal
    /// Page coordinates in points: SQLite `REAL`, Frictionless `number`.
    case real
    /// Text: SQLite `TEXT`, Frictionless `string`.
    case text
    /// `true`/`false`: SQLite `INTEGER` 1/0, Frictionless `boolean`.
    case boolean
    /// An ISO 8601 date `YYYY-MM-DD`: SQLite `TEXT`, Frictionless `date`.
    case date
    /// A JSON array as text: SQLite `TEXT`, Frictionless `array`.
    case jsonArray
    /// A JSON object as text: SQLite `TEXT`, Frictionless `object`.
    case jsonObject
  }

  /// The column's name (lowercase, snake case, never an SQL keyword).
  public let name: String
  /// What it holds.
  public let kind: Kind
  /// One sentence for people reading the data.
  public let description: String
  /// Whether every row has a value.
  public let isRequired: Bool
  /// Whether no two rows have the same value.
  public let isUnique: Bool

  /// Creates a column.
  public init(_ name: String, _ kind: Kind, _ description: String, required: Bool = false, unique: Bool = false) {
    self.name = name
    self.kind = kind
    self.description = description
    self.isRequired = required
    self.isUnique = unique
  }
}
