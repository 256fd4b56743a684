/// A path in device space built exactly as cairo 1.16 builds one (`cairo-path-fixed.c`), since
/// the rule semantics were defined on the paths cairo handed to its script surface.
///
/// Coordinates are 24.8 fixed point (rounded to the nearest 1/256, ties to even). Building
/// drops degenerate segments and merges a line that continues the previous one in the same
/// direction; `close` drops a closing line that only returns to the start. Those rules decide
/// how many corners a subpath has, which is what tells a border from an outline. How the script
/// surface then writes a fill (one rectangle, a list of boxes, the path itself, or an error)
/// also follows from the path.
struct DevicePath {
  /// A 24.8 fixed-point device point.
  struct Point: Equatable {
    var x: Int
    var y: Int
  }

  enum Op: UInt8 {
    case moveTo, lineTo, curveTo, closePath
  }

  private(set) var ops: [Op] = []
  /// One point per move and line, three per curve.
  private(set) var points: [Point] = []
  private(set) var currentPoint = Point(x: 0, y: 0)
  private(set) var lastMovePoint = Point(x: 0, y: 0)
  private(set) var hasCurrentPoint = false
  private(set) var needsMoveTo = true
  private(set) var hasCurve = false
  private(set) var strokeIsRectilinear = true
  private var fillRectilinearFlag = true
  /// Whether no segment encloses anything (only moves and degenerate lines): a clip to it
  /// clips everything away.
  private(set) var fillIsEmpty = true

  /// Converts a device coordinate to cairo's fixed point.
  @inline(__always) static func fixed(_ value: Double) -> Int {
    guard value.isFinite else { return 0 }
    let scaled = (value * 256).rounded(.toNearestOrEven)
    // cairo wraps out-of-range values; clamping keeps the arithmetic here in range instead.
    return Int(max(-1_073_741_824, min(1_073_741_824, scaled)))
  }

  mutating func removeAll() {
    ops.removeAll(keepingCapacity: true)
    points.removeAll(keepingCapacity: true)
    currentPoint = Point(x: 0, y: 0)
    lastMovePoint = currentPoint
    hasCurrentPoint = false
    needsMoveTo = true
    hasCurve = false
    strokeIsRectilinear = true
    fillRectilinearFlag = true
    fillIsEmpty = true
  }

  private var lastOp: Op? { ops.last }

  private mutating func newSubpath() {
    if !needsMoveTo {
      // Filling closes the subpath implicitly; that closing edge must be axis-aligned too.
      if fillRectilinearFlag {
        fillRectilinearFlag = currentPoint.x == lastMovePoint.x || currentPoint.y == lastMovePoint.y
      }
      needsMoveTo = true
    }
    hasCurrentPoint = false
  }

  private mutating func applyMoveTo() {
    guard needsMoveTo else { return }
    needsMoveTo = false
    lastMovePoint = currentPoint
    ops.append(.moveTo)
    points.append(currentPoint)
  }

  private mutating func dropLineTo() {
    ops.removeLast()
    points.removeLast()
  }

  mutating func move(to p: Point) {
    newSubpath()
    hasCurrentPoint = true
    currentPoint = p
    lastMovePoint = p
  }

  mutating func line(to p: Point) {
    guard hasCurrentPoint else {
      move(to: p)
      return
    }
    applyMoveTo()
    // A degenerate segment is kept only right after the move (it strokes as a dot).
    if lastOp != .moveTo, p == currentPoint { return }
    if lastOp == .lineTo, points.count >= 2 {
      let previous = points[points.count - 2]
      if previous == currentPoint {
        dropLineTo()
      } else {
        let (adx, ady) = (currentPoint.x - previous.x, currentPoint.y - previous.y)
        let (bdx, bdy) = (p.x - currentPoint.x, p.y - currentPoint.y)
        let sameSlope = ady * bdx == bdy * adx
        let backwards = ((adx ^ bdx) | (ady ^ bdy)) < 0
        if sameSlope && !backwards { dropLineTo() }
      }
    }
    if strokeIsRectilinear {
      strokeIsRectilinear = currentPoint.x == p.x || currentPoint.y == p.y
      fillRectilinearFlag = fillRectilinearFlag && strokeIsRectilinear
      if fillIsEmpty { fillIsEmpty = currentPoint == p }
    }
    currentPoint = p
    ops.append(.lineTo)
    points.append(p)
  }

  mutating func curve(_ p0: Point, _ p1: Point, _ p2: Point) {
    // A curve that does not move at all is a (degenerate) line.
    if currentPoint == p2, p1 == p2, p0 == p2 {
      line(to: p2)
      return
    }
    if !hasCurrentPoint { move(to: p0) }
    applyMoveTo()
    if lastOp == .lineTo, points.count >= 2, points[points.count - 2] == currentPoint { dropLineTo() }
    ops.append(.curveTo)
    points.append(contentsOf: [p0, p1, p2])
    hasCurve = true
    strokeIsRectilinear = false
    fillRectilinearFlag = false
    fillIsEmpty = false
    currentPoint = p2
  }

  mutating func close() {
    guard hasCurrentPoint else { return }
    // The closing line is added to settle flags and degeneracy, then dropped again.
    line(to: lastMovePoint)
    if lastOp == .lineTo { dropLineTo() }
    needsMoveTo = true
    ops.append(.closePath)
  }

  /// The smallest box holding every point, or nil for an empty path.
  var bounds: (Point, Point)? {
    guard let first = points.first else { return nil }
    var low = first
    var high = first
    for p in points {
      low = Point(x: min(low.x, p.x), y: min(low.y, p.y))
      high = Point(x: max(high.x, p.x), y: max(high.y, p.y))
    }
    return (low, high)
  }

  /// Whether filling this path only ever meets axis-aligned edges (implicit closes included).
  var fillIsRectilinear: Bool {
    guard fillRectilinearFlag else { return false }
    if !hasCurrentPoint || needsMoveTo { return true }
    return currentPoint.x == lastMovePoint.x || currentPoint.y == lastMovePoint.y
  }

  /// The single rectangle this path is, if it is one (`_cairo_path_fixed_is_box`).
  var box: (Point, Point)? {
    guard fillRectilinearFlag, ops.count >= 4, ops.count <= 6, ops[0] == .moveTo, ops[1] == .lineTo,
      ops[2] == .lineTo, ops[3] == .lineTo, points.count >= 4
    else { return nil }
    if ops.count > 4 {
      if ops[4] == .lineTo {
        guard points.count >= 5, points[4] == points[0] else { return nil }
      } else if ops[4] != .closePath {
        return nil
      }
      if ops.count == 6, ops[5] != .moveTo, ops[5] != .closePath { return nil }
    }
    let p = points
    let formsRect =
      (p[0].y == p[1].y && p[1].x == p[2].x && p[2].y == p[3].y && p[3].x == p[0].x)
      || (p[0].x == p[1].x && p[1].y == p[2].y && p[2].x == p[3].x && p[3].y == p[0].y)
    guard formsRect else { return nil }
    return (
      Point(x: min(p[0].x, p[2].x), y: min(p[0].y, p[2].y)), Point(x: max(p[0].x, p[2].x), y: max(p[0].y, p[2].y))
    )
  }

  /// Whether cairo's script surface writes the path as one `rectangle`
  /// (`_cairo_path_fixed_is_rectangle`: a box with a closing line or close).
  var isRectangle: Bool { box != nil && ops.count > 4 }

  /// Every subpath as a rectangle (p1, p2), unnormalised, when each one is one
  /// (`_cairo_path_fixed_iter_is_fill_box`); degenerate ones are left out. Nil when some
  /// subpath is not a rectangle: cairo 1.16's script surface then fails the fill.
  var fillBoxes: [(Point, Point)]? {
    var boxes: [(Point, Point)] = []
    var op = 0
    var point = 0
    while op < ops.count {
      guard ops[op] == .moveTo else { return nil }
      let p0 = points[point]
      point += 1
      op += 1
      guard op < ops.count, ops[op] == .lineTo else { return nil }
      let p1 = points[point]
      point += 1
      op += 1
      guard op < ops.count else { return nil }
      // A horizontal or vertical closed line is a degenerate rectangle.
      if ops[op] == .closePath || ops[op] == .moveTo {
        if ops[op] == .closePath { op += 1 }
        continue
      }
      guard ops[op] == .lineTo else { return nil }
      let p2 = points[point]
      point += 1
      op += 1
      guard op < ops.count, ops[op] == .lineTo else { return nil }
      let p3 = points[point]
      point += 1
      op += 1
      if op < ops.count {
        if ops[op] == .lineTo {
          guard points[point] == p0 else { return nil }
          point += 1
          op += 1
        } else if ops[op] == .closePath {
          op += 1
        } else if ops[op] != .moveTo {
          return nil
        }
      }
      let box: (Point, Point)
      if p0.y == p1.y && p1.x == p2.x && p2.y == p3.y && p3.x == p0.x {
        box = (p0, p2)
      } else if p0.x == p1.x && p1.y == p2.y && p2.x == p3.x && p3.y == p0.y {
        box = (p1, p3)
      } else {
        return nil
      }
      if box.0.y == box.1.y || box.0.x == box.1.x { continue }
      boxes.append(box)
    }
    return boxes
  }

  /// The edges filling meets, subpaths closed implicitly (`_cairo_path_fixed_fill_to_polygon`):
  /// each as (top point, bottom point, direction), horizontal ones left out.
  var polygonEdges: [(top: Point, bottom: Point, direction: Int)] {
    var edges: [(top: Point, bottom: Point, direction: Int)] = []
    var current = Point(x: 0, y: 0)
    var lastMove = current
    func add(_ a: Point, _ b: Point) {
      guard a.y != b.y else { return }
      if a.y < b.y { edges.append((a, b, 1)) } else { edges.append((b, a, -1)) }
    }
    var point = 0
    for op in ops {
      switch op {
      case .moveTo:
        add(current, lastMove)
        current = points[point]
        lastMove = current
        point += 1
      case .lineTo:
        add(current, points[point])
        current = points[point]
        point += 1
      case .curveTo:
        // Not reached for rectilinear paths, which have no curves.
        current = points[point + 2]
        point += 3
      case .closePath:
        add(current, lastMove)
        current = lastMove
      }
    }
    add(current, lastMove)
    return edges
  }
}
