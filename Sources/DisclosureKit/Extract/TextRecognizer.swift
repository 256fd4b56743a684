/// An 8-bit grey page image (0 black, 255 white), rows top to bottom, `width` bytes per row.
public struct GrayImage: Sendable, Hashable {
  /// Width in pixels.
  public var width: Int
  /// Height in pixels.
  public var height: Int
  /// Dots per inch the page was rendered at: a pixel is 72 / dpi points.
  public var dpi: Double
  /// `width × height` bytes.
  public var pixels: [UInt8]

  /// Creates an image; `pixels` must hold `width × height` bytes.
  public init(width: Int, height: Int, dpi: Double, pixels: [UInt8]) {
    self.width = width
    self.height = height
    self.dpi = dpi
    self.pixels = pixels
  }

  /// The pixel at column `x`, row `y` (white outside the image).
  @inlinable public func at(_ x: Int, _ y: Int) -> UInt8 {
    guard x >= 0, y >= 0, x < width, y < height else { return 255 }
    return pixels[y * width + x]
  }
}

/// A rectangle of pixels.
public struct PixelRect: Sendable, Hashable {
  /// Left column.
  public var x: Int
  /// Top row.
  public var y: Int
  /// Width in pixels.
  public var width: Int
  /// Height in pixels.
  public var height: Int

  /// Creates a rectangle.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// One past the right column.
  public var maxX: Int { x + width }
  /// One past the bottom row.
  public var maxY: Int { y + height }
}

/// A part of a page image to read and how its text is laid out.
public struct RecognitionRegion: Sendable, Hashable {
  /// How the text of a region is laid out (the recognizer's page segmentation).
  public enum Layout: Sendable, Hashable {
    /// One line (a table cell of one line).
    case line
    /// A block of lines (a cell with wrapped text).
    case block
    /// A page or a part of one with any layout (prose between tables).
    case page
    /// One character (a header cell of 款 or 项 that a line reading leaves empty).
    case character
  }

  /// Where, in pixels.
  public var rect: PixelRect
  /// How its text is laid out.
  public var layout: Layout
  /// The only characters it may hold (nil: any): a cell of figures read again as figures.
  public var characters: String?

  /// Creates a region.
  public init(rect: PixelRect, layout: Layout, characters: String? = nil) {
    self.rect = rect
    self.layout = layout
    self.characters = characters
  }
}

/// One character as recognized, with its box in the image's pixels.
public struct RecognizedSymbol: Sendable, Hashable {
  /// The character (or the few the recognizer joined).
  public var text: String
  /// Its box.
  public var rect: PixelRect
  /// The 1-based line of the region it is on.
  public var line: Int
  /// The box of that line.
  public var lineRect: PixelRect
  /// The 1-based word of the region it is in (a number, a run of characters without a gap).
  public var word: Int
  /// The recognizer's confidence, 0–100.
  public var confidence: Double
  /// Other readings the recognizer considered, best first (may be empty).
  public var alternatives: [String]

  /// Creates a symbol.
  public init(
    text: String, rect: PixelRect, line: Int, lineRect: PixelRect, word: Int = 0, confidence: Double, alternatives: [String] = []
  ) {
    self.text = text
    self.rect = rect
    self.line = line
    self.lineRect = lineRect
    self.word = word
    self.confidence = confidence
    self.alternatives = alternatives
  }
}

/// An OCR engine: reads regions of one page image. Implementations hold native state and need
/// not be thread-safe; extraction uses one per thread.
public protocol TextRecognizer: AnyObject {
  /// The symbols of each region, in the order of `regions`.
  func recognize(_ image: GrayImage, regions: [RecognitionRegion]) -> [[RecognizedSymbol]]
}
