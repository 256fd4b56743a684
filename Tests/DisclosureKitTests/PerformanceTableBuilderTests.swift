import Foundation
import Testing

@testable import DisclosureKit
import DisclosureTestSupport

/// Performance target tables cut by page breaks, each page's grid drawn as a picture: one string
/// per grid slot, `^` for a slot merged with the one above, `<` for one merged with the one to
/// its left.
@Suite("Performance tables across page breaks")
struct PerformanceTableBuilderTests {
  static func grid(page: Int, _ picture: [[String]]) -> TableGrid {
    let rows = picture.count
    let columns = picture.first?.count ?? 0
    var cells: [TableGrid.Cell] = []
    for r in 0..<rows {
      for c in 0..<columns where picture[r][c] != "^" && picture[r][c] != "<" {
        var columnSpan = 1
        while c + columnSpan < columns, picture[r][c + columnSpan] == "<" { columnSpan += 1 }
        var rowSpan = 1
        while r + rowSpan < rows, picture[r + rowSpan][c] == "^" { rowSpan += 1 }
        let box = Box(
          x0: Double(100 * c), top: Double(20 * r), x1: Double(100 * (c + columnSpan)), bottom: Double(20 * (r + rowSpan)))
        cells.append(TableGrid.Cell(row: r, column: c, rowSpan: rowSpan, columnSpan: columnSpan, text: picture[r][c], box: box))
      }
    }
    let box = Box(x0: 0, top: 0, x1: Double(100 * columns), bottom: Double(20 * rows))
    return TableGrid(page: page, box: box, rowCount: rows, columnCount: columns, cells: cells, ruled: true)
  }

  /// The budget template's performance words and titles, as the pipeline reads them.
  static let template: Template = {
    let url = Corpus.root.appendingPathComponent("pipelines/templates/budget.json")
    let bytes = (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? []
    return (try? Template.decode(bytes)) ?? .empty
  }()

  static func tables(_ pages: [[[String]]]) -> [PerformanceTable] {
    var builder = PerformanceTableBuilder(words: template.performanceTable ?? .none, titles: template.performanceTitles)
    builder.start(title: "项目支出绩效目标表", page: 1, year: nil)
    for (i, picture) in pages.enumerated() { builder.add(grid(page: i + 1, picture)) }
    return builder.tables()
  }

  static let header = ["一级指标", "二级指标", "三级指标", "指标值"]

  @Test("a header in other words (一级 / 二级 / 三级 / 年度指标值) is read under the template's names")
  func headerAliases() throws {
    let tables = Self.tables([
      [
        ["预算单位", "民政局", "<", "<"],
        ["项目名称", "临时救助", "项目负责人", "张三"],
        ["一级", "二级", "三级", "年度指标值"],
        ["产出指标", "数量指标", "救助人次", ">=76人次"],
        ["满意度指标", "满意度指标", "满意度", ">=85%"],
      ]
    ])
    let table = try #require(tables.first)
    #expect(table.header == Self.header)
    #expect(table.indicators == [
      ["一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "救助人次", "指标值": ">=76人次"],
      ["一级指标": "满意度指标", "二级指标": "满意度指标", "三级指标": "满意度", "指标值": ">=85%"],
    ])
  }

  @Test("an empty cell of its own at the bottom of a page takes the text at the top of the next")
  func emptyBottomCell() throws {
    let tables = Self.tables([
      [
        ["预算单位", "民政局", "<", "<"],
        ["项目名称", "临时救助", "项目负责人", "张三"],
        Self.header,
        ["产出指标", "数量指标", "救助人次", ">=76人次"],
        ["^", "质量指标", "合格率", ">=95%"],
        ["", "社会", "社会稳定", "持续改善"],
      ],
      [
        ["效益指标", "效益指标", "获得感", "有所提升"],
        ["满意度指标", "满意度指标", "满意度", ">=85%"],
      ],
    ])
    let table = try #require(tables.first)
    #expect(tables.count == 1)
    #expect(table.indicators.map { $0["一级指标"] } == ["产出指标", "产出指标", "效益指标", "效益指标", "满意度指标"])
    #expect(table.indicators.map { $0["二级指标"] } == ["数量指标", "质量指标", "社会效益指标", "社会效益指标", "满意度指标"])
  }

  @Test("an empty cell at the top of a page continues the merged cell above")
  func emptyTopCell() throws {
    let tables = Self.tables([
      [
        ["项目名称", "临时救助", "项目负责人", "张三"],
        Self.header,
        ["产出指标", "数量指标", "救助人次", ">=76人次"],
      ],
      [
        ["", "", "及时率", ">=95%"],
        ["效益指标", "社会效益指标", "获得感", "有所提升"],
      ],
    ])
    let table = try #require(tables.first)
    #expect(table.indicators.map { $0["一级指标"] } == ["产出指标", "产出指标", "效益指标"])
    #expect(table.indicators.map { $0["二级指标"] } == ["数量指标", "数量指标", "社会效益指标"])
  }

  @Test("a project name wrapping out of its cell onto the next page")
  func projectCutByPageBreak() throws {
    let tables = Self.tables([
      [
        ["预算单位", "人社局", "<", "<"],
        ["项目名称", "就业补助资金（公岗", "项目负责人", "王龙"],
      ],
      [
        ["", "岗位补贴）", "", ""],
        Self.header,
        ["产出指标", "数量指标", "岗位人数", ">=2100人"],
      ],
    ])
    let table = try #require(tables.first)
    #expect(tables.count == 1)
    #expect(table.project == "就业补助资金（公岗岗位补贴）")
    #expect(table.owner == "王龙")
    #expect(table.indicators.count == 1)
  }

  @Test("a label cut by a page break: 预算单 + 位")
  func labelCutByPageBreak() throws {
    let tables = Self.tables([
      [["预算单", "农业农村局"]],
      [
        ["位", "", "<", "<"],
        ["项目名称", "耕地地力保护补贴", "项目负责人", "赖永刚"],
        Self.header,
        ["产出指标", "数量指标", "补贴面积", ">=35024亩"],
      ],
    ])
    let table = try #require(tables.first)
    #expect(tables.count == 1)
    #expect(table.budgetUnit == "农业农村局")
    #expect(table.project == "耕地地力保护补贴")
  }

  @Test("a new key row at the top of a page is not joined to the row above")
  func newRowAtTop() throws {
    let tables = Self.tables([
      [
        ["预算单位", "人社局", "<", "<"],
        ["项目名称", "就业补助", "项目负责人", "王龙"],
      ],
      [
        ["项目资金", "年度预算总额：", "100", "<"],
        Self.header,
        ["产出指标", "数量指标", "岗位人数", ">=2100人"],
      ],
    ])
    let table = try #require(tables.first)
    #expect(table.project == "就业补助")
    #expect(table.owner == "王龙")
    #expect(table.budget.total == 100)
  }

  @Test("the year in half-width brackets is not part of a title inside a grid")
  func titleInGrid() throws {
    let tables = Self.tables([
      [
        ["项目名称", "甲", "项目负责人", "张三"],
        Self.header,
        ["产出指标", "数量指标", "人数", "1"],
        ["项目支出绩效目标表(2023年)", "<", "<", "<"],
        ["项目名称", "乙", "项目负责人", "李四"],
        Self.header,
        ["产出指标", "数量指标", "人数", "2"],
      ]
    ])
    #expect(tables.map(\.title) == ["项目支出绩效目标表", "项目支出绩效目标表"])
    #expect(tables.map(\.year) == [nil, 2023])
  }

  @Test("another family's words are a data change: 一级/二级/三级/年度指标值, 实施单位, 项目总预算")
  func otherFamilyWords() throws {
    let words = PerformanceWords(
      levels: ["一级", "二级"], indicator: "三级", target: "年度指标值", levelValueEnding: "指标", budgetUnit: ["实施单位"],
      project: ["项目名称"], owner: ["联系人"], total: ["项目总预算"], fiscal: ["财政资金"], other: ["自筹资金"],
      goal: ["绩效目标"], otherLabels: [], partsOpen: ["其中"])
    let page = Self.grid(page: 1, [
      ["实施单位", "区农业农村局", "<", "<"],
      ["项目名称", "高标准农田建设", "联系人", "李明"],
      ["项目总预算", "120.50", "财政资金", "100.00"],
      ["绩效目标", "建成高标准农田5000亩", "<", "<"],
      ["一级", "二级", "三级", "年度指标值"],
      ["产出指标", "数量指标", "建设面积", ">=5000亩"],
      ["^", "质量指标", "验收合格率", "100%"],
    ])
    var builder = PerformanceTableBuilder(words: words, titles: ["绩效目标表"])
    #expect(builder.looksLikePerformanceGrid(page))
    builder.start(title: "绩效目标表", page: 1, year: nil)
    builder.add(page)
    let table = try #require(builder.tables().first)
    #expect(table.budgetUnit == "区农业农村局")
    #expect(table.owner == "李明")
    #expect(table.budget.total == Decimal(string: "120.50"))
    #expect(table.budget.fiscal == Decimal(string: "100.00"))
    #expect(table.goal == "建成高标准农田5000亩")
    #expect(table.header == ["一级", "二级", "三级", "年度指标值"])
    #expect(table.indicators.map { $0["三级"] } == ["建设面积", "验收合格率"])
    #expect(table.indicators.map { $0["一级"] } == ["产出指标", "产出指标"])
    // The national template reads its indicators too, through its header aliases (一级 → 一级指标
    // …), under its own names; 项目总预算 and 实施单位 are not its words, so those stay unread.
    var national = PerformanceTableBuilder(words: Self.template.performanceTable ?? .none, titles: Self.template.performanceTitles)
    #expect(national.looksLikePerformanceGrid(page))
    national.start(title: "绩效目标表", page: 1, year: nil)
    national.add(page)
    let read = try #require(national.tables().first)
    #expect(read.header == Self.header && read.indicators.map { $0["三级指标"] } == ["建设面积", "验收合格率"])
    #expect(read.budget.total == nil && read.budgetUnit == nil)
  }
}
