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

  /// Template knowledge (table titles, kinds, columns, heading patterns), one per document
  /// kind (budget, final account); the first is the default.
  public var templates: [Template] { didSet { prepare() } }
  /// Consistency rule sets (the pipeline file's `checks`); those of the document's kind run.
  public var checks: [CheckRuleSet] { didSet { prepare() } }
  /// The names table labels print (the pipeline file's `lexicons`): what a label read by OCR
  /// is compared with.
  public var lexicon: Lexicon { didSet { prepare() } }
  /// A segmenter per template, with the rules of its kind: built once, not per document (its
  /// title vocabularies take as long to build as a short document takes to segment).
  private var segmenters: [Segmenter] = []
  /// What a label read by OCR is compared with, from the templates and the lexicon: built once,
  /// not per document (the sums' repair runs the stages many times over).
  private(set) var labelVocabulary = LabelVocabulary()

  /// Creates a pipeline with one template.
  public init(template: Template, checks: [CheckRuleSet] = []) {
    self.init(templates: [template], checks: checks)
  }

  /// Creates a pipeline that picks a template per document.
  public init(templates: [Template], checks: [CheckRuleSet] = [], lexicon: Lexicon = .empty) {
    self.templates = templates
    self.checks = checks
    self.lexicon = lexicon
    prepare()
  }

  private mutating func prepare() {
    segmenters = templates.map { Segmenter(template: $0, rules: rules(of: $0.kind)) }
    labelVocabulary = LabelVocabulary(templates: templates, lexicon: lexicon)
  }

  /// The consistency rules of the rule sets of document kind `kind`.
  private func rules(of kind: String) -> [CheckRule] {
    checks.filter { $0.kind == kind }.flatMap(\.rules)
  }

  /// The template whose kind markers (预算, 决算) the document's opening text uses most; the
  /// first template on a tie.
  public func template(for blocks: [Block]) -> Template {
    templateIndex(for: blocks).map { templates[$0] } ?? Template.empty
  }

  /// The index in `templates` of ``template(for:)``; nil without templates.
  func templateIndex(for blocks: [Block]) -> Int? {
    guard !templates.isEmpty else { return nil }
    var text = ""
    for case .line(let line) in blocks.prefix(120) { text += line.text }
    var best = 0
    var bestCount = -1
    for (index, template) in templates.enumerated() {
      let count = template.markers.reduce(0) { $0 + text.occurrences(literal: $1) }
      if count > bestCount {
        best = index
        bestCount = count
      }
    }
    return best
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
    var raw = raw
    if !raw.source.ocrPages.isEmpty, raw.pages.contains(where: { !$0.textReadings.isEmpty }) {
      raw = templateWords(raw)
    }
    let staged = stages(raw, through: last)
    var (blocks, diagnostics) = (staged.blocks, staged.diagnostics)
    guard last == .check, var document = staged.document, !document.source.ocrPages.isEmpty else {
      guard var document = staged.document else { return (nil, blocks, diagnostics.sorted()) }
      document.diagnostics = diagnostics.sorted()
      return (document, blocks, document.diagnostics)
    }
    if raw.pages.contains(where: { !$0.figureReadings.isEmpty }) {
      let repaired = repairedFigures(raw, document: document, blocks: blocks, diagnostics: diagnostics)
      (document, blocks, diagnostics) = (repaired.document, repaired.blocks, repaired.diagnostics)
    }
    diagnostics += Self.unsureAmounts(document, totals: staged.template.words.totals)
    document.diagnostics = diagnostics.sorted()
    return (document, blocks, document.diagnostics)
  }

  /// The stages up to `last`, diagnostics unsorted and not yet in the document; and the
  /// template the blocks chose.
  func stages(
    _ raw: RawDocument, through last: Stage
  ) -> (document: DisclosureDocument?, blocks: [Block], diagnostics: [Diagnostic], template: Template) {
    var diagnostics = raw.diagnostics
    let blocks = Normalizer(template: templates.first ?? Template.empty).blocks(of: raw, diagnostics: &diagnostics)
    let chosen = templateIndex(for: blocks)
    let template = chosen.map { templates[$0] } ?? Template.empty
    guard last != .normalize else { return (nil, blocks, diagnostics, template) }
    let segmenter = chosen.map { segmenters[$0] } ?? Segmenter(template: template, rules: rules(of: template.kind))
    var document = segmenter.document(from: blocks, source: raw.source, diagnostics: &diagnostics)
    document = Self.recognizedDepartment(
      document, placeEndings: template.placeEndings ?? [], places: lexicon.places, printable: raw.recognizerCharacters,
      diagnostics: &diagnostics)
    if !document.source.ocrPages.isEmpty {
      document = Self.recognizedHeadings(
        document, endings: template.headingEndings ?? [], phrases: template.headingPhrases ?? [], diagnostics: &diagnostics)
    }
    if last == .rows || last == .check {
      let reconstructor = RowReconstructor(template: template)
      document.tables = document.tables.map { reconstructor.typed($0, diagnostics: &diagnostics) }
      if !document.source.ocrPages.isEmpty {
        document = recognizedLabels(document, template: template, diagnostics: &diagnostics)
      }
      if document.tables.contains(where: { !$0.placementAlternatives.isEmpty }) {
        let placement = CrossTablePlacement(checker: Checker(ruleSets: checks, template: template), reconstructor: reconstructor)
        document = placement.resolve(document, diagnostics: &diagnostics)
      }
    }
    if last == .check {
      document.checks = Checker(ruleSets: checks, template: template).findings(for: document)
      // A figure in a table the document gives no number names no table (the JSON prints no
      // number for it to refer to); its page, box, row and column still say where it is.
      let unnumbered = Set(document.tables.filter { !$0.numberPrinted }.map(\.number))
      if !unnumbered.isEmpty {
        for f in document.checks.indices {
          for g in document.checks[f].figures.indices {
            if let table = document.checks[f].figures[g].source.table, unnumbered.contains(table) {
              document.checks[f].figures[g].source.table = nil
            }
          }
        }
      }
    }
    return (document, blocks, diagnostics, template)
  }
}
