/// One table of the tidy model: its columns, keys and indexes, the same in every output format.
public struct ExportTable: Sendable, Equatable {
  /// A foreign key: `columns` of this table refer to `referencedColumns` of `table`.
  public struct ForeignKey: Sendable, Equatable {
    /// The referring columns, in order.
    public let columns: [String]
    /// The table referred to.
    public let table: String
    /// Its key columns, in the same order.
    public let referencedColumns: [String]
  }

  /// The table's name (also the CSV file's stem).
  public let name: String
  /// A short title.
  public let title: String
  /// What one row is.
  public let description: String
  /// The columns in order; exported rows list their values in this order.
  public let columns: [ExportColumn]
  /// The primary key's columns.
  public let primaryKey: [String]
  /// References to other tables.
  public let foreignKeys: [ForeignKey]
  /// Secondary indexes, each a list of columns, for the columns people filter and join on.
  public let indexes: [[String]]
  /// Text columns indexed for full-text search (an SQLite FTS5 `trigram` index, `NAME_fts`).
  public let fullTextColumns: [String]
  /// Columns Datasette offers as facets.
  public let facets: [String]

  /// The position of column `name`, or nil.
  public func index(of name: String) -> Int? {
    columns.firstIndex { $0.name == name }
  }
}
