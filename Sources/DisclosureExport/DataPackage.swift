import DisclosureKit

/// The Frictionless Data Package descriptor (`datapackage.json`) of the CSV export: one tabular
/// resource per table with its fields, types, primary key and foreign keys.
public enum DataPackage {
  /// The descriptor; `name` is the package's name (lowercase letters, digits, `-`, `_`, `.`).
  public static func descriptor(name: String = "disclosure-export") -> JSONValue {
    .object([
      "name": .string(name),
      "title": "Chinese government budget disclosures (disclosure/1 export)",
      "description": .string(
        "Tables, amounts, sections, paragraphs, performance indicators and consistency findings of "
          + "部门预算/决算 disclosure documents, exported by `disclosure export`. Amounts are exact "
          + "decimals; amount_yuan is in 元."),
      "profile": "tabular-data-package",
      "resources": .array(ExportSchema.tables.map(resource)),
    ])
  }

  /// The CSV file name of a table.
  public static func fileName(of table: ExportTable) -> String { table.name + ".csv" }

  private static func resource(_ table: ExportTable) -> JSONValue {
    var schema: [String: JSONValue] = [
      "fields": .array(table.columns.map(field)),
      "primaryKey": .array(table.primaryKey.map(JSONValue.string)),
      // Only empty fields are missing: "NA" or "-" are text a table may print.
      "missingValues": [""],
    ]
    if !table.foreignKeys.isEmpty {
      schema["foreignKeys"] = .array(
        table.foreignKeys.map { key in
          .object([
            "fields": .array(key.columns.map(JSONValue.string)),
            "reference": .object([
              "resource": .string(key.table),
              "fields": .array(key.referencedColumns.map(JSONValue.string)),
            ]),
          ])
        })
    }
    return .object([
      "name": .string(table.name),
      "title": .string(table.title),
      "description": .string(table.description),
      "path": .string(fileName(of: table)),
      "profile": "tabular-data-resource",
      "format": "csv",
      "mediatype": "text/csv",
      "encoding": "utf-8-sig",
      "dialect": .object(["delimiter": ",", "quoteChar": "\"", "doubleQuote": true, "lineTerminator": "\r\n"]),
      "schema": .object(schema),
    ])
  }

  private static func field(_ column: ExportColumn) -> JSONValue {
    var field: [String: JSONValue] = [
      "name": .string(column.name),
      "type": .string(type(of: column.kind)),
      "description": .string(column.description),
    ]
    var constraints: [String: JSONValue] = [:]
    if column.isRequired { constraints["required"] = true }
    if column.isUnique { constraints["unique"] = true }
    if !constraints.isEmpty { field["constraints"] = .object(constraints) }
    return .object(field)
  }

  /// The Frictionless type of a column kind.
  static func type(of kind: ExportColumn.Kind) -> String {
    switch kind {
    case .integer: "integer"
    case .decimal, .real: "number"
    case .text: "string"
    case .boolean: "boolean"
    case .date: "date"
    case .jsonArray: "array"
    case .jsonObject: "object"
    }
  }
}
