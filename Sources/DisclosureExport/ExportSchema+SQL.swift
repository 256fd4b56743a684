/// The SQLite statements of the tidy model, as text (this module does no I/O).
extension ExportSchema {
  /// `CREATE TABLE`, `CREATE INDEX`, the FTS5 indexes and their triggers, all `IF NOT EXISTS`.
  /// Tables without a full-text index are `WITHOUT ROWID`.
  ///
  /// Full-text indexes are FTS5 tables with external content (`NAME_fts`, `content=[NAME]`, the
  /// form Datasette recognizes for its search box), kept in step by triggers, with the `trigram`
  /// tokenizer: it needs no word segmentation, so it works for Chinese, but a query term must
  /// have at least three characters.
  public static var createStatements: [String] {
    var statements: [String] = []
    for table in tables {
      var lines = table.columns.map { column in
        "  \(quoted(column.name)) \(sqlType(column.kind))\(column.isRequired ? " NOT NULL" : "")\(column.isUnique ? " UNIQUE" : "")"
      }
      lines.append("  PRIMARY KEY (\(table.primaryKey.map(quoted).joined(separator: ", ")))")
      for key in table.foreignKeys {
        lines.append(
          "  FOREIGN KEY (\(key.columns.map(quoted).joined(separator: ", "))) REFERENCES "
            + "\(quoted(key.table)) (\(key.referencedColumns.map(quoted).joined(separator: ", ")))")
      }
      // A table without a full-text index needs no rowid: WITHOUT ROWID keeps its rows in the
      // primary key's B-tree, one tree to update per insert instead of two. Full-text indexes
      // refer to their table's rows by rowid, so those tables keep it.
      let rowid = table.fullTextColumns.isEmpty ? " WITHOUT ROWID" : ""
      statements.append("CREATE TABLE IF NOT EXISTS \(quoted(table.name)) (\n\(lines.joined(separator: ",\n"))\n)\(rowid)")
      for columns in table.indexes {
        statements.append(
          "CREATE INDEX IF NOT EXISTS \(quoted(indexName(of: table, columns))) ON \(quoted(table.name)) (\(columns.map(quoted).joined(separator: ", ")))")
      }
      guard !table.fullTextColumns.isEmpty else { continue }
      let fts = table.name + "_fts"
      let columns = table.fullTextColumns.map(quoted).joined(separator: ", ")
      let new = table.fullTextColumns.map { "new.\(quoted($0))" }.joined(separator: ", ")
      let old = table.fullTextColumns.map { "old.\(quoted($0))" }.joined(separator: ", ")
      statements += [
        "CREATE VIRTUAL TABLE IF NOT EXISTS \(quoted(fts)) USING fts5(\(columns), content=[\(table.name)], tokenize='trigram')",
        """
        CREATE TRIGGER IF NOT EXISTS \(quoted(table.name + "_ai")) AFTER INSERT ON \(quoted(table.name)) BEGIN
          INSERT INTO \(quoted(fts)) (rowid, \(columns)) VALUES (new.rowid, \(new));
        END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS \(quoted(table.name + "_ad")) AFTER DELETE ON \(quoted(table.name)) BEGIN
          INSERT INTO \(quoted(fts)) (\(quoted(fts)), rowid, \(columns)) VALUES ('delete', old.rowid, \(old));
        END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS \(quoted(table.name + "_au")) AFTER UPDATE ON \(quoted(table.name)) BEGIN
          INSERT INTO \(quoted(fts)) (\(quoted(fts)), rowid, \(columns)) VALUES ('delete', old.rowid, \(old));
          INSERT INTO \(quoted(fts)) (rowid, \(columns)) VALUES (new.rowid, \(new));
        END
        """,
      ]
    }
    return statements
  }

  /// `DROP INDEX` for every secondary index (``ExportTable/indexes``); ``createStatements``
  /// builds them again. A run that writes at least as many documents as the database holds drops
  /// them first: building an index once from its sorted rows costs a fraction of keeping it up
  /// to date row by row.
  public static var dropSecondaryIndexStatements: [String] {
    tables.flatMap { table in
      table.indexes.map { columns in "DROP INDEX IF EXISTS \(quoted(indexName(of: table, columns)))" }
    }
  }

  /// The name of the secondary index of `table` on `columns`.
  static func indexName(of table: ExportTable, _ columns: [String]) -> String {
    "\(table.name)_\(columns.joined(separator: "_"))"
  }

  /// Run on a database about to be written in one transaction (see the CLI's SQLite writer):
  /// drops the full-text insert and delete triggers, so that no statement touches an FTS5 table
  /// before the commit, and creates the temporary tables that ``keepIndexedStatements`` and
  /// ``noteWrittenStatement`` fill. ``deferredFullTextCommit`` then brings the indexes up to
  /// date and ``createStatements`` restores the triggers.
  public static var deferredFullTextSetup: [String] {
    var statements = ["CREATE TEMP TABLE IF NOT EXISTS \"written_documents\" (\"key\" INTEGER PRIMARY KEY)"]
    for table in tables where !table.fullTextColumns.isEmpty {
      let columns = table.fullTextColumns.map(quoted).joined(separator: ", ")
      statements += [
        "DROP TRIGGER IF EXISTS \(quoted(table.name + "_ai"))",
        "DROP TRIGGER IF EXISTS \(quoted(table.name + "_ad"))",
        "CREATE TEMP TABLE IF NOT EXISTS \(quoted(table.name + "_unindex")) (rowid INTEGER PRIMARY KEY, \(columns))",
      ]
    }
    return statements
  }

  /// One statement per full-text table: keeps the indexed text of one document's rows (its key
  /// the parameter) before they are deleted, so the commit can delete it from the index.
  public static var keepIndexedStatements: [String] {
    tables.filter { !$0.fullTextColumns.isEmpty }.map { table in
      let columns = table.fullTextColumns.map(quoted).joined(separator: ", ")
      return "INSERT INTO \(quoted(table.name + "_unindex")) (rowid, \(columns)) SELECT rowid, \(columns) FROM "
        + "\(quoted(table.name)) WHERE \(quoted(documentColumn(of: table))) = ?"
    }
  }

  /// Notes one document (its key the parameter) as written in this run.
  public static let noteWrittenStatement = "INSERT OR IGNORE INTO \"written_documents\" (\"key\") VALUES (?)"

  /// Deletes the kept text from each full-text index, then indexes the rows of the documents
  /// written (deletes first: a new row may have taken a deleted row's rowid).
  public static var deferredFullTextCommit: [String] {
    var statements: [String] = []
    for table in tables where !table.fullTextColumns.isEmpty {
      let fts = quoted(table.name + "_fts")
      let columns = table.fullTextColumns.map(quoted).joined(separator: ", ")
      statements += [
        "INSERT INTO \(fts) (\(fts), rowid, \(columns)) SELECT 'delete', rowid, \(columns) FROM \(quoted(table.name + "_unindex")) ORDER BY rowid",
        "INSERT INTO \(fts) (rowid, \(columns)) SELECT rowid, \(columns) FROM \(quoted(table.name)) "
          + "WHERE \(quoted(documentColumn(of: table))) IN (SELECT \"key\" FROM \"written_documents\") ORDER BY rowid",
        "DELETE FROM \(quoted(table.name + "_unindex"))",
      ]
    }
    statements.append("DELETE FROM \"written_documents\"")
    return statements
  }

  /// `INSERT INTO table (…) VALUES (?, …)` with one parameter per column, in column order.
  public static func insertStatement(for table: ExportTable) -> String {
    let names = table.columns.map { quoted($0.name) }.joined(separator: ", ")
    let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
    return "INSERT INTO \(quoted(table.name)) (\(names)) VALUES (\(marks))"
  }

  /// `DELETE FROM table WHERE <document column> = ?`: removes one document's rows (by key).
  public static func deleteStatement(for table: ExportTable) -> String {
    "DELETE FROM \(quoted(table.name)) WHERE \(quoted(documentColumn(of: table))) = ?"
  }

  /// The column holding the document's key: `key` in `documents`, `document` elsewhere.
  public static func documentColumn(of table: ExportTable) -> String {
    table.name == documents.name ? "key" : "document"
  }

  /// The SQLite type of a column kind (see ``ExportColumn/Kind``).
  public static func sqlType(_ kind: ExportColumn.Kind) -> String {
    switch kind {
    case .integer, .boolean: "INTEGER"
    case .real: "REAL"
    case .decimal, .text, .date, .jsonArray, .jsonObject: "TEXT"
    }
  }

  /// An SQL identifier in double quotes.
  static func quoted(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
