import Foundation

/// Figures read by OCR that the sums correct: never a guess.
extension Pipeline {
  /// The document again with cells of figures OCR read several ways (`RawPage.figureReadings`)
  /// read another of those ways where sums they are in fail: the cells of failing sums are taken
  /// in groups (joined by the failing sums they share), and of a group, each cell read each of
  /// its other ways, and each pair of cells (in one failing sum, a total and its part both
  /// misread; any two in a group of six or fewer), is tried by running the stages again. A change is taken when every sum a changed
  /// cell is in then holds, it leaves the fewest failing sums in the document, fewer than before,
  /// and no other change leaves as few: never a guess between two. Each change is a warning
  /// naming the readings and the rules. Until no group changes, or a bound on the tries is
  /// reached (a document with many failing sums is not searched for long).
  func repairedFigures(
    _ raw: RawDocument, document: DisclosureDocument, blocks: [Block], diagnostics: [Diagnostic]
  ) -> (document: DisclosureDocument, blocks: [Block], diagnostics: [Diagnostic]) {
    typealias Staged = (document: DisclosureDocument, blocks: [Block], diagnostics: [Diagnostic])
    /// A cell read several ways: its page's index and its reading's.
    struct Cell: Hashable {
      var page: Int
      var reading: Int
    }
    var raw = raw
    var current: Staged = (document, blocks, diagnostics)
    var notes: [Diagnostic] = []
    var tries = 0
    // Each try runs every stage on the whole document: at most 8,000 pages' worth (285 tries for
    // scan-0103's 28 pages, 80 for a document of 100), and never more than 400.
    let maximumTries = min(400, 8_000 / max(1, raw.pages.count))
    var settled: Set<[String]> = []
    search: while tries < maximumTries {
      let failing = current.document.checks.filter { $0.status == .fail }
      guard !failing.isEmpty else { break }
      // The cells read several ways that each failing sum holds.
      let cellsOf: [[Cell]] = failing.map { finding in
        var cells: [Cell] = []
        for figure in finding.figures {
          guard let page = figure.source.page, let box = figure.source.box,
            let pageIndex = raw.pages.firstIndex(where: { $0.number == page })
          else { continue }
          for (index, reading) in raw.pages[pageIndex].figureReadings.enumerated() where Self.holds(box, reading.box) {
            let cell = Cell(page: pageIndex, reading: index)
            if !cells.contains(cell) { cells.append(cell) }
          }
        }
        return cells
      }
      // Groups of such cells joined by the failing sums they share, in the findings' order.
      var groups: [[Cell]] = []
      for cells in cellsOf where !cells.isEmpty {
        let joined = groups.indices.filter { index in groups[index].contains(where: cells.contains) }
        var group = joined.flatMap { groups[$0] }
        for cell in cells where !group.contains(cell) { group.append(cell) }
        for index in joined.reversed() { groups.remove(at: index) }
        groups.insert(group, at: joined.first ?? groups.count)
      }
      let printed = { (cell: Cell) in Self.text(in: raw.pages[cell.page].figureReadings[cell.reading].box, of: raw.pages[cell.page]) ?? "" }
      for group in groups {
        let key = group.map { "\(raw.pages[$0.page].number) \($0.reading) \(printed($0))" }
        guard !settled.contains(key) else { continue }
        settled.insert(key)
        // Each cell on its own, then each pair that shares a failing sum, read its other ways.
        var changes: [[(cell: Cell, text: String)]] = []
        let others = { (cell: Cell) in
          raw.pages[cell.page].figureReadings[cell.reading].others.filter {
            Amounts.decimal(from: $0) != nil && Amounts.decimal(from: $0) != Amounts.decimal(from: printed(cell))
          }
        }
        for cell in group { for text in others(cell) { changes.append([(cell, text)]) } }
        for (position, first) in group.enumerated() {
          // Every pair of a small group (two misreads in sums of one row and one column are
          // each a fix, and one alone ties with the other), else those in one failing sum.
          for second in group[(position + 1)...] where group.count <= 6 || cellsOf.contains(where: { $0.contains(first) && $0.contains(second) }) {
            for a in others(first) { for b in others(second) { changes.append([(first, a), (second, b)]) } }
          }
        }
        var best: (fails: Int, roundings: Int, options: [(change: [(cell: Cell, text: String)], raw: RawDocument, staged: Staged, rules: [String])]) = (
          failing.count, Int.max, []
        )
        for change in changes {
          guard tries < maximumTries else { break search }
          tries += 1
          var trial = raw
          for (cell, text) in change {
            let box = trial.pages[cell.page].figureReadings[cell.reading].box
            trial.pages[cell.page].glyphs = Self.replaced(trial.pages[cell.page].glyphs, in: box, by: text)
          }
          let staged = stages(trial, through: .check)
          guard let document = staged.document else { continue }
          // Every sum a changed cell is in must hold.
          var rules: [String] = []
          var holds = true
          for (cell, _) in change {
            let page = raw.pages[cell.page].number
            let box = raw.pages[cell.page].figureReadings[cell.reading].box
            let involved = document.checks.filter { finding in
              finding.figures.contains { $0.source.page == page && $0.source.box.map { Self.holds($0, box) } == true }
            }
            if involved.isEmpty || involved.contains(where: { $0.status == .fail || $0.status == .skip }) { holds = false }
            for finding in involved where !rules.contains(finding.rule) { rules.append(finding.rule) }
          }
          // The fewest failing sums, then the fewest that hold only within rounding.
          let fails = document.checks.filter { $0.status == .fail }.count
          let roundings = document.checks.filter { $0.status == .rounding }.count
          guard holds, (fails, roundings) <= (best.fails, best.roundings), fails < failing.count else { continue }
          if (fails, roundings) < (best.fails, best.roundings) { best = (fails, roundings, []) }
          best.options.append((change, trial, (document, staged.blocks, staged.diagnostics), rules))
        }
        // Only a change no other matches: two that make as many sums hold leave it open.
        guard best.options.count == 1, let chosen = best.options.first else { continue }
        for (cell, text) in chosen.change {
          let reading = raw.pages[cell.page].figureReadings[cell.reading]
          let together = chosen.change.count > 1 ? " (in one change with another amount of the same failing sums)" : ""
          notes.append(
            Diagnostic(
              .warning, .check,
              "an amount read by OCR as “\(printed(cell))” is taken as \(text)\(together): of the recognizer's other readings (\(reading.others.joined(separator: ", "))), only it makes every sum it is in hold (\(chosen.rules.joined(separator: ", "))); check it on the page",
              page: raw.pages[cell.page].number, box: reading.box))
        }
        raw = chosen.raw
        current = chosen.staged
        continue search
      }
      break
    }
    return (current.document, current.blocks, current.diagnostics + notes)
  }

  /// `raw` with each cell of words OCR read more than one way (`RawPage.textReadings`) read
  /// as the one other reading that is a word of the templates (a column's name, a title, a
  /// total's label, a word of the performance tables: 合计 for 全计), when the reading taken is
  /// none and exactly one other is; a note says so.
  func templateWords(_ raw: RawDocument) -> RawDocument {
    let words = templates.reduce(into: Set<String>()) { $0.formUnion($1.cellWords) }
    var raw = raw
    for pageIndex in raw.pages.indices {
      for reading in raw.pages[pageIndex].textReadings {
        guard let printed = Self.text(in: reading.box, of: raw.pages[pageIndex]) else { continue }
        let compact = TextNormalization.compact(printed)
        let known = reading.others.filter { words.contains(TextNormalization.compact($0)) }
        guard !words.contains(compact), known.count == 1, let word = known.first else { continue }
        raw.pages[pageIndex].glyphs = Self.replaced(raw.pages[pageIndex].glyphs, in: reading.box, by: word)
        raw.diagnostics.append(
          Diagnostic(
            .note, .extract,
            "a cell read by OCR as “\(compact)” is taken as “\(word)”: another reading of it (of \(reading.others.map { "“\($0)”" }.joined(separator: ", "))), and a word of the template",
            page: raw.pages[pageIndex].number, box: reading.box))
      }
    }
    return raw
  }

  /// Whether `cell` holds the centre of `text`.
  static func holds(_ cell: Box, _ text: Box) -> Bool {
    text.midX >= cell.x0 && text.midX <= cell.x1 && text.midY >= cell.top && text.midY <= cell.bottom
  }

  /// The glyphs of `page` whose centres are in `box`, as text (nil: none).
  static func text(in box: Box, of page: RawPage) -> String? {
    let inside = page.glyphs.filter { holds(box, $0.box) }
    return inside.isEmpty ? nil : String(String.UnicodeScalarView(inside.map(\.scalar)))
  }

  /// `glyphs` with those whose centres are in `box` replaced by `text`, spread over their width.
  static func replaced(_ glyphs: [Glyph], in box: Box, by text: String) -> [Glyph] {
    let inside = glyphs.indices.filter { holds(box, glyphs[$0].box) }
    guard let first = inside.first, let last = inside.last else { return glyphs }
    let x0 = inside.map { glyphs[$0].box.x0 }.min() ?? glyphs[first].box.x0
    let x1 = inside.map { glyphs[$0].box.x1 }.max() ?? glyphs[last].box.x1
    let scalars = Array(text.unicodeScalars)
    let step = (x1 - x0) / Double(max(1, scalars.count))
    let model = glyphs[first]
    let made = scalars.enumerated().map { index, scalar in
      Glyph(
        scalar: scalar, box: Box(x0: x0 + step * Double(index), top: model.box.top, x1: x0 + step * Double(index + 1), bottom: model.box.bottom),
        font: model.font, fontSize: model.fontSize)
    }
    let kept = Set(inside)
    var out: [Glyph] = []
    for index in glyphs.indices {
      if index == first { out += made }
      if !kept.contains(index) { out.append(glyphs[index]) }
    }
    return out
  }
}
