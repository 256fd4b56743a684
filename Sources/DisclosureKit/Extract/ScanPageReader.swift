import Foundation
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
    /// The cells of figures read more than one way, in points.
    public var figureReadings: [CellReadings] = []
    /// The cells of words read more than one way, in points.
    public var textReadings: [CellReadings] = []

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
    var regionCells: [PixelRect] = []
    var regionBands: [[Range<Int>]] = []
    var regionInk: [(width: Int, height: Int)] = []
    /// Adds a region for `cell` if the page has ink in `ink`: the region hugs that ink within
    /// `bounds`, a line or a block of lines.
    func addRegion(_ cell: PixelRect, ink: PixelRect, bounds: PixelRect) {
      let bands = Self.inkBands(clean, ink, threshold: layout.threshold)
      guard let first = bands.first, let last = bands.last, let columns = Self.inkColumns(clean, ink, threshold: layout.threshold)
      else { return }
      regionCells.append(cell)
      regionBands.append(bands)
      regionInk.append((columns.count, last.upperBound - first.lowerBound))
      regions.append(
        RecognitionRegion(
          rect: Self.hugging(columns, first.lowerBound..<last.upperBound, within: bounds, dpi: clean.dpi, margin: margin),
          layout: bands.count == 1 ? .line : .block))
    }
    for cell in layout.cells {
      let rect = PixelRect(
        x: cell.x + inset, y: cell.y + inset, width: cell.width - 2 * inset, height: cell.height - 2 * inset)
      guard rect.width > 4, rect.height > 4 else { continue }
      addRegion(cell, ink: rect, bounds: rect)
    }
    let ruledCells = regions.count
    // On a page without ruling lines, each run of ink of a table is read as a cell would be: a
    // line of text cut where a gap wider than a character opens (a column), or a block of such
    // lines stacked (a header name wrapped in a narrow column). Reading the page whole read such
    // a table's header names into each other and specks beside them as characters (scan-0402:
    // rows 73 → 90 of 152). Prose is read as a page, a paragraph at a time.
    // (Such a page has no cells.) The page is read as well when a band is not a table's.
    let runs = layout.cells.isEmpty ? Self.inkChunks(clean, threshold: layout.threshold) : []
    for chunk in runs.compactMap({ $0 }) {
      // With the white a cell's text has around it.
      let x0 = max(0, chunk.x - margin), top = max(0, chunk.y - margin)
      let around = PixelRect(
        x: x0, y: top, width: min(clean.width, chunk.maxX + margin) - x0, height: min(clean.height, chunk.maxY + margin) - top)
      addRegion(around, ink: chunk, bounds: around)
    }
    let readsRest = !layout.cells.isEmpty || runs.contains(nil)
    // A cell of one line is read from a black-and-white copy of it (cut a little lighter than
    // its Otsu level) set in white space: on scan-0103, 680 of 843 such cells read as printed
    // against 562 from the page (合计 read as 全计, 全下 or [放量 from the page). A cell of
    // several lines is read on the page (193 cells: 88 against 63).
    let blocks = regions.indices.filter { regions[$0].layout != .line }
    var found = [[RecognizedSymbol]](repeating: [], count: regions.count)
    for (index, symbols) in zip(blocks, recognizer.recognize(clean, regions: blocks.map { regions[$0] })) { found[index] = symbols }
    let padding = max(4, Int(clean.dpi * 0.04))
    // Every band of ink of a block is read: a short last line of a wrapped label (金 under
    // （一）一般公共预算资) that the block reading dropped is read as a line of its own, from a
    // cut copy like the one-line cells.
    for index in blocks {
      let missing = regionBands[index].filter { band in
        !found[index].contains { symbol in band.contains(symbol.rect.y + symbol.rect.height / 2) }
      }
      guard !missing.isEmpty, !found[index].isEmpty else { continue }
      var line = found[index].map(\.line).max() ?? 0
      for band in missing {
        let rect = regions[index].rect
        // The band's ink with white space beside it, as a cell's (not the region's width).
        let top = max(rect.y, band.lowerBound - margin)
        let across = PixelRect(x: rect.x, y: top, width: rect.width, height: min(rect.maxY, band.upperBound + margin) - top)
        guard let columns = Self.inkColumns(clean, across, threshold: layout.threshold) else { continue }
        line += 1
        let read = Self.lineReading(
          clean, Self.hugging(columns, band, within: rect, dpi: clean.dpi, margin: margin), padding: padding, recognizer: recognizer
        ).map { symbol in
          var symbol = symbol
          symbol.line = line
          return symbol
        }
        found[index] += read
      }
      // Lines top to bottom, each in its reading order.
      var lines: [(top: Int, symbols: [RecognizedSymbol])] = []
      for symbol in found[index] {
        if let last = lines.indices.last, lines[last].symbols[0].line == symbol.line {
          lines[last].symbols.append(symbol)
          lines[last].top = min(lines[last].top, symbol.rect.y)
        } else {
          lines.append((symbol.rect.y, [symbol]))
        }
      }
      found[index] = lines.enumerated().sorted { ($0.element.top, $0.offset) < ($1.element.top, $1.offset) }.flatMap(\.element.symbols)
    }
    for index in regions.indices where regions[index].layout == .line {
      found[index] = Self.lineReading(clean, regions[index].rect, padding: padding, recognizer: recognizer)
      // Ink about as wide as it is tall that a line reading leaves empty is one character (款 or
      // 项 in a header's cell of its own): read as one.
      if found[index].isEmpty, regionInk[index].width * 2 <= regionInk[index].height * 3 {
        found[index] = Self.lineReading(clean, regions[index].rect, padding: padding, layout: .character, recognizer: recognizer)
      }
    }
    // A cell read as mostly figures is read again allowed figures only (a blurred 6 is read as
    // 0 or 石 less often when nothing but figures may be read).
    // Figures with what targets print around them (>=22, =100%); a thin 1 may come back as | or l.
    let figureLike = Self.figures + "|lI"
    let figureCells = found.indices.filter { index in
      let scalars = Array(found[index].flatMap { $0.text.unicodeScalars })
      let digits = scalars.filter { figureLike.unicodeScalars.contains($0) }.count
      // Only a cell of figures alone: >=22公里 and 5个 keep their units. A figure misread as a
      // Chinese character (才.69 for 4.69) is one, not a unit, when it does not end the cell.
      let ideographs = scalars.indices.filter { scalars[$0].properties.isIdeographic }
      let words = ideographs.count > 1 || ideographs.last == scalars.count - 1
      return regions[index].layout == .line && !scalars.isEmpty && !words && digits * 10 >= scalars.count * 6
    }
    // Columns of codes and amounts are those of ruled cells: runs of ink outside them are
    // placed by their text, not by borders.
    let cellTexts = found.indices.map { $0 < ruledCells ? found[$0].map(\.text).joined() : "" }
    let codeColumns = Self.codeColumnCells(cellTexts, cells: regionCells, dpi: clean.dpi)
    let codeCells = Set(codeColumns.joined())
    let otherFigures = figureCells.filter { !codeCells.contains($0) }
    // In a column of amounts, a cell below its first amount read as something else (153.几,
    // 全人与 for 6.85) is read again as figures too, but the reading is taken only when most of
    // the readings give it, printed as the column's amounts are: a word there (无) stays.
    let doubtful = Self.amountColumnCells(cellTexts, cells: regionCells, dpi: clean.dpi)
      .filter { !codeCells.contains($0) && !figureCells.contains($0) }
    let reread = otherFigures + doubtful
    var alternatives: [(rect: PixelRect, others: [String])] = []
    if !reread.isEmpty {
      let again = Self.figureReadings(of: reread.map { regions[$0].rect }, in: clean, recognizer: recognizer, sureFrom: otherFigures.count)
      for (index, reading) in zip(reread, again) where !reading.symbols.isEmpty {
        found[index] = reading.symbols
        if !reading.others.isEmpty { alternatives.append((regions[index].rect, reading.others)) }
      }
    }
    // A column's codes have one length (2 figures for 款 and 项): a reading of that length
    // first (11 read as 1 loses a thin figure).
    for column in codeColumns {
      let again = Self.figureReadings(
        of: column.map { regions[$0].rect }, in: clean, recognizer: recognizer, characters: "0123456789",
        shape: { text in text.allSatisfy { $0.isASCII && $0.isNumber } ? text.count : nil })
      for (index, reading) in zip(column, again) where !reading.symbols.isEmpty { found[index] = reading.symbols }
    }
    // A cell of words with a character the recognizer is unsure of (below 85) is read twice
    // more, on the page and from a copy cut at its Otsu level: the other readings go with the
    // page, for the pipeline to take one that is a word of the template (合计 for 全计), never
    // a guess.
    let spelled = { (symbols: [RecognizedSymbol]) in
      Self.fullWidth(Self.withoutSpecks(symbols)).map(\.text).joined().filter { !$0.isWhitespace }
    }
    var wordAlternatives: [(rect: PixelRect, others: [String])] = []
    let wordCells = regions.indices.filter { index in
      regions[index].layout == .line && !figureCells.contains(index) && !codeCells.contains(index) && !doubtful.contains(index)
        && found[index].contains { $0.text.unicodeScalars.contains { $0.properties.isIdeographic } }
        && found[index].contains { $0.confidence < 85 }
    }
    if !wordCells.isEmpty {
      let onPage = recognizer.recognize(clean, regions: wordCells.map { regions[$0] })
      for (index, pageReading) in zip(wordCells, onPage) {
        let darker = Self.lineReading(clean, regions[index].rect, padding: padding, lighter: 1, recognizer: recognizer)
        let chosen = spelled(found[index])
        var others: [String] = []
        for reading in [pageReading, darker] {
          let text = spelled(reading)
          if !text.isEmpty, text != chosen, !others.contains(text) { others.append(text) }
        }
        if !others.isEmpty { wordAlternatives.append((regions[index].rect, others)) }
      }
    }
    // Each cell's symbols without specks (a run of ink of a page without rules is cut at white
    // on every side, so it has no border's stub to lose: it keeps its marks), then the rest of the
    // page (cells and runs blanked out); each region's characters abutted on their own.
    var symbols: [RecognizedSymbol] = []
    // The symbols of runs of a table without rules (their lines are grouped as a PDF's are).
    var runsStart = 0
    // A run whose lines are all under a third of the runs' usual line height is specks or what
    // is left of a rule (一一 2.9 points tall, 总 2.4, among lines of 10), not text.
    let runHeights = found.dropFirst(ruledCells).joined().map(\.lineRect.height).filter { $0 > 0 }.sorted()
    let usualRunHeight = runHeights.isEmpty ? 0 : runHeights[runHeights.count / 2]
    for index in found.indices {
      if index == ruledCells { runsStart = symbols.count }
      if index >= ruledCells, !found[index].isEmpty, found[index].allSatisfy({ $0.lineRect.height * 3 < usualRunHeight }) { continue }
      symbols += Self.abutted(
        Self.fullWidth(Self.separated(index < ruledCells ? Self.withoutSpecks(found[index]) : found[index])), ideographs: index >= ruledCells)
    }
    let inRuns = ruledCells < found.count ? runsStart..<symbols.count : 0..<0
    if readsRest {
      // Prose, headings, and ink too large to be text (a seal, a picture): the page without the
      // cells and runs read, whole, if anything is left on it (the table finder of the
      // recognizer's page reading spends seconds on a page of specks).
      var rest = clean
      rest.pixels.withUnsafeMutableBufferPointer { pixels in
        for cell in layout.cells + regionCells[ruledCells...] { Self.blank(&pixels, width: rest.width, cell) }
      }
      if Self.hasInk(rest, threshold: layout.threshold) {
        let page = RecognitionRegion(rect: PixelRect(x: 0, y: 0, width: rest.width, height: rest.height), layout: .page)
        symbols += Self.abutted(Self.fullWidth(Self.separated(recognizer.recognize(rest, regions: [page]).flatMap { $0 })))
      }
    }

    let (glyphs, confidences) = Self.glyphs(of: symbols, points: points, emTall: inRuns)
    let rules = layout.lines.map { line in
      Rule(
        box: Box(
          x0: Double(line.rect.x) * points, top: Double(line.rect.y) * points, x1: Double(line.rect.maxX) * points,
          bottom: Double(line.rect.maxY) * points),
        orientation: line.horizontal ? .horizontal : .vertical, source: .stroke)
    }
    let box = { (rect: PixelRect) in
      Box(x0: Double(rect.x) * points, top: Double(rect.y) * points, x1: Double(rect.maxX) * points, bottom: Double(rect.maxY) * points)
    }
    var result = Result(
      glyphs: glyphs, confidences: confidences, rules: rules, skew: layout.skew, cells: regions.count, lowConfidence: lowConfidence)
    result.figureReadings = alternatives.map { CellReadings(box: box($0.rect), others: $0.others) }
    result.textReadings = wordAlternatives.map { CellReadings(box: box($0.rect), others: $0.others) }
    return result
  }

  /// Recognized symbols (in pixels, `points` points each) as glyphs and their confidences. The
  /// symbols at `emTall` (runs of a table without rules) are at least as tall as a PDF's glyph of
  /// their line's size (its font's ascent and descent, 1.3 em), about the line's middle: ink
  /// boxes are shorter, and two names of a header set a little apart (分类 beside 预算数) would
  /// not share a line as their PDF glyphs do. (Prose keeps its ink boxes: its paragraphs are
  /// told apart by the gaps between lines.)
  static func glyphs(of symbols: [RecognizedSymbol], points: Double, emTall: Range<Int> = 0..<0) -> (glyphs: [Glyph], confidences: [Double]) {
    // A line's size: the pitch of its Chinese characters (one em each, set solid), which the
    // recognizer's boxes give more steadily than their heights (a box may be the line's, and a
    // bracket or a descender makes the line's taller): the size of a heading's first line and
    // of its wrapped rest must compare.
    var pitches: [PixelRect: [Int]] = [:]
    for (this, next) in zip(symbols, symbols.dropFirst())
    where this.lineRect.height > 0 && this.lineRect == next.lineRect && this.line == next.line
      && (this.text + next.text).unicodeScalars.allSatisfy({ $0.properties.isIdeographic })
    {
      let pitch = next.rect.x - this.rect.x
      if pitch > 0 && pitch < this.lineRect.height * 2 { pitches[this.lineRect, default: []].append(pitch) }
    }
    // Characters the recognizer joined into one symbol (说明) divide its box.
    for symbol in symbols where symbol.lineRect.height > 0 {
      let scalars = symbol.text.unicodeScalars
      guard scalars.count >= 2, scalars.allSatisfy({ $0.properties.isIdeographic }) else { continue }
      pitches[symbol.lineRect, default: []].append(symbol.rect.width / scalars.count)
    }
    // A line of two or three characters (说明, the rest of a wrapped heading) gives too few
    // pitches to tell: it takes the page's.
    let all = pitches.values.joined().sorted()
    let lineSizes = pitches.mapValues { values -> Double in
      let sorted = values.count >= 3 || all.isEmpty ? values.sorted() : all
      return Double(sorted[sorted.count / 2]) * points
    }
    var glyphs: [Glyph] = []
    var confidences: [Double] = []
    for (number, symbol) in symbols.enumerated() {
      let scalars = Array(symbol.text.unicodeScalars.filter { !$0.properties.isWhitespace })
      guard !scalars.isEmpty else { continue }
      // A glyph's box spans its line's height, as a PDF's glyph boxes do (a recognized 一 or 、
      // is only as tall as its ink).
      var top = Double(min(symbol.rect.y, symbol.lineRect.height > 0 ? symbol.lineRect.y : symbol.rect.y)) * points
      var bottom = Double(max(symbol.rect.maxY, symbol.lineRect.height > 0 ? symbol.lineRect.maxY : symbol.rect.maxY)) * points
      if emTall.contains(number), let size = lineSizes[symbol.lineRect], size > 0 {
        let middle = (top + bottom) / 2
        top = min(top, middle - 0.65 * size)
        bottom = max(bottom, middle + 0.65 * size)
      }
      let step = Double(symbol.rect.width) / Double(scalars.count)
      for (index, scalar) in scalars.enumerated() {
        let x0 = (Double(symbol.rect.x) + step * Double(index)) * points
        glyphs.append(
          Glyph(
            scalar: scalar, box: Box(x0: x0, top: top, x1: x0 + step * points, bottom: bottom), font: 0,
            fontSize: lineSizes[symbol.lineRect].map { min($0, bottom - top) } ?? bottom - top))
        confidences.append(symbol.confidence)
      }
    }
    return (glyphs, confidences)
  }

  /// What a cell of figures may hold: figures and what targets print around them (>=22, =100%).
  static let figures = "0123456789.,-%=<>+"

  /// The cells at `rects`, each read again allowing figures only, four ways: from the cleaned
  /// page, and from three black-and-white copies of the cell set in white space (its ink cut at
  /// the cell's Otsu level and at two lighter levels: a blurred decimal point survives one cut
  /// or another, and the recognizer reads a cell on its own better than the same pixels on the
  /// page). The reading most of them give wins, among those printed with the page's usual
  /// decimals when there are any (a lost point, 36221, or a speck read as a figure, 64.672, is
  /// printed otherwise); a tie goes to the first cut. A reading that two of the four or fewer
  /// give has its confidence capped at that share (50), so that it is reported.
  /// On scan-0103, of 394 cells of figures, 279 were read right once; 341 this way.
  static func figureReadings(
    of rects: [PixelRect], in image: GrayImage, recognizer: any TextRecognizer, characters: String = figures,
    shape: (String) -> Int? = decimals, sureFrom: Int? = nil
  ) -> [(symbols: [RecognizedSymbol], others: [String])] {
    func trimmed(_ symbols: [RecognizedSymbol]) -> [RecognizedSymbol] {
      // A figure never opens or ends with its point or comma: one there is a speck (.53.99).
      var symbols = symbols
      while let first = symbols.first, [".", ","].contains(first.text) { symbols.removeFirst() }
      while let last = symbols.last, [".", ","].contains(last.text) { symbols.removeLast() }
      return symbols
    }
    let onPage = recognizer.recognize(image, regions: rects.map { RecognitionRegion(rect: $0, layout: .line, characters: characters) })
    let padding = max(4, Int(image.dpi * 0.04))
    var readings: [[[RecognizedSymbol]]] = []
    for (rect, pageReading) in zip(rects, onPage) {
      let cell = Self.cropped(image, rect)
      let level = ScanLayout.otsuLevel(cell)
      let cuts = [21, 1, 41].map { offset in
        Self.cutReading(cell, at: rect, below: min(256, level + offset), padding: padding, characters: characters, recognizer: recognizer)
      }
      // And twice as large (a thin 1 beside another, 11, is read as one 1 less often).
      let large = Self.enlarged(cell)
      let largeSymbols =
        recognizer.recognize(
          large, regions: [RecognitionRegion(rect: PixelRect(x: 0, y: 0, width: large.width, height: large.height), layout: .line, characters: characters)]
        ).first ?? []
      let halved = largeSymbols.map { symbol in
        var symbol = symbol
        symbol.rect = PixelRect(x: rect.x + symbol.rect.x / 2, y: rect.y + symbol.rect.y / 2, width: symbol.rect.width / 2, height: symbol.rect.height / 2)
        symbol.lineRect = PixelRect(
          x: rect.x + symbol.lineRect.x / 2, y: rect.y + symbol.lineRect.y / 2, width: symbol.lineRect.width / 2, height: symbol.lineRect.height / 2)
        return symbol
      }
      readings.append((cuts + [pageReading, halved]).map(trimmed))
    }
    func key(_ symbols: [RecognizedSymbol]) -> String {
      symbols.map(\.text).joined().filter { $0 != "," && !$0.isWhitespace }
    }
    let counts = Dictionary(grouping: readings.joined().compactMap { shape(key($0)) }, by: { $0 }).mapValues(\.count)
    let numbers = counts.values.reduce(0, +)
    let usual = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }.flatMap { $0.value * 5 >= numbers * 3 ? $0.key : nil }
    return readings.enumerated().map { position, cell in
      let keys = cell.map(key)
      // An amount never opens with 0 before another figure (019.85 is 619.85 or 919.85
      // misread): such a reading is taken only when every reading is one.
      let read = keys.indices.filter { !keys[$0].isEmpty }
      let wellFormed = read.filter { !Self.opensWithZero(keys[$0]) }
      let candidates = wellFormed.isEmpty ? read : wellFormed
      // (A cell not sure to hold figures may hold a zero: it is printed 0 in a column of two
      // decimals as often as 0.00.)
      let unsure = sureFrom.map { position >= $0 } ?? false
      let shaped = candidates.filter { usual != nil && (shape(keys[$0]) == usual || unsure && Self.isZero(keys[$0])) }
      let pool = shaped.isEmpty ? candidates : shaped
      guard let chosen = pool.max(by: { a, b in
        let (votesA, votesB) = (keys.filter { $0 == keys[a] }.count, keys.filter { $0 == keys[b] }.count)
        return (votesA, b) < (votesB, a)
      }) else { return ([], []) }
      let votes = keys.filter { $0 == keys[chosen] }.count
      // A cell not sure to hold figures takes only a reading most give, of the usual shape.
      if let sureFrom, position >= sureFrom, votes * 2 <= cell.count || !shaped.contains(chosen) { return ([], []) }
      let share = Double(votes * 100 / cell.count)
      let symbols = cell[chosen].map { symbol in
        var symbol = symbol
        if votes * 2 <= cell.count { symbol.confidence = min(symbol.confidence, share) }
        return symbol
      }
      // The other readings printed as the chosen one is (the usual shape, when there is one),
      // most given first (then in reading order), as read.
      var others: [String] = []
      let printedAs = usual ?? shape(keys[chosen])
      for index in keys.indices.sorted(by: { a, b in
        (keys.filter { $0 == keys[b] }.count, a) < (keys.filter { $0 == keys[a] }.count, b)
      }) where keys[index] != keys[chosen] && shape(keys[index]) != nil && shape(keys[index]) == printedAs {
        let text = cell[index].map(\.text).joined().filter { !$0.isWhitespace }
        if !others.contains(text) { others.append(text) }
      }
      return (symbols, others)
    }
  }

  /// The cells with text (indices of `texts`, as first read, and `cells`, their ruled cells)
  /// in columns: cells one above the other with the same left and right borders (within a
  /// fiftieth of an inch), top to bottom; only cells `widest` pixels wide or narrower, if given.
  static func columns(_ texts: [String], cells: [PixelRect], dpi: Double, widest: Int? = nil) -> [[Int]] {
    let tolerance = max(2, Int(dpi * 0.02))
    var columns: [[Int]] = []
    for index in texts.indices where !texts[index].allSatisfy(\.isWhitespace) && widest.map({ cells[index].width <= $0 }) ?? true {
      if let column = columns.firstIndex(where: { column in
        let first = cells[column[0]]
        return abs(first.x - cells[index].x) <= tolerance && abs(first.maxX - cells[index].maxX) <= tolerance
      }) {
        columns[column].append(index)
      } else {
        columns.append([index])
      }
    }
    return columns.map { column in column.sorted { cells[$0].y < cells[$1].y } }
  }

  /// The cells (indices of `texts`, as first read, and `cells`, their ruled cells) of columns of
  /// amounts below the column's first amount that read as no figure: columns of cells one above
  /// the other (the same left and right borders) where three or more cells read as figures with
  /// a decimal point, and at least half of those with text as figures (0 and 13 among 17.41).
  /// Cells of three Chinese characters or fewer.
  static func amountColumnCells(_ texts: [String], cells: [PixelRect], dpi: Double) -> [Int] {
    var found: [Int] = []
    for column in columns(texts, cells: cells, dpi: dpi) {
      let compact = column.map { texts[$0].filter { !$0.isWhitespace && $0 != "," } }
      let amounts = compact.map { text in (decimals(text) ?? 0) > 0 }
      // (Zeros and whole numbers printed among them count as figures: 0, 13.)
      let figures = compact.map { decimals($0) != nil }
      guard amounts.filter({ $0 }).count >= 3, figures.filter({ $0 }).count * 2 >= compact.count, let first = amounts.firstIndex(of: true)
      else { continue }
      for position in (first + 1)..<column.count where !figures[position] {
        if compact[position].unicodeScalars.filter({ $0.properties.isIdeographic }).count <= 3 { found.append(column[position]) }
      }
    }
    return found
  }

  /// The cells (indices of `texts`, as first read, and `cells`, their ruled cells) of columns of
  /// classification codes (or row numbers): narrow columns (a third of an inch or less: three or
  /// four figures) of cells one above the other (the same left and right borders) where at least
  /// half the cells with text hold a figure. Of such a column, a cell is a code misread when its
  /// reading has a figure or a mark a blurred figure is read as (]1, 0T, O5, 必7, 1]之) and at most
  /// two Chinese characters, or, below the column's top cell, is one Chinese character (出 for
  /// 11). The header on top (类, 款) stays as read.
  static func codeColumnCells(_ texts: [String], cells: [PixelRect], dpi: Double) -> [[Int]] {
    let lookalikes = Set("0123456789]|[()OoTlID")
    var found: [[Int]] = []
    for column in columns(texts, cells: cells, dpi: dpi, widest: Int(dpi * 0.35)) {
      var misread: [Int] = []
      let compact = column.map { texts[$0].filter { !$0.isWhitespace } }
      let figured = compact.filter { $0.contains { $0.isASCII && $0.isNumber } }.count
      guard figured * 2 >= compact.count else { continue }
      for (position, (index, text)) in zip(column, compact).enumerated() {
        let ideographs = text.unicodeScalars.filter { $0.properties.isIdeographic }.count
        let marked = text.contains { lookalikes.contains($0) } && ideographs <= 2
        if marked || (position > 0 && ideographs == 1 && text.count == 1) { misread.append(index) }
      }
      if !misread.isEmpty { found.append(misread) }
    }
    return found
  }

  /// The region to read of ink spanning `columns` and `rows` in `rect`: white space beside the
  /// ink, as much as `rect` has up to a tenth of an inch (with less, the recognizer drops a
  /// figure at the edge: 153.71 read as 53.71); above and below, `margin` (more, and a blurred
  /// row border's remains would be read as a line of text).
  static func hugging(_ columns: Range<Int>, _ rows: Range<Int>, within rect: PixelRect, dpi: Double, margin: Int) -> PixelRect {
    let side = Int(dpi * 0.1)
    let x0 = max(rect.x, columns.lowerBound - side)
    let x1 = min(rect.maxX, columns.upperBound + side)
    let top = max(rect.y, rows.lowerBound - margin)
    let bottom = min(rect.maxY, rows.upperBound + margin)
    return PixelRect(x: x0, y: top, width: x1 - x0, height: bottom - top)
  }

  /// The text at `rect` of `image` read from a black-and-white copy of it cut `lighter` greys
  /// above its Otsu level (a little lighter, 21, keeps a blurred stroke whole), as one line
  /// unless `layout` says otherwise, in the page's pixels.
  static func lineReading(
    _ image: GrayImage, _ rect: PixelRect, padding: Int, lighter: Int = 21, layout: RecognitionRegion.Layout = .line,
    recognizer: any TextRecognizer
  ) -> [RecognizedSymbol] {
    let cell = Self.cropped(image, rect)
    return cutReading(
      cell, at: rect, below: min(256, ScanLayout.otsuLevel(cell) + lighter), padding: padding, characters: nil, layout: layout,
      recognizer: recognizer)
  }

  /// The line of text of `cell` (the pixels of the page at `rect`) read from a black-and-white
  /// copy (ink darker than `below`) set in `padding` white pixels, in the page's pixels.
  static func cutReading(
    _ cell: GrayImage, at rect: PixelRect, below: Int, padding: Int, characters: String?, layout: RecognitionRegion.Layout = .line,
    recognizer: any TextRecognizer
  ) -> [RecognizedSymbol] {
    let copy = Self.blackAndWhite(cell, below: below, padding: padding)
    let whole = PixelRect(x: 0, y: 0, width: copy.width, height: copy.height)
    let symbols = recognizer.recognize(copy, regions: [RecognitionRegion(rect: whole, layout: layout, characters: characters)]).first ?? []
    return symbols.map { symbol in
      var symbol = symbol
      symbol.rect.x += rect.x - padding
      symbol.rect.y += rect.y - padding
      symbol.lineRect.x += rect.x - padding
      symbol.lineRect.y += rect.y - padding
      return symbol
    }
  }

  /// The pixels of `rect` (clamped to the image) as an image of their own.
  static func cropped(_ image: GrayImage, _ rect: PixelRect) -> GrayImage {
    let x0 = max(0, rect.x), y0 = max(0, rect.y)
    let x1 = max(x0, min(image.width, rect.maxX)), y1 = max(y0, min(image.height, rect.maxY))
    var pixels: [UInt8] = []
    pixels.reserveCapacity((x1 - x0) * (y1 - y0))
    for y in y0..<y1 { pixels += image.pixels[(y * image.width + x0)..<(y * image.width + x1)] }
    return GrayImage(width: x1 - x0, height: y1 - y0, dpi: image.dpi, pixels: pixels)
  }

  /// Whether a reading of an amount with decimals opens with 0 before another figure (019.85):
  /// no amount is printed so. (A code's part is: 01.)
  static func opensWithZero(_ text: String) -> Bool {
    let characters = Array(text.drop { $0 == "-" })
    return characters.contains(".") && characters.count > 1 && characters[0] == "0" && characters[1].isASCII && characters[1].isNumber
  }

  /// Whether a reading is a zero (0, 0.00).
  static func isZero(_ text: String) -> Bool {
    text.first == "0" && text.allSatisfy { $0 == "0" || $0 == "." } && text.filter { $0 == "." }.count <= 1
  }

  /// The decimals of a plain number, 3581.45 or -12 (nil: not one).
  static func decimals(_ text: String) -> Int? {
    let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
    return parts.count == 2 ? parts[1].count : 0
  }

  /// `image` twice as wide and tall (bilinear), at twice its resolution.
  static func enlarged(_ image: GrayImage) -> GrayImage {
    let width = image.width * 2
    let height = image.height * 2
    guard image.width > 0, image.height > 0 else { return GrayImage(width: 0, height: 0, dpi: image.dpi * 2, pixels: []) }
    var pixels = [UInt8](repeating: 255, count: width * height)
    for y in 0..<height {
      let sy = max(0, min(Double(image.height - 1), (Double(y) + 0.5) / 2 - 0.5))
      let y0 = Int(sy)
      let y1 = min(image.height - 1, y0 + 1)
      let fy = sy - Double(y0)
      for x in 0..<width {
        let sx = max(0, min(Double(image.width - 1), (Double(x) + 0.5) / 2 - 0.5))
        let x0 = Int(sx)
        let x1 = min(image.width - 1, x0 + 1)
        let fx = sx - Double(x0)
        let top = Double(image.pixels[y0 * image.width + x0]) * (1 - fx) + Double(image.pixels[y0 * image.width + x1]) * fx
        let bottom = Double(image.pixels[y1 * image.width + x0]) * (1 - fx) + Double(image.pixels[y1 * image.width + x1]) * fx
        pixels[y * width + x] = UInt8(max(0, min(255, (top * (1 - fy) + bottom * fy).rounded())))
      }
    }
    return GrayImage(width: width, height: height, dpi: image.dpi * 2, pixels: pixels)
  }

  /// `image` in black (pixels darker than `below`) and white, with `padding` white pixels around.
  static func blackAndWhite(_ image: GrayImage, below: Int, padding: Int) -> GrayImage {
    let width = image.width + 2 * padding
    let height = image.height + 2 * padding
    var pixels = [UInt8](repeating: 255, count: width * height)
    for y in 0..<image.height {
      for x in 0..<image.width where Int(image.pixels[y * image.width + x]) < below {
        pixels[(y + padding) * width + x + padding] = 0
      }
    }
    return GrayImage(width: width, height: height, dpi: image.dpi, pixels: pixels)
  }

  /// A cell's symbols without specks: a cell's text never opens or ends with one (产出指标. or
  /// 佐证资料-: dust, or the stub of a border beside the text), nor has one between two Chinese
  /// characters (按照正.常): a mark of punctuation whose ink is narrow beside the line's height.
  /// A cell that is only such a mark (a - for none) keeps it; a comma between words stays.
  /// Whatever its box, a point is never between two Chinese characters (合.计), and no mark but a
  /// comma follows a Chinese one (四、.财政专户), nor the classification code opening the cell
  /// (210.卫生健康支出). No line of a block opens with a speck: Chinese text never starts a line
  /// with punctuation (12月 ‖ .31日前). A line of a block far thinner than the others, of dashes
  /// alone, is what is left of a border, not text (汪晓东 ‖ 一-一).
  static func withoutSpecks(_ symbols: [RecognizedSymbol]) -> [RecognizedSymbol] {
    func speck(_ symbol: RecognizedSymbol) -> Bool {
      let height = max(symbol.lineRect.height, symbol.rect.height, 1)
      return speckMarks.contains(symbol.text) && symbol.rect.width * 10 <= height * 35 / 10
    }
    func chinese(_ symbol: RecognizedSymbol) -> Bool {
      symbol.text.unicodeScalars.allSatisfy { $0.properties.isIdeographic }
    }
    var symbols = symbols
    // Border remains: a line of dashes under a third as tall as the block's usual line.
    let heights = symbols.map(\.lineRect.height).filter { $0 > 0 }.sorted()
    let lines = Dictionary(grouping: symbols, by: \.line)
    if lines.count > 1, let usual = heights.isEmpty ? nil : heights[heights.count / 2] {
      let thin = Set(
        lines.filter { _, line in
          line.allSatisfy { ["一", "-", "_", "—", "－", "~"].contains($0.text) && $0.lineRect.height * 3 < usual }
        }.keys)
      if thin.count < lines.count { symbols.removeAll { thin.contains($0.line) } }
    }
    while symbols.count > 1, let first = symbols.first, speck(first) { symbols.removeFirst() }
    while symbols.count > 1, let last = symbols.last, speck(last) { symbols.removeLast() }
    // Chinese print never opens a line with a closing mark (，。、：；” ’), whatever its box; an
    // opening quote no closing one follows in the cell is dust too (“指标分值权重, not “三公”经费).
    while symbols.count > 1, let first = symbols.first,
      Self.closingMarks.contains(first.text)
        || (["“", "‘", "\""].contains(first.text) && !symbols.dropFirst().contains { ["”", "’", "\""].contains($0.text) })
    {
      symbols.removeFirst()
    }
    // A classification code opening the cell (类 3 figures, 款 5, 项 7): its name follows it
    // without a mark (210卫生健康支出, not 210.卫生健康支出).
    let figures = symbols.prefix { !$0.text.isEmpty && $0.text.allSatisfy { $0.isASCII && $0.isNumber } }
    let code = [3, 5, 7].contains(figures.reduce(0) { $0 + $1.text.count }) ? figures.count : nil
    let commas: Set<String> = [",", "，", "、"]
    return symbols.indices.compactMap { position in
      let symbol = symbols[position]
      guard position > 0, position + 1 < symbols.count, speckMarks.contains(symbol.text) else { return symbol }
      let previous = symbols[position - 1]
      let next = symbols[position + 1]
      // The first symbol of a line after the first, with more of its line after it.
      if symbol.line != previous.line, symbol.line == next.line, speck(symbol) { return nil }
      guard chinese(next) else { return symbol }
      let between = chinese(previous) && (symbol.text == "." || (speck(symbol) && !commas.contains(symbol.text)))
      let afterMark = Self.closingMarks.contains(previous.text) && !commas.contains(symbol.text)
      return between || afterMark || (position == code && speck(symbol)) ? nil : symbol
    }
  }

  /// One region's symbols with the punctuation of its Chinese lines full width, as Chinese text
  /// prints it and a PDF's text layer gives it: the recognizer reads （一） as (一) and ： as :.
  /// On a line holding a Chinese character, ( ) : ; ! ? become （ ） ： ； ！ ？, and a comma becomes
  /// ， unless it stands between digits (3,581.45) or the next character follows it closely (a
  /// half-width comma, 资料,说明). Lines of figures alone keep theirs. Before the characters of a
  /// word are abutted (their gaps are what tells a comma's width).
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
          // A full-width comma takes a whole character's width, its ink at the left: the next
          // character's ink starts more than half a line's height after it. A comma the next
          // character follows closely is printed half width (工作资料,说明材料), as read.
          let following = index + 1 < symbols.count && symbols[index + 1].line == symbols[index].line ? symbols[index + 1] : nil
          let height = max(symbols[index].lineRect.height, following?.rect.height ?? 0, 1)
          let close = position + 1 == characters.count && following.map { $0.rect.x - symbols[index].rect.maxX < height * 45 / 100 } == true
          out.append((digit(before, true) && digit(after, false)) || close ? "," : "，")
        } else {
          out.append(character)
        }
      }
      symbols[index].text = out
    }
    return pairedBrackets(symbols, lines: chineseLines)
  }

  /// An angle, double angle or tortoise-shell bracket that closes (or opens) a round one on its
  /// line, 〈境）, （境〉, 《三） or 〔护）, is the round one misread: （境）. One closed by its own
  /// kind stays (《预算法》).
  static func pairedBrackets(_ symbols: [RecognizedSymbol], lines: Set<Int>) -> [RecognizedSymbol] {
    guard symbols.contains(where: { $0.text.contains(where: { "〈〉〔〕《》".contains($0) }) }) else { return symbols }
    var symbols = symbols
    for line in lines {
      let indices = symbols.indices.filter { symbols[$0].line == line }
      var characters: [(symbol: Int, offset: Int, character: Character)] = []
      for index in indices {
        for (offset, character) in symbols[index].text.enumerated() { characters.append((index, offset, character)) }
      }
      var replaced: [(Int, Int, Character)] = []
      for (position, item) in characters.enumerated() {
        if "〈〔《".contains(item.character), let close = characters[(position + 1)...].first(where: { "）〉〕》".contains($0.character) }),
          close.character == "）"
        {
          replaced.append((item.symbol, item.offset, "（"))
        } else if "〉〕》".contains(item.character), let open = characters[..<position].last(where: { "（〈〔《".contains($0.character) }),
          open.character == "（"
        {
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

  /// One region's symbols with no two neighbours on a line overlapping: the recognizer's box of
  /// a character may reach into the next one's (预备费 with 费's box over 备's), which a PDF's
  /// glyphs never do, and normalize takes a glyph over another of its cell for text pushed in
  /// from the cell above. Two that overlap meet halfway.
  static func separated(_ symbols: [RecognizedSymbol]) -> [RecognizedSymbol] {
    var symbols = symbols
    for index in symbols.indices.dropLast() where symbols[index].line == symbols[index + 1].line {
      let (this, next) = (symbols[index].rect, symbols[index + 1].rect)
      guard next.x < this.maxX, next.x >= this.x else { continue }
      let middle = min(max((next.x + this.maxX) / 2, this.x + 1), next.maxX - 1)
      guard middle > this.x, middle < next.maxX else { continue }
      symbols[index].rect.width = middle - this.x
      symbols[index + 1].rect.width = next.maxX - middle
      symbols[index + 1].rect.x = middle
    }
    return symbols
  }

  /// One region's symbols with the characters of a word abutting, as a PDF's advance widths do
  /// (a decimal point's ink box is narrow, and the gaps beside it would read as spaces); so do
  /// the parts of a number the recognizer split (3309 .13): figures and their punctuation on one
  /// line closer than half the line's height, unless the word before already ends as an amount
  /// does (a separator and two figures: 1,380.29 ‖ 201 is an amount and the code after it).
  /// With `ideographs` (a run of ink of a table without rules: no gap in it is a column's),
  /// Chinese characters next to each other on a line abut too, whatever words the recognizer
  /// made of them: its boxes of them leave gaps (功能分类 ‖ 科目名 ‖ 称) that would cut a header
  /// name in pieces.
  static func abutted(_ symbols: [RecognizedSymbol], ideographs: Bool = false) -> [RecognizedSymbol] {
    func ideographic(_ text: String) -> Bool { !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isIdeographic } }
    func numeric(_ text: String) -> Bool { !text.isEmpty && text.unicodeScalars.allSatisfy { "0123456789.,-%".unicodeScalars.contains($0) } }
    func endsAsAmount(_ word: [String]) -> Bool {
      let tail = word.suffix(3)
      guard tail.count == 3, let mark = tail.first?.unicodeScalars.first else { return false }
      return ".,:：·".unicodeScalars.contains(mark) && tail.dropFirst().allSatisfy { $0.count == 1 && $0.first?.isASCII == true && $0.first?.isNumber == true }
    }
    var symbols = symbols
    // The recognizer reads a line's characters in order, but the boxes it gives them may not be
    // (36.94's last two figures boxed the other way round): a character's box never starts left
    // of the one before it on its line, or the line, sorted by position, would swap them.
    for index in symbols.indices.dropFirst() where symbols[index].line == symbols[index - 1].line {
      let before = symbols[index - 1].rect
      let rect = symbols[index].rect
      guard rect.x < before.x + max(1, before.width / 2), rect.y < before.maxY, before.y < rect.maxY else { continue }
      let x = before.x + max(1, before.width / 2)
      symbols[index].rect = PixelRect(x: x, y: rect.y, width: max(1, rect.maxX - x), height: rect.height)
    }
    var word: [String] = []
    for index in symbols.indices.dropLast() {
      let (this, next) = (symbols[index], symbols[index + 1])
      word = index > 0 && symbols[index - 1].word == this.word ? word + [this.text] : [this.text]
      let splitNumber =
        this.line == next.line && numeric(this.text) && numeric(next.text)
        && next.rect.x - this.rect.maxX < max(this.lineRect.height, this.rect.height) / 2
        && !(this.word != next.word && endsAsAmount(word) && next.text.first?.isNumber == true)
      // (Not across a gap wider than a PDF's line builder keeps within a fragment, 1.2 em: 费
      // and 费 three characters apart, the wrapped ends of two columns' names, are two.)
      let joined =
        ideographs && this.line == next.line && ideographic(this.text) && ideographic(next.text)
        && next.rect.x - this.rect.maxX <= max(this.lineRect.height, this.rect.height) * 6 / 5
      guard this.word == next.word || splitNumber || joined, next.rect.x > this.rect.maxX else { continue }
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

  /// Marks that close what comes before them, never the first of a line in Chinese print.
  static let closingMarks: Set<String> = ["，", "。", "、", "：", "；", "”", "’", "，。"]

  /// Marks a speck of dust is read as.
  static let speckMarks: Set<String> = [".", ",", "-", "|", "'", "`", ":", ";", "\"", "“", "”", "‘", "’", "_", "、", "。", "，"]

  /// The bands of rows with ink in `rect`, split at blank gaps of at least a fiftieth of an inch.
  static func inkBands(_ image: GrayImage, _ rect: PixelRect, threshold: UInt8) -> [Range<Int>] {
    let gap = max(2, Int(image.dpi * 0.02))
    var inked: [Int] = []
    image.pixels.withUnsafeBufferPointer { pixels in
      for y in max(0, rect.y)..<min(image.height, rect.maxY) {
        var ink = 0
        let row = y * image.width
        for x in max(0, rect.x)..<min(image.width, rect.maxX) where pixels[row + x] < threshold { ink += 1 }
        // A row with a pixel or two of ink is speckle.
        if ink >= 2 { inked.append(y) }
      }
    }
    // A band of a row or two is speckle too.
    return runs(of: inked, gap: gap).filter { $0.count >= max(3, Int(image.dpi * 0.015)) }
  }

  /// The runs of `positions` (ascending), a run going on across at most `gap` positions
  /// without one.
  static func runs(of positions: some Sequence<Int>, gap: Int) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var start: Int?
    var last = -1
    for position in positions {
      if let begun = start, position - last > gap {
        runs.append(begun..<(last + 1))
        start = position
      } else if start == nil {
        start = position
      }
      last = position
    }
    if let start { runs.append(start..<(last + 1)) }
    return runs
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

  /// The runs of ink of `image` to read one by one: the bands of rows with ink of a table drawn
  /// without rules, each cut where no ink stands across a gap wider than a character (the
  /// page's typical line height). Nil for any other band (prose, a heading), or one too large to
  /// be text (over a fifth of the page's height): the caller reads what is left as a page.
  static func inkChunks(_ image: GrayImage, threshold: UInt8) -> [PixelRect?] {
    let page = PixelRect(x: 0, y: 0, width: image.width, height: image.height)
    let bands = inkBands(image, page, threshold: threshold)
    guard !bands.isEmpty else { return [] }
    // A line's height: the median band's (most bands are one line of text).
    let heights = bands.map(\.count).sorted()
    let line = max(4, heights[heights.count / 2])
    let gap = max(Int(image.dpi * 0.04), line * 9 / 10)
    var split: [[Range<Int>]] = []
    image.pixels.withUnsafeBufferPointer { pixels in
      for band in bands {
        var ink = [Bool](repeating: false, count: image.width)
        for y in band {
          let row = y * image.width
          for x in 0..<image.width where pixels[row + x] < threshold { ink[x] = true }
        }
        var pieces = runs(of: ink.indices.lazy.filter { ink[$0] }, gap: gap)
        // A band of several lines (a header whose names wrap in narrow columns) is cut at
        // narrower gaps too, beside a name of several lines: such names stand closer than a
        // body's columns (政府性基金预算 ‖ 国有资本经营预算, half a character apart). Names of
        // one line beside each other stay one piece, as do the letters of a spaced name (项 目).
        if band.count * 2 > line * 3 {
          let narrow = runs(of: ink.indices.lazy.filter { ink[$0] }, gap: max(Int(image.dpi * 0.04), line * 2 / 5))
          // Whether a piece's ink stands on more than one line of the band.
          func stacked(_ piece: Range<Int>) -> Bool {
            var rows: [Int] = []
            for y in band {
              let row = y * image.width
              if piece.contains(where: { pixels[row + $0] < threshold }) { rows.append(y) }
            }
            return runs(of: rows, gap: max(2, Int(image.dpi * 0.02))).count > 1
          }
          let several = narrow.map(stacked)
          var merged: [Range<Int>] = []
          for (index, piece) in narrow.enumerated() {
            if let last = merged.last, piece.lowerBound - last.upperBound <= gap, !several[index], !several[index - 1] {
              merged[merged.count - 1] = last.lowerBound..<piece.upperBound
            } else {
              merged.append(piece)
            }
          }
          pieces = merged
        }
        split.append(pieces)
      }
    }
    // A table's columns part its rows at the same places: some stretch of white lies between
    // pieces of at least three of the bands and of half of them. Short lines of prose (a list of
    // amounts, 2.卫生健康支出（类）38.78万元，占0.66%。) have gaps too, each at its own place.
    func sharesGap(_ rows: [[Range<Int>]]) -> Bool {
      var count = [Int](repeating: 0, count: image.width + 1)
      for pieces in rows {
        for (left, right) in zip(pieces, pieces.dropFirst()) {
          count[left.upperBound] += 1
          count[right.lowerBound] -= 1
        }
      }
      var open = 0
      for delta in count {
        open += delta
        if open >= max(3, (rows.count + 1) / 2) { return true }
      }
      return false
    }
    // A table without rules: three bands or more cut into columns, with at most two bands that
    // are not between them (a header's names stacked in a narrow column: 功能 ‖ 分类 ‖ 科目 ‖ 编码).
    // A line of prose or a heading is one piece, and stands apart from such bands.
    let cut = bands.indices.filter { split[$0].count >= 2 }
    var tabular = [Bool](repeating: false, count: bands.count)
    var k = 0
    while k < cut.count {
      var end = k
      while end + 1 < cut.count, cut[end + 1] - cut[end] <= 3 { end += 1 }
      if end - k + 1 >= 3 && sharesGap(cut[k...end].map { split[$0] }) { for j in cut[k]...cut[end] { tabular[j] = true } }
      k = end + 1
    }
    var chunks: [PixelRect?] = []
    for (index, band) in bands.enumerated() {
      guard tabular[index], band.count * 5 <= image.height else {
        chunks.append(nil)
        continue
      }
      chunks += split[index].map { PixelRect(x: $0.lowerBound, y: band.lowerBound, width: $0.count, height: band.count) }
    }
    return chunks
  }

  static func hasInk(_ image: GrayImage, threshold: UInt8) -> Bool {
    let bands = inkBands(image, PixelRect(x: 0, y: 0, width: image.width, height: image.height), threshold: threshold)
    return !bands.isEmpty
  }
}
