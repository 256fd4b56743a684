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
/// PDF input: a line continues the paragraph above when it is not indented, the line above
/// reached the right margin, and both share a font size; across a page break the same holds
/// when no table came between. Text input (no geometry): a line continues when the line above
/// is nearly as long as the page's longest lines and this line starts no numbered item.
struct ParagraphBuilder {
  func units(from blocks: [Block]) -> [Unit] {
    var units: [Unit] = []
    var margins: [Int: (left: Double, right: Double, full: Int)] = [:]
    var linesByPage: [Int: [TextLine]] = [:]
    for case .line(let line) in blocks { linesByPage[line.page, default: []].append(line) }
    for (page, lines) in linesByPage {
      let prose = lines.filter { $0.text.unicodeScalars.count >= 12 }
      let lefts = prose.map(\.box.x0).sorted()
      let rights = prose.map(\.box.x1).sorted()
      let left = lefts.first ?? 0
      let right = rights.isEmpty ? 0 : rights[min(rights.count - 1, rights.count * 9 / 10)]
      let lengths = lines.map { $0.text.count }.sorted()
      let full = lengths.isEmpty ? 0 : lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
      margins[page] = (left, right, full)
    }
    var previous: TextLine?
    for block in blocks {
      switch block {
      case .table(let grid):
        units.append(.grid(grid))
        previous = nil
      case .line(let line):
        if let prev = previous, case .text(var unit) = units.last, continues(line, after: prev, margins: margins) {
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

  private func continues(
    _ line: TextLine, after prev: TextLine, margins: [Int: (left: Double, right: Double, full: Int)]
  ) -> Bool {
    if Headings.startsNumberedItem(line.text) || Headings.isTableLabel(line.text) { return false }
    guard let m = margins[line.page], let pm = margins[prev.page] else { return false }
    if line.box.width == 0 {
      // Text input.
      let prevLength = prev.text.count
      return pm.full >= 15 && prevLength >= pm.full - 2 && !prev.text.hasSuffix("。") || prevLength >= pm.full - 2 && line.page != prev.page && !prev.text.hasSuffix("。")
    }
    let size = max(line.fontSize, 1)
    if abs(line.fontSize - prev.fontSize) > size * 0.2 { return false }
    let prevFull = prev.box.x1 >= pm.right - 1.5 * size
    let indented = line.box.x0 > m.left + 0.8 * size
    if line.page != prev.page {
      return prevFull && !indented
    }
    let gap = line.box.top - prev.box.bottom
    return prevFull && !indented && gap < size * 1.2
  }
}
