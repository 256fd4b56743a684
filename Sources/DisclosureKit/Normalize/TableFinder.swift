/// Finds ruled tables on a page, in pdfplumber's steps: `edges → components → grid → cells`.
///
/// 1. edges: rules merged along their direction (collinear within `snap`, gaps up to `join`).
/// 2. components: edges that touch form one table; a component needs two horizontal and two
///    vertical edges (a box) to be a ruled table. Horizontal-only components (三线表) are
///    returned separately for the text-alignment strategy.
/// 3. grid: the distinct x of vertical edges and y of horizontal edges; a missing outer border
///    is taken from the other direction's extent.
/// 4. cells: neighbouring grid cells merge where no edge separates them (spans).
struct TableFinder {
  var snap = 1.5
  var join = 3.0
  var touch = 3.0
  /// How far a horizontal rule must reach past the outermost vertical edge to stand for a
  /// missing side border (narrower than any column with text in it).
  var border = 6.0

  struct Edge {
    var orientation: Rule.Orientation
    var position: Double
    var start: Double
    var end: Double
  }

  struct Region {
    var box: Box
    var xs: [Double]
    var ys: [Double]
    var horizontal: [Edge]
    var vertical: [Edge]
  }

  /// Ruled regions (boxes with vertical edges) and horizontal-only regions.
  func regions(in rules: [Rule]) -> (ruled: [Region], horizontalOnly: [Region]) {
    let h = edges(rules.filter { $0.orientation == .horizontal }, .horizontal)
    let v = edges(rules.filter { $0.orientation == .vertical }, .vertical)
    let all = h + v
    // Touching edges are one table.
    var sets = UnionFind(count: all.count)
    for i in h.indices {
      for j in h.count..<all.count where touches(all[i], all[j]) {
        sets.unite(i, j)
      }
    }
    // Horizontal edges stacked with the same extent belong together even without verticals,
    // unless both already are boxes of their own: two boxed tables of one width, one below the
    // other with a title between them, stay two tables.
    var boxed = Set<Int>()
    for j in h.count..<all.count { boxed.insert(sets.find(j)) }
    for i in h.indices {
      for j in h.indices where j > i {
        if abs(all[i].start - all[j].start) < touch * 3, abs(all[i].end - all[j].end) < touch * 3 {
          let a = sets.find(i)
          let b = sets.find(j)
          guard a != b, !(boxed.contains(a) && boxed.contains(b)) else { continue }
          sets.unite(i, j)
          if boxed.contains(a) || boxed.contains(b) { boxed.insert(sets.find(i)) }
        }
      }
    }
    var groups: [Int: [Int]] = [:]
    for i in all.indices { groups[sets.find(i), default: []].append(i) }
    var ruled: [Region] = []
    var horizontalOnly: [Region] = []
    for members in groups.values {
      let hs = members.map { all[$0] }.filter { $0.orientation == .horizontal }
      let vs = members.map { all[$0] }.filter { $0.orientation == .vertical }
      guard !hs.isEmpty else { continue }
      let x0 = (hs.map(\.start) + vs.map(\.position)).min() ?? 0
      let x1 = (hs.map(\.end) + vs.map(\.position)).max() ?? 0
      let top = (hs.map(\.position) + vs.map(\.start)).min() ?? 0
      let bottom = (hs.map(\.position) + vs.map(\.end)).max() ?? 0
      let box = Box(x0: x0, top: top, x1: x1, bottom: bottom)
      if vs.count >= 2 && hs.count >= 2 && box.width > 20 && box.height > 10 {
        var xs = cluster(vs.map(\.position))
        var ys = cluster(hs.map(\.position))
        // A missing outer border is taken from the other direction's extent; a rule that only
        // overhangs the border by a few points (a line drawn a little wider above the title)
        // makes no sliver column.
        if let first = xs.first, first - x0 > border { xs.insert(x0, at: 0) }
        if let last = xs.last, x1 - last > border { xs.append(x1) }
        if let first = ys.first, first - top > snap * 2 { ys.insert(top, at: 0) }
        if let last = ys.last, bottom - last > snap * 2 { ys.append(bottom) }
        ruled.append(Region(box: box, xs: xs, ys: ys, horizontal: hs, vertical: vs))
      } else if hs.count >= 2 {
        horizontalOnly.append(Region(box: box, xs: [], ys: cluster(hs.map(\.position)), horizontal: hs, vertical: vs))
      }
    }
    let order: (Region, Region) -> Bool = { ($0.box.top, $0.box.x0) < ($1.box.top, $1.box.x0) }
    return (ruled.sorted(by: order), horizontalOnly.sorted(by: order))
  }

  /// The cells of a ruled region, merged where no edge separates neighbours.
  func cells(of region: Region) -> [(row: Int, column: Int, rowSpan: Int, columnSpan: Int, box: Box)] {
    let rows = region.ys.count - 1
    let columns = region.xs.count - 1
    guard rows > 0, columns > 0 else { return [] }
    var sets = UnionFind(count: rows * columns)
    for r in 0..<rows {
      for c in 0..<columns {
        if c + 1 < columns,
          !covered(region.vertical, at: region.xs[c + 1], from: region.ys[r], to: region.ys[r + 1])
        {
          sets.unite(r * columns + c, r * columns + c + 1)
        }
        if r + 1 < rows,
          !covered(region.horizontal, at: region.ys[r + 1], from: region.xs[c], to: region.xs[c + 1])
        {
          sets.unite(r * columns + c, (r + 1) * columns + c)
        }
      }
    }
    var spans: [Int: (r0: Int, c0: Int, r1: Int, c1: Int)] = [:]
    var counts: [Int: Int] = [:]
    for r in 0..<rows {
      for c in 0..<columns {
        let root = sets.find(r * columns + c)
        counts[root, default: 0] += 1
        if let s = spans[root] {
          spans[root] = (min(s.r0, r), min(s.c0, c), max(s.r1, r), max(s.c1, c))
        } else {
          spans[root] = (r, c, r, c)
        }
      }
    }
    // A merged region that is not a rectangle (an L of slots no edge separates) would cover
    // other cells as its bounding box: it becomes one cell per row run instead.
    for (root, s) in spans where counts[root] != (s.r1 - s.r0 + 1) * (s.c1 - s.c0 + 1) {
      spans[root] = nil
      for r in s.r0...s.r1 {
        var c = s.c0
        while c <= s.c1 {
          guard sets.find(r * columns + c) == root else {
            c += 1
            continue
          }
          var end = c
          while end + 1 <= s.c1, sets.find(r * columns + end + 1) == root { end += 1 }
          spans[-(r * columns + c) - 1] = (r, c, r, end)
          c = end + 1
        }
      }
    }
    return spans.values.sorted { ($0.r0, $0.c0) < ($1.r0, $1.c0) }.map { s in
      (
        s.r0, s.c0, s.r1 - s.r0 + 1, s.c1 - s.c0 + 1,
        Box(x0: region.xs[s.c0], top: region.ys[s.r0], x1: region.xs[s.c1 + 1], bottom: region.ys[s.r1 + 1])
      )
    }
  }

  /// Whether edges at `position` cover most of the span from `a` to `b`.
  private func covered(_ edges: [Edge], at position: Double, from a: Double, to b: Double) -> Bool {
    let length = b - a
    guard length > 0 else { return true }
    var coveredLength = 0.0
    for edge in edges where abs(edge.position - position) <= snap {
      let overlap = min(edge.end, b) - max(edge.start, a)
      if overlap > 0 { coveredLength += overlap }
    }
    return coveredLength >= length * 0.5
  }

  private func touches(_ a: Edge, _ b: Edge) -> Bool {
    // a horizontal, b vertical.
    b.position >= a.start - touch && b.position <= a.end + touch && a.position >= b.start - touch
      && a.position <= b.end + touch
  }

  private func edges(_ rules: [Rule], _ orientation: Rule.Orientation) -> [Edge] {
    let raw = rules.map { Edge(orientation: orientation, position: $0.position, start: $0.start, end: $0.end) }
      .sorted { ($0.position, $0.start) < ($1.position, $1.start) }
    var merged: [Edge] = []
    for edge in raw {
      if let index = merged.lastIndex(where: { abs($0.position - edge.position) <= snap && edge.start <= $0.end + join }) {
        merged[index].end = max(merged[index].end, edge.end)
        merged[index].start = min(merged[index].start, edge.start)
      } else {
        merged.append(edge)
      }
    }
    return merged
  }

  private func cluster(_ values: [Double]) -> [Double] {
    var result: [Double] = []
    for value in values.sorted() {
      if let last = result.last, value - last <= snap * 2 { continue }
      result.append(value)
    }
    return result
  }
}
