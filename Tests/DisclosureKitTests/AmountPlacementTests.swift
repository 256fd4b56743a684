import Testing

@testable import DisclosureKit
import DisclosureTestSupport

/// Column placement of amounts read without positions, on small tables built in code:
/// 合计 | 基本支出 | 项目支出 with 合计 = 基本支出 + 项目支出.
@Suite("Amount placement by a table's sums")
struct AmountPlacementTests {
  static let placement = AmountPlacement(columnCount: 3, sums: [.init(total: 0, parts: [1, 2])])

  static func item(_ amounts: [String], _ code: String? = nil, _ role: AmountPlacement.Role = .item) -> AmountPlacement.Item {
    AmountPlacement.Item(amounts: amounts.compactMap(Amounts.decimal(from:)), code: code, role: role)
  }

  @Test("two equal amounts under 合计 and one part: the parent's columns decide which part")
  func parentDecides() {
    let result = Self.placement.place([
      Self.item(["10", "4", "6"], nil, .department), Self.item(["10", "4", "6"], "201"), Self.item(["4", "4"], "20101"),
      Self.item(["6", "6"], "20102"), Self.item(["10", "4", "6"], nil, .total),
    ])
    #expect(result.cells[2] == [.printed(0), .printed(1), .empty])
    #expect(result.cells[3] == [.printed(0), .empty, .printed(1)])
    #expect(result.unplaced.allSatisfy { $0.isEmpty })
  }

  @Test("a row whose amounts fit no placement takes its cells from its group's sums; the stray amount is reported")
  func openRow() {
    let result = Self.placement.place([
      Self.item(["15", "3", "12"], nil, .department), Self.item(["15", "3", "12"], "201"), Self.item(["3", "3"], "20101"),
      Self.item(["12", "12"], "20107"), Self.item(["3.9", "8.1"], "2010704"), Self.item(["8.1", "8.1"], "2010705"),
      Self.item(["15", "3", "12"], nil, .total),
    ])
    #expect(result.cells[4] == [.printed(0), .empty, .derived(Amounts.decimal(from: "3.9") ?? 0)])
    #expect(result.unplaced[4] == [1])
    #expect(result.cells[5] == [.printed(0), .empty, .printed(1)])
    #expect(result.notes.contains { $0.item == 4 && $0.message.contains("comes from the table's sums") })
  }

  @Test("when several placements satisfy every sum, the amount is left unplaced, not guessed")
  func undecided() {
    let placement = AmountPlacement(columnCount: 4, sums: [.init(total: 0, parts: [1, 2, 3])])
    let result = placement.place([
      Self.item(["10", "10"], nil, .department), Self.item(["10", "10"], "201"), Self.item(["10", "10"], nil, .total),
    ])
    #expect(result.winners.count == 3)
    for i in 0..<3 {
      #expect(result.cells[i] == [.printed(0), .empty, .empty, .empty])
      #expect(result.unplaced[i] == [1])
    }
  }

  @Test("amounts that add up under no placement are all left unplaced")
  func noPlacement() {
    let result = Self.placement.place([Self.item(["1", "2", "3", "4"], "201")])
    #expect(result.cells[0] == [.empty, .empty, .empty])
    #expect(result.unplaced[0] == [0, 1, 2, 3])
  }
}

/// What the text reader takes for a code, a label or an amount on one pdftotext line.
@Suite("Text table tokens")
struct TextTableTokenTests {
  static let reader = TextTableReader(columns: [], kinds: [], twoSided: false, sums: [], knownNames: [:], words: Corpus.budgetWords)

  @Test(
    "codes, names and amounts",
    arguments: [
      ("208 01 01行政运行787.71 787.71", nil, [TextTableReader.Token.code(["208", "01", "01"]), .text("行政运行"), .amount("787.71"), .amount("787.71")]),
      ("01基本工资215.61 215.61", nil, [.code(["01"]), .text("基本工资"), .amount("215.61"), .amount("215.61")]),
      ("208", "01人力", [.code(["208"])]),
      ("2662", "2500", [.amount("2662")]),
      ("104 104", nil, [.amount("104"), .amount("104")]),
      ("208 07", "04社会", [.code(["208", "07"])]),
      ("403号关", "于提前下", [.text("403号关")]),
      ("达2023", "年高校毕", [.text("达2023")]),
      ("【2022】", nil, [.text("【2022】")]),
      ("101020-人力资源和社会保障", nil, [.text("101020-人力资源和社会保障")]),
      ("3.国有资本经营预算拨款208社会保障和就业支出19287.53", nil, [.text("3.国有资本经营预算拨款"), .code(["208"]), .text("社会保障和就业支出"), .amount("19287.53")]),
      ("收入总计15751.96支出总计15751.96 15751.96", nil, [.text("收入总计"), .amount("15751.96"), .text("支出总计"), .amount("15751.96"), .amount("15751.96")]),
      ("人力资源和社会保障局22,635.40 869.36 21,766.04", nil, [.text("人力资源和社会保障局"), .amount("22,635.40"), .amount("869.36"), .amount("21,766.04")]),
    ] as [(String, String?, [TextTableReader.Token])])
  func tokens(line: String, next: String?, expected: [TextTableReader.Token]) {
    #expect(Self.reader.tokens(of: line, next: next) == expected)
  }
}
