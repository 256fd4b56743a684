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
