/// Rebuilds lines, table grids and paragraphs from extracted pages.
public struct Normalizer: Sendable {
  /// Template knowledge.
  public var template: Template

  /// Creates a normalizer.
  public init(template: Template) { self.template = template }

  /// The blocks of every page in reading order.
  public func blocks(of raw: RawDocument, diagnostics: inout [Diagnostic]) -> [Block] { [] }
}

/// A piece of a page after normalization.
public enum Block: Sendable, Hashable {
  /// A line of text outside tables.
  case line(TextLine)
  /// A table's cells on a grid.
  case table(TableGrid)
}

/// One line of text.
public struct TextLine: Sendable, Hashable {
  /// The text, fragments joined.
  public var text: String
  /// Page number.
  public var page: Int
  /// Where it is (zero for text input).
  public var box: Box
  /// Typical glyph size.
  public var fontSize: Double

  /// Creates a line.
  public init(text: String, page: Int, box: Box = Box(x0: 0, top: 0, x1: 0, bottom: 0), fontSize: Double = 0) {
    self.text = text
    self.page = page
    self.box = box
    self.fontSize = fontSize
  }
}

/// A table region as a grid of cells.
public struct TableGrid: Sendable, Hashable {
  /// One cell; merged cells span rows or columns.
  public struct Cell: Sendable, Hashable {
    /// Top row index.
    public var row: Int
    /// Left column index.
    public var column: Int
    /// Rows spanned.
    public var rowSpan: Int
    /// Columns spanned.
    public var columnSpan: Int
    /// Text with wrapped lines joined.
    public var text: String
    /// Where it is.
    public var box: Box

    /// Creates a cell.
    public init(row: Int, column: Int, rowSpan: Int = 1, columnSpan: Int = 1, text: String, box: Box) {
      self.row = row
      self.column = column
      self.rowSpan = rowSpan
      self.columnSpan = columnSpan
      self.text = text
      self.box = box
    }
  }

  /// Page number.
  public var page: Int
  /// Outer box.
  public var box: Box
  /// Number of grid rows.
  public var rowCount: Int
  /// Number of grid columns.
  public var columnCount: Int
  /// Cells, row-major.
  public var cells: [Cell]
  /// Whether the grid came from ruling lines (false: inferred from text alignment).
  public var ruled: Bool

  /// Creates a grid.
  public init(page: Int, box: Box, rowCount: Int, columnCount: Int, cells: [Cell], ruled: Bool) {
    self.page = page
    self.box = box
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.cells = cells
    self.ruled = ruled
  }
}
