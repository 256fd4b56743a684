/// Splits a text layer written by a PDF-to-text tool into pages of lines.
///
/// 1. Pages are separated by form feeds (U+000C), as `pdftotext` writes them.
/// 2. Fallback, for text whose form feeds were lost (the seed corpus file): when the text holds
///    no form feed at all, a line that begins with exactly one space starts a new page; that
///    space is removed.
/// 3. Line ends (`\n`, `\r\n`, `\r`) are normalised; a final form feed does not make an empty page.
/// 4. At most `maxPages` pages are read (ten million form feeds would otherwise be ten million
///    pages and 1.5 GB); the rest are counted and reported.
///
/// Diagnoses: the fallback being used; text without any page break; pages past the limit.
public struct TextLayerReader: Sendable {
  /// How pages were told apart.
  public enum PageBreaks: String, Sendable, Codable {
    /// Form feeds.
    case formFeed
    /// Lines starting with exactly one space (fallback).
    case leadingSpace
    /// No page break found: one page.
    case none
  }

  /// Most pages read from one text layer (a disclosure has tens of pages).
  public static let maxPages = 10_000

  /// Creates a reader.
  public init() {}

  /// The pages of `text`, numbered from 1, and how their breaks were found.
  public func pages(
    in text: String, diagnostics: inout [Diagnostic]
  ) -> (pages: [RawPage], breaks: PageBreaks) {
    let unified = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
    if unified.contains(literal: "\u{0C}") {
      // Split on the form feed's byte: a control character is a grapheme of its own, so this
      // is the split by characters, without an array of every chunk.
      let utf8 = unified.utf8
      var pages: [RawPage] = []
      var start = utf8.startIndex
      var skipped = 0
      while true {
        let end = utf8[start...].firstIndex(of: 0x0C) ?? utf8.endIndex
        let chunk = unified[start..<end]
        let isLast = end == utf8.endIndex
        // A final form feed (or a last chunk of blank lines) does not make an empty page.
        if !(isLast && chunk.allSatisfy(\.isNewline)) {
          if pages.count < Self.maxPages {
            pages.append(RawPage(number: pages.count + 1, lines: lines(of: String(chunk))))
          } else {
            skipped += 1
          }
        }
        if isLast { break }
        start = utf8.index(after: end)
      }
      if skipped > 0 {
        diagnostics.append(
          Diagnostic(
            .error, .extract,
            "text input has \(pages.count + skipped) pages; only the first \(Self.maxPages) are read"))
      }
      return (pages, .formFeed)
    }
    var pages: [[String]] = []
    var current: [String] = []
    var sawBreak = false
    for line in lines(of: unified) {
      if startsPage(line) {
        if !current.isEmpty || !pages.isEmpty || sawBreak { pages.append(current) }
        current = [String(line.dropFirst())]
        sawBreak = true
      } else {
        current.append(line)
      }
    }
    pages.append(current)
    pages.removeAll { $0.isEmpty }
    if !sawBreak {
      diagnostics.append(
        Diagnostic(.warning, .extract, "text input has no page breaks; read as one page"))
      return ([RawPage(number: 1, lines: pages.first ?? [])], .none)
    }
    diagnostics.append(
      Diagnostic(
        .note, .extract,
        "text input has no form feeds; pages start at lines beginning with one space (fallback)"))
    if pages.count > Self.maxPages {
      diagnostics.append(
        Diagnostic(
          .error, .extract, "text input has \(pages.count) pages; only the first \(Self.maxPages) are read"))
      pages.removeSubrange(Self.maxPages...)
    }
    let result = pages.enumerated().map { RawPage(number: $0.offset + 1, lines: $0.element) }
    return (result, .leadingSpace)
  }

  private func lines(of chunk: String) -> [String] {
    var lines = chunk.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  private func startsPage(_ line: String) -> Bool {
    var scalars = line.unicodeScalars.makeIterator()
    guard scalars.next() == " ", let second = scalars.next() else { return false }
    return !second.properties.isWhitespace
  }
}

extension String {
  /// Replaces every occurrence of `target` (Foundation-free, for the pure core).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, contains(literal: target) else { return self }
    return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
