import DisclosureKit
import DisclosurePoppler
import DisclosureTestSupport
import Foundation
import Testing

/// Word-box inputs: `corpus/wordbox/gen-0103.tsv` is `pdftotext -tsv` of the public gen-0103.pdf
/// (every word with its box, no ruling lines); `scan-0103-p4.{tsv,hocr,alto.xml}` are what the
/// `tesseract` command (5.3, chi_sim, whole page) writes for page 4 of the public scan-0103.pdf
/// rendered at 300 dpi.
@Suite("Word-box inputs (TSV, hOCR, ALTO)")
struct WordBoxTests {
  static func truthTables(_ stem: String) throws -> [[String: Any]] {
    let url = URL(fileURLWithPath: Corpus.path("public/\(stem).truth.json"))
    let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    return try #require(truth["tables"] as? [[String: Any]])
  }

  /// Each truth table's rows (those with text) beside the document's table of its number, as
  /// score.py compares them: amounts without thousands separators, codes without the spaces
  /// between their parts (213 03 02); and how many truth rows the table reads exactly.
  /// The header too, each name without spaces.
  static func compared(_ document: DisclosureDocument, with stem: String) throws -> [(
    number: Int, truth: [[String]], read: [[String]], exact: Int, header: Bool
  )] {
    let bare = { (cells: [String]) in cells.map { $0.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "") } }
    return try truthTables(stem).map { expected in
      let number = try #require(expected["number"] as? Int)
      let truth = try #require(expected["rows"] as? [[String: Any]]).compactMap { $0["cells"] as? [String] }.filter { $0.contains { !$0.isEmpty } }.map(bare)
      let table = try #require(document.tables.first { $0.number == number }, "表\(number)")
      let read = table.rows.map { bare($0.cells) }
      let header = try #require(expected["header"] as? [String]).map { $0.replacingOccurrences(of: " ", with: "") }
      return (number, truth, read, truth.filter { read.contains($0) }.count, header == table.header.map { $0.replacingOccurrences(of: " ", with: "") })
    }
  }

  @Test("pdftotext -tsv of gen-0103: a TSV document of word boxes, its tables read from the words' alignment, the rows and headers of nine of its ten tables as the truth prints them")
  func pdftotextTSV() throws {
    let raw = try DocumentReader().read(Corpus.path("wordbox/gen-0103.tsv"))
    #expect(raw.source.input == .tsv && raw.source.ocrPages.isEmpty && raw.source.pages == 28)
    #expect(raw.pages.allSatisfy { $0.rules.isEmpty })
    // Pages in points: gen-0103's are A4, its tables landscape.
    let sizes = Set(raw.pages.map { [Int($0.size.width.rounded()), Int($0.size.height.rounded())] })
    #expect(sizes == [[595, 842], [842, 595]])
    #expect(raw.diagnostics.contains { $0.message.hasPrefix("word boxes (TSV)") && $0.message.contains("no ruling lines") })
    let document = try Golden.defaultPipeline().process(raw)
    #expect(document.source.input == .tsv)
    #expect(document.metadata.department == "阜康市交通运输局" && document.metadata.year == 2022)
    let tables = try Self.compared(document, with: "gen-0103")
    // 表7 (项目支出表) wraps its project names over two lines beside one-line codes.
    for table in tables where table.number != 7 {
      #expect(table.read == table.truth, "表\(table.number)")
      // Headers of two and three rows: 支出预算 over 合计, 基本支出 and 项目支出 centred on the
      // middle one, 项目 over 科目编码's 类, 款 and 项.
      #expect(table.header, "表\(table.number)'s header")
    }
    let exact = tables.map(\.exact).reduce(0, +)
    let total = tables.map(\.truth.count).reduce(0, +)
    #expect(exact >= 160 && total == 166, "\(exact) of \(total) rows")
  }

  /// `pdftotext -tsv` of more public PDFs with the layouts the aligned reader found hardest:
  /// codes in 类/款/项 columns printed with spaces in one cell and header names wrapped over
  /// them (gen-0105), amounts at the top of tall rows and a text layer without spaces
  /// (gen-0404), narrow header names wrapped a character or two a line, set in one fragment
  /// with their neighbours (gen-0413), two narrow text columns side by side with wrapped names
  /// (gen-0104, gen-0101), a 三公 table's rows without values under rows with them and an empty
  /// column under a header name (gen-0101). The rows and headers read exactly as the truth
  /// prints them (the build before word boxes read 63, 105 and 76 rows of the first three; the
  /// build before this test's headers, 4, 6 and 8 headers of them).
  @Test(
    "pdftotext -tsv of other layouts: the truth's rows and headers read exactly, table by table",
    arguments: [
      ("gen-0105", 152, 154, 8), ("gen-0404", 187, 190, 9), ("gen-0413", 115, 117, 10), ("gen-0104", 174, 176, 10),
      ("gen-0101", 163, 166, 9),
    ])
  func otherLayouts(stem: String, atLeast: Int, rows: Int, headers: Int) throws {
    let document = try Golden.defaultPipeline().process(try DocumentReader().read(Corpus.path("wordbox/\(stem).tsv")))
    #expect(document.tables.count == 10)
    let tables = try Self.compared(document, with: stem)
    let exact = tables.map(\.exact).reduce(0, +)
    let total = tables.map(\.truth.count).reduce(0, +)
    #expect(total == rows && exact >= atLeast, "\(stem): \(exact) of \(total) rows")
    let read = tables.filter(\.header).count
    #expect(read >= headers, "\(stem): \(read) of 10 headers")
  }

  @Test("Tesseract's TSV, hOCR and ALTO of one scanned page give the same characters, in points on an A4 page, as OCR pages whose unsure words are flagged")
  func threeFormats() throws {
    var texts: [String] = []
    for (file, input) in [("scan-0103-p4.tsv", RawDocument.Input.tsv), ("scan-0103-p4.hocr", .hocr), ("scan-0103-p4.alto.xml", .alto)] {
      let raw = try DocumentReader().read(Corpus.path("wordbox/\(file)"))
      #expect(raw.source.input == input, "\(file)")
      #expect(raw.source.ocrPages == [1], "\(file)")
      let page = try #require(raw.pages.first)
      // 3509×2481 pixels at 300 dpi (hOCR's scan_res; else A4's long side) is A4 landscape.
      #expect(abs(page.size.width - 842) < 2 && abs(page.size.height - 595.4) < 2, "\(file): \(page.size)")
      #expect(page.glyphs.count > 150, "\(file)")
      #expect(page.glyphs.allSatisfy { $0.box.x0 >= 0 && $0.box.x1 <= page.size.width + 1 && $0.box.bottom <= page.size.height + 1 })
      #expect(raw.diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("OCR is unsure of") && $0.box != nil })
      texts.append(String(String.UnicodeScalarView(page.glyphs.map(\.scalar))))
    }
    #expect(texts[0] == texts[1] && texts[1] == texts[2])
    // The page is 表1's continuation: 220 to 234 under 支出 and the totals.
    #expect(texts[0].contains("220自然资源海洋气象等支出") && texts[0].contains("221住房保障支出64.62"))
  }

  @Test("files one per page, numbered from 1, are one document; numbered documents of many pages each are not")
  func numberedSet() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wordbox-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = try Data(contentsOf: URL(fileURLWithPath: Corpus.path("wordbox/scan-0103-p4.tsv")))
    for name in ["scan-1.tsv", "scan-2.tsv", "scan-3.tsv"] { try page.write(to: folder.appendingPathComponent(name)) }
    let first = folder.appendingPathComponent("scan-1.tsv").path
    #expect(WordBoxSet.members(of: first).map { URL(fileURLWithPath: $0).lastPathComponent } == ["scan-1.tsv", "scan-2.tsv", "scan-3.tsv"])
    #expect(WordBoxSet.collapsed(["scan-1.tsv", "scan-2.tsv", "scan-3.tsv"].map { folder.appendingPathComponent($0).path }) == [first])
    let raw = try DocumentReader().read(first)
    #expect(raw.pages.map(\.number) == [1, 2, 3] && raw.source.pages == 3 && raw.source.ocrPages == [1, 2, 3])
    #expect(raw.pages[0].glyphs == raw.pages[2].glyphs)
    // Documents numbered like pages but of many pages each (or not from 1) stay apart.
    let whole = try Data(contentsOf: URL(fileURLWithPath: Corpus.path("wordbox/gen-0103.tsv")))
    for name in ["dept-1.tsv", "dept-2.tsv"] { try whole.write(to: folder.appendingPathComponent(name)) }
    #expect(WordBoxSet.members(of: folder.appendingPathComponent("dept-1.tsv").path).count == 1)
    for name in ["gen-0101.tsv", "gen-0102.tsv"] { try page.write(to: folder.appendingPathComponent(name)) }
    #expect(WordBoxSet.members(of: folder.appendingPathComponent("gen-0101.tsv").path).count == 1)
  }

  @Test("a TSV file of word rows without line rows: each word keeps its own height on the page, not the first word's line")
  func wordsWithoutLines() throws {
    let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
      + "1\t1\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t\n"
      + "5\t1\t0\t0\t0\t0\t40\t100\t24\t12\t100\t合计\n"
      + "5\t1\t0\t0\t1\t0\t40\t130\t36\t12\t100\t小计\n"
    var diagnostics: [Diagnostic] = []
    let reader = WordBoxReader()
    let pages = reader.pages(in: tsv, format: .tsv, diagnostics: &diagnostics)
    let glyphs = reader.read(try #require(pages.first), ocr: false, diagnostics: &diagnostics).page.glyphs
    #expect(glyphs.map { String($0.scalar) } == ["合", "计", "小", "计"])
    #expect(zip(glyphs.map(\.box.top), [100.0, 100, 130, 130]).allSatisfy { abs($0 - $1) < 0.5 }, "\(glyphs.map(\.box.top))")
  }

  @Test("broken word-box files: an hOCR file cut short is read up to the cut with an error; unreadable TSV rows are skipped with a warning; XML that is neither is refused")
  func broken() throws {
    let reader = WordBoxReader()
    let hocr = try String(contentsOfFile: Corpus.path("wordbox/scan-0103-p4.hocr"), encoding: .utf8)
    var diagnostics: [Diagnostic] = []
    let cut = String(hocr.prefix(hocr.count / 2))
    #expect(WordBoxReader.format(of: cut[...]) == .hocr)
    let pages = reader.pages(in: cut, format: .hocr, diagnostics: &diagnostics)
    #expect(pages.count == 1 && !pages[0].words.isEmpty)
    #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("not well-formed") })

    diagnostics = []
    let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
      + "1\t1\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t\n5\t1\t1\t1\t1\t1\t10\t10\tnan\t12\t96\t合计\nnot a row\n5\t1\t1\t1\t1\t2\t40\t10\t24\t12\t96\t合计\n"
    let read = reader.pages(in: tsv, format: .tsv, diagnostics: &diagnostics)
    #expect(read.count == 1 && read[0].words.map(\.text) == ["合计"])
    #expect(diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("2 rows of the TSV file") })
    let result = reader.read(read[0], ocr: false, diagnostics: &diagnostics)
    #expect(result.page.glyphs.map { String($0.scalar) } == ["合", "计"])
    #expect(abs(result.page.glyphs[0].box.x0 - 40) < 0.5 && abs(result.page.glyphs[1].box.x1 - 64) < 0.5)

    // Coordinates past a million units, an infinite page and a resolution of nothing are not
    // used (converting them to whole pixels trapped).
    diagnostics = []
    let hostile = #"<?xml version="1.0"?><html><body><div class="ocr_page" title="bbox 0 0 1e309 100; scan_res 1e-300 1e-300; ppageno 1e309">"#
      + #"<span class="ocrx_word" title="bbox 1 1 25 12; x_wconf 1e309">合计</span><span class="ocrx_word" title="bbox 1e300 1 1e301 12">x</span></div></body></html>"#
    let hostilePages = reader.pages(in: hostile, format: .hocr, diagnostics: &diagnostics)
    let hostileRead = reader.read(try #require(hostilePages.first), ocr: false, diagnostics: &diagnostics)
    #expect(hostileRead.page.glyphs.map { String($0.scalar) } == ["合", "计"] && hostileRead.page.number == 1)
    #expect(hostileRead.confidences == [100, 100])
    #expect(diagnostics.contains { $0.message.hasPrefix("the page's size in the word boxes is not usable") })
    #expect(diagnostics.contains { $0.message.hasPrefix("1 words have coordinates past a million units") })

    let file = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(getpid()).xml")
    try Data("<?xml version='1.0'?><svg/>".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(throws: DocumentError.self) { try DocumentReader().read(file.path) }
  }
}
