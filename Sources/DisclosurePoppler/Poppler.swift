internal import CLCMS
internal import CPoppler
import Foundation

/// Process-wide poppler set-up.
enum Poppler {
  /// A one-page PDF, opened once before any parallel work: poppler initialises global state
  /// (fonts, the error callback) lazily, and doing that from two threads at once is unsafe.
  private static let tinyPDF = """
    %PDF-1.1
    1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
    2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
    3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj
    trailer<</Root 1 0 R>>
    %%EOF
    """

  private static let warm: Bool = {
    // The log handler first: even this tiny file makes poppler talk (it has no xref table).
    PopplerLog.install()
    // Colour transforms linked once per process, not once per page (see CLCMS's shim); before
    // poppler builds any.
    _ = disclosure_lcms_cache_links()
    let bytes = Array(tinyPDF.utf8)
    let gbytes = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
    defer { g_bytes_unref(gbytes) }
    // A NULL password here: _from_bytes crashes on a wrong non-NULL one.
    if let document = poppler_document_new_from_bytes(gbytes, nil, nil) {
      if let page = poppler_document_get_page(document, 0) {
        if let text = poppler_page_get_text(page) { g_free(text) }
        g_object_unref(UnsafeMutableRawPointer(page))
      }
      g_object_unref(UnsafeMutableRawPointer(document))
    }
    return true
  }()

  /// Initialises poppler once; call before going parallel (every reader calls it).
  static func warmUp() { _ = warm }

  /// How many ICC colour links lcms made in this process, and how many were copies of an
  /// earlier one (the cache in CLCMS's shim).
  static var colourLinks: (linked: Int, reused: Int) {
    var linked = 0
    var reused = 0
    disclosure_lcms_link_counts(&linked, &reused)
    return (linked, reused)
  }
}
