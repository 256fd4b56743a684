internal import CPoppler

/// A cairo script device shared by the pages of one document, so embedded fonts are written
/// once per document instead of once per page.
final class ScriptDevice {
  private let sink = ByteSink()
  private let device: OpaquePointer?

  init() {
    let closure = Unmanaged.passUnretained(sink).toOpaque()
    device = cairo_script_create_for_stream(
      { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_SUCCESS }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
      }, closure)
  }

  deinit {
    if let device {
      cairo_device_finish(device)
      cairo_device_destroy(device)
    }
  }

  /// Runs `draw` on a fresh surface of the given size and returns the script it produced.
  func record(width: Double, height: Double, _ draw: (OpaquePointer) -> Void) -> [UInt8] {
    guard let device, let surface = cairo_script_surface_create(device, CAIRO_CONTENT_COLOR_ALPHA, width, height)
    else { return [] }
    if let cairo = cairo_create(surface) {
      draw(cairo)
      cairo_destroy(cairo)
    }
    cairo_surface_finish(surface)
    cairo_surface_destroy(surface)
    cairo_device_flush(device)
    let bytes = sink.bytes
    sink.bytes.removeAll(keepingCapacity: true)
    return bytes
  }
}
