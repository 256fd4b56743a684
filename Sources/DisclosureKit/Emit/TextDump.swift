/// Readable dumps of stage outputs for people, with page locations.
public enum TextDump {
  /// One block per page: size, counts, the glyphs as lines of text, and the rules.
  public static func extract(_ document: RawDocument) -> String {
    var out = "\(document.source.file): \(document.source.input.rawValue), \(document.source.pages) pages\n"
    for page in document.pages {
      if page.glyphs.isEmpty && page.size.width == 0 {
        out += "page \(page.number): \(page.lines.count) lines\n"
        for line in page.lines { out += "  | \(line)\n" }
        continue
      }
      out += "page \(page.number) (\(format(page.size.width))×\(format(page.size.height)) pt): "
      out += "\(page.glyphs.count) glyphs, \(page.rules.count) rules, \(page.drawingOperations) drawing operations\n"
      for line in textLines(of: page) { out += "  | \(line)\n" }
      for rule in page.rules {
        out += "  rule \(rule.orientation.rawValue) \(rule.source.rawValue) x0=\(format(rule.box.x0)) "
        out += "top=\(format(rule.box.top)) x1=\(format(rule.box.x1)) bottom=\(format(rule.box.bottom))\n"
      }
    }
    return out
  }

  /// Normalized blocks: lines with their position, tables as rows of cells with spans.
  public static func blocks(_ blocks: [Block]) -> String {
    var out = ""
    var page = 0
    for block in blocks {
      switch block {
      case .line(let line):
        if line.page != page {
          page = line.page
          out += "page \(page)\n"
        }
        let where_ = line.box.width > 0 ? "[x0=\(format(line.box.x0)) top=\(format(line.box.top)) x1=\(format(line.box.x1)) size=\(format(line.fontSize))] " : ""
        out += "  line \(where_)\(line.fragments.map(\.text).joined(separator: " ‖ "))\n"
      case .table(let grid):
        if grid.page != page {
          page = grid.page
          out += "page \(page)\n"
        }
        out += "  table \(grid.ruled ? "ruled" : "aligned") \(grid.rowCount)×\(grid.columnCount) [x0=\(format(grid.box.x0)) top=\(format(grid.box.top)) x1=\(format(grid.box.x1)) bottom=\(format(grid.box.bottom))]\n"
        for row in 0..<grid.rowCount {
          let cells = grid.cells.filter { $0.row == row }.sorted { $0.column < $1.column }
          guard !cells.isEmpty else { continue }
          let text = cells.map { cell in
            let span = (cell.rowSpan > 1 || cell.columnSpan > 1) ? "{\(cell.rowSpan)×\(cell.columnSpan)}" : ""
            return "\(cell.column)\(span):\(cell.text)"
          }
          out += "    r\(row) | \(text.joined(separator: " | "))\n"
        }
      }
    }
    return out
  }

  /// One line per page with its counts.
  public static func extractSummary(_ document: RawDocument) -> String {
    var out = "\(document.source.file): \(document.source.input.rawValue), \(document.source.pages) pages\n"
    for page in document.pages {
      out += "page \(page.number): \(page.glyphs.count) glyphs, \(page.rules.count) rules, \(page.lines.count) lines\n"
    }
    return out
  }

  /// Glyphs grouped into rough lines by vertical overlap, in producer order (a quick look only).
  private static func textLines(of page: RawPage) -> [String] {
    var lines: [String] = []
    var current = ""
    var lastBox: Box?
    for glyph in page.glyphs {
      if let last = lastBox, glyph.box.top >= last.bottom - 0.5 * last.height || glyph.box.x0 < last.x0 - 1 {
        lines.append(current)
        current = ""
      }
      current.unicodeScalars.append(glyph.scalar)
      lastBox = glyph.box
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  static func format(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = abs(hundredths)
    let fraction = magnitude % 100
    return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
