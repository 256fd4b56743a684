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
}
