import Foundation
import Synchronization

/// A table, or one side of a two-sided table, as the checks read it: header names, column kinds,
/// rows, and how rows and columns are picked by name.
struct CheckTable {
  /// The table as segmented.
  let table: Table
  /// `revenue` or `expenditure`, or nil for the whole table.
  let side: String?
  /// Column names of the rows read.
  let header: [String]
  /// Column kinds of the rows read.
  let kinds: [String]
  /// The column names without spaces, and without the year that opens their last part (nil
  /// when none does), made once for the rules that pick columns by name.
  let compactHeaders: [String]
  let yearlessHeaders: [String?]
  /// The rows read.
  let rows: [Row]
  /// Per row, read once for every rule: the printed label, compacted (`pattern` selectors), its
  /// `label`, its `name`, and its code.
  let printedLabels: [String]
  let compactLabels: [String]
  let labels: [String]
  let names: [String]
  let codes: [String?]

  /// Labels that mark a table's total row, when a rule names none (the template's
  /// `totalLabels`).
  let totals: Set<String>
  /// The template's words of table bodies (part openings for labels).
  let words: TableWords
  /// The document's year, for rows picked by it.
  let documentYear: Int?
  /// The row standing for the total of a table of units that prints no total row: the
  /// department's own, when it is the table's one unit and no row is a year (see `totalRow`).
  let departmentRow: Int?
  /// Per row of a table that prints no codes: its level (1 the outermost) in the hierarchy its
  /// labels' indentation shows; nil for the total and unlabelled rows, and for every row when
  /// the indentation shows no well-formed hierarchy (``indentLevels(rows:kinds:labels:totals:)``).
  let levels: [Int?]

  /// The whole table, or one side; nil when the table has no such side.
  init?(_ table: Table, side: String?, words: TableWords, documentYear: Int? = nil, department: String? = nil) {
    self.table = table
    self.side = side
    self.totals = words.totals
    self.words = words
    self.documentYear = documentYear
    switch side {
    case nil:
      header = table.header
      kinds = table.columnKinds
      rows = table.rows
    case "revenue":
      guard let revenue = table.revenue else { return nil }
      let width = revenue.first?.cells.count ?? 0
      header = Array(table.header.prefix(width))
      kinds = Array(table.columnKinds.prefix(width))
      rows = revenue
    default:
      guard let expenditure = table.expenditure else { return nil }
      let width = expenditure.first?.cells.count ?? 0
      header = Array(table.header.suffix(width))
      kinds = Array(table.columnKinds.suffix(width))
      rows = expenditure
    }
    let kinds = kinds
    compactHeaders = header.map(TextNormalization.compact)
    yearlessHeaders = compactHeaders.map(Self.yearless)
    let printed = rows.map { Self.printedLabel($0, kinds: kinds) }
    printedLabels = printed
    compactLabels = printed.map(TextNormalization.compact)
    labels = printed.map { Self.label($0, words: words) }
    names = printed.map { Self.name($0, words: words) }
    codes = zip(rows, printed).map { Self.code($0, printed: $1) }
    departmentRow = Self.departmentRow(
      labels: compactLabels, rows: rows, kinds: kinds,
      department: department.map(TextNormalization.compact).flatMap { $0.isEmpty ? nil : $0 })
    levels =
      codes.allSatisfy { $0 == nil }
      ? Self.indentLevels(rows: rows, kinds: kinds, labels: labels, totals: words.totals)
      : Array(repeating: nil, count: rows.count)
  }

  /// The levels a table's label indentation shows (公共安全支出 ‖ ␣公安 ‖ ␣␣行政运行), or all nil unless
  /// every labelled row but the total has its label's indent in its grid cell; the indents fall
  /// into two or three levels, each within 2 pt, stepped evenly by 3 to 25 pt (a space to a font's
  /// few characters); the first labelled row is the outermost; and no row is more than one level
  /// deeper than the row above it. Centred labels or a table without borders give nothing.
  static func indentLevels(rows: [Row], kinds: [String], labels: [String], totals: Set<String>) -> [Int?] {
    let none = [Int?](repeating: nil, count: rows.count)
    var indents: [Double?] = []
    for (index, row) in rows.enumerated() {
      if labels[index].isEmpty || totals.contains(labels[index]) {
        indents.append(nil)
        continue
      }
      guard let column = row.cells.indices.first(where: { $0 < kinds.count && kinds[$0] == "text" && !row.cells[$0].isEmpty }),
        let indent = row.location(column)?.indent
      else { return none }
      indents.append(indent)
    }
    var starts: [Double] = []
    for value in indents.compactMap({ $0 }).sorted() where starts.last.map({ value - $0 > 2 }) ?? true { starts.append(value) }
    guard (2...3).contains(starts.count) else { return none }
    let steps = zip(starts.dropFirst(), starts).map { $0 - $1 }
    guard steps.allSatisfy({ $0 >= 3 && $0 <= 25 }), (steps.max() ?? 0) - (steps.min() ?? 0) <= 2 else { return none }
    let levels = indents.map { indent in indent.map { value in (starts.lastIndex { $0 <= value + 0.001 } ?? 0) + 1 } }
    var previous = 0
    for level in levels.compactMap({ $0 }) {
      guard level <= previous + 1 else { return none }
      previous = level
    }
    return levels
  }

  /// The first labelled row when it names `department` and is the only row that does, and no
  /// row is a year (2025年 ‖ 2026年); nil otherwise.
  private static func departmentRow(labels: [String], rows: [Row], kinds: [String], department: String?) -> Int? {
    guard let department, let first = labels.firstIndex(where: { !$0.isEmpty }), labels[first].hasPrefix(department),
      labels.filter({ $0.hasPrefix(department) }).count == 1,
      !rows.contains(where: { namesAYear($0, kinds: kinds) })
    else { return nil }
    return first
  }

  /// `表3`, or `表1 expenditure side`.
  var name: String {
    side.map { "\(table.name) \($0 == "revenue" ? "收入" : "支出") side" } ?? table.name
  }

  /// Indices of the amount columns.
  var amountColumns: [Int] {
    header.indices.filter { $0 < kinds.count && kinds[$0] == "amount" }
  }

  /// The first amount column named by one of `alternatives`, tried in order: a header matches a
  /// name when it equals it or ends with `/name`.
  func column(_ alternatives: [String]) -> Int? {
    let amounts = amountColumns
    for name in alternatives {
      let wanted = TextNormalization.compact(name)
      let matching = amounts.filter {
        Self.named(compactHeaders[$0], wanted) || yearlessHeaders[$0].map { Self.named($0, wanted) } ?? false
      }
      guard let first = matching.first else { continue }
      if matching.count == 1 { return first }
      // A table that prints last year's figures beside this year's (上年 ‖ 本年, 2025年 ‖
      // 2026年): this year's column, the first that names no earlier year than another does.
      let names = matching.map { compactHeaders[$0] }
      let lastYear = names.map { $0.contains(literal: "上年") }
      let years = names.map(Segmenter.year(in:))
      let latest = years.compactMap { $0 }.max()
      for (position, index) in matching.enumerated() {
        let earlier =
          lastYear[position] && lastYear.contains(false)
          || years[position].map { year in latest.map { year < $0 } ?? false } ?? false
        if !earlier { return index }
      }
      return first
    }
    return nil
  }

  /// Whether a header names the column `name`: the whole header, or its last part under a group
  /// (基本支出 matches 其中：/基本支出). A name that opens with `/` is a top-level column only: `/小计`
  /// is a table's own 小计 column, never a group's 基本支出/小计.
  /// With `orWithYear`, a header whose last part opens with a year (支出/2026年预算数) also names
  /// the column its name without the year gives (预算数); ``column(_:)`` asks so, and prefers the
  /// latest year's.
  static func header(_ header: String, matches name: String, orWithYear: Bool = false) -> Bool {
    let compact = TextNormalization.compact(header)
    if named(compact, name) { return true }
    guard orWithYear, let yearless = yearless(compact) else { return false }
    return named(yearless, name)
  }

  /// A compact header whose last part opens with a year, without it (支出/2026年预算数 →
  /// 支出/预算数); nil for any other header.
  private static func yearless(_ compact: String) -> String? {
    guard compact.contains(literal: "年") else { return nil }
    let parts = compact.split(separator: "/", omittingEmptySubsequences: false)
    guard let last = parts.last, let rest = withoutLeadingYear(last) else { return nil }
    return (parts.dropLast().map(String.init) + [String(rest)]).joined(separator: "/")
  }

  private static func named(_ compact: String, _ name: String) -> Bool {
    if name.hasPrefix("/") { return compact == name.dropFirst() }
    return compact == name || compact.hasSuffix("/" + name)
  }

  /// `预算数` for `2026年预算数` or `2026年度预算数`; nil when the text opens with no year or is
  /// the year alone.
  private static func withoutLeadingYear(_ text: Substring) -> Substring? {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard digits.count == 4, text.dropFirst(4).first == "年" else { return nil }
    var rest = text.dropFirst(5)
    if rest.first == "度" { rest = rest.dropFirst() }
    return rest.isEmpty ? nil : rest
  }

  /// The printed label of a row: its first non-empty text cell left of the amounts (or words in
  /// a code column there: 合计 merged across the code and name columns), else its first non-empty
  /// text cell, else its first non-empty cell that is neither a code nor an amount. A text column
  /// right of the amounts (增减(%): -55.76%) labels no row.
  static func printedLabel(_ row: Row, kinds: [String]) -> String {
    let sequenceNumber = { (cell: String) in cell.count <= 3 && cell.allSatisfy { $0.isASCII && $0.isNumber } }
    for (index, cell) in row.cells.enumerated() where index < kinds.count {
      if kinds[index] == "amount" { break }
      guard !cell.isEmpty else { continue }
      // A 序号 column's 1, 2, 3 names no row when words follow it before the amounts (商务局:
      // 1 ‖ ‖ 合计).
      if kinds[index] == "text", sequenceNumber(cell) {
        let before = (index + 1)..<min(row.cells.count, kinds.firstIndex(of: "amount") ?? kinds.count)
        if before.contains(where: { !row.cells[$0].isEmpty && !sequenceNumber(row.cells[$0]) }) { continue }
      }
      if kinds[index] == "text" { return cell }
      if kinds[index] == "code" && !cell.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == " " }) { return cell }
    }
    for (index, cell) in row.cells.enumerated() where !cell.isEmpty && index < kinds.count && kinds[index] == "text" {
      return cell
    }
    for (index, cell) in row.cells.enumerated() where !cell.isEmpty {
      let kind = index < kinds.count ? kinds[index] : "text"
      // A code column holding words (合计 merged across the code and name columns) labels the row.
      let words = kind == "code" && !cell.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == " " }
      if (kind != "code" || words) && (index >= row.values.count || row.values[index] == nil) { return cell }
    }
    return ""
  }

  /// The label without spaces, a leading `其中：`, a leading classification code or a trailing
  /// colon (`总计：` names the 总计 row).
  static func label(_ printed: String, words: TableWords) -> String {
    var text = words.withoutPartOpening(TextNormalization.compact(printed))
    if let code = leadingCode(text), code.endIndex < text.endIndex { text = String(text[code.endIndex...]) }
    // Index comparisons, not counts: `count` walks the characters of every label twice.
    while let last = text.last, last == "：" || last == ":", text.index(after: text.startIndex) < text.endIndex {
      text.removeLast()
    }
    return text
  }

  /// The label without its leading numbering (`一、`, `1.`, `（一）`).
  static func name(_ printed: String, words: TableWords) -> String {
    var text = label(printed, words: words)
    // The heading numbering the segmenter knows (一、 （一） 1. （1）), without a regular
    // expression: this runs for every row of every rule.
    if let numbered = Headings.numbered(text), numbered.level >= 2 { text = numbered.rest }
    return label(text, words: words)
  }

  /// The row's code, or the digits that begin its label (two-sided tables print `201一般…`).
  static func code(_ row: Row, printed: String) -> String? {
    if let code = row.code { return code }
    return leadingCode(TextNormalization.compact(printed)).map(String.init)
  }

  /// The digits a compact label opens with when they are a code: three or more, not a numbering
  /// (1.) nor a year (2026年).
  private static func leadingCode(_ label: String) -> Substring? {
    guard let lead = label.utf8.first, lead >= UInt8(ascii: "0"), lead <= UInt8(ascii: "9") else { return nil }
    let digits = label.prefix(while: { $0.isASCII && $0.isNumber })
    guard digits.count >= 3, digits.endIndex == label.endIndex || !".．、年".contains(label[digits.endIndex...].first ?? " ")
    else { return nil }
    return digits
  }

  /// Indices of the rows `selector` picks.
  func rows(matching selector: CheckRule.RowSelector, patterns: inout PatternCache) -> [Int] {
    let labels = selector.label?.map(TextNormalization.compact)
    let names = selector.name?.map(TextNormalization.compact)
    let picked = rows.indices.filter { index in
      if let position = selector.position, position != index + 1 { return false }
      if let labels, !labels.contains(self.labels[index]) { return false }
      if let names, !names.contains(self.names[index]) { return false }
      if let pattern = selector.pattern, !patterns.matches(pattern, compactLabels[index]) { return false }
      if let length = selector.codeLength, codes[index]?.count != length { return false }
      if let level = selector.level, levels[index] != level { return false }
      if selector.documentYear == true, !namesDocumentYear(index) { return false }
      return true
    }
    if picked.isEmpty, let otherwise = selector.otherwise?.first {
      return rows(matching: otherwise, patterns: &patterns)
    }
    guard let occurrence = selector.occurrence else { return picked }
    return occurrence <= picked.count ? [picked[occurrence - 1]] : []
  }

  /// Whether a text cell of the row starts with the document's year (2026年).
  private func namesDocumentYear(_ index: Int) -> Bool {
    guard let documentYear else { return false }
    let year = "\(documentYear)年"
    return rows[index].cells.indices.contains { column in
      (column >= kinds.count || kinds[column] != "amount") && TextNormalization.compact(rows[index].cells[column]).hasPrefix(year)
    }
  }

  /// The total row: the first row `selector` picks, or the first labelled 合计 / 总计 …. A table
  /// of units (预算单位 | 科目编码 | …) that prints no such row and lists one unit only, the
  /// department itself (深圳市财政局（本级）) on its first row, has that row for its total; not a
  /// table that also lists other units or rows by year (2025年 ‖ 2026年).
  func totalRow(_ selector: CheckRule.RowSelector?, patterns: inout PatternCache) -> Int? {
    if let selector { return rows(matching: selector, patterns: &patterns).first }
    return rows.indices.first { totals.contains(labels[$0]) } ?? departmentRow
  }

  /// Whether a text cell of the row starts with a year (2025年).
  private static func namesAYear(_ row: Row, kinds: [String]) -> Bool {
    row.cells.indices.contains { column in
      (column >= kinds.count || kinds[column] != "amount") && CheckRun.leadingYear(TextNormalization.compact(row.cells[column])) != nil
    }
  }

  /// The value of a cell, nil when blank.
  func value(_ row: Int, _ column: Int) -> Decimal? {
    let values = rows[row].values
    return column < values.count ? values[column] : nil
  }

  /// Where a cell is printed.
  func source(_ row: Int, _ column: Int?) -> CheckSource {
    let rowName = codes[row] ?? (printedLabels[row].isEmpty ? "row \(row + 1)" : labels[row])
    let location = column.flatMap { rows[row].location($0) }
    return CheckSource(
      table: table.number, side: side, row: rowName, column: column.map { header[$0] },
      page: location?.page ?? rows[row].page, box: location?.box)
  }

  /// Why a rule cannot read this table, or nil when it can.
  static func unusable(_ table: Table) -> String? {
    if table.empty { return "\(table.name) is marked empty" }
    if table.rows.isEmpty { return "\(table.name) has no rows" }
    return nil
  }
}

/// Compiled regular expressions, by pattern: this run's, in front of the process-wide store that
/// every run and rule file shares (compiling a pattern costs more than most matches).
struct PatternCache {
  /// Keyed by the pattern's bytes (``UTF8Key``): a check rule's pattern is often a long list of
  /// Chinese alternatives, which `String` would normalize on every lookup.
  private var compiled: [UTF8Key: NSRegularExpression] = [:]

  /// Patterns compiled by any run or rule file of this process. `NSRegularExpression` is immutable
  /// once made and safe to match from any thread.
  private static let shared = Mutex<[UTF8Key: SharedExpression]>([:])

  private struct SharedExpression: @unchecked Sendable {
    let expression: NSRegularExpression
  }

  /// The compiled pattern, made once per process; throws when the pattern is invalid.
  static func compile(_ pattern: String) throws -> NSRegularExpression {
    let key = UTF8Key(pattern)
    if let known = shared.withLock({ $0[key] }) { return known.expression }
    let expression = try NSRegularExpression(pattern: pattern)
    shared.withLock { $0[key] = SharedExpression(expression: expression) }
    return expression
  }

  mutating func expression(_ pattern: String) -> NSRegularExpression? {
    let key = UTF8Key(pattern)
    if let expression = compiled[key] { return expression }
    // Rule files are validated when read; a pattern that still fails simply matches nothing.
    guard let expression = try? Self.compile(pattern) else { return nil }
    compiled[key] = expression
    return expression
  }

  mutating func matches(_ pattern: String, _ text: String) -> Bool {
    guard let expression = expression(pattern) else { return false }
    return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }
}
