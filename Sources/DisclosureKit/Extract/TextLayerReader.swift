/// Splits a text layer written by a PDF-to-text tool into pages of lines.
///
/// 1. Pages are separated by form feeds (U+000C), as `pdftotext` writes them.
/// 2. Fallback, for text whose form feeds were lost (the seed corpus file): when the text holds
///    no form feed at all, a line that begins with exactly one space starts a new page; that
///    space is removed.
/// 3. Line ends (`\n`, `\r\n`, `\r`) are normalised; a final form feed does not make an empty page.
///
/// Diagnoses: the fallback being used; text without any page break.
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

  /// Creates a reader.
  public init() {}

  /// The pages of `text`, numbered from 1, and how their breaks were found.
  public func pages(
    in text: String, diagnostics: inout [Diagnostic]
  ) -> (pages: [RawPage], breaks: PageBreaks) {
    let unified = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
    if unified.contains(literal: "\u{0C}") {
      var chunks = unified.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
      if let last = chunks.last, last.allSatisfy(\.isNewline) { chunks.removeLast() }
      let pages = chunks.enumerated().map { index, chunk in
        RawPage(number: index + 1, lines: lines(of: chunk))
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
