import Foundation

/// A rule file (`pipelines/checks/*.json`): the consistency rules for one kind of document.
///
/// ```json
/// {"version": 1, "kind": "budget", "tolerance": 0.02, "percentTolerance": 0.02,
///  "rules": [{"id": "sum.row.basic-project", "relation": "row-sum",
///             "tables": ["expense_summary"], "total": ["合计"], "parts": [["基本支出"], ["项目支出"]]}]}
/// ```
///
/// Reading is strict, like pipeline files: unknown keys, unknown relations, bad values, bad
/// regular expressions and newer versions are ``PipelineError/badChecks(path:reason:)`` errors
/// naming the file and the rule. Pure: the caller supplies the bytes.
public struct CheckRuleSet: Sendable, Hashable {
  /// The newest format version this build reads.
  public static let currentVersion = 1

  /// `budget` or `final_account`: the documents the rules apply to.
  public var kind: String
  /// Largest gap, in the table's unit, reported as `rounding` rather than `fail`.
  public var tolerance: Decimal
  /// Largest gap, in percentage points, between a printed and a computed percentage reported as
  /// `rounding`.
  public var percentTolerance: Decimal
  /// prose-amount: words that, printed before a rule's term in the same clause, make the quote
  /// about another subject (上年结转结余的一般公共预算收入, 政府采购支出预算总额). A word that is
  /// part of the rule's own term does not count.
  public var otherSubjects: [String] = []
  /// How the documents word their explanations (the `prose` object): what the prose relations
  /// read. Required when a rule has one of those relations.
  public var prose: ProseLanguage?
  /// The rules, in the order they run.
  public var rules: [CheckRule]

  /// Creates a rule set.
  public init(kind: String, tolerance: Decimal = Decimal(2) / 100, percentTolerance: Decimal = Decimal(2) / 100, rules: [CheckRule]) {
    self.kind = kind
    self.tolerance = tolerance
    self.percentTolerance = percentTolerance
    self.rules = rules
  }
}

/// One consistency rule: the tables, rows and columns it relates and the relation between them.
public struct CheckRule: Sendable, Hashable {
  /// What a rule asserts.
  public enum Relation: String, Sendable, CaseIterable {
    /// In every row, the `total` column equals the sum of the `parts` columns.
    case rowSum = "row-sum"
    /// In every amount column, the `total` row equals the sum of the `parts` rows.
    case columnSum = "column-sum"
    /// In every amount column, a row equals the sum of the rows one code level below it, and the
    /// `total` row the sum of the top-level rows.
    case codeTree = "code-tree"
    /// The sum of the `left` figures equals the sum of the `right` figures.
    case equal
    /// The sum of the `left` figures is at most the sum of the `right` figures.
    case atMost = "at-most"
    /// Every table of the template is present (or present and marked empty).
    case requiredTables = "required-tables"
    /// An amount quoted after one of `terms` in the sections equals the `figure`.
    case proseAmount = "prose-amount"
    /// `…万元，占Y%`: Y is the amount's share of the `whole`.
    case proseShare = "prose-share"
    /// `比上年增加X万元，增长Y%`: Y is X over the previous year's figure.
    case proseGrowth = "prose-growth"
    /// Comparison words (增加/减少 with 增长/下降, 大于/小于/等于, 持平) agree with the numbers.
    case proseWords = "prose-words"
    /// The amounts listed after `包括：` add up to the `figure`.
    case proseList = "prose-list"
    /// `收入预算9628.22万元，其中：财政拨款收入…万元；事业收入…万元…`: the amounts a sentence lists
    /// after the total it quotes (其中 / 包括) add up to it; more than the total is a failure, less
    /// is a list that may be partial (no finding).
    case proseListTotal = "prose-list-total"
    /// The shares such a list quotes for its parts (`…万元，占32.55%`) are the part over the total.
    case proseListShare = "prose-list-share"
    /// A table that prints no data carries a note saying so (本表无数据, 为空表, 无发生额).
    case emptyTables = "empty-tables"
    /// Template text left unfilled (`XX局`, `××`, `XXXX年`, the template's own instructions):
    /// each match of `patterns` in headings, paragraphs, table titles and notes fails.
    case templateText = "template-text"
    /// Years and department names in headings (captured by `patterns`) agree with the metadata.
    case headingMetadata = "heading-metadata"
    /// `年初预算为X万元，支出决算为Y万元，完成年初预算的Z%`: Z is Y over X at its printed
    /// precision, `决算数大于/小于/等于预算数` (or 持平) agrees with X and Y, and Y (and X) equal
    /// the `figure` (`budgetFigure`) when the sentence is about one of `subjects`, or the row of
    /// the `figure`'s table its 类/款/项 path names.
    case proseCompletion = "prose-completion"
    /// `一般公共服务支出（类）信访事务（款）行政运行（项）2026年预算数为5,826.21万元`: an amount
    /// quoted after a 类/款/项 path equals that item's row (picked by name under its parents) in
    /// the `figure`'s table and column.
    case proseItem = "prose-item"
    /// `行政运行（2011301）2093.85万元`, `2080201-行政运行993.77万元`: an amount quoted with a
    /// classification code equals the row of the first of the `figure`'s tables that prints that
    /// code and name, in the column named.
    case proseCodedItem = "prose-coded-item"
    /// Years in reporting dates and year phrases (captured by `patterns` as `year`) are the
    /// document's year.
    case proseDates = "prose-dates"

    /// Whether the relation reads the explanations through the rule file's ``ProseLanguage``.
    public var readsProse: Bool {
      switch self {
      case .proseAmount, .proseShare, .proseGrowth, .proseWords, .proseList, .proseListTotal, .proseListShare,
        .proseCompletion, .proseItem, .proseCodedItem:
        true
      default: false
      }
    }
  }

  /// How a sum compares with its total.
  public enum Comparison: String, Sendable, Hashable {
    /// Total = sum of parts.
    case equal
    /// Sum of parts ≤ total (`其中` rows that need not be exhaustive).
    case atMost = "at-most"
  }

  /// Which standard table: by template kind or by number.
  public enum TableReference: Sendable, Hashable, CustomStringConvertible {
    /// `expense_summary` …
    case kind(String)
    /// 3 for 表3.
    case number(Int)

    /// The kind or `表N`.
    public var description: String {
      switch self {
      case .kind(let kind): kind
      case .number(let number): "表\(number)"
      }
    }
  }

  /// Picks rows of a table. Every key given must hold.
  public struct RowSelector: Sendable, Hashable {
    /// The row's label equals one of these (labels drop spaces, `其中：` and a leading code).
    public var label: [String]?
    /// Like `label`, after also dropping leading numbering (`一、`, `1.`, `（一）`).
    public var name: [String]?
    /// A regular expression the label matches.
    public var pattern: String?
    /// The row's code has this many digits.
    public var codeLength: Int?
    /// The row's level in the tree its label's indentation shows, 1 the outermost (a table
    /// that prints no codes; see `CheckTable.indentLevels`).
    public var level: Int?
    /// The row's 1-based position among the rows.
    public var position: Int?
    /// The 1-based occurrence among the rows the other keys pick (2: the second row so named, as
    /// the 上年结转 block repeats the 本年 block's names).
    public var occurrence: Int?
    /// A text cell of the row names the document's year (2026年, 2026年预算): tables printed with a
    /// row per year (深圳's 三公 table: 2025年 / 2026年 / 增减变化金额). From `"year": "document"`.
    public var documentYear: Bool?
    /// The selector to use when this one picks no row (`"otherwise": {…}`): 收入合计 is the grand
    /// total only in a table that prints no 收入总计. At most one element.
    public var otherwise: [RowSelector]?

    /// Creates a selector.
    public init(
      label: [String]? = nil, name: [String]? = nil, pattern: String? = nil, codeLength: Int? = nil, level: Int? = nil,
      position: Int? = nil, occurrence: Int? = nil
    ) {
      self.label = label
      self.name = name
      self.pattern = pattern
      self.codeLength = codeLength
      self.level = level
      self.position = position
      self.occurrence = occurrence
    }
  }

  /// One figure: a cell of a table (`table`, optional `side`, `row`, `column`), or a field of every
  /// performance table (`performance`: `total`, `fiscal` or `other`).
  public struct FigureReference: Sendable, Hashable {
    /// The table.
    public var table: TableReference?
    /// `revenue` or `expenditure` of a two-sided table.
    public var side: String?
    /// The row; nil means the table's total row (`合计`, `总计`).
    public var row: RowSelector?
    /// Column name alternatives; nil means the first amount column.
    public var column: [String]?
    /// A performance table budget field.
    public var performance: String?
    /// For an amount quoted with a classification code: the table lists such items by name
    /// only, each name in a text column with its amount in the column right of it (表4 of the
    /// 部门综合预算: 1、机关工资福利支出 | 59,775,528.93); only rows without a code are read so.
    public var byName = false

    /// Creates a reference.
    public init(
      table: TableReference? = nil, side: String? = nil, row: RowSelector? = nil, column: [String]? = nil,
      performance: String? = nil, byName: Bool = false
    ) {
      self.table = table
      self.side = side
      self.row = row
      self.column = column
      self.performance = performance
      self.byName = byName
    }
  }

  /// Picks sections by their heading.
  public struct SectionSelector: Sendable, Hashable {
    /// The heading contains one of these.
    public var title: [String]
    /// …and none of these.
    public var exclude: [String]

    /// Creates a selector.
    public init(title: [String], exclude: [String] = []) {
      self.title = title
      self.exclude = exclude
    }
  }

  /// Unique id within the file, used in findings.
  public var id: String
  /// What the rule asserts.
  public var relation: Relation
  /// A human description for reports.
  public var description: String?
  /// Tables the rule applies to (row-sum, column-sum, code-tree, required-tables).
  public var tables: [TableReference] = []
  /// The side of two-sided tables to read.
  public var side: String?
  /// row-sum: the total column's name alternatives.
  public var totalColumn: [String]?
  /// row-sum: each part column's name alternatives; nil means every other amount column.
  public var partColumns: [[String]]?
  /// column-sum, code-tree: the total row.
  public var totalRow: RowSelector?
  /// column-sum: alternatives, the first that picks any row is used.
  public var partRows: [RowSelector] = []
  /// column-sum: parts are taken after each total row up to a row this selector picks.
  public var until: RowSelector?
  /// column-sum, code-tree: columns to check; nil means every amount column.
  public var columns: [[String]]?
  /// column-sum, row-sum: equality, or parts at most the total.
  public var comparison: Comparison = .equal
  /// code-tree: code lengths from the top level down (3, 5, 7).
  public var levels: [Int] = []
  /// equal, at-most: each term is a list of alternative references, the first that resolves is used.
  public var left: [[FigureReference]] = []
  /// equal, at-most: the other side.
  public var right: [[FigureReference]] = []
  /// equal, at-most: the right side as other layouts print it (表5 against 表4's 本年 一般公共预算
  /// alone, or against 本年 plus 上年结转). The relation holds when `right` or one of these holds;
  /// the finding compares with the first that holds, else with `right`.
  public var rightAlternatives: [[[FigureReference]]] = []
  /// equal, at-most: right sides of other layouts, tried (in order, the first printed in full)
  /// only when the document does not print `right` (表5 printing 基本支出 only as its parts).
  public var rightWhenMissing: [[[FigureReference]]] = []
  /// prose rules: the sections read (with their sub-sections); nil means every section.
  public var sections: SectionSelector?
  /// prose-amount: words after which the amount is quoted.
  public var terms: [String] = []
  /// prose-amount, prose-share (the whole), prose-list (the total): alternative references.
  public var figure: [FigureReference] = []
  /// heading-metadata: regular expressions with named groups `year` and `department`.
  public var patterns: [String] = []
  /// prose-dates: the year a date names, relative to the document's (-1: a budget's reporting
  /// dates are in the year before the one it budgets for).
  public var yearOffset = 0
  /// prose-completion: the subjects (printed just before 年初预算) whose figures are the
  /// `figure` and `budgetFigure` themselves.
  public var subjects: [String] = []
  /// prose-amount: more words that make a quote another subject's, for this rule only (added to
  /// the rule file's `otherSubjects`): 财政拨款 before 支出预算 in a section that quotes both
  /// the department's and the 财政拨款 totals.
  public var otherSubjects: [String] = []
  /// prose-amount: when not empty, a quote counts only as a part of a 其中 list whose total is
  /// one of these subjects' (`一般公共预算财政拨款支出101,833.84万元…。其中:基本支出43,436.09万元`), for
  /// headings that cover several funds (财政拨款情况说明).
  public var within: [String] = []
  /// code-tree: words of a label column's header (科目) under which a table that prints no codes
  /// shows its tree by indenting its labels; empty: such a table is skipped.
  public var indentHeaders: [String] = []
  /// prose-completion: the budget figure (年初预算) for the `subjects`.
  public var budgetFigure: [FigureReference] = []
  /// Overrides the file's tolerance.
  public var tolerance: Decimal?

  /// Creates a rule.
  public init(id: String, relation: Relation) {
    self.id = id
    self.relation = relation
  }
}
