/// The whole pipeline after extraction: `normalize → segment → rows → check`, then the document
/// value that `emit` serialises. Pure: the caller reads files and writes output.
public struct Pipeline: Sendable {
  /// Where to stop (for `dump --stop-after`).
  public enum Stage: String, Sendable, CaseIterable, Codable {
    /// Rebuild lines, cells and paragraphs.
    case normalize
    /// Find sections, tables and performance tables.
    case segment
    /// Reconstruct typed rows.
    case rows
    /// Run the consistency rules (``Checker``).
    case check
  }

  /// Template knowledge (table titles, kinds, columns, heading patterns).
  public var template: Template
  /// Consistency rule sets (the pipeline file's `checks`); those of the document's kind run.
  public var checks: [CheckRuleSet]

  /// Creates a pipeline.
  public init(template: Template, checks: [CheckRuleSet] = []) {
    self.template = template
    self.checks = checks
  }

  /// Runs every stage on an extracted document.
  public func process(_ raw: RawDocument) -> DisclosureDocument {
    run(raw, through: .check).document ?? DisclosureDocument(source: raw.source)
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
    if last == .rows || last == .check {
      let reconstructor = RowReconstructor(template: template)
      document.tables = document.tables.map { reconstructor.typed($0, diagnostics: &diagnostics) }
    }
    if last == .check {
      document.checks = Checker(ruleSets: checks, template: template).findings(for: document)
    }
    document.diagnostics = diagnostics.sorted()
    return (document, blocks, document.diagnostics)
  }
}
