import Foundation

/// Finds metadata, sections, tables and performance tables in normalized blocks.
///
/// 1. Paragraphs: lines joined across line and page breaks (``ParagraphBuilder``).
/// 2. The table of contents (目录) page is skipped; text before the first part is the cover.
/// 3. Headings: 第X部分 (level 1); X、 and （X） (levels 2, 3) when they stand alone (short, no
///    sentence end); numbered lines that carry running text stay paragraphs.
/// 4. Tables: a label (表3) and/or a template title opens a table; 编制部门 and 单位 lines fill
///    it; the grids that follow, on this page and the next ones, are its body until the next
///    heading or title; 注/备注 lines and empty-table notes stay with it.
/// 5. Performance target tables: a performance title, then grids of key cells (项目名称 …) and
///    indicator rows; a grid may hold several tables, and a table may continue on the next page.
/// 6. Glossary entries from 名词解释, the closing signature and date, document metadata.
///
/// Diagnoses: grids with no title; titles that match no template entry; tables whose body is
/// missing; unruled tables read without a grid.
public struct Segmenter: Sendable {
  /// Template knowledge.
  public var template: Template


  /// Row sums of the template's tables (the `row-sum` check rules): text input, whose lines do
  /// not show the column of an amount, places amounts by them.
  public var rowSums: [CheckRule]
  /// The `code-tree` check rules: the code levels of each table, for the same placement.
  public var codeTrees: [CheckRule]
  /// Table labels and department labels of the template, compiled.
  private let vocabulary: TableCaption.Vocabulary
  /// The template's title variants as titles are compared.
  private let titleVariants: [(variant: String, kind: String)]
  /// The template's words of table bodies.
  private let words: TableWords

  /// Creates a segmenter; of the check rules of the template's kind it keeps the row sums and
  /// code trees.
  public init(template: Template, rules: [CheckRule] = []) {
    self.template = template
    rowSums = rules.filter { $0.relation == .rowSum }
    codeTrees = rules.filter { $0.relation == .codeTree }
    vocabulary = TableCaption.Vocabulary(template)
    titleVariants = template.titleVariants()
    words = template.words
  }

  private enum Context {
    case none
    case table(Int)
    case performance
  }

  /// The document's structure.
  public func document(
    from blocks: [Block], source: RawDocument.Source, diagnostics: inout [Diagnostic]
  ) -> DisclosureDocument {
    var paragraphs = ParagraphBuilder()
    paragraphs.headingEndings = template.headingEndings ?? []
    paragraphs.contentsTitles = vocabulary.contentsTitles
    let scanned = Set(source.ocrPages)
    let units = paragraphs.units(from: blocks).flatMap { unit -> [Unit] in
      if case .text(var text) = unit, scanned.contains(text.page), let fixed = Headings.withPartOrdinal(text.text) {
        // Read by OCR, a part heading without its 第.
        diagnostics.append(
          Diagnostic(.note, .segment, "a line read by OCR as “\(text.compact)” is taken as the part heading “\(fixed)”", page: text.page))
        text.text = fixed
        return [.text(text)]
      }
      if case .text(var text) = unit, scanned.contains(text.page),
        let fixed = Headings.withoutLeadingSpeck(text.text, endings: template.headingEndings ?? [])
      {
        // Read by OCR, a heading with a speck before its numeral read as a character.
        diagnostics.append(
          Diagnostic(.note, .segment, "a line read by OCR as “\(text.compact)” is taken as the heading “\(fixed)”: no character opens a heading before its numeral", page: text.page))
        text.text = fixed
        return [.text(text)]
      }
      guard case .grid(let grid) = unit else { return [unit] }
      return TableCaption.split(grid, vocabulary: vocabulary).map(Unit.grid)
    }
    var document = DisclosureDocument(source: source)
    var tree = SectionTree()
    var tocPage: Int?
    var tocFirstPart: String?
    var tocGrid = false
    var context = Context.none
    var cover: [TextUnit] = []
    var tableGrids: [Int: [TableGrid]] = [:]
    var tableLines: [Int: [TextLine]] = [:]
    var performance = PerformanceTableBuilder(words: template.performanceTable ?? .none, titles: template.performanceTitles)
    var index = 0
    var closingCandidates: [(unit: TextUnit, section: [Int])] = []
    var performanceText: [String] = []
    var pendingCaption: TableCaption?
    // Performance target tables also come out as printed tables: the grids of the one being
    // read, under its printed title.
    var performanceCaption = TableCaption()
    var performanceGrids: Int?
    func startPerformance(title: String, caption: TableCaption?, page: Int, year: Int?) {
      performance.start(title: title, page: page, year: year)
      var printed = caption ?? TableCaption()
      if printed.title == nil { printed.title = title }
      performanceCaption = printed
      performanceGrids = nil
    }
    func addPerformance(_ grid: TableGrid) {
      performance.add(grid)
      if let t = performanceGrids {
        tableGrids[t, default: []].append(grid)
        return
      }
      let table = Table(
        number: performanceCaption.number ?? Self.nextNumber(document.tables, tableGrids, tableLines), label: performanceCaption.label ?? "",
        title: performanceCaption.title ?? "", kind: "performance_target", department: performanceCaption.department,
        unit: performanceCaption.unit, pages: [grid.page])
      document.tables.append(table)
      performanceGrids = document.tables.count - 1
      tableGrids[document.tables.count - 1] = [grid]
    }
    func flushPerformanceText() {
      if !performanceText.isEmpty { performance.addText(performanceText.joined()) }
      performanceText = []
    }

    // The top level of headings: 第X部分 parts, or in a document printed without them the
    // 一、 headings (一、部门概况 …), which then root the sections and end the cover and contents.
    let topLevel =
      units.contains { unit in
        if case .text(let text) = unit { return Headings.numbered(text.text)?.level == 1 }
        return false
      } ? 1 : 2
    func isTop(_ text: TextUnit) -> Bool { Headings.numbered(text.text)?.level == topLevel }
    // A top entry of the 目录 (一、部门主要职能) that the body prints as a title line without its
    // number (上海市普陀区司法局主要职能 at the head of a page) opens that section.
    var listedEntries: (count: Int, entries: [(number: String, rest: String)]) = (0, [])
    func listedHeading(_ text: TextUnit) -> (number: String, title: String)? {
      guard !document.contents.isEmpty else { return nil }
      let compact = text.compact
      // `dropFirst(40)` walks 40 characters at most; `count` would walk every paragraph whole.
      guard compact.dropFirst(40).isEmpty, text.lines.count <= 2, !compact.contains(literal: "。"), !compact.hasSuffix("："),
        Headings.numbered(text.text) == nil
      else { return nil }
      if listedEntries.count != document.contents.count {
        listedEntries = (
          document.contents.count,
          document.contents.compactMap { line in
            guard let entry = Headings.numbered(TextNormalization.withoutLeaders(TextNormalization.compact(line))),
              entry.level == topLevel
            else { return nil }
            return (entry.number, entry.rest)
          }
        )
      }
      for entry in listedEntries.entries {
        if let title = Self.listedTitle(compact, entry: entry.rest) { return (entry.number, title) }
      }
      return nil
    }

    while index < units.count {
      let unit = units[index]
      index += 1
      switch unit {
      case .grid(var grid):
        if let start = tocPage, grid.page == start || grid.page <= start + 3 && (document.tables.isEmpty || tocGrid) {
          // The contents printed as a grid (on the 目录's page, and the pages it runs on to).
          for row in TableBodyBuilder.matrix(of: grid) {
            let line = row.map(TextNormalization.compact).filter { !$0.isEmpty }.joined(separator: " ")
            if !line.isEmpty { document.contents.append(line) }
          }
          tocGrid = true
          continue
        }
        let caption = TableCaption.peel(&grid, vocabulary: vocabulary).map { $0.filled(from: pendingCaption) }
          ?? pendingCaption
        pendingCaption = nil
        if let title = caption?.title, Self.isContentsTitle(title, titles: vocabulary.contentsTitles) {
          // A list of contents printed as a grid (报表目录).
          for row in TableBodyBuilder.matrix(of: grid) {
            let line = row.map(TextNormalization.compact).filter { !$0.isEmpty }.joined(separator: " ")
            if !line.isEmpty { document.contents.append(line) }
          }
          continue
        }
        if awaitingGrid(context, tableGrids, tableLines), case .table(let t) = context,
          !(caption?.namesTable ?? false) || caption.map({ Self.repeats($0, document.tables[t]) }) ?? false
        {
          // The grid of a table whose title came as text.
          fill(&document.tables[t], from: caption)
          tableGrids[t] = [grid]
          continue
        }
        if let title = caption?.title, template.performanceTitles.contains(where: { TextNormalization.compact(title).contains(literal: $0) }) {
          flushPerformanceText()
          startPerformance(title: title, caption: caption, page: grid.page, year: caption.flatMap { Self.year(in: $0.printed) })
          tree.attachPerformance(performance.count)
          addPerformance(grid)
          context = .performance
          continue
        }
        if let caption, caption.namesTable {
          if let last = document.tables.indices.last, Self.repeats(caption, document.tables[last]),
            let lastPage = tableGrids[last]?.last?.page, grid.page == lastPage + 1
          {
            // The title repeated on the next page: the table goes on.
            tableGrids[last, default: []].append(grid)
            context = .table(last)
            continue
          }
          let t = openTable(
            caption, next: Self.nextNumber(document.tables, tableGrids, tableLines), page: grid.page, document: &document,
            tree: &tree, diagnostics: &diagnostics)
          tableGrids[t] = [grid]
          context = .table(t)
          continue
        }
        if case .table(let t) = context {
          tableGrids[t, default: []].append(grid)
        } else if case .performance = context {
          addPerformance(grid)
        } else if performance.looksLikePerformanceGrid(grid) {
          startPerformance(title: template.performanceTitles.first ?? "", caption: caption, page: grid.page, year: nil)
          addPerformance(grid)
          context = .performance
          tree.attachPerformance(performance.count)
        } else if let last = document.tables.indices.last, let previous = tableGrids[last]?.last,
          previous.page == grid.page - 1 || previous.page == grid.page, previous.columnCount == grid.columnCount
        {
          // A grid with no title right after a table, of the same width: its continuation.
          tableGrids[last, default: []].append(grid)
          context = .table(last)
        } else {
          // Every grid is a table, with or without a title.
          let t = openTable(
            caption ?? TableCaption(), next: Self.nextNumber(document.tables, tableGrids, tableLines), page: grid.page,
            document: &document, tree: &tree, diagnostics: &diagnostics)
          tableGrids[t] = [grid]
          context = .table(t)
        }
      case .text(let text):
        let compact = text.compact
        if vocabulary.contentsTitles.contains(compact) {
          tocPage = text.page
          tocGrid = false
          continue
        }
        // A part the 目录 lists, printed without its number (read once: the contents no longer
        // change once a line of the body is read).
        let listed = listedHeading(text)
        if let start = tocPage, tocGrid, text.page > start {
          // Contents printed as a grid end with it: the text of a later page is the document's.
          tocPage = nil
        }
        if let start = tocPage, text.page > start, listed != nil {
          // A title the contents list, printed on a later page: the body has begun.
          tocPage = nil
        }
        if let start = tocPage {
          // The contents run until the first part heading comes again on a later page.
          if text.page == start || !isTop(text) || tocFirstPart == nil
            || Headings.numbered(text.text)?.number != tocFirstPart
          {
            if tocFirstPart == nil, let numbered = Headings.numbered(text.text), numbered.level == topLevel {
              tocFirstPart = numbered.number
            }
            if text.page <= start + 3 {
              document.contents.append(TextNormalization.normalize(text.text))
              continue
            }
          }
          tocPage = nil
        }
        // The lines above a grid on the same page: its caption, read when the grid comes.
        if !awaitingGrid(context, tableGrids, tableLines), let end = Self.captionEnd(from: index - 1, in: units) {
          let lines = units[(index - 1)..<end].flatMap { unit -> [TextLine] in
            if case .text(let t) = unit { return t.lines }
            return []
          }
          let caption = TableCaption.read(lines.map { $0.fragments.map(\.text) }, vocabulary: vocabulary, ocr: scanned.contains(text.page))
          // Across a page break only a caption that names a table: short lines at the foot of a
          // page are otherwise the end of the text above.
          if case .grid(let grid) = units[end], grid.page != text.page, !caption.namesTable {
          } else {
            pendingCaption = caption
            index = end
            continue
          }
        }
        // Performance table title.
        if let title = template.performanceTitles.first(where: { compact.contains(literal: $0) }), compact.count <= title.count + 30,
          !compact.hasSuffix("。"), !compact.hasSuffix("：")
        {
          var year = Self.year(in: compact)
          if year == nil, index < units.count, case .text(let next) = units[index], next.compact.count <= 12,
            let y = Self.year(in: next.compact)
          {
            year = y
            index += 1
          }
          flushPerformanceText()
          startPerformance(
            title: title, caption: TableCaption(title: TextNormalization.normalize(text.text)), page: text.page, year: year)
          context = .performance
          tree.attachPerformance(performance.count)
          continue
        }
        // A caption run together into one paragraph, as lines of one size are (收支总表（预算表1）
        // above 预算单位：… 单位：万元): a table title with its department or unit line.
        if text.lines.count >= 2, text.lines.count <= 4, compact.count <= 120, !compact.contains(literal: "。"),
          tableStart(text, following: []) == nil
        {
          let caption = TableCaption.read(text.lines.map { $0.fragments.map(\.text) }, vocabulary: vocabulary)
          if let title = caption.title, kind(of: title) != nil, caption.department != nil || caption.unit != nil {
            let t = openTable(
              caption, next: Self.nextNumber(document.tables, tableGrids, tableLines), page: text.page, document: &document,
              tree: &tree, diagnostics: &diagnostics)
            context = .table(t)
            continue
          }
        }
        // Table start.
        if let start = tableStart(text, following: units[index...].prefix(3), ocr: !source.ocrPages.isEmpty) {
          index += start.consumed
          if let last = document.tables.indices.last,
            Self.repeats(TableCaption(label: start.label, title: start.title), document.tables[last]),
            let lastPage = tableGrids[last]?.last?.page, text.page == lastPage + 1
          {
            // The title repeated on the next page: the table goes on.
            context = .table(last)
            continue
          }
          let entry = template.tables.first { $0.kind == start.kind }
          let next = Self.nextNumber(document.tables, tableGrids, tableLines)
          let number: Int = start.number ?? (document.tables.isEmpty ? entry?.number : nil) ?? next
          // The table starts on its title's page (a label at the foot of the page before, as
          // 部门公开表7 under 表6's grid, is printed ahead of it).
          var page = text.page
          if start.consumed > 0, case .text(let title) = units[index - 1] { page = title.page }
          let table = Table(
            number: number, label: start.label ?? "",
            title: start.title, kind: start.kind, pages: [page])
          if start.kind == nil {
            diagnostics.append(
              Diagnostic(.warning, .segment, "table title \"\(start.title)\" matches no template entry", page: text.page))
          }
          document.tables.append(table)
          // The department and unit fields the title's last line ran into are the table's.
          if let fields = start.fields, !fields.isEmpty, case .text(let piece) = units[index - 1] {
            _ = absorb(
              TextUnit(text: fields, page: piece.page, lines: [TextLine(text: fields, page: piece.page)]),
              into: &document.tables[document.tables.count - 1])
          }
          context = .table(document.tables.count - 1)
          tree.attachTable(document.tables.count - 1)
          continue
        }
        // A table's note or unit line is the table's, also before the first heading (tables
        // printed ahead of the text); text before it is otherwise the cover.
        if case .table(let t) = context, tableGrids[t] != nil || !tree.isEmpty || isTop(text) {
          if let rest = absorb(text, into: &document.tables[t]) {
            if !rest.isEmpty, tableGrids[t] == nil { tableLines[t, default: []] += rest }
            continue
          }
          // Text inside a table without a ruled grid: kept for the aligned reader, up to the
          // next part heading or a sentence.
          if tableGrids[t] == nil, !isTop(text), !compact.contains(literal: "。") {
            tableLines[t, default: []] += text.lines
            continue
          }
        }
        if tree.isEmpty, topLevel == 1 ? !isTop(text) : heading(text)?.level != topLevel, listed == nil {
          cover.append(text)
          continue
        }
        if case .performance = context, source.input == .text, heading(text) == nil {
          // Text input has no grids: the table's cells come as lines, read as a whole below.
          performanceText.append(compact)
          continue
        }
        if case .performance = context, compact.count < 40, Headings.numbered(text.text) == nil,
          !compact.contains(literal: "。"), text.lines.count == 1 || text.lines.allSatisfy({ $0.text.count <= 3 })
        {
          // Stray cell text of an unruled performance table, or a label set vertically beside
          // a ruled one (年 ‖ 度 ‖ 绩 ‖ 效 ‖ 指 ‖ 标) that the grid did not take in: a level's
          // text in a column the grid leaves unruled goes to the rows it labels.
          if let box = text.lines.map(\.box).reduce(nil, { $0?.union($1) ?? $1 }) {
            performance.addSideText(compact, box: box, page: text.page)
          }
          continue
        }
        if case .performance = context { flushPerformanceText() }
        if let listed {
          context = .none
          // The title line of a part printed apart from its number; else a part the 目录 lists
          // (above the 一、 headings of a document without 第X部分 parts).
          if !tree.title(level: topLevel, number: listed.number, title: listed.title, line: text.text) {
            tree.open(
              Section(
                level: topLevel == 2 ? 1 : topLevel, number: listed.number, title: listed.title,
                heading: TextNormalization.normalize(text.text), page: text.page))
          }
          continue
        }
        if var heading = heading(text) {
          context = .none
          // A part title wraps onto centred lines of the same size.
          if heading.level == 1, let first = text.lines.first {
            while index < units.count, case .text(let next) = units[index], next.page == text.page,
              next.lines.count == 1, let line = next.lines.first, Headings.numbered(line.text) == nil,
              !Headings.isTableLabel(line.text), abs(line.fontSize - first.fontSize) < first.fontSize * 0.1,
              abs(line.box.midX - first.box.midX) < first.fontSize * 2, line.box.width > 0
            {
              heading.heading = TextNormalization.normalize(heading.heading + line.text)
              heading.title = TextNormalization.normalize(heading.title + line.text)
              index += 1
            }
          }
          tree.open(Section(level: heading.level, number: heading.number, title: heading.title, heading: heading.heading, page: text.page))
          continue
        }
        context = .none
        for piece in ParagraphBuilder.fields(of: text) {
          let paragraph = TextNormalization.normalize(piece.text)
          guard !paragraph.isEmpty else { continue }
          tree.addParagraph(paragraph)
          closingCandidates.append((piece, tree.path))
        }
      }
    }

    flushPerformanceText()

    // A list of table titles (the 部门决算表 part's own contents) opens tables that never get a
    // body: drop them where a later table of the same kind has one.
    var keep = Array(repeating: true, count: document.tables.count)
    for t in document.tables.indices where tableGrids[t] == nil && tableLines[t] == nil {
      let table = document.tables[t]
      if document.tables.indices.contains(where: { u in
        let other = document.tables[u]
        let same = table.kind != nil && other.kind == table.kind
          || !table.label.isEmpty && other.label == table.label
          || !table.title.isEmpty && TextNormalization.compact(other.title) == TextNormalization.compact(table.title)
        return u != t && same && (tableGrids[u] != nil || tableLines[u] != nil)
      }) {
        keep[t] = false
      }
    }
    var survivors: [Table] = []
    var grids: [Int: [TableGrid]] = [:]
    var lines: [Int: [TextLine]] = [:]
    var survivorIndex: [Int: Int] = [:]
    for t in document.tables.indices where keep[t] {
      survivorIndex[t] = survivors.count
      grids[survivors.count] = tableGrids[t]
      lines[survivors.count] = tableLines[t]
      survivors.append(document.tables[t])
    }
    if survivors.count < document.tables.count {
      diagnostics.append(
        Diagnostic(.note, .segment, "\(document.tables.count - survivors.count) table titles listed without a body were taken for a list of contents"))
    }
    // A table that prints no number takes the one the contents give its title (目录 lines, and
    // the numbered titles listed without a body above).
    let listed = document.tables.indices.filter { !keep[$0] && !document.tables[$0].label.isEmpty }.map {
      (TextNormalization.compact(document.tables[$0].title), document.tables[$0].number)
    }
    let contentsNumbers = Self.contentsNumbers(document.contents.map { ($0, nil) } + listed.map { ($0.0, $0.1) })
    for t in survivors.indices where survivors[t].label.isEmpty && !survivors[t].title.isEmpty {
      if let number = Self.contentsNumber(of: survivors[t].title, in: contentsNumbers) {
        survivors[t].number = number
        survivors[t].numberFromContents = true
      }
    }
    document.tables = survivors
    tableGrids = grids
    tableLines = lines

    // Table bodies.
    var knownNames: [String: String] = [:]
    for t in document.tables.indices {
      let grids = tableGrids[t] ?? []
      var table = document.tables[t]
      table.pages = Array(Set(table.pages + grids.map(\.page) + (tableLines[t] ?? []).map(\.page))).sorted()
      let emptyNote = table.note.map { n in template.emptyMarkers.contains { n.contains(literal: $0) } } ?? false
      if grids.isEmpty, let lines = tableLines[t], !lines.isEmpty, !emptyNote, !lines.contains(where: Self.holdsData) {
        // Only header text, no amount and no code: the body is missing (never invented).
        table.header = Self.headerTexts(lines)
        table.bodyMissing = true
        diagnostics.append(
          Diagnostic(.warning, .segment, "\(table.name): the table's body is missing; only header text is printed", page: table.pages.first))
      } else if source.input == .text, grids.isEmpty, let lines = tableLines[t], !lines.isEmpty,
        let read = textTable(lines, of: &table, knownNames: knownNames, diagnostics: &diagnostics)
      {
        for row in read.rows {
          if let code = row.code, let name = TextTableReader.name(of: row, kinds: read.kinds) { knownNames[code] = name }
        }
      } else {
        let body = TableBodyBuilder(words: words, scannedPages: Set(source.ocrPages)).body(of: grids, lines: tableLines[t] ?? [])
        table.header = body.header
        table.rows = body.rows
      }
      if grids.isEmpty, !table.bodyMissing, source.input != .text || table.header.isEmpty {
        diagnostics.append(
          Diagnostic(
            tableLines[t]?.isEmpty ?? true ? .warning : .note, .segment,
            tableLines[t]?.isEmpty ?? true
              ? "\(table.name): the table's body is missing" : "\(table.name): table without a ruled grid, read from text alignment",
            page: table.pages.first))
      }
      // A note saying the table is empty (本表无数据 …) marks it empty.
      if emptyNote { table.empty = true }
      document.tables[t] = table
    }
    // A table that prints no unit uses the one its siblings print (a document states one unit).
    let printedUnits = document.tables.compactMap(\.unit).filter { !$0.isEmpty }
    if let common = Dictionary(grouping: printedUnits, by: { $0 }).max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) })?.key {
      for t in document.tables.indices where document.tables[t].unit?.isEmpty ?? true && document.tables[t].kind != "performance_target" {
        document.tables[t].unit = common
        diagnostics.append(
          Diagnostic(.note, .segment, "\(document.tables[t].name): no unit printed; \(common) as in the other tables", page: document.tables[t].pages.first))
      }
    }
    document.performanceTables = performance.tables()
    // Knowledge enriches, never gates: a table whose title matches no template entry is `other`.
    for t in document.tables.indices where document.tables[t].kind == nil { document.tables[t].kind = Table.otherKind }

    // Closing: a date line at the end, the signature just before it.
    var closing = Closing()
    if let last = closingCandidates.last, let date = Self.date(in: last.unit.compact), last.unit.compact.count <= 16 {
      closing.date = date
      tree.removeParagraph(at: last.section, text: TextNormalization.normalize(last.unit.text))
      if closingCandidates.count >= 2 {
        let signature = closingCandidates[closingCandidates.count - 2]
        if signature.unit.compact.count <= 60, !signature.unit.compact.hasSuffix("。") {
          closing.signature = TextNormalization.normalize(signature.unit.text)
          tree.removeParagraph(at: signature.section, text: closing.signature ?? "")
        }
      }
      document.closing = closing
    }
    Self.renumberUnprinted(&document.tables)
    // Sections list the tables the document numbers.
    let numbers = document.tables.map { $0.numberPrinted ? $0.number : nil }
    document.sections = tree.roots { index in survivorIndex[index].flatMap { numbers[$0] } }
    document.glossary = Self.glossary(in: document.sections, titles: template.glossaryTitles ?? [])
    document.metadata = metadata(document, cover: cover)
    return document
  }

  /// A table that prints no label was numbered one more than the table before it; where that
  /// number is also another table's (an untitled grid before 表1, a second table in 表3's
  /// place), it takes the next number above every printed one instead, in document order, so
  /// that a number names one table.
  static func renumberUnprinted(_ tables: inout [Table]) {
    var counts: [Int: Int] = [:]
    for table in tables { counts[table.number, default: 0] += 1 }
    let colliding = tables.indices.filter {
      tables[$0].label.isEmpty && !tables[$0].numberFromContents && counts[tables[$0].number, default: 0] > 1
    }
    guard !colliding.isEmpty, var next = tables.map(\.number).max() else { return }
    for t in colliding {
      next += 1
      tables[t].number = next
    }
  }

  /// The numbers a list of contents gives table titles, by compact title: `1. 2026年部门收入预算总表
  /// ……… 8`, `一、收入支出决算总表`, `表3 …`, `附表3 …`. A line whose number is already known
  /// (a listed caption) passes it along. A title listed twice with two numbers gives none.
  static func contentsNumbers(_ lines: [(text: String, number: Int?)]) -> [String: Int] {
    var numbers: [String: Int] = [:]
    var ambiguous = Set<String>()
    for (text, known) in lines {
      let compact = TextNormalization.withoutLeaders(TextNormalization.compact(text))
      var number = known
      var title = compact
      if known == nil {
        if let label = Headings.tableLabel(Self.withoutMarkAfterLabel(compact)) {
          number = label.number
          title = label.rest
        } else {
          let digits = compact.prefix { $0.isASCII && $0.isNumber }
          if !digits.isEmpty, digits.count <= 2, let separator = compact.dropFirst(digits.count).first, ".、．".contains(separator) {
            number = Int(digits)
            title = String(compact.dropFirst(digits.count + 1))
          } else if let mark = compact.firstIndex(of: "、"), let value = Headings.value(ofNumeral: String(compact[..<mark])) {
            number = value
            title = String(compact[compact.index(after: mark)...])
          }
        }
      }
      if !title.hasSuffix("表"), let cut = Self.withoutReadLeaders(title) { title = cut }
      guard let number, title.count >= 4, title.hasSuffix("表") || title.contains(literal: "表（") else { continue }
      if let other = numbers[title], other != number { ambiguous.insert(title) }
      numbers[title] = number
    }
    for title in ambiguous { numbers[title] = nil }
    return numbers
  }

  /// A contents line without the marks between its 表 and the number (表！1, a speck OCR read
  /// as a mark).
  static func withoutMarkAfterLabel(_ compact: String) -> String {
    let head = compact.hasPrefix("附表") ? 2 : compact.hasPrefix("表") ? 1 : 0
    guard head > 0 else { return compact }
    let rest = compact.dropFirst(head)
    let marks = rest.prefix { "！!：:、.．。，,'\"“”‘’|".contains($0) }
    guard !marks.isEmpty, let next = rest.dropFirst(marks.count).first, next.isASCII, next.isNumber else { return compact }
    return String(compact.prefix(head)) + rest.dropFirst(marks.count)
  }

  /// A contents line's title without the leaders OCR read as letters and stops (表5一般公共预算
  /// 支出情况表.e8, ….ss21, …。1): the text up to its last 表, when what follows is at most twenty
  /// leader characters, stops, Latin letters and figures (the page number, when leaders were not
  /// already taken off with it), with a leader or a stop among them. Nil when the line does not
  /// end so.
  static func withoutReadLeaders(_ title: String) -> String? {
    guard let end = title.lastIndex(of: "表") else { return nil }
    let tail = title[title.index(after: end)...]
    guard !tail.isEmpty, tail.count <= 20, tail.contains(where: { "…·.．。,，".contains($0) }),
      tail.allSatisfy({ "…·.．。,，-_ ".contains($0) || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
    else { return nil }
    return String(title[...end])
  }

  /// The number the contents give a title: the same compact title, or the same without a leading
  /// year (`2026年`), which either side may leave out.
  static func contentsNumber(of title: String, in numbers: [String: Int]) -> Int? {
    func withoutYear(_ text: String) -> String {
      let digits = text.prefix { $0.isASCII && $0.isNumber }
      guard digits.count == 4, text.dropFirst(4).first == "年" else { return text }
      return String(text.dropFirst(5))
    }
    let compact = TextNormalization.compact(title)
    if let number = numbers[compact] { return number }
    let bare = withoutYear(compact)
    let matches = Set(numbers.filter { withoutYear($0.key) == bare }.map(\.value))
    return matches.count == 1 ? matches.first : nil
  }

  /// The number of a table that prints none: one more than the last table with a body (titles
  /// listed without one, as in a list of contents, are left out).
  static func nextNumber(_ tables: [Table], _ grids: [Int: [TableGrid]], _ lines: [Int: [TextLine]]) -> Int {
    guard let last = tables.indices.last(where: { grids[$0] != nil || lines[$0] != nil }) else { return 1 }
    return tables[last].number + 1
  }

  /// Whether the open table has its title but not yet its body.
  private func awaitingGrid(_ context: Context, _ grids: [Int: [TableGrid]], _ lines: [Int: [TextLine]]) -> Bool {
    guard case .table(let t) = context else { return false }
    return grids[t] == nil && lines[t] == nil
  }

  /// The end of the caption that starts at this unit: short lines (no sentence, no part
  /// heading; a numbered line only when it names a table) running down to a grid on the same
  /// page; nil when no grid follows that way.
  static func captionEnd(from start: Int, in units: [Unit]) -> Int? {
    guard case .text(let first) = units[start] else { return nil }
    var j = start
    while j < units.count, j - start <= 6 {
      switch units[j] {
      case .grid(let grid):
        // A title at the foot of a page may head the grid at the top of the next one.
        return (grid.page == first.page || grid.page == first.page + 1) && j > start ? j : nil
      case .text(let text):
        let compact = text.compact
        guard text.page == first.page, text.lines.count <= 3, compact.count <= 90, !compact.contains(literal: "。"),
          !compact.hasSuffix("："), !compact.hasSuffix(":")
        else { return nil }
        if let numbered = Headings.numbered(text.text), numbered.level == 1 || !compact.contains(literal: "表") { return nil }
      }
      j += 1
    }
    return nil
  }

  /// The title a 目录 entry gives a body line printed without its number: the entry itself
  /// (名词解释), or its words after 部门/单位 at the line's end with the department or year
  /// before them (部门主要职能 → 上海市普陀区司法局主要职能, 部门预算编制说明 → 2026年部门预算编制说明).
  /// Nil for anything else, and for tables (an entry ending in 表).
  static func listedTitle(_ line: String, entry: String) -> String? {
    guard entry.count >= 4, !entry.hasSuffix("表") else { return nil }
    if line == entry { return entry }
    var words = Substring(entry)
    for prefix in ["部门", "单位"] where words.hasPrefix(prefix) { words = words.dropFirst(prefix.count) }
    guard words.count >= 4, line.hasSuffix(String(words)), line.count - words.count <= 24 else { return nil }
    return entry
  }

  /// Whether a caption repeats a table's label and title (a table continued on the next page
  /// under its title again).
  static func repeats(_ caption: TableCaption, _ table: Table) -> Bool {
    let title = caption.title.map(TextNormalization.compact) ?? ""
    return !title.isEmpty && title == TextNormalization.compact(table.title) && (caption.label ?? "") == table.label
  }

  /// Opens a table from its caption; returns its index.
  private func openTable(
    _ caption: TableCaption, next: Int, page: Int, document: inout DisclosureDocument, tree: inout SectionTree,
    diagnostics: inout [Diagnostic]
  ) -> Int {
    let kind: String? = caption.title.flatMap { self.kind(of: $0) }
    let entry = template.tables.first { $0.kind == kind }
    let number: Int = caption.number ?? (document.tables.isEmpty ? entry?.number : nil) ?? next
    var table = Table(number: number, label: caption.label ?? "", title: caption.title ?? "", kind: kind, pages: [page])
    fill(&table, from: caption)
    if caption.title == nil {
      diagnostics.append(Diagnostic(.warning, .segment, "a table with no title", page: page))
    } else if kind == nil {
      diagnostics.append(
        Diagnostic(.note, .segment, "table title \"\(table.title)\" matches no template entry", page: page))
    }
    document.tables.append(table)
    tree.attachTable(document.tables.count - 1)
    return document.tables.count - 1
  }

  /// Fills what a table lacks from a caption.
  private func fill(_ table: inout Table, from caption: TableCaption?) {
    guard let caption else { return }
    if table.title.isEmpty, let title = caption.title {
      table.title = title
      if table.kind == nil { table.kind = kind(of: title) }
    }
    if table.label.isEmpty, let label = caption.label {
      table.label = label
    }
    if table.department == nil { table.department = caption.department }
    if table.unit == nil { table.unit = caption.unit }
  }

  /// Header texts of a table printed without a body: fragments stacked in one column (their
  /// horizontal extents overlap) are one cell, read top to bottom; text input, without
  /// positions, gives one cell per line.
  static func headerTexts(_ lines: [TextLine]) -> [String] {
    let fragments = lines.flatMap { line in line.fragments.map { (line.page, $0) } }.filter {
      !TextNormalization.compact($0.1.text).isEmpty
    }
    guard fragments.allSatisfy({ $0.1.box.width > 0 }) else {
      return lines.map { TextNormalization.compact($0.text) }.filter { !$0.isEmpty }
    }
    var columns: [(x0: Double, x1: Double, parts: [(page: Int, top: Double, text: String)])] = []
    for (page, fragment) in fragments {
      let part = (page, fragment.box.top, TextNormalization.compact(fragment.text))
      if let c = columns.firstIndex(where: { $0.x0 < fragment.box.x1 && fragment.box.x0 < $0.x1 }) {
        columns[c].x0 = min(columns[c].x0, fragment.box.x0)
        columns[c].x1 = max(columns[c].x1, fragment.box.x1)
        columns[c].parts.append(part)
      } else {
        columns.append((fragment.box.x0, fragment.box.x1, [part]))
      }
    }
    return columns.sorted { $0.x0 < $1.x0 }.map { column in
      column.parts.sorted { ($0.page, $0.top) < ($1.page, $1.top) }.map(\.text).joined()
    }
  }

  /// Whether a line of an unruled table holds an amount or starts with a code.
  static func holdsData(_ line: TextLine) -> Bool {
    let compact = TextNormalization.compact(line.text)
    if compact.prefix(3).count == 3, compact.prefix(3).allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
    return line.text.split(whereSeparator: { $0 == " " || TextNormalization.isCJK($0.unicodeScalars.first ?? " ") }).contains {
      $0.contains(where: \.isNumber) && Amounts.decimal(from: String($0)) != nil
    }
  }

  /// Reads an unruled table of text input with the template's columns; nil when the template
  /// has no columns for its kind.
  private func textTable(
    _ lines: [TextLine], of table: inout Table, knownNames: [String: String], diagnostics: inout [Diagnostic]
  ) -> (rows: [Row], kinds: [String])? {
    guard let kind = table.kind, let entry = template.tables.first(where: { $0.kind == kind }), let columns = entry.columns,
      let kinds = entry.columnKinds, kinds.count == columns.count
    else { return nil }
    let sums = rowSums.filter { rule in rule.tables.contains { $0 == .kind(kind) || $0 == .number(table.number) } }.compactMap {
      rule -> (total: [String], parts: [[String]]?, side: String?)? in
      guard let total = rule.totalColumn else { return nil }
      return (total, rule.partColumns, rule.side)
    }
    let levels = codeTrees.first { rule in rule.tables.contains { $0 == .kind(kind) || $0 == .number(table.number) } }?.levels
    let reader = TextTableReader(
      columns: columns, kinds: kinds, twoSided: entry.twoSided ?? false, sums: sums, knownNames: knownNames,
      levels: levels.flatMap { $0.isEmpty ? nil : $0 }, words: words)
    let output = reader.read(lines)
    table.header = columns
    table.placementAlternatives = output.alternatives
    table.rows = zip(output.rows, output.unplaced).map { row, unplaced in
      var row = row
      row.unplaced = unplaced
      return row
    }
    diagnostics.append(
      Diagnostic(.note, .segment, "\(table.name): read from the text layer; columns from the template", page: table.pages.first))
    // Amounts left undecided among whole-table placements are reported once the checks across
    // tables have chosen among them (`CrossTablePlacement`).
    for note in output.notes where !(note.undecided && !output.alternatives.isEmpty) {
      var subject = table.label
      if let r = note.row, r < table.rows.count {
        subject += " row " + TextTableReader.subject(of: table.rows[r], kinds: kinds)
      }
      let page = note.row.flatMap { $0 < table.rows.count ? table.rows[$0].page : nil } ?? table.pages.first
      diagnostics.append(Diagnostic(.warning, .rows, "\(subject): \(note.message)", page: page))
    }
    return (table.rows, kinds)
  }

  /// A table that starts at a unit: its label, number, title and kind, how many units after it
  /// its title took, and the department and unit fields its title's last line ran into
  /// (收入总体情况表编制部门：… 单位：万元).
  private struct TableStart {
    var label: String?
    var number: Int?
    var title: String
    var kind: String?
    var consumed: Int
    var fields: String? = nil
  }

  /// Label, number, title and kind of a table that starts at this unit.
  /// A table label (表3) with its title on the same line or the next lines (a long title wraps),
  /// or a template title on its own.
  private func tableStart(
    _ unit: TextUnit, following: ArraySlice<Unit>, ocr: Bool = false
  ) -> TableStart? {
    let compact = unit.compact
    // A label as the national template prints it (表3, 附表3), or as the template's label
    // patterns find it at the line's start (部门公开表1, 预算表2).
    // (Only when the national form is not found, and the line holds a 表: the patterns are
    // regular expressions, and this runs for every line.)
    func patterned() -> (label: String, number: Int, rest: String)? {
      guard compact.contains("表") else { return nil }
      return TableCaption.label(in: compact, patterns: vocabulary.labels).flatMap { found in
        guard found.label.contains("表"), compact.hasPrefix(found.label), let number = found.number else { return nil }
        return (found.label, number, found.rest)
      }
    }
    if let label = Headings.tableLabel(unit.text) ?? patterned() {
      // The title after the label, on the label's line or the lines after it; a title that
      // wraps (a long department name before 收支总体情况表) goes on over the next lines.
      var rest = TextNormalization.normalize(label.rest)
      // The title with its department or unit line (and what follows) run into one paragraph:
      // the title ends where the first field starts (表10 财政拨款…情况表编制部门：… 单位：万元 …).
      if let before = TableCaption.beforeFields(TextNormalization.compact(rest), vocabulary: vocabulary), !before.isEmpty {
        rest = before
      }
      if !rest.isEmpty, endsTitle(rest) || kind(of: rest) != nil {
        return TableStart(label: label.label, number: label.number, title: rest, kind: kind(of: rest), consumed: 0)
      }
      var title = rest
      for (offset, next) in following.enumerated() {
        guard case .text(let piece) = next, piece.compact.count <= 60, !piece.compact.contains(literal: "。"),
          !piece.compact.hasPrefix("编制"), !piece.compact.hasPrefix("单位"), Headings.tableLabel(piece.text) == nil
        else { break }
        // A page number between a label at a page's foot and its title on the next page.
        if Normalizer.isPageNumber(piece.compact) { continue }
        // A title run into one paragraph with its department or unit line ends where that
        // line's field starts (收入总体情况表编制部门：… 单位：万元).
        let field = TableCaption.beforeFields(piece.compact, vocabulary: vocabulary)
        let fields = field.map { String(piece.compact.dropFirst($0.count)) }
        title = TextNormalization.normalize(title + (field ?? piece.text))
        if endsTitle(title) || kind(of: title) != nil {
          return TableStart(
            label: label.label, number: label.number, title: title, kind: kind(of: title), consumed: offset + 1, fields: fields)
        }
        // Read by OCR, a title one character from a template's at its end (情况委 for 情况表) is
        // the title; the pipeline takes it as the template's with a note.
        if ocr, Pipeline.closestEnding(of: title, among: vocabulary.titles) != nil {
          return TableStart(label: label.label, number: label.number, title: title, kind: nil, consumed: offset + 1, fields: fields)
        }
        if field != nil { break }
      }
      return TableStart(label: label.label, number: label.number, title: rest, kind: rest.isEmpty ? nil : kind(of: rest), consumed: 0)
    }
    // A label after the title, in brackets (收支总表（预算表1）), as the template's label
    // patterns find it at the end.
    if compact.count <= 70, !compact.contains(literal: "。"), compact.hasSuffix("）") || compact.hasSuffix(")"),
      let found = TableCaption.label(in: compact, patterns: vocabulary.labels), compact.hasPrefix(found.rest), !found.rest.isEmpty,
      let kind = kind(of: found.rest), vocabulary.titleWords.contains(where: { found.rest.hasSuffix($0) })
    {
      return TableStart(label: found.label, number: found.number, title: found.rest, kind: kind, consumed: 0)
    }
    guard compact.count <= 70, !compact.contains(literal: "。"), let kind = kind(of: compact),
      vocabulary.titleWords.contains(where: { compact.hasSuffix($0) })
    else {
      return nil
    }
    if let numbered = Headings.numbered(unit.text) {
      // 决算 tables are numbered with ordinals: 一、收入支出决算总表.
      guard numbered.level == 2, let ordinal = Headings.value(ofNumeral: numbered.number),
        self.kind(of: numbered.rest) == kind, numbered.rest.count <= 40
      else { return nil }
      return TableStart(label: numbered.number, number: ordinal, title: TextNormalization.normalize(numbered.rest), kind: kind, consumed: 0)
    }
    return TableStart(label: nil, number: nil, title: TextNormalization.normalize(unit.text), kind: kind, consumed: 0)
  }

  /// Whether a caption names a list of contents (the template's `contentsTitles`: 目录, 报表目录)
  /// rather than a table.
  static func isContentsTitle(_ title: String, titles: [String]) -> Bool {
    let compact = TextNormalization.compact(title)
    return compact.count <= 6 && titles.contains { compact.hasSuffix($0) }
  }

  /// Whether a title ends as a table title does (the template's `tableTitleEndings`): 表, or 表
  /// and a bracketed qualifier (…支出明细表（按支出功能分类科目）).
  func endsTitle(_ title: String) -> Bool {
    var compact = TextNormalization.compact(title)
    while compact.hasSuffix("）") || compact.hasSuffix(")"), let open = compact.lastIndex(where: { $0 == "（" || $0 == "(" }) {
      compact = String(compact[..<open])
    }
    return vocabulary.titleWords.contains { compact.hasSuffix($0) }
  }

  /// The template kind whose title variant ends the given title (longest match wins).
  func kind(of title: String) -> String? {
    // Most text units name no table: only a title that says 表 is matched.
    guard vocabulary.titleWords.contains(where: { title.contains(literal: $0) }) else { return nil }
    return template.kind(ofTitle: title, variants: titleVariants)
  }

  /// Takes 编制部门, 单位 and note lines into the open table. Returns nil when the unit is none of
  /// these, else the lines it did not use (header lines of an unruled table joined to it). The
  /// department may wrap onto a second line; 单位 may share its line or follow on the next.
  private func absorb(_ unit: TextUnit, into table: inout Table) -> [TextLine]? {
    let compact = unit.compact
    // A department label (the template's) with its colon, or one of four characters or more
    // without it (编制部门 XX局): a bare 部门 opens prose as often as a department line.
    let labels = vocabulary.departments
    let withColon = labels.filter { compact.hasPrefix($0 + "：") || compact.hasPrefix($0 + ":") }.max { $0.count < $1.count }
    if let key = withColon ?? labels.filter({ $0.count >= 4 && compact.hasPrefix($0) }).max(by: { $0.count < $1.count }) {
      var department = ""
      var used = 0
      var heading = Array(unit.lines.prefix(2))
      if heading.count == 2, let head = vocabulary.unitHead, let tail = vocabulary.unitTail, let last = heading[0].fragments.last,
        TextNormalization.compact(last.text).hasSuffix(head), let first = heading[1].fragments.first,
        TextNormalization.compact(first.text).hasPrefix(tail)
      {
        // 单位 split by the line end: 单 closes the department line, 位：万元 opens the next.
        heading[0].fragments[heading[0].fragments.count - 1].text += TextNormalization.compact(first.text)
        heading[1].fragments.removeFirst()
        heading[1].text = heading[1].fragments.map(\.text).joined(separator: " ")
        if heading[1].fragments.isEmpty { heading.removeLast() }
      }
      lines: for (i, line) in heading.enumerated() {
        for (j, fragment) in line.fragments.enumerated() {
          var text = TextNormalization.compact(fragment.text)
          if i == 0 && j == 0 {
            text = String(text.dropFirst(key.count))
            if text.hasPrefix("：") || text.hasPrefix(":") { text.removeFirst() }
          }
          if let r = vocabulary.unitKeys.lazy.compactMap({ text.range(ofLiteral: $0) }).first {
            department += text[..<r.lowerBound]
            table.unit = String(text[r.upperBound...])
            used = i + 1
            break lines
          }
          if j > 0, vocabulary.isClippedUnit(text) {
            // 单位 whose 单 the cell's edge cut off.
            table.unit = String(text.dropFirst(clippedUnitLength))
            used = i + 1
            break lines
          }
          if j == 0 { department += text }
        }
        used = i + 1
        // A second line only continues the department when it brings the unit.
        if i == 0, unit.lines.count > 1,
          !unit.lines[1].fragments.contains(where: { fragment in
            vocabulary.units.contains { TextNormalization.compact(fragment.text).contains(literal: $0) }
          }),
          !unit.lines[1].fragments.dropFirst().contains(where: { vocabulary.isClippedUnit(TextNormalization.compact($0.text)) })
        {
          break
        }
      }
      table.department = vocabulary.withoutUnitOpening(department)
      let remaining = Array(heading.dropFirst(used)) + Array(unit.lines.dropFirst(2))
      return notes(in: remaining, into: &table)
    }
    if let department = table.department, table.unit == nil, table.rows.isEmpty,
      let first = unit.lines.first?.fragments.first, vocabulary.isClippedUnit(TextNormalization.compact(first.text))
    {
      // 单位 split by the line end: 单 closed the department line.
      if let head = vocabulary.unitHead, department.hasSuffix(head) { table.department = String(department.dropLast(head.count)) }
      table.unit = String(TextNormalization.compact(first.text).dropFirst(clippedUnitLength))
      var rest = unit.lines
      rest[0].fragments.removeFirst()
      if rest[0].fragments.isEmpty { rest.removeFirst() } else { rest[0].text = rest[0].fragments.map(\.text).joined() }
      return rest
    }
    if let department = table.department, table.unit == nil, table.rows.isEmpty, let line = unit.lines.first,
      line.fragments.count == 2, vocabulary.isClippedUnit(TextNormalization.compact(line.fragments[1].text))
    {
      // The department's wrapped end, then 单位 whose 单 the cell's edge cut off.
      table.department = department + TextNormalization.compact(line.fragments[0].text)
      table.unit = String(TextNormalization.compact(line.fragments[1].text).dropFirst(clippedUnitLength))
      return notes(in: Array(unit.lines.dropFirst()), into: &table)
    }
    for prefix in vocabulary.unitKeys {
      guard let first = unit.lines.first?.fragments.first, TextNormalization.compact(first.text).hasPrefix(prefix) else { continue }
      table.unit = String(TextNormalization.compact(first.text).dropFirst(prefix.count))
      return Array(unit.lines.dropFirst())
    }
    let rest = notes(in: unit.lines, into: &table)
    if rest.count < unit.lines.count { return rest }
    // A unit that opens with a note word (注1：…, (注) or says the table is empty is the table's note.
    if vocabulary.opensNote(compact, colon: false) || template.emptyMarkers.contains(where: { compact.contains(literal: $0) }) && compact.count < 80 {
      let note = TextNormalization.normalize(unit.text)
      table.note = table.note.map { TextNormalization.join($0, note) } ?? note
      return []
    }
    if (template.continuedMarkers ?? []).contains(where: { compact.hasPrefix($0) }) { return [] }
    return nil
  }

  /// The length of a unit label's tail and its colon (位：), dropped before the unit.
  private var clippedUnitLength: Int { (vocabulary.unitTail?.count ?? 0) + 1 }

  /// A note (注：, 备注：, 说明：) may follow the header lines of an unruled table in one unit:
  /// it goes to the table's note and the lines before it are returned.
  private func notes(in lines: [TextLine], into table: inout Table) -> [TextLine] {
    guard let start = lines.firstIndex(where: { vocabulary.opensNote(TextNormalization.compact($0.text)) })
    else { return lines }
    let note = TextNormalization.normalize(lines[start...].map(\.text).reduce("") { TextNormalization.join($0, $1) })
    table.note = table.note.map { TextNormalization.join($0, note) } ?? note
    return Array(lines[..<start])
  }

  private func heading(_ unit: TextUnit) -> (level: Int, number: String, title: String, heading: String)? {
    guard let numbered = Headings.numbered(unit.text) else { return nil }
    let text = TextNormalization.normalize(unit.text)
    let compact = unit.compact
    if numbered.level == 1 {
      return (1, numbered.number, TextNormalization.normalize(numbered.rest), text)
    }
    guard numbered.level <= 3 else { return nil }
    if compact.contains(literal: "。") || compact.hasSuffix("；") || compact.hasSuffix("，") || compact.hasSuffix("：") { return nil }
    if compact.count > 60 { return nil }
    // A glossary definition (一、term：指…) is running text.
    if let colon = compact.firstIndex(of: "："), compact[colon...].hasPrefix("：指") { return nil }
    return (numbered.level, numbered.number, TextNormalization.normalize(numbered.rest), text)
  }

  private func metadata(_ document: DisclosureDocument, cover: [TextUnit]) -> Metadata {
    var metadata = Metadata()
    var counts: [String: Int] = [:]
    for table in document.tables {
      if let d = table.department.flatMap(departmentName) { counts[d, default: 0] += 1 }
    }
    metadata.department = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    let titles = cover.map(\.compact) + document.sections.map { TextNormalization.compact($0.heading) }
    if metadata.department == nil, let profile = document.sections.first?.title,
      let ending = (template.profileEndings ?? []).first(where: { profile.hasSuffix($0) })
    {
      metadata.department = departmentName(String(profile.dropLast(ending.count)))
    }
    if metadata.department == nil {
      // A title line: 国家信访局2026年部门预算, 2026年北京市财政局部门预算.
      let before = /^(?<name>[^0-9：:]{3,40}?)20[0-9]{2}年度?(?:部门|单位)?(?:综合)?(?:预算|决算)/
      let after = /^20[0-9]{2}年度?(?<name>[^0-9：:]{3,40}?)(?:部门|单位)(?:综合)?(?:预算|决算)/
      // A cover may set the title over two or three lines (2026 年度 ‖ 福州市民政局(本级) ‖ 单位预算).
      let compactCover = cover.prefix(12).map(\.compact)
      let joined = compactCover.indices.flatMap { start in
        [2, 3].compactMap { count in
          start + count <= compactCover.count ? compactCover[start..<start + count].joined() : nil
        }
      }
      metadata.department = (titles + joined).lazy.compactMap { title -> String? in
        if let match = title.firstMatch(of: before), let name = departmentName(String(match.output.name)) { return name }
        if let match = title.firstMatch(of: after), let name = departmentName(String(match.output.name)) { return name }
        return nil
      }.first
    }
    metadata.year = titles.lazy.compactMap { Self.year(in: $0) }.first
    // 部门预算 / 单位决算 in a title line: the cover's first, else a heading's.
    let level = /(?<level>部门|单位)(?:综合)?(?:预算|决算)/
    metadata.level = titles.lazy.compactMap { title -> String? in
      title.firstMatch(of: level).map { String($0.output.level) }
    }.first
    metadata.kind = template.kind
    metadata.publicationDate = document.closing?.date
    let units = document.tables.compactMap(\.unit)
    metadata.currencyUnit = units.first ?? (document.tables.isEmpty ? nil : template.defaultCurrencyUnit)
    return metadata
  }

  /// A department as a name: a leading code (507-) and punctuation dropped; nil for a generic
  /// word (部门, 单位, 本部门) or a fragment.
  func departmentName(_ printed: String) -> String? {
    var name = TextNormalization.compact(printed)
    if let dash = name.firstIndex(where: { $0 == "-" || $0 == "—" }), name[..<dash].allSatisfy({ $0.isASCII && $0.isNumber }),
      !name[..<dash].isEmpty
    {
      name = String(name[name.index(after: dash)...])
    }
    while let first = name.first, "：:，,、 ".contains(first) { name.removeFirst() }
    // A bracketed qualifier at the end (（本级）, (汇总)) says the scope, not the name.
    for qualifier in template.departmentQualifiers ?? [] {
      for (open, close) in [("（", "）"), ("(", ")")] where name.hasSuffix(open + qualifier + close) {
        name = String(name.dropLast(qualifier.count + 2))
      }
    }
    guard name.count >= 3, !(template.genericDepartments ?? []).contains(name), Headings.numbered(name) == nil else { return nil }
    return name
  }

  private static func glossary(in sections: [Section], titles: [String]) -> [GlossaryEntry] {
    guard let part = sections.first(where: { section in titles.contains { section.title.contains(literal: $0) } }) else { return [] }
    return part.paragraphs.compactMap { paragraph in
      guard let colon = paragraph.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
      var term = String(paragraph[..<colon])
      if let numbered = Headings.numbered(term) { term = numbered.rest }
      var definition = String(paragraph[paragraph.index(after: colon)...])
      if definition.hasPrefix("指") { definition = String(definition) }
      return GlossaryEntry(term: term, definition: definition)
    }
  }

  static func year(in text: String) -> Int? {
    // On the UTF-8 bytes: this runs for every header and title line the checks and the
    // segmenter read, and a `Character` array of each cost more than the rest of the test.
    let found = text.utf8.withContiguousStorageIfAvailable(year(inUTF8:))
    return found ?? Array(text.utf8).withUnsafeBufferPointer(year(inUTF8:))
  }

  /// ``year(in:)`` on UTF-8 bytes: four ASCII digits, then 年 (E5 B9 B4), not after a number.
  private static func year(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    func digit(_ byte: UInt8) -> Int? { byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil }
    var i = 0
    while i + 7 <= bytes.count {
      defer { i += 1 }
      guard bytes[i + 4] == 0xE5, bytes[i + 5] == 0xB9, bytes[i + 6] == 0xB4,
        let a = digit(bytes[i]), let b = digit(bytes[i + 1]), let c = digit(bytes[i + 2]), let d = digit(bytes[i + 3])
      else { continue }
      let year = a * 1000 + b * 100 + c * 10 + d
      guard (1990...2100).contains(year), i == 0 || !endsWithNumber(bytes, before: i) else { continue }
      return year
    }
    return nil
  }

  /// Whether the scalar that ends at `end` (exclusive) is a number (a digit, ½, ①, 〇 …), as
  /// `Character.isNumber` says.
  private static func endsWithNumber(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
    var start = end - 1
    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).unicodeScalars.first
    return scalar?.properties.numericType != nil
  }

  static func date(in text: String) -> String? {
    let pattern = /(\d{4})年(\d{1,2})月(\d{1,2})日/
    guard let match = text.firstMatch(of: pattern), let y = Int(match.1), let m = Int(match.2), let d = Int(match.3),
      (1...12).contains(m), (1...31).contains(d)
    else { return nil }
    return String(format: "%04d-%02d-%02d", y, m, d)
  }
}
