/// Turns a table's grids (one per page) into a header and printed rows.
///
/// 1. Header rows: the leading rows of the first grid that hold no amount, no code and no
///    total label; a continuation grid that repeats them drops them.
/// 2. Column names: per column, the texts of the header cells that start in each header row,
///    top to bottom, joined with `/`.
/// 3. Body: one row per grid row; a merged cell's text stands in its first row and column.
struct TableBodyBuilder {
  /// The template's words of table bodies (total labels).
  var words: TableWords
  /// The pages read by OCR.
  var scannedPages: Set<Int> = []

  func body(of grids: [TableGrid], lines: [TextLine]) -> (header: [String], rows: [Row]) {
    if grids.isEmpty, !lines.isEmpty { return AlignedTableReader(words: words, scannedPages: scannedPages).read(lines) }
    var header: [String] = []
    var headerKey: [String] = []
    var rows: [Row] = []
    for grid in grids {
      let matrix = Self.matrix(of: grid)
      let locations = Self.locations(of: grid)
      // Blank rows above the header (a spacer under a title printed inside the grid) belong to it.
      let blank = matrix.prefix { $0.allSatisfy { TextNormalization.compact($0).isEmpty } }.count
      var headerCount = 0
      for row in matrix.dropFirst(blank) {
        if isHeaderRow(row) { headerCount += 1 } else { break }
      }
      if headerCount > 0 { headerCount += blank }
      let names = Self.columnNames(of: grid, headerRows: headerCount)
      let key = names.map(TextNormalization.compact)
      if header.isEmpty {
        header = names
        headerKey = key
      } else if headerCount > 0 && key != headerKey && !header.isEmpty {
        // A continuation grid whose leading rows are body rows without numbers (labels only);
        // a row of short names over every column is a header all the same (a second table's,
        // printed in the same grid), never the end of a cut row.
        let namesEveryColumn = matrix.first?.allSatisfy { cell in
          let name = TextNormalization.compact(cell)
          return !name.isEmpty && name.count <= 6
        } ?? false
        if key.count == headerKey.count && headerCount <= 1 && !namesEveryColumn {
          headerCount = 0
        }
      }
      for r in headerCount..<matrix.count {
        let cells = matrix[r]
        if cells.allSatisfy(\.isEmpty) || Self.numbersColumns(cells) { continue }
        // The first row of a continuation page with labels only (no code, no amount) is the
        // end of the row the page break cut; so is one whose only numbers finish numbers the
        // break cut short (12,437.3 ‖ 6 where the row prints two decimals).
        if r == headerCount, grid.page != rows.last?.page, var last = rows.last, cells.count == last.cells.count,
          !cells.contains(where: words.isTotal),
          !cells.contains(where: Self.isBodyMarker) || Self.finishesCutNumbers(cells, above: last.cells)
        {
          last.cells = zip(last.cells, cells).map { above, below in
            LineBuilder.continuesNumber(above, below) ? above + below : TextNormalization.join(above, below)
          }
          last.locations = zip(last.locations, locations[r]).map { CellLocation.merged($0, $1) }
          rows[rows.count - 1] = last
          continue
        }
        rows.append(Row(cells: cells, page: grid.page, locations: locations[r]))
      }
    }
    return (header, rows)
  }

  /// Cell texts by grid row and column; merged cells give their text to their first slot.
  /// A closing bracket that starts a cell while the cell above leaves one open is the last
  /// line of that cell, overflowing its bottom border (long names in tight rows).
  static func matrix(of grid: TableGrid) -> [[String]] {
    var matrix = Array(repeating: Array(repeating: "", count: grid.columnCount), count: grid.rowCount)
    for cell in grid.cells where cell.row < grid.rowCount && cell.column < grid.columnCount {
      matrix[cell.row][cell.column] = cell.text
    }
    for r in matrix.indices.dropFirst() {
      for c in matrix[r].indices {
        guard let first = matrix[r][c].first, first == "）" || first == ")", ParagraphBuilder.opensBracket(matrix[r - 1][c]) else {
          continue
        }
        matrix[r - 1][c].append(first)
        matrix[r][c].removeFirst()
      }
    }
    return matrix
  }

  /// Where each slot's text is printed: its cell's box, in the slot `matrix(of:)` gives the text
  /// to, or with `filled` in every slot the cell covers (as `filledMatrix(of:)`); nil for empty
  /// cells and, without `filled`, covered slots.
  static func locations(of grid: TableGrid, filled: Bool = false) -> [[CellLocation?]] {
    var locations = Array(repeating: [CellLocation?](repeating: nil, count: grid.columnCount), count: grid.rowCount)
    for cell in grid.cells where !cell.text.isEmpty && cell.row < grid.rowCount && cell.column < grid.columnCount {
      let location = CellLocation(page: grid.page, box: cell.printedBox, indent: cell.indent)
      let rows = cell.row..<min(grid.rowCount, cell.row + (filled ? cell.rowSpan : 1))
      let columns = cell.column..<min(grid.columnCount, cell.column + (filled ? cell.columnSpan : 1))
      for r in rows {
        for c in columns { locations[r][c] = location }
      }
    }
    return locations
  }

  /// Cell texts with merged cells repeated over every slot they cover.
  static func filledMatrix(of grid: TableGrid) -> [[String]] {
    var matrix = Array(repeating: Array(repeating: "", count: grid.columnCount), count: grid.rowCount)
    for cell in grid.cells where cell.row < grid.rowCount && cell.column < grid.columnCount {
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
  /// (the 合计 row of an empty table) or a lone 无 (an empty table's only row).
  func isHeaderRow(_ row: [String]) -> Bool {
    let labels = row.map(TextNormalization.compact).filter { !$0.isEmpty }
    if labels.isEmpty { return false }
    if labels.contains(where: Self.isBodyMarker) { return false }
    // A row label opening a numbered list of items (一、政府性基金拨款) is the body's, even in a
    // table that prints no amount at all (a blank 收支表 whose items would otherwise join its
    // header); no column is named 一、….
    if let first = labels.first, Self.opensItemList(first) { return false }
    if labels.count == 1, words.totals.contains(labels[0]) || words.marksEmptyTable(labels[0]) { return false }
    return true
  }

  /// Whether a row numbers the columns (栏次 ‖ ** ‖ 1 ‖ 2 ‖ 3 …): its numbers run 1, 2, 3 … left
  /// to right from 1, at least three of them, and its other cells hold no letters or digits.
  static func numbersColumns(_ cells: [String]) -> Bool {
    var expected = 0
    var numbers = 0
    for cell in cells.map(TextNormalization.compact) where !cell.isEmpty {
      if let value = Int(cell) {
        if numbers == 0 { expected = 1 }
        guard value == expected, value < 100 else { return false }
        expected += 1
        numbers += 1
      } else if cell.unicodeScalars.contains(where: { $0.properties.numericType != nil }) {
        return false
      } else if cell.count > 4 {
        return false
      }
    }
    return numbers >= 3
  }

  /// Amounts and codes mark body rows.
  /// Whether every number of a row only finishes a number of the row above that a page break
  /// cut inside its decimals: digits alone, under a number with fewer decimals than the most
  /// that row prints, together making up that many. At least one number does.
  static func finishesCutNumbers(_ cells: [String], above: [String]) -> Bool {
    // The decimals of an amount printed with a point; nil for anything else.
    func decimals(_ text: String) -> Int? {
      guard Amounts.decimal(from: text) != nil, text.contains(".") else { return nil }
      return Amounts.decimalPlaces(text)
    }
    let most = above.compactMap { decimals(TextNormalization.compact($0)) }.max() ?? 0
    var any = false
    for (cell, top) in zip(cells, above) {
      let below = TextNormalization.compact(cell)
      guard isBodyMarker(below) else { continue }
      let head = TextNormalization.compact(top)
      guard below.allSatisfy({ $0.isASCII && $0.isNumber }), let places = decimals(head), places < most,
        places + below.count == most
      else { return false }
      any = true
    }
    return any
  }

  /// Whether `label` starts with the first Chinese ordinal of a list, `一、`.
  static func opensItemList(_ label: String) -> Bool {
    label.hasPrefix("一、") || label.hasPrefix("（一）") || label.hasPrefix("(一)")
  }

  static func isBodyMarker(_ text: String) -> Bool {
    let compact = TextNormalization.compact(text)
    if compact.isEmpty { return false }
    if Amounts.decimal(from: compact) != nil { return true }
    // A code (201, 2010301, 201一般公共服务支出), not a year (2026年预算数).
    let digits = compact.prefix { $0.isASCII && $0.isNumber }
    if digits.count >= 3, compact.dropFirst(digits.count).first != "年" { return true }
    return false
  }
}
