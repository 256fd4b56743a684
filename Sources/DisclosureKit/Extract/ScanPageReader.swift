/// Reads a scanned page: its layout from the pixels (`ScanLayout`), each table cell recognized on
/// its own (whole-page recognition reads a table's rules as characters), the prose around the
/// tables recognized with the cells blanked out, and the result given as the glyphs and ruling
/// lines a PDF's text layer and drawing would give, in points, so that normalize, segment and
/// rows read it unchanged.
public struct ScanPageReader: Sendable {
  /// What a scanned page gave.
  public struct Result: Sendable {
    /// The glyphs, in reading order within each cell and block.
    public var glyphs: [Glyph]
    /// Each glyph's recognition confidence (0–100), in the order of `glyphs`.
    public var confidences: [Double]
    /// The ruling lines found in the image.
    public var rules: [Rule]
    /// The skew the scan was turned by, in degrees.
    public var skew: Double
    /// How many table cells were recognized one by one.
    public var cells: Int
    /// The confidence below which a glyph is to be reported.
    public var lowConfidence: Double

    /// Nothing read.
    public static let empty = Result(glyphs: [], confidences: [], rules: [], skew: 0, cells: 0, lowConfidence: 0)
  }

  /// Confidence below which a glyph is reported (0–100).
  public var lowConfidence: Double

  /// Creates a reader.
  public init(lowConfidence: Double = 60) { self.lowConfidence = lowConfidence }

  /// Reads `image` with `recognizer`.
  public func read(_ image: GrayImage, recognizer: any TextRecognizer) -> Result {
    let layout = ScanLayout(image)
    // The recognizer reads the page without its ruling lines (a rule beside a character is
    // read as 丨 or 到) and without specks of dust smaller than a decimal point.
    var clean = layout.image
    clean.pixels.withUnsafeMutableBufferPointer { pixels in
      // The line itself, and the grey halo blurring leaves beside it, but not the dark ink of a
      // figure printed against the line (153.71's last 1 touches its cell's right border).
      let halo = max(1, Int(clean.dpi * 0.012))
      let dark = UInt8(max(0, Int(layout.threshold) - 40))
      for line in layout.lines {
        Self.blank(&pixels, width: clean.width, PixelRect(x: line.rect.x - 1, y: line.rect.y - 1, width: line.rect.width + 2, height: line.rect.height + 2))
        Self.blank(
          &pixels, width: clean.width,
          PixelRect(x: line.rect.x - halo, y: line.rect.y - halo, width: line.rect.width + 2 * halo, height: line.rect.height + 2 * halo),
          lighterThan: dark)
      }
    }
    clean = Self.despeckled(clean, threshold: layout.threshold)
    let points = 72 / clean.dpi
    let inset = max(1, Int(clean.dpi * 0.004))
    let margin = max(2, Int(clean.dpi * 0.012))

    // Cells with ink, each read as a line or a block of lines, its region hugging the ink.
    var regions: [RecognitionRegion] = []
    for cell in layout.cells {
      let rect = PixelRect(
        x: cell.x + inset, y: cell.y + inset, width: cell.width - 2 * inset, height: cell.height - 2 * inset)
      guard rect.width > 4, rect.height > 4 else { continue }
      let bands = Self.inkBands(clean, rect, threshold: layout.threshold)
      guard let first = bands.first, let last = bands.last, let columns = Self.inkColumns(clean, rect, threshold: layout.threshold)
      else { continue }
      // White space beside the ink, as much as the cell has up to a tenth of an inch: with less,
      // the recognizer drops a figure at the edge (153.71 read as 53.71). Above and below, a
      // little: a blurred row border's remains would be read as a line of text.
      let side = Int(clean.dpi * 0.1)
      let x0 = max(rect.x, columns.lowerBound - side)
      let x1 = min(rect.maxX, columns.upperBound + side)
      let top = max(rect.y, first.lowerBound - margin)
      let bottom = min(rect.maxY, last.upperBound + margin)
      regions.append(
        RecognitionRegion(
          rect: PixelRect(x: x0, y: top, width: x1 - x0, height: bottom - top), layout: bands.count == 1 ? .line : .block))
    }
    var found = recognizer.recognize(clean, regions: regions)
    // A cell read as mostly figures is read again allowed figures only (a blurred 6 is read as
    // 0 or 石 less often when nothing but figures may be read).
    // Figures with what targets print around them (>=22, =100%); a thin 1 may come back as | or l.
    let figures = "0123456789.,-%=<>+"
    let figureLike = figures + "|lI"
    let figureCells = found.indices.filter { index in
      let scalars = found[index].flatMap { $0.text.unicodeScalars }
      let digits = scalars.filter { figureLike.unicodeScalars.contains($0) }.count
      // Only a cell of figures alone: >=22公里 keeps its unit.
      let words = scalars.contains { $0.properties.isIdeographic }
      return regions[index].layout == .line && !scalars.isEmpty && !words && digits * 10 >= scalars.count * 6
    }
    if !figureCells.isEmpty {
      let again = recognizer.recognize(
        clean, regions: figureCells.map { RecognitionRegion(rect: regions[$0].rect, layout: .line, characters: figures) })
      for (index, symbols) in zip(figureCells, again) where !symbols.isEmpty { found[index] = symbols }
      // A figure never opens or ends with its point or comma: one there is a speck (.53.99).
      for index in figureCells {
        while let first = found[index].first, [".", ","].contains(first.text) { found[index].removeFirst() }
        while let last = found[index].last, [".", ","].contains(last.text) { found[index].removeLast() }
      }
    }
    // Each cell's symbols without specks, then the rest of the page (cells blanked out); each
    // region's characters abutted on their own.
    var symbols = found.flatMap { Self.fullWidth(Self.abutted(Self.withoutSpecks($0))) }
    var rest = clean
    rest.pixels.withUnsafeMutableBufferPointer { pixels in
      for cell in layout.cells { Self.blank(&pixels, width: rest.width, cell) }
    }
    if Self.hasInk(rest, threshold: layout.threshold) {
      let page = RecognitionRegion(rect: PixelRect(x: 0, y: 0, width: rest.width, height: rest.height), layout: .page)
      symbols += Self.fullWidth(Self.abutted(recognizer.recognize(rest, regions: [page]).flatMap { $0 }))
    }

    var glyphs: [Glyph] = []
    var confidences: [Double] = []
    for symbol in symbols {
      let scalars = Array(symbol.text.unicodeScalars.filter { !$0.properties.isWhitespace })
      guard !scalars.isEmpty else { continue }
      // A glyph's box spans its line's height, as a PDF's glyph boxes do (a recognized 一 or 、
      // is only as tall as its ink).
      let top = Double(min(symbol.rect.y, symbol.lineRect.height > 0 ? symbol.lineRect.y : symbol.rect.y)) * points
      let bottom = Double(max(symbol.rect.maxY, symbol.lineRect.height > 0 ? symbol.lineRect.maxY : symbol.rect.maxY)) * points
      let step = Double(symbol.rect.width) / Double(scalars.count)
      for (index, scalar) in scalars.enumerated() {
        let x0 = (Double(symbol.rect.x) + step * Double(index)) * points
        glyphs.append(
          Glyph(scalar: scalar, box: Box(x0: x0, top: top, x1: x0 + step * points, bottom: bottom), font: 0, fontSize: bottom - top))
        confidences.append(symbol.confidence)
      }
    }
    let rules = layout.lines.map { line in
      Rule(
        box: Box(
          x0: Double(line.rect.x) * points, top: Double(line.rect.y) * points, x1: Double(line.rect.maxX) * points,
          bottom: Double(line.rect.maxY) * points),
        orientation: line.horizontal ? .horizontal : .vertical, source: .stroke)
    }
    return Result(
      glyphs: glyphs, confidences: confidences, rules: rules, skew: layout.skew, cells: regions.count, lowConfidence: lowConfidence)
  }

  /// A cell's symbols without specks: a cell's text never opens or ends with one (产出指标. or
  /// 佐证资料-: dust, or the stub of a border beside the text), nor has one between two Chinese
  /// characters (按照正.常): a mark of punctuation whose ink is narrow beside the line's height.
  /// A cell that is only such a mark (a - for none) keeps it; a comma between words stays.
  static func withoutSpecks(_ symbols: [RecognizedSymbol]) -> [RecognizedSymbol] {
    func speck(_ symbol: RecognizedSymbol) -> Bool {
      let height = max(symbol.lineRect.height, symbol.rect.height, 1)
      return speckMarks.contains(symbol.text) && symbol.rect.width * 10 <= height * 35 / 10
    }
    func chinese(_ symbol: RecognizedSymbol) -> Bool {
      symbol.text.unicodeScalars.allSatisfy { $0.properties.isIdeographic }
    }
    var symbols = symbols
    while symbols.count > 1, let first = symbols.first, speck(first) { symbols.removeFirst() }
    while symbols.count > 1, let last = symbols.last, speck(last) { symbols.removeLast() }
    return symbols.indices.compactMap { position in
      let symbol = symbols[position]
      let between =
        position > 0 && position + 1 < symbols.count && chinese(symbols[position - 1]) && chinese(symbols[position + 1])
        && ![",", "，", "、"].contains(symbol.text)
      return between && speck(symbol) ? nil : symbol
    }
  }

  /// One region's symbols with the punctuation of its Chinese lines full width, as Chinese text
  /// prints it and a PDF's text layer gives it: the recognizer reads （一） as (一) and ： as :.
  /// On a line holding a Chinese character, ( ) : ; ! ? become （ ） ： ； ！ ？, and a comma becomes
  /// ， unless it stands between digits (3,581.45). Lines of figures alone keep theirs.
  static func fullWidth(_ symbols: [RecognizedSymbol]) -> [RecognizedSymbol] {
    let chineseLines = Set(symbols.filter { $0.text.unicodeScalars.contains { $0.properties.isIdeographic } }.map(\.line))
    guard !chineseLines.isEmpty else { return symbols }
    let wide: [Character: Character] = ["(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"]
    let digit = { (text: String?, last: Bool) -> Bool in
      guard let text, let character = last ? text.last : text.first else { return false }
      return character.isASCII && character.isNumber
    }
    var symbols = symbols
    for index in symbols.indices where chineseLines.contains(symbols[index].line) {
      let text = symbols[index].text
      guard text.contains(where: { wide[$0] != nil || $0 == "," }) else { continue }
      let previous = index > 0 && symbols[index - 1].line == symbols[index].line ? symbols[index - 1].text : nil
      let next = index + 1 < symbols.count && symbols[index + 1].line == symbols[index].line ? symbols[index + 1].text : nil
      var out = ""
      let characters = Array(text)
      for (position, character) in characters.enumerated() {
        if let full = wide[character] {
          out.append(full)
        } else if character == "," {
          let before = position > 0 ? String(characters[position - 1]) : previous
          let after = position + 1 < characters.count ? String(characters[position + 1]) : next
          out.append(digit(before, true) && digit(after, false) ? "," : "，")
        } else {
          out.append(character)
        }
      }
      symbols[index].text = out
    }
    return pairedBrackets(symbols, lines: chineseLines)
  }

  /// An angle bracket that closes (or opens) a round one on its line, 〈境） or （境〉, is the round
  /// one misread: （境）.
  static func pairedBrackets(_ symbols: [RecognizedSymbol], lines: Set<Int>) -> [RecognizedSymbol] {
    guard symbols.contains(where: { $0.text.contains("〈") || $0.text.contains("〉") }) else { return symbols }
    var symbols = symbols
    for line in lines {
      let indices = symbols.indices.filter { symbols[$0].line == line }
      var characters: [(symbol: Int, offset: Int, character: Character)] = []
      for index in indices {
        for (offset, character) in symbols[index].text.enumerated() { characters.append((index, offset, character)) }
      }
      var replaced: [(Int, Int, Character)] = []
      for (position, item) in characters.enumerated() {
        if item.character == "〈", let close = characters[(position + 1)...].first(where: { "）〉".contains($0.character) }), close.character == "）" {
          replaced.append((item.symbol, item.offset, "（"))
        } else if item.character == "〉", let open = characters[..<position].last(where: { "（〈".contains($0.character) }), open.character == "（" {
          replaced.append((item.symbol, item.offset, "）"))
        }
      }
      for (symbol, offset, character) in replaced {
        var text = Array(symbols[symbol].text)
        text[offset] = character
        symbols[symbol].text = String(text)
      }
    }
    return symbols
  }

  /// One region's symbols with the characters of a word abutting, as a PDF's advance widths do
  /// (a decimal point's ink box is narrow, and the gaps beside it would read as spaces); so do
  /// the parts of a number the recognizer split (3309 .13): figures and their punctuation on one
  /// line closer than half the line's height.
  static func abutted(_ symbols: [RecognizedSymbol]) -> [RecognizedSymbol] {
    func numeric(_ text: String) -> Bool { !text.isEmpty && text.unicodeScalars.allSatisfy { "0123456789.,-%".unicodeScalars.contains($0) } }
    var symbols = symbols
    for index in symbols.indices.dropLast() {
      let (this, next) = (symbols[index], symbols[index + 1])
      let splitNumber =
        this.line == next.line && numeric(this.text) && numeric(next.text)
        && next.rect.x - this.rect.maxX < max(this.lineRect.height, this.rect.height) / 2
      guard this.word == next.word || splitNumber, next.rect.x > this.rect.maxX else { continue }
      symbols[index].rect.width = next.rect.x - this.rect.x
    }
    return symbols
  }

  /// The columns from the first to the last with ink in `rect` (nil: none).
  static func inkColumns(_ image: GrayImage, _ rect: PixelRect, threshold: UInt8) -> Range<Int>? {
    var first = Int.max
    var last = -1
    image.pixels.withUnsafeBufferPointer { pixels in
      for y in max(0, rect.y)..<min(image.height, rect.maxY) {
        let row = y * image.width
        for x in max(0, rect.x)..<min(image.width, rect.maxX) where pixels[row + x] < threshold {
          first = min(first, x)
          last = max(last, x)
        }
      }
    }
    return last >= first ? first..<(last + 1) : nil
  }

  /// `image` without specks: small groups of ink (up to a ninth of a millimetre square or so)
  /// with no larger ink near them. A decimal point is as small as a speck but sits beside its
  /// figures, so it stays.
  static func despeckled(_ image: GrayImage, threshold: UInt8) -> GrayImage {
    let largest = max(2, Int((image.dpi / 100) * (image.dpi / 100) * 1.4))
    let reach = max(3, Int(image.dpi * 0.04))
    let width = image.width
    let height = image.height
    var out = image
    var large = [Bool](repeating: false, count: width * height)
    var seen = [Bool](repeating: false, count: width * height)
    var specks: [[Int]] = []
    var stack: [Int] = []
    var group: [Int] = []
    image.pixels.withUnsafeBufferPointer { pixels in
      for start in 0..<(width * height) where pixels[start] < threshold && !seen[start] {
        seen[start] = true
        stack.append(start)
        group.removeAll(keepingCapacity: true)
        while let index = stack.popLast() {
          group.append(index)
          let x = index % width
          let y = index / width
          for dy in -1...1 {
            for dx in -1...1 where dx != 0 || dy != 0 {
              let nx = x + dx
              let ny = y + dy
              guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
              let neighbour = ny * width + nx
              if pixels[neighbour] < threshold && !seen[neighbour] {
                seen[neighbour] = true
                stack.append(neighbour)
              }
            }
          }
        }
        if group.count <= largest {
          specks.append(group)
        } else {
          for index in group { large[index] = true }
        }
      }
    }
    out.pixels.withUnsafeMutableBufferPointer { pixels in
      for speck in specks {
        let xs = speck.map { $0 % width }
        let ys = speck.map { $0 / width }
        let x0 = max(0, (xs.min() ?? 0) - reach)
        let x1 = min(width - 1, (xs.max() ?? 0) + reach)
        let y0 = max(0, (ys.min() ?? 0) - reach / 2)
        let y1 = min(height - 1, (ys.max() ?? 0) + reach / 2)
        var near = false
        search: for y in y0...y1 {
          for x in x0...x1 where large[y * width + x] {
            near = true
            break search
          }
        }
        if !near { for index in speck { pixels[index] = 255 } }
      }
    }
    return out
  }

  /// Marks a speck of dust is read as.
  static let speckMarks: Set<String> = [".", ",", "-", "|", "'", "`", ":", ";", "\"", "“", "”", "‘", "’", "_", "、", "。", "，"]

  /// The bands of rows with ink in `rect`, split at blank gaps of at least a fiftieth of an inch.
  static func inkBands(_ image: GrayImage, _ rect: PixelRect, threshold: UInt8) -> [Range<Int>] {
    let gap = max(2, Int(image.dpi * 0.02))
    var bands: [Range<Int>] = []
    var start: Int?
    var lastInk = -1
    image.pixels.withUnsafeBufferPointer { pixels in
      for y in max(0, rect.y)..<min(image.height, rect.maxY) {
        var ink = 0
        let row = y * image.width
        for x in max(0, rect.x)..<min(image.width, rect.maxX) where pixels[row + x] < threshold { ink += 1 }
        // A row with a pixel or two of ink is speckle.
        if ink >= 2 {
          if let begun = start, y - lastInk > gap {
            bands.append(begun..<(lastInk + 1))
            start = y
          } else if start == nil {
            start = y
          }
          lastInk = y
        }
      }
    }
    if let start { bands.append(start..<(lastInk + 1)) }
    // A band of a row or two is speckle too.
    return bands.filter { $0.count >= max(3, Int(image.dpi * 0.015)) }
  }

  /// Whitens `rect` (only its pixels lighter than `lighterThan`, when given).
  static func blank(_ pixels: inout UnsafeMutableBufferPointer<UInt8>, width: Int, _ rect: PixelRect, lighterThan: UInt8? = nil) {
    let height = pixels.count / max(1, width)
    for y in max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) {
      for x in max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX)) where lighterThan.map({ pixels[y * width + x] >= $0 }) ?? true {
        pixels[y * width + x] = 255
      }
    }
  }

  static func hasInk(_ image: GrayImage, threshold: UInt8) -> Bool {
    let bands = inkBands(image, PixelRect(x: 0, y: 0, width: image.width, height: image.height), threshold: threshold)
    return !bands.isEmpty
  }
}
