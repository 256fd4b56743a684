import Foundation

/// Reads a table drawn without a full grid (三线表, or no rules at all) from the alignment of its
/// text, as pdfplumber's "text" strategy does, with what these tables are known to hold.
///
/// 1. Body lines start at the first line that holds an amount; the lines above are the header.
/// 2. Atoms: each fragment is cut where a code ends and a name begins (`208社会保障…`) and where
///    a name ends and an amount begins (`…支出1615.48`): producers often leave no gap there.
/// 3. Columns: amounts are right-aligned, so amount columns are clusters of atom right edges;
///    codes and names are left-aligned, so their columns are clusters of atom left edges.
/// 4. Rows: one per body line; a line with neither amount nor code is a wrapped label and joins
///    the row above, or the row below when that row's label cell is still empty (labels
///    centred in tall rows print above their values).
/// 5. Header: each header glyph goes to the column under it; a header fragment spanning several
///    columns is a group name, joined to their names with `/`.
struct AlignedTableReader {
  struct Atom {
    var text: String
    var box: Box
    var kind: Kind
    enum Kind { case amount, code, text }
  }

  private struct Column {
    var kind: Atom.Kind
    var anchor: Double
    var x0: Double
    var x1: Double
  }

  func read(_ lines: [TextLine]) -> (header: [String], rows: [Row]) {
    let ordered = lines.sorted { ($0.page, $0.box.top) < ($1.page, $1.box.top) }
    let atomLines = ordered.map { atoms(of: $0) }
    guard let firstBody = atomLines.firstIndex(where: { $0.contains { $0.kind == .amount } }) else { return ([], []) }
    let body = Array(atomLines[firstBody...])
    var columns = self.columns(from: body.flatMap { $0 })
    guard !columns.isEmpty else { return ([], []) }
    columns = withEmptyColumns(columns, header: Array(ordered[..<firstBody]))

    // Rows.
    var rows: [(cells: [String], page: Int)] = []
    var pending: [String]?
    for (offset, atoms) in body.enumerated() {
      let page = ordered[firstBody + offset].page
      var cells = Array(repeating: "", count: columns.count)
      for atom in atoms {
        let c = column(of: atom, in: columns)
        cells[c] = TextNormalization.normalize(TextNormalization.join(cells[c], atom.text))
      }
      let isWrap = !atoms.contains { $0.kind != .text }
      if isWrap {
        let next = offset + 1 < body.count ? body[offset + 1] : []
        let nextHasValues = next.contains { $0.kind != .text }
        let nextLabelEmpty = !next.contains { $0.kind == .text }
        if nextHasValues && nextLabelEmpty {
          pending = pending.map { zip($0, cells).map { TextNormalization.join($0, $1) } } ?? cells
        } else if var last = rows.last, last.page == page {
          last.cells = zip(last.cells, cells).map { TextNormalization.join($0, $1) }
          rows[rows.count - 1] = last
        } else {
          rows.append((cells, page))
        }
        continue
      }
      if let held = pending {
        cells = zip(held, cells).map { TextNormalization.join($0, $1) }
        pending = nil
      }
      rows.append((cells, page))
    }
    if let held = pending, let page = ordered.last?.page { rows.append((held, page)) }

    var header = self.header(of: Array(ordered[..<firstBody]), columns: columns)
    var cellRows = rows.map(\.cells)
    // A code column with no header of its own is printed in one cell with the name after it
    // (201一般公共服务支出 under 功能分类): join them back.
    for c in columns.indices.reversed() where columns[c].kind == .code && header[c].isEmpty && c + 1 < columns.count {
      for r in cellRows.indices { cellRows[r][c + 1] = cellRows[r][c] + cellRows[r][c + 1] ; cellRows[r].remove(at: c) }
      header.remove(at: c)
    }
    return (header, zip(cellRows, rows).map { Row(cells: $0, page: $1.page) })
  }

  // MARK: Atoms

  private func atoms(of line: TextLine) -> [Atom] {
    var atoms = rawAtoms(of: line)
    // A code is the row's first cell or stands right before its name; a bare number elsewhere
    // (188 in an amount column) is an amount.
    for i in atoms.indices where atoms[i].kind == .code {
      let followedByName = i + 1 < atoms.count && atoms[i + 1].kind == .text
      if i > 0 && !followedByName { atoms[i].kind = .amount }
    }
    return atoms
  }

  private func rawAtoms(of line: TextLine) -> [Atom] {
    line.fragments.flatMap { fragment -> [Atom] in
      guard !fragment.glyphs.isEmpty else {
        return [Atom(text: fragment.text, box: fragment.box, kind: Self.kind(of: fragment.text))]
      }
      return split(fragment.glyphs).map { glyphs in
        let text = Self.text(of: glyphs)
        let box = glyphs.dropFirst().reduce(glyphs[0].box) { $0.union($1.box) }
        return Atom(text: text, box: box, kind: Self.kind(of: text))
      }
    }
  }

  /// Cuts a run of glyphs where a code meets a name or a name meets an amount.
  private func split(_ glyphs: [Glyph]) -> [[Glyph]] {
    var pieces: [[Glyph]] = []
    var current: [Glyph] = []
    var i = 0
    func isDigit(_ g: Glyph) -> Bool { TextNormalization.isDigit(g.scalar) }
    func isCJKText(_ g: Glyph) -> Bool { TextNormalization.isCJK(g.scalar) }
    while i < glyphs.count {
      let g = glyphs[i]
      if let last = current.last {
        // Name → amount: the rest of the run is an amount.
        if isCJKText(last), isDigit(g), Self.isAmount(Self.text(of: Array(glyphs[i...]))) {
          pieces.append(current)
          current = []
        }
        // Amount → code: an amount ends at its two decimals (1380.29210卫生健康支出).
        if isDigit(g), Self.endsWithCents(current) {
          pieces.append(current)
          current = []
        }
        // Code → name: three or more leading digits then CJK text.
        if isDigit(last), isCJKText(g), current.count >= 3, current.allSatisfy({ isDigit($0) || $0.scalar == " " }) {
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

  private static func text(of glyphs: [Glyph]) -> String {
    var text = String.UnicodeScalarView()
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
    return String(text)
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
    func cluster(_ kind: Atom.Kind, _ key: (Atom) -> Double) {
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
    cluster(.code) { $0.box.x0 }
    cluster(.text) { $0.box.x0 }
    // Codes indented by level and text columns that start inside another of the same kind are
    // one column (ragged, indented or wrapped lines), not columns of their own.
    columns.sort { $0.x0 < $1.x0 }
    var merged: [Column] = []
    for column in columns {
      if let index = merged.lastIndex(where: { $0.kind == column.kind && $0.kind != .amount }),
        column.x0 < merged[index].x1 - 1, !merged[(index + 1)...].contains(where: { $0.kind == .amount })
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
      if let index = nearest(columns, where: { $0.kind == .code }, distance: { column in
        atom.box.x0 >= column.x0 - 1 && atom.box.x0 <= column.x1 ? 0 : abs(column.x0 - atom.box.x0)
      }) {
        return index
      }
    case .text:
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
  /// header: header text right of the last filled column stands for such columns.
  private func withEmptyColumns(_ columns: [Column], header lines: [TextLine]) -> [Column] {
    // Only columns after the last filled one can be told apart from a wide header over a
    // narrow column of right-aligned amounts.
    guard columns.contains(where: { $0.kind == .amount }), let lastColumn = columns.max(by: { $0.x1 < $1.x1 }) else {
      return columns
    }
    // Leaf header glyphs: those of fragments that sit over one place, projected on x.
    var spans: [(Double, Double)] = []
    for line in lines {
      for fragment in line.fragments {
        for glyph in fragment.glyphs where glyph.box.x0 > lastColumn.x1 + 2 { spans.append((glyph.box.x0, glyph.box.x1)) }
      }
    }
    spans.sort { $0.0 < $1.0 }
    var clusters: [(Double, Double)] = []
    for span in spans {
      if let last = clusters.last, span.0 <= last.1 + 1.5 {
        clusters[clusters.count - 1].1 = max(last.1, span.1)
      } else {
        clusters.append(span)
      }
    }
    var result = columns
    for cluster in clusters {
      let clear = !result.contains { $0.x1 > cluster.0 - 2 && $0.x0 < cluster.1 + 2 }
      if clear {
        result.append(Column(kind: .amount, anchor: cluster.1, x0: cluster.0, x1: cluster.1))
      }
    }
    return result.sorted { $0.x0 < $1.x0 }
  }

  // MARK: Header

  private func header(of lines: [TextLine], columns: [Column]) -> [String] {
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
    for line in lines {
      for fragment in line.fragments {
        let covered = columnsCovered(by: fragment.box)
        let name = TextNormalization.compact(fragment.text)
        if covered.count > 1, name.count <= 12, fragment.glyphs.count > 0,
          fragment.box.width > (bounds[covered[0]].1 - max(bounds[covered[0]].0, fragment.box.x0)) * 1.5
        {
          for c in covered where groups[c].last != name { groups[c].append(name) }
          continue
        }
        for glyph in fragment.glyphs {
          if let c = bounds.indices.first(where: { glyph.box.midX >= bounds[$0].0 && glyph.box.midX < bounds[$0].1 }) {
            leaves[c].append(glyph)
          }
        }
      }
    }
    let builder = LineBuilder()
    return columns.indices.map { c in
      let leaf = TextNormalization.compact(builder.cellText(leaves[c]))
      return (groups[c] + (leaf.isEmpty ? [] : [leaf])).joined(separator: "/")
    }
  }
}
