/// Reads ruling lines straight from a PDF's page content streams.
///
/// Gives the rules DisclosurePoppler's `ScriptRuleReader` reads from a page rendered by poppler
/// into a cairo script surface, without rendering (about 50 times faster): poppler's path
/// handling and stroke adjustment, cairo's fixed-point paths and the way its script surface
/// writes them are reproduced (`ContentStreamInterpreter`, `DevicePath`, `ClipRegion`,
/// `RuleCollector`).
///
/// 1. Read the file structure (`PDFFile`): cross-reference tables and streams, `/Prev` chains,
///    object streams. An encrypted file or a structure poppler would have to rebuild gives nil.
/// 2. Walk the page tree (`PDFPageEntry`) with inherited resources, boxes and rotation.
/// 3. For each page asked for, join its content streams (FlateDecode or unfiltered) and run
///    them. A page whose content cannot be decoded (another filter), or that takes too much
///    work, is left out for the caller to render instead. A page whose content streams (each
///    reference counted, so one stream named 20,000 times counts 20,000 times) or forms decode
///    to more than `maxPageContentBytes`, or whose `/Contents` names more than
///    `maxContentStreams` streams, is *oversized*: no renderer should be given it (poppler
///    interprets each reference again, and spent minutes on 20,000 of a small stream).
///
/// Not reproduced: glyph outlines stroked by text render modes 1, 2, 5 and 6 (poppler strokes
/// the glyph paths, so straight-edged glyphs such as 一 or 口 read as rules there); tiling
/// patterns and shadings (poppler fills the clip's bounding box with them); annotations;
/// optional content; transparency groups; and two slips of `ScriptRuleReader`'s own parsing:
/// it never recognised the colours the script writes (`… g set-source`), so light colours were
/// never dropped there, while they are here, as its rules intend; and its 64-number stack could
/// lose a matrix and misjudge a line's thickness.
public struct ContentStreamRuleReader: Sendable {
  /// Most bytes a page's content streams, or one of its forms, may decode to (the corpus's
  /// largest stream is about 1 MB): past it a page is oversized, a decompression bomb or a
  /// stream repeated thousands of times, which poppler would take minutes to draw.
  public static let maxPageContentBytes = 32 << 20
  /// Most content streams a page's `/Contents` may name (the corpus's most is 11).
  public static let maxContentStreams = 1_000

  /// What reading a file's pages gave.
  public struct Reading: Sendable {
    /// Drawings of the pages read; a page missing here could not be read.
    public var drawings: [Int: PageDrawing]
    /// Pages too big to draw, each with the reason (lowercase, for a diagnostic).
    public var oversizedPages: [Int: String]
  }

  /// Creates a reader.
  public init() {}

  /// Drawings of the 1-based pages asked for (nil: all). Returns nil when the file's structure
  /// cannot be read this way (encrypted, broken cross-reference data, an unsupported filter);
  /// a page missing from the result could not be read and the caller falls back to rendering.
  public func drawings(in pdf: [UInt8], pages: Set<Int>?) -> [Int: PageDrawing]? {
    read(pdf, pages: pages)?.drawings
  }

  /// The drawings of the 1-based pages asked for (nil: all) and the pages too big to draw; nil
  /// as for `drawings(in:pages:)`.
  public func read(_ pdf: [UInt8], pages: Set<Int>?) -> Reading? {
    guard let file = PDFFile(bytes: pdf), file.trailer["Encrypt"] == nil, let tree = PDFPageEntry.pages(in: file),
      !file.damaged
    else { return nil }
    var result = Reading(drawings: [:], oversizedPages: [:])
    // Pages mostly share their matrices and line widths, whose printed forms are worth keeping.
    var printed: [UInt64: Double] = [:]
    for (index, page) in tree.enumerated() {
      let number = index + 1
      if let pages, !pages.contains(number) { continue }
      let oversized = file.oversizedStreams
      var tooLarge: String?
      if let drawing = drawing(of: page, in: file, printed: &printed, tooLarge: &tooLarge) {
        result.drawings[number] = drawing
      }
      if tooLarge == nil, file.oversizedStreams > oversized {
        tooLarge = "its content decodes to more than \(Self.maxPageContentBytes >> 20) MB"
      }
      if let tooLarge {
        result.drawings[number] = nil
        result.oversizedPages[number] = tooLarge
      }
    }
    // A damaged object met on the way means poppler would rebuild the file's structure.
    return file.damaged ? nil : result
  }

  private func drawing(
    of page: PDFPageEntry, in file: PDFFile, printed: inout [UInt64: Double], tooLarge: inout String?
  ) -> PageDrawing? {
    let limit = Self.maxPageContentBytes
    var content: [UInt8] = []
    let contents = file.resolve(page.dictionary["Contents"])
    switch contents {
    case .null:
      break
    case .stream:
      guard let data = file.decodedData(of: contents, limit: limit) else { return nil }
      content = data
    case .array(let items):
      guard items.count <= Self.maxContentStreams else {
        tooLarge = "its /Contents names \(items.count) streams (more than \(Self.maxContentStreams))"
        return nil
      }
      for item in items {
        let stream = file.resolve(item)
        guard stream.isStream, let data = file.decodedData(of: stream, limit: limit) else { return nil }
        guard content.count + data.count + 1 <= limit else {
          tooLarge = "its content decodes to more than \(limit >> 20) MB"
          return nil
        }
        // Streams join at token boundaries; a newline keeps the last and first tokens apart.
        content.append(contentsOf: data)
        content.append(0x0A)
      }
    default:
      return nil
    }
    var interpreter = ContentStreamInterpreter(file: file, page: page, printed: printed)
    // The interpreter now holds the only reference, so adding to it copies nothing.
    printed = [:]
    interpreter.run(content)
    printed = interpreter.collector.printed
    guard !interpreter.unreadable else { return nil }
    return PageDrawing(
      rules: interpreter.collector.rules, drawingOperations: interpreter.drawingOperations,
      glyphRuns: interpreter.glyphRuns, images: interpreter.images)
  }
}
