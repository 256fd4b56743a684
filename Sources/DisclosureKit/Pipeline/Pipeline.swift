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
    run(raw, through: .rows).document ?? DisclosureDocument(source: raw.source)
  }

  /// Runs the stages up to `last`: the normalized blocks, and the document once segmented
  /// (with untyped rows when stopping after `segment`), and the sorted diagnostics.
  public func run(
    _ raw: RawDocument, through last: Stage
  ) -> (document: DisclosureDocument?, blocks: [Block], diagnostics: [Diagnostic]) {
    var diagnostics = raw.diagnostics
    let blocks = Normalizer(template: template).blocks(of: raw, diagnostics: &diagnostics)
    guard last != .normalize else { return (nil, blocks, diagnostics.sorted()) }
    var document = Segmenter(template: template).document(from: blocks, source: raw.source, diagnostics: &diagnostics)
    if last == .rows {
      let reconstructor = RowReconstructor(template: template)
      document.tables = document.tables.map { reconstructor.typed($0, diagnostics: &diagnostics) }
    }
    document.diagnostics = diagnostics.sorted()
    return (document, blocks, document.diagnostics)
  }
}
