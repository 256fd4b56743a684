/// Rebuilds lines and table grids from extracted pages.
///
/// 1. Text input: every non-blank line is a line block (no geometry), after ``TextLineRepair``
///    joins vertical runs and splits glued tokens.
/// 2. PDF input, per page: ruled tables from the page's rules (``TableFinder``); each glyph
///    whose centre falls in a cell belongs to it, except a glyph the cell above pushed over its
///    border (it overprints the cell's own text, right under the text above); a cell's text is
///    its glyphs' lines joined without a break.
/// 3. The other glyphs become lines (``LineBuilder``); page numbers in the top or bottom margin
///    are dropped.
/// 4. Blocks are ordered top to bottom per page.
///
/// Diagnoses: a page whose glyphs all fell outside any line; tables ruled only with horizontal
/// lines (read as text lines for now).
public struct Normalizer: Sendable {
  /// Template knowledge.
  public var template: Template

  /// Creates a normalizer.
  public init(template: Template) { self.template = template }

  /// The blocks of every page in reading order.
  public func blocks(of raw: RawDocument, diagnostics: inout [Diagnostic]) -> [Block] {
    var blocks: [Block] = []
    let footers = textPageNumbers(of: raw.pages)
    for page in raw.pages {
      if page.glyphs.isEmpty {
        var lines = page.lines
        if footers.contains(page.number), let last = lines.lastIndex(where: { !TextNormalization.compact($0).isEmpty }) {
          lines.remove(at: last)
        }
        for line in TextLineRepair().lines(lines) {
          blocks.append(.line(TextLine(text: line, page: page.number)))
        }
        continue
      }
      blocks += self.blocks(of: page, diagnostics: &diagnostics)
    }
    return dropRunningHeads(blocks, pages: raw.pages, diagnostics: &diagnostics)
  }

  /// Running heads and feet (无锡市统计局2026年度部门预算公开 over every page): a line in the top or
  /// bottom margin, set smaller than the document's body text, whose text recurs there on at
  /// least three pages. A table title repeated over its continuation is set at the body's size
  /// or larger, and stays; so does a note (注：…) repeated under tables.
  private func dropRunningHeads(_ blocks: [Block], pages: [RawPage], diagnostics: inout [Diagnostic]) -> [Block] {
    var heights: [Int: Double] = [:]
    for page in pages { heights[page.number] = page.size.height }
    var sizes: [Double] = []
    var margin: [String: Set<Int>] = [:]
    for case .line(let line) in blocks where line.box.width > 0 {
      sizes.append(line.fontSize)
      guard let height = heights[line.page], Self.inMargin(line, height: height) else { continue }
      margin[TextNormalization.compact(line.text), default: []].insert(line.page)
    }
    // A note (注：…) repeated under the tables of several pages is the tables' own text.
    let notes = template.noteLabels ?? []
    let repeated = margin.filter { text, pages in
      !text.isEmpty && pages.count >= 3 && !notes.contains { text.hasPrefix($0) }
    }
    guard !repeated.isEmpty else { return blocks }
    sizes.sort()
    let body = sizes[sizes.count / 2]
    var dropped: [String: Int] = [:]
    let kept = blocks.filter { block in
      guard case .line(let line) = block, line.box.width > 0, line.fontSize < body * 0.9,
        let height = heights[line.page], Self.inMargin(line, height: height)
      else { return true }
      let compact = TextNormalization.compact(line.text)
      guard repeated[compact] != nil else { return true }
      dropped[compact, default: 0] += 1
      return false
    }
    for (text, count) in dropped.sorted(by: { $0.key < $1.key }) {
      diagnostics.append(Diagnostic(.note, .normalize, "a running head or foot “\(text)” was dropped from \(count) pages"))
    }
    return kept
  }

  private func blocks(of page: RawPage, diagnostics: inout [Diagnostic]) -> [Block] {
    let finder = TableFinder()
    let builder = LineBuilder()
    let (ruled, horizontalOnly) = finder.regions(in: Self.borders(in: page))
    var taken = [Bool](repeating: false, count: page.glyphs.count)
    var placed: [(top: Double, block: Block)] = []
    let columnLines = ruled.flatMap(\.xs).sorted()
    let anchors = ruled.isEmpty ? [] : Self.anchors(of: page.glyphs, borders: columnLines)
    for region in ruled where region.xs.count > 2 || region.ys.count > 2 {
      // A single framed box (a note, a chart's frame) is not a table: its text stays lines.
      let cells = finder.cells(of: region)
      let locator = CellLocator(region: region, cells: cells)
      // Each glyph's cell first, then every cell's glyphs in one array of the right size.
      var placement: [(glyph: Int, cell: Int)] = []
      var counts = [Int](repeating: 0, count: cells.count)
      for (index, glyph) in page.glyphs.enumerated() where !taken[index] {
        let x = anchors[index]
        let y = glyph.box.midY
        guard x >= region.box.x0, x <= region.box.x1, y >= region.box.top, y <= region.box.bottom else { continue }
        if let cell = locator.cell(x: x, y: y) {
          placement.append((index, cell))
          counts[cell] += 1
          taken[index] = true
        }
      }
      var members = counts.map { count in
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(count)
        return glyphs
      }
      for (glyph, cell) in placement { members[cell].append(page.glyphs[glyph]) }
      Self.returnOverflow(&members, cells: cells, locator: locator)
      let gridCells = cells.enumerated().map { index, cell in
        TableGrid.Cell(
          row: cell.row, column: cell.column, rowSpan: cell.rowSpan, columnSpan: cell.columnSpan,
          text: builder.cellText(members[index]), box: cell.box,
          textBox: members[index].first.map { first in members[index].reduce(first.box) { $0.union($1.box) } },
          indent: Self.firstLineIndent(members[index], in: cell.box))
      }
      guard gridCells.contains(where: { !$0.text.isEmpty }) else { continue }
      let grid = TableGrid(
        page: page.number, box: region.box, rowCount: region.ys.count - 1, columnCount: region.xs.count - 1,
        cells: gridCells, ruled: true)
      placed.append((region.box.top, .table(grid)))
    }
    for region in horizontalOnly where region.ys.count >= 2 {
      diagnostics.append(
        Diagnostic(
          .note, .normalize, "a table ruled only with horizontal lines is read from text alignment",
          page: page.number, box: region.box))
    }
    let rest = page.glyphs.enumerated().filter { !taken[$0.offset] }.map(\.element)
    for var line in builder.lines(from: rest, page: page.number) where !isPageFurniture(line, page: page) {
      line.pageWidth = page.size.width
      placed.append((line.box.top, .line(line)))
    }
    return placed.sorted { $0.top < $1.top }.map(\.block)
  }

  /// Gives back to the cell above the glyphs its text pushed over its bottom border: a glyph
  /// at the top of a cell that overprints another glyph of that cell (one text flow never
  /// puts two glyphs on the same spot; a glyph of the next line, however tall the font's
  /// boxes, stands at least 0.4 of its height lower), while it stands right under a glyph of the cell above
  /// (less than a glyph's height below it), is that cell's last line (a tall merged cell whose
  /// text overflows the part of it left on the page).
  static func returnOverflow(
    _ members: inout [[Glyph]], cells: [(row: Int, column: Int, rowSpan: Int, columnSpan: Int, box: Box)],
    locator: CellLocator
  ) {
    func overlap(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double { min(b, d) - max(a, c) }
    for index in members.indices where members[index].count > 1 {
      let glyphs = members[index]
      // The cell's glyphs by top, so that those just below a glyph are found by bisection
      // rather than by trying every glyph of the cell (long cells hold hundreds).
      let byTop = glyphs.indices.sorted { glyphs[$0].box.top < glyphs[$1].box.top }
      var moved: [Int] = []
      for (k, glyph) in glyphs.enumerated() {
        let h = glyph.box.height
        let low = glyph.box.top + 0.1 * h
        let high = glyph.box.top + 0.4 * h
        var lower = 0
        var upper = byTop.count
        while lower < upper {
          let middle = (lower + upper) / 2
          if glyphs[byTop[middle]].box.top > low { upper = middle } else { lower = middle + 1 }
        }
        var overprints = false
        while lower < byTop.count, glyphs[byTop[lower]].box.top < high {
          let other = glyphs[byTop[lower]]
          lower += 1
          if other != glyph
            && overlap(glyph.box.top, glyph.box.bottom, other.box.top, other.box.bottom) > 0.3 * h
            && overlap(glyph.box.x0, glyph.box.x1, other.box.x0, other.box.x1) > 0.5 * min(glyph.box.width, other.box.width)
          {
            overprints = true
            break
          }
        }
        // Only the cell's topmost glyphs can have come from above.
        let underOwnText = glyphs.contains {
          $0.box.bottom <= glyph.box.top + 0.1 * h && overlap($0.box.x0, $0.box.x1, glyph.box.x0, glyph.box.x1) > 0
        }
        guard overprints, !underOwnText,
          let above = locator.cell(x: glyph.box.midX, y: cells[index].box.top - 0.5), above != index,
          members[above].contains(where: { other in
            other.box.bottom <= glyph.box.top + 0.1 * h && glyph.box.top - other.box.bottom < h
              && overlap(glyph.box.x0, glyph.box.x1, other.box.x0, other.box.x1) > 0.5 * min(glyph.box.width, other.box.width)
          })
        else { continue }
        members[above].append(glyph)
        moved.append(k)
      }
      for k in moved.reversed() { members[index].remove(at: k) }
    }
  }

  /// The first cell (in `cells` order) whose box holds a point, found through the grid lines
  /// instead of trying every cell: cell boxes are unions of grid slots, so a box holds the point
  /// exactly when it covers one of the slots whose closed rectangle does (two or more on a line).
  struct CellLocator {
    let xs: [Double]
    let ys: [Double]
    /// Per slot (row-major), the smallest index of a cell whose box covers it.
    let first: [Int?]

    init(region: TableFinder.Region, cells: [(row: Int, column: Int, rowSpan: Int, columnSpan: Int, box: Box)]) {
      xs = region.xs
      ys = region.ys
      let columns = max(xs.count - 1, 0)
      var first = [Int?](repeating: nil, count: max(ys.count - 1, 0) * columns)
      for (index, cell) in cells.enumerated() where cell.row < ys.count - 1 && cell.column < columns {
        for r in cell.row..<min(cell.row + cell.rowSpan, ys.count - 1) {
          for c in cell.column..<min(cell.column + cell.columnSpan, columns) where first[r * columns + c] == nil {
            first[r * columns + c] = index
          }
        }
      }
      self.first = first
    }

    func cell(x: Double, y: Double) -> Int? {
      let columns = xs.count - 1
      var best: Int?
      for r in Self.slots(holding: y, in: ys) {
        for c in Self.slots(holding: x, in: xs) {
          if let index = first[r * columns + c], index < best ?? .max { best = index }
        }
      }
      return best
    }

    /// The slots `i` with `lines[i] <= value <= lines[i + 1]` (lines ascending).
    static func slots(holding value: Double, in lines: [Double]) -> Range<Int> {
      guard lines.count >= 2 else { return 0..<0 }
      // First slot whose upper line reaches the value.
      var low = 0
      var high = lines.count - 1
      while low < high {
        let mid = (low + high) / 2
        if lines[mid + 1] >= value { high = mid } else { low = mid + 1 }
      }
      var end = low
      while end < lines.count - 1, lines[end] <= value, value <= lines[end + 1] { end += 1 }
      return low..<end
    }
  }

  /// Where each glyph counts for cell assignment: its centre, except in a number, which goes
  /// where its last digit is (amounts are right-aligned, and a wide one spills to the left over
  /// its cell's border: 12046.57 printed across two narrow columns).
  static func anchors(of glyphs: [Glyph], borders: [Double] = []) -> [Double] {
    var anchors = glyphs.map(\.box.midX)
    func isNumeric(_ g: Glyph) -> Bool {
      TextNormalization.isDigit(g.scalar) || g.scalar == "." || g.scalar == ","
    }
    var start = 0
    while start < glyphs.count {
      var end = start
      if isNumeric(glyphs[start]) {
        while end + 1 < glyphs.count, isNumeric(glyphs[end + 1]),
          abs(glyphs[end + 1].box.midY - glyphs[end].box.midY) < glyphs[end].box.height / 3,
          glyphs[end + 1].box.x0 - glyphs[end].box.x1 < 0.15 * max(glyphs[end].box.height, 1),
          glyphs[end + 1].box.x0 >= glyphs[end].box.x0
        {
          end += 1
        }
        // Two amounts in neighbouring columns can print with no gap between them
        // (174,900.64101,833.84): a run with more than one decimal point is cut where a
        // column border passes between two of its glyphs.
        var pieces = [start...end]
        if end > start, !borders.isEmpty, glyphs[start...end].filter({ $0.scalar == "." }).count > 1 {
          pieces = []
          var pieceStart = start
          for k in start..<end {
            let a = glyphs[k].box.midX
            let b = glyphs[k + 1].box.midX
            if borders.contains(where: { $0 > a && $0 < b }) {
              pieces.append(pieceStart...k)
              pieceStart = k + 1
            }
          }
          pieces.append(pieceStart...end)
        }
        for piece in pieces where piece.count > 1 && glyphs[piece.upperBound].scalar != "." {
          for i in piece { anchors[i] = glyphs[piece.upperBound].box.midX }
        }
      }
      start = end + 1
    }
    return anchors
  }

  /// The rules that can be borders: a filled rule whose middle lies inside a glyph's box and
  /// that stays within it is a stroke of a character drawn as a path (一 as a thin rectangle),
  /// not a border. Stroked lines are borders even where a wide glyph box reaches over them.
  static func borders(in page: RawPage) -> [Rule] {
    guard !page.rules.isEmpty else { return [] }
    // Boxes sorted by their left edge, so that each rule looks only at those starting left of
    // its middle and no further left than the widest box.
    var boxes: [Box] = []
    boxes.reserveCapacity(page.glyphs.count)
    var widest = 0.0
    for glyph in page.glyphs where !TextNormalization.isSpace(glyph.scalar) {
      boxes.append(glyph.box)
      widest = max(widest, glyph.box.width)
    }
    boxes.sort { $0.x0 < $1.x0 }
    return page.rules.filter { rule in
      let x = rule.box.midX
      let y = rule.box.midY
      // First box with x0 >= x - widest, by binary search.
      var low = 0
      var high = boxes.count
      while low < high {
        let mid = (low + high) / 2
        if boxes[mid].x0 < x - widest { low = mid + 1 } else { high = mid }
      }
      var i = low
      while i < boxes.count, boxes[i].x0 < x {
        let box = boxes[i]
        let dx = box.width * 0.1
        let dy = box.height * 0.1
        // Along its direction the stroke stays within the glyph: a cell border that a wide
        // glyph box (a digit of a CJK font) reaches over runs past it.
        let extent = rule.orientation == .vertical ? box.height : box.width
        if rule.source == .fill, x > box.x0 + dx && x < box.x1 - dx && y > box.top + dy && y < box.bottom - dy
          && rule.end - rule.start < extent * 1.2
        {
          return false
        }
        i += 1
      }
      return true
    }
  }

  /// Text input (no margins): the pages whose last line is their page number. A last line that
  /// holds only a number (`3`, `- 3 -`, `第 3 页 共 28 页`) is one when at least three pages agree
  /// on how far it is from the physical page number (numbering may start on a later page).
  private func textPageNumbers(of pages: [RawPage]) -> Set<Int> {
    var offsets: [Int: [Int]] = [:]
    for page in pages where page.glyphs.isEmpty {
      guard let last = page.lines.last(where: { !TextNormalization.compact($0).isEmpty }) else { continue }
      let compact = TextNormalization.compact(last)
      guard Self.isPageNumber(compact) else { continue }
      let digits = compact.drop { !$0.isASCII || !$0.isNumber }.prefix { $0.isASCII && $0.isNumber }
      guard let printed = Int(digits) else { continue }
      offsets[page.number - printed, default: []].append(page.number)
    }
    guard let best = offsets.values.max(by: { $0.count < $1.count }), best.count >= 3 else { return [] }
    return Set(best)
  }

  /// Page numbers (`3`, `- 3 -`, `第 3 页 共 28 页`) in the top or bottom margin.
  private func isPageFurniture(_ line: TextLine, page: RawPage) -> Bool {
    Self.inMargin(line, height: page.size.height) && Self.isPageNumber(TextNormalization.compact(line.text))
  }

  /// Whether a line lies in the top 7 % or the bottom 12 % of a page of this height, by its
  /// middle (a page number whose box starts a hair above the bottom 12 %, as on 国家信访局's
  /// landscape pages, is still in the margin).
  static func inMargin(_ line: TextLine, height: Double) -> Bool {
    height > 0 && (line.box.midY < height * 0.07 || line.box.midY > height * 0.88)
  }

  /// Whether compact text is a page number: digits with at most dashes, slashes and 第页共
  /// (`3`, `-3-`, `第3页共28页`), twelve characters at most.
  static func isPageNumber(_ compact: String) -> Bool {
    let stripped = compact.filter { !"-—－第页共/".contains($0) }
    return compact.count <= 12 && !stripped.isEmpty && stripped.allSatisfy(\.isNumber)
  }
}

/// A piece of a page after normalization.
public enum Block: Sendable, Hashable {
  /// A line of text outside tables.
  case line(TextLine)
  /// A table's cells on a grid.
  case table(TableGrid)
}

/// One line of text.
public struct TextLine: Sendable, Hashable {
  /// A run of glyphs without a wide gap.
  public struct Fragment: Sendable, Hashable {
    /// Its text.
    public var text: String
    /// Where it is.
    public var box: Box
    /// Its glyphs, left to right (empty for text input).
    public var glyphs: [Glyph]
    /// Creates a fragment.
    public init(text: String, box: Box, glyphs: [Glyph] = []) {
      self.text = text
      self.box = box
      self.glyphs = glyphs
    }
  }

  /// Runs separated by wide gaps (one fragment for text input).
  public var fragments: [Fragment]
  /// The text, fragments joined.
  public var text: String
  /// Page number.
  public var page: Int
  /// Where it is (zero for text input).
  public var box: Box
  /// Typical glyph size.
  public var fontSize: Double
  /// Width of the page the line is on (zero for text input).
  public var pageWidth: Double = 0

  /// Creates a line.
  public init(
    text: String, page: Int, box: Box = Box(x0: 0, top: 0, x1: 0, bottom: 0), fontSize: Double = 0,
    fragments: [Fragment]? = nil
  ) {
    self.fragments = fragments ?? [Fragment(text: text, box: box)]
    self.text = text
    self.page = page
    self.box = box
    self.fontSize = fontSize
  }
}

extension Normalizer {
  /// How far right of `box`'s left edge the first line of `glyphs` starts: the glyphs whose
  /// middle is above the bottom of the topmost glyph; nil for none.
  static func firstLineIndent(_ glyphs: [Glyph], in box: Box) -> Double? {
    guard let top = glyphs.min(by: { $0.box.top < $1.box.top }) else { return nil }
    var left = Double.infinity
    for glyph in glyphs where glyph.box.midY <= top.box.bottom { left = min(left, glyph.box.x0) }
    guard left < .infinity else { return nil }
    return max(0, left - box.x0)
  }
}

/// A table region as a grid of cells.
public struct TableGrid: Sendable, Hashable {
  /// One cell; merged cells span rows or columns.
  public struct Cell: Sendable, Hashable {
    /// Top row index.
    public var row: Int
    /// Left column index.
    public var column: Int
    /// Rows spanned.
    public var rowSpan: Int
    /// Columns spanned.
    public var columnSpan: Int
    /// Text with wrapped lines joined.
    public var text: String
    /// Where it is.
    public var box: Box
    /// The extent of its text, nil when empty; a wide amount can spill over the cell's border.
    public var textBox: Box?

    /// Creates a cell.
    public init(
      row: Int, column: Int, rowSpan: Int = 1, columnSpan: Int = 1, text: String, box: Box, textBox: Box? = nil,
      indent: Double? = nil
    ) {
      self.indent = indent
      self.row = row
      self.column = column
      self.rowSpan = rowSpan
      self.columnSpan = columnSpan
      self.text = text
      self.box = box
      self.textBox = textBox
    }

    /// How far right of the cell's left border its first line starts (a label indented to show
    /// its level; a wrapped label's later lines may start further left); nil when empty.
    public var indent: Double?

    /// Where its text is printed: the cell, widened to text spilling over its borders.
    public var printedBox: Box { textBox.map(box.union) ?? box }
  }

  /// Page number.
  public var page: Int
  /// Outer box.
  public var box: Box
  /// Number of grid rows.
  public var rowCount: Int
  /// Number of grid columns.
  public var columnCount: Int
  /// Cells, row-major.
  public var cells: [Cell]
  /// Whether the grid came from ruling lines (false: inferred from text alignment).
  public var ruled: Bool

  /// Creates a grid.
  public init(page: Int, box: Box, rowCount: Int, columnCount: Int, cells: [Cell], ruled: Bool) {
    self.page = page
    self.box = box
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.cells = cells
    self.ruled = ruled
  }
}
