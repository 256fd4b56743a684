/// The tidy model that `disclosure export` writes, one definition for SQLite, CSV and Datasette.
///
/// Every table but `documents` starts with `document`, the document's `key` (an integer from
/// the source file's SHA-256, which is `documents.id`: short keys keep tables and indexes small);
/// positions (`row_number`, `column_number`, …) count from 1 in the order the JSON lists them.
/// Amounts are exact decimal text: `amount` in the table's unit, `amount_yuan` in 元.
public enum ExportSchema {
  /// Version of the model, kept in SQLite's `user_version`; an export refuses a database with
  /// another version rather than mixing two models.
  public static let version = 1

  /// The tables in dependency order (a table's references come before it).
  public static let tables: [ExportTable] = [
    documents, tablesTable, rows, cells, sections, paragraphs, performanceTables, performanceIndicators, findings,
    findingFigures,
  ]

  /// The table named `name`, or nil.
  public static func table(named name: String) -> ExportTable? {
    tables.first { $0.name == name }
  }

  private typealias Column = ExportColumn

  private static let document = Column(
    "document", .integer, "The document (documents.key).", required: true)
  private static let tableIndex = Column(
    "table_index", .integer, "The table's place in the document (1 for the first).", required: true)
  private static let box: [Column] = [
    Column("x0", .real, "Left edge of the printed figure, in points from the page's left edge."),
    Column("top", .real, "Top edge, in points from the page's top edge."),
    Column("x1", .real, "Right edge, in points from the page's left edge."),
    Column("bottom", .real, "Bottom edge, in points from the page's top edge."),
  ]

  private static func reference(_ columns: [String], _ table: String, _ referenced: [String]) -> ExportTable.ForeignKey {
    ExportTable.ForeignKey(columns: columns, table: table, referencedColumns: referenced)
  }

  private static let toDocument = reference(["document"], "documents", ["key"])

  static let documents = ExportTable(
    name: "documents", title: "Documents",
    description: "One row per disclosure document (one disclosure/1 JSON file).",
    columns: [
      Column(
        "key", .integer, "The document's key in the other tables: the first 15 hex digits of id as a number.",
        required: true),
      Column("id", .text, "SHA-256 of the source PDF or text file: the document's identity.", required: true, unique: true),
      Column("file", .text, "The source file's name.", required: true),
      Column("input", .text, "What the source was: pdf or text."),
      Column("department", .text, "The publishing department, as printed."),
      Column("year", .integer, "The budget or final-account year."),
      Column("kind", .text, "budget (部门预算) or final_account (部门决算)."),
      Column("level", .text, "部门 (a department's consolidated disclosure) or 单位 (one unit's), as the title lines print it."),
      Column("publication_date", .date, "The date printed at the end of the document."),
      Column("currency_unit", .text, "The document's money unit, such as 万元."),
      Column("pages", .integer, "Page count of the source."),
      Column("findings_fail", .integer, "Consistency checks that fail.", required: true),
      Column("findings_rounding", .integer, "Checks off by no more than rounding.", required: true),
      Column("findings_pass", .integer, "Checks that hold.", required: true),
      Column("findings_skip", .integer, "Checks that could not run.", required: true),
      Column("json_sha256", .text, "SHA-256 of the disclosure/1 JSON file the row was exported from.", required: true),
    ],
    primaryKey: ["key"], foreignKeys: [], indexes: [["department"], ["year"], ["kind"]], fullTextColumns: [],
    facets: ["department", "year", "kind"])

  // `tables` is the list of all tables, hence the longer name.
  static let tablesTable = ExportTable(
    name: "tables", title: "Tables",
    description: "One row per table printed in a document (表1 … 表10 and others).",
    columns: [
      document, tableIndex,
      Column("table_number", .integer, "The table's number: as printed (表3 is 3), else the one the 目录 gives it, else empty."),
      Column("label", .text, "The label as printed, such as 表3."),
      Column("title", .text, "The title as printed."),
      Column("kind", .text, "The template's name for the table, such as expense_summary or three_public_expense."),
      Column("unit", .text, "The money unit printed above the table, such as 万元."),
      Column("department", .text, "The 编制部门 printed above the table."),
      Column("page", .integer, "The page the table starts on."),
      Column("pages", .jsonArray, "Every page the table is printed on, as a JSON array."),
      Column("header", .jsonArray, "Column names, nested headers joined with /, as a JSON array."),
      Column("empty", .boolean, "Whether the document says the table is empty (无数据).", required: true),
      Column("body_missing", .boolean, "Whether only the title and header are printed.", required: true),
      Column("note", .text, "The note printed with the table, such as why it is empty."),
      Column("row_count", .integer, "Rows printed.", required: true),
    ],
    primaryKey: ["document", "table_index"], foreignKeys: [toDocument], indexes: [["kind"]],
    fullTextColumns: ["title"], facets: ["kind", "unit"])

  static let rows = ExportTable(
    name: "rows", title: "Table rows",
    description: "One row per table row, as printed (wide format: the cells as a JSON array).",
    columns: [
      document, tableIndex,
      Column("row_number", .integer, "Position of the row in the table.", required: true),
      Column("code", .text, "The full budget subject code of the row (类 3 digits, 款 5, 项 7), when it has one."),
      Column("code_level", .text, "类, 款 or 项 from the code's length."),
      Column("page", .integer, "The page the row is printed on."),
      Column("cells", .jsonArray, "Every cell's text as printed, in header order, as a JSON array.", required: true),
      Column("unplaced", .jsonArray, "Amounts printed in the row whose column the input does not show (text input)."),
    ],
    primaryKey: ["document", "table_index", "row_number"],
    foreignKeys: [toDocument, reference(["document", "table_index"], "tables", ["document", "table_index"])],
    indexes: [["code"]], fullTextColumns: [], facets: [])

  static let cells = ExportTable(
    name: "cells", title: "Amounts",
    description:
      "One row per amount printed in a table's rows (long format). Amounts are exact decimal text; "
      + "CAST(amount_yuan AS REAL) sorts them, sum() adds them in floating point.",
    columns: [
      document, tableIndex,
      Column("row_number", .integer, "Position of the row in the table (rows.row_number).", required: true),
      Column("column_number", .integer, "Position of the column in the header.", required: true),
      Column("code", .text, "The budget subject code the amount belongs to, when printed in its row."),
      Column("code_level", .text, "类, 款 or 项 from the code's length."),
      Column("row_label", .text, "The row's name nearest left of the amount (科目名称, 项目 …)."),
      Column("project", .text, "The 项目名称 of the row, in project tables."),
      Column("column_name", .text, "The column's header, nested headers joined with /."),
      Column("printed", .text, "The amount exactly as printed.", required: true),
      Column("amount", .decimal, "The amount in the table's unit, exact.", required: true),
      Column("unit", .text, "The table's unit (the document's when the table prints none)."),
      Column("amount_yuan", .decimal, "The amount in 元, exact (元 ×1, 千元 ×1000, 万元 ×10000, 亿元 ×10^8); empty for an unknown unit."),
      Column("page", .integer, "The page the row is printed on."),
    ] + box.map { Column($0.name, $0.kind, $0.description + " Empty until disclosure/1 rows carry cell boxes (findings' figures do).") },
    primaryKey: ["document", "table_index", "row_number", "column_number"],
    foreignKeys: [
      toDocument,
      reference(["document", "table_index"], "tables", ["document", "table_index"]),
      reference(
        ["document", "table_index", "row_number"], "rows", ["document", "table_index", "row_number"]),
    ],
    indexes: [["code"], ["column_name"], ["row_label"], ["project"]], fullTextColumns: [],
    facets: ["code_level", "column_name"])

  static let sections = ExportTable(
    name: "sections", title: "Sections",
    description: "One row per numbered heading (第一部分, 一、, （一） …), in reading order.",
    columns: [
      document,
      Column("section_number", .integer, "Position of the section in reading order.", required: true),
      Column("parent", .integer, "section_number of the enclosing section."),
      Column("level", .integer, "Nesting depth, 1 for the outermost.", required: true),
      Column("number", .text, "The heading's number as printed (第二部分, 三, （一）)."),
      Column("title", .text, "The heading without its number."),
      Column("heading", .text, "The heading as printed."),
      Column("path", .text, "Numbers from the outermost section down, joined with /.", required: true),
      Column("page", .integer, "The page the heading is printed on."),
    ],
    primaryKey: ["document", "section_number"], foreignKeys: [toDocument], indexes: [["title"]],
    fullTextColumns: [], facets: ["level"])

  static let paragraphs = ExportTable(
    name: "paragraphs", title: "Paragraphs",
    description:
      "One row per paragraph of a section. Full-text search (FTS5 trigram tokenizer) needs at least "
      + "three characters per term; use LIKE for shorter ones.",
    columns: [
      document,
      Column("section_number", .integer, "The section (sections.section_number).", required: true),
      Column("paragraph_number", .integer, "Position of the paragraph in its section.", required: true),
      Column("path", .text, "The section's path (sections.path)."),
      Column("heading", .text, "The section's heading."),
      Column("text", .text, "The paragraph's text.", required: true),
      Column("page", .integer, "The page the section's heading is printed on (disclosure/1 keeps no page per paragraph)."),
    ],
    primaryKey: ["document", "section_number", "paragraph_number"],
    foreignKeys: [toDocument, reference(["document", "section_number"], "sections", ["document", "section_number"])],
    indexes: [], fullTextColumns: ["text"], facets: [])

  static let performanceTables = ExportTable(
    name: "performance_tables", title: "Performance tables",
    description: "One row per project performance table (项目支出绩效目标表).",
    columns: [
      document,
      Column("performance_table", .integer, "Position of the performance table in the document.", required: true),
      Column("title", .text, "The title as printed."),
      Column("year", .integer, "The year in the title."),
      Column("page", .integer, "The page the table starts on."),
      Column("budget_unit", .text, "The 预算单位."),
      Column("project", .text, "The 项目名称."),
      Column("owner", .text, "The 项目负责人."),
      Column("budget_total", .decimal, "The project's funds, total, exact, as printed (usually 万元)."),
      Column("budget_fiscal", .decimal, "Of which fiscal funds (财政拨款)."),
      Column("budget_other", .decimal, "Of which other funds."),
      Column("goal", .text, "The 年度绩效目标."),
      Column("header", .jsonArray, "The indicator columns, as a JSON array."),
    ],
    primaryKey: ["document", "performance_table"], foreignKeys: [toDocument], indexes: [["project"]],
    fullTextColumns: [], facets: [])

  static let performanceIndicators = ExportTable(
    name: "performance_indicators", title: "Performance indicators",
    description: "One row per indicator of a performance table.",
    columns: [
      document,
      Column("performance_table", .integer, "The performance table (performance_tables.performance_table).", required: true),
      Column("indicator_number", .integer, "Position of the indicator in its table.", required: true),
      Column("project", .text, "The project's name."),
      Column("level1", .text, "一级指标."),
      Column("level2", .text, "二级指标."),
      Column("level3", .text, "三级指标."),
      Column("nature", .text, "指标性质 (≥, ≤, ＝, 定性 …), when printed."),
      Column("target", .text, "指标值, the target as printed."),
      Column("measure", .text, "度量单位, when printed."),
      Column("weight", .text, "The indicator's weight or score (权重, 分值), when printed."),
      Column("fields", .jsonObject, "Every field of the indicator by its column name, as a JSON object.", required: true),
    ],
    primaryKey: ["document", "performance_table", "indicator_number"],
    foreignKeys: [
      toDocument,
      reference(["document", "performance_table"], "performance_tables", ["document", "performance_table"]),
    ],
    indexes: [["level1"], ["level2"]], fullTextColumns: [], facets: ["level1", "level2"])

  static let findings = ExportTable(
    name: "findings", title: "Check findings",
    description: "One row per consistency rule applied at one place (disclosure check).",
    columns: [
      document,
      Column("finding_number", .integer, "Position of the finding in the document's report.", required: true),
      Column("rule", .text, "The rule's id in pipelines/checks.", required: true),
      Column("status", .text, "fail, rounding, pass or skip.", required: true),
      Column("message", .text, "What was compared and found.", required: true),
      Column("expected", .decimal, "What the rule computes (a sum of parts, another table's figure)."),
      Column("found", .decimal, "What is printed."),
      Column("difference", .decimal, "found − expected."),
    ],
    primaryKey: ["document", "finding_number"], foreignKeys: [toDocument], indexes: [["status"], ["rule"]],
    fullTextColumns: [], facets: ["status", "rule"])

  static let findingFigures = ExportTable(
    name: "finding_figures", title: "Figures of findings",
    description: "One row per figure a finding compares, with where it is printed.",
    columns: [
      document,
      Column("finding_number", .integer, "The finding (findings.finding_number).", required: true),
      Column("figure_number", .integer, "Position of the figure in the finding.", required: true),
      Column("role", .text, "What the figure is in the rule (total, part, table, heading …).", required: true),
      Column("value", .decimal, "The figure, exact."),
      Column("table_number", .integer, "The table it is printed in."),
      Column("side", .text, "revenue or expenditure, for two-sided tables."),
      Column("row_label", .text, "The row, as the finding names it."),
      Column("column_name", .text, "The column, as the finding names it."),
      Column("performance_table", .integer, "The performance table it is printed in."),
      Column("section", .text, "The section it is printed in."),
      Column("text", .text, "The sentence or title quoted."),
      Column("page", .integer, "The page it is printed on."),
    ] + box,
    primaryKey: ["document", "finding_number", "figure_number"],
    foreignKeys: [toDocument, reference(["document", "finding_number"], "findings", ["document", "finding_number"])],
    indexes: [], fullTextColumns: [], facets: ["role"])
}
