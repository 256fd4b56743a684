/// A paragraph-level piece of the document: prose joined across line and page breaks, or a grid.
enum Unit {
  case text(TextUnit)
  case grid(TableGrid)
}

/// Lines joined into one paragraph or heading candidate.
struct TextUnit {
  var text: String
  var page: Int
  var lines: [TextLine]

  var compact: String { TextNormalization.compact(text) }
}

/// Joins lines into paragraphs.
///
/// PDF input: a line continues the paragraph above when it is not indented and both share a
/// font size, unless the line above stopped short after a sentence end; a line cut inside
/// brackets always continues; across a page break the same holds when no table came between.
/// Centered part titles that wrap are joined by the segmenter. Text input (no geometry): a line continues when the line above
/// is nearly as long as the page's longest lines and this line starts no numbered item; a
/// numbered heading also ends before a line that opens with a field label (设立的政策依据：…).
struct ParagraphBuilder {
  /// Width of a full text line, for text input.
  private var textColumn = 0.0
  /// Heading-final words (text input).
  var headingEndings: [String] = []
  /// A page's margins: its shape's left and right edges, the length of its full lines, and the
  /// edges of its own text block where its prose lines show one.
  private typealias Margins = (left: Double, right: Double, full: Int, block: (left: Double, right: Double)?)
  /// Titles of a list of contents (目录), which never go on from the page before.
  var contentsTitles: [String] = []

  mutating func units(from blocks: [Block]) -> [Unit] {
    var units: [Unit] = []
    var margins: [Int: Margins] = [:]
    var linesByPage: [Int: [TextLine]] = [:]
    for case .line(let line) in blocks { linesByPage[line.page, default: []].append(line) }
    // Margins per page shape (portrait and landscape pages differ): the body's left edge is
    // where the lowest tenth of prose lines start, its right edge where the top tenth end.
    var shapes: [Int: [TextLine]] = [:]
    var shapeOf: [Int: Int] = [:]
    for (page, lines) in linesByPage {
      let shape = Int(((lines.first?.pageWidth ?? 0) / 10).rounded())
      shapeOf[page] = shape
      shapes[shape, default: []] += lines.filter { $0.fragments.count == 1 && $0.text.unicodeScalars.count >= 12 }
    }
    var shapeMargins: [Int: (left: Double, right: Double)] = [:]
    for (shape, prose) in shapes {
      let lefts = prose.map(\.box.x0).sorted()
      let rights = prose.map(\.box.x1).sorted()
      shapeMargins[shape] = (
        lefts.isEmpty ? 0 : lefts[lefts.count / 10], rights.isEmpty ? 0 : rights[min(rights.count - 1, rights.count * 9 / 10)]
      )
    }
    for (page, lines) in linesByPage {
      let shape = shapeMargins[shapeOf[page] ?? 0] ?? (0, 0)
      let left = shape.left
      let right = shape.right
      let lengths = lines.map { $0.text.count }.sorted()
      let full = lengths.isEmpty ? 0 : lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
      // Where this page's own prose lines end (the shape's right edge takes in every page): the
      // page's three rightmost prose lines end within a character and a half of each other. A
      // page without such an edge (a table page: its centred title ends furthest right alone)
      // has no text block to wrap in.
      let prose = lines.filter { $0.fragments.count == 1 && $0.text.unicodeScalars.count >= 12 }
      let rights = prose.map(\.box.x1).sorted(by: >)
      let size = prose.map(\.fontSize).max() ?? 0
      let pageRight = rights.count >= 3 && rights[0] - rights[2] <= size * 1.5 ? rights[0] : nil
      // And where they start: the leftmost edge that two prose lines share.
      let lefts = prose.map(\.box.x0).sorted()
      let pageLeft = lefts.indices.dropLast().first { lefts[$0 + 1] - lefts[$0] <= size * 0.8 }.map { lefts[$0] }
      margins[page] = (left, right, full, pageLeft.flatMap { l in pageRight.map { (l, $0) } })
    }
    let textWidths = blocks.compactMap { block -> Double? in
      if case .line(let line) = block, line.box.width == 0 { return Self.width(line.text) }
      return nil
    }.sorted()
    // Prose lines (mostly CJK) are the column's width; table rows and short lines are not.
    let prose = blocks.compactMap { block -> Double? in
      guard case .line(let line) = block, line.box.width == 0 else { return nil }
      let scalars = line.text.unicodeScalars
      let cjk = scalars.filter(TextNormalization.isCJK).count
      let width = Self.width(line.text)
      return width >= 12 && Double(cjk) > Double(scalars.count) * 0.6 ? width : nil
    }.sorted()
    _ = textWidths
    textColumn = prose.isEmpty ? 0 : prose[prose.count * 3 / 4] * 0.85 + 1.5
    var previous: TextLine?
    for (index, block) in blocks.enumerated() {
      switch block {
      case .table(let grid):
        units.append(.grid(grid))
        previous = nil
      case .line(let line):
        if let prev = previous, case .text(var unit) = units.last,
          continues(line, after: prev, wrapped: unit.lines.count > 1, margins: margins) || runsOnAfterColon(line, after: prev, then: blocks[(index + 1)...]),
          !endsHeading(unit, before: line), !isHeadingAtPageEnd(unit, before: line)
        {
          unit.text = TextNormalization.join(unit.text, line.text)
          unit.lines.append(line)
          units[units.count - 1] = .text(unit)
        } else {
          units.append(.text(TextUnit(text: line.text, page: line.page, lines: [line])))
        }
        previous = line
      }
    }
    return units
  }

  /// Text input: a numbered heading whose brackets are closed and which ends with a heading
  /// word (说明, 情况 …), or is followed by a line that opens with a label and a colon
  /// (设立的政策依据：…), is complete; the next line starts the body, unless that line is a
  /// short word that ends the heading again (…拨款情况 / 说明).
  private func endsHeading(_ unit: TextUnit, before line: TextLine) -> Bool {
    guard line.box.width == 0, let numbered = Headings.numbered(unit.text), (1...3).contains(numbered.level) else {
      return false
    }
    let compact = unit.compact
    guard !compact.contains("。"), !Self.opensBracket(compact) else { return false }
    if headingEndings.contains(where: { compact.hasSuffix($0) }) {
      // A heading word can end a longer title: …拨款情况 / 说明 on the next line.
      let next = TextNormalization.compact(line.text)
      let wrapped = next.count <= 4 && next.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) }
        && headingEndings.contains { (compact + next).hasSuffix($0) }
      return !wrapped
    }
    return Self.opensWithLabel(line.text)
  }

  /// Whether a line opens with a label of four to ten CJK characters and a colon: a field
  /// (设立的政策依据：…), not the rest of a wrapped title.
  static func opensWithLabel(_ text: String) -> Bool {
    let compact = TextNormalization.compact(text)
    guard let colon = compact.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return false }
    let label = compact[..<colon]
    return (4...10).contains(label.count) && label.unicodeScalars.allSatisfy(TextNormalization.isCJK)
  }

  /// Text input: a full line that ends with a colon (…万元，其中：) runs on into the next line
  /// when what follows the colon is the rest of the sentence: an inline list, one sentence that
  /// enumerates with 、 (办公室、登记注册股、…。) or whose clauses all end alike (政府采购货物预算
  /// 4.5万元，政府采购工程预算0万元，政府采购服务预算0万元。). A list of paragraphs (一般公共预算…，
  /// 占69.59%，…；) starts on its own line. The next line must read as prose: full, or a
  /// complete sentence.
  private func runsOnAfterColon(_ line: TextLine, after prev: TextLine, then following: ArraySlice<Block>) -> Bool {
    guard line.box.width == 0, prev.text.hasSuffix("：") || prev.text.hasSuffix(":"),
      Self.width(prev.text) >= textColumn - 1.5,
      !Headings.startsNumberedItem(line.text), !Headings.isTableLabel(line.text), !Self.opensWithLabel(line.text),
      Self.width(line.text) >= textColumn - 1.5 || line.text.hasSuffix("。")
    else { return false }
    var sentence = line.text
    for block in following.prefix(12) {
      guard case .line(let next) = block, !Self.endsItem(sentence) else { break }
      sentence = TextNormalization.join(sentence, next.text)
    }
    return sentence.hasSuffix("。") && Self.isInlineList(String(sentence.dropLast()))
  }

  private static func endsItem(_ text: String) -> Bool {
    ["。", "；", ";"].contains { text.hasSuffix($0) }
  }

  /// Whether a sentence (its final stop removed) only enumerates: two or more 、, or three or
  /// more clauses that end with the same two characters (…0万元，…0万元，…0万元); no colon.
  static func isInlineList(_ sentence: String) -> Bool {
    guard !sentence.contains("："), !sentence.contains(":"), !sentence.contains("。") else { return false }
    if sentence.filter({ $0 == "、" }).count >= 2 { return true }
    let clauses = sentence.split(whereSeparator: { $0 == "，" || $0 == "," })
    guard clauses.count >= 3, let ending = clauses.first?.suffix(2), ending.count == 2 else { return false }
    return clauses.allSatisfy { $0.suffix(2) == ending }
  }

  /// Whether a line opens with a number and its measure (392.03万元, 16.01%, 12辆): the rest of
  /// a sentence, as a paragraph never starts with a bare amount. A year or a date (2023年,
  /// 1-12月) may start one and does not count.
  static func opensWithQuantity(_ text: String) -> Bool {
    var scalars = TextNormalization.compact(text).unicodeScalars[...]
    guard let first = scalars.first, first.isASCII, first.properties.numericType != nil else { return false }
    while let s = scalars.first, s.isASCII, s.properties.numericType != nil || s == "." || s == "," {
      scalars = scalars.dropFirst()
    }
    guard let measure = scalars.first else { return false }
    if measure == "%" || measure == "‰" || measure == "％" { return true }
    return (0x4E00...0x9FFF).contains(measure.value) && !["年", "月", "日"].contains(measure)
  }

  /// Text input: a paragraph that opens with a field label (设立的政策依据：…) ends before each
  /// line that opens with another (预算安排规模：…), however full the line above is: the fields
  /// of a project entry, one paragraph each. The segmenter applies it to prose paragraphs only
  /// (a table's 编制部门：… line wraps into its 单位：万元).
  static func fields(of unit: TextUnit) -> [TextUnit] {
    guard unit.lines.count > 1, unit.lines.allSatisfy({ $0.box.width == 0 }), opensWithLabel(unit.text) else {
      return [unit]
    }
    var pieces: [TextUnit] = []
    for line in unit.lines {
      if var last = pieces.last, !opensWithLabel(line.text) {
        last.text = TextNormalization.join(last.text, line.text)
        last.lines.append(line)
        pieces[pieces.count - 1] = last
      } else {
        pieces.append(TextUnit(text: line.text, page: line.page, lines: [line]))
      }
    }
    return pieces
  }

  /// A short numbered heading that closes a page does not run into the next page's text.
  private func isHeadingAtPageEnd(_ unit: TextUnit, before line: TextLine) -> Bool {
    guard let last = unit.lines.last, last.page != line.page, let numbered = Headings.numbered(unit.text),
      numbered.level <= 3
    else { return false }
    let compact = unit.compact
    // A glossary definition (四、基本支出：指… / 十一、“三公”经费：纳入…的“三公” ‖ 经费，是指…) cut by
    // the page break is running text: a term, its colon and words of the definition after it.
    if let colon = compact.firstIndex(of: "：") {
      let rest = compact[compact.index(after: colon)...]
      if rest.hasPrefix("指") || rest.count >= 4 { return false }
    }
    return compact.dropFirst(40).isEmpty && !compact.contains(literal: "。") && !Self.opensBracket(compact)
  }

  /// Display width in CJK cells: CJK characters count one, others half.
  static func width(_ text: String) -> Double {
    text.unicodeScalars.reduce(0) { $0 + (TextNormalization.isCJK($1) ? 1 : 0.5) }
  }

  /// Whether the text leaves a bracket open (（乌鲁木齐市新 …).
  static func opensBracket(_ text: String) -> Bool {
    // Bytes, not characters: ( ) and the full-width （ ） (EF BC 88 / EF BC 89) are single
    // scalars, and a byte scan is a fraction of the cost of grapheme breaking every line.
    var depth = 0
    var fullWidth = 0  // bytes of EF BC seen just before
    for byte in text.utf8 {
      if byte == UInt8(ascii: "(") || fullWidth == 2 && byte == 0x88 { depth += 1 }
      if byte == UInt8(ascii: ")") || fullWidth == 2 && byte == 0x89 { depth = max(0, depth - 1) }
      fullWidth = byte == 0xEF ? 1 : fullWidth == 1 && byte == 0xBC ? 2 : 0
    }
    return depth > 0
  }

  private func continues(
    _ line: TextLine, after prev: TextLine, wrapped: Bool, margins: [Int: Margins]
  ) -> Bool {
    if Headings.startsNumberedItem(line.text) || Headings.isTableLabel(line.text) { return false }
    // 目录 heads a page of its own: it never goes on from the cover's last line.
    if line.page != prev.page, Segmenter.isContentsTitle(line.text, titles: contentsTitles) { return false }
    guard let m = margins[line.page], let pm = margins[prev.page] else { return false }
    let endsSentence = prev.text.unicodeScalars.last.map { "。：；！？".unicodeScalars.contains($0) } ?? false
    if line.box.width == 0 {
      // Text input: no geometry, so a line goes on when the line above is about as wide as
      // the text column (CJK counts one, other characters half) and stops mid-sentence.
      if Self.opensBracket(prev.text) { return true }
      if endsSentence { return false }
      let width = Self.width(prev.text)
      // Amounts make a justified line look short (digits count half a cell): a line that opens
      // with a quantity (392.03万元, 16.01%) carries on a sentence left open above it.
      return width >= textColumn - 1.5 || (width >= textColumn * 0.6 && Self.opensWithQuantity(line.text))
    }
    let size = max(line.fontSize, 1)
    if abs(line.fontSize - prev.fontSize) > size * 0.2 { return false }
    let prevFull = prev.box.x1 >= pm.right - 1.5 * size
    let indented = line.box.x0 > m.left + 0.8 * size
    // A line cut inside brackets always goes on.
    if Self.opensBracket(prev.text) && !Headings.startsNumberedItem(line.text) { return true }
    // A short line that ends a sentence ends its paragraph; otherwise a line that is not
    // indented continues (producers break lines short of the margin, too).
    if !prevFull && endsSentence { return false }
    if line.page != prev.page {
      // Some producers start every page at the indent: a page that ends mid-sentence on a full
      // line goes on whatever the next page's indent.
      if !endsSentence, !Self.opensWithLabel(line.text), let last = prev.text.unicodeScalars.last,
        last == "，" || last == "、" || (TextNormalization.isCJK(last) && last.properties.isIdeographic)
      {
        // The page stops inside a sentence (on a character or a comma): the next page goes on,
        // even when the producer started it at the indent or the line stops short.
        return true
      }
      return endsSentence ? !indented && prevFull : prevFull || !indented
    }
    let gap = line.box.top - prev.box.bottom
    guard gap < size * 1.2 else { return false }
    if !indented { return true }
    // A page may set its text block apart from the rest of its shape (上海市财政局's 编制说明
    // page starts 14 pt right of the page before it; 长春市信访局's 主要职能 page indents no
    // line at all): a line that starts where the line above does, or left of it by an indent,
    // is that line's wrap when the line above runs to the right edge of the page's own text
    // block and stops mid-sentence. Under a wrap, the line above may stop a little further
    // short (justified text with brackets or digits in it). A short line is no wrap: a
    // signature set flush right over its date is not one, and neither is a label; a line that
    // opens with a label (预算安排规模：…) starts a field of its own.
    // A clause that stops on a comma goes on in the line under it at the same left edge, however
    // short the producer broke it (gbc p6: 本部门中，行政单位1家，参公单位1家， ‖ 具体包括：1.…).
    if line.page == prev.page, abs(prev.box.x0 - line.box.x0) <= 0.8 * size, let end = prev.text.unicodeScalars.last,
      end == "，" || end == "、"
    {
      return true
    }
    guard !endsSentence, prev.box.width >= 10 * size, let block = m.block, line.page == prev.page,
      !Self.opensWithLabel(line.text)
    else { return false }
    let indent = prev.box.x0 - line.box.x0
    if indent > 0.8 * size && indent <= 6 * size { return prev.box.x1 >= block.right - 1.5 * size }
    // The last words of a sentence set at the indent (烟台市财政局 p4: …大宗商品交易 ‖ 交易场所的监督
    // 管理。): under a body line at the block's left edge that runs to its right edge and stops
    // inside a sentence, a short line at the indent that ends the sentence goes on from it. A
    // paragraph's first line would run on to the right edge, or not end there.
    if -indent > 0.8 * size, -indent <= 6 * size, abs(prev.box.x0 - block.left) <= 0.8 * size,
      prev.box.x1 >= block.right - 1.5 * size, line.box.x1 < block.right - 1.5 * size,
      let last = line.text.unicodeScalars.last, "。；".unicodeScalars.contains(last),
      let end = prev.text.unicodeScalars.last, TextNormalization.isCJK(end) && end.properties.isIdeographic
    {
      return true
    }
    // Under a line that starts the unit, only at the block's left edge: a heading at the indent
    // is followed by its body's first line at the same indent.
    guard abs(indent) <= 0.8 * size, wrapped || abs(line.box.x0 - block.left) <= 0.8 * size else { return false }
    return prev.box.x1 >= block.right - (wrapped ? 3 : 1.5) * size
  }
}
