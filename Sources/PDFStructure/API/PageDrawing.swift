/// What a page's content streams draw, as far as ruling lines go.
public struct PageDrawing: Sendable, Hashable {
  /// Ruling lines in points from the page's top-left corner (as poppler shows the page, crop box
  /// and rotation applied), stroked or filled.
  public var rules: [RulingLine]
  /// Paint operators executed (`S s f F f* B B* b b* sh`, image `Do`, inline images, and the
  /// text-showing operators), so an empty page can be told from one whose text layer is missing.
  public var drawingOperations: Int
  /// Text-showing operators executed (`Tj TJ ' "`).
  public var glyphRuns: Int
  /// Images drawn (image `Do`, inline images): a page of images and no text is a scan.
  public var images: Int

  init(rules: [RulingLine] = [], drawingOperations: Int = 0, glyphRuns: Int = 0, images: Int = 0) {
    self.rules = rules
    self.drawingOperations = drawingOperations
    self.glyphRuns = glyphRuns
    self.images = images
  }
}
