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
