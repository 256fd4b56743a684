/// A ruling line drawn on a page: a table border, whether stroked or filled as a thin rectangle.
public struct Rule: Sendable, Hashable {
  /// Whether a rule runs across or down the page.
  public enum Orientation: String, Sendable, Codable {
    /// Runs left to right.
    case horizontal
    /// Runs top to bottom.
    case vertical
  }

  /// How the producer drew it.
  public enum Source: String, Sendable, Codable {
    /// A stroked line segment.
    case stroke
    /// A thin filled rectangle (as Word's PDF export draws borders).
    case fill
  }

  /// The area the rule covers, its thickness included.
  public var box: Box
  /// Its direction.
  public var orientation: Orientation
  /// How it was drawn.
  public var source: Source

  /// Creates a rule.
  public init(box: Box, orientation: Orientation, source: Source) {
    self.box = box
    self.orientation = orientation
    self.source = source
  }

  /// The rule's position across its direction: y for a horizontal rule, x for a vertical one.
  public var position: Double { orientation == .horizontal ? box.midY : box.midX }
  /// Where it starts along its direction.
  public var start: Double { orientation == .horizontal ? box.x0 : box.top }
  /// Where it ends along its direction.
  public var end: Double { orientation == .horizontal ? box.x1 : box.bottom }
}
