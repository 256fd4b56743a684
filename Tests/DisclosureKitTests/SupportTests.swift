import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosureKit

@Suite("Support")
struct SupportTests {
  @Test("printed amounts read exactly, the same as Foundation parses their digits")
  func amounts() throws {
    let posix = Locale(identifier: "en_US_POSIX")
    let cases: [(String, String?)] = [
      ("787.71", "787.71"), ("1,234.50", "1234.5"), ("（12.00）", "-12"), ("(3)", "-3"), ("-0.01", "-0.01"),
      ("−5", "-5"), (" 1 0 ", "10"), ("0", "0"), ("123456789012345678", "123456789012345678"),
      ("1234567890123456789.25", "1234567890123456789.25"), ("1,23", nil), (",123", nil), ("1.", nil), (".5", nil),
      ("1.2.3", nil), ("12a", nil), ("１２", nil), ("", nil), ("1234567890123456789012345", nil),
    ]
    for (text, expected) in cases {
      #expect(Amounts.decimal(from: text) == expected.flatMap { Decimal(string: $0, locale: posix) }, "\(text)")
    }
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for _ in 0..<3000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let whole = String(state >> UInt64(state % 50))
      let fraction = String(state % 1000).prefix(Int(state % 4))
      let text = fraction.isEmpty ? whole : whole + "." + fraction
      #expect(Amounts.decimal(from: text) == Decimal(string: text, locale: posix), "\(text)")
      #expect(Amounts.decimal(from: text)?.description == Decimal(string: text, locale: posix)?.description, "\(text)")
    }
  }

  @Test("an open bracket is found in bytes, half- and full-width, nested and closed")
  func openBrackets() {
    let open = ["（一", "项目（2023", "a(b", "）（", "((x)", "（（x）", "收入（万元)（", "（😀"]
    let closed = ["（一）", "a(b)", "", "无括号", "）", "(x）", "（a(b)c）", "１２", "Ｆ（x）"]
    #expect(open.allSatisfy(ParagraphBuilder.opensBracket))
    #expect(!closed.contains(where: ParagraphBuilder.opensBracket))
  }

  @Test("a glyph goes to the first cell holding it, found through the grid lines as by trying every cell")
  func cellLocator() {
    let xs: [Double] = [10, 50, 50, 120, 200, 260]
    let ys: [Double] = [100, 120, 140, 170, 200]
    let region = TableFinder.Region(
      box: Box(x0: 10, top: 100, x1: 260, bottom: 200), xs: xs, ys: ys, horizontal: [], vertical: [])
    typealias Cell = (row: Int, column: Int, rowSpan: Int, columnSpan: Int, box: Box)
    func cell(_ r: Int, _ c: Int, _ rs: Int = 1, _ cs: Int = 1) -> Cell {
      (r, c, rs, cs, Box(x0: xs[c], top: ys[r], x1: xs[c + cs], bottom: ys[r + rs]))
    }
    // Merged cells, a zero-width column, and one box overlapping another (a component that is
    // not a rectangle gives its bounding box).
    let cells = [cell(0, 0, 1, 3), cell(0, 3, 2, 2), cell(1, 0), cell(1, 1), cell(1, 2), cell(2, 0, 2, 4), cell(2, 4, 2, 1), cell(1, 2, 2, 2)]
    let locator = Normalizer.CellLocator(region: region, cells: cells)
    var points: [(Double, Double)] = []
    for x in xs + [5, 30, 50.0001, 80, 160, 230, 270] {
      for y in ys + [90, 110, 130, 150, 185, 210] { points.append((x, y)) }
    }
    for (x, y) in points + [(.nan, 110), (30, .infinity)] {
      let brute = cells.firstIndex { x >= $0.box.x0 && x <= $0.box.x1 && y >= $0.box.top && y <= $0.box.bottom }
      #expect(locator.cell(x: x, y: y) == brute, "(\(x), \(y))")
    }
  }

  @Test func sha256KnownDigests() {
    // FIPS 180-4 examples, and lengths around the block and padding boundaries.
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    #expect(SHA256.hex(Array(repeating: 0, count: 64)) == "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b")
    #expect(SHA256.hex(Array(repeating: 0, count: 55)) == "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7")
  }

  @Test func spacesAreUnicodeWhiteSpace() {
    // The table of white-space scalars must be the White_Space property, over every scalar.
    let differing = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
      TextNormalization.isSpace($0) != $0.properties.isWhitespace
    }
    #expect(differing.isEmpty, "\(differing.map { String($0.value, radix: 16) })")
  }

  @Test func containsSearchesScalarsExactly() {
    let text = "本部门2023年支出预算1234.56万元"
    #expect(text.contains(literal: "预算"))
    #expect(text.contains(literal: "万元"))
    #expect(text.contains(literal: text))
    #expect(!text.contains(literal: "决算"))
    #expect(!text.contains(literal: ""))
    #expect(!"".contains(literal: ""))
    #expect(!"预".contains(literal: "预算"))
    #expect(text.dropFirst(3).contains(literal: "2023"))
    #expect(!text.dropLast(2).contains(literal: "万元"))
    #expect("aab".contains(literal: "ab"))
  }

  /// The byte searches that replaced Foundation's and `Character`'s in the hot paths give their
  /// answers on the texts the pipeline reads (CJK, ASCII, full-width marks; no combining marks).
  @Test("byte searches agree with Foundation's range(of:) and replacingOccurrences and String's hasPrefix/hasSuffix")
  func byteSearchesAgree() {
    let texts = ["编制部门：西安市商务局 单位：万元", "其中：财政拨款", "实施期资金总额：", "2026年预算数", "第三部分 附件", "{year}年{year}", "", "aab"]
    let words = ["单位", "：", "万元", "其中", "资金总额", "年", "部分", "{year}", "aab", "ab", "x", ""]
    for text in texts {
      for word in words {
        let expected = word.isEmpty ? nil : text.range(of: word)
        #expect(text.range(ofLiteral: word) == expected, "\(text) \(word)")
        #expect(text.replacing(literal: word, with: "▲") == (word.isEmpty ? text : text.replacingOccurrences(of: word, with: "▲")))
        #expect(text.hasPrefix(literal: word) == text.hasPrefix(word), "\(text) \(word)")
        #expect(text.hasSuffix(literal: word) == text.hasSuffix(word), "\(text) \(word)")
      }
    }
    let sub = "项目名称：其中：财政拨款".dropFirst(5)
    #expect(sub.range(ofLiteral: "财政").map { String(sub[$0]) } == "财政")
    #expect(sub.hasPrefix(literal: "其中"))
  }

  @Test("byte keys are equal exactly when the bytes are, long keys included")
  func utf8Keys() {
    let long = String(repeating: "一般公共预算财政拨款支出", count: 20)
    let variant = String(long.dropLast()) + "出"
    let middle =
      String(repeating: "一般公共预算财政拨款支出", count: 10) + "一般公共决算财政拨款支出"
      + String(repeating: "一般公共预算财政拨款支出", count: 9)
    var keys: [UTF8Key: Int] = [:]
    keys[UTF8Key(long)] = 1
    #expect(keys[UTF8Key(variant)] == 1)
    // Same length, head and tail as `long`: hashed alike, kept apart by comparing the bytes.
    #expect(middle.utf8.count == long.utf8.count)
    #expect(UTF8Key(middle).hashValue == UTF8Key(long).hashValue)
    #expect(UTF8Key(middle) != UTF8Key(long))
    keys[UTF8Key(middle)] = 2
    #expect(keys[UTF8Key(long)] == 1)
    #expect(keys[UTF8Key(middle)] == 2)
    #expect(keys.count == 2)
    #expect(UTF8Key("") == UTF8Key(""))
    #expect(UTF8Key("预算") != UTF8Key("决算"))
  }

  @Test("a year is four digits and 年, not after another number")
  func years() {
    #expect(Segmenter.year(in: "2026年部门预算") == 2026)
    #expect(Segmenter.year(in: "西安市2025年度") == 2025)
    #expect(Segmenter.year(in: "上年/2024年预算数") == 2024)
    #expect(Segmenter.year(in: "12026年") == nil)
    #expect(Segmenter.year(in: "①2026年") == nil)
    #expect(Segmenter.year(in: "1989年") == nil)
    #expect(Segmenter.year(in: "2026") == nil)
    #expect(Segmenter.year(in: "第2101年 2030年") == 2030)
    #expect(Segmenter.year(in: "") == nil)
  }

  @Test("occurrences are counted without overlaps, as Foundation's components(separatedBy:) counts them")
  func occurrencesCountsLiterally() {
    let text = "2026年部门预算 … 预算 … 决算预算"
    for word in ["预算", "决算", "2026", "年", "部门预算", "算 …", "x", "aa"] {
      #expect(text.occurrences(literal: word) == text.components(separatedBy: word).count - 1, "\(word)")
    }
    #expect("aaaa".occurrences(literal: "aa") == 2)
    #expect("aaa".occurrences(literal: "aa") == 1)
    #expect("预算".occurrences(literal: "") == 0)
    #expect("".occurrences(literal: "预算") == 0)
    #expect("预算预算".dropFirst(2).occurrences(literal: "预算") == 1)
  }

  @Test("an amount of another year than the document's is not the document's")
  func otherYears() {
    #expect(CheckRun.namesOtherYear("2025年预算数为12.00万元", than: 2026))
    #expect(!CheckRun.namesOtherYear("2026年预算安排8.00万元", than: 2026))
    #expect(!CheckRun.namesOtherYear("预算安排8.00万元", than: 2026))
    #expect(CheckRun.namesOtherYear("2026年预算安排8.00万元", than: nil))
  }

  @Test("a term's other subject may run into it: 预算收入 inside 一般公共预算收入 is no quote of 预算收入")
  func otherSubjectRunningIntoTheTerm() throws {
    let subjects = ["一般公共预算", "财政拨款"]
    func other(_ text: String, _ term: String) throws -> Bool {
      let start = try #require(text.range(of: term)).lowerBound
      return CheckRun.namesOtherSubject(before: start, in: text, term: term, subjects: subjects, unit: "万元")
    }
    #expect(try other("2026年一般公共预算收入9,069.47万元", "预算收入"))
    #expect(try other("其中财政拨款收入预算100万元", "收入预算"))
    #expect(try !other("2026年部门预算收入9,069.47万元", "预算收入"))
    // The clause ends at a comma: a subject before it names another clause's figure.
    #expect(try !other("一般公共预算100万元，预算收入200万元", "预算收入"))
    // A term that holds the subject is that subject's own.
    #expect(try !other("一般公共预算拨款100万元", "一般公共预算拨款"))
    // An enumeration's earlier item, its amount given, qualifies nothing after its 、; an item
    // without its amount still does (一般公共预算、财政拨款收入).
    #expect(try !other("其中：一般公共预算拨款收入2144.92万元、上年结转结余30.00万元", "上年结转结余"))
    #expect(try other("财政拨款、预算收入200万元", "预算收入"))
  }

  @Test("a list's first clause keeps a number's thousands separator")
  func firstClause() {
    #expect(CheckRun.firstClause("本年收入合计3,210.1万元。与上年相同") == "本年收入合计3,210.1万元")
    #expect(CheckRun.firstClause("上年结转结余为0万元，与上年相同") == "上年结转结余为0万元")
    #expect(CheckRun.firstClause("收入A, 收入B") == "收入A")
  }

  @Test("a 类/款/项 path's names: a list's number dropped, empty groups end it early, a gap is no path")
  func itemNames() {
    #expect(CheckRun.itemNames(["一般公共服务支出", ".统计信息事务", "行政运行"], listPrefixes: ["其中："]) == ["一般公共服务支出", "统计信息事务", "行政运行"])
    #expect(CheckRun.itemNames(["一般公共服务支出", "", ""], listPrefixes: ["其中："]) == ["一般公共服务支出"])
    #expect(CheckRun.itemNames(["一般公共服务支出", nil, "行政运行"], listPrefixes: ["其中："]) == nil)
    #expect(CheckRun.itemNames(["", "", ""], listPrefixes: ["其中："]) == nil)
  }

  @Test("indent levels: two or three evenly stepped levels within 2 pt, the first row outermost")
  func indentLevels() {
    func levels(_ indents: [Double]) -> [Int?] {
      let rows = indents.enumerated().map { index, indent in
        Row(
          cells: ["r\(index)"], page: 1,
          locations: [CellLocation(page: 1, box: Box(x0: 0, top: 0, x1: 9, bottom: 9), indent: indent)])
      }
      return CheckTable.indentLevels(rows: rows, kinds: ["text"], labels: rows.map { $0.cells[0] }, totals: ["合计"])
    }
    #expect(levels([1, 6.5, 12, 11.5, 1]) == [1, 2, 3, 3, 1])
    #expect(levels([1, 2.5, 1]) == [nil, nil, nil])  // one level
    #expect(levels([6, 1, 6]) == [nil, nil, nil])  // the first row deeper
    #expect(levels([1, 5, 20]) == [nil, nil, nil])  // uneven steps (centred labels)
    #expect(levels([1, 31, 1]) == [nil, nil, nil])  // a step wider than a few characters
    #expect(levels([1, 5, 9, 13]) == [nil, nil, nil, nil])  // four levels
    #expect(levels([1, 3.1, 1]) == [nil, nil, nil])  // a step too small to be an indent
  }

  @Test("a cell's indent is its first line's: a wrapped label's second line may start further left")
  func firstLineIndent() {
    let cell = Box(x0: 100, top: 0, x1: 200, bottom: 40)
    let glyphs = [
      Glyph(scalar: "其", box: Box(x0: 110, top: 2, x1: 119, bottom: 11)), Glyph(scalar: "他", box: Box(x0: 119, top: 2, x1: 128, bottom: 11)),
      Glyph(scalar: "支", box: Box(x0: 101, top: 13, x1: 110, bottom: 22)),
    ]
    #expect(Normalizer.firstLineIndent(glyphs, in: cell) == 10)
    #expect(Normalizer.firstLineIndent([], in: cell) == nil)
  }

  @Test("a Chinese OCR line's punctuation is full width, as printed; a comma between digits and lines of figures keep theirs")
  func fullWidthPunctuation() {
    /// Symbols 10 pixels apart on a line 20 high; a comma's ink 3 wide, the next character 6
    /// further (half width) or 16 (full width: more than half the line's height) when `wide`.
    func symbols(_ texts: [String], line: Int = 1, wide: Bool = true) -> [RecognizedSymbol] {
      var x = 0
      return texts.map { text in
        let width = text == "," ? 3 : 9
        defer { x += text == "," ? (wide ? 19 : 9) : 10 }
        return RecognizedSymbol(
          text: text, rect: PixelRect(x: x, y: 0, width: width, height: 20), line: line,
          lineRect: PixelRect(x: 0, y: 0, width: 400, height: 20), confidence: 90)
      }
    }
    let chinese = ScanPageReader.fullWidth(symbols(["(", "一", ")", "包", "括", ":", "3", ",", "581", ".45", "万", "元", ",", "其", "中", ";"]))
    #expect(chinese.map(\.text).joined() == "（一）包括：3,581.45万元，其中；")
    // A comma the next character follows closely is half width, as printed.
    let half = ScanPageReader.fullWidth(symbols(["资", "料", ",", "说", "明"], wide: false))
    #expect(half.map(\.text).joined() == "资料,说明")
    let figures = ScanPageReader.fullWidth(symbols(["(", "1", ")", "3", ",", "581"]))
    #expect(figures.map(\.text).joined() == "(1)3,581")
    // An angle bracket closed or opened by a round one is that round one misread.
    let brackets = ScanPageReader.fullWidth(symbols(["因", "公", "出", "国", "〈", "境", ")", "费", "（", "一", "〉", "〈", "二", "〉"]))
    #expect(brackets.map(\.text).joined() == "因公出国（境）费（一）〈二〉")
    let titles = ScanPageReader.fullWidth(symbols(["《", "三", ")", "依", "《", "预", "算", "法", "》"]))
    #expect(titles.map(\.text).joined() == "（三）依《预算法》")
    #expect(ScanPageReader.fullWidth(symbols(["维", "修", "〔", "护", ")", "费"])).map(\.text).joined() == "维修（护）费")
  }

  @Test("OCR: two characters whose boxes overlap on a line meet halfway (a PDF's glyphs never overlap); other lines are left alone")
  func separatedSymbols() {
    func symbol(_ text: String, x: Int, width: Int, line: Int = 1) -> RecognizedSymbol {
      RecognizedSymbol(
        text: text, rect: PixelRect(x: x, y: 0, width: width, height: 40), line: line,
        lineRect: PixelRect(x: 0, y: 0, width: 400, height: 40), confidence: 90)
    }
    let read = ScanPageReader.separated([symbol("预", x: 0, width: 90), symbol("备", x: 90, width: 40), symbol("费", x: 104, width: 30)])
    #expect(read.map(\.rect.x) == [0, 90, 117] && read.map(\.rect.maxX) == [90, 117, 134])
    let lines = ScanPageReader.separated([symbol("一", x: 0, width: 40), symbol("二", x: 10, width: 40, line: 2)])
    #expect(lines.map(\.rect.x) == [0, 10])
  }

  @Test("OCR: narrow columns of codes and columns of amounts give the cells to read again as figures; a header on top stays")
  func figureColumns() {
    // A 300 dpi page: a 类 column 90 pixels wide, a 款 column beside it, an amount column 400 wide.
    func column(x: Int, width: Int, _ texts: [String]) -> [(String, PixelRect)] {
      texts.enumerated().map { row, text in (text, PixelRect(x: x, y: 100 + 80 * row, width: width, height: 80)) }
    }
    let cells =
      column(x: 100, width: 90, ["类", "208", "2人10", "出", "214"]) + column(x: 200, width: 70, ["款", "05", "]1", "0T", "小计"])
      + column(x: 300, width: 400, ["合计", "3581.45", "153.几", "53.99", "3309.13", "无人机"])
    let texts = cells.map(\.0)
    let rects = cells.map(\.1)
    let codes = ScanPageReader.codeColumnCells(texts, cells: rects, dpi: 300).map { $0.map { texts[$0] } }
    // Every cell with a figure (2人10, ]1) or one character below the top (出) is read again,
    // codes read right too (the vote prefers the column's length); 类, 款 and 小计 stay.
    #expect(codes == [["208", "2人10", "出", "214"], ["05", "]1", "0T"]])
    let amounts = ScanPageReader.amountColumnCells(texts, cells: rects, dpi: 300).map { texts[$0] }
    #expect(amounts == ["153.几", "无人机"])
    // Zeros and whole numbers printed among the amounts count as figures (a column where fewer
    // than half the cells have decimals); a zero is a zero however printed.
    let zeros = column(x: 100, width: 300, ["合计", "17.41", "0", "人", "13", "105.76", "0", "12.5"])
    #expect(ScanPageReader.amountColumnCells(zeros.map(\.0), cells: zeros.map(\.1), dpi: 300).map { zeros[$0].0 } == ["人"])
    #expect(ScanPageReader.isZero("0") && ScanPageReader.isZero("0.00") && !ScanPageReader.isZero("0.0.0") && !ScanPageReader.isZero("10"))
    // A column of amounts is no column of codes, however narrow its cells; nor is a column of words.
    let words = column(x: 100, width: 90, ["项目", "人员", "公用", "其他"])
    #expect(ScanPageReader.codeColumnCells(words.map(\.0), cells: words.map(\.1), dpi: 300).isEmpty)
  }

  @Test("OCR: the department's name is read as its most frequent spelling everywhere; not in a document without OCR pages")
  func recognizedDepartment() {
    func document(ocr: [Int], _ paragraphs: [String]) -> DisclosureDocument {
      var source = RawDocument.Source(file: "t.pdf", sha256: String(repeating: "0", count: 64), pages: 3, input: .pdf)
      source.ocrPages = ocr
      let section = Section(level: 1, number: "一", title: "概况", heading: "一、概况", page: 1, paragraphs: paragraphs, children: [])
      return DisclosureDocument(
        source: source, metadata: Metadata(kind: "budget", department: "皇康市交通运输局", year: 2022), sections: [section], tables: [])
    }
    let paragraphs = [
      "阜康市交通运输局共有3个预算单位。", "阜康市交通运输局编制数71人。", "皇康市交通运输局收支总预算3581.45万元。",
      "阜康市交通运输局2022年一般公共预算。", "息康市交通运输局无政府性基金。", "自治区交通运输厅安排。",
      "完成息康市委、皇康市政府交办的其他任务。", "拟订阜新市发展规划。",
    ]
    let places = (try? Golden.defaultPipeline())?.templates.first?.placeEndings ?? []
    var diagnostics: [Diagnostic] = []
    let fixed = Pipeline.recognizedDepartment(document(ocr: [1], paragraphs), placeEndings: places, diagnostics: &diagnostics)
    #expect(fixed.metadata.department == "阜康市交通运输局")
    #expect(fixed.sections[0].paragraphs[2] == "阜康市交通运输局收支总预算3581.45万元。")
    #expect(fixed.sections[0].paragraphs[4] == "阜康市交通运输局无政府性基金。")
    #expect(fixed.sections[0].paragraphs[5] == "自治区交通运输厅安排。")
    // The place that opens the name, misread as in a variant, is the place wherever it stands;
    // a place no variant misreads so (阜新市) stays.
    #expect(fixed.sections[0].paragraphs[6] == "完成阜康市委、阜康市政府交办的其他任务。")
    #expect(fixed.sections[0].paragraphs[7] == "拟订阜新市发展规划。")
    #expect(diagnostics.count == 1 && diagnostics[0].message.contains("printed so 3 times"))
    #expect(diagnostics.first?.message.contains("its place read as “息康市”, “皇康市” is taken as “阜康市” wherever printed") == true)
    // A text layer is read as printed; so is a name whose spellings tie.
    diagnostics = []
    #expect(Pipeline.recognizedDepartment(document(ocr: [], paragraphs), placeEndings: places, diagnostics: &diagnostics).sections[0].paragraphs == paragraphs)
    let tie = ["阜康市交通运输局。", "阜康市交通运输局。", "阜康市交通运输局。", "皇康市交通运输局。", "皇康市交通运输局。", "皇康市交通运输局。"]
    #expect(Pipeline.recognizedDepartment(document(ocr: [1], tie), placeEndings: places, diagnostics: &diagnostics).sections[0].paragraphs == tie)
    #expect(diagnostics.isEmpty)
    // With the known places, the tie goes to the one spelling that opens with a place (阜康市).
    let known = (try? Golden.defaultPipeline())?.lexicon.places ?? [:]
    let settled = Pipeline.recognizedDepartment(document(ocr: [1], tie), placeEndings: places, places: known, diagnostics: &diagnostics)
    #expect(settled.metadata.department == "阜康市交通运输局")
    #expect(settled.sections[0].paragraphs == Array(repeating: "阜康市交通运输局。", count: 6))
  }

  @Test("OCR: a caption's title with two characters misread names its table, and a field label's semicolon is its colon; not in a text layer, nor a title's first line")
  func scannedCaptions() throws {
    let template = try #require((try? Golden.defaultPipeline())?.templates.first)
    let vocabulary = TableCaption.Vocabulary(template)
    let lines = [["表4"], ["财政", "拨秋收支总委"], ["编制部门；皇康市交通运输局", "位：万元"]]
    let read = TableCaption.read(lines, vocabulary: vocabulary, ocr: true)
    #expect(read.number == 4 && read.title == "财政拨秋收支总委")
    #expect(read.department == "皇康市交通运输局")
    let printed = TableCaption.read(lines, vocabulary: vocabulary)
    #expect(printed.title == nil && printed.department == nil)
    // A title that wraps: its first line lacks characters, none misread; the two lines are the title.
    let wrapped = TableCaption.read([["附表8"], ["政府性基金预算支"], ["出表"]], vocabulary: vocabulary, ocr: true)
    #expect(wrapped.title == "政府性基金预算支出表")
  }

  @Test("OCR: a place in the department's name under the place before it, one character from exactly one place under that one, is taken as it")
  func placeCorrections() throws {
    let pipeline = try Golden.defaultPipeline()
    let places = pipeline.lexicon.places
    let endings = pipeline.templates.first?.placeEndings ?? []
    // 优师区 is no place under 洛阳市 (4103); 偃师市 (410381) is, one character away: the printed
    // ending stays (偃师市 became 偃师区 in 2021).
    let found = Pipeline.placeCorrections(in: "洛阳市优师区教育局", places: places, endings: endings)
    #expect(found.map(\.read) == ["优师区"] && found.map(\.place) == ["偃师区"] && found.map(\.parent) == ["洛阳市"])
    // Known places, a first place (nothing names its province), and a place with several
    // neighbours under its parent (波江区 under 韶关市: 浈江区, 武江区 and 曲江区) stay.
    #expect(Pipeline.placeCorrections(in: "洛阳市偃师区教育局", places: places, endings: endings).isEmpty)
    #expect(Pipeline.placeCorrections(in: "皇康市交通运输局", places: places, endings: endings).isEmpty)
    #expect(Pipeline.placeCorrections(in: "韶关市波江区市场监督管理局", places: places, endings: endings).isEmpty)
    #expect(Pipeline.placeCorrections(in: "洛阳市优师区教育局", places: [:], endings: endings).isEmpty)

    // With the characters OCR's model can give (here every character of the places but 浈, 弋
    // and 邗, as chi_sim lacks them): the places one character from 沉江区 (no place) that hold
    // there a character the model lacks are 浈江区 (广东省韶关市), 弋江区 and 邗江区 (武江区, 曲江区 …
    // would have been read). The one in the province the document names is taken; under its
    // parent (波江区 under 韶关市) the only one there.
    var printable = Set(places.values.joined()).subtracting("浈弋邗")
    printable.formUnion("沉波")
    let first = Pipeline.placeCorrections(in: "沉江区市场监督管理局", places: places, endings: endings, printable: printable) {
      $0 == "广东省"
    }
    #expect(first.map(\.place) == ["浈江区"] && first.map(\.missing) == ["浈"] && first.first?.parent == nil)
    #expect(first.first?.within == "广东省")
    let under = Pipeline.placeCorrections(in: "韶关市波江区市场监督管理局", places: places, endings: endings, printable: printable)
    #expect(under.map(\.place) == ["浈江区"] && under.first?.parent == "韶关市" && under.first?.within == nil)
    // Not when the document names none of their provinces, nor when the model can give 浈 too
    // (then 沉江区 is as near 武江区), nor without the model's characters.
    #expect(Pipeline.placeCorrections(in: "沉江区市场监督管理局", places: places, endings: endings, printable: printable).isEmpty)
    printable.insert("浈")
    #expect(Pipeline.placeCorrections(in: "沉江区市场监督管理局", places: places, endings: endings, printable: printable) { $0 == "广东省" }.isEmpty)
    #expect(Pipeline.placeCorrections(in: "沉江区市场监督管理局", places: places, endings: endings) { $0 == "广东省" }.isEmpty)

    // In a document read by OCR whose spellings of the name tie (尖江区… and 汗江区… three times
    // each), each the same place misread: the name is that place's, with the model's characters;
    // without them the tie leaves the text as read.
    do {
      var source = RawDocument.Source(file: "t.pdf", sha256: String(repeating: "0", count: 64), pages: 3, input: .pdf)
      source.ocrPages = [1]
      let paragraphs =
        Array(repeating: "尖江区市场监督管理局预算。", count: 3) + Array(repeating: "汗江区市场监督管理局预算。", count: 3) + ["依据广东省规定。"]
      let section = Section(level: 1, number: "一", title: "概况", heading: "一、概况", page: 1, paragraphs: paragraphs, children: [])
      let document = DisclosureDocument(
        source: source, metadata: Metadata(kind: "budget", department: "尖江区市场监督管理局", year: 2024), sections: [section], tables: [])
      var diagnostics: [Diagnostic] = []
      printable.formUnion("尖汗")
      printable.remove("浈")
      let fixed = Pipeline.recognizedDepartment(document, placeEndings: endings, places: places, printable: printable, diagnostics: &diagnostics)
      #expect(fixed.metadata.department == "浈江区市场监督管理局")
      #expect(fixed.sections[0].paragraphs.prefix(6).allSatisfy { $0 == "浈江区市场监督管理局预算。" })
      #expect(diagnostics.count == 1 && diagnostics[0].message.contains("whose 浈 OCR's model cannot read"))
      let asRead = Pipeline.recognizedDepartment(document, placeEndings: endings, places: places, diagnostics: &diagnostics)
      #expect(asRead.sections[0].paragraphs == paragraphs)
    }

    // In a document read by OCR, the name and the place are fixed wherever printed.
    var source = RawDocument.Source(file: "t.pdf", sha256: String(repeating: "0", count: 64), pages: 3, input: .pdf)
    source.ocrPages = [1]
    let paragraphs = ["洛阳市优师区教育局共有学校。", "洛阳市优师区教育局编制。", "洛阳市优师区教育局预算。", "优师区人民政府安排。"]
    let section = Section(level: 1, number: "一", title: "概况", heading: "一、概况", page: 1, paragraphs: paragraphs, children: [])
    let document = DisclosureDocument(
      source: source, metadata: Metadata(kind: "budget", department: "洛阳市优师区教育局", year: 2024), sections: [section], tables: [])
    var diagnostics: [Diagnostic] = []
    let fixed = Pipeline.recognizedDepartment(document, placeEndings: endings, places: places, diagnostics: &diagnostics)
    #expect(fixed.metadata.department == "洛阳市偃师区教育局")
    #expect(fixed.sections[0].paragraphs == ["洛阳市偃师区教育局共有学校。", "洛阳市偃师区教育局编制。", "洛阳市偃师区教育局预算。", "偃师区人民政府安排。"])
    #expect(diagnostics.count == 1 && diagnostics[0].message.contains("“优师区” is no place under 洛阳市 and one character from “偃师市”"))
  }

  @Test("a column headed with its year is the column its name without the year gives")
  func yearHeadedColumns() {
    #expect(CheckTable.header("支出/2026年预算数", matches: "预算数", orWithYear: true))
    #expect(CheckTable.header("2026年度预算数", matches: "预算数", orWithYear: true))
    #expect(!CheckTable.header("支出/2026年", matches: "预算数", orWithYear: true))
    #expect(!CheckTable.header("支出/2026年预算数", matches: "/预算数", orWithYear: true))
    #expect(CheckTable.header("2026年预算数", matches: "/预算数", orWithYear: true))
    // The text path's column placement asks for the name as printed.
    #expect(!CheckTable.header("支出/2026年预算数", matches: "预算数"))
  }

  @Test("a part heading whose 第 OCR lost gets it back; other lines do not")
  func partOrdinal() {
    #expect(Headings.withPartOrdinal("二部分2024年遵义市水利局预算公开表") == "第二部分2024年遵义市水利局预算公开表")
    #expect(Headings.withPartOrdinal("十二部分 名词解释") == "第十二部分名词解释")
    #expect(Headings.withPartOrdinal("第二部分2024年预算公开表") == nil)
    #expect(Headings.withPartOrdinal("二、部分单位") == nil)
    #expect(Headings.withPartOrdinal("二部分") == nil)
  }

  @Test("a heading read with one character before its numeral is read without it; prose, a heading already whole and other numberings are not")
  func leadingSpeck() {
    let endings = ["说明", "情况", "概况"]
    #expect(Headings.withoutLeadingSpeck("和六、关于阜康市交通运输局2022年一般公共预算基本支出情况说明", endings: endings) == "六、关于阜康市交通运输局2022年一般公共预算基本支出情况说明")
    #expect(Headings.withoutLeadingSpeck("六、关于一般公共预算基本支出情况说明", endings: endings) == nil)
    #expect(Headings.withoutLeadingSpeck("和六、七月份的支出情况。", endings: endings) == nil)
    #expect(Headings.withoutLeadingSpeck("和六、七月份的支出", endings: endings) == nil)
    #expect(Headings.withoutLeadingSpeck("第六、关于支出情况说明", endings: endings) == nil)
    #expect(Headings.withoutLeadingSpeck("和（六）关于支出情况说明", endings: endings) == nil)
  }
}

