import DisclosureKit
internal import DisclosureTesseract
import Foundation
import Synchronization
internal import PDFStructure

/// Reads an input file, PDF or text layer, into a ``RawDocument``: the pipeline's extract stage
/// and the only place that touches input files.
///
/// 1. Check the file: exists, is a regular readable file, and its kind (by `%PDF-` header, then
///    by extension `.txt`).
/// 2. PDF: open through poppler (typed errors for damaged, encrypted, wrong password, no pages);
///    per page, glyphs from the text layout and attributes; rules read straight from the page's
///    content streams (``ContentStreamRuleReader``), or, for a page that reader cannot read
///    (an encrypted file, an unsupported filter), from the page drawn into a cairo script surface.
///    The pages of an unencrypted file whose structure that reader refuses (damaged) are not
///    drawn; if a stream in such a file is a decompression bomb, no page of it is read.
/// 3. Text: split into pages of lines (``TextLayerReader``).
///
/// Diagnoses: poppler's own log messages (per page where they arise); a page too big to hand to
/// poppler (``ContentStreamRuleReader/Reading/oversizedPages``: not read); a damaged file's pages left
/// undrawn, or unread when a stream in it is a decompression bomb; a page that draws text but
/// yields none (a missing poppler-data, a font without a Unicode map); a page left empty by a
/// broken content stream; glyph/box count mismatches; text-layer page-break fallbacks.
public struct DocumentReader: Sendable {
  /// What to read.
  public struct Settings: Sendable, Codable, Hashable {
    /// Password for encrypted PDFs.
    public var password: String?
    /// 1-based pages to read (nil: all).
    public var pages: [Int]?
    /// Whether to read ruling lines (costs a render of each page).
    public var readsRules: Bool
    /// Which pages are read by OCR.
    public var ocr: OCRMode
    /// Scanned pages read at once, each on a thread with an engine of its own.
    public var ocrJobs: Int

    /// Creates settings.
    public init(password: String? = nil, pages: [Int]? = nil, readsRules: Bool = true, ocr: OCRMode = .auto, ocrJobs: Int = 1) {
      self.password = password
      self.pages = pages
      self.readsRules = readsRules
      self.ocr = ocr
      self.ocrJobs = max(1, ocrJobs)
    }
  }

  /// Which pages are read by OCR.
  public enum OCRMode: String, Sendable, Codable, Hashable, CaseIterable {
    /// Pages with no text layer (or almost none) that draw images: scanned pages.
    case auto
    /// None: a scanned page stays empty, with a warning.
    case never
    /// Every page, its text layer ignored.
    case always
  }

  /// The resolution pages are rendered at for OCR.
  public static let ocrResolution = 300.0

  /// The settings in force.
  public var settings: Settings

  /// Creates a reader.
  public init(settings: Settings = Settings()) { self.settings = settings }

  /// The SHA-256 of `bytes` in lowercase hex: OpenSSL's (``OpenSSLDigest``), else the
  /// pure-Swift one. Inputs are named by it; `export` names its JSON files by it too.
  public static func sha256(_ bytes: [UInt8]) -> String {
    OpenSSLDigest.sha256(bytes) ?? SHA256.hex(bytes)
  }

  /// The SHA-256 (hex) and size of the file at `path`, as ``read(_:)`` names its source; nil
  /// when it cannot be read.
  public static func sha256(ofFileAt path: String) -> (sha256: String, size: Int)? {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) else { return nil }
    let bytes = [UInt8](data)
    return (sha256(bytes), bytes.count)
  }

  /// Reads the document at `path`.
  public func read(_ path: String) throws(DocumentError) -> RawDocument {
    let bytes = try Self.bytes(at: path)
    let name = URL(fileURLWithPath: path).lastPathComponent
    let digest = Self.sha256(bytes)
    if Self.looksLikePDF(bytes) {
      return try readPDF(path: path, name: name, digest: digest, bytes: bytes)
    }
    let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
    guard Self.textExtensions.contains(ext) || Self.wordBoxExtensions.contains(ext) else {
      if ext == "pdf" { throw .notPDF(path: path) }
      throw .unsupported(path: path, reason: "expected a .pdf, a .txt file or word boxes (.tsv, .hocr, .xml)")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .notText(path: path, reason: "not valid utf-8")
    }
    if text.unicodeScalars.contains(where: { $0.value == 0 }) {
      throw .notText(path: path, reason: "holds nul bytes")
    }
    if let format = WordBoxReader.format(of: text[...]) {
      // One file per page: every file of the set, in page order, as one document (each file
      // read once, here).
      let members = WordBoxSet.numbered(path)
      var texts: [String] = []
      var all: [UInt8] = []
      if members.count > 1 {
        for member in members {
          // A member that cannot be read as text makes the files no set (as `WordBoxSet.members`).
          guard let more = member == path ? bytes : try? Self.bytes(at: member), let memberText = String(validating: more, as: UTF8.self)
          else { break }
          texts.append(memberText)
          all += more
        }
      }
      guard members.count > 1, texts.count == members.count, WordBoxSet.onePageEach(texts) else {
        return readWordBoxes([text], format: format, name: name, digest: digest)
      }
      for (member, memberText) in zip(members, texts) where WordBoxReader.format(of: memberText[...]) != format {
        throw .unsupported(path: member, reason: "a page of \(name)'s set that is not \(format.name) like the others")
      }
      return readWordBoxes(texts, format: format, name: name, digest: Self.sha256(all))
    }
    guard Self.textExtensions.contains(ext) else {
      throw .unsupported(path: path, reason: "not a TSV, hOCR or ALTO file of word boxes")
    }
    var diagnostics: [Diagnostic] = [
      Diagnostic(
        .note, .extract,
        "text input: lines without boxes, so tables take the template's columns and their amounts are placed by the table's sums; cells have no boxes")
    ]
    var (pages, _) = TextLayerReader().pages(in: text, diagnostics: &diagnostics)
    let total = pages.count
    if let wanted = settings.pages { pages = pages.filter { wanted.contains($0.number) } }
    return RawDocument(
      source: .init(file: name, sha256: digest, pages: total, input: .text), pages: pages,
      diagnostics: diagnostics.sorted())
  }

  /// File extensions read as text layers (when the content is no word-box file).
  public static let textExtensions: Set<String> = ["txt", "text"]
  /// File extensions read as word boxes (the content says which format).
  public static let wordBoxExtensions: Set<String> = ["tsv", "hocr", "html", "xhtml", "xml", "alto"]

  /// Word boxes (``WordBoxReader``): each page's words as glyphs; OCR output (confidences) is
  /// read as OCR pages, with a warning for each run of glyphs the engine was unsure of.
  private func readWordBoxes(_ texts: [String], format: WordBoxReader.Format, name: String, digest: String) -> RawDocument {
    var diagnostics: [Diagnostic] = []
    let reader = WordBoxReader()
    var found: [WordBoxReader.Page] = []
    for text in texts {
      // A set's files each number their pages from 1: they follow each other.
      let pages = reader.pages(in: text, format: format, diagnostics: &diagnostics)
      let offset = texts.count > 1 ? found.count : 0
      found += pages.enumerated().map { index, page in
        var page = page
        if texts.count > 1 { page.number = offset + index + 1 }
        return page
      }
    }
    let ocr = WordBoxReader.fromOCR(found)
    var pages: [RawPage] = []
    var ocrPages: [Int] = []
    var numbers = Set<Int>()
    for (index, page) in found.enumerated() {
      // Page numbers as the file gives them, unless they repeat (one file per page run together).
      var page = page
      if numbers.contains(page.number) { page.number = (numbers.max() ?? index) + 1 }
      numbers.insert(page.number)
      if let wanted = settings.pages, !wanted.contains(page.number) { continue }
      let result = reader.read(page, ocr: ocr, diagnostics: &diagnostics)
      pages.append(result.page)
      if ocr {
        ocrPages.append(page.number)
        diagnostics += Self.lowConfidenceDiagnostics(
          result.page.glyphs, confidences: result.confidences, below: ScanPageReader().lowConfidence, page: page.number)
      }
    }
    diagnostics.append(
      Diagnostic(
        .note, .extract,
        "word boxes (\(format.name)\(ocr ? ", from OCR" : "")): no ruling lines, so tables are read from the words' alignment; characters' boxes divide their words' boxes"
      ))
    var source = RawDocument.Source(file: name, sha256: digest, pages: numbers.count, input: RawDocument.Input(rawValue: format.rawValue) ?? .tsv)
    source.ocrPages = ocrPages
    return RawDocument(source: source, pages: pages.sorted { $0.number < $1.number }, diagnostics: diagnostics.sorted())
  }

  /// Whether the file names an `/Encrypt` dictionary. The trailer (or cross-reference stream
  /// dictionary) that names it is never compressed or encrypted, so the key shows in the bytes;
  /// a false match only keeps the rendering fallback.
  static func declaresEncryption(_ bytes: [UInt8]) -> Bool {
    let key: [UInt8] = Array("/Encrypt".utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      guard buffer.count >= key.count else { return false }
      var i = 0
      while i <= buffer.count - key.count {
        if buffer[i] == key[0] {
          var j = 1
          while j < key.count, buffer[i + j] == key[j] { j += 1 }
          if j == key.count { return true }
        }
        i += 1
      }
      return false
    }
  }

  static func looksLikePDF(_ bytes: [UInt8]) -> Bool {
    // The header may follow up to 1024 bytes of junk, as readers accept.
    let marker: [UInt8] = Array("%PDF-".utf8)
    let window = bytes.prefix(1024 + marker.count)
    guard window.count >= marker.count else { return false }
    for start in 0...(window.count - marker.count) where window[start] == marker[0] {
      if Array(window[start..<(start + marker.count)]) == marker { return true }
    }
    return false
  }

  private static func bytes(at path: String) throws(DocumentError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missing(path: path)
    }
    if isDirectory.boolValue { throw .unreadable(path: path, reason: "is a folder") }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw .unreadable(path: path, reason: "permission denied")
    }
    do {
      return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
    } catch {
      throw .unreadable(path: path, reason: Self.reason(of: error))
    }
  }

  /// Why a file operation failed, in lower case: the system's own reason (cannot allocate
  /// memory, input/output error) where Foundation wraps it in a generic message ("the operation
  /// could not be completed", Cocoa error 256).
  public static func reason(of error: any Error) -> String {
    var error = error as NSError
    // The underlying error may be a Swift error value (POSIXError), not an NSError object.
    for _ in 0..<4 {
      guard let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error else { break }
      error = underlying as NSError
    }
    let text: String
    if error.domain == NSPOSIXErrorDomain, let message = strerror(Int32(error.code)) {
      text = String(cString: message)
    } else {
      text = error.localizedDescription
    }
    let lower = text.lowercased()
    return lower.hasSuffix(".") ? String(lower.dropLast()) : lower
  }

  /// poppler's messages once per kind: the same message twice is one (text and drawing both
  /// parse the content stream, so poppler says most things twice), and messages that differ only
  /// in their numbers (`Syntax error at position 415468`, `Unknown font tag 'F9'`) are one kind,
  /// given as the first of them with how many others there were.
  static func unique(_ messages: [String]) -> [String] {
    var order: [String] = []
    var first: [String: String] = [:]
    var count: [String: Int] = [:]
    var seen = Set<String>()
    for message in messages where seen.insert(message).inserted {
      let kind = String(
        String.UnicodeScalarView(
          message.unicodeScalars.filter { !("0"..."9").contains($0) }))
      if first[kind] == nil {
        order.append(kind)
        first[kind] = message
      }
      count[kind, default: 0] += 1
    }
    return order.map { kind in
      let n = count[kind] ?? 1
      return n > 1 ? "\(first[kind] ?? kind) (and \(n - 1) more like it)" : first[kind] ?? kind
    }
  }

  private func readPDF(path: String, name: String, digest: String, bytes: [UInt8]) throws(DocumentError) -> RawDocument {
    Poppler.warmUp()
    PopplerLog.begin()
    defer { _ = PopplerLog.end() }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let document = try PDFDocument(path: path, absolutePath: absolute, password: settings.password)
    var diagnostics = Self.unique(PopplerLog.drain()).map { Diagnostic(.warning, .extract, "poppler: \($0)") }
    let count = document.pageCount
    guard count > 0 else { throw .noPages(path: path) }
    let wanted = settings.pages.map(Set.init)
    // Rules straight from the content streams (fast); a page that reader cannot read is drawn
    // through cairo's script surface instead (slow, but poppler reads whatever it can).
    // The reader also finds pages too big for poppler (decompression bombs, a stream named
    // thousands of times): they are left unread rather than handed to it. With a password the
    // structure is encrypted, and poppler alone reads it; without rules (`--no-rules`) nothing
    // is checked.
    let reading = settings.readsRules && settings.password == nil ? ContentStreamRuleReader().read(bytes, pages: wanted) : nil
    let streamDrawings = reading?.drawings
    // A file that is not encrypted but whose structure the reader refused is damaged: poppler
    // rebuilds it, and drawing its pages is not bounded (a damaged embedded font is loaded again
    // for every run of text: one font of 500 KB made a page take 23 s). Its pages keep their
    // glyphs but are not drawn, so they have no rules; and when a stream in it is a
    // decompression bomb no page is read at all (poppler's text alone took minutes over it).
    let damaged =
      settings.readsRules && settings.password == nil && reading == nil && !Self.declaresEncryption(bytes)
    let unreadable = damaged ? ContentStreamRuleReader.oversizedRawStream(in: bytes) : nil
    if damaged, unreadable == nil {
      diagnostics.append(
        Diagnostic(
          .warning, .extract,
          "the file's structure is damaged (poppler repairs it): its pages are not drawn, so they have no ruling lines"))
    }
    var device: ScriptDevice?
    let reader = ScriptRuleReader()
    // OCR: an engine made when the first page needs it.
    // OCR: engines made when the first page needs them, one per thread; the scanned pages'
    // images wait in `pending` (rendering is poppler's, on this thread) until a thread each.
    var recognizers: [TesseractRecognizer] = []
    var recognizerError: TesseractRecognizer.InitError?
    var ocrPages: [Int] = []
    var pending: [(index: Int, image: GrayImage)] = []
    func readPending() {
      guard !pending.isEmpty else { return }
      let work = pending
      pending.removeAll()
      let results = Self.scan(work.map(\.image), with: recognizers)
      for (item, scan) in zip(work, results) {
        pages[item.index].glyphs = scan.glyphs
        pages[item.index].fonts = ["OCR"]
        pages[item.index].rules = scan.rules
        pages[item.index].figureReadings = scan.figureReadings
        pages[item.index].textReadings = scan.textReadings
        diagnostics += Self.ocrDiagnostics(scan, page: pages[item.index].number)
      }
    }
    var pages: [RawPage] = []
    for index in 0..<count {
      let number = index + 1
      if let wanted, !wanted.contains(number) { continue }
      guard let page = document.page(at: index) else {
        diagnostics.append(Diagnostic(.error, .extract, "poppler cannot load the page", page: number))
        continue
      }
      if let reason = reading?.oversizedPages[number] ?? unreadable.map({ "the file's structure is damaged and \($0)" }) {
        diagnostics.append(Diagnostic(.error, .extract, "the page is not read: \(reason)", page: number))
        pages.append(RawPage(number: number, size: page.size, fonts: [], glyphs: []))
        continue
      }
      let (glyphs, fonts, mismatch) = page.glyphs()
      var raw = RawPage(number: number, size: page.size, fonts: fonts, glyphs: glyphs)
      var glyphRuns = 0
      var images = 0
      if let drawing = streamDrawings?[number] {
        raw.rules = drawing.rules.map(Rule.init)
        raw.drawingOperations = drawing.drawingOperations
        glyphRuns = drawing.glyphRuns
        images = drawing.images
      } else if settings.readsRules, !damaged {
        if device == nil { device = ScriptDevice() }
        if let device {
          let drawing = reader.read(page.drawing(into: device))
          raw.rules = drawing.rules
          raw.drawingOperations = drawing.drawingOperations
          glyphRuns = drawing.glyphRuns
          images = drawing.images
        }
      }
      let messages = Self.unique(PopplerLog.drain())
      diagnostics += messages.map { Diagnostic(.warning, .extract, "poppler: \($0)", page: number) }
      // A scanned page: images and (almost) no text.
      let scanned = images > 0 && raw.glyphs.lazy.filter { !$0.scalar.properties.isWhitespace }.count < Self.scannedTextLimit
      if settings.ocr == .always || (settings.ocr == .auto && scanned) {
        while recognizers.count < settings.ocrJobs && recognizerError == nil {
          do throws(TesseractRecognizer.InitError) { recognizers.append(try TesseractRecognizer()) } catch { recognizerError = error }
        }
        if !recognizers.isEmpty, let image = page.grayImage(dpi: Self.ocrResolution) {
          raw.glyphs = []
          ocrPages.append(number)
          pending.append((pages.count, image))
          pages.append(raw)
          if pending.count >= recognizers.count { readPending() }
          continue
        } else if let recognizerError {
          diagnostics.append(Diagnostic(.error, .extract, "the page needs OCR, which is unavailable: \(recognizerError)", page: number))
        }
      }
      if mismatch {
        diagnostics.append(
          Diagnostic(.warning, .extract, "poppler gave a different number of boxes than characters", page: number))
      }
      if raw.glyphs.allSatisfy({ $0.scalar.properties.isWhitespace }) {
        if glyphRuns > 0 {
          diagnostics.append(
            Diagnostic(
              .warning, .extract,
              "the page draws text but its text layer is empty (is poppler-data installed? a font may lack a unicode map)",
              page: number))
        } else if !messages.isEmpty {
          diagnostics.append(
            Diagnostic(.warning, .extract, "the page is empty and poppler reported problems: its content may be damaged", page: number))
        } else if settings.readsRules, !damaged, raw.drawingOperations == 0 {
          diagnostics.append(Diagnostic(.note, .extract, "the page is blank", page: number))
        } else if images > 0 {
          // A scanned page: images and no text. Said once per page, never silently empty.
          diagnostics.append(
            Diagnostic(
              .warning, .extract,
              "the page has no text layer, only images (a scanned page?): its content is not read (\(settings.ocr == .never ? "OCR is off" : "OCR could not read it"))",
              page: number))
        }
      }
      pages.append(raw)
    }
    readPending()
    var source = RawDocument.Source(file: name, sha256: digest, pages: count, input: .pdf)
    source.ocrPages = ocrPages
    var raw = RawDocument(source: source, pages: pages, diagnostics: diagnostics.sorted())
    if !ocrPages.isEmpty { raw.recognizerCharacters = recognizers.first?.characters }
    return raw
  }

  /// Reads scanned page images, as many at once as there are engines (each used by one thread).
  static func scan(_ images: [GrayImage], with recognizers: [TesseractRecognizer]) -> [ScanPageReader.Result] {
    let results = Mutex<[Int: ScanPageReader.Result]>([:])
    let engines = UncheckedEngines(recognizers)
    let stride = recognizers.count
    DispatchQueue.concurrentPerform(iterations: min(images.count, stride)) { slot in
      var index = slot
      while index < images.count {
        let result = ScanPageReader().read(images[index], recognizer: engines.recognizers[slot])
        results.withLock { $0[index] = result }
        index += stride
      }
    }
    return results.withLock { found in images.indices.map { found[$0] ?? ScanPageReader.Result.empty } }
  }

  /// The engines handed to the threads that read pages: each thread uses only its own.
  private struct UncheckedEngines: @unchecked Sendable {
    let recognizers: [TesseractRecognizer]
    init(_ recognizers: [TesseractRecognizer]) { self.recognizers = recognizers }
  }

  /// Fewer characters than this on a page that draws images: a scanned page (a page number or a
  /// stamp's text is not a text layer).
  static let scannedTextLimit = 5

  /// A note that the page was read by OCR, and a warning for each run of glyphs the recognizer
  /// was unsure of (their text, box and confidence).
  static func ocrDiagnostics(_ scan: ScanPageReader.Result, page: Int) -> [Diagnostic] {
    [
      Diagnostic(
        .note, .extract,
        "read by OCR (Tesseract): \(scan.glyphs.count) characters, \(scan.cells) table cells, \(scan.rules.count) ruling lines, skew \(scan.skew)°",
        page: page)
    ] + lowConfidenceDiagnostics(scan.glyphs, confidences: scan.confidences, below: scan.lowConfidence, page: page)
  }

  /// A warning for each run of glyphs the recognizer was unsure of (their text, box and
  /// confidence).
  static func lowConfidenceDiagnostics(_ glyphs: [Glyph], confidences: [Double], below limit: Double, page: Int) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var index = 0
    while index < glyphs.count {
      guard confidences[index] < limit else {
        index += 1
        continue
      }
      // The unsure glyph with its neighbours on the same line (the number or word it is in).
      var start = index
      while start > 0, Self.sameLine(glyphs[start - 1], glyphs[start]) { start -= 1 }
      var end = index + 1
      while end < glyphs.count, Self.sameLine(glyphs[end - 1], glyphs[end]) { end += 1 }
      let run = glyphs[start..<end]
      let confidence = confidences[start..<end].min() ?? 0
      let box = Box(
        x0: run.map(\.box.x0).min() ?? 0, top: run.map(\.box.top).min() ?? 0, x1: run.map(\.box.x1).max() ?? 0,
        bottom: run.map(\.box.bottom).max() ?? 0)
      let text = String(String.UnicodeScalarView(run.map(\.scalar)))
      diagnostics.append(
        Diagnostic(.warning, .extract, "OCR is unsure of “\(text)” (confidence \(Int(confidence.rounded())))", page: page, box: box))
      index = end
    }
    return diagnostics
  }

  /// Whether two glyphs in reading order are neighbours on one line.
  private static func sameLine(_ a: Glyph, _ b: Glyph) -> Bool {
    abs(a.box.top - b.box.top) < 2 && b.box.x0 >= a.box.x0 && b.box.x0 - a.box.x1 < max(a.box.bottom - a.box.top, 4)
  }
}
