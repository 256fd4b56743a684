/// A ruling line a page draws (a table border), stroked or filled as a thin rectangle: the area
/// it covers, its thickness included, in points from the page's top-left corner, with edges named
/// as pdfplumber names them.
public struct RulingLine: Sendable, Hashable {
  /// Whether a line runs across or down the page.
  public enum Orientation: Sendable, Hashable {
    /// Runs left to right.
    case horizontal
    /// Runs top to bottom.
    case vertical
  }

  /// How the page drew a line.
  public enum Paint: Sendable, Hashable {
    /// A stroked line segment.
    case stroke
    /// A thin filled rectangle (as Word's PDF export draws borders).
    case fill
  }

  /// Left edge.
  public var x0: Double
  /// Top edge (distance from the top of the page).
  public var top: Double
  /// Right edge.
  public var x1: Double
  /// Bottom edge.
  public var bottom: Double
  /// Its direction.
  public var orientation: Orientation
  /// How it was drawn.
  public var paint: Paint
}
