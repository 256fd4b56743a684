internal import CPoppler
import DisclosureKit

/// Owns one `PopplerDocument`. Not `Sendable`: poppler crashes when pages of one document are
/// rendered from several threads, so each task opens its own.
final class PDFDocument {
  private let handle: OpaquePointer
  let path: String

  /// Opens the PDF at `path` (absolute or relative) with an optional password.
  init(path: String, absolutePath: String, password: String?) throws(DocumentError) {
    Poppler.warmUp()
    self.path = path
    guard let escaped = g_filename_to_uri(absolutePath, nil, nil) else {
      throw .unreadable(path: path, reason: "the path cannot be made into a file uri")
    }
    defer { g_free(escaped) }
    var error: UnsafeMutablePointer<GError>?
    // poppler_document_new_from_file, never _from_bytes: the latter segfaults on a wrong
    // non-NULL password.
    let document = poppler_document_new_from_file(escaped, password, &error)
    guard let document else {
      var code: Int32 = -1
      var message = "unknown error"
      if let error {
        if error.pointee.domain == disclosure_poppler_error_quark() { code = error.pointee.code }
        if let text = error.pointee.message { message = String(cString: text) }
        g_error_free(error)
      }
      switch code {
      case Int32(POPPLER_ERROR_ENCRYPTED.rawValue):
        throw password == nil ? .encrypted(path: path) : .wrongPassword(path: path)
      case Int32(POPPLER_ERROR_OPEN_FILE.rawValue):
        throw .unreadable(path: path, reason: message.lowercased())
      default:
        throw .damaged(path: path, reason: message.lowercased())
      }
    }
    handle = document
    if let error { g_error_free(error) }
  }

  deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

  private var document: OpaquePointer { handle }

  var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

  /// The page at 0-based `index`, or nil when poppler cannot load it.
  func page(at index: Int) -> PDFPage? {
    guard let page = poppler_document_get_page(document, Int32(index)) else { return nil }
    return PDFPage(page)
  }
}

/// Owns one `PopplerPage`.
final class PDFPage {
  private let handle: OpaquePointer

  init(_ handle: OpaquePointer) { self.handle = handle }

  deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

  var page: OpaquePointer { handle }

  /// Width and height in points.
  var size: RawPage.Size {
    var width = 0.0
    var height = 0.0
    poppler_page_get_size(page, &width, &height)
    return RawPage.Size(width: width, height: height)
  }

  /// Every scalar of the page text with its box, font and size; newlines dropped.
  func glyphs() -> (glyphs: [Glyph], fonts: [String], mismatch: Bool) {
    guard let text = poppler_page_get_text(page) else { return ([], [], false) }
    defer { g_free(text) }
    let scalars = Array(String(cString: text).unicodeScalars)
    var rectangles: UnsafeMutablePointer<PopplerRectangle>?
    var count: UInt32 = 0
    guard poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles else {
      return ([], [], !scalars.isEmpty)
    }
    defer { g_free(rectangles) }
    let usable = min(Int(count), scalars.count)

    // Font name and size per scalar index, from the attribute runs.
    var fontOf = [Int](repeating: 0, count: usable)
    var sizeOf = [Double](repeating: 0, count: usable)
    var fonts: [String] = []
    var fontIndex: [String: Int] = [:]
    if let attributes = poppler_page_get_text_attributes(page) {
      var node: UnsafeMutablePointer<GList>? = attributes
      while let current = node {
        if let raw = current.pointee.data {
          let attribute = raw.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
          let name = attribute.font_name.map { String(cString: $0) } ?? ""
          let index: Int
          if let known = fontIndex[name] {
            index = known
          } else {
            index = fonts.count
            fonts.append(name)
            fontIndex[name] = index
          }
          let lower = max(0, Int(attribute.start_index))
          let upper = min(usable - 1, Int(attribute.end_index))
          if lower <= upper {
            for i in lower...upper {
              fontOf[i] = index
              sizeOf[i] = attribute.font_size
            }
          }
        }
        node = current.pointee.next
      }
      poppler_page_free_text_attributes(attributes)
    }

    var glyphs: [Glyph] = []
    glyphs.reserveCapacity(usable)
    for i in 0..<usable {
      let scalar = scalars[i]
      if scalar == "\n" || scalar == "\r" { continue }
      let r = rectangles[i]
      glyphs.append(
        Glyph(
          scalar: scalar,
          box: Box(x0: min(r.x1, r.x2), top: min(r.y1, r.y2), x1: max(r.x1, r.x2), bottom: max(r.y1, r.y2)),
          font: fontOf[i], fontSize: sizeOf[i]))
    }
    return (glyphs, fonts, Int(count) != scalars.count)
  }

  /// Renders the page into `device`'s script surface and returns what it wrote.
  func drawing(into device: ScriptDevice) -> [UInt8] {
    let size = self.size
    return device.record(width: size.width, height: size.height) { cairo in
      poppler_page_render(page, cairo)
    }
  }
}
