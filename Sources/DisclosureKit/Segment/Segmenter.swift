/// Finds metadata, sections, tables and performance tables in normalized blocks.
public struct Segmenter: Sendable {
  /// Template knowledge.
  public var template: Template

  /// Creates a segmenter.
  public init(template: Template) { self.template = template }

  /// The document's structure.
  public func document(
    from blocks: [Block], source: RawDocument.Source, diagnostics: inout [Diagnostic]
  ) -> DisclosureDocument {
    DisclosureDocument(source: source)
  }
}
