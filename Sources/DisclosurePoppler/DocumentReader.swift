import DisclosureKit
import Foundation
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

    /// Creates settings.
    public init(password: String? = nil, pages: [Int]? = nil, readsRules: Bool = true) {
      self.password = password
      self.pages = pages
      self.readsRules = readsRules
    }
  }

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
    guard ext == "txt" || ext == "text" else {
      if ext == "pdf" { throw .notPDF(path: path) }
      throw .unsupported(path: path, reason: "expected a .pdf or a .txt file")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .notText(path: path, reason: "not valid utf-8")
    }
    if text.unicodeScalars.contains(where: { $0.value == 0 }) {
      throw .notText(path: path, reason: "holds nul bytes")
    }
    var diagnostics: [Diagnostic] = []
    var (pages, _) = TextLayerReader().pages(in: text, diagnostics: &diagnostics)
    let total = pages.count
    if let wanted = settings.pages { pages = pages.filter { wanted.contains($0.number) } }
    return RawDocument(
      source: .init(file: name, sha256: digest, pages: total, input: .text), pages: pages,
      diagnostics: diagnostics.sorted())
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
              "the page has no text layer, only images (a scanned page?): its content is not read (no OCR)",
              page: number))
        }
      }
      pages.append(raw)
    }
    return RawDocument(
      source: .init(file: name, sha256: digest, pages: count, input: .pdf), pages: pages,
      diagnostics: diagnostics.sorted())
  }
}
