/// The words of table bodies, from the template (`totalLabels`, `emptyTableLabels`,
/// `moneyHeaderWords`, `labelHeaderEndings`): which row labels are totals, what an empty table
/// still prints, and which header names name money or labels. A new region's wording is a change
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

  /// Words as given; a template without them knows none.
  public init(totals: [String] = [], emptyTable: [String] = [], money: [String] = [], labelEndings: [String] = []) {
    self.totals = Set(totals.map(TextNormalization.compact))
    self.emptyTable = Set(emptyTable.map(TextNormalization.compact))
    self.money = money
    self.labelEndings = labelEndings
  }

  /// Whether a label is a total (合计, 收入总计 …), letter spacing ignored.
  public func isTotal(_ label: String) -> Bool { totals.contains(TextNormalization.compact(label)) }

  /// Whether a header names money: a grid whose header does not (a list of units read as a
  /// header) is no empty money table.
  public func namesMoney(_ header: String) -> Bool { money.contains { header.contains(literal: $0) } }

  /// Whether a header name names a label column rather than amounts.
  public func namesLabel(_ name: String) -> Bool { labelEndings.contains { name.hasSuffix($0) } }

  /// Whether a compact cell text is one an empty table prints (合计, 无 …).
  public func marksEmptyTable(_ compact: String) -> Bool { emptyTable.contains(compact) }
}
