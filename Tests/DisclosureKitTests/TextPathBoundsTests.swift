import Foundation
import Testing

@testable import DisclosureKit

/// Each limit of the text path on untrusted input is hit once: pages of a text layer, and the
/// exact arithmetic of the placement search on either side of its scale. The PDF reader's
/// limits are tested in `PDFStructureTests` (`InputBoundsTests`).
@Suite("Bounds on hostile input: the text path")
struct TextPathBoundsTests {
  @Test("a text layer of form feeds only reads TextLayerReader.maxPages pages and says so")
  func formFeeds() {
    var diagnostics: [Diagnostic] = []
    let text = String(repeating: "\u{0C}", count: TextLayerReader.maxPages * 2)
    let (pages, breaks) = TextLayerReader().pages(in: text, diagnostics: &diagnostics)
    #expect(breaks == .formFeed)
    #expect(pages.count == TextLayerReader.maxPages)
    #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("\(TextLayerReader.maxPages * 2) pages") })
    // Below the limit nothing changes: a final form feed makes no page.
    diagnostics = []
    #expect(TextLayerReader().pages(in: "a\u{0C}b\u{0C}", diagnostics: &diagnostics).pages.map(\.lines) == [["a"], ["b"]])
    #expect(diagnostics.isEmpty)
  }

  @Test("amounts beyond the integer scale are placed by the Decimal search, with the same result")
  func placementScale() {
    let placement = AmountPlacement(columnCount: 3, sums: [.init(total: 0, parts: [1, 2])])
    func item(_ amounts: [String], _ code: String? = nil, _ role: AmountPlacement.Role = .item) -> AmountPlacement.Item {
      AmountPlacement.Item(amounts: amounts.compactMap { Decimal(string: $0) }, code: code, role: role)
    }
    func table(_ suffix: String) -> [AmountPlacement.Item] {
      [
        item(["10" + suffix, "4", "6" + suffix], nil, .department), item(["10" + suffix, "4", "6" + suffix], "201"),
        item(["4", "4"], "20101"), item(["6" + suffix, "6" + suffix], "20102"),
        item(["10" + suffix, "4", "6" + suffix], nil, .total),
      ]
    }
    // 13 decimal places: past ScaledAmounts.maxScale.
    #expect(AmountPlacement.ScaledAmounts(items: table(".0000000000001"), tolerance: placement.tolerance) == nil)
    #expect(AmountPlacement.ScaledAmounts(items: table(".5"), tolerance: placement.tolerance) != nil)
    let scaled = placement.place(table(".5"))
    let decimal = placement.place(table(".0000000000001"))
    #expect(scaled.cells == decimal.cells)
    #expect(scaled.cells[3] == [.printed(0), .empty, .printed(1)])
  }

  @Test(
    "thousands of open department rows (a row repeated along one line) are derived in one pass over their groups",
    .timeLimit(.minutes(1)))
  func repeatedOpenRows() {
    let placement = AmountPlacement(columnCount: 3, sums: [.init(total: 0, parts: [1, 2])])
    func item(_ amounts: [String], _ code: String? = nil, _ role: AmountPlacement.Role = .item) -> AmountPlacement.Item {
      AmountPlacement.Item(amounts: amounts.compactMap { Decimal(string: $0) }, code: code, role: role)
    }
    // corpus/bad/slow-04058-txt.txt: `人力资源和社会保障局 22,635.40 869.36 21,766.04` repeated
    // without a line break, so that each copy's last amount runs into the next copy's name and
    // every copy is a department row with two amounts that fit no column: one open row and one
    // group each. Looking up every open row's groups for every placement took over 60 s.
    let repeats = 4_000
    let items =
      [item(["10", "4", "6"], nil, .department)]
      + Array(repeating: item(["10", "4"], nil, .department), count: repeats)
      + [item(["10", "4", "6"], "201"), item(["4", "4"], "20101"), item(["6", "6"], "20102")]
    let result = placement.place(items)
    #expect(result.cells[0] == [.printed(0), .printed(1), .printed(2)])
    // Every repeat gets its third cell from the sum of the top-level rows.
    for i in 1...repeats {
      #expect(result.cells[i] == [.printed(0), .printed(1), .derived(6)])
    }
  }
}
