import DisclosureTestSupport
import Foundation
import Testing

@testable import PDFStructure

/// ContentStreamRuleReader on the public corpus (invariants and the known table structure) and
/// on small PDFs built here, whose expected rules follow from how poppler draws: coordinates
/// from the page's top-left corner, and strokes at most one pixel wide drawn one pixel wide
/// with their ends moved to pixel centres (x.5).
@Suite("ContentStreamRuleReader")
struct ContentStreamRuleReaderTests {
  private let reader = ContentStreamRuleReader()

  // MARK: Corpus

  private func corpusBytes(_ path: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// `document.pages` from the file's truth file.
  private func truthPageCount(_ path: String) throws -> Int {
    let truth = URL(fileURLWithPath: path.replacingOccurrences(of: ".pdf", with: ".truth.json"))
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: truth))
    let document = (object as? [String: Any])?["document"] as? [String: Any]
    return try #require(document?["pages"] as? Int)
  }

  @Test func readsEveryCorpusPage() throws {
    let files = Corpus.publicPDFs
    #expect(files.count == 11)
    var total = 0
    for path in files {
      let drawings = try #require(reader.drawings(in: try corpusBytes(path), pages: nil), "\(path)")
      let count = try truthPageCount(path)
      #expect(Set(drawings.keys) == Set(1...count), "\(path)")
      total += drawings.count
    }
    #expect(total == 300)
  }

  @Test func corpusRulesLieOnTheirPages() throws {
    for path in Corpus.publicPDFs {
      let bytes = try corpusBytes(path)
      let file = try #require(PDFFile(bytes: bytes))
      let pages = try #require(PDFPageEntry.pages(in: file))
      let drawings = try #require(reader.drawings(in: bytes, pages: nil))
      for (number, drawing) in drawings {
        let size = pages[number - 1].size
        for rule in drawing.rules {
          // Half a line width may hang over the edge.
          #expect(rule.x0 >= -2 && rule.x1 <= size.width + 2, "\(path) p\(number) \(rule)")
          #expect(rule.top >= -2 && rule.bottom <= size.height + 2, "\(path) p\(number) \(rule)")
          #expect(rule.x0 <= rule.x1 && rule.top <= rule.bottom)
          let long = rule.orientation == .horizontal ? rule.width : rule.height
          #expect(long >= 2)
        }
        #expect(drawing.glyphRuns <= drawing.drawingOperations)
      }
    }
  }

  @Test func ruledTableOnGen0101Page7() throws {
    let drawings = try #require(
      reader.drawings(in: try corpusBytes(Corpus.path("public/gen-0101.pdf")), pages: [7]))
    #expect(drawings.keys.sorted() == [7])
    let rules = try #require(drawings[7]).rules
    let horizontal = rules.filter { $0.orientation == .horizontal && $0.paint == .stroke }
    let vertical = rules.filter { $0.orientation == .vertical && $0.paint == .stroke }
    #expect(horizontal.count >= 10)
    #expect(vertical.count >= 4)
    // Every horizontal rule spans the table: one left and one right edge.
    let lefts = horizontal.map(\.x0)
    let rights = horizontal.map(\.x1)
    #expect((lefts.max() ?? 0) - (lefts.min() ?? 0) < 1)
    #expect((rights.max() ?? 0) - (rights.min() ?? 0) < 1)
    // Column rules end on the table's bottom border (pixel alignment can leave a point between
    // their ends), and body rows are at least 18 pt apart
    // (the generator's minimum body row height).
    let positions = horizontal.map(\.position).sorted()
    let bottom = try #require(positions.last)
    for rule in vertical { #expect(abs(rule.bottom - bottom) <= 1.5) }
    for (a, b) in zip(positions, positions.dropFirst()) { #expect(b - a >= 17.5) }
    // Column rules sit inside the table's width.
    for rule in vertical {
      #expect(rule.position >= (lefts.min() ?? 0) - 1 && rule.position <= (rights.max() ?? 0) + 1)
    }
  }

  @Test func filledBordersAndBorderlessPages() throws {
    let gen0404 = try #require(
      reader.drawings(in: try corpusBytes(Corpus.path("public/gen-0404.pdf")), pages: [9, 17]))
    let filled = try #require(gen0404[17]).rules.filter { $0.paint == .fill }
    #expect(filled.contains { $0.orientation == .horizontal })
    #expect(filled.contains { $0.orientation == .vertical })
    for rule in filled { #expect(min(rule.width, rule.height) <= 2.5) }
    #expect(try #require(gen0404[9]).rules.isEmpty)
    let gen0402 = try #require(reader.drawings(in: try corpusBytes(Corpus.path("public/gen-0402.pdf")), pages: [3]))
    #expect(try #require(gen0402[3]).rules.isEmpty)
  }

  // MARK: Built documents

  /// The rules of page 1 of a one-page document.
  private func rules(_ pdf: [UInt8], page: Int = 1) throws -> [RulingLine] {
    let drawings = try #require(reader.drawings(in: pdf, pages: nil))
    return try #require(drawings[page]).rules
  }

  /// Whether `rules` are exactly `expected` (same edges within a thousandth of a point).
  private func same(_ rules: [RulingLine], _ expected: [RulingLine]) -> Bool {
    func key(_ r: RulingLine) -> [Int] {
      [r.orientation == .horizontal ? 0 : 1, r.paint == .stroke ? 0 : 1]
        + [r.x0, r.top, r.x1, r.bottom].map { Int(($0 * 1000).rounded()) }
    }
    return rules.map(key).sorted { $0.lexicographicallyPrecedes($1) }
      == expected.map(key).sorted { $0.lexicographicallyPrecedes($1) }
  }

  private func h(_ x0: Double, _ top: Double, _ x1: Double, _ bottom: Double, _ paint: RulingLine.Paint) -> RulingLine {
    RulingLine(x0: x0, top: top, x1: x1, bottom: bottom, orientation: .horizontal, paint: paint)
  }

  private func v(_ x0: Double, _ top: Double, _ x1: Double, _ bottom: Double, _ paint: RulingLine.Paint) -> RulingLine {
    RulingLine(x0: x0, top: top, x1: x1, bottom: bottom, orientation: .vertical, paint: paint)
  }

  @Test func gridOfFilledRectangles() throws {
    // A 2×2 table drawn as Word draws borders: thin filled rectangles, on a 200 × 200 page.
    let content = """
      50 50 100 0.5 re f 50 100 100 0.5 re f 50 150 100 0.5 re f
      50 50 0.5 100 re f 100 50 0.5 100 re f 150 50 0.5 100 re f
      """
    let rules = try rules(PDFBuilder.document([content], mediaBox: "[0 0 200 200]"))
    #expect(
      same(
        rules,
        [
          h(50, 149.5, 150, 150, .fill), h(50, 99.5, 150, 100, .fill), h(50, 49.5, 150, 50, .fill),
          v(50, 50, 50.5, 150, .fill), v(100, 50, 100.5, 150, .fill), v(150, 50, 150.5, 150, .fill),
        ]))
  }

  @Test func gridOfStrokedLines() throws {
    // Half-point lines are drawn one pixel wide, their ends moved to pixel centres.
    let content = """
      0.5 w 50 50 m 150 50 l S 50 100 m 150 100 l S 50 150 m 150 150 l S
      50 50 m 50 150 l S 100 50 m 100 150 l S 150 50 m 150 150 l S
      """
    let rules = try rules(PDFBuilder.document([content], mediaBox: "[0 0 200 200]"))
    #expect(
      same(
        rules,
        [
          h(50.5, 150, 150.5, 151, .stroke), h(50.5, 100, 150.5, 101, .stroke), h(50.5, 50, 150.5, 51, .stroke),
          v(50, 50.5, 51, 150.5, .stroke), v(100, 50.5, 101, 150.5, .stroke), v(150, 50.5, 151, 150.5, .stroke),
        ]))
  }

  @Test func thickStrokesKeepTheirWidthAndPlace() throws {
    let rules = try rules(PDFBuilder.document(["3 w 50 50 m 150 50 l S"], mediaBox: "[0 0 200 200]"))
    #expect(same(rules, [h(50, 148.5, 150, 151.5, .stroke)]))
  }

  @Test func twoPointLinesReadAsTheScriptReaderReadThem() throws {
    // cairo's script surface never writes its default width, 2, and ScriptRuleReader assumed 1
    // until told otherwise; the first 2-point lines of a page therefore read as 1 point thick.
    let content = "2 w 50 50 m 150 50 l S 3 w 50 60 m 150 60 l S 2 w 50 70 m 150 70 l S"
    let rules = try rules(PDFBuilder.document([content], mediaBox: "[0 0 200 200]"))
    #expect(
      same(
        rules,
        [h(50, 149.5, 150, 150.5, .stroke), h(50, 138.5, 150, 141.5, .stroke), h(50, 129, 150, 131, .stroke)]))
  }

  @Test func formXObjectsWithMatrixAndResources() throws {
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /XObject << /Row 5 0 R >> >> >>")
    // The page inherits its resources from the page tree.
    pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>")
    pdf.stream(4, Array("/Row Do q 1 0 0 1 0 20 cm /Row Do Q".utf8))
    pdf.stream(
      5, Array("0 0 m 100 0 l S".utf8),
      dictionary: "/Type /XObject /Subtype /Form /BBox [0 0 200 50] /Matrix [1 0 0 1 50 100] /Resources << >>")
    let rules = try rules(pdf.classic())
    #expect(same(rules, [h(50.5, 100, 150.5, 101, .stroke), h(50.5, 80, 150.5, 81, .stroke)]))
  }

  @Test func matrixScalingAppliesToPathsAndWidths() throws {
    let content = """
      q 2 0 0 2 0 0 cm 0.25 w 25 25 m 75 25 l S 25 50 50 0.5 re f 1 w 25 75 m 75 75 l S Q
      """
    let rules = try rules(PDFBuilder.document([content], mediaBox: "[0 0 200 200]"))
    // 0.25 pt at scale 2 is half a pixel: drawn one pixel wide and aligned; 1 pt at scale 2 is
    // two pixels wide and left in place.
    #expect(
      same(
        rules,
        [h(50.5, 150, 150.5, 151, .stroke), h(50, 99, 150, 100, .fill), h(50, 49, 150, 51, .stroke)]))
  }

  @Test func rotatedPage() throws {
    // /Rotate 90 turns the 200 × 100 page into 100 wide and 200 tall; PDF x runs down.
    let pdf = PDFBuilder.document(["20 50 m 180 50 l S 20 30 160 1 re f"], mediaBox: "[0 0 200 100]", rotate: 90)
    let rules = try rules(pdf)
    #expect(same(rules, [v(50, 20.5, 51, 180.5, .stroke), v(30, 20, 31, 180, .fill)]))
    let file = try #require(PDFFile(bytes: pdf))
    let page = try #require(PDFPageEntry.pages(in: file)?.first)
    #expect(page.size.width == 100 && page.size.height == 200)
  }

  @Test func cropBoxMovesTheOrigin() throws {
    let pdf = PDFBuilder.document(
      ["3 w 50 50 m 150 50 l S"], mediaBox: "[0 0 300 300] /CropBox [20 10 220 210]")
    #expect(same(try rules(pdf), [h(30, 158.5, 130, 161.5, .stroke)]))
  }

  @Test func crossReferenceStreamAndObjectStream() throws {
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>")
    pdf.stream(4, Array("3 w 50 50 m 150 50 l S".utf8))
    let bytes = pdf.withCrossReferenceStream()
    #expect(same(try rules(bytes), [h(50, 148.5, 150, 151.5, .stroke)]))
  }

  @Test func flateContentWithHuffmanCodes() throws {
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>")
    // "0 0 m 100 0 l S 0 10 m 100 10 l S 0 20 m 100 20 l S", fixed Huffman codes.
    pdf.stream(4, InflateTests.fixedContent, dictionary: "/Filter /FlateDecode")
    #expect(
      same(
        try rules(pdf.classic()),
        [h(0.5, 100, 100.5, 101, .stroke), h(0.5, 90, 100.5, 91, .stroke), h(0.5, 80, 100.5, 81, .stroke)]))
  }

  @Test func incrementalUpdateWins() throws {
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>")
    pdf.stream(4, Array("3 w 50 50 m 150 50 l S".utf8))
    let original = pdf.classic()
    var update = PDFBuilder()
    update.stream(4, Array("3 w 50 60 m 150 60 l S".utf8))
    let updated = update.appended(to: original, size: 5)
    #expect(same(try rules(original), [h(50, 148.5, 150, 151.5, .stroke)]))
    #expect(same(try rules(updated), [h(50, 138.5, 150, 141.5, .stroke)]))
  }

  @Test func contentArrayJoinsStreamsAndIndirectLength() throws {
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents [4 0 R 5 0 R] >>")
    let first = Array("3 w 50 50 m".utf8)
    pdf.object(4, "<< /Length 6 0 R >>\nstream\n" + String(decoding: first, as: UTF8.self) + "\nendstream")
    pdf.stream(5, Array("150 50 l S".utf8))
    pdf.object(6, "\(first.count)")
    #expect(same(try rules(pdf.classic()), [h(50, 148.5, 150, 151.5, .stroke)]))
  }

  @Test func textStringsAndInlineImagesDrawNoRules() throws {
    let content =
      "BI /W 4 /H 1 /BPC 8 /CS /G ID \u{0}S f EI "
      + "BT /F1 12 Tf 20 20 Td (50 50 m 150 50 l S) Tj [(re) 10 (f \\) S)] TJ (a) ' 1 2 (b) \" ET "
      + "3 w 50 60 m 150 60 l S"
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.object(
      3,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        + "/Resources << /Font << /F1 5 0 R >> >> >>")
    pdf.stream(4, Array(content.utf8))
    pdf.object(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    let drawing = try #require(reader.drawings(in: pdf.classic(), pages: nil)?[1])
    #expect(same(drawing.rules, [h(50, 138.5, 150, 141.5, .stroke)]))
    #expect(drawing.glyphRuns == 4)
    // Four text runs, the inline image, and the stroke.
    #expect(drawing.drawingOperations == 6)
  }

  @Test func fontsAreLookedUpInTheResourcesInForce() throws {
    // Whether `Tf` finds its font decides whether glyphs reach the script, and a glyph run
    // resets the scale an image's pattern left for the next stroke's thickness. /F2 is only in
    // the form's resources: selected on the page before and after the form it is missing, inside
    // the form it is there (fonts looked up are remembered per resource level).
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.object(
      3,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        + "/Resources << /XObject << /Img 6 0 R /Fm 7 0 R >> >> >>")
    let strokeAfterImageAndText = "q 10 0 0 10 0 0 cm /Img Do Q BT /F2 12 Tf (a) Tj ET 3 w "
    pdf.stream(4, Array(("BT /F2 12 Tf ET /Fm Do " + strokeAfterImageAndText + "25 50 m 75 50 l S").utf8))
    pdf.object(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pdf.stream(
      6, [0],
      dictionary: "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8")
    pdf.stream(
      7, Array((strokeAfterImageAndText + "25 25 m 75 25 l S").utf8),
      dictionary: "/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /Font << /F2 5 0 R >> >>")
    let drawing = try #require(reader.drawings(in: pdf.classic(), pages: nil)?[1])
    // In the form the glyphs reset the scale: 3 points thick. On the page they never reach the
    // script, so the image's scale (a tenth) stays: 0.3 points thick.
    #expect(same(drawing.rules, [h(25, 173.5, 75, 176.5, .stroke), h(25, 149.85, 75, 150.15, .stroke)]))
    #expect(drawing.glyphRuns == 2)
  }

  @Test func numbersEndWhereTheLexerStops() throws {
    // A second point ends a number and starts the next: `50.0.0` is 50.0 then .0, so the line
    // goes to (50, 0), downwards. A minus sign inside the fraction is skipped: `50.-5` is 50.5.
    let content = "3 w 50 50 m 150 50.0.0 l S +50 100 m 150 100.-0 l S"
    let rules = try rules(PDFBuilder.document([content], mediaBox: "[0 0 200 200]"))
    #expect(same(rules, [v(48.5, 150, 51.5, 200, .stroke), h(50, 98.5, 150, 101.5, .stroke)]))
  }

  @Test func lightAndTransparentPaintIsNoRule() throws {
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.object(
      3,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        + "/Resources << /ExtGState << /Faint << /CA 0.1 >> >> >> >>")
    let content = """
      3 w 0.9 G 50 50 m 150 50 l S 0.9 0.9 0.95 RG 50 60 m 150 60 l S 0 0 0 0.05 K 50 70 m 150 70 l S
      0 G q /Faint gs 50 80 m 150 80 l S Q 50 90 m 150 90 l S
      """
    pdf.stream(4, Array(content.utf8))
    #expect(same(try rules(pdf.classic()), [h(50, 108.5, 150, 111.5, .stroke)]))
  }

  @Test func outlinesAreNotRules() throws {
    // A curved path, and a polyline of six points (a glyph-like outline).
    let content = """
      3 w 50 50 m 150 50 l 150 60 150 70 140 80 c S
      50 100 m 150 100 l 150 110 l 50 110 l 50 120 l 150 120 l S
      """
    #expect(try rules(PDFBuilder.document([content], mediaBox: "[0 0 200 200]")).isEmpty)
  }

  @Test func unmatchedRestoreEndsTheStream() throws {
    // poppler abandons a content stream at a `Q` with nothing to restore, and at an operator
    // given too few operands; the next page is drawn as usual.
    let pdf = PDFBuilder.document(
      ["Q 3 w 50 50 m 150 50 l S", "3 w 50 50 m 150 l S 50 60 m 150 60 l S", "3 w 50 50 m 150 50 l S"],
      mediaBox: "[0 0 200 200]")
    let drawings = try #require(reader.drawings(in: pdf, pages: nil))
    #expect(drawings[1]?.rules.isEmpty == true)
    #expect(drawings[2]?.rules.isEmpty == true)
    #expect(drawings[3]?.rules.count == 1)
  }

  @Test func pagesAskedForOnly() throws {
    let pdf = PDFBuilder.document(["3 w 0 0 m 100 0 l S", "", "3 w 0 0 m 0 100 l S"], mediaBox: "[0 0 200 200]")
    let drawings = try #require(reader.drawings(in: pdf, pages: [3, 7]))
    #expect(drawings.keys.sorted() == [3])
    #expect(drawings[3]?.rules.first?.orientation == .vertical)
    #expect(try #require(reader.drawings(in: pdf, pages: nil)).keys.sorted() == [1, 2, 3])
  }

  @Test func unsupportedFilterLeavesThePageOut() throws {
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>")
    pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>")
    pdf.stream(4, [0x80, 0x0B, 0x60, 0x50], dictionary: "/Filter /LZWDecode")
    pdf.object(5, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 6 0 R >>")
    pdf.stream(6, Array("3 w 50 50 m 150 50 l S".utf8))
    let drawings = try #require(reader.drawings(in: pdf.classic(), pages: nil))
    #expect(drawings.keys.sorted() == [2])
  }

  // MARK: Files this reader refuses

  @Test func encryptedAndBrokenFilesGiveNil() throws {
    var encrypted = PDFBuilder()
    encrypted.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    encrypted.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
    encrypted.object(3, "<< /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 >>")
    #expect(reader.drawings(in: encrypted.classic(trailer: "/Encrypt 3 0 R"), pages: nil) == nil)

    // A `startxref` that points at no cross-reference section.
    let document = String(
      decoding: PDFBuilder.document(["3 w 50 50 m 150 50 l S"], mediaBox: "[0 0 200 200]"), as: UTF8.self)
    let misplaced = document.replacingOccurrences(
      of: #"startxref\n\d+"#, with: "startxref\n5", options: .regularExpression)
    #expect(misplaced != document)
    #expect(reader.drawings(in: Array(misplaced.utf8), pages: nil) == nil)

    // An object that is not where the table says.
    let moved = document.replacingOccurrences(of: "3 0 obj", with: "9 0 obj")
    #expect(reader.drawings(in: Array(moved.utf8), pages: nil) == nil)

    #expect(reader.drawings(in: [], pages: nil) == nil)
    #expect(reader.drawings(in: Array("%PDF-1.4\nnot really\n%%EOF".utf8), pages: nil) == nil)
    #expect(reader.drawings(in: Array("startxref\n999999\n%%EOF".utf8), pages: nil) == nil)
  }

  @Test func garbageAndTruncatedInputsNeverCrash() throws {
    let document = PDFBuilder.document(
      ["3 w 50 50 m 150 50 l S q 1 0 0 1 5 5 cm 10 10 100 0.5 re f Q", "BI /W 1 /H 1 ID x EI (s) Tj"],
      mediaBox: "[0 0 200 200]")
    for cut in stride(from: 0, to: document.count, by: 7) {
      _ = reader.drawings(in: Array(document.prefix(cut)), pages: nil)
    }
    var state: UInt64 = 42
    for _ in 0..<500 {
      var bytes = document
      for _ in 0..<4 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes[Int(state >> 33) % bytes.count] = UInt8(truncatingIfNeeded: state >> 13)
      }
      _ = reader.drawings(in: bytes, pages: nil)
      let noise = (0..<256).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 29)
      }
      _ = reader.drawings(in: noise, pages: nil)
    }
  }

  @Test func formsNestUpToPopplersLimit() throws {
    // poppler draws forms nested 100 deep and refuses the 101st.
    func chain(_ depth: Int) -> [UInt8] {
      var pdf = PDFBuilder()
      pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
      pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
      pdf.object(
        3,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
          + "/Resources << /XObject << /F0 10 0 R >> >> >>")
      pdf.stream(4, Array("/F0 Do".utf8))
      for level in 0..<depth {
        let content = level + 1 < depth ? "/F\(level + 1) Do" : "3 w 50 50 m 150 50 l S"
        pdf.stream(
          10 + level, Array(content.utf8),
          dictionary: "/Type /XObject /Subtype /Form /BBox [0 0 200 200] "
            + "/Resources << /XObject << /F\(level + 1) \(11 + level) 0 R >> >>")
      }
      return pdf.classic()
    }
    #expect(same(try rules(chain(100)), [h(50, 148.5, 150, 151.5, .stroke)]))
    #expect(try rules(chain(101)).isEmpty)
  }

  @Test func loopsInTheFileStructureAreCaught() throws {
    // A page tree that contains itself, a form that draws itself, and a /Prev chain in a
    // circle: each must end.
    var tree = PDFBuilder()
    tree.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    tree.object(2, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>")
    #expect(reader.drawings(in: tree.classic(), pages: nil) == nil)

    var form = PDFBuilder()
    form.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    form.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    form.object(
      3,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        + "/Resources << /XObject << /Me 5 0 R >> >> >>")
    form.stream(4, Array("/Me Do".utf8))
    form.stream(
      5, Array("3 w 50 50 m 150 50 l S /Me Do".utf8),
      dictionary: "/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /XObject << /Me 5 0 R >> >>")
    #expect(same(try rules(form.classic()), [h(50, 148.5, 150, 151.5, .stroke)]))

    let base = PDFBuilder.document(["3 w 50 50 m 150 50 l S"], mediaBox: "[0 0 200 200]")
    let text = String(decoding: base, as: UTF8.self)
    let xref = try #require(text.range(of: "startxref\n"))
    let offset = text[xref.upperBound...].prefix { $0.isNumber }
    let looped = text.replacingOccurrences(of: "/Root 1 0 R", with: "/Root 1 0 R /Prev \(offset)")
    #expect(reader.drawings(in: Array(looped.utf8), pages: nil) != nil)
  }
}

/// Builds small PDFs: numbered objects written with a classic cross-reference table, or with
/// the objects in an object stream and a cross-reference stream (Flate, PNG Up predictor).
struct PDFBuilder {
  private var objects: [(number: Int, body: [UInt8], isStream: Bool)] = []

  /// Adds an object given as text.
  mutating func object(_ number: Int, _ text: String) {
    objects.append((number, Array(text.utf8), false))
  }

  /// Adds a stream object.
  mutating func stream(_ number: Int, _ data: [UInt8], dictionary: String = "") {
    let head = Array("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8)
    objects.append((number, head + data + Array("\nendstream".utf8), true))
  }

  /// A document of one page per content stream.
  static func document(_ contents: [String], mediaBox: String = "[0 0 612 792]", rotate: Int = 0) -> [UInt8] {
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    let kids = contents.indices.map { "\(3 + 2 * $0) 0 R" }.joined(separator: " ")
    pdf.object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(contents.count) >>")
    for (index, content) in contents.enumerated() {
      pdf.object(
        3 + 2 * index,
        "<< /Type /Page /Parent 2 0 R /MediaBox \(mediaBox) /Rotate \(rotate) /Contents \(4 + 2 * index) 0 R >>")
      pdf.stream(4 + 2 * index, Array(content.utf8))
    }
    return pdf.classic()
  }

  private func body(_ start: Int, into out: inout [UInt8]) -> [Int: Int] {
    var offsets: [Int: Int] = [:]
    for object in objects {
      offsets[object.number] = start + out.count
      out += Array("\(object.number) 0 obj\n".utf8) + object.body + Array("\nendobj\n".utf8)
    }
    return offsets
  }

  /// The file with a classic cross-reference table.
  func classic(trailer: String = "") -> [UInt8] {
    var out = Array("%PDF-1.7\n%\u{E2}\u{E3}\n".utf8)
    let offsets = body(0, into: &out)
    let size = (objects.map(\.number).max() ?? 0) + 1
    let xref = out.count
    out += Array("xref\n0 \(size)\n0000000000 65535 f \n".utf8)
    for number in 1..<max(1, size) {
      let line = offsets[number].map { String(format: "%010d 00000 n \n", $0) } ?? "0000000000 65535 f \n"
      out += Array(line.utf8)
    }
    out += Array("trailer\n<< /Size \(size) /Root 1 0 R \(trailer) >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
    return out
  }

  /// `base` with these objects appended as an incremental update (`/Prev` to its section).
  func appended(to base: [UInt8], size: Int) -> [UInt8] {
    let text = String(decoding: base, as: UTF8.self)
    let previous = text.components(separatedBy: "startxref\n").last?.prefix { $0.isNumber } ?? "0"
    var out: [UInt8] = []
    let offsets = body(base.count, into: &out)
    let xref = base.count + out.count
    out += Array("xref\n".utf8)
    for number in offsets.keys.sorted() {
      out += Array(String(format: "%d 1\n%010d 00000 n \n", number, offsets[number] ?? 0).utf8)
    }
    out += Array("trailer\n<< /Size \(size) /Root 1 0 R /Prev \(previous) >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
    return base + out
  }

  /// The file with every non-stream object in an object stream, indexed by a cross-reference
  /// stream compressed with FlateDecode and the PNG Up predictor.
  func withCrossReferenceStream() -> [UInt8] {
    let plain = objects.filter { !$0.isStream }
    let streams = objects.filter(\.isStream)
    let objectStream = (objects.map(\.number).max() ?? 0) + 1
    let xrefNumber = objectStream + 1
    var header = ""
    var data: [UInt8] = []
    for object in plain {
      header += "\(object.number) \(data.count) "
      data += object.body + [0x0A]
    }
    let first = header.utf8.count
    var out = Array("%PDF-1.7\n".utf8)
    var entries: [Int: (type: Int, field2: Int, field3: Int)] = [:]
    for object in streams {
      entries[object.number] = (1, out.count, 0)
      out += Array("\(object.number) 0 obj\n".utf8) + object.body + Array("\nendobj\n".utf8)
    }
    entries[objectStream] = (1, out.count, 0)
    let packed = Array(header.utf8) + data
    out +=
      Array(
        "\(objectStream) 0 obj\n<< /Type /ObjStm /N \(plain.count) /First \(first) /Length \(packed.count) >>\nstream\n"
          .utf8) + packed + Array("\nendstream\nendobj\n".utf8)
    for (index, object) in plain.enumerated() { entries[object.number] = (2, objectStream, index) }
    entries[xrefNumber] = (1, out.count, 0)
    let size = xrefNumber + 1
    var rows: [[UInt8]] = []
    for number in 0..<size {
      let entry = entries[number] ?? (0, 0, 0)
      rows.append([UInt8(entry.type), UInt8(entry.field2 >> 8), UInt8(entry.field2 & 0xFF), UInt8(entry.field3)])
    }
    // PNG Up: each row holds its difference from the row above, after a filter byte of 2.
    var predicted: [UInt8] = []
    var above: [UInt8] = [0, 0, 0, 0]
    for row in rows {
      predicted.append(2)
      for k in 0..<4 { predicted.append(row[k] &- above[k]) }
      above = row
    }
    let compressed = Self.zlibStored(predicted)
    out +=
      Array(
        ("\(xrefNumber) 0 obj\n<< /Type /XRef /Size \(size) /W [1 2 1] /Index [0 \(size)] /Root 1 0 R "
          + "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length \(compressed.count) >>\nstream\n")
          .utf8) + compressed + Array("\nendstream\nendobj\n".utf8)
    out += Array("startxref\n\(entries[xrefNumber]?.field2 ?? 0)\n%%EOF\n".utf8)
    return out
  }

  /// A zlib stream of stored (uncompressed) deflate blocks.
  static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var start = 0
    repeat {
      let count = min(65535, data.count - start)
      let final: UInt8 = start + count == data.count ? 1 : 0
      out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
      out += data[start..<(start + count)]
      start += count
    } while start < data.count
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in data {
      a = (a + UInt32(byte)) % 65521
      b = (b + a) % 65521
    }
    let adler = b << 16 | a
    return out + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
  }
}

/// The measures the assertions use, as the pipeline's `Rule` and `Box` define them.
extension RulingLine {
  fileprivate var width: Double { x1 - x0 }
  fileprivate var height: Double { bottom - top }
  /// y for a horizontal line, x for a vertical one.
  fileprivate var position: Double { orientation == .horizontal ? (top + bottom) / 2 : (x0 + x1) / 2 }
}
