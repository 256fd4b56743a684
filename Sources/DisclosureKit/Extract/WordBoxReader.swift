import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads word-box files, what an OCR engine run elsewhere (or `pdftotext -tsv`) writes: each word
/// with its box on its page. The words become the glyphs a PDF's text layer would give, in
/// points, so that normalize, segment and rows read them unchanged (tables from the words'
/// alignment: these formats carry no ruling lines).
///
/// Formats, told by content:
/// - **TSV** as Tesseract writes it (`level page_num block_num par_num line_num word_num left top
///   width height conf text`), and `pdftotext -tsv` (the same columns, in points, its page rows
///   marked `###PAGE###`);
/// - **hOCR** (XHTML: `ocr_page`, `ocr_line` and `ocrx_word` elements with `bbox` and `x_wconf`
///   in their `title`);
/// - **ALTO** XML (`Page`, `TextLine`, `String` with `HPOS VPOS WIDTH HEIGHT`, `CONTENT` and `WC`).
///
/// Units: a page's size in the file says what its coordinates are. hOCR's `scan_res` gives the
/// resolution; ALTO's `MeasurementUnit` `mm10` and `inch1200` are exact; otherwise a page whose
/// longer side is under 1,400 units is in points (`pdftotext`), and a larger one is an image
/// whose longer side is that of A4 (297 mm), which is said in a note.
///
/// A word's characters divide its box by their widths (a Chinese character as wide as two
/// figures). A file is OCR output when its words carry confidences other than 100 (`pdftotext`
/// writes 100 for every word): its pages are then read as OCR pages (the confidences go with
/// the glyphs, and the pipeline's repairs of OCR misreads apply).
public struct WordBoxReader: Sendable {
  /// The word-box formats.
  public enum Format: String, Sendable, CaseIterable {
    /// Tesseract's (and `pdftotext -tsv`'s) tab-separated values.
    case tsv
    /// hOCR (XHTML).
    case hocr
    /// ALTO XML.
    case alto

    /// The format's name as people write it (TSV, hOCR, ALTO).
    public var name: String {
      switch self {
      case .tsv: "TSV"
      case .hocr: "hOCR"
      case .alto: "ALTO"
      }
    }
  }

  /// A word and its box, in the page's units.
  public struct Word: Sendable, Hashable {
    /// The text.
    public var text: String
    /// Left, top, right and bottom.
    public var x0, top, x1, bottom: Double
    /// The line the word is on (an index within its page).
    public var line: Int
    /// The engine's confidence, 0–100 (nil: none given).
    public var confidence: Double?
  }

  /// A page of words.
  public struct Page: Sendable, Hashable {
    /// 1-based page number (as the file counts, else in file order).
    public var number: Int
    /// Width and height in the page's units.
    public var width, height: Double
    /// Units per inch, when the file says (hOCR's `scan_res`, ALTO's unit).
    public var unitsPerInch: Double?
    /// The words in the file's order.
    public var words: [Word]
    /// Each line's box, by `Word.line`.
    public var lines: [Extent]
  }

  /// A box in a page's units.
  public struct Extent: Sendable, Hashable {
    /// Left, top, right and bottom.
    public var x0, top, x1, bottom: Double
    init(_ x0: Double, _ top: Double, _ x1: Double, _ bottom: Double) {
      (self.x0, self.top, self.x1, self.bottom) = (x0, top, x1, bottom)
    }
  }

  /// A page read into glyphs.
  public struct Result: Sendable {
    /// The page, with its glyphs and size in points.
    public var page: RawPage
    /// Each glyph's confidence (0–100), in the order of `page.glyphs`; 100 when none was given.
    public var confidences: [Double]
  }

  /// Coordinates past this many units (in any unit) are not used.
  static let largestCoordinate = 1_000_000.0

  /// Longer sides under this many units are in points.
  static let pointsBelow = 1_400.0
  /// The longer side of A4, in inches.
  static let a4LongSide = 297.0 / 25.4

  /// Creates a reader.
  public init() {}

  /// The format of `text` (nil: not a word-box file). TSV by its header line; hOCR by its
  /// `ocr_page` elements; ALTO by its root element.
  public static func format(of text: Substring) -> Format? {
    let head = text.prefix(4_096)
    let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    if trimmed.hasPrefix("level\tpage_num\t") { return .tsv }
    if head.contains(literal: "ocr_page") && (head.contains(literal: "<html") || head.contains(literal: "<?xml")) { return .hocr }
    if head.contains(literal: "<alto") { return .alto }
    // hOCR's first page may start after a long head.
    if text.prefix(65_536).contains(literal: "class='ocr_page'") || text.prefix(65_536).contains(literal: "class=\"ocr_page\"") {
      return .hocr
    }
    return nil
  }

  /// How many pages a word-box file holds, counted without parsing it (nil: not a word-box
  /// file).
  public static func pageCount(of text: String) -> Int? {
    switch format(of: text[...]) {
    case .tsv: return text.split(separator: "\n").count { $0.hasPrefix("1\t") }
    case .hocr:
      return text.components(separatedBy: "class='ocr_page'").count + text.components(separatedBy: "class=\"ocr_page\"").count - 2
    case .alto: return text.components(separatedBy: "<Page ").count - 1
    case nil: return nil
    }
  }

  /// The pages of `text` in `format`; what could not be read goes to `diagnostics`.
  public func pages(in text: String, format: Format, diagnostics: inout [Diagnostic]) -> [Page] {
    switch format {
    case .tsv: return tsvPages(text, diagnostics: &diagnostics)
    case .hocr, .alto:
      let parser = XMLParser(data: Data(text.utf8))
      let reader = XMLWordReader(format: format)
      parser.delegate = reader
      parser.shouldResolveExternalEntities = false
      let name = format.name
      if !parser.parse() {
        let error = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
        diagnostics.append(
          Diagnostic(
            .error, .extract, "the \(name) file is not well-formed XML (line \(parser.lineNumber)): \(error); pages up to there are read"))
      } else if reader.openElements > 0 {
        // The parser accepts a file that ends inside its elements.
        diagnostics.append(
          Diagnostic(
            .error, .extract,
            "the \(name) file is not well-formed XML: it ends with \(reader.openElements) elements open (cut short?); pages up to there are read"))
      }
      reader.finishPage()
      return reader.pages
    }
  }

  /// Whether the words of `pages` come from OCR: a confidence other than 100 anywhere.
  public static func fromOCR(_ pages: [Page]) -> Bool {
    pages.contains { $0.words.contains { $0.confidence.map { $0 != 100 } ?? false } }
  }

  /// `page` as glyphs in points. `ocr`: the words come from OCR (they are cleaned as a scanned
  /// page's are: full-width punctuation between Chinese characters, specks dropped).
  public func read(_ page: Page, ocr: Bool, diagnostics: inout [Diagnostic]) -> Result {
    var page = page
    // Sizes and coordinates past a million units (a broken or hostile file: 1e309 is infinite)
    // are not used: a page without a usable size is taken to be in points, and such words are
    // skipped.
    func usable(_ value: Double) -> Bool { value.isFinite && abs(value) <= Self.largestCoordinate }
    if !usable(page.width) || !usable(page.height) || page.width < 0 || page.height < 0 {
      diagnostics.append(
        Diagnostic(.warning, .extract, "the page's size in the word boxes is not usable; its coordinates are taken as points", page: page.number))
      page.width = 0
      page.height = 0
    }
    let unusable = page.words.filter { !(usable($0.x0) && usable($0.top) && usable($0.x1) && usable($0.bottom)) }.count
    if unusable > 0 {
      page.words.removeAll { !(usable($0.x0) && usable($0.top) && usable($0.x1) && usable($0.bottom)) }
      diagnostics.append(
        Diagnostic(.warning, .extract, "\(unusable) words have coordinates past a million units and are skipped", page: page.number))
    }
    page.lines = page.lines.map { usable($0.x0) && usable($0.top) && usable($0.x1) && usable($0.bottom) ? $0 : Extent(0, 0, 0, 0) }
    let long = max(page.width, page.height)
    let unitsPerInch: Double
    if let given = page.unitsPerInch, given >= 10, given <= 100_000 {
      unitsPerInch = given
    } else if long < Self.pointsBelow {
      unitsPerInch = 72
    } else {
      unitsPerInch = long / Self.a4LongSide
      diagnostics.append(
        Diagnostic(
          .note, .extract,
          "the word boxes give no resolution: the page (\(Int(page.width))×\(Int(page.height))) is taken as A4, \(Int(unitsPerInch.rounded())) units per inch",
          page: page.number))
    }
    // Symbols on a grid of 1/300 inch, as a 300 dpi scan's.
    let grid = 300.0
    let scale = grid / unitsPerInch
    func pixels(_ x0: Double, _ top: Double, _ x1: Double, _ bottom: Double) -> PixelRect {
      let x = Int((x0 * scale).rounded())
      let y = Int((top * scale).rounded())
      return PixelRect(x: x, y: y, width: max(1, Int((x1 * scale).rounded()) - x), height: max(1, Int((bottom * scale).rounded()) - y))
    }
    // A word whose box runs into the next word's on its line (a font with wrong widths:
    // pdftotext boxes 1,872 past the start of the .52 after it) ends where the next one starts,
    // so that their characters keep their order.
    var words = page.words
    for i in words.indices.dropLast() {
      let (a, b) = (words[i], words[i + 1])
      let overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
      if b.x0 > a.x0, b.x0 < a.x1, overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top) { words[i].x1 = b.x0 }
    }
    var symbols: [RecognizedSymbol] = []
    for (wordIndex, word) in words.enumerated() {
      let scalars = Array(word.text.unicodeScalars.filter { !$0.properties.isWhitespace })
      guard !scalars.isEmpty, word.x1 > word.x0, word.bottom > word.top else { continue }
      let weights = scalars.map { Self.isWide($0) ? 2.0 : 1.0 }
      let total = weights.reduce(0, +)
      // A glyph spans its line's height, as a PDF's do, unless the line is much taller than
      // the word (an engine's line box of a skewed scan is, and would run lines together) or
      // does not hold it (a file of word rows without line rows).
      let line = page.lines.indices.contains(word.line) ? page.lines[word.line] : Extent(word.x0, word.top, word.x1, word.bottom)
      let height = word.bottom - word.top
      let lineRect =
        line.bottom - line.top <= 1.3 * height && word.top >= line.top - 0.5 * height && word.bottom <= line.bottom + 0.5 * height
        ? pixels(line.x0, line.top, line.x1, line.bottom) : pixels(word.x0, word.top, word.x1, word.bottom)
      var left = word.x0
      for (scalar, weight) in zip(scalars, weights) {
        let right = left + (word.x1 - word.x0) * weight / total
        symbols.append(
          RecognizedSymbol(
            text: String(scalar), rect: pixels(left, word.top, right, word.bottom), line: word.line, lineRect: lineRect,
            word: wordIndex, confidence: word.confidence.flatMap { $0.isFinite ? min(100, max(0, $0)) : nil } ?? 100))
        left = right
      }
    }
    if ocr { symbols = ScanPageReader.abutted(ScanPageReader.fullWidth(ScanPageReader.withoutSpecks(symbols))) }
    let (glyphs, confidences) = ScanPageReader.glyphs(of: symbols, points: 72 / grid)
    let size = RawPage.Size(width: page.width * 72 / unitsPerInch, height: page.height * 72 / unitsPerInch)
    return Result(page: RawPage(number: page.number, size: size, fonts: [ocr ? "OCR" : "text"], glyphs: glyphs), confidences: confidences)
  }

  /// Whether `scalar` is set as wide as two figures: CJK characters and full-width forms.
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return scalar.properties.isIdeographic || (0x3000...0x303F).contains(value) || (0xFF00...0xFF60).contains(value)
      || (0x2E80...0x2FDF).contains(value) || (0x2018...0x201D).contains(value) || (0x2014...0x2026).contains(value)
  }

  // MARK: TSV

  private func tsvPages(_ text: String, diagnostics: inout [Diagnostic]) -> [Page] {
    var pages: [Page] = []
    var current: Page?
    var skipped = 0
    var lineNumber = 0
    func finish() {
      if let page = current { pages.append(page) }
      current = nil
    }
    for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      lineNumber += 1
      if lineNumber == 1 { continue }  // the header
      let fields = rawLine.split(separator: "\t", maxSplits: 11, omittingEmptySubsequences: false)
      guard fields.count >= 11, let level = Int(fields[0]), let pageNumber = Int(fields[1]),
        let left = Double(fields[6]), let top = Double(fields[7]), let width = Double(fields[8]), let height = Double(fields[9]),
        left.isFinite, top.isFinite, width.isFinite, height.isFinite
      else {
        skipped += 1
        continue
      }
      let word = fields.count > 11 ? String(fields[11]) : ""
      switch level {
      case 1:
        finish()
        guard pages.count < TextLayerReader.maxPages else {
          skipped += 1
          continue
        }
        // A page number as the file gives it, unless it is none a document could have.
        let number = (0...100_000).contains(pageNumber) ? max(1, pageNumber) : pages.count + 1
        current = Page(number: number, width: width, height: height, unitsPerInch: nil, words: [], lines: [])
      case 4:
        // pdftotext marks its structure rows ###LINE### and so on; Tesseract leaves them blank.
        current?.lines.append(Extent(left, top, left + width, top + height))
      case 5:
        guard current != nil else {
          skipped += 1
          continue
        }
        if current?.lines.isEmpty ?? true { current?.lines.append(Extent(left, top, left + width, top + height)) }
        let confidence = Double(fields[10]).flatMap { $0 >= 0 ? $0 : nil }
        let line = (current?.lines.count ?? 1) - 1
        current?.words.append(
          Word(text: word, x0: left, top: top, x1: left + width, bottom: top + height, line: line, confidence: confidence))
      default: continue
      }
    }
    finish()
    if skipped > 0 {
      diagnostics.append(Diagnostic(.warning, .extract, "\(skipped) rows of the TSV file could not be read and were skipped"))
    }
    return pages
  }
}

/// Collects the words of an hOCR or ALTO file as XMLParser reports its elements.
private final class XMLWordReader: NSObject, XMLParserDelegate {
  let format: WordBoxReader.Format
  var pages: [WordBoxReader.Page] = []
  private var page: WordBoxReader.Page?
  /// hOCR: the word being read (its box and confidence) and the depth of its element.
  private var word: WordBoxReader.Word?
  private var wordDepth = 0
  private var depth = 0
  /// Elements started and not ended (0 at the end of a whole file).
  var openElements: Int { depth }
  /// ALTO: units per inch from `MeasurementUnit`.
  private var unitsPerInch: Double?
  private var readingUnit = false
  private var unitText = ""

  init(format: WordBoxReader.Format) { self.format = format }

  func finishPage() {
    if let page { pages.append(page) }
    page = nil
  }

  /// The numbers after `key` in an hOCR `title` (`bbox 1 2 3 4; x_wconf 95`).
  static func property(_ key: String, in title: String) -> [Double]? {
    for part in title.split(separator: ";") {
      let fields = part.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.first.map(String.init) == key else { continue }
      return fields.dropFirst().compactMap { Double($0) }
    }
    return nil
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    depth += 1
    let local = name.split(separator: ":").last.map(String.init) ?? name
    switch format {
    case .hocr:
      let classes = Set((attributes["class"] ?? "").split(separator: " ").map(String.init))
      let title = attributes["title"] ?? ""
      if classes.contains("ocr_page") {
        finishPage()
        let box = Self.property("bbox", in: title) ?? []
        let resolution = Self.property("scan_res", in: title)?.first
        var number = pages.count + 1
        if let given = Self.property("ppageno", in: title)?.first, given.isFinite, given >= 0, given < 100_000 {
          number = Int(given) + 1
        }
        page = WordBoxReader.Page(
          number: number, width: box.count == 4 ? box[2] - box[0] : 0, height: box.count == 4 ? box[3] - box[1] : 0,
          unitsPerInch: resolution, words: [], lines: [])
      } else if classes.contains(where: { $0 == "ocr_line" || $0 == "ocrx_line" || $0 == "ocr_header" || $0 == "ocr_caption" || $0 == "ocr_textfloat" }),
        let box = Self.property("bbox", in: title), box.count == 4
      {
        page?.lines.append(WordBoxReader.Extent(box[0], box[1], box[2], box[3]))
      } else if classes.contains("ocrx_word"), let box = Self.property("bbox", in: title), box.count == 4, page != nil {
        if page?.lines.isEmpty ?? true { page?.lines.append(WordBoxReader.Extent(box[0], box[1], box[2], box[3])) }
        word = WordBoxReader.Word(
          text: "", x0: box[0], top: box[1], x1: box[2], bottom: box[3], line: (page?.lines.count ?? 1) - 1,
          confidence: Self.property("x_wconf", in: title)?.first)
        wordDepth = depth
      }
    case .alto:
      func number(_ key: String) -> Double? { attributes[key].flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil } }
      switch local {
      case "MeasurementUnit":
        readingUnit = true
        unitText = ""
      case "Page":
        finishPage()
        page = WordBoxReader.Page(
          number: pages.count + 1, width: number("WIDTH") ?? 0, height: number("HEIGHT") ?? 0, unitsPerInch: unitsPerInch,
          words: [], lines: [])
      case "TextLine":
        if let x = number("HPOS"), let y = number("VPOS"), let w = number("WIDTH"), let h = number("HEIGHT") {
          page?.lines.append(WordBoxReader.Extent(x, y, x + w, y + h))
        }
      case "String":
        guard page != nil, let x = number("HPOS"), let y = number("VPOS"), let w = number("WIDTH"), let h = number("HEIGHT") else {
          break
        }
        if page?.lines.isEmpty ?? true { page?.lines.append(WordBoxReader.Extent(x, y, x + w, y + h)) }
        let line = (page?.lines.count ?? 1) - 1
        page?.words.append(
          WordBoxReader.Word(
            text: attributes["CONTENT"] ?? "", x0: x, top: y, x1: x + w, bottom: y + h, line: line,
            confidence: number("WC").map { $0 * 100 }))
      default: break
      }
    case .tsv: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if readingUnit { unitText += string }
    if word != nil { word?.text += string }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    if readingUnit, (name.split(separator: ":").last.map(String.init) ?? name) == "MeasurementUnit" {
      readingUnit = false
      switch unitText.trimmingCharacters(in: .whitespacesAndNewlines) {
      case "mm10": unitsPerInch = 254
      case "inch1200": unitsPerInch = 1200
      default: unitsPerInch = nil
      }
    }
    if let finished = word, depth == wordDepth {
      page?.words.append(finished)
      word = nil
    }
    depth -= 1
  }
}
