
/// Reads a table drawn without a full grid (三线表, or no rules at all) from the alignment of its
/// text, as pdfplumber's "text" strategy does, with what these tables are known to hold.
///
/// 1. Body lines start at the first line that holds an amount; the lines above are the header.
///    Lines that repeat the header's lines at the top of a continuation page are dropped.
/// 2. Atoms: each fragment is cut where a code ends and a name begins (`208社会保障…`) and where
///    a name ends and an amount begins (`…支出1615.48`): producers often leave no gap there.
/// 3. Columns: amounts are right-aligned, so amount columns are clusters of atom right edges;
///    codes and names are left-aligned, so their columns are clusters of atom left edges.
///    Header names over no filled column are columns of their own (empty in every row), except
///    the name centred left of a filled column's right edge that no name stands over: in a wide
///    column the centred name stands clear of the right-aligned amounts.
/// 4. Rows: one per body line; a line with neither amount nor code is a wrapped label and joins
///    the row above, or the row below when that row's label cell is still empty (labels
///    centred in tall rows print above their values). The lines of a wrapped cell follow each
///    other at its leading (the smallest step from a label line to the text above it); a label
///    line a wider step below (the rows' padding) starts a row, and the values at the leading
///    under it join that row.
/// 5. Header: each header glyph goes to the column under it; a header fragment spanning several
///    columns is a group name, joined to their names with `/`. A table without amounts takes
///    its columns from the header's leaf names: a name with header text below its width in two
///    or more pieces heads a group.
struct AlignedTableReader {
  /// The template's words of table bodies (total labels, label headers).
  var words: TableWords
  /// The pages read by OCR, whose amounts may print a thousands separator misread as a point.
  var scannedPages: Set<Int> = []

  struct Atom {
    var text: String
    var box: Box
    var kind: Kind
    var glyphs: [Glyph] = []
    /// A code's part: its level (0 类, 1 款, 2 项), which names its column.
    var level: Int?
    enum Kind { case amount, code, text }
  }

  private struct Column {
    var kind: Atom.Kind
    var anchor: Double
    var x0: Double
    var x1: Double
    /// The level of the code parts it holds (the 类, 款 or 项 column).
    var level: Int?
  }

  func read(_ lines: [TextLine]) -> (header: [String], rows: [Row]) {
    var ordered = Self.withoutSpecks(lines).sorted { ($0.page, $0.box.top) < ($1.page, $1.box.top) }
    var atomLines = ordered.map { atoms(of: $0) }
    // A row that numbers the columns (栏次 ‖ ** ‖ 1 ‖ 2 ‖ 3 …) is neither header nor body: its
    // numbers stand centred under the names, not where the amounts are.
    let numbering = Set(ordered.indices.filter { TableBodyBuilder.numbersColumns(atomLines[$0].map(\.text)) })
    if !numbering.isEmpty {
      ordered = ordered.indices.filter { !numbering.contains($0) }.map { ordered[$0] }
      atomLines = atomLines.indices.filter { !numbering.contains($0) }.map { atomLines[$0] }
    }
    // The body starts at the first line with an amount; a lone figure among header words (3
    // where OCR read 计 of 合计) is not one.
    guard
      var firstBody = atomLines.firstIndex(where: { atoms in
        let amounts = atoms.filter { $0.kind == .amount }
        return amounts.count > 1 || amounts.contains { $0.text.count > 1 }
      })
    else {
      return emptyTable(ordered)
    }
    let repeated = Self.repeatedHeaderLines(ordered, firstBody: firstBody)
    if !repeated.isEmpty {
      ordered = ordered.indices.filter { !repeated.contains($0) }.map { ordered[$0] }
      atomLines = atomLines.indices.filter { !repeated.contains($0) }.map { atomLines[$0] }
    }
    firstBody = Self.wrappedFirstCell(ordered, atomLines, firstBody: firstBody, scanned: scannedPages)
    var body = Array(atomLines[firstBody...])
    // Codes printed in 类, 款 and 项 columns (208 | 05 | 05 under 科目编码 类 款 项): each part
    // in its column, as a ruled table's cells give them.
    let leaves = Set(ordered[..<firstBody].flatMap { $0.fragments.flatMap { Self.runs($0.glyphs) } }.map { Self.text(of: $0) })
    if words.codeLeaves.filter({ leaves.contains($0) }).count >= 2 {
      body = body.map { atoms in atoms.flatMap { $0.kind == .code ? Self.codeParts($0) : [$0] } }
    }
    if !scannedPages.isEmpty {
      body = Self.misreadCodes(body, scanned: ordered[firstBody...].map { scannedPages.contains($0.page) })
    }
    var columns = self.columns(from: body.flatMap { $0 })
    // A lone whole number inside a text column (a year that a justified project name put on
    // a line of its own) is text, not a column of amounts.
    let amountsFlat = body.flatMap { $0.filter { $0.kind == .amount } }
    var changed = false
    body = body.map { atoms in
      atoms.map { atom in
        guard atom.kind == .amount, atom.text.allSatisfy({ $0.isASCII && $0.isNumber }),
          columns.contains(where: { $0.kind == .text && atom.box.x0 >= $0.x0 - 1 && atom.box.x1 <= $0.x1 + 1 }),
          amountsFlat.filter({ abs($0.box.x1 - atom.box.x1) <= 3 }).count == 1
        else { return atom }
        changed = true
        var text = atom
        text.kind = .text
        return text
      }
    }
    if changed { columns = self.columns(from: body.flatMap { $0 }) }
    guard !columns.isEmpty else { return ([], []) }
    columns = withEmptyColumns(columns, header: Array(ordered[..<firstBody]))
    let splits = textSplits(columns, header: Array(ordered[..<firstBody]), body: body)
    if !splits.isEmpty {
      columns = Self.split(columns, at: splits)
      body = body.map { atoms in atoms.flatMap { Self.split($0, at: splits) } }
    }

    // Rows.
    var rows: [(cells: [String], page: Int, locations: [CellLocation?])] = []
    let bodyLines = Array(ordered[firstBody...])
    // Without a label line of its own to measure, a table whose rows print a code and the start
    // of a label on one line and the label's rest with the amounts on the next (two-line rows
    // with the amounts at the bottom) has its leading in its smallest step.
    let leading = Self.leading(of: body, lines: bodyLines, scanned: scannedPages) ?? Self.codeOpenedLeading(body, lines: bodyLines, scanned: scannedPages)
    if let grouped = alignedRows(body, lines: bodyLines, leading: leading, columns: columns) {
      rows = grouped
    }
    var pending: (cells: [String], locations: [CellLocation?])?
    let grouped = !rows.isEmpty
    // Whether the last row was opened by a label line alone, its values still to come.
    var labelOpened = false
    // Whether the last row was opened by a line with a code and no amounts.
    var codeOpened = false
    // The right edge of each column's longest text: a row's label ending well short of it on
    // the line with its values was not wrapped, so a text line under it is a row of its own
    // (因公出国（境）费 under 合计 and its amounts).
    var textRight = [Double](repeating: -.infinity, count: columns.count)
    for atom in body.joined() where atom.kind == .text {
      let c = column(of: atom, in: columns)
      textRight[c] = max(textRight[c], atom.box.x1)
    }
    func endsShort(_ above: [Atom], before below: [Atom]) -> Bool {
      let texts = below.filter { $0.kind == .text }
      // Only a row with its values is complete: a label line alone may be cut anywhere.
      return !texts.isEmpty && above.contains { $0.kind == .amount } && texts.allSatisfy { atom in
        let c = column(of: atom, in: columns)
        let size = atom.glyphs.map(\.fontSize).max() ?? atom.box.height
        guard let end = above.filter({ $0.kind == .text && column(of: $0, in: columns) == c }).map(\.box.x1).max() else { return false }
        return end < textRight[c] - 2 * size
      }
    }
    for (offset, atoms) in body.enumerated() where !grouped {
      let page = ordered[firstBody + offset].page
      var (cells, locations) = self.cells(of: atoms, page: page, columns: columns)
      let isWrap = !atoms.contains { $0.kind != .text }
      // Lines of one cell follow each other at the cell's leading; the padding between rows
      // makes a wider step.
      var step: Bool?
      if let leading, offset > 0, bodyLines[offset - 1].page == page {
        step = Self.textTop(atoms, bodyLines[offset], scanned: scannedPages) - Self.textTop(body[offset - 1], bodyLines[offset - 1], scanned: scannedPages)
          > leading * (1 + Self.tolerance(of: bodyLines[offset], atoms, scanned: scannedPages))
      }
      if isWrap {
        let next = offset + 1 < body.count ? body[offset + 1] : []
        let nextHasValues = next.contains { $0.kind != .text }
        let nextLabelEmpty = !next.contains { $0.kind == .text }
        if nextHasValues && nextLabelEmpty {
          pending = pending.map { Self.joined($0, (cells, locations)) } ?? (cells, locations)
        } else if step == true {
          // A label below the row padding starts a row of its own (a row with no values, or
          // one whose values are centred lower in a tall row).
          rows.append((cells, page, locations))
          labelOpened = true
          codeOpened = false
        } else if offset > 0, bodyLines[offset - 1].page == page, endsShort(body[offset - 1], before: atoms) {
          // A complete label under a complete one: a row with no values.
          rows.append((cells, page, locations))
          labelOpened = false
          codeOpened = false
        } else if let last = rows.last, last.page == page || (offset > 0 && ordered[firstBody + offset - 1].page != page) {
          // The wrapped end of the row above, also when the page break cut that row.
          let joined = Self.joined((last.cells, last.locations), (cells, locations))
          rows[rows.count - 1] = (joined.cells, last.page, joined.locations)
        } else {
          // The first line of the body: a label whose values may follow.
          rows.append((cells, page, locations))
          labelOpened = true
          codeOpened = false
        }
        continue
      }
      if let held = pending {
        (cells, locations) = Self.joined(held, (cells, locations))
        pending = nil
      } else if labelOpened || codeOpened, step == false, let last = rows.last,
        !columns.indices.contains(where: { columns[$0].kind == .amount && !last.cells[$0].isEmpty }),
        // A code joins a row opened by its label's first line alone (code and amounts centred
        // on a label of two lines stand on its second), never a row that has a code.
        !atoms.contains(where: { $0.kind == .code })
          || (labelOpened && !columns.indices.contains(where: { columns[$0].kind == .code && !last.cells[$0].isEmpty }))
      {
        // The values of a row whose label (or code and label) started a line above, at the
        // cell's leading: amounts centred in a row of three lines stand on its second.
        let joined = Self.joined((last.cells, last.locations), (cells, locations))
        rows[rows.count - 1] = (joined.cells, last.page, joined.locations)
        labelOpened = false
        codeOpened = false
        continue
      }
      labelOpened = false
      codeOpened = atoms.contains { $0.kind == .code } && !atoms.contains { $0.kind == .amount }
      rows.append((cells, page, locations))
    }
    if !grouped, let held = pending, let page = ordered.last?.page { rows.append((held.cells, page, held.locations)) }

    var header = self.header(of: Array(ordered[..<firstBody]), columns: columns)
    // A code column with no header of its own is printed in one cell with the name after it
    // (201一般公共服务支出 under 功能分类): join them back.
    for c in columns.indices.reversed() where columns[c].kind == .code && header[c].isEmpty && c + 1 < columns.count {
      for r in rows.indices {
        rows[r].cells[c + 1] = rows[r].cells[c] + rows[r].cells[c + 1]
        rows[r].cells.remove(at: c)
        rows[r].locations[c + 1] = CellLocation.merged(rows[r].locations[c], rows[r].locations[c + 1])
        rows[r].locations.remove(at: c)
      }
      header.remove(at: c)
    }
    return (header, rows.map { Row(cells: $0.cells, page: $0.page, locations: $0.locations) })
  }

  /// The first body line, moved up over the first lines of a label wrapped above the first
  /// amounts (洛阳市偃 ‖ 师区教育 1,240.00 ‖ 局: a label centred in a tall row): text-only lines
  /// that follow each other at the body's leading down to the first amount line, stand over its
  /// text, and are set apart from the header above by a wider step. At most two lines.
  static func wrappedFirstCell(_ lines: [TextLine], _ atoms: [[Atom]], firstBody: Int, scanned: Set<Int> = []) -> Int {
    guard firstBody >= 2, let leading = leading(of: Array(atoms[firstBody...]), lines: Array(lines[firstBody...]), scanned: scanned) else {
      return firstBody
    }
    let limit = leading * (1 + (scanned.contains(lines[firstBody].page) ? 0.1 : leadingTolerance))
    // Where each line stands, as the leading was measured.
    func level(_ i: Int) -> Double { scanned.contains(lines[i].page) ? textTop(atoms[i], lines[i], scanned: scanned) : lines[i].box.top }
    let below = atoms[firstBody].filter { $0.kind == .text }
    var start = firstBody
    while start > max(1, firstBody - 2) {
      let candidate = start - 1
      guard lines[candidate].page == lines[start].page, level(start) - level(candidate) <= limit,
        !atoms[candidate].isEmpty, atoms[candidate].allSatisfy({ $0.kind == .text }),
        atoms[candidate].allSatisfy({ atom in below.contains { $0.box.x0 < atom.box.x1 && atom.box.x0 < $0.box.x1 } })
      else { break }
      start = candidate
    }
    guard start < firstBody else { return firstBody }
    // The header ends a padding step above the cell's first line, or has nothing right above
    // it (its lowest line holds names of other columns).
    let above = start - 1
    let clear = !atoms[above].contains { atom in atoms[start].contains { $0.box.x0 < atom.box.x1 && atom.box.x0 < $0.box.x1 } }
    guard lines[above].page != lines[start].page || level(start) - level(above) > limit || clear else {
      return firstBody
    }
    return start
  }

  /// Where a line's text stands: the top of its Chinese text (a figure's box may start higher
  /// or lower than a character's in the same line), else the line's. On a page read by OCR
  /// (in `scanned`), whose glyphs are as tall as their run of ink makes them (one line 10
  /// points, the next 16), the middle of its Chinese text (else of the line): only steps
  /// between lines are measured, and the middles are where the ink is.
  static func textTop(_ atoms: [Atom], _ line: TextLine, scanned: Set<Int> = []) -> Double {
    let glyphs = atoms.filter { $0.kind == .text }.flatMap(\.glyphs).filter { TextNormalization.isCJK($0.scalar) }
    guard scanned.contains(line.page) else { return glyphs.map(\.box.top).min() ?? line.box.top }
    let middles = glyphs.map(\.box.midY).sorted()
    return middles.isEmpty ? line.box.midY : middles[middles.count / 2]
  }

  /// Steps between lines within this fraction of the leading are the leading.
  static let leadingTolerance = 0.04


  /// The fraction of `leading` that a line read by OCR (on a page of `scanned`) with
  /// `atoms` may step beyond it and still be a wrapped cell's next line: a fifth, as the steps
  /// of OCR lines wander by a point or more (12 to 14.4 for a leading of 13, and rows' padding
  /// may add as little as a point); but a label that opens with an item's number or 其中
  /// starts a row, as in the text layer, whatever it wraps under ((二)政府性基金预算 under
  /// 金, the end of (一)一般公共预算资金).
  static func tolerance(of line: TextLine, _ atoms: [Atom], scanned: Set<Int>) -> Double {
    guard scanned.contains(line.page) else { return leadingTolerance }
    let label = atoms.first { $0.kind == .text }?.text ?? ""
    return Headings.numbered(label) != nil || label.hasPrefix("其中") ? leadingTolerance : 0.2
  }

  /// The leading of wrapped cells: the smallest step from a label-only body line to the line
  /// above it on the same page, when the label stands under text of the line above. Nil when
  /// no cell wraps.
  private static func leading(of body: [[Atom]], lines: [TextLine], scanned: Set<Int> = []) -> Double? {
    var leading: Double?
    for i in body.indices.dropFirst() where lines[i].page == lines[i - 1].page {
      guard !body[i].isEmpty, !body[i].contains(where: { $0.kind != .text }) else { continue }
      let above = body[i - 1].filter { $0.kind == .text }
      let stacks = body[i].contains { atom in above.contains { $0.box.x0 < atom.box.x1 && atom.box.x0 < $0.box.x1 } }
      let step = textTop(body[i], lines[i], scanned: scanned) - textTop(body[i - 1], lines[i - 1], scanned: scanned)
      guard stacks, step > 0.5 * lines[i].box.height else { continue }
      leading = min(leading ?? step, step)
    }
    return leading
  }

  /// The leading of a table whose every line with a code and no amounts is followed by a line
  /// without a code whose label stands under its label (the label's rest, and the row's
  /// amounts): the smallest such step, when there are two such rows or more. Nil otherwise.
  private static func codeOpenedLeading(_ body: [[Atom]], lines: [TextLine], scanned: Set<Int> = []) -> Double? {
    var steps: [Double] = []
    for i in body.indices.dropLast() where body[i].contains(where: { $0.kind == .code }) && !body[i].contains(where: { $0.kind == .amount }) {
      let next = body[i + 1]
      let above = body[i].filter { $0.kind == .text }
      guard lines[i + 1].page == lines[i].page, !next.contains(where: { $0.kind == .code }), next.contains(where: { $0.kind == .amount }),
        next.contains(where: { atom in atom.kind == .text && above.contains { $0.box.x0 < atom.box.x1 && atom.box.x0 < $0.box.x1 } })
      else { return nil }
      steps.append(textTop(next, lines[i + 1], scanned: scanned) - textTop(body[i], lines[i], scanned: scanned))
    }
    guard steps.count >= 2, let smallest = steps.min(), smallest > 0 else { return nil }
    return smallest
  }

  /// Indices of the lines that repeat the header at the top of a continuation page (repeated
  /// header rows): each line, in the order the header printed them, whose text is a header
  /// line's text, before the page's first body line.
  private static func repeatedHeaderLines(_ lines: [TextLine], firstBody: Int) -> Set<Int> {
    let header = Set(lines[..<firstBody].map { TextNormalization.compact($0.text) }.filter { !$0.isEmpty })
    guard !header.isEmpty else { return [] }
    var repeated: Set<Int> = []
    var i = firstBody + 1
    while i < lines.count {
      if lines[i].page != lines[i - 1].page {
        var j = i
        while j < lines.count, lines[j].page == lines[i].page, header.contains(TextNormalization.compact(lines[j].text)) {
          repeated.insert(j)
          j += 1
        }
        i = max(j, i + 1)
      } else {
        i += 1
      }
    }
    return repeated
  }

  /// One line's atoms in their columns: the cell texts and where each cell is printed.
  private func cells(of atoms: [Atom], page: Int, columns: [Column]) -> (cells: [String], locations: [CellLocation?]) {
    var cells = Array(repeating: "", count: columns.count)
    var locations = [CellLocation?](repeating: nil, count: columns.count)
    add(atoms, page: page, columns: columns, to: &cells, &locations)
    return (cells, locations)
  }

  /// Adds a line's atoms to the cells of their columns, and their boxes to where those are.
  private func add(
    _ atoms: [Atom], page: Int, columns: [Column], to cells: inout [String], _ locations: inout [CellLocation?]
  ) {
    for atom in atoms {
      let c = column(of: atom, in: columns)
      cells[c] = TextNormalization.normalize(TextNormalization.join(cells[c], atom.text))
      locations[c] = CellLocation.merged(locations[c], CellLocation(page: page, box: atom.box))
    }
  }

  /// Two parts of one row joined cell by cell (a wrapped label, a row cut by a page break).
  private static func joined(
    _ first: (cells: [String], locations: [CellLocation?]), _ second: (cells: [String], locations: [CellLocation?])
  ) -> (cells: [String], locations: [CellLocation?]) {
    (
      zip(first.cells, second.cells).map { TextNormalization.join($0, $1) },
      zip(first.locations, second.locations).map { CellLocation.merged($0, $1) }
    )
  }

  // MARK: Runs and spans

  /// A code printed across 类/款/项 columns, cut into its parts where gaps open: each part a
  /// code atom of its own, with its level (a code of one part is a 类).
  static func codeParts(_ atom: Atom) -> [Atom] {
    let parts = runs(atom.glyphs.filter { !$0.scalar.properties.isWhitespace })
    guard parts.count > 1, parts.allSatisfy({ $0.allSatisfy { TextNormalization.isDigit($0.scalar) } }) else {
      var whole = atom
      whole.level = 0
      return [whole]
    }
    return parts.enumerated().compactMap { level, glyphs in
      guard let first = glyphs.first else { return nil }
      return Atom(
        text: String(String.UnicodeScalarView(glyphs.map(\.scalar))), box: glyphs.dropFirst().reduce(first.box) { $0.union($1.box) },
        kind: .code, glyphs: glyphs, level: level)
    }
  }

  /// The pieces of a header fragment that go to columns whole: the fragment itself when it is
  /// a letter-spaced name over the amounts (合  计), else its runs of glyphs without a gap.
  static func namePieces(_ fragment: TextLine.Fragment, amountsFrom firstAmount: Double) -> [[Glyph]] {
    let spaced = fragment.glyphs.count > 1 && letterSpaced(fragment.glyphs) && fragment.box.x0 >= firstAmount - 2
    return spaced ? [fragment.glyphs] : runs(fragment.glyphs)
  }

  /// Glyphs in left-to-right order cut where a gap opens (more than 1.5 pt).
  static func runs(_ glyphs: [Glyph]) -> [[Glyph]] {
    var runs: [[Glyph]] = []
    for glyph in glyphs {
      if let last = runs.last?.last, glyph.box.x0 <= last.box.x1 + 1.5 {
        runs[runs.count - 1].append(glyph)
      } else {
        runs.append([glyph])
      }
    }
    return runs
  }

  /// Header lines with letter-spaced names joined, right of `x` (over the amount columns): a
  /// fragment of one Chinese character follows another of spaced characters by at most two and
  /// a half of its widths (合    计, 预 算 数). Left of the amounts, single characters in a row
  /// are names of narrow columns of their own (类 款 项).
  static func lettersJoined(_ lines: [TextLine], rightOf x: Double) -> [TextLine] {
    func spaced(_ fragment: TextLine.Fragment) -> Bool {
      !fragment.glyphs.isEmpty && fragment.glyphs.allSatisfy { TextNormalization.isCJK($0.scalar) } && letterSpaced(fragment.glyphs)
    }
    return lines.map { line in
      var line = line
      var joined: [TextLine.Fragment] = []
      for fragment in line.fragments {
        if let last = joined.last, last.box.x0 >= x - 2, fragment.glyphs.count == 1, spaced(fragment), spaced(last) || last.glyphs.count == 1,
          TextNormalization.isCJK(last.glyphs[last.glyphs.count - 1].scalar),
          fragment.box.x0 - last.box.x1 <= 2.5 * fragment.box.width,
          abs(fragment.box.midY - last.box.midY) < fragment.box.height / 2
        {
          joined[joined.count - 1] = TextLine.Fragment(
            text: last.text + fragment.text, box: last.box.union(fragment.box), glyphs: last.glyphs + fragment.glyphs)
        } else {
          joined.append(fragment)
        }
      }
      line.fragments = joined
      return line
    }
  }

  /// A fragment of `glyphs`: their text and the box around them; nil for none.
  static func fragment(of glyphs: [Glyph]) -> TextLine.Fragment? {
    guard let first = glyphs.first else { return nil }
    return TextLine.Fragment(text: text(of: glyphs), box: glyphs.dropFirst().reduce(first.box) { $0.union($1.box) }, glyphs: glyphs)
  }

  /// Header lines with each fragment cut where two Chinese names stand apart, more than a
  /// quarter of a character, unless every character is set apart (a letter-spaced name); single
  /// characters set apart in a row are one letter-spaced name too. Names of narrow neighbouring
  /// columns stand closer than the gap that ends a fragment elsewhere.
  static func splitAtGaps(_ lines: [TextLine]) -> [TextLine] {
    lines.map { line in
      var line = line
      line.fragments = line.fragments.flatMap { fragment -> [TextLine.Fragment] in
        // A letter-spaced name (every character set apart) stays whole.
        guard fragment.glyphs.count > 2, !Self.letterSpaced(fragment.glyphs) else { return [fragment] }
        var pieces: [[Glyph]] = []
        for glyph in fragment.glyphs {
          if let last = pieces.last?.last, TextNormalization.isCJK(last.scalar), TextNormalization.isCJK(glyph.scalar),
            glyph.box.x0 - last.box.x1 > 0.25 * max(glyph.box.height, glyph.fontSize)
          {
            pieces.append([glyph])
          } else if pieces.isEmpty {
            pieces.append([glyph])
          } else {
            pieces[pieces.count - 1].append(glyph)
          }
        }
        // Single characters apart are a letter-spaced name's (项  目), not columns'.
        var letters = pieces.map { $0.count == 1 }
        var k = 1
        while k < pieces.count {
          if letters[k - 1] && letters[k] {
            pieces[k - 1] += pieces.remove(at: k)
            letters.remove(at: k)
          } else {
            k += 1
          }
        }
        guard pieces.count > 1 else { return [fragment] }
        return pieces.compactMap(Self.fragment(of:))
      }
      return line
    }
  }

  /// Header lines with each name wrapped over several lines made one fragment, on its first
  /// line: the only run of characters right under a name (less than half a character below it;
  /// a group name has several under it, its columns' names), centred under it or starting where
  /// it starts, no wider, and set like it. A run taken from a fragment of several leaves the
  /// rest of that fragment on its line.
  static func wrappedNamesJoined(_ lines: [TextLine]) -> [TextLine] {
    var lines = lines.sorted { $0.box.top < $1.box.top }
    for i in lines.indices {
      for f in lines[i].fragments.indices {
        var fragment = lines[i].fragments[f]
        guard !fragment.glyphs.isEmpty else { continue }
        let em = fragment.glyphs.map(\.fontSize).max() ?? fragment.box.height
        while true {
          // The text right under the fragment, across its width: a wrapped name's next line
          // is one run of characters; a group's columns' names are several. (The last lines
          // of neighbouring names, 助 ‖ 出, may stand in one fragment.)
          var under: [(line: Int, index: Int, run: [Glyph])] = []
          for j in lines.indices where j > i {
            for (k, next) in lines[j].fragments.enumerated() where !next.glyphs.isEmpty {
              let gap = next.box.top - fragment.box.bottom
              guard gap > -0.3 * em, gap < 0.5 * em else { continue }
              for run in Self.runs(next.glyphs) {
                guard let x0 = run.map(\.box.x0).min(), let x1 = run.map(\.box.x1).max(),
                  x1 > fragment.box.x0 - 0.5 * em, x0 < fragment.box.x1 + 0.5 * em
                else { continue }
                under.append((j, k, run))
              }
            }
          }
          guard under.count == 1, let (j, k, run) = under.first, let below = Self.fragment(of: run) else { break }
          // Both evenly set, and like each other: names of narrow columns side by side (类 款
          // 项, or 目 beside 科目 in two columns of upright names) stand apart.
          let upper = Self.gaps(fragment.glyphs.filter { $0.box.top < fragment.glyphs[0].box.bottom })
          let lower = Self.gaps(below.glyphs)
          guard upper.widest - upper.narrowest <= 0.15 * em, lower.widest - lower.narrowest <= 0.15 * em,
            lower.widest <= max(upper.widest, 0) + 0.15 * em,
            abs(below.box.midX - fragment.box.midX) <= 0.25 * em || abs(below.box.x0 - fragment.box.x0) <= 0.25 * em,
            below.box.x0 >= fragment.box.x0 - 0.5 * em, below.box.x1 <= fragment.box.x1 + 0.5 * em
          else { break }
          if let rest = Self.fragment(of: lines[j].fragments[k].glyphs.filter { !run.contains($0) }) {
            lines[j].fragments[k] = rest
          } else {
            lines[j].fragments.remove(at: k)
          }
          fragment = TextLine.Fragment(
            text: fragment.text + below.text, box: fragment.box.union(below.box), glyphs: fragment.glyphs + below.glyphs)
        }
        lines[i].fragments[f] = fragment
      }
    }
    return lines.filter { !$0.fragments.isEmpty }
  }

  /// The narrowest and widest gaps between neighbouring glyphs (zero for one glyph).
  static func gaps(_ glyphs: [Glyph]) -> (narrowest: Double, widest: Double) {
    let gaps = zip(glyphs, glyphs.dropFirst()).map { $1.box.x0 - $0.box.x1 }
    return (gaps.min() ?? 0, gaps.max() ?? 0)
  }

  /// Whether glyphs are one letter-spaced name: at most twelve, each set apart from the next
  /// (a gap of more than 1.5 pt, where `runs` cuts).
  static func letterSpaced(_ glyphs: [Glyph]) -> Bool {
    glyphs.count <= 12 && zip(glyphs, glyphs.dropFirst()).allSatisfy { $1.box.x0 - $0.box.x1 > 1.5 }
  }

  /// Horizontal extents merged where they overlap or leave at most `gap` between them.
  static func spans(_ extents: [(Double, Double)], gap: Double) -> [(Double, Double)] {
    var spans: [(Double, Double)] = []
    for extent in extents.sorted(by: { $0.0 < $1.0 }) {
      if let last = spans.last, extent.0 <= last.1 + gap {
        spans[spans.count - 1].1 = max(last.1, extent.1)
      } else {
        spans.append(extent)
      }
    }
    return spans
  }

  // MARK: Narrow text columns side by side

  /// Where one text column found from the body is two (科目名称 | 项目名称 in narrow columns,
  /// whose lines run together): a gap in the header's text inside the column that no body
  /// glyph crosses, with body text on both sides of it.
  private func textSplits(_ columns: [Column], header lines: [TextLine], body: [[Atom]]) -> [Double] {
    let headerGlyphs = lines.flatMap { $0.fragments.flatMap(\.glyphs) }
    let bodyGlyphs = body.flatMap { $0.filter { $0.kind == .text }.flatMap(\.glyphs) }
    var splits: [Double] = []
    for column in columns where column.kind == .text {
      let inside = headerGlyphs.filter { $0.box.midX > column.x0 && $0.box.midX < column.x1 }
      let clusters = Self.spans(inside.map { ($0.box.x0, $0.box.x1) }, gap: 2)
      for (left, right) in zip(clusters, clusters.dropFirst()) {
        // Where in the header's gap no body text stands: body text may reach into it (a column's
        // text set wider than its name), so the cut is the clear stretch nearest its middle.
        let middle = (left.1 + right.0) / 2
        var clear: [(Double, Double)] = []
        var start = left.1
        for span in Self.spans(bodyGlyphs.filter { $0.box.x1 > left.1 && $0.box.x0 < right.0 }.map { ($0.box.x0, $0.box.x1) }, gap: 0.5) {
          if span.0 > start { clear.append((start, span.0)) }
          start = max(start, span.1)
        }
        if right.0 > start { clear.append((start, right.0)) }
        guard
          let stretch = clear.filter({ $0.1 - $0.0 >= 1 }).min(by: { abs(($0.0 + $0.1) / 2 - middle) < abs(($1.0 + $1.1) / 2 - middle) })
        else { continue }
        let x = (stretch.0 + stretch.1) / 2
        // A glyph over the gap crosses it, and so do two glyphs set solid on either side of it
        // (a word whose characters' boxes divide its box, as word-box input gives them).
        let crossed =
          bodyGlyphs.contains { $0.box.x0 < x - 0.5 && $0.box.x1 > x + 0.5 }
          || zip(bodyGlyphs, bodyGlyphs.dropFirst()).contains { a, b in
            a.box.x0 < x && b.box.x1 > x && abs(b.box.x0 - a.box.x1) < 0.05 && abs(a.box.x1 - x) <= 0.5
              && abs(a.box.top - b.box.top) < 0.5
          }
        // Two columns hold text independently: some line has text on the left of the gap only,
        // some on the right only (a letter-spaced name always starts on the left).
        var leftOnly = false
        var rightOnly = false
        for atoms in body {
          let glyphs = atoms.filter { $0.kind == .text }.flatMap(\.glyphs).filter {
            $0.box.midX > column.x0 - 1 && $0.box.midX < column.x1 + 1
          }
          guard !glyphs.isEmpty else { continue }
          let left = glyphs.contains { $0.box.midX < x }
          let right = glyphs.contains { $0.box.midX > x }
          if left && !right { leftOnly = true }
          if right && !left { rightOnly = true }
        }
        if !crossed, leftOnly, rightOnly { splits.append(x) }
      }
    }
    return splits
  }

  /// Columns with text columns cut at the given places.
  private static func split(_ columns: [Column], at splits: [Double]) -> [Column] {
    var result: [Column] = []
    for column in columns {
      guard column.kind == .text else {
        result.append(column)
        continue
      }
      var x0 = column.x0
      for x in splits.sorted() where x > column.x0 && x < column.x1 {
        result.append(Column(kind: .text, anchor: x0, x0: x0, x1: x))
        x0 = x
      }
      result.append(Column(kind: .text, anchor: x0, x0: x0, x1: column.x1))
    }
    return result
  }

  /// A text atom cut where it crosses a split.
  private static func split(_ atom: Atom, at splits: [Double]) -> [Atom] {
    guard atom.kind == .text, !atom.glyphs.isEmpty, splits.contains(where: { $0 > atom.box.x0 && $0 < atom.box.x1 }) else {
      return [atom]
    }
    var pieces: [[Glyph]] = []
    var bounds = splits.sorted().filter { $0 > atom.box.x0 && $0 < atom.box.x1 }
    var current: [Glyph] = []
    for glyph in atom.glyphs {
      if let next = bounds.first, glyph.box.midX > next {
        if !current.isEmpty { pieces.append(current) }
        current = []
        bounds.removeFirst()
      }
      current.append(glyph)
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces.map { glyphs in
      let box = glyphs.dropFirst().reduce(glyphs[0].box) { $0.union($1.box) }
      return Atom(text: TextNormalization.string(of: glyphs.map(\.scalar)), box: box, kind: .text, glyphs: glyphs)
    }
  }

  // MARK: Rows of tall cells

  /// Rows of a table whose amounts sit at the top (or bottom) of tall rows while the code and
  /// the wrapped label are centred: a line with amounts but no code, followed by a line with
  /// the code but no amounts, shows the layout. Then every line from one amount line to the
  /// next is one row (top), or every line up to an amount line (bottom); a page that starts
  /// before its first amount line continues the row the page break cut. Nil for other layouts,
  /// and when the grouping would part two lines of one wrapped cell: a label line at the
  /// cell's `leading` under the label of the line above (a table whose codes stand at the top
  /// of tall rows and whose amounts are centred looks the same by codes and amounts alone).
  private func alignedRows(
    _ body: [[Atom]], lines: [TextLine], leading: Double?, columns: [Column]
  ) -> [(cells: [String], page: Int, locations: [CellLocation?])]? {
    let pages = lines.map(\.page)
    // Where each line stands, as the leading was measured.
    func level(_ i: Int) -> Double {
      scannedPages.contains(lines[i].page) ? Self.textTop(body[i], lines[i], scanned: scannedPages) : lines[i].box.top
    }
    let hasAmount = body.map { $0.contains { $0.kind == .amount } }
    let hasCode = body.map { $0.contains { $0.kind == .code } }
    // Code-only lines explained by an amount line without a code above them (top) or below
    // them (bottom), with no other amount line between.
    let codeOnly = body.indices.filter { hasCode[$0] && !hasAmount[$0] }
    var pairedTop = 0
    var pairedBottom = 0
    for i in codeOnly {
      var j = i - 1
      while j >= 0, !hasAmount[j], !hasCode[j] { j -= 1 }
      if j >= 0, hasAmount[j], !hasCode[j] { pairedTop += 1 }
      j = i + 1
      while j < body.count, !hasAmount[j], !hasCode[j] { j += 1 }
      if j < body.count, hasAmount[j], !hasCode[j] { pairedBottom += 1 }
    }
    var top = codeOnly.count >= 2 && pairedTop == codeOnly.count
    var bottom = codeOnly.count >= 2 && pairedBottom == codeOnly.count
    if top && bottom {
      // Every code line has an amount line above and below it: the amounts stand nearer the
      // lines of their own row (below them at the top of a row, above them at its bottom).
      var below = 0.0
      var above = 0.0
      for i in body.indices where hasAmount[i] && !hasCode[i] && i > 0 && i + 1 < body.count
        && pages[i - 1] == pages[i] && pages[i + 1] == pages[i]
      {
        below += lines[i + 1].box.top - lines[i].box.top
        above += lines[i].box.top - lines[i - 1].box.top
      }
      top = below < above * 0.8
      bottom = above < below * 0.8
    }
    guard top != bottom else { return nil }
    var groups: [[Int]] = []
    if top {
      for i in body.indices {
        if hasAmount[i] || groups.isEmpty { groups.append([i]) } else { groups[groups.count - 1].append(i) }
      }
    } else {
      var current: [Int] = []
      for i in body.indices {
        current.append(i)
        if hasAmount[i] {
          groups.append(current)
          current = []
        }
      }
      if !current.isEmpty {
        if groups.isEmpty { groups.append(current) } else { groups[groups.count - 1] += current }
      }
    }
    if let leading {
      for (upper, lower) in zip(groups, groups.dropFirst()) {
        guard let a = upper.last, let b = lower.first, pages[a] == pages[b],
          level(b) - level(a) <= leading * (1 + Self.tolerance(of: lines[b], body[b], scanned: scannedPages))
        else { continue }
        let above = body[a].filter { $0.kind == .text }
        if body[b].contains(where: { atom in atom.kind == .text && above.contains { $0.box.x0 < atom.box.x1 && atom.box.x0 < $0.box.x1 } }) {
          return nil
        }
      }
    }
    return groups.map { lines in
      var cells = Array(repeating: "", count: columns.count)
      var locations = [CellLocation?](repeating: nil, count: columns.count)
      for i in lines { add(body[i], page: pages[i], columns: columns, to: &cells, &locations) }
      let anchor = lines.first { hasAmount[$0] } ?? lines[0]
      return (cells, pages[anchor], locations)
    }
  }

  // MARK: Tables without amounts

  /// A table that prints no amount (an empty table): its columns come from the header's leaf
  /// names (header glyphs stacked in one column, group names over several left out), and its
  /// body is the total-label lines (合计) below the header.
  private func emptyTable(_ lines: [TextLine]) -> (header: [String], rows: [Row]) {
    let isTotal = { (line: TextLine) in words.isTotal(line.text) }
    let headerLines = Array(lines.prefix { !isTotal($0) })
    let bodyLines = Array(lines.dropFirst(headerLines.count)).filter(isTotal)
    let glyphs = headerLines.flatMap { $0.fragments.flatMap(\.glyphs) }
    guard !glyphs.isEmpty else { return ([], []) }
    // Letter-spaced names (合  计) keep gaps of about half a character; wider gaps part names.
    let sizes = glyphs.map(\.fontSize).sorted()
    let gap = 0.55 * max(sizes[sizes.count / 2], 1)
    // Leaf glyphs: those of names that do not stand over the names of two or more columns
    // (header text below the name's width, in pieces parted by a gap).
    var leaf: [Glyph] = []
    for line in headerLines {
      let ordered = line.fragments.flatMap(\.glyphs).sorted { $0.box.x0 < $1.box.x0 }
      var names: [[Glyph]] = []
      for glyph in ordered {
        if let last = names.last?.last, glyph.box.x0 <= last.box.x1 + gap {
          names[names.count - 1].append(glyph)
        } else {
          names.append([glyph])
        }
      }
      for name in names {
        guard let first = name.first else { continue }
        let box = name.dropFirst().reduce(first.box) { $0.union($1.box) }
        let below = glyphs.filter { $0.box.top >= box.bottom - 1 && $0.box.x0 < box.x1 && $0.box.x1 > box.x0 }
        if name.count >= 2, Self.spans(below.map { ($0.box.x0, $0.box.x1) }, gap: gap).count >= 2 {
          continue  // a group name over several columns
        }
        leaf += name
      }
    }
    guard !leaf.isEmpty else { return ([], []) }
    let spans = Self.spans(leaf.map { ($0.box.x0, $0.box.x1) }, gap: gap)
    let columns = spans.map { span -> Column in
      let names = TextNormalization.compact(
        LineBuilder().cellText(leaf.filter { $0.box.midX >= span.0 && $0.box.midX <= span.1 }))
      let kind: Atom.Kind = names.contains("编码") ? .code : words.namesLabel(names) ? .text : .amount
      return Column(kind: kind, anchor: span.1, x0: span.0, x1: span.1)
    }
    guard !columns.isEmpty else { return ([], []) }
    let header = self.header(of: headerLines, columns: columns)
    let rows = bodyLines.map { line -> Row in
      var cells = Array(repeating: "", count: columns.count)
      let labels = columns.contains { $0.kind == .text }
      let c = nearest(columns, where: { !labels || $0.kind == .text }, distance: { column in
        line.box.x0 >= column.x0 - 1 && line.box.x0 <= column.x1 ? 0 : abs((column.x0 + column.x1) / 2 - line.box.midX)
      }) ?? 0
      cells[c] = TextNormalization.normalize(line.text)
      var locations = [CellLocation?](repeating: nil, count: columns.count)
      locations[c] = CellLocation(page: line.page, box: line.box)
      return Row(cells: cells, page: line.page, locations: locations)
    }
    return (header, rows)
  }

  // MARK: Atoms

  private func atoms(of line: TextLine) -> [Atom] {
    var atoms = rawAtoms(of: line)
    // Digits before a counter are text, even across a justified gap (2021 年 …).
    var i = 0
    while i + 1 < atoms.count {
      if atoms[i].kind != .text, atoms[i].text.allSatisfy({ $0.isASCII && $0.isNumber }),
        let next = atoms[i + 1].text.first, TextTableReader.codeBlockers.contains(next), atoms[i + 1].kind == .text
      {
        atoms[i] = Atom(
          text: atoms[i].text + atoms[i + 1].text, box: atoms[i].box.union(atoms[i + 1].box), kind: .text,
          glyphs: atoms[i].glyphs + atoms[i + 1].glyphs)
        atoms.remove(at: i + 1)
      }
      i += 1
    }
    // A code is the row's first cell or stands right before its name; a bare number elsewhere
    // (188 in an amount column) is an amount.
    // A code's last part that the line builder set apart (210 11 ‖ 01 ‖ 行政单位医疗: a wider
    // space after a narrow 11) is part of the code when a name follows it.
    // A pair of figures opening the name after a code is the code's part (301 ‖ 01基本工资).
    var n = 0
    while n + 1 < atoms.count {
      let name = atoms[n + 1]
      let glyphs = name.glyphs
      if atoms[n].kind == .code, name.kind == .text, glyphs.count > 2, TextNormalization.isDigit(glyphs[0].scalar),
        TextNormalization.isDigit(glyphs[1].scalar), TextNormalization.isCJK(glyphs[2].scalar),
        !TextTableReader.codeBlockers.contains(Character(glyphs[2].scalar)),
        glyphs[0].box.x0 - atoms[n].box.x1 < 1.5 * max(glyphs[0].box.height, 1)
      {
        let part = Array(glyphs[..<2])
        let rest = Array(glyphs[2...])
        atoms[n] = Self.code(atoms[n], with: part)
        atoms[n + 1] = Atom(
          text: Self.text(of: rest), box: rest.dropFirst().reduce(rest[0].box) { $0.union($1.box) }, kind: .text, glyphs: rest)
      }
      n += 1
    }
    var k = 0
    while k + 2 < atoms.count {
      // The code's parts: up to two pairs of figures, each near the one before (208 ‖ 01 ‖ 01).
      var end = k + 1
      while end < atoms.count, end - k <= 2, atoms[end].text.count == 2, atoms[end].text.allSatisfy({ $0.isASCII && $0.isNumber }),
        atoms[end].box.x0 - atoms[end - 1].box.x1 < 1.5 * max(atoms[end].box.height, 1)
      {
        end += 1
      }
      if atoms[k].kind == .code, end > k + 1, end < atoms.count, atoms[end].kind == .text {
        for part in atoms[(k + 1)..<end] { atoms[k] = Self.code(atoms[k], with: part.glyphs) }
        atoms.removeSubrange((k + 1)..<end)
      }
      k += 1
    }
    // A line of numbers alone (188 188: whole amounts of a row whose label stands on another
    // line) holds no code either.
    let onlyNumbers = !atoms.contains { $0.kind == .text } && atoms.count > 1
    for i in atoms.indices where atoms[i].kind == .code {
      let followedByName = i + 1 < atoms.count && atoms[i + 1].kind == .text
      if (i > 0 || onlyNumbers) && !followedByName && !atoms[i].text.contains(" ") { atoms[i].kind = .amount }
    }
    return atoms
  }

  /// The lines' atoms with a code that OCR misread as a number of another length (2144 for
  /// 214, 214101101 for 210 11 01: no code, so an amount) taken as a code again, on the lines
  /// read by OCR (`scanned`): a whole number of three figures or more that starts where two
  /// codes or more start (codes are aligned by their start, or indented by level) and ends where
  /// no amount with decimals ends (amounts are aligned by their end). Left an amount, it opened
  /// a column of its own beside the codes', with no name over it.
  ///
  /// A code's box that reaches past where the others of its length that start with it end
  /// (2210201 boxed up to its name: the recognizer's boxes of a line may be shifted) ends where
  /// they do: its end would push the codes' column over the names' starts.
  static func misreadCodes(_ body: [[Atom]], scanned: [Bool]) -> [[Atom]] {
    let codeStarts = body.joined().filter { $0.kind == .code }.map(\.box.x0)
    let decimalEnds = body.joined().filter { $0.kind == .amount && $0.text.contains(".") }.map(\.box.x1)
    guard codeStarts.count >= 2 else { return body }
    let read = body.indices.map { l in
      guard scanned[l] else { return body[l] }
      return body[l].map { atom in
        let figures = atom.text.filter { $0 != " " }
        guard atom.kind == .amount, figures.count >= 3, figures.allSatisfy({ $0.isASCII && $0.isNumber }),
          codeStarts.filter({ abs($0 - atom.box.x0) <= 3 }).count >= 2,
          !decimalEnds.contains(where: { abs($0 - atom.box.x1) <= 3 })
        else { return atom }
        var code = atom
        code.kind = .code
        return code
      }
    }
    let codes = read.joined().filter { $0.kind == .code }
    return read.indices.map { l in
      guard scanned[l] else { return read[l] }
      return read[l].map { atom in
        let length = atom.text.filter { $0 != " " }.count
        let ends = codes.filter { abs($0.box.x0 - atom.box.x0) <= 3 && $0.text.filter { $0 != " " }.count == length }.map(\.box.x1).sorted()
        guard atom.kind == .code, ends.count >= 3 else { return atom }
        let usual = ends[ends.count / 2]
        guard atom.box.x1 > usual + max(3, atom.box.height / 4) else { return atom }
        var trimmed = atom
        trimmed.box.x1 = usual
        return trimmed
      }
    }
  }

  /// A code atom with one more part after it (208 ‖ 01 → 208 01).
  static func code(_ code: Atom, with part: [Glyph]) -> Atom {
    Atom(
      text: code.text + " " + text(of: part), box: part.reduce(code.box) { $0.union($1.box) }, kind: .code,
      glyphs: code.glyphs + part)
  }

  private func rawAtoms(of line: TextLine) -> [Atom] {
    let scanned = scannedPages.contains(line.page)
    return line.fragments.flatMap { fragment -> [Atom] in
      guard !fragment.glyphs.isEmpty else {
        return [Atom(text: fragment.text, box: fragment.box, kind: Self.kind(of: fragment.text))]
      }
      return split(fragment.glyphs, scanned: scanned).flatMap { glyphs -> [[Glyph]] in
        // An amount and a code a space apart (0 203 before 国防支出) are two atoms: a code's
        // parts are 3 figures then 2s.
        let parts = Self.runs(glyphs)
        guard parts.count > 1, parts.allSatisfy({ $0.allSatisfy { TextNormalization.isDigit($0.scalar) } }),
          parts[0].count != 3, parts.dropFirst().first?.count == 3
        else { return [glyphs] }
        return [parts[0], Array(parts.dropFirst().joined())]
      }.map { run in
        let glyphs = Self.withoutStrayMarks(run)
        let text = Self.text(of: glyphs)
        let box = glyphs.dropFirst().reduce(glyphs[0].box) { $0.union($1.box) }
        // Read by OCR, a number with its thousands separators read as points (1.380.29) is an
        // amount (the rows stage reads it so, and says so).
        let kind = scanned && Self.groupedByPoints(glyphs) ? .amount : Self.kind(of: text)
        return Atom(text: text, box: box, kind: kind, glyphs: glyphs)
      }
    }
  }

  /// Marks that no amount and no name opens with: before one, they are specks or a rule's
  /// remains that OCR read as marks (”115.69, ，35.59, ]115.69, “行政事业单位养老支出).
  static let strayMarks: Set<Unicode.Scalar> = ["”", "“", "，", ",", ";", "；", "]", "[", "|", "'", "\"", "’", "‘", "`"]

  /// Lines without the marks that stand for nothing: a fragment of stray marks alone (a lone ”
  /// or ， in a column of figures: specks OCR read as marks), and a quote mark whose partner the
  /// fragment lacks (小计“人员经费); lines left empty are dropped.
  static func withoutSpecks(_ lines: [TextLine]) -> [TextLine] {
    let quotes: [Unicode.Scalar: Unicode.Scalar] = ["“": "”", "”": "“", "‘": "’", "’": "‘"]
    var changed = false
    let cleaned = lines.compactMap { line -> TextLine? in
      var line = line
      line.fragments = line.fragments.compactMap { fragment in
        guard !fragment.glyphs.isEmpty else { return fragment }
        let scalars = Set(fragment.glyphs.map(\.scalar))
        let kept = fragment.glyphs.filter { glyph in
          guard strayMarks.contains(glyph.scalar) else { return true }
          if fragment.glyphs.allSatisfy({ strayMarks.contains($0.scalar) }) { return false }
          if let partner = quotes[glyph.scalar] { return scalars.contains(partner) }
          return true
        }
        guard kept.count != fragment.glyphs.count else { return fragment }
        changed = true
        return Self.fragment(of: kept)
      }
      return line.fragments.isEmpty ? nil : line
    }
    return changed ? cleaned : lines
  }

  /// A run without the stray marks that open it before an amount or a Chinese name (an opening
  /// quote its closing one follows stays: “三公”经费).
  static func withoutStrayMarks(_ glyphs: [Glyph]) -> [Glyph] {
    var glyphs = glyphs
    while glyphs.count > 1, strayMarks.contains(glyphs[0].scalar) {
      let rest = Array(glyphs.dropFirst())
      if glyphs[0].scalar == "“" || glyphs[0].scalar == "‘", rest.contains(where: { $0.scalar == "”" || $0.scalar == "’" }) { break }
      guard isAmount(TextNormalization.compact(text(of: rest))) || TextNormalization.isCJK(rest[0].scalar) else { break }
      glyphs = rest
    }
    return glyphs
  }

  /// Cuts a run of glyphs where a code meets a name or a name meets an amount. On a page read by
  /// OCR (`scanned`), an amount whose thousands separators were read as points (1.380.29) is not
  /// cut after its first point's two figures: the figures and points that follow make groups of
  /// three up to a last point and two figures, as a number with separators does.
  private func split(_ glyphs: [Glyph], scanned: Bool = false) -> [[Glyph]] {
    var pieces: [[Glyph]] = []
    var current: [Glyph] = []
    var i = 0
    func isDigit(_ g: Glyph) -> Bool { TextNormalization.isDigit(g.scalar) }
    func isCJKText(_ g: Glyph) -> Bool { TextNormalization.isCJK(g.scalar) }
    while i < glyphs.count {
      let g = glyphs[i]
      if let last = current.last {
        // Name → amount: the rest of the run is an amount.
        // (Not a point OCR read as a colon between figures: 1.380：29.)
        let readPoint = scanned && Amounts.readSeparators.contains(last.scalar) && current.count >= 2 && isDigit(current[current.count - 2])
        if isCJKText(last), !readPoint, isDigit(g), Self.isAmount(Self.text(of: Array(glyphs[i...]))) {
          pieces.append(current)
          current = []
        }
        // Amount → code or name: an amount ends at its two decimals (1380.29210卫生健康支出,
        // 3581.45支出总计).
        if isDigit(g) || (isCJKText(g) && !TextTableReader.codeBlockers.contains(Character(g.scalar))),
          Self.endsWithCents(current) || (scanned && Self.groupedByPoints(current)),
          !(scanned && isDigit(g) && Self.groupedByPoints(current + Self.numberAhead(glyphs[i...])))
        {
          // An amount of one decimal before a code (4720.6204公共安全支出): the cut at two
          // decimals would leave a code of two figures; the code takes the last one.
          let ahead = glyphs[i...].prefix { isDigit($0) }.count
          if isDigit(g), ahead == 2, i + ahead < glyphs.count, isCJKText(glyphs[i + ahead]), current.count > 3,
            Self.isAmount(Self.text(of: Array(current.dropLast())))
          {
            pieces.append(Array(current.dropLast()))
            current = [current[current.count - 1]]
          } else {
            pieces.append(current)
            current = []
          }
        } else if isCJKText(g), !TextTableReader.codeBlockers.contains(Character(g.scalar)), current.contains(where: { $0.scalar == "." }),
          current.allSatisfy({ isDigit($0) || $0.scalar == "." || $0.scalar == "," }), Self.isAmount(Self.text(of: current))
        {
          // An amount of one decimal before a name (22635.4支出总计).
          pieces.append(current)
          current = []
        }
        // Code → name: three or more leading digits then CJK text.
        // (Not before a counter: 2021年 is text.)
        if isDigit(last), isCJKText(g), current.count >= 3, current.allSatisfy({ isDigit($0) || $0.scalar == " " }),
          !TextTableReader.codeBlockers.contains(Character(g.scalar))
        {
          // A whole amount printed against the code (0203国防支出: 0 and 203) is cut off.
          if let cut = Self.amountBeforeCode(current, openings: words.codeOpenings) {
            pieces.append(Array(current[..<cut]))
            current = Array(current[cut...])
          }
          pieces.append(current)
          current = []
        }
      }
      current.append(g)
      i += 1
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }

  /// Where a code starts in a run of figures before a name that is no code by itself: the
  /// figures are not 3, 5 or 7 long, and the last 7, 5 or 3 of them are a code (opening with
  /// one of `openings`, the template's `codeOpenings`: 2 functional, 3 economic) after a whole
  /// amount without a leading zero, or 0 (0203 → 0 | 203).
  static func amountBeforeCode(_ glyphs: [Glyph], openings: Set<Character>) -> Int? {
    let digits = glyphs.filter { !$0.scalar.properties.isWhitespace }
    guard digits.count == glyphs.count, ![3, 5, 7].contains(digits.count), digits.count > 3 else { return nil }
    for length in [7, 5, 3] where length < digits.count {
      let cut = digits.count - length
      guard openings.contains(Character(digits[cut].scalar)) else { continue }
      let amount = digits[..<cut]
      if amount.count == 1 || amount.first?.scalar != "0" { return cut }
    }
    return nil
  }

  private static func text(of glyphs: [Glyph]) -> String {
    var text: [Unicode.Scalar] = []
    var previous: Glyph?
    for g in glyphs {
      if let p = previous, g.box.x0 - p.box.x1 > 0.2 * max(g.box.height, 1), !TextNormalization.isCJK(p.scalar),
        !TextNormalization.isCJK(g.scalar)
      {
        text.append(" ")
      }
      text.append(g.scalar)
      previous = g
    }
    return TextNormalization.string(of: text)
  }

  /// The figures and points that open `glyphs`, up to a space (a gap as `text(of:)` tells one).
  static func numberAhead(_ glyphs: ArraySlice<Glyph>) -> [Glyph] {
    var taken: [Glyph] = []
    for g in glyphs {
      guard TextNormalization.isDigit(g.scalar) || Amounts.readSeparators.contains(g.scalar) else { break }
      if let p = taken.last, g.box.x0 - p.box.x1 > 0.2 * max(g.box.height, 1) { break }
      taken.append(g)
    }
    return taken
  }

  /// Whether the glyphs spell an amount whose separators OCR misread (1.380.29, 1.380：29;
  /// ``Amounts/separatorsRead(_:)``).
  static func groupedByPoints(_ glyphs: some Collection<Glyph>) -> Bool {
    Amounts.separatorsRead(String(String.UnicodeScalarView(glyphs.map(\.scalar)))) != nil
  }

  /// Whether the glyphs spell an amount with exactly two decimals.
  private static func endsWithCents(_ glyphs: [Glyph]) -> Bool {
    let text = Self.text(of: glyphs)
    guard let dot = text.lastIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 3 else { return false }
    return isAmount(text)
  }

  private static func isAmount(_ text: String) -> Bool {
    Amounts.decimal(from: text) != nil
  }

  private static func kind(of text: String) -> Atom.Kind {
    let compact = TextNormalization.compact(text)
    if compact.count >= 3, compact.count <= 9, compact.allSatisfy({ $0.isASCII && $0.isNumber }),
      text.contains(literal: " ") || compact.count == 3 || compact.count == 5 || compact.count == 7
    {
      // A bare 3/5/7-digit number is a classification code unless it has a decimal part.
      return .code
    }
    return isAmount(compact) ? .amount : .text
  }

  // MARK: Columns

  private func columns(from atoms: [Atom]) -> [Column] {
    let tolerance = 3.0
    var columns: [Column] = []
    func cluster(_ kind: Atom.Kind, tolerance: Double = tolerance, _ key: (Atom) -> Double) {
      let members = atoms.filter { $0.kind == kind }.sorted { key($0) < key($1) }
      var groups: [[Atom]] = []
      for atom in members {
        if let last = groups.last?.last, key(atom) - key(last) <= tolerance {
          groups[groups.count - 1].append(atom)
        } else {
          groups.append([atom])
        }
      }
      for group in groups {
        columns.append(
          Column(
            kind: kind, anchor: key(group[0]), x0: group.map(\.box.x0).min() ?? 0, x1: group.map(\.box.x1).max() ?? 0))
      }
    }
    cluster(.amount) { $0.box.x1 }
    // Codes' parts go to the column of their level: printed with spaces in one cell (201 38
    // 01), a part starts where the parts before it end, and in a centred cell 208 01 stands
    // right of 208 01 01's start.
    let levels = Set(atoms.compactMap { $0.kind == .code ? $0.level : nil })
    if levels.isEmpty {
      cluster(.code) { $0.box.x0 }
    } else {
      for level in levels.sorted() {
        let parts = atoms.filter { $0.kind == .code && $0.level == level }
        let x0 = parts.map(\.box.x0).min() ?? 0
        columns.append(Column(kind: .code, anchor: x0, x0: x0, x1: parts.map(\.box.x1).max() ?? 0, level: level))
      }
    }
    let codeSpans = columns.filter { $0.kind == .code }.map { ($0.x0, $0.x1) }
    // Text that starts under a code is the wrapped end of a code-and-name cell, not a column.
    let texts = atoms.filter { atom in atom.kind == .text && !codeSpans.contains { atom.box.x0 >= $0.0 - 1 && atom.box.x0 < $0.1 } }
    let members = texts.sorted { $0.box.x0 < $1.box.x0 }
    var textGroups: [[Atom]] = []
    for atom in members {
      if let last = textGroups.last?.last, atom.box.x0 - last.box.x0 <= tolerance {
        textGroups[textGroups.count - 1].append(atom)
      } else {
        textGroups.append([atom])
      }
    }
    for group in textGroups {
      columns.append(
        Column(kind: .text, anchor: group[0].box.x0, x0: group.map(\.box.x0).min() ?? 0, x1: group.map(\.box.x1).max() ?? 0))
    }
    // Codes indented by level and text columns that start inside another of the same kind are
    // one column (ragged, indented or wrapped lines), not columns of their own.
    columns.sort { $0.x0 < $1.x0 }
    var merged: [Column] = []
    for column in columns {
      if let index = merged.lastIndex(where: { $0.kind == column.kind && $0.kind != .amount }),
        column.x0 < merged[index].x1 - 1, !merged[(index + 1)...].contains(where: { $0.kind == .amount }),
        column.level == nil || merged[index].level == nil
      {
        merged[index].x1 = max(merged[index].x1, column.x1)
        merged[index].x0 = min(merged[index].x0, column.x0)
        continue
      }
      merged.append(column)
    }
    return merged
  }

  private func column(of atom: Atom, in columns: [Column]) -> Int {
    switch atom.kind {
    case .amount:
      if let index = nearest(columns, where: { $0.kind == .amount }, distance: { abs($0.anchor - atom.box.x1) }) {
        return index
      }
    case .code:
      if let level = atom.level, let index = columns.firstIndex(where: { $0.kind == .code && $0.level == level }) { return index }
      if let index = nearest(columns, where: { $0.kind == .code }, distance: { column in
        atom.box.x0 >= column.x0 - 1 && atom.box.x0 <= column.x1 ? 0 : abs(column.x0 - atom.box.x0)
      }) {
        return index
      }
    case .text:
      // Text starting under a code continues the name after it (a wrapped code-and-name cell).
      if let code = columns.firstIndex(where: { $0.kind == .code && atom.box.x0 >= $0.x0 - 1 && atom.box.x0 < $0.x1 }),
        let name = columns.indices.first(where: { $0 > code && columns[$0].kind == .text })
      {
        return name
      }
      // The text column whose span holds the atom's start, else the nearest text column start.
      if let inside = columns.indices.last(where: { columns[$0].kind == .text && columns[$0].x0 <= atom.box.x0 + 1 }) {
        return inside
      }
    }
    return nearest(columns, where: { _ in true }, distance: { abs(($0.x0 + $0.x1) / 2 - atom.box.midX) }) ?? 0
  }

  private func nearest(_ columns: [Column], where keep: (Column) -> Bool, distance: (Column) -> Double) -> Int? {
    columns.indices.filter { keep(columns[$0]) }.min { distance(columns[$0]) < distance(columns[$1]) }
  }

  /// Columns that hold no value in any row (a funding source nobody uses) show only in the
  /// header: header text among or right of the amount columns that stands over no filled
  /// column stands for such a column.
  private func withEmptyColumns(_ columns: [Column], header lines: [TextLine]) -> [Column] {
    // Only columns after the last filled one can be told apart from a wide header over a
    // narrow column of right-aligned amounts.
    guard let firstAmount = columns.filter({ $0.kind == .amount }).map(\.x0).min() else { return columns }
    let lines = Self.lettersJoined(lines, rightOf: firstAmount)
    // Header glyphs right of the first amount column, projected on x: a cluster that no
    // filled column overlaps is a column of its own (empty in every row).
    // Only the lowest header text counts: a name with header text under it heads a group.
    let all = lines.flatMap { $0.fragments.flatMap(\.glyphs) }
    var spans: [(Double, Double)] = []
    for line in lines {
      // Pieces: runs of glyphs without a gap (a fragment may run several narrow columns
      // together). A piece heads others when header text lies below it anywhere between the
      // midpoints to its neighbours on the line.
      let pieces = line.fragments.flatMap { Self.namePieces($0, amountsFrom: firstAmount) }
        .sorted { ($0.first?.box.x0 ?? 0) < ($1.first?.box.x0 ?? 0) }
      for (k, piece) in pieces.enumerated() {
        guard let first = piece.first, let last = piece.last else { continue }
        // Midway to the neighbours; at a line's end as far out as on the other side (or a
        // character), not the whole rest of the page (a body label wrapped above the first
        // amounts, far to the left, would head every name).
        let size = max(first.box.height, first.fontSize)
        let inner = (
          left: k == 0 ? nil : pieces[k - 1].last.map { ($0.box.x1 + first.box.x0) / 2 },
          right: k == pieces.count - 1 ? nil : pieces[k + 1].first.map { (last.box.x1 + $0.box.x0) / 2 })
        let left = inner.left ?? first.box.x0 - max(size, inner.right.map { $0 - last.box.x1 } ?? 0)
        let right = inner.right ?? last.box.x1 + max(size, inner.left.map { first.box.x0 - $0 } ?? 0)
        let bottom = piece.map(\.box.bottom).max() ?? first.box.bottom
        let headsOthers = all.contains { $0.box.top >= bottom - 1 && $0.box.midX > left && $0.box.midX < right }
        if headsOthers { continue }
        let inside = piece.filter { $0.box.x0 > firstAmount - 2 }
        if let x0 = inside.map(\.box.x0).min(), let x1 = inside.map(\.box.x1).max() { spans.append((x0, x1)) }
      }
    }
    let clusters = Self.spans(spans, gap: 1.5)
    var result = columns
    var clear = clusters.filter { cluster in !result.contains { $0.x1 > cluster.0 - 2 && $0.x0 < cluster.1 + 2 } }
    // A filled amount column under no header name heads the nearest clear name centred
    // between the previous filled column and its right edge: names are centred over their
    // columns and amounts right-aligned in them, so in a wide column the name stands clear
    // of the amounts, left of their right edge.
    let filled = columns.filter { $0.kind == .amount }.sorted { $0.x1 < $1.x1 }
    for (k, column) in filled.enumerated() where k > 0 {
      guard !clusters.contains(where: { column.x1 > $0.0 - 2 && column.x0 < $0.1 + 2 }) else { continue }
      let left = filled[k - 1].x1
      let between = clear.indices.filter { (clear[$0].0 + clear[$0].1) / 2 > left && (clear[$0].0 + clear[$0].1) / 2 < column.x1 }
      if let name = between.max(by: { clear[$0].1 < clear[$1].1 }) {
        clear.remove(at: name)
      }
    }
    for cluster in clear {
      result.append(Column(kind: .amount, anchor: cluster.1, x0: cluster.0, x1: cluster.1))
    }
    return result.sorted { $0.x0 < $1.x0 }
  }

  // MARK: Header

  private func header(of lines: [TextLine], columns: [Column]) -> [String] {
    let firstAmount = columns.filter({ $0.kind == .amount }).map(\.x0).min() ?? .infinity
    let lines = Self.wrappedNamesJoined(Self.lettersJoined(Self.splitAtGaps(lines), rightOf: firstAmount))
    // Column bounds: midway between neighbours.
    var bounds: [(Double, Double)] = []
    for (i, column) in columns.enumerated() {
      let left = i == 0 ? -Double.infinity : (columns[i - 1].x1 + column.x0) / 2
      let right = i == columns.count - 1 ? Double.infinity : (column.x1 + columns[i + 1].x0) / 2
      bounds.append((left, right))
    }
    func columnsCovered(by box: Box) -> [Int] {
      bounds.indices.filter { bounds[$0].0 < box.x1 - 1 && bounds[$0].1 > box.x0 + 1 }
    }
    var groups = Array(repeating: [String](), count: columns.count)
    var leaves = Array(repeating: [Glyph](), count: columns.count)
    var wide: [(TextLine.Fragment, [Int])] = []
    let allGlyphs = lines.flatMap { $0.fragments.flatMap(\.glyphs) }
    // A group name stands over the names of its columns: header text lies below it in at
    // least two of the columns it covers.
    let em = allGlyphs.map(\.fontSize).sorted().dropFirst(allGlyphs.count / 2).first ?? 10
    // Whether the text right under a name is its own next line: nearer than half a character,
    // one run of characters across the name's width (a group's columns' names are several),
    // centred under it or starting where it starts.
    func wrapsOnto(_ box: Box, except own: [Glyph]) -> Bool {
      let under = allGlyphs.filter {
        $0.box.top >= box.bottom - 1 && $0.box.midX > box.x0 - 0.5 * em && $0.box.midX < box.x1 + 0.5 * em && !own.contains($0)
      }
      guard let next = under.map(\.box.top).min(), next - box.bottom < 0.5 * em else { return false }
      let runs = Self.runs(under.filter { $0.box.top < next + 0.3 * em }.sorted { $0.box.x0 < $1.box.x0 })
      guard runs.count == 1, let x0 = runs[0].map(\.box.x0).min(), let x1 = runs[0].map(\.box.x1).max() else { return false }
      return abs((x0 + x1) / 2 - box.midX) <= 0.25 * em || abs(x0 - box.x0) <= 0.25 * em
    }
    func hasNamesBelow(_ box: Box, _ covered: [Int]) -> Bool {
      let below = allGlyphs.filter { $0.box.top >= box.bottom - 1 }
      // Names right under it are its own next line (a name wrapped over two columns).
      if let next = below.filter({ $0.box.midX > box.x0 && $0.box.midX < box.x1 }).map(\.box.top).min(),
        next - box.bottom < 0.3 * em || wrapsOnto(box, except: [])
      {
        return false
      }
      return covered.filter { c in below.contains { $0.box.midX >= bounds[c].0 && $0.box.midX < bounds[c].1 } }.count >= 2
    }
    for line in lines {
      for fragment in line.fragments {
        let covered = columnsCovered(by: fragment.box)
        let name = TextNormalization.compact(fragment.text)
        if covered.count > 1, name.count <= 12, fragment.glyphs.count > 0,
          fragment.box.width > (bounds[covered[0]].1 - max(bounds[covered[0]].0, fragment.box.x0)) * 1.5,
          hasNamesBelow(fragment.box, covered)
        {
          wide.append((fragment, covered))
          continue
        }
        // Runs of glyphs without a gap go whole to the column under their middle: a name
        // wider than its column's body text spills over the midpoint to the neighbour.
        for piece in Self.namePieces(fragment, amountsFrom: firstAmount) {
          guard let left = piece.map(\.box.x0).min(), let right = piece.map(\.box.x1).max() else { continue }
          let middle = (left + right) / 2
          let inside = bounds.indices.filter { c in piece.contains { $0.box.midX >= bounds[c].0 && $0.box.midX < bounds[c].1 } }
          if inside.count > 2 {
            // A run over several columns: each glyph where it stands.
            for glyph in piece {
              if let c = bounds.indices.first(where: { glyph.box.midX >= bounds[$0].0 && glyph.box.midX < bounds[$0].1 }) {
                leaves[c].append(glyph)
              }
            }
          } else if let c = bounds.indices.first(where: { middle >= bounds[$0].0 && middle < bounds[$0].1 }) {
            leaves[c] += piece
          }
        }
      }
    }
    // A group name centred over its columns may cover only one of them, or cover fewer than it
    // heads: it extends to each neighbouring column that has nothing at its height, has names
    // below it, and whose names sit in the lowest header row (a name centred over both header
    // rows has no group). A name is a group only when it heads two columns or more.
    func below(_ c: Int, _ box: Box) -> [Glyph] { leaves[c].filter { $0.box.top >= (box.top + box.bottom) / 2 } }
    func centre(_ glyphs: [Glyph]) -> Double? {
      guard let top = glyphs.map(\.box.top).min(), let bottom = glyphs.map(\.box.bottom).max() else { return nil }
      return (top + bottom) / 2
    }
    func atHeight(_ c: Int, _ fragment: TextLine.Fragment) -> Bool {
      leaves[c].contains { glyph in
        !fragment.glyphs.contains(glyph)
          && min(glyph.box.bottom, fragment.box.bottom) - max(glyph.box.top, fragment.box.top) > 0.3 * glyph.box.height
      }
    }
    var candidates = wide.map { (fragment: $0.0, columns: $0.1) }
    for line in lines {
      for fragment in line.fragments where !wide.contains(where: { $0.0 == fragment }) && !fragment.glyphs.isEmpty {
        let own = Set(columns.indices.filter { c in fragment.glyphs.contains { leaves[c].contains($0) } })
        guard !own.isEmpty, own.allSatisfy({ !below($0, fragment.box).filter { !fragment.glyphs.contains($0) }.isEmpty }) else { continue }
        // The first line of a wrapped name has the next line right under it.
        let next = own.flatMap { below($0, fragment.box).filter { !fragment.glyphs.contains($0) } }.map(\.box.top).min() ?? 0
        if next - fragment.box.bottom < 0.3 * em || wrapsOnto(fragment.box, except: fragment.glyphs) { continue }
        candidates.append((fragment, own.sorted()))
      }
    }
    // Each column goes to at most one group: first the columns a name stands over, then
    // neighbours, each to the nearest name that can take it.
    var owner = Array(repeating: -1, count: columns.count)
    for (k, candidate) in candidates.enumerated() {
      for c in candidate.columns where owner[c] == -1 && groups[c].isEmpty { owner[c] = k }
    }
    // The lowest names under a group are those of the columns it stands over: another
    // group's deeper rows (类, 款, 项 under 科目编码) say nothing about this one's.
    let deepest: [Double] = candidates.map { candidate in
      candidate.columns.compactMap { centre(below($0, candidate.fragment.box)) }.max() ?? 0
    }
    func joins(_ c: Int, _ k: Int) -> Bool {
      let fragment = candidates[k].fragment
      guard groups[c].isEmpty, !atHeight(c, fragment), let middle = centre(below(c, fragment.box)) else { return false }
      return middle >= deepest[k] - 0.5 * em
    }
    var changed = true
    while changed {
      changed = false
      for c in columns.indices where owner[c] == -1 {
        var best: (k: Int, distance: Double)?
        for n in [c - 1, c + 1] where n >= 0 && n < columns.count && owner[n] >= 0 && joins(c, owner[n]) {
          let distance = abs((columns[c].x0 + columns[c].x1) / 2 - candidates[owner[n]].fragment.box.midX)
          if best == nil || distance < best?.distance ?? 0 { best = (owner[n], distance) }
        }
        if let best {
          owner[c] = best.k
          changed = true
        }
      }
    }
    // A name above a neighbouring group's name heads that group too (项目 over 科目编码's 类,
    // 款 and 项 and over 科目名称): it stands higher than that group's name and nothing else
    // stands at its height over the group's columns.
    var outer = Array(repeating: -1, count: columns.count)
    for (k, candidate) in candidates.enumerated() {
      var claimed = columns.indices.filter { owner[$0] == k }
      guard !claimed.isEmpty else { continue }
      var grew = true
      while grew, let low = claimed.min(), let high = claimed.max() {
        grew = false
        for n in [low - 1, high + 1] where n >= 0 && n < columns.count && outer[n] == -1 && owner[n] >= 0 && owner[n] != k {
          let lower = candidates[owner[n]].fragment
          let group = columns.indices.filter { owner[$0] == owner[n] }
          guard group.count >= 2, lower.box.top >= candidate.fragment.box.bottom - 1,
            group.allSatisfy({ !atHeight($0, candidate.fragment) })
          else { continue }
          for g in group { outer[g] = k }
          claimed += group
          grew = true
        }
      }
    }
    for (k, candidate) in candidates.enumerated() {
      let claimed = columns.indices.filter { owner[$0] == k }
      let nested = columns.indices.filter { outer[$0] == k }
      guard claimed.count + nested.count >= 2 else { continue }
      let name = TextNormalization.compact(candidate.fragment.text)
      for c in claimed where groups[c].last != name {
        groups[c].append(name)
        leaves[c].removeAll { candidate.fragment.glyphs.contains($0) }
      }
    }
    for (k, candidate) in candidates.enumerated() {
      let name = TextNormalization.compact(candidate.fragment.text)
      for c in columns.indices where outer[c] == k && groups[c].first != name {
        groups[c].insert(name, at: 0)
        leaves[c].removeAll { candidate.fragment.glyphs.contains($0) }
      }
    }
    let builder = LineBuilder()
    return columns.indices.map { c in
      let leaf = TextNormalization.compact(builder.cellText(leaves[c]))
      return (groups[c] + (leaf.isEmpty ? [] : [leaf])).joined(separator: "/")
    }
  }
}
