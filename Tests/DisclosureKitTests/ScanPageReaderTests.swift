@testable import DisclosureKit
import Foundation
import Testing

/// What `ScanPageReader` makes of a recognizer's symbols, with a recognizer that answers as told.
@Suite("Scan page reader: cells, specks and figures")
struct ScanPageReaderTests {
  /// Answers each region with `answer(region)`; records the regions asked for.
  final class Stub: TextRecognizer {
    var asked: [RecognitionRegion] = []
    let answer: (RecognitionRegion) -> [RecognizedSymbol]
    init(_ answer: @escaping (RecognitionRegion) -> [RecognizedSymbol]) { self.answer = answer }
    func recognize(_ image: GrayImage, regions: [RecognitionRegion]) -> [[RecognizedSymbol]] {
      asked += regions
      return regions.map(answer)
    }
  }

  /// A 150 dpi page with one ruled cell holding a blot of ink (the text the stub reads).
  static var page: GrayImage {
    let width = 600, height = 300
    var pixels = [UInt8](repeating: 255, count: width * height)
    for x in 100...500 { for t in 0..<2 { pixels[(100 + t) * width + x] = 0; pixels[(200 + t) * width + x] = 0 } }
    for y in 100...201 { for t in 0..<2 { pixels[y * width + 100 + t] = 0; pixels[y * width + 500 + t] = 0 } }
    for y in 140...160 { for x in 200...260 { pixels[y * width + x] = 0 } }
    return GrayImage(width: width, height: height, dpi: 150, pixels: pixels)
  }

  /// Symbols side by side on one line, 20 pixels wide (a thin mark 2 pixels).
  static func symbols(_ texts: [String], word: Int = 1) -> [RecognizedSymbol] {
    var x = 200
    return texts.map { text in
      let width = text.unicodeScalars.allSatisfy { $0.properties.isIdeographic || $0.properties.numericType != nil } ? 20 : 2
      defer { x += width + 2 }
      return RecognizedSymbol(
        text: text, rect: PixelRect(x: x, y: 140, width: width, height: 20), line: 1,
        lineRect: PixelRect(x: 200, y: 138, width: 200, height: 24), word: word, confidence: 90)
    }
  }

  static func text(_ result: ScanPageReader.Result) -> String {
    String(String.UnicodeScalarView(result.glyphs.map(\.scalar)))
  }

  @Test("specks at a cell's ends and between Chinese characters are dropped; a comma between them stays")
  func specks() {
    let stub = Stub { region in region.rect.width < 600 ? Self.symbols(["“", "产", "出", ".", "指", "标", ",", "说", "明", "-"]) : [] }
    let result = ScanPageReader().read(Self.page, recognizer: stub)
    // The comma stays; the next character follows it closely (2 pixels), so it is half width.
    #expect(Self.text(result) == "产出指标,说明")
    #expect(result.rules.count == 4 && result.cells == 1)
    // After the classification code opening a cell, and after a Chinese mark, a speck goes; after
    // a list's number or a year it stays.
    func read(_ texts: [String]) -> String {
      Self.text(ScanPageReader().read(Self.page, recognizer: Stub { region in region.rect.width < 600 ? Self.symbols(texts) : [] }))
    }
    #expect(read(["2", "1", "0", ".", "卫", "生"]) == "210卫生")
    #expect(read(["2", "0", "8", "0", "5", ".", "行", "政"]) == "20805行政")
    #expect(read(["四", "、", ".", "财", "政"]) == "四、财政")
    #expect(read(["1", ".", "工", "资"]) == "1.工资")
    #expect(read(["2", "0", "2", "4", ".", "预", "算"]) == "2024.预算")
  }


  @Test("a page without rules: a table's runs of ink, cut where its columns part every row, are read one by one; lines of prose with gaps at their own places are read with the page")
  func runsOfInk() {
    /// A 150 dpi page without rules whose rows of ink (one a row, each piece a run of strokes as
    /// thin as a character's, 20 pixels tall) stand at `rows`' x ranges.
    func page(_ rows: [[ClosedRange<Int>]]) -> GrayImage {
      let width = 800, height = 400
      var pixels = [UInt8](repeating: 255, count: width * height)
      for (index, pieces) in rows.enumerated() {
        let top = 40 + index * 40
        for piece in pieces {
          for y in top..<(top + 20) { for x in piece where (x - piece.lowerBound) % 6 < 2 { pixels[y * width + x] = 0 } }
        }
      }
      return GrayImage(width: width, height: height, dpi: 150, pixels: pixels)
    }
    // Four rows of three columns: twelve runs, each read as a line; nothing left for the page.
    let table = Stub { _ in [] }
    _ = ScanPageReader().read(page(Array(repeating: [100...250, 320...400, 480...560], count: 4)), recognizer: table)
    #expect(table.asked.filter { $0.layout == .line }.count == 12)
    #expect(!table.asked.contains { $0.layout == .page })
    // Lines with a gap each, at its own place, and a line without: the page is read whole.
    let prose = Stub { _ in [] }
    _ = ScanPageReader().read(
      page([[100...300, 340...700], [100...500, 540...700], [100...180, 220...700], [100...700]]), recognizer: prose)
    #expect(prose.asked.map(\.layout) == [.page])
  }

  @Test("a line's characters keep the recognizer's order whatever their boxes; its size is its characters' pitch, not its box's height")
  func orderAndSize() {
    // 36.94 with its 4 boxed left of its 9: read in order, not swapped by position.
    var figures = Self.symbols(["3", "6", ".", "9", "4"])
    figures[4].rect.x = figures[3].rect.x - 6
    let read = ScanPageReader().read(Self.page, recognizer: Stub { $0.rect.width < 600 ? figures : [] })
    #expect(Self.text(read) == "36.94")
    // A line whose box is as tall as three lines (a bracket, or a box the recognizer gave the
    // whole line): its size is still the pitch of its characters, 22 pixels at 150 dpi.
    var words = Self.symbols(["预", "算", "说", "明"])
    for index in words.indices { words[index].lineRect = PixelRect(x: 200, y: 110, width: 200, height: 80) }
    let sized = ScanPageReader().read(Self.page, recognizer: Stub { $0.rect.width < 600 ? words : [] })
    #expect(!sized.glyphs.isEmpty && sized.glyphs.allSatisfy { abs($0.fontSize - 22 * 72 / 150) < 0.01 }, "\(sized.glyphs.map(\.fontSize))")
  }

  @Test("a cell of figures is read again allowing figures only; one with a unit (>=22公里) is not")
  func figures() {
    let figures = Stub { region in
      guard region.rect.width < 600 else { return [] }
      return region.characters == nil ? Self.symbols(["3", "5", "8", "1", "l", "4", "5"]) : Self.symbols(["3", "5", "8", "1", ".", "4", "5"])
    }
    let result = ScanPageReader().read(Self.page, recognizer: figures)
    #expect(Self.text(result) == "3581.45")
    #expect(figures.asked.contains { $0.characters?.contains("%") == true })
    let unit = Stub { region in region.rect.width < 600 ? Self.symbols([">", "=", "2", "2", "公", "里"]) : [] }
    #expect(Self.text(ScanPageReader().read(Self.page, recognizer: unit)) == ">=22公里")
    #expect(!unit.asked.contains { $0.characters != nil })
  }
  /// Answers each region with `answer(image, region)`.
  final class ImageStub: TextRecognizer {
    let answer: (GrayImage, RecognitionRegion) -> [RecognizedSymbol]
    init(_ answer: @escaping (GrayImage, RecognitionRegion) -> [RecognizedSymbol]) { self.answer = answer }
    func recognize(_ image: GrayImage, regions: [RecognitionRegion]) -> [[RecognizedSymbol]] { regions.map { answer(image, $0) } }
  }

  @Test("a cell of figures is read again five ways; the reading most give, with the usual decimals, wins; a split vote is reported")
  func figureVote() {
    /// The page, its enlarged copy and the three black-and-white copies of the cell answer apart.
    func reader(page: String, enlarged: String, cuts: [String]) -> ImageStub {
      var cut = 0
      return ImageStub { image, region in
        guard region.layout != .page else { return [] }
        if region.characters == nil { return Self.symbols(page.filter(\.isNumber).map(String.init)) }
        if image.dpi > Self.page.dpi { return Self.symbols(enlarged.map(String.init)) }
        if image.width < Self.page.width {
          defer { cut += 1 }
          return Self.symbols(cuts[cut % cuts.count].map(String.init))
        }
        return Self.symbols(page.map(String.init))
      }
    }
    // The page and the enlarged copy lose the point; the three cuts keep it.
    let kept = ScanPageReader().read(Self.page, recognizer: reader(page: "36221", enlarged: "36221", cuts: ["362.21"]))
    #expect(Self.text(kept) == "362.21")
    #expect(kept.confidences.allSatisfy { $0 == 90 })
    // Three readings with two decimals, each different: the first cut's, its confidence capped
    // at its share of the readings (one of five), so that it is reported.
    let split = ScanPageReader().read(
      Self.page, recognizer: reader(page: "36221", enlarged: "36221", cuts: ["362.21", "362.27", "362.71"]))
    #expect(Self.text(split) == "362.21")
    #expect(!split.confidences.isEmpty && split.confidences.allSatisfy { $0 <= 20 })
    // Most readings open with 0 before a figure (019.85): no number is printed so; the other wins.
    let zero = ScanPageReader().read(Self.page, recognizer: reader(page: "019.85", enlarged: "019.85", cuts: ["619.85", "019.85", "619.85"]))
    #expect(Self.text(zero) == "619.85")
    #expect(ScanPageReader.opensWithZero("019.85") && ScanPageReader.opensWithZero("-00.5") && !ScanPageReader.opensWithZero("0.85"))
    // A code's part opens with 0 (01): not an amount.
    #expect(!ScanPageReader.opensWithZero("01") && !ScanPageReader.opensWithZero("0"))
  }

  @Test("a line of a block the block reading drops (a wrapped label's last character) is read from a copy of its band")
  func droppedLine() {
    // One ruled cell with two bands of ink: a wide first line, a one-character second line.
    let width = 600, height = 300
    var pixels = [UInt8](repeating: 255, count: width * height)
    for x in 100...500 { for t in 0..<2 { pixels[(100 + t) * width + x] = 0; pixels[(200 + t) * width + x] = 0 } }
    for y in 100...201 { for t in 0..<2 { pixels[y * width + 100 + t] = 0; pixels[y * width + 500 + t] = 0 } }
    for y in 120...135 { for x in 120...300 { pixels[y * width + x] = 0 } }
    for y in 160...175 { for x in 120...140 { pixels[y * width + x] = 0 } }
    let page = GrayImage(width: width, height: height, dpi: 150, pixels: pixels)
    func symbol(_ text: String, x: Int, y: Int, line: Int) -> RecognizedSymbol {
      RecognizedSymbol(
        text: text, rect: PixelRect(x: x, y: y, width: 15, height: 15), line: line,
        lineRect: PixelRect(x: 120, y: y, width: 180, height: 15), word: 1, confidence: 90)
    }
    // The block reading gives the first line only; a copy of one band answers 金.
    let stub = ImageStub { image, region in
      guard region.layout != .page, region.characters == nil else { return [] }
      if image.width == page.width, region.layout == .block {
        return ["预", "算", "资"].enumerated().map { symbol($1, x: 120 + 20 * $0, y: 120, line: 1) }
      }
      return image.width < page.width ? [symbol("金", x: 10, y: 5, line: 1)] : []
    }
    #expect(Self.text(ScanPageReader().read(page, recognizer: stub)) == "预算资金")
    // A block reading that covers both bands is kept as it is.
    let whole = ImageStub { image, region in
      guard region.layout == .block, region.characters == nil, image.width == page.width else { return [] }
      return [symbol("预", x: 120, y: 120, line: 1), symbol("算", x: 140, y: 120, line: 1), symbol("全", x: 120, y: 160, line: 2)]
    }
    #expect(Self.text(ScanPageReader().read(page, recognizer: whole)) == "预算全")
  }

  @Test("a cell with one character's ink that a line reading leaves empty is read as one character")
  func singleCharacter() {
    func page(blotWidth: Int) -> GrayImage {
      let width = 600, height = 300
      var pixels = [UInt8](repeating: 255, count: width * height)
      for x in 100...500 { for t in 0..<2 { pixels[(100 + t) * width + x] = 0; pixels[(200 + t) * width + x] = 0 } }
      for y in 100...201 { for t in 0..<2 { pixels[y * width + 100 + t] = 0; pixels[y * width + 500 + t] = 0 } }
      for y in 140...160 { for x in 200..<(200 + blotWidth) { pixels[y * width + x] = 0 } }
      return GrayImage(width: width, height: height, dpi: 150, pixels: pixels)
    }
    let stub = ImageStub { _, region in
      region.layout == .character ? [RecognizedSymbol(
        text: "款", rect: PixelRect(x: 10, y: 10, width: 20, height: 20), line: 1,
        lineRect: PixelRect(x: 10, y: 10, width: 20, height: 20), word: 1, confidence: 90)] : []
    }
    #expect(Self.text(ScanPageReader().read(page(blotWidth: 21), recognizer: stub)) == "款")
    // Ink three times as wide as it is tall is not one character: left as the line reading gave it.
    #expect(Self.text(ScanPageReader().read(page(blotWidth: 63), recognizer: stub)) == "")
  }

  @Test("specks a block's lines open with, a point between Chinese characters whatever its box, and a border's thin line of dashes are dropped")
  func blockSpecks() {
    func symbol(_ text: String, x: Int, line: Int, width: Int = 20, lineHeight: Int = 40) -> RecognizedSymbol {
      let y = 100 + 50 * line
      return RecognizedSymbol(
        text: text, rect: PixelRect(x: x, y: y, width: width, height: min(20, lineHeight)), line: line,
        lineRect: PixelRect(x: 0, y: y, width: 300, height: lineHeight), word: 1, confidence: 90)
    }
    func text(_ symbols: [RecognizedSymbol]) -> String { ScanPageReader.withoutSpecks(symbols).map(\.text).joined() }
    // 12月 ‖ .31日前: the second line opens with a speck.
    #expect(text([symbol("1", x: 0, line: 1), symbol("2", x: 20, line: 1), symbol("月", x: 40, line: 1),
      symbol(".", x: 0, line: 2, width: 2), symbol("3", x: 10, line: 2), symbol("1", x: 30, line: 2), symbol("日", x: 50, line: 2)]) == "12月31日")
    // 合.计 with a point as wide as a character.
    #expect(text([symbol("合", x: 0, line: 1), symbol(".", x: 20, line: 1, width: 30), symbol("计", x: 50, line: 1)]) == "合计")
    // 汪晓东 over a line of dashes five pixels tall.
    #expect(text([symbol("汪", x: 0, line: 1), symbol("晓", x: 20, line: 1), symbol("东", x: 40, line: 1),
      symbol("一", x: 0, line: 2, lineHeight: 5), symbol("-", x: 30, line: 2, width: 5, lineHeight: 5), symbol("一", x: 40, line: 2, lineHeight: 5)]) == "汪晓东")
    // A 一 on a line of the usual height is text; a comma between words stays.
    #expect(text([symbol("汪", x: 0, line: 1), symbol("一", x: 0, line: 2), symbol("般", x: 20, line: 2)]) == "汪一般")
    #expect(text([symbol("资", x: 0, line: 1), symbol("料", x: 20, line: 1), symbol(",", x: 40, line: 1, width: 2), symbol("说", x: 45, line: 1)]) == "资料,说")
    // A cell does not open with a closing mark, nor with an opening quote nothing closes.
    #expect(text([symbol("，", x: 0, line: 1), symbol("。", x: 20, line: 1), symbol("佐", x: 40, line: 1), symbol("证", x: 60, line: 1)]) == "佐证")
    #expect(text([symbol("“", x: 0, line: 1), symbol("指", x: 20, line: 1), symbol("标", x: 40, line: 1)]) == "指标")
    #expect(text([symbol("“", x: 0, line: 1), symbol("三", x: 20, line: 1), symbol("公", x: 40, line: 1), symbol("”", x: 60, line: 1), symbol("经", x: 80, line: 1)]) == "“三公”经")
  }

  @Test("a word's characters abut, as do the parts of a number OCR split (3309 .13), but not an amount and the number after it (1,380.29 ‖ 201); in a table's run, Chinese characters abut whatever the words")
  func abutting() {
    func symbol(_ text: String, x: Int, width: Int = 10, word: Int) -> RecognizedSymbol {
      RecognizedSymbol(
        text: text, rect: PixelRect(x: x, y: 100, width: width, height: 30), line: 1,
        lineRect: PixelRect(x: 0, y: 98, width: 400, height: 34), word: word, confidence: 90)
    }
    func gaps(_ symbols: [RecognizedSymbol], ideographs: Bool = false) -> [Int] {
      let abutted = ScanPageReader.abutted(symbols, ideographs: ideographs)
      return zip(abutted, abutted.dropFirst()).map { $1.rect.x - $0.rect.maxX }
    }
    // 3309 .13: two words, 6 pixels apart, are one number.
    let split = ["3", "3", "0", "9"].enumerated().map { symbol($1, x: 12 * $0, word: 1) }
      + [".", "1", "3"].enumerated().map { symbol($1, x: 54 + 12 * $0, word: 2) }
    #expect(gaps(split).allSatisfy { $0 == 0 })
    // 1.380.29 201: the amount ends at its two decimals; the code after it keeps its gap.
    let amount = Array("1.380.29").enumerated().map { symbol(String($1), x: 12 * $0, word: 1) }
      + Array("201").enumerated().map { symbol(String($1), x: 110 + 12 * $0, word: 2) }
    #expect(gaps(amount) == [0, 0, 0, 0, 0, 0, 0, 16, 0, 0])
    // 名 ‖ 称, two words 4 pixels apart: apart on a page, abutting in a table's run.
    let name = [symbol("名", x: 0, width: 30, word: 1), symbol("称", x: 34, width: 30, word: 2)]
    #expect(gaps(name) == [4])
    #expect(gaps(name, ideographs: true) == [0])
    // 费 ‖ 费, three characters apart (the ends of two columns' names): apart in a run too.
    let ends = [symbol("费", x: 0, width: 30, word: 1), symbol("费", x: 120, width: 30, word: 2)]
    #expect(gaps(ends, ideographs: true) == [90])
  }

  @Test("the glyphs of a table's runs are at least a PDF glyph's height (1.3 em) about their line's middle; other glyphs keep their ink's height")
  func runGlyphHeights() {
    // Two characters 40 pixels apart (their pitch, the line's size), boxes 30 pixels tall.
    let symbols = ["分", "类"].enumerated().map { index, text in
      RecognizedSymbol(
        text: text, rect: PixelRect(x: 40 * index, y: 100, width: 36, height: 30), line: 1,
        lineRect: PixelRect(x: 0, y: 100, width: 76, height: 30), word: 1, confidence: 90)
    }
    let tall = ScanPageReader.glyphs(of: symbols + symbols, points: 1, emTall: 2..<4).glyphs
    #expect(tall.prefix(2).allSatisfy { $0.box.top == 100 && $0.box.bottom == 130 })
    #expect(tall.suffix(2).allSatisfy { abs($0.box.top - 89) < 1e-9 && abs($0.box.bottom - 141) < 1e-9 })
  }

  @Test("a header band of several lines is cut beside a name of several lines at narrower gaps; names of one line beside each other and a spaced name's letters stay one run")
  func headerRuns() {
    // 150 dpi, each piece a run of strokes 20 pixels tall: a one-line name (一般公共预算), two
    // names wrapped on two lines, each 12 pixels from the next (closer than a body's columns),
    // and a spaced name's two letters (项 目) 12 pixels apart; then three body rows.
    var page = StrokePage()
    func ink(_ columns: ClosedRange<Int>, _ rows: Range<Int>) { page.ink(columns, rows) }
    ink(100...200, 50..<70)
    for columns in [212...280, 292...360] {
      ink(columns, 40..<60)
      ink(columns, 64..<84)
    }
    ink(400...420, 50..<70)
    ink(432...452, 50..<70)
    for top in [120, 160, 200] {
      for columns in [100...200, 300...360, 420...452] { ink(columns, top..<(top + 20)) }
    }
    let image = page.image
    let chunks = ScanPageReader.inkChunks(image, threshold: 128).compactMap { $0 }
    let header = chunks.filter { $0.y < 100 }.map { $0.x..<$0.maxX }
    #expect(header == [100..<198, 212..<280, 292..<360, 400..<452], "\(header)")
    #expect(chunks.filter { $0.y >= 100 }.count == 9)
  }

  @Test("a run of a table without rules whose lines are under a third of the runs' usual height (specks, a rule's remains) is dropped")
  func thinRuns() {
    // 150 dpi, no rules: three body rows of three runs each (20 pixels tall), and under the
    // first row a run 3 pixels tall (what is left of a rule).
    var page = StrokePage()
    func ink(_ columns: ClosedRange<Int>, _ rows: Range<Int>) { page.ink(columns, rows) }
    for top in [120, 170, 220] {
      for columns in [100...200, 300...360, 420...452] { ink(columns, top..<(top + 20)) }
    }
    ink(300...330, 150..<153)
    let image = page.image
    let stub = Stub { region in
      guard region.layout != .page, region.characters == nil else { return [] }
      let rect = region.rect
      let thin = rect.height < 30
      return [
        RecognizedSymbol(
          text: thin ? "一" : "甲", rect: PixelRect(x: rect.x, y: rect.y, width: 10, height: rect.height), line: 1,
          lineRect: PixelRect(x: rect.x, y: rect.y, width: rect.width, height: thin ? 3 : 20), word: 1, confidence: 90)
      ]
    }
    let text = Self.text(ScanPageReader().read(image, recognizer: stub))
    #expect(text.filter { $0 == "甲" }.count == 9, "\(text)")
    #expect(!text.contains("一"), "\(text)")
  }


  /// A white 600 × 300 page at 150 dpi, inked in runs of vertical strokes (two pixels of every
  /// six), as text looks to the ink finder.
  struct StrokePage {
    let width = 600, height = 300
    var pixels = [UInt8](repeating: 255, count: 600 * 300)
    mutating func ink(_ columns: ClosedRange<Int>, _ rows: Range<Int>) {
      for y in rows { for x in columns where (x - columns.lowerBound) % 6 < 2 { pixels[y * width + x] = 0 } }
    }
    var image: GrayImage { GrayImage(width: width, height: height, dpi: 150, pixels: pixels) }
  }
}

