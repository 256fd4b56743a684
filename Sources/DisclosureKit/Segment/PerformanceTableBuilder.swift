import Foundation

/// Collects performance target tables from their grids.
///
/// 1. Key rows: a cell naming a field (预算单位, 项目名称, 项目负责人, 年度预算总额, 财政拨款,
///    其他资金, 项目总体目标) takes its value from the same cell after a colon, or else from the
///    next cell in its row.
/// 2. The row holding 一级指标 (or, in a family without levels, the indicator's name and 指标值)
///    is the indicator header; cells left of it are group labels, not columns. Every later row
///    with a 三级指标 is an indicator, merged 一级/二级 cells repeated on each row they span.
/// 3. A title row inside a grid, or a second 预算单位/项目名称 row after indicators, starts the
///    next table; a grid that opens with indicator rows continues the current one.
/// 4. A merged 一级/二级 cell cut by a page break prints its text on one side of the break only
///    (or half on each): an empty cell at the top of the continuation takes the text above, and
///    the rows of an empty cell at the bottom of the page above (a cell of its own, not part of
///    the merged cell above it) take the text of the continuation's top cell.
/// 5. A wide table, one row block per project: a header row that names key fields and the
///    indicator levels side by side (单位名称 | 项目名称 | 年度资金总额 | 年度绩效目标 | 一级指标 …).
///    Each project cell that starts in a row opens the next table, its fields read from their
///    columns (merged cells give every row of the block its text); the cells from the first
///    level column on are the row's indicator.
/// 6. A continuation grid ruled with other columns than the header's (the outer level columns
///    left unruled on the next page, two header columns one cell there): each of its columns
///    takes the header columns whose centres it covers, so its texts stay under their names.
///    A level column such a grid leaves unruled prints its text beside the grid (产 ‖ 出 ‖ 指 ‖ 标
///    set vertically): ``addSideText(_:box:page:)`` gives it to the indicators of the rows it
///    labels. With several texts in one column, each pair is split at the inner level's cell
///    border nearest the middle between them; the indicators above the page break whose level
///    cell was left blank take the first text.
/// 7. A key row cut by a page break (a 项目名称 wrapping out of its cell, a label 预算单 + 位):
///    the first row of the next grid, its cells matched to the cells above by their horizontal
///    extent, finishes the texts above when it puts no text under a complete label and the
///    joined row names a field.
struct PerformanceTableBuilder {
  /// The template's words: level and indicator headers, key-row labels.
  let words: PerformanceWords
  /// The template's performance titles: a grid row printing one is a title row; the first is
  /// the title of a table printed without one.
  let titles: [String]
  private var built: [PerformanceTable] = []
  private var pendingTitle: (title: String, page: Int, year: Int?)?
  private var indicatorHeader: [String] = []
  /// Cells the indicator header leaves blank before its first name (a column of group labels,
  /// 绩效指标, printed left of 一级指标): a row with more cells than the header has names drops them.
  private var indicatorLead = 0
  /// Per 一级/二级 key: how many indicators at the end of the last grid lie in its bottom cell
  /// when that cell is printed empty (its text is on the next page).
  private var emptyBottomCells: [String: Int] = [:]
  /// The cells of the last grid's last row when it was a key row or a row not read before the
  /// indicators (a key row whose label the page break cut).
  private var rowAtBottom: (cells: [TableGrid.Cell], page: Int)?
  /// The columns of a wide table's header (item 5), while its rows go on.
  private var wide: WideHeader?
  /// The horizontal extent of each column of the grid that printed the indicator header.
  private var headerColumns: [ClosedRange<Double>]?
  /// The level columns the last grid left unruled, for the texts printed beside it.
  private var unruled: UnruledLevels?

  /// The last grid's unruled level columns (item 6) and the indicators its rows added.
  private struct UnruledLevels {
    var page: Int
    var top: Double
    var bottom: Double
    /// Level key and the header column's horizontal extent.
    var columns: [(key: String, extent: ClosedRange<Double>)]
    /// Per level key: where the cells of the next level start (the borders a level cell can end at).
    var borders: [String: [Double]]
    /// The indicators of the grid's rows (in the last table built) and their rows' vertical extents.
    var rows: [(indicator: Int, top: Double, bottom: Double)]
    /// Per level key: the indicators above the page break whose bottom level cell was blank.
    var openAbove: [String: Range<Int>]
    /// Per level key: whether the indicators above took a text (a later, longer one replaces it).
    var filledAbove: Set<String> = []
    /// Per level key: the texts found so far and where they are printed.
    var texts: [String: [(box: Box, text: String)]] = [:]
  }

  /// The column of a goal label whose row prints no goal: the goal is the text under it in the
  /// next row (项目总目标 | 年度总体目标 over their texts).
  private var goalBelow: Int?

  /// Columns of the current table that hold another period's total (实施期资金总额) and its
  /// parts: the year's 财政拨款 and 其他资金 are not read from them.
  private var periodColumns: Set<Int> = []

  /// The fields a key-row label names (key rows and wide headers alike).
  private enum KeyField {
    case budgetUnit, project, owner, total, fiscal, other, goal

    /// Where an amount field goes in the budget, and its name in `budgetLocations`.
    var budget: (path: WritableKeyPath<PerformanceTable.Budget, Decimal?>, name: String)? {
      switch self {
      case .total: (\.total, "total")
      case .fiscal: (\.fiscal, "fiscal")
      case .other: (\.other, "other")
      default: nil
      }
    }
  }

  /// A wide header: the key field each column left of the levels names, and where the levels start.
  private struct WideHeader {
    var fields: [(column: Int, field: KeyField)]
    var levelStart: Int
    var title: (title: String, page: Int, year: Int?)
  }

  var count: Int { built.count + (pendingTitle == nil ? 0 : 1) }

  /// `words.keys` and `words.starts`, made once: every row of every grid is tried against them.
  private let keys: [String]
  private let openingKeys: Set<String>

  init(words: PerformanceWords, titles: [String]) {
    self.words = words
    self.titles = titles
    keys = words.keys
    openingKeys = words.starts
  }

  /// The title of a table whose title is not printed.
  private var defaultTitle: String { titles.first ?? "" }

  mutating func start(title: String, page: Int, year: Int?) {
    pendingTitle = (title, page, year)
    rowAtBottom = nil
    wide = nil
  }

  func looksLikePerformanceGrid(_ grid: TableGrid) -> Bool {
    guard let level = words.levels.first else { return false }
    return grid.cells.contains { words.headerName(TextNormalization.compact($0.text)) == level }
      && grid.cells.contains { cell in words.project.contains { TextNormalization.compact(cell.text).hasPrefix($0) } }
  }

  mutating func add(_ grid: TableGrid) {
    var matrix = TableBodyBuilder.filledMatrix(of: grid)
    var starts = TableBodyBuilder.matrix(of: grid)
    // Where each slot's text is printed: the box of the cell covering it.
    var slotLocations = TableBodyBuilder.locations(of: grid, filled: true)
    /// The grid column under each column of `matrix` (the header's columns once remapped).
    var gridColumn: [Int?] = Array(0..<grid.columnCount)
    unruled = nil
    goalBelow = nil
    var unruledKeys: [(key: String, column: Int)] = []
    var current: PerformanceTable? = nil
    var inIndicators = false
    let firstFilledRow = matrix.firstIndex { !$0.allSatisfy(\.isEmpty) } ?? 0
    var continued = false
    let emptyAbove = emptyBottomCells
    emptyBottomCells = [:]
    let rowAbove = rowAtBottom
    rowAtBottom = nil
    var lastRowCells: (cells: [TableGrid.Cell], page: Int)?
    // A grid that opens with a key row of the key-row layout ends a wide table (the remap below
    // and the page-break merges need to know before the rows are read).
    if wide != nil, let first = matrix.first(where: { !$0.allSatisfy(\.isEmpty) }).map({ $0.map(TextNormalization.compact) }),
      wideHeader(first) == nil, keyRow(first) != nil
    {
      wide = nil
    }
    if let last = built.last, pendingTitle == nil, !startsTable(matrix) {
      continued = true
      // No title and no 预算单位/项目名称 first: the table above continues on this page.
      current = last
      built.removeLast()
      inIndicators = !last.header.isEmpty
    }
    if continued, wide == nil, let header = headerColumns, header.count != grid.columnCount,
      let columns = Self.columnCover(of: grid, under: header)
    {
      // Item 6: the rows laid out under the header's columns.
      var covering: [Int?] = Array(repeating: nil, count: header.count)
      for (c, cover) in columns.enumerated() { for h in cover { covering[h] = c } }
      matrix = matrix.map { row in covering.map { $0.map { row[$0] } ?? "" } }
      starts = starts.map { row in
        covering.enumerated().map { h, c in c.map { h == columns[$0].lowerBound ? row[$0] : "" } ?? "" }
      }
      slotLocations = slotLocations.map { row in covering.map { $0.flatMap { row[$0] } } }
      gridColumn = covering
      for (level, key) in words.levels.enumerated() where indicatorLead + level < covering.count {
        if covering[indicatorLead + level] == nil { unruledKeys.append((key, indicatorLead + level)) }
      }
    }
    let indicatorsBefore = current?.indicators.count ?? 0
    // Merged 一级/二级 cells cut by the page break: the cell at the bottom of the page above and
    // the one at the top of this page are one cell when either is empty or their texts only
    // make a label together (质量指 + 标). An empty bottom cell of its own gets the top text,
    // not the text it inherited from the cell above it.
    var overrides: [Int: (rows: Range<Int>, text: String)] = [:]
    if continued, wide == nil, var table = current, !table.indicators.isEmpty {
      for (level, key) in words.levels.enumerated() {
        let column = indicatorLead + level
        guard column < gridColumn.count, let printed = gridColumn[column],
          let top = Self.cell(of: grid, row: firstFilledRow, column: printed)
        else { continue }
        let topText = TextNormalization.normalize(top.text)
        let open = min(emptyAbove[key] ?? 0, table.indicators.count)
        if open > 0, !topText.isEmpty {
          for i in (table.indicators.count - open)..<table.indicators.count { table.indicators[i][key] = topText }
          overrides[column] = (top.row..<(top.row + top.rowSpan), topText)
          continue
        }
        let bottomText = table.indicators.last?[key] ?? ""
        let joined = TextNormalization.join(bottomText, topText)
        let ending = words.levelValueEnding
        let merge = bottomText.isEmpty || topText.isEmpty || (!bottomText.hasSuffix(ending) && joined.hasSuffix(ending))
        guard merge, !joined.isEmpty else { continue }
        var i = table.indicators.count - 1
        while i >= 0, table.indicators[i][key] == bottomText {
          table.indicators[i][key] = joined
          i -= 1
        }
        overrides[column] = (top.row..<(top.row + top.rowSpan), joined)
      }
      current = table
    }
    // The grid row of each indicator this grid adds to `current`.
    var indicatorRows: [Int] = []
    func finish() {
      if let table = current { built.append(table) }
      current = nil
      indicatorRows = []
    }
    /// Whether two columns of `matrix` show one cell of row `r`.
    func sameCell(_ r: Int, _ a: Int, _ b: Int) -> Bool {
      guard a < gridColumn.count, b < gridColumn.count, let left = gridColumn[a], let right = gridColumn[b] else {
        return false
      }
      return left == right || isSameCell(grid, r, left, right)
    }
    /// Row `r`'s texts from column `start` on, a merged cell's slots (text or blank) once.
    func distinctValues(_ row: [String], _ r: Int, from start: Int = 0) -> [String] {
      var values: [String] = []
      for c in start..<max(start, row.count) {
        if c > start, starts[r][c].isEmpty, row[c] == row[c - 1], sameCell(r, c - 1, c) { continue }
        values.append(TextNormalization.normalize(row[c]))
      }
      return values
    }
    /// An indicator's fields: the values under the header's names, in order.
    func indicatorFields(_ values: [String]) -> [String: String] {
      var indicator: [String: String] = [:]
      for (i, name) in indicatorHeader.enumerated() { indicator[name] = i < values.count ? values[i] : "" }
      return indicator
    }
    for (r, printed) in matrix.enumerated() {
      var row = printed
      var locations = slotLocations[r]
      if r == firstFilledRow, let above = rowAbove,
        let joined = joinedRow(above.cells, continuedBy: Self.cells(of: grid, row: r))
      {
        row = joined
        locations = above.cells.map { CellLocation(page: above.page, box: $0.printedBox) }
      }
      let compactRow = row.map(TextNormalization.compact)
      if !compactRow.allSatisfy(\.isEmpty) { lastRowCells = nil }
      let distinct = Array(Set(compactRow.filter { !$0.isEmpty }))
      if distinct.count == 1, titles.contains(where: { distinct[0].contains(literal: $0) }) {
        finish()
        // The title without its year in brackets, full-width or not: 绩效目标表（2023年） or (2023年).
        let title = distinct[0].prefix { $0 != "（" && $0 != "(" }
        pendingTitle = (String(title), grid.page, Segmenter.year(in: distinct[0]))
        inIndicators = false
        wide = nil
        continue
      }
      if var header = wideHeader(compactRow) {
        finish()
        header.title = pendingTitle ?? wide?.title ?? (defaultTitle, grid.page, nil)
        pendingTitle = nil
        indicatorHeader = Self.distinctCells(compactRow.dropFirst(header.levelStart)).map(words.headerName)
        indicatorLead = 0
        wide = header
        inIndicators = true
        continue
      }
      if let header = wide, keyRow(compactRow) == nil {
        // A project cell that starts in this row opens the next table.
        if let column = header.fields.first(where: { $0.field == .project })?.column, column < row.count,
          !TextNormalization.compact(starts[r][column]).isEmpty || current == nil
        {
          finish()
          current = PerformanceTable(
            index: built.count + 1, title: header.title.title, year: header.title.year, page: grid.page)
          current?.header = indicatorHeader
          fill(&current, wide: header, from: row, locations: locations)
        }
        guard current != nil, header.levelStart < row.count else { continue }
        let indicator = indicatorFields(distinctValues(row, r, from: header.levelStart))
        guard let third = indicator[words.indicator], !third.isEmpty else { continue }
        current?.indicators.append(indicator)
        continue
      }
      wide = nil
      if let column = goalBelow, column < row.count {
        goalBelow = nil
        let text = TextNormalization.normalize(row[column])
        if current != nil, !text.isEmpty, keyRow(compactRow) == nil, indicatorHeaderStart(compactRow) == nil {
          current?.goal = text
          continue
        }
      }
      if let key = keyRow(compactRow) ?? (inIndicators ? nil : amountRow(compactRow)) {
        if current == nil || (inIndicators && openingKeys.contains(key)) {
          finish()
          let title = pendingTitle ?? (defaultTitle, grid.page, nil)
          // The table starts where its grid does (a title may end the page before).
          current = PerformanceTable(index: built.count + 1, title: title.title, year: title.year, page: grid.page)
          pendingTitle = nil
          inIndicators = false
          periodColumns = []
        }
        fill(&current, from: row, locations: locations)
        lastRowCells = (Self.cells(of: grid, row: r), grid.page)
        continue
      }
      if let levelAt = indicatorHeaderStart(compactRow) {
        // Cells left of the first level (blank, or a group label such as 年度绩效指标 merged
        // down the body) are no indicator columns.
        indicatorHeader = Self.distinctCells(compactRow.dropFirst(levelAt)).map(words.headerName)
        indicatorLead = levelAt
        headerColumns = Self.columnExtents(of: grid)
        if current == nil {
          let title = pendingTitle ?? (defaultTitle, grid.page, nil)
          current = PerformanceTable(index: built.count + 1, title: title.title, year: title.year, page: title.page)
          pendingTitle = nil
        }
        current?.header = indicatorHeader
        inIndicators = true
        continue
      }
      if continued, !inIndicators, r == firstFilledRow, var table = current, let goal = table.goal {
        // The goal cell cut by the page break goes on at the top of this page.
        let rest = Array(Set(row.filter { !$0.isEmpty }))
        if rest.count == 1 {
          table.goal = TextNormalization.join(goal, TextNormalization.normalize(rest[0]))
          current = table
          continue
        }
      }
      guard inIndicators, current != nil else {
        if !inIndicators, !compactRow.allSatisfy(\.isEmpty) { lastRowCells = (Self.cells(of: grid, row: r), grid.page) }
        continue
      }
      // One value per header column, taking each distinct column slot once.
      var used = distinctValues(row, r)
      // The group-label column left of the header's names is not one of its columns.
      if indicatorLead > 0, used.count >= indicatorHeader.count + indicatorLead {
        used.removeFirst(indicatorLead)
      }
      guard used.count >= indicatorHeader.count || used.count >= 3 else { continue }
      var indicator = indicatorFields(used)
      for (level, key) in words.levels.enumerated() {
        if let override = overrides[indicatorLead + level], override.rows.contains(r) { indicator[key] = override.text }
      }
      // The rest of a row cut by a page break (no target value of its own) finishes the
      // cells above.
      let cut = r == firstFilledRow && continued && (indicator[words.target] ?? "").isEmpty
        && !(current?.indicators.last?[words.target] ?? "").isEmpty
      guard let third = indicator[words.indicator], !third.isEmpty, third != words.indicator, !cut else {
        if r == firstFilledRow, var table = current, var previous = table.indicators.last,
          indicator.values.contains(where: { !$0.isEmpty })
        {
          for (key, value) in indicator where !value.isEmpty && !words.levels.contains(key) {
            previous[key] = TextNormalization.join(previous[key] ?? "", value)
          }
          table.indicators[table.indicators.count - 1] = previous
          current = table
        }
        continue
      }
      if let previous = current?.indicators.last {
        for key in words.levels where (indicator[key] ?? "").isEmpty {
          indicator[key] = previous[key]
        }
      }
      current?.indicators.append(indicator)
      indicatorRows.append(r)
    }
    rowAtBottom = lastRowCells
    if let last = indicatorRows.last {
      for (level, key) in words.levels.enumerated() {
        let column = indicatorLead + level
        guard column < gridColumn.count, let printed = gridColumn[column],
          let bottom = Self.cell(of: grid, row: last, column: printed), TextNormalization.compact(bottom.text).isEmpty
        else { continue }
        emptyBottomCells[key] = indicatorRows.reversed().prefix { Self.cell(of: grid, row: $0, column: printed) == bottom }.count
      }
    }
    let lastTable = current
    let rowsOfLast = indicatorRows
    finish()
    if continued, !unruledKeys.isEmpty, let header = headerColumns, let table = lastTable, !rowsOfLast.isEmpty,
      built.last?.index == table.index
    {
      let first = table.indicators.count - rowsOfLast.count
      var borders: [String: [Double]] = [:]
      var openAbove: [String: Range<Int>] = [:]
      for (key, column) in unruledKeys {
        // The next ruled column to the right: its cells' tops are where a level cell can end.
        let inner = ((column + 1)..<gridColumn.count).lazy.compactMap { gridColumn[$0] }.first
        borders[key] = inner.map { inner in
          Set(grid.cells.filter { $0.column <= inner && inner < $0.column + $0.columnSpan }.map(\.box.top)).sorted()
        } ?? []
        let open = min(emptyAbove[key] ?? 0, indicatorsBefore)
        if open > 0, first == indicatorsBefore { openAbove[key] = (indicatorsBefore - open)..<indicatorsBefore }
      }
      let rows = rowsOfLast.enumerated().map { i, r in
        let band = Self.cells(of: grid, row: r).filter { $0.rowSpan == 1 }.map(\.box)
        return (indicator: first + i, top: band.map(\.top).min() ?? 0, bottom: band.map(\.bottom).max() ?? 0)
      }
      unruled = UnruledLevels(
        page: grid.page, top: grid.box.top, bottom: grid.box.bottom,
        columns: unruledKeys.map { ($0.key, header[$0.column]) }, borders: borders, rows: rows, openAbove: openAbove)
    }
  }

  /// A short text printed beside the last grid (a level's name set vertically in a column the
  /// grid leaves unruled, item 6): the indicators of the rows it labels take it where their
  /// level is blank or was taken from another such text.
  mutating func addSideText(_ text: String, box: Box, page: Int) {
    guard var side = unruled, page == side.page, !built.isEmpty else { return }
    let x = (box.x0 + box.x1) / 2
    let y = (box.top + box.bottom) / 2
    guard y >= side.top, y <= side.bottom, !words.levels.contains(text), text != words.indicator,
      let column = side.columns.first(where: { $0.extent.contains(x) })
    else { return }
    let key = column.key
    // Characters set one per line may come one by one: a text right under the last one goes on.
    var found = side.texts[key, default: []]
    if let last = found.last, box.top - last.box.bottom < (box.bottom - box.top),
      box.top >= last.box.top, min(box.x1, last.box.x1) > max(box.x0, last.box.x0)
    {
      found[found.count - 1] = (last.box.union(box), last.text + text)
    } else {
      found.append((box, text))
    }
    side.texts[key] = found
    unruled = side
    let texts = side.texts[key, default: []].map { (center: ($0.box.top + $0.box.bottom) / 2, text: $0.text) }
      .sorted { $0.center < $1.center }
    // The border between two texts: the inner level's cell border nearest the middle between them.
    var ends: [Double] = []
    for (upper, lower) in zip(texts, texts.dropFirst()) {
      let middle = (upper.center + lower.center) / 2
      let inside = (side.borders[key] ?? []).filter { $0 > upper.center && $0 < lower.center }
      ends.append(inside.min { abs($0 - middle) < abs($1 - middle) } ?? middle)
    }
    var table = built[built.count - 1]
    for row in side.rows where row.indicator < table.indicators.count {
      let centre = (row.top + row.bottom) / 2
      let segment = ends.firstIndex { centre < $0 } ?? ends.count
      table.indicators[row.indicator][key] = texts[segment].text
    }
    if let open = side.openAbove[key] {
      let refill = side.filledAbove.contains(key)
      for i in open where i < table.indicators.count && (refill || (table.indicators[i][key] ?? "").isEmpty) {
        table.indicators[i][key] = texts[0].text
      }
      side.filledAbove.insert(key)
      unruled = side
    }
    built[built.count - 1] = table
  }

  /// The wide header a row prints (item 5): cells naming key fields left of the first level
  /// name, among them the project's; nil for any other row.
  private func wideHeader(_ row: [String]) -> WideHeader? {
    guard let levelStart = indicatorHeaderStart(row), levelStart > 0 else { return nil }
    var fields: [(column: Int, field: KeyField)] = []
    for (column, cell) in row.prefix(levelStart).enumerated() where !cell.isEmpty {
      if column > 0, row[column - 1] == cell { continue }
      // A column no field names (序号) is not kept.
      if let field = keyField(of: cell)?.field { fields.append((column, field)) }
    }
    guard fields.contains(where: { $0.field == .project }) else { return nil }
    return WideHeader(fields: fields, levelStart: levelStart, title: ("", 0, nil))
  }

  /// Where the indicator columns of a header row start: at the first level (一级指标), or, in a
  /// family that prints no levels, at the indicator's own column (指标名称) when the row also
  /// names the target (指标值); nil for any other row.
  private func indicatorHeaderStart(_ row: [String]) -> Int? {
    // Each cell's name once (an alias lookup hashes the cell's text), not once per question.
    let names = row.map(words.headerName)
    if let level = words.levels.first, let start = names.firstIndex(of: level) { return start }
    guard let start = names.firstIndex(of: words.indicator), names.contains(words.target) else { return nil }
    return start
  }

  /// A row's names once each, left to right: a merged cell repeats its name in every slot.
  private static func distinctCells<S: Collection>(_ row: S) -> [String] where S.Element == String {
    var names: [String] = []
    var previous: String?
    for name in row {
      defer { previous = name }
      if name.isEmpty || name == previous { continue }
      names.append(name)
    }
    return names
  }

  /// Reads a wide table's fields from their columns of `row`.
  private func fill(_ table: inout PerformanceTable?, wide header: WideHeader, from row: [String], locations: [CellLocation?]) {
    for (column, field) in header.fields where column < row.count {
      let text = TextNormalization.normalize(row[column])
      let value = text.isEmpty ? nil : text
      let location = column < locations.count ? locations[column] : nil
      switch field {
      case .budgetUnit: table?.budgetUnit = value
      case .project: table?.project = value
      case .owner: table?.owner = value
      case .goal: table?.goal = value
      case .total, .fiscal, .other:
        guard let budget = field.budget else { continue }
        let amount = Amounts.decimal(from: text)
        table?.budget[keyPath: budget.path] = amount
        table?.budgetLocations[budget.name] = amount == nil ? nil : location
      }
    }
  }

  /// The cells of a row cut by a page break joined with the row that goes on at the top of
  /// the next grid, each cell below matched to the cell above it overlaps most; nil when the row
  /// below is a row of its own (text under a complete label) or the joined row names no field.
  private func joinedRow(_ above: [TableGrid.Cell], continuedBy below: [TableGrid.Cell]) -> [String]? {
    func overlap(_ a: Box, _ b: Box) -> Double { min(a.x1, b.x1) - max(a.x0, b.x0) }
    var texts = above.map { TextNormalization.normalize($0.text) }
    for cell in below where !TextNormalization.compact(cell.text).isEmpty {
      guard let i = above.indices.max(by: { overlap(above[$0].box, cell.box) < overlap(above[$1].box, cell.box) }),
        overlap(above[i].box, cell.box) > 0.5 * min(above[i].box.x1 - above[i].box.x0, cell.box.x1 - cell.box.x0)
      else { return nil }
      let label = TextNormalization.compact(above[i].text)
      if keyRow([label]) != nil || names(label) { return nil }
      texts[i] = TextNormalization.join(texts[i], TextNormalization.normalize(cell.text))
    }
    guard texts != above.map({ TextNormalization.normalize($0.text) }), keyRow(texts.map(TextNormalization.compact)) != nil
    else { return nil }
    return texts
  }

  /// The horizontal extent of each column: from the left edge of a cell that starts in it to
  /// the right edge of one that ends in it; nil when a column has neither.
  private static func columnExtents(of grid: TableGrid) -> [ClosedRange<Double>]? {
    var left: [Double?] = Array(repeating: nil, count: grid.columnCount)
    var right: [Double?] = Array(repeating: nil, count: grid.columnCount)
    for cell in grid.cells {
      let last = cell.column + cell.columnSpan - 1
      guard cell.column >= 0, last < grid.columnCount else { continue }
      if left[cell.column] == nil { left[cell.column] = cell.box.x0 }
      if right[last] == nil { right[last] = cell.box.x1 }
    }
    var extents: [ClosedRange<Double>] = []
    for (x0, x1) in zip(left, right) {
      guard let x0, let x1, x1 >= x0 else { return nil }
      extents.append(x0...x1)
    }
    return extents
  }

  /// The header columns under each column of `grid`: those whose centres it covers, one run
  /// each, left to right; nil when a column covers none or the runs overlap.
  private static func columnCover(of grid: TableGrid, under header: [ClosedRange<Double>]) -> [Range<Int>]? {
    guard let columns = columnExtents(of: grid) else { return nil }
    var cover: [Range<Int>] = []
    for column in columns {
      let inside = header.indices.filter { column.contains((header[$0].lowerBound + header[$0].upperBound) / 2) }
      guard let first = inside.first, let last = inside.last, last - first + 1 == inside.count,
        first >= (cover.last?.upperBound ?? 0)
      else { return nil }
      cover.append(first..<(last + 1))
    }
    return cover
  }

  /// The cells covering one grid row, left to right.
  private static func cells(of grid: TableGrid, row: Int) -> [TableGrid.Cell] {
    grid.cells.filter { row >= $0.row && row < $0.row + $0.rowSpan }.sorted { $0.column < $1.column }
  }

  /// The cell covering one grid slot.
  private static func cell(of grid: TableGrid, row: Int, column: Int) -> TableGrid.Cell? {
    grid.cells.first { cell in
      row >= cell.row && row < cell.row + cell.rowSpan && column >= cell.column && column < cell.column + cell.columnSpan
    }
  }

  private func isSameCell(_ grid: TableGrid, _ row: Int, _ a: Int, _ b: Int) -> Bool {
    grid.cells.contains { cell in
      row >= cell.row && row < cell.row + cell.rowSpan && a >= cell.column && b < cell.column + cell.columnSpan
    }
  }

  /// Text input: a table's cells come as one run of text (预算单位…项目名称…项目负责人…年度预算总额：…
  /// 其中：财政拨款…其他资金：…项目总体目标…一级指标…). The fields are read between their labels;
  /// the indicator grid cannot be rebuilt from text and is left empty.
  mutating func addText(_ text: String) {
    guard let title = pendingTitle, words.project.contains(where: { text.contains(literal: $0) }) else { return }
    pendingTitle = nil
    var table = PerformanceTable(index: built.count + 1, title: title.title, year: title.year, page: title.page)
    // Each field runs from its label to the first label of a later field (or a key row's label,
    // or 其中 after the total); the goal runs to the indicator header.
    let fields = [words.budgetUnit, words.project, words.owner, words.total, words.fiscal, words.other, words.goal]
    func field(_ index: Int) -> String? {
      guard let start = fields[index].lazy.compactMap({ text.range(ofLiteral: $0) }).first else { return nil }
      var ends = fields[(index + 1)...].flatMap { $0 } + Array(words.levels.prefix(1))
      if index < fields.count - 1 { ends += words.otherLabels }
      if index == 3 { ends += words.partsOpen }
      var rest = text[start.upperBound...]
      if rest.hasPrefix("：") || rest.hasPrefix(":") { rest = rest.dropFirst() }
      let end = ends.compactMap { rest.range(ofLiteral: $0)?.lowerBound }.min() ?? rest.endIndex
      let value = TextNormalization.normalize(String(rest[..<end]))
      return value.isEmpty ? nil : value
    }
    func amount(_ index: Int) -> Decimal? {
      guard let value = field(index) else { return nil }
      let number = value.prefix { $0.isNumber || $0 == "." || $0 == "," }
      return Amounts.decimal(from: String(number))
    }
    table.budgetUnit = field(0)
    table.project = field(1)
    table.owner = field(2)
    table.budget.total = amount(3)
    table.budget.fiscal = amount(4)
    table.budget.other = amount(5)
    table.goal = field(6)
    built.append(table)
  }

  func tables() -> [PerformanceTable] {
    built.enumerated().map { index, table in
      var table = table
      table.index = index + 1
      return table
    }
  }

  /// The first key-row label a cell of the row starts with.
  private func keyRow(_ row: [String]) -> String? {
    for cell in row {
      // UTF-8 prefixes: every row of every grid is tried against every key.
      for key in keys where cell.utf8.starts(with: key.utf8) { return key }
    }
    return nil
  }

  /// The field a compact label cell names, and the label it starts with: text fields and the
  /// total by their opening label, the parts of the total after an opening 其中：.
  private func keyField(of cell: String) -> (field: KeyField, label: String)? {
    let part = partLabel(cell)
    let fields: [(KeyField, [String], Bool)] = [
      (.budgetUnit, words.budgetUnit, false), (.project, words.project, false), (.owner, words.owner, false),
      (.total, words.total, false), (.fiscal, words.fiscal, true), (.other, words.other, true), (.goal, words.goal, false),
    ]
    for (field, labels, isPart) in fields {
      if let label = labels.first(where: { isPart ? part.hasPrefix(literal: $0) : cell.hasPrefix(literal: $0) }) {
        return (field, label)
      }
    }
    return nil
  }

  /// A compact cell without an opening 其中 and colon (其中：财政拨款 → 财政拨款).
  private func partLabel(_ cell: String) -> Substring {
    var rest = Substring(cell)
    if let open = words.partsOpen.first(where: { rest.hasPrefix(literal: $0) }) { rest = rest.dropFirst(open.count) }
    while rest.first == "：" || rest.first == ":" { rest = rest.dropFirst() }
    return rest
  }

  /// Whether a compact cell is the label of another period's total (实施期资金总额：): it ends
  /// with a total's label without starting with one.
  private func namesPeriodTotal(_ cell: String) -> Bool {
    var label = Substring(cell)
    while label.last == "：" || label.last == ":" { label = label.dropLast() }
    return !words.total.contains { cell.hasPrefix(literal: $0) } && words.total.contains { label.hasSuffix(literal: $0) }
  }

  /// A row of the budget's amounts that names no key (其中：财政拨款 | 80.00, or 资金金额 |
  /// 实施期资金总额： | …): the label it holds; nil for any other row.
  private func amountRow(_ row: [String]) -> String? {
    for cell in row {
      let part = partLabel(cell)
      if let label = (words.fiscal + words.other).first(where: { part.hasPrefix(literal: $0) }) { return label }
      if namesPeriodTotal(cell) { return cell }
    }
    return nil
  }

  /// Whether a compact cell names an amount field (其中：财政拨款).
  private func names(_ cell: String) -> Bool {
    words.fiscal.contains { cell.contains(literal: $0) } || words.other.contains { cell.contains(literal: $0) }
  }

  /// Whether the grid's first filled row opens a table: a title, or 预算单位/项目名称.
  private func startsTable(_ matrix: [[String]]) -> Bool {
    guard let first = matrix.first(where: { !$0.allSatisfy(\.isEmpty) }) else { return false }
    let compact = first.map(TextNormalization.compact)
    if compact.contains(where: { cell in titles.contains { cell.contains(literal: $0) } }) { return true }
    return keyRow(compact).map(openingKeys.contains) ?? false
  }

  /// Reads the fields a key row prints; `locations` says where each slot of `row` is printed.
  private mutating func fill(_ table: inout PerformanceTable?, from row: [String], locations: [CellLocation?]) {
    guard table != nil else { return }
    var cells: [String] = []
    var cellLocations: [CellLocation?] = []
    var cellColumns: [Int] = []
    for (c, text) in row.enumerated() where cells.last != text {
      cells.append(text)
      cellLocations.append(c < locations.count ? locations[c] : nil)
      cellColumns.append(c)
    }
    var located: [String: CellLocation?] = [:]
    defer {
      for (name, location) in located { table?.budgetLocations[name] = location }
    }
    for (i, raw) in cells.enumerated() {
      let cell = TextNormalization.compact(raw)
      let next = i + 1 < cells.count ? TextNormalization.normalize(cells[i + 1]) : ""
      /// The value after `key`: in the key's own cell, else in the next cell.
      func value(after key: String) -> String { field(after: key).text }
      func field(after key: String) -> (text: String, location: CellLocation?) {
        if let r = cell.range(ofLiteral: key) {
          var rest = String(cell[r.upperBound...])
          if rest.hasPrefix("：") || rest.hasPrefix(":") { rest.removeFirst() }
          if !rest.isEmpty { return (TextNormalization.normalize(rest), cellLocations[i]) }
        }
        let following = TextNormalization.compact(next)
        let isKey = keys.contains { following.hasPrefix($0) } || names(following)
        return isKey ? ("", nil) : (next, i + 1 < cellLocations.count ? cellLocations[i + 1] : nil)
      }
      /// The amount after `key`, and where it is printed, kept under `name`.
      func amount(after key: String, field name: String) -> Decimal? {
        let found = field(after: key)
        let value = Amounts.decimal(from: found.text)
        located[name] = value == nil ? nil : found.location
        return value
      }
      guard let (field, key) = keyField(of: cell) else {
        // A column that holds another period's total (实施期资金总额) holds that period's parts too.
        if namesPeriodTotal(cell) { periodColumns.insert(cellColumns[i]) }
        continue
      }
      switch field {
      case .budgetUnit: table?.budgetUnit = value(after: key)
      case .project: table?.project = value(after: key)
      case .owner: table?.owner = value(after: key)
      case .goal:
        let goal = value(after: key)
        if goal.isEmpty { goalBelow = cellColumns[i] } else { table?.goal = goal }
      case .total, .fiscal, .other:
        guard let budget = field.budget, field == .total || !periodColumns.contains(cellColumns[i]) else { continue }
        table?.budget[keyPath: budget.path] = amount(after: key, field: budget.name)
      }
    }
  }
}
