/// The clip, kept only as far as it decides whether cairo draws anything at all and whether it
/// writes a clip into the script (which replaces the path the script remembers).
///
/// cairo keeps a rectilinear clip as boxes and skips every drawing operation once the boxes'
/// intersection is empty; for any other clip shape it only intersects extents, rounded out to
/// whole pixels. The region here does the same, in 24.8 fixed point: the crop box to start with,
/// narrowed by box clips exactly, by other rectilinear clips through the boxes of their area
/// under the fill rule, and by other shapes through their extents.
struct ClipRegion {
  typealias Rect = (x1: Int, y1: Int, x2: Int, y2: Int)

  /// Changes whenever the clip does (0: only the crop box).
  private(set) var id = 0
  /// The clip's area as boxes.
  private(set) var boxes: [Rect]
  /// Extents a non-rectilinear clip narrowed the region to, when one did.
  private(set) var extents: Rect?
  /// Whether nothing can be drawn any more.
  private(set) var isEmpty = false

  /// Most boxes kept; past it the region keeps their bounding box (a larger clip is the safe
  /// side: drawing goes on).
  static let maxBoxes = 64

  /// A region covering `box` (the crop box in device space).
  init(_ box: Rect) {
    boxes = [box]
    isEmpty = box.x2 <= box.x1 || box.y2 <= box.y1
  }

  /// Whether cairo would not write this clip: one box covering the whole surface.
  func isTrivial(width: Int, height: Int) -> Bool {
    guard extents == nil, boxes.count == 1 else { return false }
    let box = boxes[0]
    return box.x1 <= 0 && box.y1 <= 0 && box.x2 >= width && box.y2 >= height
  }

  private static func intersection(_ a: Rect, _ b: Rect) -> Rect? {
    let r = (x1: max(a.x1, b.x1), y1: max(a.y1, b.y1), x2: min(a.x2, b.x2), y2: min(a.y2, b.y2))
    return r.x2 > r.x1 && r.y2 > r.y1 ? r : nil
  }

  private static func bounds(_ rects: [Rect]) -> Rect? {
    guard let first = rects.first else { return nil }
    return rects.dropFirst().reduce(first) {
      (min($0.x1, $1.x1), min($0.y1, $1.y1), max($0.x2, $1.x2), max($0.y2, $1.y2))
    }
  }

  /// Rounds out to whole device pixels, as cairo's integer extents do.
  private static func roundedOut(_ r: Rect) -> Rect {
    ((r.x1 >> 8) << 8, (r.y1 >> 8) << 8, ((r.x2 + 255) >> 8) << 8, ((r.y2 + 255) >> 8) << 8)
  }

  /// Narrows the region by a clip to `path` (`_cairo_clip_intersect_path`); `next` is the id
  /// to take when the clip changes.
  mutating func intersect(_ path: DevicePath, evenOdd: Bool, next: Int) {
    guard !isEmpty else { return }
    if path.fillIsEmpty {
      isEmpty = true
    } else if let (a, b) = path.box {
      let box = (x1: a.x, y1: a.y, x2: b.x, y2: b.y)
      // A box holding the whole (one-box) clip leaves it as it is.
      if extents == nil, boxes.count == 1, box.x1 <= boxes[0].x1, box.y1 <= boxes[0].y1, box.x2 >= boxes[0].x2,
        box.y2 >= boxes[0].y2
      {
        return
      }
      narrow(by: [box])
    } else if path.fillIsRectilinear {
      narrow(by: Self.area(of: path.polygonEdges, evenOdd: evenOdd))
    } else if let (a, b) = path.bounds {
      // cairo intersects the boxes with the path's extents (rounded out to whole pixels), then
      // keeps the path itself, which is not modelled further.
      let own = Self.roundedOut((a.x, a.y, b.x, b.y))
      narrow(by: [own])
      if !isEmpty {
        if let limit = extents {
          if let narrowed = Self.intersection(limit, own) { extents = narrowed } else { isEmpty = true }
        } else {
          extents = own
        }
      }
    }
    id = next
  }

  private mutating func narrow(by area: [Rect]) {
    var result: [Rect] = []
    for a in boxes {
      for b in area {
        if let r = Self.intersection(a, b) { result.append(r) }
      }
    }
    // Under a clip path only the parts of the boxes within its extents count.
    if let limit = extents { result = result.compactMap { Self.intersection($0, limit) } }
    if result.count > Self.maxBoxes, let all = Self.bounds(result) { result = [all] }
    boxes = result
    if result.isEmpty {
      isEmpty = true
    } else if let limit = extents, let all = Self.bounds(result) {
      if let narrowed = Self.intersection(limit, Self.roundedOut(all)) { extents = narrowed } else { isEmpty = true }
    }
  }

  /// The area a rectilinear polygon encloses under its fill rule, as boxes: for each band
  /// between edge ends, the intervals of non-zero (or odd) winding across the vertical edges.
  private static func area(
    of edges: [(top: DevicePath.Point, bottom: DevicePath.Point, direction: Int)], evenOdd: Bool
  ) -> [Rect] {
    // Past a few hundred edges the sweep (quadratic here) is not worth it: the extents do.
    guard edges.count <= 256 else {
      let xs = edges.map(\.top.x)
      guard let x1 = xs.min(), let x2 = xs.max(), let y1 = edges.map(\.top.y).min(),
        let y2 = edges.map(\.bottom.y).max()
      else { return [] }
      return [(x1, y1, x2, y2)]
    }
    let ys = Set(edges.flatMap { [$0.top.y, $0.bottom.y] }).sorted()
    var result: [Rect] = []
    guard ys.count >= 2 else { return result }
    for band in 0..<(ys.count - 1) {
      let (low, high) = (ys[band], ys[band + 1])
      let crossing = edges.filter { $0.top.y <= low && $0.bottom.y >= high }.sorted { $0.top.x < $1.top.x }
      var winding = 0
      for (index, edge) in crossing.enumerated() {
        winding += edge.direction
        let inside = evenOdd ? winding % 2 != 0 : winding != 0
        guard inside, index + 1 < crossing.count, edge.top.x < crossing[index + 1].top.x else { continue }
        result.append((edge.top.x, low, crossing[index + 1].top.x, high))
        if result.count > maxBoxes { return result }
      }
    }
    return result
  }
}
