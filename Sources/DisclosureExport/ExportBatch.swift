/// The rows one document contributes to each table of ``ExportSchema``.
public struct ExportBatch: Sendable {
  /// The document's id (its source file's SHA-256).
  public let document: String
  /// The document's key in the tables (``DocumentKey``).
  public let key: Int
  /// Rows by table name; each row lists its values in the table's column order.
  public private(set) var rows: [String: [[ExportValue]]] = [:]

  /// An empty batch for `document` (its source SHA-256).
  public init(document: String) {
    self.document = document
    self.key = DocumentKey.key(of: document)
  }

  /// The rows for `table` (empty when it has none).
  public func rows(of table: String) -> [[ExportValue]] {
    rows[table] ?? []
  }

  /// Adds a row to `table`, its values in column order.
  ///
  /// Positional rather than by name: naming each value made flattening a third slower. The
  /// flattener marks every value with its column's name, and the tests read columns by name.
  mutating func append(_ table: ExportTable, _ values: [ExportValue]) {
    precondition(values.count == table.columns.count, "\(table.name): \(values.count) values for \(table.columns.count) columns")
    rows[table.name, default: []].append(values)
  }
}
