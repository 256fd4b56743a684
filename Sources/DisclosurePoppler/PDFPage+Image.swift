internal import CPoppler
import DisclosureKit

extension PDFPage {
  /// The page rendered at `dpi` as an 8-bit grey image on white (for OCR), at a lower resolution
  /// when that would take more than `maxPixels` (a poster-sized page, or a hostile page size).
  /// Nil when cairo cannot make a surface of that size.
  func grayImage(dpi wanted: Double, maxPixels: Double = 80_000_000) -> GrayImage? {
    let size = self.size
    guard size.width > 0, size.height > 0 else { return nil }
    let fitting = (maxPixels / (size.width / 72 * size.height / 72)).squareRoot()
    let dpi = min(wanted, fitting)
    let scale = dpi / 72
    let width = Int((size.width * scale).rounded(.up))
    let height = Int((size.height * scale).rounded(.up))
    guard width > 0, height > 0, width <= 20_000, height <= 20_000 else { return nil }
    guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else { return nil }
    defer { cairo_surface_destroy(surface) }
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cairo = cairo_create(surface) else { return nil }
    cairo_set_source_rgb(cairo, 1, 1, 1)
    cairo_paint(cairo)
    cairo_scale(cairo, scale, scale)
    poppler_page_render_for_printing(page, cairo)
    cairo_destroy(cairo)
    cairo_surface_flush(surface)
    guard let data = cairo_image_surface_get_data(surface) else { return nil }
    let stride = Int(cairo_image_surface_get_stride(surface))
    var pixels = [UInt8](repeating: 255, count: width * height)
    pixels.withUnsafeMutableBufferPointer { grey in
      for y in 0..<height {
        let row = data + y * stride
        for x in 0..<width {
          // CAIRO_FORMAT_RGB24: a native-endian 32-bit 0x00RRGGBB per pixel.
          let pixel = UnsafeRawPointer(row + 4 * x).loadUnaligned(as: UInt32.self)
          let r = (pixel >> 16) & 0xFF
          let g = (pixel >> 8) & 0xFF
          let b = pixel & 0xFF
          grey[y * width + x] = UInt8((r * 299 + g * 587 + b * 114) / 1000)
        }
      }
    }
    return GrayImage(width: width, height: height, dpi: dpi, pixels: pixels)
  }
}
