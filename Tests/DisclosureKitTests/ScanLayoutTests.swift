@testable import DisclosureKit
import Foundation
import Testing

/// The geometry of a scanned page from its pixels alone, on images drawn here.
@Suite("Scan layout: skew, ruling lines and cells from pixels")
struct ScanLayoutTests {
  /// A white page at 150 dpi with a grid of `rows` × `columns` cells drawn in 2-pixel lines,
  /// turned by `degrees` (clockwise), and a few specks.
  static func grid(rows: Int, columns: Int, degrees: Double) -> GrayImage {
    let width = 1240
    let height = 900
    var pixels = [UInt8](repeating: 255, count: width * height)
    let left = 100, top = 150, cellWidth = 200, cellHeight = 60
    let slope = tan(degrees * .pi / 180)
    func ink(_ x: Double, _ y: Double) {
      // Turned about the image's centre.
      let dx = x - Double(width) / 2, dy = y - Double(height) / 2
      let tx = Int((dx * cos(degrees * .pi / 180) - dy * sin(degrees * .pi / 180) + Double(width) / 2).rounded())
      let ty = Int((dx * sin(degrees * .pi / 180) + dy * cos(degrees * .pi / 180) + Double(height) / 2).rounded())
      if tx >= 0, ty >= 0, tx < width, ty < height { pixels[ty * width + tx] = 20 }
    }
    _ = slope
    for row in 0...rows {
      for x in left...(left + columns * cellWidth) {
        for t in 0..<2 { ink(Double(x), Double(top + row * cellHeight + t)) }
      }
    }
    for column in 0...columns {
      for y in top...(top + rows * cellHeight + 1) {
        for t in 0..<2 { ink(Double(left + column * cellWidth + t), Double(y)) }
      }
    }
    for (x, y) in [(40, 40), (700, 820), (1100, 60)] { pixels[y * width + x] = 0 }
    return GrayImage(width: width, height: height, dpi: 150, pixels: pixels)
  }

  @Test("a grid turned by 0.7°: the skew found to a tenth of a degree, every line and every cell", arguments: [0.0, 0.7, -0.5])
  func turnedGrid(degrees: Double) {
    let layout = ScanLayout(Self.grid(rows: 4, columns: 5, degrees: degrees))
    #expect(abs(layout.skew - degrees) <= 0.1, "skew \(layout.skew)")
    #expect(layout.lines.filter(\.horizontal).count == 5)
    #expect(layout.lines.filter { !$0.horizontal }.count == 6)
    #expect(layout.cells.count == 20)
  }

  @Test("a blank page: no skew, no lines, no cells")
  func blank() {
    let layout = ScanLayout(GrayImage(width: 300, height: 200, dpi: 150, pixels: [UInt8](repeating: 250, count: 60_000)))
    #expect(layout.skew == 0 && layout.lines.isEmpty && layout.cells.isEmpty)
  }

  @Test("in tight rows of thick lines a character's stroke is no border, and a border that text touches is still one")
  func strokesAndBorders() {
    // 300 dpi, rows 63 pixels apart, lines 6 pixels thick (a scan turned and turned back).
    let width = 1200, height = 700
    var pixels = [UInt8](repeating: 255, count: width * height)
    func fill(_ x: Range<Int>, _ y: Range<Int>) {
      for row in y { for column in x { pixels[row * width + column] = 20 } }
    }
    let left = 100, right = 1100, top = 100, rows = 8, pitch = 63
    for row in 0...rows { fill(left..<right, (top + row * pitch)..<(top + row * pitch + 6)) }
    let borders = [left, 600, right - 6]
    for x in borders { fill(x..<(x + 6), top..<(top + rows * pitch + 6)) }
    // In the first row, a character: a stroke 45 pixels tall (the row's inner space is 57) and
    // a bar across it.
    fill(300..<304, (top + 12)..<(top + 57))
    fill(285..<320, (top + 30)..<(top + 34))
    // In the third row, a long label run into the middle border: strokes touching it.
    let third = top + 2 * pitch
    for x in stride(from: 560, to: 600, by: 8) { fill(x..<(x + 4), (third + 14)..<(third + 52)) }
    fill(560..<600, (third + 30)..<(third + 34))
    let layout = ScanLayout(GrayImage(width: width, height: height, dpi: 300, pixels: pixels))
    let verticals = layout.lines.filter { !$0.horizontal }.map { $0.rect.x + $0.rect.width / 2 }.sorted()
    #expect(verticals.count == 3, "\(verticals)")
    #expect(zip(verticals, borders).allSatisfy { abs($0 - ($1 + 3)) <= 3 }, "\(verticals)")
    #expect(layout.cells.count == rows * 2)
  }

  @Test("a column border that fades a little short of a row border is taken to it; one that stops a row lower is not")
  func fadedEnds() {
    // 300 dpi: up to 30 pixels (a tenth of an inch) is joined.
    let top = ScanLayout.Line(horizontal: true, rect: PixelRect(x: 100, y: 100, width: 800, height: 4))
    let bottom = ScanLayout.Line(horizontal: true, rect: PixelRect(x: 100, y: 400, width: 800, height: 4))
    let faded = ScanLayout.Line(horizontal: false, rect: PixelRect(x: 500, y: 124, width: 3, height: 260))
    let joined = ScanLayout.joined(faded, to: [top, bottom], within: 30)
    #expect(joined.rect.y == 102 && joined.rect.maxY == 403 && joined.rect.x == 500)
    // Starting 60 pixels below the top line (under a header spanning columns): left alone.
    let lower = ScanLayout.Line(horizontal: false, rect: PixelRect(x: 500, y: 164, width: 3, height: 236))
    #expect(ScanLayout.joined(lower, to: [top, bottom], within: 30).rect.y == 164)
    // A horizontal line that does not cross the column's x is not joined.
    let aside = ScanLayout.Line(horizontal: false, rect: PixelRect(x: 950, y: 124, width: 3, height: 260))
    #expect(ScanLayout.joined(aside, to: [top, bottom], within: 30).rect == aside.rect)
  }
}
