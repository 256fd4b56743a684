import Testing

@testable import DisclosureKit

/// Rows a page break cuts: the first row of the continuation grid finishes the last row above.
@Suite("Table bodies across page breaks")
struct TableBodyBuilderTests {
  static func grid(page: Int, _ rows: [[String]]) -> TableGrid {
    var cells: [TableGrid.Cell] = []
    for (r, row) in rows.enumerated() {
      for (c, text) in row.enumerated() {
        let box = Box(x0: Double(100 * c), top: Double(20 * r), x1: Double(100 * (c + 1)), bottom: Double(20 * (r + 1)))
        cells.append(TableGrid.Cell(row: r, column: c, rowSpan: 1, columnSpan: 1, text: text, box: box))
      }
    }
    let box = Box(x0: 0, top: 0, x1: Double(100 * (rows.first?.count ?? 0)), bottom: Double(20 * rows.count))
    return TableGrid(page: page, box: box, rowCount: rows.count, columnCount: rows.first?.count ?? 0, cells: cells, ruled: true)
  }

  static let header = ["单位名称", "总计", "事业收入", "其他收入"]

  static func rows(_ above: [String], _ below: [String]) -> [[String]] {
    let builder = TableBodyBuilder(words: TableWords(totals: ["合计"]))
    let body = builder.body(
      of: [grid(page: 1, [header, ["合计", "100.00", "60.00", "40.00"], above]), grid(page: 2, [header, below, ["乙单位", "1.00", "1.00", ""]])],
      lines: [])
    return body.rows.map(\.cells)
  }

  @Test("a number cut inside its decimals goes on at the top of the next page")
  func cutInsideDecimals() {
    let rows = Self.rows(["甲单位（机", "14,549.64", "12,437.3", "2,112.28"], ["动车中心）", "", "6", ""])
    #expect(rows.count == 3)
    #expect(rows[1] == ["甲单位（机动车中心）", "14,549.64", "12,437.36", "2,112.28"])
  }

  @Test("a row of its own is not joined: a full number, or digits under a number with all its decimals")
  func rowOfItsOwn() {
    #expect(Self.rows(["甲单位", "14,549.64", "12,437.30", "2,112.28"], ["丙单位", "", "6", ""]).count == 4)
    #expect(Self.rows(["甲单位", "14,549.64", "12,437.3", "2,112.28"], ["丙单位", "6.00", "6.00", ""]).count == 4)
    #expect(Self.rows(["甲单位", "14,549.64", "12,437.3", "2,112.28"], ["丙单位", "", "66", ""]).count == 4)
  }
}

/// The words around a table (units, notes) come from the template, not from code.
@Suite("Caption vocabulary")
struct CaptionVocabularyTests {
  static func vocabulary(units: [String], notes: [String], currencies: [String: Int] = ["元": 0, "万元": 4]) -> TableCaption.Vocabulary {
    var template = Template.empty
    template.unitLabels = units
    template.noteLabels = notes
    template.currencyUnits = currencies
    return TableCaption.Vocabulary(template)
  }

  @Test("unit labels: colon variants, the longer label's opening, the label cut after its first character")
  func unitLabels() throws {
    let words = Self.vocabulary(units: ["金额单位", "单位"], notes: [])
    #expect(words.unitKeys == ["金额单位：", "金额单位:", "单位：", "单位:"])
    #expect(words.withoutUnitOpening("湖州市卫生健康委员会金额") == "湖州市卫生健康委员会")
    #expect(words.isClippedUnit("位：万元") && !words.isClippedUnit("万元"))
    let field = try #require(TableCaption.unitField("编制部门：统计局单位：万元", vocabulary: words))
    #expect(field.before == "编制部门：统计局" && field.unit == "万元")
    // Another family's label is a data change; without labels nothing is a unit field but a bare unit.
    let other = Self.vocabulary(units: ["计量单位"], notes: [])
    #expect(TableCaption.unitField("计量单位：元", vocabulary: other)?.unit == "元")
    #expect(TableCaption.unitField("单位：元", vocabulary: Self.vocabulary(units: [], notes: [])) == nil)
    // The money units are the template's too: a unit it does not list is no unit field.
    #expect(TableCaption.unitField("单位：美元", vocabulary: words) == nil)
    #expect(TableCaption.unitField("单位：美元", vocabulary: Self.vocabulary(units: ["单位"], notes: [], currencies: ["美元": 0]))?.unit == "美元")
  }

  @Test("note words open a note with a colon or after a bracket")
  func noteWords() {
    let words = Self.vocabulary(units: [], notes: ["注", "备注", "说明"])
    #expect(words.opensNote("注：本表为空表") && words.opensNote("（注）") && words.opensNote("说明:1.本表"))
    #expect(!words.opensNote("注重绩效") && !words.opensNote("说明书"))
    #expect(Self.vocabulary(units: [], notes: ["附注"]).opensNote("附注：单位为万元"))
  }

  @Test("a blank 收支表: rows naming numbered items (一、…) are its body, not its header")
  func blankTableItemsAreBody() {
    let builder = TableBodyBuilder(words: TableWords(totals: ["合计", "本年收入合计"]))
    let grid = TableBodyBuilderTests.grid(page: 1, [
      ["项目", "预算数", "支出功能分类科目", "预算数"],
      ["一、政府性基金拨款", "", "一、科学技术支出\n二、城乡社区支出", ""],
      ["本年收入合计", "", "本年支出合计", ""],
    ])
    let body = builder.body(of: [grid], lines: [])
    #expect(body.header == ["项目", "预算数", "支出功能分类科目", "预算数"])
    #expect(body.rows.map { $0.cells.first } == ["一、政府性基金拨款", "本年收入合计"])
    // A header row of column names still reads as one.
    #expect(builder.isHeaderRow(["项目", "一般公共预算"]) && !builder.isHeaderRow(["（一）工资福利支出", ""]))
  }
}
