import Testing

@testable import DisclosureKit

/// Glyphs a cell's text pushed over its bottom border go back to it.
@Suite("Cell text overflowing its border")
struct NormalizerOverflowTests {
  static func glyph(_ scalar: Unicode.Scalar, x: Double, top: Double) -> Glyph {
    Glyph(scalar: scalar, box: Box(x0: x, top: top, x1: x + 10, bottom: top + 10.05), fontSize: 10)
  }

  /// One column, two rows split at y = 115 (gen-0411's 社会效益指标 over a page break: its
  /// last glyph 标 prints under the border, over the 可 of the cell below).
  static func cells(_ glyphs: [Glyph]) -> [[Glyph]] {
    let region = TableFinder.Region(
      box: Box(x0: 111.5, top: 72.5, x1: 129.5, bottom: 160), xs: [111.5, 129.5], ys: [72.5, 114.5, 160],
      horizontal: [72.5, 114.5, 160].map { TableFinder.Edge(orientation: .horizontal, position: $0, start: 111.5, end: 129.5) },
      vertical: [111.5, 129.5].map { TableFinder.Edge(orientation: .vertical, position: $0, start: 72.5, end: 160) })
    let cells = TableFinder().cells(of: region)
    let locator = Normalizer.CellLocator(region: region, cells: cells)
    var members = [[Glyph]](repeating: [], count: cells.count)
    for glyph in glyphs {
      if let cell = locator.cell(x: glyph.box.midX, y: glyph.box.midY) { members[cell].append(glyph) }
    }
    Normalizer.returnOverflow(&members, cells: cells, locator: locator)
    return members
  }

  @Test("a glyph under the border that overprints the cell's own text belongs above")
  func overflowReturns() {
    let members = Self.cells([
      Self.glyph("效", x: 115.44, top: 76.25), Self.glyph("益", x: 115.44, top: 89.25),
      Self.glyph("指", x: 115.44, top: 102.25), Self.glyph("标", x: 115.44, top: 115.25),
      Self.glyph("可", x: 115.44, top: 118.85), Self.glyph("持", x: 115.44, top: 131.85),
    ])
    #expect(members.map { String(String.UnicodeScalarView($0.map(\.scalar))) } == ["效益指标", "可持"])
  }

  @Test("a cell's own first line stays when nothing overprints it")
  func ownTextStays() {
    let members = Self.cells([
      Self.glyph("效", x: 115.44, top: 89.25), Self.glyph("益", x: 115.44, top: 102.25),
      Self.glyph("可", x: 115.44, top: 116.85), Self.glyph("持", x: 115.44, top: 129.85),
    ])
    #expect(members.map { String(String.UnicodeScalarView($0.map(\.scalar))) } == ["效益", "可持"])
  }

  @Test("a page number is in the margin by its middle: 国家信访局's landscape page numbers start a hair above the bottom 12 %")
  func pageNumberMargin() {
    // A landscape A4 page (595.3 high): its number boxed 523.51–533.51, over 0.88 × 595.3 = 523.86
    // by its middle though not by its top; a line of the page's text higher up is not.
    let number = TextLine(text: "11", page: 12, box: Box(x0: 410, top: 523.51, x1: 421, bottom: 533.51), fontSize: 10)
    #expect(Normalizer.inMargin(number, height: 595.3))
    let text = TextLine(text: "11", page: 12, box: Box(x0: 410, top: 500, x1: 421, bottom: 510), fontSize: 10)
    #expect(!Normalizer.inMargin(text, height: 595.3))
    let top = TextLine(text: "3", page: 12, box: Box(x0: 410, top: 30, x1: 421, bottom: 40), fontSize: 10)
    #expect(Normalizer.inMargin(top, height: 595.3))
  }
}
