/// The whole pipeline after extraction: `normalize → segment → rows`, then the document value
/// that `emit` serialises. Pure: the caller reads files and writes output.
public struct Pipeline: Sendable {
  /// Where to stop (for `dump --stop-after`).
  public enum Stage: String, Sendable, CaseIterable, Codable {
    /// Rebuild lines, cells and paragraphs.
    case normalize
    /// Find sections, tables and performance tables.
    case segment
    /// Reconstruct typed rows.
    case rows
  }

  /// Template knowledge (table titles, kinds, columns, heading patterns).
  public var template: Template

  /// Creates a pipeline.
  public init(template: Template) { self.template = template }

  /// Runs every stage on an extracted document.
  public func process(_ raw: RawDocument) -> DisclosureDocument {
    var diagnostics = raw.diagnostics
    let blocks = Normalizer(template: template).blocks(of: raw, diagnostics: &diagnostics)
    var document = Segmenter(template: template).document(from: blocks, source: raw.source, diagnostics: &diagnostics)
    let reconstructor = RowReconstructor(template: template)
    document.tables = document.tables.map { reconstructor.typed($0, diagnostics: &diagnostics) }
    document.diagnostics = diagnostics.sorted()
    return document
  }
}
