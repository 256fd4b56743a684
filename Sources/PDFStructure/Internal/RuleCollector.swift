/// Turns painted device paths into rules as they came out of poppler's cairo script surface and
/// DisclosurePoppler's `ScriptRuleReader`, which defined the rule semantics:
///
/// 1. Write the path as cairo 1.16's script surface writes it: a path equal to the one last
///    written is not written again (the reader reuses what it holds); a fill of a rectilinear
///    path is written as one rectangle or as the rectangles its subpaths are, and any other
///    rectilinear fill fails the surface; everything else is written as the path itself.
///    A stroke's line width is written only when it changes, starting from cairo's 2.0 while
///    the reader starts from 1.0; and the reader takes any matrix it reads for the CTM, an
///    image's pattern matrix included. Both decided the thickness of the rules it read.
/// 2. A path with any curve, or any subpath of more than five points, is an outline (a glyph
///    drawn as a path, a logo) and yields nothing.
/// 3. Stroked: every axis-aligned segment (drift ≤ 0.5 pt, length ≥ 2 pt) of a subpath of two to
///    five points, the closing segment included, is a rule as thick as the line width.
/// 4. Filled: every subpath of four corners (a rectangle, or a trapezoid with bevelled ends) at most 2.5 pt thick and at
///    least 2 pt long, is a rule.
/// 5. Duplicates (same orientation and edges rounded to 0.1 pt) are dropped, first one kept.
///
/// Numbers pass through `ScriptNumber`, so every edge is bit-identical to the reader's.
struct RuleCollector {
  /// Thickest filled rectangle still read as a rule, in points.
  var maxFillThickness = 2.5
  /// Shortest rule kept, in points.
  var minLength = 2.0
  /// Largest off-axis drift for a segment to count as horizontal or vertical.
  var axisTolerance = 0.5

  private(set) var rules: [RulingLine] = []
  private var seen = Set<Key>()

  private struct Key: Hashable {
    var vertical: Bool
    var x0: Int
    var top: Int
    var x1: Int
    var bottom: Int

    /// The fields mixed into one word first: hashing five words was most of a rule's cost.
    func hash(into hasher: inout Hasher) {
      let prime = 1_000_003
      hasher.combine((((((vertical ? 1 : 0) &* prime ^ x0) &* prime ^ top) &* prime ^ x1) &* prime) ^ bottom)
    }
  }

  /// How the script surface wrote a path.
  private enum Written {
    case path
    case rectangle(DevicePath.Point, DevicePath.Point)
    case boxes([(DevicePath.Point, DevicePath.Point)])
  }

  /// The path the script last wrote (its operations and points, copied into buffers of the
  /// collector's own: holding the caller's path would share its storage, and the caller's
  /// next path would then have to allocate afresh), and how it was written.
  private var hasLastPath = false
  private var lastOps: [DevicePath.Op] = []
  private var lastPoints: [DevicePath.Point] = []
  private var lastWritten = Written.path

  /// The script's line width (cairo's default) and what the reader holds (its own default).
  private var scriptLineWidth = 2.0
  private var readerLineWidth = 1.0
  /// The matrix the script last wrote (scale part) and the scale the reader took from what it
  /// read: the reader also takes pattern matrices (images) and multiplies on `scale`, so the
  /// two can disagree, and the reader's is what rule thickness came from.
  private var scriptMatrix = AffineMatrix.identity
  private var readerScale = 1.0

  /// Printed-and-read-back values of line widths and matrix entries, which repeat (within a
  /// page and from page to page: printing one costs as much as a hundred rules).
  private(set) var printed: [UInt64: Double] = [:]
  /// The last matrix whose scale the reader took, and that scale: a glyph run writes the
  /// identity and then the CTM again, so the same matrix comes back thousands of times a page.
  private var lastScaled: (matrix: AffineMatrix, diagonal: Bool, scale: Double)?

  /// Creates a collector; `printed` carries the printed values another page's collector
  /// already worked out.
  init(printed: [UInt64: Double] = [:]) {
    self.printed = printed
  }

  /// A clip was written: it replaced the remembered path, after an identity matrix.
  mutating func writeClip() {
    hasLastPath = false
    writeIdentity()
  }

  // MARK: Writing

  /// Records the rules of a fill; false when the fill fails cairo's script surface.
  mutating func fill(_ path: DevicePath, pattern: AffineMatrix? = nil) -> Bool {
    // cairo does not hand a fill with nothing to fill to the surface at all.
    if path.fillIsEmpty { return true }
    writeIdentity()
    // An image source carries its pattern matrix.
    writePattern(pattern)
    let written: Written
    if isLastPath(path) {
      written = lastWritten
    } else {
      if !path.fillIsRectilinear {
        written = .path
      } else if path.isRectangle, let (a, b) = path.box {
        written = .rectangle(a, b)
      } else if let boxes = path.fillBoxes {
        written = .boxes(boxes)
      } else {
        return false
      }
      remember(path)
      lastWritten = written
    }
    switch written {
    case .path: fillSubpaths(path)
    case .rectangle(let a, let b): rectangle(Self.corners(a, b))
    case .boxes(let boxes): for (a, b) in boxes { rectangle(Self.corners(a, b)) }
    }
    return true
  }

  /// Records the rules of a stroke drawn with cairo line width `lineWidth` (user space) under
  /// `matrix`.
  mutating func stroke(_ path: DevicePath, lineWidth: Double, matrix: AffineMatrix) {
    let written: Written
    if isLastPath(path) {
      written = lastWritten
    } else {
      written = path.isRectangle ? path.box.map { .rectangle($0.0, $0.1) } ?? .path : .path
      remember(path)
      lastWritten = written
    }
    if abs(lineWidth - scriptLineWidth) >= 1e-5 {
      scriptLineWidth = lineWidth
      readerLineWidth = abs(printedValue(lineWidth))
    }
    // The path is written in device space, so the identity goes first; then the stroke's own
    // matrix for the line width.
    writeIdentity()
    writeMatrix(matrix)
    let half = max(readerLineWidth * readerScale, 0.1) / 2
    switch written {
    case .path: strokeSubpaths(path, half: half)
    case .rectangle(let a, let b): strokeRectangle(a, b, half: half)
    case .boxes(let boxes): for (a, b) in boxes { strokeRectangle(a, b, half: half) }
    }
  }

  /// Whether `path` is the one the script last wrote.
  private func isLastPath(_ path: DevicePath) -> Bool {
    hasLastPath && lastOps == path.ops && lastPoints == path.points
  }

  private mutating func remember(_ path: DevicePath) {
    hasLastPath = true
    lastOps.removeAll(keepingCapacity: true)
    lastOps.append(contentsOf: path.ops)
    lastPoints.removeAll(keepingCapacity: true)
    lastPoints.append(contentsOf: path.points)
  }

  // MARK: Reading

  @inline(__always) private static func point(_ p: DevicePath.Point) -> (Double, Double) {
    (ScriptNumber.coordinate(p.x), ScriptNumber.coordinate(p.y))
  }

  private mutating func printedValue(_ value: Double) -> Double {
    if let known = printed[value.bitPattern] { return known }
    let result = ScriptNumber.value(value)
    if printed.count < 4096 { printed[value.bitPattern] = result }
    return result
  }

  /// A source pattern's matrix (an image's), which the reader takes for the CTM.
  mutating func writePattern(_ pattern: AffineMatrix?) {
    if let pattern, !pattern.isIdentity { readerScale = scale(of: pattern) }
  }

  /// `identity set-matrix`, written before fills, clips and glyphs when the matrix is not one.
  mutating func writeIdentity() {
    guard !scriptMatrix.isIdentity else { return }
    scriptMatrix = .identity
    readerScale = 1
  }

  /// The matrix written before a stroke or glyphs (`_emit_scaling_matrix`): nothing when its
  /// scale part is unchanged, `xx yy scale` after identity (the reader multiplies), else
  /// `[xx yx xy yy 0 0] set-matrix`.
  mutating func writeMatrix(_ m: AffineMatrix) {
    let linear = AffineMatrix(xx: m.xx, yx: m.yx, xy: m.xy, yy: m.yy, x0: 0, y0: 0)
    guard linear != scriptMatrix else { return }
    if linear.isIdentity {
      readerScale = 1
    } else if scriptMatrix.isIdentity, abs(m.yx) < 1e-5, abs(m.xy) < 1e-5 {
      readerScale *= memoisedScale(of: linear, diagonal: true)
    } else {
      readerScale = memoisedScale(of: linear, diagonal: false)
    }
    scriptMatrix = linear
  }

  /// The scale the reader takes from `m` as written (`xx yy scale`, diagonal, or a whole
  /// matrix), remembered for the last matrix: printing is a pure function of the value.
  private mutating func memoisedScale(of m: AffineMatrix, diagonal: Bool) -> Double {
    if let last = lastScaled, last.diagonal == diagonal, last.matrix == m { return last.scale }
    let scale = diagonal ? abs(printedValue(m.xx) * printedValue(m.yy)).squareRoot() : scale(of: m)
    lastScaled = (m, diagonal, scale)
    return scale
  }

  /// √|det| of a matrix as printed.
  private mutating func scale(of m: AffineMatrix) -> Double {
    let (xx, yx, xy, yy) = (printedValue(m.xx), printedValue(m.yx), printedValue(m.xy), printedValue(m.yy))
    return abs(xx * yy - yx * xy).squareRoot()
  }

  /// The corners the reader rebuilds from `x y w h rectangle`, `x y` from `a` and the size
  /// from `b - a` (possibly negative).
  private static func corners(_ a: DevicePath.Point, _ b: DevicePath.Point) -> [(Double, Double)] {
    let x = ScriptNumber.coordinate(a.x)
    let y = ScriptNumber.coordinate(a.y)
    let w = ScriptNumber.coordinate(b.x - a.x)
    let h = ScriptNumber.coordinate(b.y - a.y)
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
  }

  /// Whether the path is an outline (step 2).
  private static func isOutline(_ path: DevicePath) -> Bool {
    if path.hasCurve { return true }
    var count = 0
    for op in path.ops {
      switch op {
      case .moveTo: count = 1
      case .lineTo:
        count += 1
        if count > 5 { return true }
      case .curveTo: return true
      case .closePath: break
      }
    }
    return false
  }

  /// Calls `body` with each subpath's first point index, point count and whether it is closed.
  private static func forEachSubpath(_ path: DevicePath, _ body: (Int, Int, Bool) -> Void) {
    let ops = path.ops
    var op = 0
    var point = 0
    while op < ops.count {
      guard ops[op] == .moveTo else {
        op += 1
        continue
      }
      let first = point
      point += 1
      op += 1
      while op < ops.count, ops[op] == .lineTo {
        point += 1
        op += 1
      }
      let closed = op < ops.count && ops[op] == .closePath
      if closed { op += 1 }
      body(first, point - first, closed)
    }
  }

  private mutating func strokeSubpaths(_ path: DevicePath, half: Double) {
    if Self.isOutline(path) { return }
    let points = path.points
    Self.forEachSubpath(path) { first, count, closed in
      guard count >= 2 else { return }
      for i in 0..<(closed ? count : count - 1) {
        segment(Self.point(points[first + i]), Self.point(points[first + (i + 1) % count]), half: half)
      }
    }
  }

  /// The four sides of the rectangle the reader rebuilds from `a` and `b` (see `corners`).
  private mutating func strokeRectangle(_ a: DevicePath.Point, _ b: DevicePath.Point, half: Double) {
    let x = ScriptNumber.coordinate(a.x)
    let y = ScriptNumber.coordinate(a.y)
    let w = ScriptNumber.coordinate(b.x - a.x)
    let h = ScriptNumber.coordinate(b.y - a.y)
    let corners = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    segment(corners.0, corners.1, half: half)
    segment(corners.1, corners.2, half: half)
    segment(corners.2, corners.3, half: half)
    segment(corners.3, corners.0, half: half)
  }

  private mutating func segment(_ a: (Double, Double), _ b: (Double, Double), half: Double) {
    let dx = abs(b.0 - a.0)
    let dy = abs(b.1 - a.1)
    if dy <= axisTolerance && dx >= minLength {
      let y = (a.1 + b.1) / 2
      add(
        RulingLine(
          x0: min(a.0, b.0), top: y - half, x1: max(a.0, b.0), bottom: y + half, orientation: .horizontal,
          paint: .stroke))
    } else if dx <= axisTolerance && dy >= minLength {
      let x = (a.0 + b.0) / 2
      add(
        RulingLine(
          x0: x - half, top: min(a.1, b.1), x1: x + half, bottom: max(a.1, b.1), orientation: .vertical,
          paint: .stroke))
    }
  }

  private mutating func fillSubpaths(_ path: DevicePath) {
    if Self.isOutline(path) { return }
    let points = path.points
    var rectangles: [[(Double, Double)]] = []
    Self.forEachSubpath(path) { first, count, _ in
      var corners = count
      // A rectangle drawn back to its start has a fifth point on its first.
      if count == 5 {
        let (fx, fy) = Self.point(points[first])
        let (lx, ly) = Self.point(points[first + 4])
        if abs(fx - lx) < 0.01, abs(fy - ly) < 0.01 { corners = 4 }
      }
      guard corners == 4 else { return }
      rectangles.append((0..<4).map { Self.point(points[first + $0]) })
    }
    for corners in rectangles { rectangle(corners) }
  }

  private mutating func rectangle(_ corners: [(Double, Double)]) {
    guard let x0 = corners.map(\.0).min(), let x1 = corners.map(\.0).max(), let top = corners.map(\.1).min(),
      let bottom = corners.map(\.1).max()
    else { return }
    // Any four corners within a thin box: a rectangle, or a border segment with bevelled
    // ends (a trapezoid, as some producers draw table borders).
    let width = x1 - x0
    let height = bottom - top
    let thin = min(width, height)
    let long = max(width, height)
    guard thin <= maxFillThickness, long >= minLength else { return }
    add(
      RulingLine(
        x0: x0, top: top, x1: x1, bottom: bottom, orientation: width >= height ? .horizontal : .vertical, paint: .fill))
  }

  private mutating func add(_ rule: RulingLine) {
    // A hostile line width or matrix must not reach the integer conversions below.
    let limit = 1e9
    guard abs(rule.x0) < limit, abs(rule.x1) < limit, abs(rule.top) < limit, abs(rule.bottom) < limit
    else { return }
    let key = Key(
      vertical: rule.orientation == .vertical, x0: Int((rule.x0 * 10).rounded()),
      top: Int((rule.top * 10).rounded()), x1: Int((rule.x1 * 10).rounded()),
      bottom: Int((rule.bottom * 10).rounded()))
    if seen.insert(key).inserted { rules.append(rule) }
  }
}
