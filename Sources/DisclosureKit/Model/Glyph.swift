/// One Unicode scalar drawn on a page, with its box and font.
public struct Glyph: Sendable, Hashable {
  /// The character as one Unicode scalar (poppler reports one box per scalar).
  public var scalar: Unicode.Scalar
  /// Where it is drawn.
  public var box: Box
  /// Index into the page's `fonts`.
  public var font: Int
  /// Font size in points.
  public var fontSize: Double

  /// Creates a glyph.
  public init(scalar: Unicode.Scalar, box: Box, font: Int = 0, fontSize: Double = 0) {
    self.scalar = scalar
    self.box = box
    self.font = font
    self.fontSize = fontSize
  }
}
