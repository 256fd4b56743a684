/// A 2-D affine transform with cairo's field names and cairo's arithmetic order, so device
/// coordinates come out bit-for-bit as poppler's cairo output computes them (pixel alignment
/// floors them, where one ulp can move a rule by a point).
struct AffineMatrix: Equatable {
  var xx: Double
  var yx: Double
  var xy: Double
  var yy: Double
  var x0: Double
  var y0: Double

  static let identity = AffineMatrix(xx: 1, yx: 0, xy: 0, yy: 1, x0: 0, y0: 0)

  /// From PDF operands `a b c d e f`.
  init(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ f: Double) {
    self.init(xx: a, yx: b, xy: c, yy: d, x0: e, y0: f)
  }

  init(xx: Double, yx: Double, xy: Double, yy: Double, x0: Double, y0: Double) {
    self.xx = xx
    self.yx = yx
    self.xy = xy
    self.yy = yy
    self.x0 = x0
    self.y0 = y0
  }

  /// `a` then `b` (cairo_matrix_multiply (result, a, b)).
  static func multiply(_ a: AffineMatrix, _ b: AffineMatrix) -> AffineMatrix {
    AffineMatrix(
      xx: a.xx * b.xx + a.yx * b.xy,
      yx: a.xx * b.yx + a.yx * b.yy,
      xy: a.xy * b.xx + a.yy * b.xy,
      yy: a.xy * b.yx + a.yy * b.yy,
      x0: a.x0 * b.xx + a.y0 * b.xy + b.x0,
      y0: a.x0 * b.yx + a.y0 * b.yy + b.y0)
  }

  /// This matrix with `m` applied first, as `cm` and cairo_transform compose.
  func prepending(_ m: AffineMatrix) -> AffineMatrix { Self.multiply(m, self) }

  @inline(__always) func transformDistance(_ dx: Double, _ dy: Double) -> (Double, Double) {
    (xx * dx + xy * dy, yx * dx + yy * dy)
  }

  @inline(__always) func transformPoint(_ x: Double, _ y: Double) -> (Double, Double) {
    let (dx, dy) = transformDistance(x, y)
    return (dx + x0, dy + y0)
  }

  var determinant: Double { xx * yy - yx * xy }

  /// Whether cairo accepts the matrix (a finite, non-zero determinant).
  var isInvertible: Bool {
    let det = determinant
    return det.isFinite && det != 0 && x0.isFinite && y0.isFinite
  }

  var isIdentity: Bool { self == .identity }

  /// The inverse, computed as cairo_matrix_invert does; nil when singular.
  var inverted: AffineMatrix? {
    if xy == 0 && yx == 0 {
      var m = self
      m.x0 = -x0
      m.y0 = -y0
      if xx != 1 {
        guard xx != 0 else { return nil }
        m.xx = 1 / xx
        m.x0 *= m.xx
      }
      if yy != 1 {
        guard yy != 0 else { return nil }
        m.yy = 1 / yy
        m.y0 *= m.yy
      }
      return m
    }
    let det = determinant
    guard det.isFinite, det != 0 else { return nil }
    // Adjoint scaled by 1/det.
    let scale = 1 / det
    return AffineMatrix(
      xx: yy * scale, yx: -yx * scale, xy: -xy * scale, yy: xx * scale,
      x0: (xy * y0 - yy * x0) * scale, y0: (yx * x0 - xx * y0) * scale)
  }
}
