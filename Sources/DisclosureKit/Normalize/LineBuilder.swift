/// Groups glyphs into text lines by geometry.
///
/// 1. Set whitespace glyphs aside: a space is kept where the producer wrote one between two
///    non-CJK glyphs, and otherwise inferred from gaps, since some producers write none.
/// 2. Sort by vertical centre; a glyph joins the current line when its centre lies inside the
///    line's vertical band (tolerance: a third of the smaller height), unless it stands under one
///    of the line's glyphs (the next line of a wrapped cell).
/// 3. Within a line, sort by x; a gap wider than `spaceGap` × size between two non-CJK glyphs is
///    a space; a gap wider than `chunkGap` × size splits the line into fragments (table cells
///    without rules, the 编制部门 / 单位 pair).
struct LineBuilder {
  var spaceGap = 0.2
  var chunkGap = 1.2

  func lines(from glyphs: [Glyph], page: Int, keepGlyphs: Bool = true) -> [TextLine] {
    let (groups, spaces) = groups(of: glyphs)
    return groups.map { line(from: $0, page: page, spaces: spaces, keepGlyphs: keepGlyphs) }
  }

  /// The glyphs of each line, top to bottom (steps 1 and 2), and the whitespace glyphs' boxes.
  private func groups(of glyphs: [Glyph]) -> (groups: [[Glyph]], spaces: [Box]) {
    let (sorted, starts, spaces) = runs(of: glyphs)
    let groups = starts.indices.map { k in
      Array(sorted[starts[k]..<(k + 1 < starts.count ? starts[k + 1] : sorted.count)])
    }
    return (groups, spaces)
  }

  /// Steps 1 and 2 without making the lines: the visible glyphs sorted by vertical centre, the
  /// index in them where each line starts (a glyph joins the last line or opens a new one, so
  /// each line is a run), and the whitespace glyphs' boxes.
  private func runs(of glyphs: [Glyph]) -> (sorted: [Glyph], starts: [Int], spaces: [Box]) {
    var visible: [Glyph] = []
    visible.reserveCapacity(glyphs.count)
    var spaces: [Box] = []
    for glyph in glyphs {
      if TextNormalization.isSpace(glyph.scalar) {
        if glyph.box.width > 0 { spaces.append(glyph.box) }
      } else if glyph.box.width >= 0 && glyph.box.height > 0 {
        visible.append(glyph)
      }
    }
    visible.sort { ($0.box.midY, $0.box.x0) < ($1.box.midY, $1.box.x0) }
    let sorted = visible
    var starts: [Int] = []
    // The current line's glyph heights, kept sorted (binary insertion) for their median.
    var heights: [Double] = []
    heights.reserveCapacity(sorted.count)
    var bandTop = 0.0
    var bandBottom = 0.0
    var firstBottom = 0.0
    var firstTop = 0.0
    for (index, glyph) in sorted.enumerated() {
      let tolerance = glyph.box.height / 3
      // Below the line's first glyph, a glyph must still overlap that glyph's height by a
      // third: a name centred between two header rows must not chain the rows together.
      let belowCore = glyph.box.midY > firstBottom
        && min(glyph.box.bottom, firstBottom) - max(glyph.box.top, firstTop) < glyph.box.height * 0.3
      if let start = starts.last, glyph.box.midY >= bandTop - tolerance, glyph.box.midY <= bandBottom + tolerance,
        !(glyph.box.midY > firstBottom && Self.stacks(glyph, under: sorted[start..<index])), !belowCore
      {
        bandTop = min(bandTop, glyph.box.top)
        bandBottom = max(bandBottom, glyph.box.bottom)
        // Keep the band to the line's own glyphs: a tall neighbour must not swallow the next line.
        var low = 0
        var high = heights.count
        while low < high {
          let mid = (low + high) / 2
          if heights[mid] <= glyph.box.height { low = mid + 1 } else { high = mid }
        }
        heights.insert(glyph.box.height, at: low)
        let typical = heights[heights.count / 2]
        if bandBottom - bandTop > typical * 1.6 {
          bandTop = glyph.box.midY - typical / 2
          bandBottom = glyph.box.midY + typical / 2
        }
      } else {
        starts.append(index)
        heights.removeAll(keepingCapacity: true)
        heights.append(glyph.box.height)
        bandTop = glyph.box.top
        bandBottom = glyph.box.bottom
        firstBottom = glyph.box.bottom
        firstTop = glyph.box.top
      }
    }
    return (sorted, starts, spaces)
  }

  /// Whether a glyph below the line's first glyph stands under one of the line's glyphs (more
  /// than half its width over it): then it is the next line of a wrapped cell, which the band
  /// reached only through a taller neighbour (an amount centred in the row).
  static func stacks(_ glyph: Glyph, under line: ArraySlice<Glyph>) -> Bool {
    line.contains { other in
      let overlap = min(glyph.box.x1, other.box.x1) - max(glyph.box.x0, other.box.x0)
      return overlap > 0.5 * min(glyph.box.width, other.box.width) && other.box.midY < glyph.box.midY - 0.5 * other.box.height
    }
  }

  /// One line from glyphs that share a baseline.
  func line(from glyphs: [Glyph], page: Int, spaces: [Box] = [], keepGlyphs: Bool = true) -> TextLine {
    let ordered = glyphs.sorted { $0.box.x0 < $1.box.x0 }
    var fragments: [TextLine.Fragment] = []
    var text: [Unicode.Scalar] = []
    text.reserveCapacity(ordered.count + 8)
    var box: Box?
    var previous: Glyph?
    var members: [Glyph] = []
    for glyph in ordered {
      if let p = previous {
        switch separator(between: p, and: glyph, spaces: spaces) {
        case .fragment:
          fragments.append(TextLine.Fragment(text: TextNormalization.string(of: text), box: box ?? glyph.box, glyphs: members))
          text.removeAll(keepingCapacity: true)
          box = nil
          members = []
        case .space: text.append(" ")
        case .none: break
        }
      }
      text.append(glyph.scalar)
      if keepGlyphs { members.append(glyph) }
      box = box.map { $0.union(glyph.box) } ?? glyph.box
      previous = glyph
    }
    if let box { fragments.append(TextLine.Fragment(text: TextNormalization.string(of: text), box: box, glyphs: members)) }
    // A line's size is its glyphs' font size (the box height only where no size is given), and
    // its CJK glyphs' when it has any. Boxes are not sizes: poppler gives Latin digits in
    // another font, and sometimes the CJK glyphs next to them, boxes a third taller than the
    // font size (Word's Times New Roman beside 仿宋), so a prose line with amounts looked a size
    // larger than the lines around it and broke its paragraph.
    func size(_ glyph: Glyph) -> Double { glyph.fontSize >= 2 ? glyph.fontSize : max(glyph.box.height, 1) }
    var sizes = ordered.lazy.filter { TextNormalization.isCJK($0.scalar) }.map(size).sorted()
    if sizes.isEmpty { sizes = ordered.map(size).sorted() }
    let outer = fragments.dropFirst().reduce(fragments.first?.box ?? Box(x0: 0, top: 0, x1: 0, bottom: 0)) {
      $0.union($1.box)
    }
    return TextLine(
      text: fragments.map(\.text).joined(separator: " "), page: page, box: outer,
      fontSize: sizes.isEmpty ? 0 : sizes[sizes.count / 2], fragments: fragments)
  }

  /// What stands between two neighbouring glyphs of a line (step 3).
  private enum Separator { case none, space, fragment }

  private func separator(between p: Glyph, and glyph: Glyph, spaces: [Box]) -> Separator {
    let size = max(glyph.box.height, glyph.fontSize, 1)
    let gap = glyph.box.x0 - p.box.x1
    // Numbers in neighbouring columns sit closer than text does: a clear gap after a digit ends
    // the fragment too.
    if gap > chunkGap * size || TextNormalization.isDigit(p.scalar) && gap > 0.5 * size { return .fragment }
    if !TextNormalization.isCJK(p.scalar), !TextNormalization.isCJK(glyph.scalar),
      gap > spaceGap * size || gap > 0.5 && spaces.contains(where: {
        $0.midX >= p.box.x1 - 0.5 && $0.midX <= glyph.box.x0 + 0.5 && $0.midY >= p.box.top && $0.midY <= p.box.bottom
      })
    {
      return .space
    }
    return .none
  }

  /// A line's text alone, as `line(from:…).text` gives it (fragments joined with a space), for
  /// cells, whose boxes, fragments and sizes nobody reads.
  private func text(ofOrdered glyphs: ArraySlice<Glyph>, spaces: [Box]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(glyphs.count * 3 + 4)
    var previous: Glyph?
    for glyph in glyphs {
      if let previous, separator(between: previous, and: glyph, spaces: spaces) != .none { bytes.append(0x20) }
      UTF8.encode(glyph.scalar) { bytes.append($0) }
      previous = glyph
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether `tail`, the next line of a cell, continues the number `head`: both are made of
  /// digits, thousands separators and a decimal point only (`head` may start with a minus).
  static func continuesNumber(_ head: String, _ tail: String) -> Bool {
    func numeric(_ text: String) -> Bool {
      !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "," || $0 == "." }
    }
    guard let first = tail.unicodeScalars.first, ("0"..."9").contains(first) || first == "," || first == "." else { return false }
    let number = head.hasPrefix("-") ? String(head.dropFirst()) : head
    return numeric(tail) && numeric(number)
  }

  /// The text of glyphs inside one cell: lines joined without a break (no space between CJK).
  func cellText(_ glyphs: [Glyph]) -> String {
    guard !glyphs.isEmpty else { return "" }
    var (sorted, starts, spaces) = runs(of: glyphs)
    var text = ""
    // A line's text is its fragments joined with a space; an amount wrapped in a narrow column
    // (`370,219.2` over `5`) is one number again. Each line is sorted left to right in place.
    for (k, start) in starts.enumerated() {
      let end = k + 1 < starts.count ? starts[k + 1] : sorted.count
      sorted[start..<end].sort { $0.box.x0 < $1.box.x0 }
      let line = self.text(ofOrdered: sorted[start..<end], spaces: spaces)
      if Self.continuesNumber(text, line) { text += line } else { text = TextNormalization.join(text, line) }
    }
    return TextNormalization.normalize(text)
  }
}
