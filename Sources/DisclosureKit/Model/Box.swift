/// A rectangle in page points with a top-left origin, named as pdfplumber names it.
public struct Box: Sendable, Hashable, Codable {
  /// Left edge.
  public var x0: Double
  /// Top edge (distance from the top of the page).
  public var top: Double
  /// Right edge.
  public var x1: Double
  /// Bottom edge.
  public var bottom: Double

  /// Creates a box from its four edges.
  public init(x0: Double, top: Double, x1: Double, bottom: Double) {
    self.x0 = x0
    self.top = top
    self.x1 = x1
    self.bottom = bottom
  }

  /// Horizontal extent.
  public var width: Double { x1 - x0 }
  /// Vertical extent.
  public var height: Double { bottom - top }
  /// Horizontal centre.
  public var midX: Double { (x0 + x1) / 2 }
  /// Vertical centre.
  public var midY: Double { (top + bottom) / 2 }

  /// The smallest box holding both boxes.
  public func union(_ other: Box) -> Box {
    Box(
      x0: min(x0, other.x0), top: min(top, other.top), x1: max(x1, other.x1),
      bottom: max(bottom, other.bottom))
  }

  /// Whether the two boxes share any area or touch.
  public func intersects(_ other: Box) -> Bool {
    x0 <= other.x1 && other.x0 <= x1 && top <= other.bottom && other.top <= bottom
  }
}
