/// A document after extraction: its source, pages and what extraction noticed.
public struct RawDocument: Sendable, Hashable {
  /// The kind of input a document came from.
  public enum Input: String, Sendable, Codable {
    /// A PDF read through poppler.
    case pdf
    /// A text layer as pdftotext writes it.
    case text
    /// Word boxes in Tesseract's TSV (or `pdftotext -tsv`'s).
    case tsv
    /// Word boxes in hOCR.
    case hocr
    /// Word boxes in ALTO XML.
    case alto
  }

  /// Where the document came from: file name (never an absolute path), digest, page count.
  public struct Source: Sendable, Hashable {
    /// The file name without folders.
    public var file: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    /// Number of pages.
    public var pages: Int
    /// PDF, text or word boxes.
    public var input: Input
    /// The pages read by OCR (scanned pages), in order.
    public var ocrPages: [Int] = []
    /// Creates a source description.
    public init(file: String, sha256: String, pages: Int, input: Input) {
      self.file = file
      self.sha256 = sha256
      self.pages = pages
      self.input = input
    }
  }

  /// The source.
  public var source: Source
  /// Pages in order.
  public var pages: [RawPage]
  /// What extraction reported.
  public var diagnostics: [Diagnostic]
  /// The characters the OCR engine that read the scanned pages can give at all (its model's);
  /// nil when no page was read by OCR or the engine did not say. A character outside them that
  /// a name must hold is one OCR misread wherever it is printed.
  public var recognizerCharacters: Set<Character>?

  /// Creates a raw document.
  public init(source: Source, pages: [RawPage], diagnostics: [Diagnostic] = []) {
    self.source = source
    self.pages = pages
    self.diagnostics = diagnostics
  }
}
