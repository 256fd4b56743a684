import DisclosureKit

/// Datasette's `metadata.json` for an export database: titles, descriptions, column
/// descriptions (with units), facets and the canned queries (``CannedQuery``).
public enum DatasetteMetadata {
  /// The metadata for a database Datasette serves as `database` (the file's stem: `corpus` for
  /// `corpus.db`).
  public static func metadata(database: String) -> JSONValue {
    var tables: [String: JSONValue] = [:]
    for table in ExportSchema.tables {
      var entry: [String: JSONValue] = [
        "title": .string(table.title),
        "description": .string(table.description),
        "columns": .object(
          Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, JSONValue.string($0.description)) })),
      ]
      if !table.facets.isEmpty { entry["facets"] = .array(table.facets.map(JSONValue.string)) }
      if table.name == ExportSchema.documents.name { entry["label_column"] = "file" }
      tables[table.name] = .object(entry)
    }
    var queries: [String: JSONValue] = [:]
    for query in CannedQuery.all {
      queries[query.name] = .object([
        "title": .string(query.title), "description": .string(query.description), "sql": .string(query.sql),
      ])
    }
    return .object([
      "title": "Chinese government budget disclosures",
      "description": .string(
        "部门预算/决算 disclosure documents as `disclosure export` writes them: documents, tables, amounts "
          + "(cells, exact decimals; amount_yuan in 元), sections and paragraphs (full-text search needs "
          + "at least three characters per term), performance indicators and consistency findings."),
      "source": "disclosure/1 JSON (disclosure ingest)",
      "databases": .object([
        database: .object([
          "description": "One row per document in documents; every other table refers to documents.id.",
          "tables": .object(tables),
          "queries": .object(queries),
        ])
      ]),
    ])
  }
}
