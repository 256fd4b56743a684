import Foundation

/// A disclosure document as the pipeline recovers it: what `disclosure/1` JSON holds.
public struct DisclosureDocument: Sendable, Hashable {
  /// Where it came from.
  public var source: RawDocument.Source
  /// Department, year, kind, publication date, unit.
  public var metadata: Metadata
  /// Parts and numbered headings with their paragraphs.
  public var sections: [Section]
  /// The standard tables.
  public var tables: [Table]
  /// 项目支出绩效目标表 and similar target tables.
  public var performanceTables: [PerformanceTable]
  /// 名词解释 as term and definition.
  public var glossary: [GlossaryEntry]
  /// The signature block after the glossary.
  public var closing: Closing?
  /// Everything the stages noticed, sorted.
  public var diagnostics: [Diagnostic]
  /// What the consistency checks found, in rule order.
  public var checks: [CheckFinding]
  /// The lines of the table of contents (目录), as printed, for the checks (a table listed
  /// there must be in the document). Not written out.
  public var contents: [String] = []

  /// Creates a document.
  public init(
    source: RawDocument.Source, metadata: Metadata = Metadata(), sections: [Section] = [], tables: [Table] = [],
    performanceTables: [PerformanceTable] = [], glossary: [GlossaryEntry] = [], closing: Closing? = nil,
    diagnostics: [Diagnostic] = [], checks: [CheckFinding] = []
  ) {
    self.source = source
    self.metadata = metadata
    self.sections = sections
    self.tables = tables
    self.performanceTables = performanceTables
    self.glossary = glossary
    self.closing = closing
    self.diagnostics = diagnostics
    self.checks = checks
  }
}

/// Document-level facts.
public struct Metadata: Sendable, Hashable {
  /// `budget` (预算) or `final_account` (决算).
  public var kind: String?
  /// The department's full name as printed.
  public var department: String?
  /// The budget year.
  public var year: Int?
  /// `YYYY-MM-DD`.
  public var publicationDate: String?
  /// 万元 or 元.
  public var currencyUnit: String?
  /// `部门` (a department's consolidated 部门预算/部门决算) or `单位` (one unit's 单位预算/单位决算),
  /// as the title lines print it; nil when they print neither.
  public var level: String?

  /// Creates metadata.
  public init(
    kind: String? = nil, department: String? = nil, year: Int? = nil, publicationDate: String? = nil,
    currencyUnit: String? = nil, level: String? = nil
  ) {
    self.kind = kind
    self.department = department
    self.year = year
    self.publicationDate = publicationDate
    self.currencyUnit = currencyUnit
    self.level = level
  }
}

/// A part (第一部分) or numbered heading (一、 （一） 1. （1）) with its body.
public struct Section: Sendable, Hashable {
  /// 1 for parts, 2 for 一、, 3 for （一）, 4 for 1., 5 for （1）.
  public var level: Int
  /// The number as printed without punctuation: 第一部分, 一, 1.
  public var number: String
  /// The heading without its number.
  public var title: String
  /// The heading as printed.
  public var heading: String
  /// Page where the heading is printed.
  public var page: Int
  /// Body paragraphs directly under the heading.
  public var paragraphs: [String]
  /// Sub-sections.
  public var children: [Section]
  /// Numbers of the standard tables printed in this section.
  public var tables: [Int]
  /// Indices of the performance tables printed in this section.
  public var performanceTables: [Int]

  /// Creates a section.
  public init(
    level: Int, number: String, title: String, heading: String, page: Int, paragraphs: [String] = [],
    children: [Section] = [], tables: [Int] = [], performanceTables: [Int] = []
  ) {
    self.level = level
    self.number = number
    self.title = title
    self.heading = heading
    self.page = page
    self.paragraphs = paragraphs
    self.children = children
    self.tables = tables
    self.performanceTables = performanceTables
  }
}

/// One standard table with its rows.
public struct Table: Sendable, Hashable {
  /// The kind of a table whose title matches no template entry.
  public static let otherKind = "other"
  /// 1-based number (表3 → 3).
  public var number: Int
  /// The printed label: 表3, 附表3, or the ordinal.
  public var label: String
  /// The title as printed.
  public var title: String
  /// Template kind (`expense_summary` …), nil when the title matches no template entry.
  public var kind: String?
  /// 编制部门 / 编制单位.
  public var department: String?
  /// 万元 or 元.
  public var unit: String?
  /// Pages the table spans.
  public var pages: [Int]
  /// Column names, multi-level headers joined with `/`.
  public var header: [String]
  /// Per column: `code`, `text` or `amount`.
  public var columnKinds: [String]
  /// Body rows in printed order.
  public var rows: [Row]
  /// Whether the table holds no data.
  public var empty: Bool
  /// The note printed under the table.
  public var note: String?
  /// Two-sided tables: the revenue side as its own rows.
  public var revenue: [Row]?
  /// Two-sided tables: the expenditure side as its own rows.
  public var expenditure: [Row]?
  /// Whether the document prints the table's title and header but no body.
  public var bodyMissing = false
  /// Whether `number` comes from the list of contents (目录) rather than a printed label.
  public var numberFromContents = false
  /// Read by OCR, whether `number` is the one between the labels of the tables before and after
  /// it (表1 read as 表], above 表2): its own label was printed but misread.
  public var numberFromNeighbours = false
  /// Whether the document gives the table its number: a printed label, the 目录, or (read by
  /// OCR) its neighbours' labels. Otherwise `number` is only the table's place among the others,
  /// and the JSON says `null`.
  public var numberPrinted: Bool { !label.isEmpty || numberFromContents || numberFromNeighbours }
  /// How diagnostics and findings name the table: its printed label, else `table N`.
  public var name: String {
    if !label.isEmpty { return label }
    if numberFromContents || numberFromNeighbours { return "table \(number)" }
    return title.isEmpty ? "the untitled table on p\(pages.first ?? 0)" : "“\(title)” (p\(pages.first ?? 0))"
  }
  /// Text input only, between stages: the whole-table column placements the table's own sums
  /// leave open, for the checks across tables to choose from. Never written out.
  public var placementAlternatives: [[Row]] = []

  /// Creates a table.
  public init(
    number: Int, label: String, title: String, kind: String? = nil, department: String? = nil,
    unit: String? = nil, pages: [Int] = [], header: [String] = [], columnKinds: [String] = [],
    rows: [Row] = [], empty: Bool = false, note: String? = nil, revenue: [Row]? = nil, expenditure: [Row]? = nil
  ) {
    self.number = number
    self.label = label
    self.title = title
    self.kind = kind
    self.department = department
    self.unit = unit
    self.pages = pages
    self.header = header
    self.columnKinds = columnKinds
    self.rows = rows
    self.empty = empty
    self.note = note
    self.revenue = revenue
    self.expenditure = expenditure
  }
}

/// One printed body row.
public struct Row: Sendable, Hashable {
  /// Printed cell strings, normalised; empty cells are "".
  public var cells: [String]
  /// Per cell: the exact amount, or nil.
  public var values: [Decimal?]
  /// The full classification code (2080101), when the row has one.
  public var code: String?
  /// The page the row starts on.
  public var page: Int
  /// Amounts printed in the row whose column the input does not show (text input, where the
  /// table's sums leave several placements open); empty almost always.
  public var unplaced: [String] = []
  /// Per cell: where it is printed (PDF input), nil for an empty cell; empty for text input.
  /// Between stages only, for the checks' findings; not written with the row.
  public var locations: [CellLocation?] = []

  /// Creates a row.
  public init(
    cells: [String], values: [Decimal?] = [], code: String? = nil, page: Int, unplaced: [String] = [],
    locations: [CellLocation?] = []
  ) {
    self.cells = cells
    self.values = values.isEmpty ? cells.map { _ in nil } : values
    self.code = code
    self.page = page
    self.unplaced = unplaced
    self.locations = locations
  }

  /// Where cell `column` is printed, when known.
  public func location(_ column: Int) -> CellLocation? {
    column < locations.count ? locations[column] : nil
  }
}

/// Where a printed cell (or a field of a performance table) is: its page and its box in points.
public struct CellLocation: Sendable, Hashable {
  /// 1-based page.
  public var page: Int
  /// The cell's box (a grid cell's borders, or the extent of the text read into it).
  public var box: Box
  /// How far right of a grid cell's left border its text starts, in points (a label indented to
  /// show its level in a table that prints no codes); nil where there are no borders.
  public var indent: Double?

  /// Creates a location.
  public init(page: Int, box: Box, indent: Double? = nil) {
    self.page = page
    self.box = box
    self.indent = indent
  }

  /// Both locations as one: the union of the boxes on the same page, else the first.
  public static func merged(_ first: CellLocation?, _ second: CellLocation?) -> CellLocation? {
    guard let first else { return second }
    guard let second, second.page == first.page else { return first }
    return CellLocation(page: first.page, box: first.box.union(second.box), indent: first.indent)
  }
}

/// A 项目支出绩效目标表.
public struct PerformanceTable: Sendable, Hashable {
  /// 年度预算总额, 其中：财政拨款, 其他资金.
  public struct Budget: Sendable, Hashable {
    /// 年度预算总额.
    public var total: Decimal?
    /// 其中：财政拨款.
    public var fiscal: Decimal?
    /// 其他资金.
    public var other: Decimal?
    /// Creates a budget.
    public init(total: Decimal? = nil, fiscal: Decimal? = nil, other: Decimal? = nil) {
      self.total = total
      self.fiscal = fiscal
      self.other = other
    }
  }

  /// 1-based order in the document.
  public var index: Int
  /// The title as printed.
  public var title: String
  /// The year in the title, if any.
  public var year: Int?
  /// Start page.
  public var page: Int
  /// 预算单位.
  public var budgetUnit: String?
  /// 项目名称.
  public var project: String?
  /// 项目负责人.
  public var owner: String?
  /// Funds.
  public var budget: Budget
  /// 项目总体目标.
  public var goal: String?
  /// Indicator column names.
  public var header: [String]
  /// One row per 三级指标, keyed by header name.
  public var indicators: [[String: String]]
  /// Where the budget figures are printed (PDF input), keyed `total`, `fiscal`, `other`.
  /// Between stages only, for the checks' findings.
  public var budgetLocations: [String: CellLocation] = [:]

  /// Creates a performance table.
  public init(
    index: Int, title: String, year: Int? = nil, page: Int, budgetUnit: String? = nil, project: String? = nil,
    owner: String? = nil, budget: Budget = Budget(), goal: String? = nil, header: [String] = [],
    indicators: [[String: String]] = []
  ) {
    self.index = index
    self.title = title
    self.year = year
    self.page = page
    self.budgetUnit = budgetUnit
    self.project = project
    self.owner = owner
    self.budget = budget
    self.goal = goal
    self.header = header
    self.indicators = indicators
  }
}

/// One 名词解释 entry.
public struct GlossaryEntry: Sendable, Hashable {
  /// The term.
  public var term: String
  /// Its definition.
  public var definition: String
  /// Creates an entry.
  public init(term: String, definition: String) {
    self.term = term
    self.definition = definition
  }
}

/// The signature block.
public struct Closing: Sendable, Hashable {
  /// The signing department.
  public var signature: String?
  /// `YYYY-MM-DD`.
  public var date: String?
  /// Creates a closing.
  public init(signature: String? = nil, date: String? = nil) {
    self.signature = signature
    self.date = date
  }
}
