/// One page as extraction gives it: glyphs and rules for PDF input, text lines for text input.
public struct RawPage: Sendable, Hashable {
  /// Page width and height in points.
  public struct Size: Sendable, Hashable {
    /// Width in points.
    public var width: Double
    /// Height in points.
    public var height: Double
    /// Creates a size.
    public init(width: Double, height: Double) {
      self.width = width
      self.height = height
    }
  }

  /// 1-based physical page number.
  public var number: Int
  /// Page size in points (zero for text input).
  public var size: Size
  /// Font names used by `glyphs[i].font`.
  public var fonts: [String]
  /// Every glyph on the page, in the producer's text order.
  public var glyphs: [Glyph]
  /// Ruling lines drawn on the page.
  public var rules: [Rule]
  /// Text lines, for text input only (PDF pages leave this empty).
  public var lines: [String]
  /// How many drawing operations the page performed (paths, glyph runs, images); tells an
  /// empty page from one whose text layer is missing.
  public var drawingOperations: Int
  /// OCR only: the cells of figures read more than one way, with the readings not taken (for the
  /// checks to choose from when a sum fails). Between stages only.
  public var figureReadings: [CellReadings] = []
  /// OCR only: the cells of words read more than one way, with the readings not taken (for the
  /// pipeline to take one that is a word of the template). Between stages only.
  public var textReadings: [CellReadings] = []

  /// Creates a page.
  public init(
    number: Int, size: Size = Size(width: 0, height: 0), fonts: [String] = [],
    glyphs: [Glyph] = [], rules: [Rule] = [], lines: [String] = [], drawingOperations: Int = 0
  ) {
    self.number = number
    self.size = size
    self.fonts = fonts
    self.glyphs = glyphs
    self.rules = rules
    self.lines = lines
    self.drawingOperations = drawingOperations
  }
}

/// A cell OCR read more than one way: where its text is, and the other readings.
public struct CellReadings: Sendable, Hashable {
  /// The box of the cell's text, in points.
  public var box: Box
  /// The readings not taken, as read (3,581.45), most given first.
  public var others: [String]

  /// Creates the readings of a cell.
  public init(box: Box, others: [String]) {
    self.box = box
    self.others = others
  }
}
