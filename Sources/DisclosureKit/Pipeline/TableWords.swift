/// The words of table bodies, from the template (`totalLabels`, `emptyTableLabels`,
/// `moneyHeaderWords`, `labelHeaderEndings`, `expenditureTotalLabels`, `codeHeaderWords`,
/// `codeHeaderLeaves`, `expenditureSideWord`): which row labels are totals, what an empty table
/// still prints, which header names name money, labels or codes, and where a two-sided table's
/// expenditure side starts. A new region's wording is a change
/// of the template file.
public struct TableWords: Sendable, Hashable {
  /// Labels of total rows (合计, 收入总计 …), compact.
  public var totals: Set<String>
  /// Labels an empty table still prints (its total rows, 无), compact.
  public var emptyTable: Set<String>
  /// Words of a header that names money (合计, 金额, 预算数, …支出, …费).
  public var money: [String]
  /// Endings of a header name that names a label column (…名称, …内容, 项目).
  public var labelEndings: [String]
  /// Openings of the expenditure side's total rows in two-sided tables (支出总计, 本年支出合计 …):
  /// in text input, where a row of both sides is one line, one of them opens the right side.
  public var expenditureTotals: [String]
  /// Words of a header that name a code column (编码, 代码) and leaf names of code columns (类, 款, 项).
  public var codeHeaders: [String]
  public var codeLeaves: Set<String>
  /// The word of a two-sided table's expenditure side in its header (支出).
  public var expenditureSide: String?
  /// Leaf names of a column group's subtotal (小计, 合计).
  public var subtotalLeaves: Set<String>
  /// Openings of a part of a sibling (其中), each also with a colon after it.
  public var partOpenings: [String]
  /// The figures classification codes open with (2, 3).
  public var codeOpenings: Set<Character>

  /// Words as given; a template without them knows none.
  public init(
    totals: [String] = [], emptyTable: [String] = [], money: [String] = [], labelEndings: [String] = [],
    expenditureTotals: [String] = [], codeHeaders: [String] = [], codeLeaves: [String] = [], expenditureSide: String? = nil,
    subtotalLeaves: [String] = [], partOpenings: [String] = [], codeOpenings: [String] = []
  ) {
    self.codeOpenings = Set(codeOpenings.compactMap(\.first))
    self.subtotalLeaves = Set(subtotalLeaves)
    self.partOpenings = partOpenings
    self.totals = Set(totals.map(TextNormalization.compact))
    self.emptyTable = Set(emptyTable.map(TextNormalization.compact))
    self.money = money
    self.labelEndings = labelEndings
    self.expenditureTotals = expenditureTotals
    self.codeHeaders = codeHeaders
    self.codeLeaves = Set(codeLeaves)
    self.expenditureSide = expenditureSide
  }

  /// Whether a header (its full name and its leaf) names a code column.
  public func namesCode(_ header: String, leaf: String) -> Bool {
    codeHeaders.contains { header.contains(literal: $0) } || codeLeaves.contains(leaf)
  }

  /// Whether a label is a total (合计, 收入总计 …), letter spacing ignored.
  public func isTotal(_ label: String) -> Bool { totals.contains(TextNormalization.compact(label)) }

  /// Whether a header names money: a grid whose header does not (a list of units read as a
  /// header) is no empty money table.
  public func namesMoney(_ header: String) -> Bool { money.contains { header.contains(literal: $0) } }

  /// Whether a header name names a label column rather than amounts.
  public func namesLabel(_ name: String) -> Bool { labelEndings.contains { name.hasSuffix($0) } }

  /// A compact label without an opening part word and its colon (其中：工资福利支出 → 工资福利支出).
  public func withoutPartOpening(_ compact: String) -> String {
    for opening in partOpenings where compact.hasPrefix(literal: opening) {
      let rest = compact.dropFirst(opening.count)
      if rest.first == "：" || rest.first == ":" { return String(rest.dropFirst()) }
    }
    return compact
  }

  /// Whether a compact cell text is one an empty table prints (合计, 无 …).
  public func marksEmptyTable(_ compact: String) -> Bool { emptyTable.contains(compact) }
}
