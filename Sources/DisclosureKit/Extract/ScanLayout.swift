import Foundation

/// The geometry of a scanned page image: how far it is turned, its ruling lines and the cells
/// they enclose, found from the pixels alone (a scan has no drawing to read them from).
///
/// - Skew: the angle (within ±`maxSkew` degrees) at which the pieces of long dark runs line up
///   best in rows, and the image turned back by it.
/// - Ruling lines: dark runs along a row (or a column) longer than a character could draw,
///   merged across the adjacent rows a line's thickness covers. A short vertical run counts only
///   when both its ends meet horizontal lines and it spans four fifths of the space between them
///   (a cell border, not a character's stroke).
/// - Cells: the regions of the image that lines enclose on every side, found by filling the
///   space between the lines on a coarse grid.
public struct ScanLayout: Sendable {
  /// A ruling line in pixels of the straightened image.
  public struct Line: Sendable, Hashable {
    /// Across the page (a row border) or down it.
    public var horizontal: Bool
    /// Its extent, thickness included.
    public var rect: PixelRect
  }

  /// The straightened image.
  public var image: GrayImage
  /// The angle the scan was turned by, in degrees (positive: clockwise), and turned back.
  public var skew: Double
  /// The grey level below which a pixel is ink.
  public var threshold: UInt8
  /// The ruling lines.
  public var lines: [Line]
  /// The regions lines enclose on every side, top to bottom, left to right.
  public var cells: [PixelRect]

  /// The largest skew looked for, in degrees.
  public static let maxSkew = 2.0

  /// Analyses `image`.
  public init(_ image: GrayImage) {
    let threshold = Self.threshold(image)
    let skew = Self.skew(image, threshold: threshold)
    let straight = abs(skew) < 0.02 ? image : Self.rotated(image, degrees: -skew)
    self.image = straight
    self.skew = skew
    self.threshold = threshold
    let lines = Self.lines(straight, threshold: threshold)
    self.lines = lines
    cells = Self.cells(straight, lines: lines)
  }

  // MARK: Ink

  /// Otsu's threshold over the grey histogram, kept between 60 and 200 (a page of little ink
  /// must not make paper grain ink).
  static func threshold(_ image: GrayImage) -> UInt8 {
    UInt8(min(200, max(60, otsuLevel(image))))
  }

  /// Otsu's level of `image`: the grey that best splits its histogram into ink and paper (128
  /// for an empty image).
  static func otsuLevel(_ image: GrayImage) -> Int {
    var histogram = [Int](repeating: 0, count: 256)
    image.pixels.withUnsafeBufferPointer { pixels in
      for value in pixels { histogram[Int(value)] += 1 }
    }
    let total = Double(image.pixels.count)
    guard total > 0 else { return 128 }
    var sum = 0.0
    for (level, count) in histogram.enumerated() { sum += Double(level * count) }
    var weightBelow = 0.0
    var sumBelow = 0.0
    var best = 0.0
    var threshold = 128
    for level in 0..<256 {
      weightBelow += Double(histogram[level])
      guard weightBelow > 0 else { continue }
      let weightAbove = total - weightBelow
      guard weightAbove > 0 else { break }
      sumBelow += Double(level * histogram[level])
      let meanBelow = sumBelow / weightBelow
      let meanAbove = (sum - sumBelow) / weightAbove
      let between = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove)
      if between > best {
        best = between
        threshold = level
      }
    }
    return threshold
  }

  // MARK: Skew

  /// The skew in degrees: the angle at which the pieces (a tenth of an inch long) of long
  /// horizontal dark runs fall into the fewest rows (the sharpest projection), searched coarse
  /// then fine.
  static func skew(_ image: GrayImage, threshold: UInt8) -> Double {
    let minimum = max(8, Int(image.dpi * 0.1))
    var points: [(x: Double, y: Double, weight: Double)] = []
    image.pixels.withUnsafeBufferPointer { pixels in
      var y = 0
      while y < image.height {
        let row = y * image.width
        var x = 0
        while x < image.width {
          guard pixels[row + x] < threshold else {
            x += 1
            continue
          }
          let start = x
          while x < image.width && pixels[row + x] < threshold { x += 1 }
          // A long run counts as pieces along it: as one point at its middle, a rule straight
          // across a straight page would be at that middle's height at any angle (a table ruled
          // across the page's width, its middles at the page's centre, read as turned 1.4°).
          if x - start >= minimum {
            var piece = start
            while piece < x {
              let end = x - piece < 2 * minimum ? x : piece + minimum
              points.append((Double(piece + end) / 2, Double(y), Double(end - piece)))
              piece = end
            }
          }
        }
        y += 1
      }
    }
    guard points.count >= 20 else { return 0 }
    let centreX = Double(image.width) / 2
    func score(_ degrees: Double) -> Double {
      let slope = tan(degrees * .pi / 180)
      var bins: [Int: Double] = [:]
      for point in points {
        let projected = Int((point.y - (point.x - centreX) * slope).rounded())
        bins[projected, default: 0] += point.weight
      }
      return bins.values.reduce(0) { $0 + $1 * $1 }
    }
    var best = 0.0
    var bestScore = score(0)
    var step = 0.1
    var low = -maxSkew
    var high = maxSkew
    for _ in 0..<2 {
      var angle = low
      while angle <= high + 1e-9 {
        let value = score(angle)
        if value > bestScore * 1.0001 {
          bestScore = value
          best = angle
        }
        angle += step
      }
      low = best - step
      high = best + step
      step /= 10
    }
    return (best * 100).rounded() / 100
  }

  /// `image` turned by `degrees` (positive: clockwise) about its centre, nearest pixel, white
  /// where nothing maps.
  static func rotated(_ image: GrayImage, degrees: Double) -> GrayImage {
    let angle = degrees * .pi / 180
    let cosine = cos(angle)
    let sine = sin(angle)
    let cx = Double(image.width) / 2
    let cy = Double(image.height) / 2
    var out = [UInt8](repeating: 255, count: image.pixels.count)
    image.pixels.withUnsafeBufferPointer { source in
      out.withUnsafeMutableBufferPointer { target in
        for y in 0..<image.height {
          let dy = Double(y) - cy
          // Each target pixel takes the source pixel that turning it back lands on.
          var sx = cosine * (-cx) + sine * dy + cx
          var sy = -sine * (-cx) + cosine * dy + cy
          for x in 0..<image.width {
            let ix = Int(sx.rounded())
            let iy = Int(sy.rounded())
            if ix >= 0, iy >= 0, ix < image.width, iy < image.height {
              target[y * image.width + x] = source[iy * image.width + ix]
            }
            sx += cosine
            sy -= sine
          }
        }
      }
    }
    return GrayImage(width: image.width, height: image.height, dpi: image.dpi, pixels: out)
  }

  // MARK: Lines

  /// Horizontal and vertical ruling lines.
  static func lines(_ image: GrayImage, threshold: UInt8) -> [Line] {
    let gap = max(1, Int(image.dpi * 0.008))
    let longRun = Int(image.dpi * 0.3)
    let shortRun = Int(image.dpi * 0.12)
    let thickest = max(3, Int(image.dpi * 0.035))
    let horizontals = merged(
      runs(image, threshold: threshold, horizontal: true, gap: gap, minimum: longRun), horizontal: true, thickest: thickest)
    let verticalCandidates = merged(
      runs(image, threshold: threshold, horizontal: false, gap: gap, minimum: shortRun), horizontal: false,
      thickest: thickest)
    // A vertical line: long, or both its ends on horizontal lines (a cell's side).
    let reach = max(4, Int(image.dpi * 0.03))
    func meeting(_ y: Int, _ x: Int) -> Line? {
      horizontals.first { line in
        line.rect.x - reach <= x && x <= line.rect.maxX + reach && abs(y - (line.rect.y + line.rect.height / 2)) <= reach + line.rect.height / 2
      }
    }
    let verticals = verticalCandidates.filter { line in
      let x = line.rect.x + line.rect.width / 2
      if line.rect.height >= Int(image.dpi * 0.6) && line.rect.width <= thickest { return true }
      // A cell's side spans the space between the lines it meets; a character's stroke, as
      // tall as a tight row, leaves a margin above and below it.
      guard let top = meeting(line.rect.y, x), let bottom = meeting(line.rect.maxY, x) else { return false }
      let space = bottom.rect.y - top.rect.maxY
      return space <= 0 || line.rect.height * 5 >= space * 4
    }
    return horizontals + verticals.map { joined($0, to: horizontals, within: Int(image.dpi * 0.1)) }
  }

  /// `vertical` with each end that stops short of a horizontal line it crosses by `within` or
  /// less taken to that line: a scanned line fades where it meets another (a header row's
  /// column border starting 5 points below the row's top), and a gap there joins two cells.
  /// A column border that starts a row lower (under a header spanning columns) stops more than
  /// a tenth of an inch short and stays as it is.
  static func joined(_ vertical: Line, to horizontals: [Line], within: Int) -> Line {
    let x = vertical.rect.x + vertical.rect.width / 2
    let crossing = horizontals.filter { $0.rect.x <= x && x < $0.rect.maxX }
    var top = vertical.rect.y
    var bottom = vertical.rect.maxY
    if let above = crossing.filter({ $0.rect.y < top && top - $0.rect.maxY <= within }).max(by: { $0.rect.y < $1.rect.y }) {
      top = min(top, above.rect.y + above.rect.height / 2)
    }
    if let below = crossing.filter({ $0.rect.maxY > bottom && $0.rect.y - bottom <= within }).min(by: { $0.rect.y < $1.rect.y }) {
      bottom = max(bottom, below.rect.y + below.rect.height / 2 + 1)
    }
    var line = vertical
    line.rect = PixelRect(x: vertical.rect.x, y: top, width: vertical.rect.width, height: bottom - top)
    return line
  }

  /// Dark runs at least `minimum` long along each row (or column), bridging gaps up to `gap`:
  /// (position across, start, end).
  static func runs(_ image: GrayImage, threshold: UInt8, horizontal: Bool, gap: Int, minimum: Int) -> [(Int, Int, Int)] {
    var found: [(Int, Int, Int)] = []
    let lanes = horizontal ? image.height : image.width
    let length = horizontal ? image.width : image.height
    image.pixels.withUnsafeBufferPointer { pixels in
      for lane in 0..<lanes {
        var start = -1
        var lastDark = -1
        for along in 0..<length {
          let index = horizontal ? lane * image.width + along : along * image.width + lane
          if pixels[index] < threshold {
            if start < 0 || along - lastDark > gap + 1 {
              if start >= 0, lastDark - start + 1 >= minimum { found.append((lane, start, lastDark + 1)) }
              start = along
            }
            lastDark = along
          }
        }
        if start >= 0, lastDark - start + 1 >= minimum { found.append((lane, start, lastDark + 1)) }
      }
    }
    return found
  }

  /// A group of runs on adjacent lanes: its lanes, its extent along them, and how much of each
  /// lane its runs cover (index: lane - first).
  struct RunGroup {
    var first: Int
    var last: Int
    var start: Int
    var end: Int
    var coverage: [Int]

    /// This group with `other`'s lanes, extent and coverage added.
    mutating func absorb(_ other: RunGroup) {
      let newFirst = min(first, other.first)
      let newLast = max(last, other.last)
      var merged = [Int](repeating: 0, count: newLast - newFirst + 1)
      for (offset, length) in coverage.enumerated() { merged[first - newFirst + offset] += length }
      for (offset, length) in other.coverage.enumerated() { merged[other.first - newFirst + offset] += length }
      (first, last, start, end, coverage) = (newFirst, newLast, min(start, other.start), max(end, other.end), merged)
    }
  }

  /// Runs on adjacent lanes that overlap merged into lines no thicker than `thickest`. A group
  /// thicker than that whose well-covered lanes (half its extent or more) are a band no thicker
  /// is that band: a line with a character's strokes touching it (a long label run into a
  /// column's border) is still the line.
  static func merged(_ runs: [(Int, Int, Int)], horizontal: Bool, thickest: Int) -> [Line] {
    var open: [RunGroup] = []
    var done: [RunGroup] = []
    for (lane, start, end) in runs {
      var joined = false
      for index in open.indices where open[index].last >= lane - 1 {
        let overlap = min(end, open[index].end) - max(start, open[index].start)
        if overlap > (min(end - start, open[index].end - open[index].start)) / 2 {
          if lane > open[index].last { open[index].coverage.append(0) }
          open[index].last = max(open[index].last, lane)
          open[index].coverage[lane - open[index].first] += end - start
          open[index].start = min(open[index].start, start)
          open[index].end = max(open[index].end, end)
          joined = true
          break
        }
      }
      if !joined { open.append(RunGroup(first: lane, last: lane, start: start, end: end, coverage: [end - start])) }
      // Groups no run has continued for a lane are complete.
      if open.contains(where: { $0.last < lane - 1 }) {
        done += open.filter { $0.last < lane - 1 }
        open.removeAll { $0.last < lane - 1 }
      }
    }
    done += open
    // Pieces of one line (a blurred edge row whose runs break where the middle rows' do not)
    // joined: groups whose lanes touch and whose extents overlap or nearly meet.
    var joined = done
    var before = -1
    while joined.count != before {
      before = joined.count
      joined = Self.joinTouching(joined)
    }
    return joined.compactMap { group in
      var (first, last) = (group.first, group.last)
      if last - first + 1 > thickest {
        let extent = group.end - group.start
        let core = group.coverage.indices.filter { group.coverage[$0] * 2 >= extent }
        guard let low = core.first, let high = core.last, high - low + 1 <= thickest else { return nil }
        (first, last) = (group.first + low, group.first + high)
      }
      let thickness = last - first + 1
      let rect =
        horizontal
        ? PixelRect(x: group.start, y: first, width: group.end - group.start, height: thickness)
        : PixelRect(x: first, y: group.start, width: thickness, height: group.end - group.start)
      return Line(horizontal: horizontal, rect: rect)
    }
  }

  /// Groups whose lanes touch and whose extents overlap or nearly meet, joined.
  static func joinTouching(_ groups: [RunGroup]) -> [RunGroup] {
    var joined: [RunGroup] = []
    for group in groups.sorted(by: { ($0.first, $0.start) < ($1.first, $1.start) }) {
      if let index = joined.lastIndex(where: {
        $0.last >= group.first - 1 && group.last >= $0.first - 1 && $0.start <= group.end + 2 && group.start <= $0.end + 2
      }) {
        joined[index].absorb(group)
      } else {
        joined.append(group)
      }
    }
    return joined
  }

  // MARK: Cells

  /// The regions enclosed by lines on every side: connected spaces of a coarse grid (a cell of
  /// the grid is closed when a line crosses it) that do not reach the image's edge.
  static func cells(_ image: GrayImage, lines: [Line]) -> [PixelRect] {
    guard !lines.isEmpty else { return [] }
    let scale = max(1, Int(image.dpi / 75))
    let width = (image.width + scale - 1) / scale
    let height = (image.height + scale - 1) / scale
    var closed = [Bool](repeating: false, count: width * height)
    for line in lines {
      // Lines grow by a grid cell so that ones that almost meet still close a corner.
      let x0 = max(0, line.rect.x / scale - 1)
      let x1 = min(width - 1, (line.rect.maxX - 1) / scale + 1)
      let y0 = max(0, line.rect.y / scale - (line.horizontal ? 0 : 1))
      let y1 = min(height - 1, (line.rect.maxY - 1) / scale + (line.horizontal ? 0 : 1))
      guard x0 <= x1, y0 <= y1 else { continue }
      for y in y0...y1 {
        for x in (line.horizontal ? x0 : max(0, line.rect.x / scale))...(line.horizontal ? x1 : min(width - 1, (line.rect.maxX - 1) / scale)) {
          closed[y * width + x] = true
        }
      }
    }
    var label = [Int32](repeating: 0, count: width * height)
    var found: [PixelRect] = []
    var next: Int32 = 0
    var stack: [Int] = []
    for start in 0..<(width * height) where !closed[start] && label[start] == 0 {
      next += 1
      label[start] = next
      stack.append(start)
      var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
      var edge = false
      while let index = stack.popLast() {
        let x = index % width
        let y = index / width
        minX = min(minX, x)
        maxX = max(maxX, x)
        minY = min(minY, y)
        maxY = max(maxY, y)
        if x == 0 || y == 0 || x == width - 1 || y == height - 1 { edge = true }
        for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && ny >= 0 && nx < width && ny < height {
          let neighbour = ny * width + nx
          if !closed[neighbour] && label[neighbour] == 0 {
            label[neighbour] = next
            stack.append(neighbour)
          }
        }
      }
      // Enclosed and larger than a gap between two close lines.
      guard !edge, maxX - minX >= 2, maxY - minY >= 2 else { continue }
      found.append(
        PixelRect(x: minX * scale, y: minY * scale, width: (maxX - minX + 1) * scale, height: (maxY - minY + 1) * scale))
    }
    return found.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
  }
}
