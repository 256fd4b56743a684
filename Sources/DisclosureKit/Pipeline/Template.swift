import Foundation

/// Template knowledge, loaded from `pipelines/templates/*.json`: the standard tables of budgets
/// and final accounts (titles and variants, kinds, columns) and the heading patterns.
public struct Template: Sendable, Hashable, Codable {
  /// One standard table.
  public struct TableEntry: Sendable, Hashable, Codable {
    /// Kind name written to output (`expense_summary` …).
    public var kind: String
    /// Table number in the template.
    public var number: Int
    /// Title variants, without department prefix and year.
    public var titles: [String]
    /// Whether the table is two-sided (revenue on the left, expenditure on the right).
    public var twoSided: Bool?
    /// The template's column names (multi-level names joined with `/`), when fixed. Text input,
    /// whose table headers cannot be told apart from the text alone, takes its header from here.
    public var columns: [String]?
    /// Per column of `columns`: `code`, `text` or `amount`.
    public var columnKinds: [String]?
    /// A regional table that names a kind but is not one of the template's required tables.
    public var optional: Bool?
  }

  /// `budget` or `final_account`.
  public var kind: String
  /// Words in a document title that mark this kind (预算, 决算).
  public var markers: [String] { didSet { variants.list = nil } }
  /// The standard tables.
  public var tables: [TableEntry] { didSet { variants.list = nil } }
  /// Titles of performance target tables.
  public var performanceTitles: [String]
  /// The words of performance target tables' grids (their levels and key-row labels).
  public var performanceTable: PerformanceWords?
  /// Notes that mark an empty table (此表为空表 …).
  public var emptyMarkers: [String]
  /// Words a numbered heading ends with (说明, 情况 …): in text input, where lines carry no
  /// geometry, they tell a heading from the paragraph that follows it.
  public var headingEndings: [String]?
  /// The national template's heading texts after their numbering, department and year
  /// (一般公共预算当年拨款结构情况, 其他重要事项的情况说明 …): what a heading read by OCR is
  /// compared with.
  public var headingPhrases: [String]?
  /// Table labels as regular expressions (`label` and `number` groups): 表3, 公开02表, 表一,
  /// （预算表1）. A label may open or close the line.
  public var tableLabels: [String]?
  /// Labels of the compiling department above a table (编制部门, 部门（单位）, 单位名称 …).
  public var departmentLabels: [String]?
  /// Labels of a table's unit field, a longer label before a shorter one it ends with
  /// (金额单位, 单位); printed with a colon.
  public var unitLabels: [String]?
  /// Words a note under a table opens with (注, 备注, 说明): followed by a colon, or after an
  /// opening bracket ((注：…).
  public var noteLabels: [String]?
  /// Headers of columns that number lines or columns (行次, 序号, 栏次): numbers, not money.
  public var indexHeaders: [String]?
  /// Labels of total rows (合计, 收入总计 …).
  public var totalLabels: [String]?
  /// Labels an empty table still prints (its total rows, 无).
  public var emptyTableLabels: [String]?
  /// Words of a header that names money (合计, 金额, 预算, 支出, 费 …).
  public var moneyHeaderWords: [String]?
  /// Endings of a header name that names a label column (名称, 内容, 项目 …).
  public var labelHeaderEndings: [String]?
  /// The money units tables print (元, 千元, 万元, 亿元), each with the power of ten that turns an
  /// amount in it into 元: a unit field names one of them, and checks convert by them exactly.
  public var currencyUnits: [String: Int]?
  /// The unit of a document whose tables print none.
  public var defaultCurrencyUnit: String?
  /// Lines that mark a table's continuation on a new page (续表): dropped.
  public var continuedMarkers: [String]?
  /// Words in the title of the part that holds the glossary (名词解释).
  public var glossaryTitles: [String]?
  /// Endings of the profile part's title after the department's name (…概况).
  public var profileEndings: [String]?
  /// Words a department label may print that name no department (部门, 本单位 …).
  public var genericDepartments: [String]?
  /// Qualifiers a department's name may carry in brackets at its end (本级, 汇总): the scope of
  /// the figures, not part of the name (深圳市财政局（本级） is 深圳市财政局).
  public var departmentQualifiers: [String]?
  /// Openings of the expenditure side's total rows in two-sided tables (支出总计 …).
  public var expenditureTotalLabels: [String]?
  /// Words of a header that name a code column (编码, 代码).
  public var codeHeaderWords: [String]?
  /// Leaf names of code columns (类, 款, 项).
  public var codeHeaderLeaves: [String]?
  /// The figures classification codes open with (2 functional, 3 economic): a whole amount
  /// glued before one (0203国防支出) is told from it by them.
  public var codeOpenings: [String]?
  /// The word of a two-sided table's expenditure side in its header (支出).
  public var expenditureSideWord: String?
  /// Leaf names of a column group's subtotal (本年收入/小计, …/合计): the checks leave it out of
  /// the parts when the group has other columns.
  public var subtotalColumnLeaves: [String]?
  /// Openings of a part of a sibling (其中：专项资金, a row 其中：工资福利支出): a column so named
  /// is no part of the total; a row label loses the opening.
  public var partOpenings: [String]?
  /// Titles of a list of contents (目录): a caption that ends with one, in six characters or
  /// fewer (报表目录), lists tables rather than opening one.
  public var contentsTitles: [String]?
  /// Words a table title ends with (表), before a bracketed qualifier: a caption with a 表N label
  /// runs on over the following lines until one.
  public var tableTitleEndings: [String]?
  /// The last characters of a place's name (市, 县, 区 …): the place that opens a department's
  /// name (阜康市 of 阜康市交通运输局) ends at the first of them.
  public var placeEndings: [String]?

  /// The title variants as titles are compared, with their kinds: worked out once, when the
  /// template is decoded (each document's segment and check stages match titles against them).
  private var variants = VariantCache(list: nil)

  /// Derived from `tables` and `markers`, so it takes no part in comparing templates.
  private struct VariantCache: Sendable, Hashable {
    var list: [(variant: String, kind: String)]?
    static func == (a: Self, b: Self) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
  }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case kind, markers, tables, performanceTitles, performanceTable, emptyMarkers, headingEndings, headingPhrases, tableLabels
    case departmentLabels, unitLabels, noteLabels, indexHeaders, totalLabels, emptyTableLabels, moneyHeaderWords, labelHeaderEndings
    case currencyUnits, defaultCurrencyUnit, continuedMarkers, glossaryTitles, profileEndings, genericDepartments
    case expenditureTotalLabels, codeHeaderWords, codeHeaderLeaves, codeOpenings, expenditureSideWord, contentsTitles, tableTitleEndings
    case subtotalColumnLeaves, partOpenings, departmentQualifiers, placeEndings
  }

  /// The power of ten that turns an amount in `unit` into 元 (spaces inside the unit ignored);
  /// nil for a unit the template does not list.
  public func currencyPower(_ unit: String) -> Int? {
    guard let units = currencyUnits else { return nil }
    return units[unit] ?? units[TextNormalization.compact(unit)]
  }

  /// The words of table bodies.
  public var words: TableWords {
    TableWords(
      totals: totalLabels ?? [], emptyTable: emptyTableLabels ?? [], money: moneyHeaderWords ?? [],
      labelEndings: labelHeaderEndings ?? [], expenditureTotals: expenditureTotalLabels ?? [],
      codeHeaders: codeHeaderWords ?? [], codeLeaves: codeHeaderLeaves ?? [], expenditureSide: expenditureSideWord,
      subtotalLeaves: subtotalColumnLeaves ?? [], partOpenings: partOpenings ?? [], codeOpenings: codeOpenings ?? [])
  }

  /// The words a cell of this template's tables may print, compact: its tables' titles and
  /// column names (each part of a grouped one), its totals, index, code and subtotal headers,
  /// its performance tables' titles and words. What OCR may take a cell's other reading for.
  public var cellWords: Set<String> {
    let table = words
    var lists: [[String]] = [
      Array(table.totals), table.expenditureTotals, indexHeaders ?? [], table.codeHeaders, Array(table.codeLeaves),
      Array(table.subtotalLeaves), performanceTitles,
    ]
    for entry in tables {
      lists.append(entry.titles)
      lists.append((entry.columns ?? []).flatMap { $0.split(separator: "/").map(String.init) })
    }
    if let performance = performanceTable {
      lists += [
        performance.levels, [performance.indicator, performance.target], performance.budgetUnit, performance.project,
        performance.owner, performance.total, performance.fiscal, performance.other, performance.goal, performance.otherLabels,
      ]
    }
    return Set(lists.joined().map(TextNormalization.compact)).subtracting([""])
  }

  /// Creates a template.
  public init(
    kind: String, markers: [String], tables: [TableEntry], performanceTitles: [String], emptyMarkers: [String],
    headingEndings: [String]? = nil, tableLabels: [String]? = nil, departmentLabels: [String]? = nil
  ) {
    self.kind = kind
    self.markers = markers
    self.tables = tables
    self.performanceTitles = performanceTitles
    self.emptyMarkers = emptyMarkers
    self.headingEndings = headingEndings
    self.tableLabels = tableLabels
    self.departmentLabels = departmentLabels
    variants.list = computedVariants()
  }

  /// A title without this kind's markers, so that 收支预算总表 and 收支总表 compare equal.
  public func unmarked(_ title: String) -> String {
    markers.reduce(title) { $0.replacingAll($1, with: "") }
  }

  /// The kind of the table a title names: the longest title variant that ends it, compared
  /// without the kind's markers and quotation marks. The whole title is tried first (a variant
  /// may carry its qualifier: 一般公共预算支出表（按经济分类）), then without the qualifiers
  /// after it (…支出明细表（按支出功能分类科目）). Nil when no variant ends it.
  public func kind(ofTitle title: String) -> String? {
    kind(ofTitle: title, variants: titleVariants())
  }

  /// The title variants as `kind(ofTitle:)` compares them, with their kinds: computed once by a
  /// caller that matches many titles.
  public func titleVariants() -> [(variant: String, kind: String)] {
    variants.list ?? computedVariants()
  }

  private func computedVariants() -> [(variant: String, kind: String)] {
    tables.flatMap { entry in entry.titles.map { (unmarked(Self.comparable($0)), entry.kind) } }
  }

  /// `kind(ofTitle:)` with the variants computed beforehand.
  public func kind(ofTitle title: String, variants: [(variant: String, kind: String)]) -> String? {
    var printed = unmarked(Self.comparable(title))
    while true {
      var best: (length: Int, kind: String)?
      // Byte suffixes: titles and variants are both compact and comparable, and a variant
      // starts with a whole character; the longest in characters wins, as before.
      for (v, kind) in variants where printed.utf8.suffix(v.utf8.count).elementsEqual(v.utf8) {
        let length = v.count
        if length > (best?.length ?? 0) { best = (length, kind) }
      }
      if let best { return best.kind }
      guard printed.hasSuffix("）"), let open = printed.lastIndex(of: "（") else { return nil }
      printed = String(printed[..<open])
    }
  }

  /// A title as titles are compared: compact, brackets full-width, quotation marks dropped
  /// ("三公" and “三公” alike).
  public static func comparable(_ title: String) -> String {
    var out = ""
    for ch in TextNormalization.compact(title) {
      switch ch {
      case "(": out.append("（")
      case ")": out.append("）")
      case "\"", "“", "”", "'", "‘", "’", "「", "」": continue
      default: out.append(ch)
      }
    }
    return out
  }

  /// A template that knows nothing (a pipeline without templates).
  public static let empty = Template(kind: "budget", markers: [], tables: [], performanceTitles: [], emptyMarkers: [])

  /// The keys a template file may hold: the coding keys, so that a new key is named once.
  private static let keys = Set(CodingKeys.allCases.map(\.rawValue))
  private static let tableKeys: Set<String> = ["kind", "number", "titles", "twoSided", "columns", "columnKinds", "optional"]
  private static let performanceKeys: Set<String> = [
    "levels", "indicator", "target", "levelValueEnding", "budgetUnit", "project", "owner", "total", "fiscal", "other",
    "goal", "otherLabels", "partsOpen", "headerAliases",
  ]

  /// Decodes a template from JSON bytes; unknown keys are errors, so a misspelt key cannot be
  /// silently ignored.
  public static func decode(_ bytes: [UInt8]) throws -> Template {
    let value = try JSONParser.parse(bytes)
    guard let object = value.objectValue else { throw TemplateError.notAnObject }
    if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) { throw TemplateError.unknownKey(unknown) }
    for (index, table) in (object["tables"]?.arrayValue ?? []).enumerated() {
      guard let entry = table.objectValue else { throw TemplateError.notAnObject }
      if let unknown = entry.keys.sorted().first(where: { !tableKeys.contains($0) }) {
        throw TemplateError.unknownKey("tables[\(index)].\(unknown)")
      }
    }
    if let words = object["performanceTable"]?.objectValue,
      let unknown = words.keys.sorted().first(where: { !performanceKeys.contains($0) })
    {
      throw TemplateError.unknownKey("performanceTable.\(unknown)")
    }
    var template = try JSONDecoder().decode(Template.self, from: Data(bytes))
    template.variants.list = template.computedVariants()
    for pattern in template.tableLabels ?? [] where (try? Regex(pattern)) == nil {
      throw TemplateError.badPattern(pattern)
    }
    return template
  }
}

/// Why a template file was refused.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file or a table entry is not a JSON object.
  case notAnObject
  /// A key the template format does not have.
  case unknownKey(String)
  /// A table-label pattern that is not a regular expression.
  case badPattern(String)

  /// Lowercase, no trailing period.
  public var description: String {
    switch self {
    case .notAnObject: "expected a json object"
    case .unknownKey(let key): "unknown key \"\(key)\""
    case .badPattern(let pattern): "bad table-label pattern \"\(pattern)\""
    }
  }
}
