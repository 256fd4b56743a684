/// The words of performance target tables (项目支出绩效目标表), from a template's
/// `performanceTable`: which header names the indicator levels, which labels name the fields of
/// the key rows. A family that prints other words (一级 / 二级 / 三级 / 年度指标值, 实施单位) is a
/// data change. A template without them reads no performance grid.
public struct PerformanceWords: Sendable, Hashable, Codable {
  /// The header names of the merged indicator levels, outer first (一级指标, 二级指标): the first
  /// one marks the indicator header row.
  public var levels: [String]
  /// The header name of the indicator itself (三级指标): a row with text under it is an indicator.
  public var indicator: String
  /// The header name of the target value (指标值).
  public var target: String
  /// The ending of a level's value (质量**指标**): two halves of a merged cell cut by a page break
  /// (质量指 + 标) are one cell when only together they end with it.
  public var levelValueEnding: String
  /// Labels of the budget unit (预算单位, 主管部门, 单位名称); with `project`, the labels that
  /// open a table.
  public var budgetUnit: [String]
  /// Labels of the project name (项目名称).
  public var project: [String]
  /// Labels of the person in charge (项目负责人).
  public var owner: [String]
  /// Labels of the year's total budget (年度预算总额).
  public var total: [String]
  /// Labels of its fiscal part (财政拨款).
  public var fiscal: [String]
  /// Labels of its other part (其他资金).
  public var other: [String]
  /// Labels of the goal (项目总体目标, 总体目标, 年度目标).
  public var goal: [String]
  /// Labels of key rows that hold no field read here (项目资金, 资金总额): they still end the
  /// value before them.
  public var otherLabels: [String]
  /// Words that open the parts of the total in text input (其中): they end the total.
  public var partsOpen: [String]
  /// Indicator header names other families print for one of the names above (指标内容 for
  /// 三级指标): the header and each indicator's keys use the name they stand for, so every
  /// family's indicators have the same fields.
  public var headerAliases: [String: String]?

  /// The name an indicator header cell stands for (its alias's name, or itself).
  func headerName(_ printed: String) -> String { headerAliases?[printed] ?? printed }

  /// Every key-row label, in the order a row is tried against them.
  var keys: [String] { budgetUnit + project + owner + total + otherLabels + goal }
  /// The labels that open a table.
  var starts: Set<String> { Set(budgetUnit + project) }

  /// Creates a vocabulary.
  public init(
    levels: [String], indicator: String, target: String, levelValueEnding: String, budgetUnit: [String],
    project: [String], owner: [String], total: [String], fiscal: [String], other: [String], goal: [String],
    otherLabels: [String], partsOpen: [String]
  ) {
    self.levels = levels
    self.indicator = indicator
    self.target = target
    self.levelValueEnding = levelValueEnding
    self.budgetUnit = budgetUnit
    self.project = project
    self.owner = owner
    self.total = total
    self.fiscal = fiscal
    self.other = other
    self.goal = goal
    self.otherLabels = otherLabels
    self.partsOpen = partsOpen
  }

  /// A vocabulary that names nothing: no grid is a performance grid.
  public static let none = PerformanceWords(
    levels: [], indicator: "", target: "", levelValueEnding: "", budgetUnit: [], project: [], owner: [], total: [],
    fiscal: [], other: [], goal: [], otherLabels: [], partsOpen: [])
}
