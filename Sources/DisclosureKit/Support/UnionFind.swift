/// Disjoint sets over `0..<count`, for grouping edges into tables and grid cells into spans.
struct UnionFind {
  private var parent: [Int]

  init(count: Int) { parent = Array(0..<count) }

  /// The representative of `i`'s set (the smallest member that has been a root).
  mutating func find(_ i: Int) -> Int {
    var i = i
    while parent[i] != i {
      parent[i] = parent[parent[i]]
      i = parent[i]
    }
    return i
  }

  /// Joins the sets of `a` and `b`; the smaller root represents both.
  mutating func unite(_ a: Int, _ b: Int) {
    let ra = find(a)
    let rb = find(b)
    if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
  }
}
