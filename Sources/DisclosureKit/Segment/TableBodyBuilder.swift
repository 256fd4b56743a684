/// Turns a table's grids (one per page) into a header and printed rows.
///
/// 1. Header rows: the leading rows of the first grid that hold no amount, no code and no
///    total label; a continuation grid that repeats them drops them.
/// 2. Column names: per column, the texts of the header cells that start in each header row,
///    top to bottom, joined with `/`.
/// 3. Body: one row per grid row; a merged cell's text stands in its first row and column.
struct TableBodyBuilder {
  func body(of grids: [TableGrid], lines: [TextLine], template: Template) -> (header: [String], rows: [Row]) {
    if grids.isEmpty, !lines.isEmpty { return aligned(lines) }
    var header: [String] = []
    var headerKey: [String] = []
    var rows: [Row] = []
    for grid in grids {
      let matrix = Self.matrix(of: grid)
      var headerCount = 0
      for row in matrix {
        if Self.isHeaderRow(row) { headerCount += 1 } else { break }
      }
      let names = Self.columnNames(of: grid, headerRows: headerCount)
      let key = names.map(TextNormalization.compact)
      if header.isEmpty {
        header = names
        headerKey = key
      } else if headerCount > 0 && key != headerKey && !header.isEmpty {
        // A continuation grid whose leading rows are body rows without numbers (labels only).
        if key.count == headerKey.count && headerCount <= 1 { headerCount = 0 }
      }
      for r in headerCount..<matrix.count {
        let cells = matrix[r]
        if cells.allSatisfy(\.isEmpty) { continue }
        rows.append(Row(cells: cells, page: grid.page))
      }
    }
    return (header, rows)
  }

  /// A table without a ruled grid (三线表 or no rules at all), read from text alignment as
  /// pdfplumber's "text" strategy does.
  ///
  /// 1. Body lines start at the first line holding an amount; the lines above are the header.
  /// 2. Columns: the x-ranges covered by body fragments, merged where they overlap; the gaps
  ///    between them separate columns.
  /// 3. Each fragment goes to the column holding its centre (header fragments to every column
  ///    they overlap, joined top-down with `/`).
  /// 4. A line with no amount and no code continues the row above (a wrapped label).
  func aligned(_ lines: [TextLine]) -> (header: [String], rows: [Row]) {
    let ordered = lines.sorted { ($0.page, $0.box.top) < ($1.page, $1.box.top) }
    guard let firstBody = ordered.firstIndex(where: { line in line.fragments.contains { Self.isBodyMarker($0.text) } }) else {
      return ([], [])
    }
    let headerLines = ordered[..<firstBody]
    let bodyLines = ordered[firstBody...]
    var spans: [(x0: Double, x1: Double)] = []
    for line in bodyLines {
      for fragment in line.fragments { spans.append((fragment.box.x0, fragment.box.x1)) }
    }
    spans.sort { $0.x0 < $1.x0 }
    var columns: [(x0: Double, x1: Double)] = []
    for span in spans {
      if let last = columns.last, span.x0 <= last.x1 + 1 {
        columns[columns.count - 1].x1 = max(last.x1, span.x1)
      } else {
        columns.append(span)
      }
    }
    guard !columns.isEmpty else { return ([], []) }
    func column(of box: Box) -> Int {
      let mid = box.midX
      if let inside = columns.firstIndex(where: { mid >= $0.x0 && mid <= $0.x1 }) { return inside }
      return columns.indices.min { abs((columns[$0].x0 + columns[$0].x1) / 2 - mid) < abs((columns[$1].x0 + columns[$1].x1) / 2 - mid) } ?? 0
    }
    var headerParts = Array(repeating: [String](), count: columns.count)
    for line in headerLines {
      for fragment in line.fragments {
        let name = TextNormalization.compact(fragment.text)
        guard !name.isEmpty else { continue }
        let covered = columns.indices.filter { columns[$0].x1 > fragment.box.x0 && columns[$0].x0 < fragment.box.x1 }
        for c in covered.isEmpty ? [column(of: fragment.box)] : covered where headerParts[c].last != name {
          headerParts[c].append(name)
        }
      }
    }
    var rows: [Row] = []
    for line in bodyLines {
      var cells = Array(repeating: "", count: columns.count)
      for fragment in line.fragments {
        let c = column(of: fragment.box)
        cells[c] = TextNormalization.normalize(TextNormalization.join(cells[c], fragment.text))
      }
      let isContinuation = !line.fragments.contains { Self.isBodyMarker($0.text) }
      if isContinuation, var last = rows.last, last.page == line.page {
        for c in cells.indices where !cells[c].isEmpty { last.cells[c] = TextNormalization.join(last.cells[c], cells[c]) }
        rows[rows.count - 1] = Row(cells: last.cells, page: last.page)
      } else {
        rows.append(Row(cells: cells, page: line.page))
      }
    }
    return (headerParts.map { $0.joined(separator: "/") }, rows)
  }

  /// Cell texts by grid row and column; merged cells give their text to their first slot.
  static func matrix(of grid: TableGrid) -> [[String]] {
    var matrix = Array(repeating: Array(repeating: "", count: grid.columnCount), count: grid.rowCount)
    for cell in grid.cells where cell.row < grid.rowCount && cell.column < grid.columnCount {
      matrix[cell.row][cell.column] = cell.text
    }
    return matrix
  }

  /// Cell texts with merged cells repeated over every slot they cover.
  static func filledMatrix(of grid: TableGrid) -> [[String]] {
    var matrix = Array(repeating: Array(repeating: "", count: grid.columnCount), count: grid.rowCount)
    for cell in grid.cells {
      for r in cell.row..<min(grid.rowCount, cell.row + cell.rowSpan) {
        for c in cell.column..<min(grid.columnCount, cell.column + cell.columnSpan) { matrix[r][c] = cell.text }
      }
    }
    return matrix
  }

  static func columnNames(of grid: TableGrid, headerRows: Int) -> [String] {
    (0..<grid.columnCount).map { column in
      var parts: [String] = []
      for row in 0..<headerRows {
        guard
          let cell = grid.cells.first(where: {
            $0.row == row && column >= $0.column && column < $0.column + $0.columnSpan
          }), !cell.text.isEmpty
        else { continue }
        let name = TextNormalization.compact(cell.text)
        if parts.last != name { parts.append(name) }
      }
      return parts.joined(separator: "/")
    }
  }

  /// A header row holds labels only: no amount, no code, and it is not a lone total label
  /// (the 合计 row of an empty table).
  static func isHeaderRow(_ row: [String]) -> Bool {
    let labels = row.map(TextNormalization.compact).filter { !$0.isEmpty }
    if labels.isEmpty { return false }
    if labels.contains(where: isBodyMarker) { return false }
    if labels.count == 1, totalLabels.contains(labels[0]) { return false }
    return true
  }

  static let totalLabels: Set<String> = ["合计", "总计", "收入总计", "支出总计", "本年收入合计", "本年支出合计"]

  /// Amounts and codes mark body rows.
  static func isBodyMarker(_ text: String) -> Bool {
    let compact = TextNormalization.compact(text)
    if compact.isEmpty { return false }
    if Amounts.decimal(from: compact) != nil { return true }
    if let first = compact.first, first.isASCII, first.isNumber, compact.count >= 3 { return true }
    return false
  }
}
