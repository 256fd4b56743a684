/// The rows one document contributes to each table of ``ExportSchema``.
public struct ExportBatch: Sendable {
  /// The document's id (its source file's SHA-256).
  public let document: String
  /// Rows by table name; each row lists its values in the table's column order.
  public private(set) var rows: [String: [[ExportValue]]] = [:]

  /// An empty batch for `document`.
  public init(document: String) {
    self.document = document
  }

  /// The rows for `table` (empty when it has none).
  public func rows(of table: String) -> [[ExportValue]] {
    rows[table] ?? []
  }

  /// Adds a row to `table`, its values by column name; columns not named are null.
  mutating func append(_ table: ExportTable, _ values: [String: ExportValue]) {
    assert(values.keys.allSatisfy { table.index(of: $0) != nil }, "unknown column in \(values.keys)")
    rows[table.name, default: []].append(table.columns.map { values[$0.name] ?? .null })
  }
}
