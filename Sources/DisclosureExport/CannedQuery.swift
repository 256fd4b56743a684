/// A named SQL query over the export, offered by Datasette and shown in the README.
public struct CannedQuery: Sendable, Equatable {
  /// The query's name in Datasette's URL (`/corpus/NAME`).
  public let name: String
  /// A short title.
  public let title: String
  /// What it answers.
  public let description: String
  /// The SQL; `:name` parameters become form fields.
  public let sql: String

  /// The queries `disclosure export --sqlite` puts in Datasette's `metadata.json`.
  public static let all: [CannedQuery] = [threePublic, largestProjects, failingChecks, search]

  /// 三公经费 (travel abroad, official reception, official vehicles) by department and year.
  public static let threePublic = CannedQuery(
    name: "three_public",
    title: "三公经费 by department and year",
    description:
      "Every amount of each document's 三公经费 table (three_public_expense): per item the total column "
      + "(合计) where items are rows, every column where items are columns; amount_yuan in 元.",
    sql: """
      SELECT d.department, d.year, d.kind, coalesce(c.row_label, c.column_name) AS item,
        c.column_name, c.printed, c.unit, c.amount_yuan, c.page, d.file
      FROM cells c
      JOIN tables t ON t.document = c.document AND t.table_index = c.table_index
      JOIN documents d ON d.key = c.document
      WHERE t.kind = 'three_public_expense' AND (c.row_label IS NULL OR c.column_name LIKE '%合计%')
      ORDER BY d.department, d.year, c.row_number, c.column_number
      """)

  /// The largest projects of the project expenditure tables.
  public static let largestProjects = CannedQuery(
    name: "largest_projects",
    title: "The largest projects",
    description:
      "Projects (项目名称) of the 一般公共预算项目支出 tables by their total (the 合计 column), largest first, in 元.",
    sql: """
      SELECT d.department, d.year, c.project, c.row_label AS subject, c.code, c.printed, c.unit,
        c.amount_yuan, c.page, d.file
      FROM cells c
      JOIN tables t ON t.document = c.document AND t.table_index = c.table_index
      JOIN documents d ON d.key = c.document
      WHERE t.kind = 'general_budget_project_expense' AND c.project IS NOT NULL
        AND c.column_name LIKE '%合计%'
      ORDER BY CAST(c.amount_yuan AS REAL) DESC, d.department, c.project
      LIMIT 100
      """)

  /// Documents whose consistency checks fail, with each failing finding and its figures.
  public static let failingChecks = CannedQuery(
    name: "failing_checks",
    title: "Documents with failing checks",
    description:
      "Each failing consistency finding (disclosure check) with its document and the figures it compares, "
      + "where they are printed.",
    sql: """
      SELECT d.department, d.year, d.file, d.findings_fail, f.finding_number, f.rule, f.message,
        f.expected, f.found, f.difference,
        (SELECT group_concat(g.role || ' ' || coalesce(g.value, '') || coalesce(' p' || g.page, ''), '; ')
          FROM finding_figures g
          WHERE g.document = f.document AND g.finding_number = f.finding_number) AS figures
      FROM findings f
      JOIN documents d ON d.key = f.document
      WHERE f.status = 'fail'
      ORDER BY d.department, d.year, d.file, f.finding_number
      """)

  /// Full-text search of paragraphs.
  public static let search = CannedQuery(
    name: "search_paragraphs",
    title: "Search paragraphs",
    description:
      "Paragraphs containing the words of :q (FTS5 trigram index: each term needs at least three "
      + "characters; quote a phrase with spaces as \"…\").",
    sql: """
      SELECT d.department, d.year, p.path, p.heading, p.text, d.file
      FROM paragraphs_fts
      JOIN paragraphs p ON p.rowid = paragraphs_fts.rowid
      JOIN documents d ON d.key = p.document
      WHERE paragraphs_fts MATCH :q
      ORDER BY d.department, d.year, p.section_number, p.paragraph_number
      LIMIT 200
      """)
}
