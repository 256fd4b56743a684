import Foundation

/// Turns a table's printed rows into typed rows: column kinds, exact amounts, full codes.
///
/// 1. Column kinds: a header naming a code (编码, 代码, or the leaves 类/款/项) is `code`; a
///    column whose filled cells are mostly amounts is `amount`; an empty column is `amount`
///    unless its header names a label (…名称, …内容, 项目); the rest are `text`.
/// 2. Values: exact decimals for amount cells, nil elsewhere.
/// 3. Codes: the code cells joined without spaces (`208 01 01` → `2080101`); a row printing only
///    款 or 项 under its parent inherits the parent's prefix; a code fused to its name
///    (`201一般公共服务支出`) gives its leading digits.
/// 4. Two-sided tables (收入 on the left, 支出 on the right) also get their two sides as rows
///    of their own.
///
/// Diagnoses: rows with more cells than the header; codes that cannot be completed.
public struct RowReconstructor: Sendable {
  /// Template knowledge.
  public var template: Template

  /// The template's words of table bodies.
  private let words: TableWords

  /// Creates a reconstructor.
  public init(template: Template) {
    self.template = template
    words = template.words
  }

  /// The table with typed rows.
  public func typed(_ table: Table, diagnostics: inout [Diagnostic]) -> Table {
    var table = table
    let width = max(table.header.count, table.rows.map(\.cells.count).max() ?? 0)
    // A performance target table is a form whose parts (basic facts, indicators) have their own
    // columns: its first row is not a header the others must fit.
    if table.header.count < width, !table.header.isEmpty, table.kind != "performance_target" {
      diagnostics.append(
        Diagnostic(
          .warning, .rows, "\(table.name): rows have \(width) cells but the header has \(table.header.count)",
          page: table.pages.first))
    }
    // Every cell read as an amount once, for the column kinds and the values.
    let amounts = table.rows.map { $0.cells.map(Amounts.decimal(from:)) }
    let kinds = (0..<width).map { column in kind(of: column, in: table, amounts: amounts) }
    table.columnKinds = kinds
    var previousCode: String?
    table.rows = zip(table.rows, amounts).map { row, amounts in
      var row = row
      row.values = amounts.enumerated().map { c, amount in c < kinds.count && kinds[c] == "amount" ? amount : nil }
      row.code = code(of: row, kinds: kinds, previous: previousCode)
      if let code = row.code { previousCode = code }
      return row
    }
    // A table that prints no data (a blank grid, a lone 无, a 合计 row of blanks or zeros) is
    // empty, whether or not a note says so.
    if !table.empty, !table.bodyMissing, table.kind != "performance_target", kinds.contains("amount"),
      table.header.contains(where: words.namesMoney), Self.printsNoData(table.rows, kinds: kinds, words: words)
    {
      table.empty = true
    }
    if template.tables.first(where: { $0.kind == table.kind })?.twoSided == true {
      let sides = Self.sides(of: table, expenditure: words.expenditureSide)
      table.revenue = sides.revenue
      table.expenditure = sides.expenditure
    }
    return table
  }

  /// Whether rows hold no data: every amount blank or zero, every other cell blank or a label
  /// an empty table prints (合计, 无: the template's `emptyTableLabels`).
  static func printsNoData(_ rows: [Row], kinds: [String], words: TableWords) -> Bool {
    // The item names of a blank 收支表 (一、科学技术支出 ‖ blank) are no data: only its amount
    // columns could print any.
    let printsFigures = rows.contains { row in
      row.values.indices.contains { $0 < kinds.count && kinds[$0] == "amount" && row.values[$0] != nil }
    }
    return rows.allSatisfy { row in
      row.cells.indices.allSatisfy { c in
        if let value = c < row.values.count ? row.values[c] : nil { return value == 0 }
        let text = TextNormalization.compact(row.cells[c])
        if text.isEmpty || words.marksEmptyTable(text) { return true }
        return c < kinds.count && kinds[c] == "amount" ? text == "-" : !printsFigures
      }
    }
  }

  private func kind(of column: Int, in table: Table, amounts: [[Decimal?]]) -> String {
    let header = column < table.header.count ? table.header[column] : ""
    let leaf = header.split(separator: "/").last.map(String.init) ?? ""
    if words.namesCode(header, leaf: leaf) { return "code" }
    // Line and column numbers (行次, 序号, 栏次) are numbers but not money.
    if (template.indexHeaders ?? []).contains(leaf) { return "text" }
    var filled = 0
    var numeric = 0
    for (row, values) in zip(table.rows, amounts) where column < row.cells.count && !row.cells[column].isEmpty {
      filled += 1
      // (Or an amount whose separators OCR misread, which the OCR repair reads.)
      if values[column] != nil || Amounts.separatorsRead(row.cells[column]) != nil { numeric += 1 }
    }
    if filled > 0 {
      return numeric * 2 > filled ? "amount" : "text"
    }
    // An empty column: labels name themselves (…名称, …内容, 项目); anything else holds money.
    return words.namesLabel(leaf) || leaf.isEmpty ? "text" : "amount"
  }

  private func code(of row: Row, kinds: [String], previous: String?) -> String? {
    // The first run of code columns (类/款/项 side by side); a second run further right is
    // another side's code (经济分类科目编码 twice in a two-pair table).
    let first = kinds.firstIndex(of: "code") ?? kinds.count
    let run = kinds[first...].prefix { $0 == "code" }.count
    let parts = (first..<first + run).filter { $0 < row.cells.count }.map { TextNormalization.compact(row.cells[$0]) }
    if parts.count > 1 {
      // Split 类/款/项 columns: an empty leading part inherits the parent's digits.
      guard let last = parts.lastIndex(where: { !$0.isEmpty }) else { return nil }
      var code = ""
      for (i, part) in parts.enumerated() where i <= last {
        if part.isEmpty {
          let needed = i == 0 ? 3 : 3 + 2 * i
          guard let previous, previous.count >= needed, code.count == (i == 0 ? 0 : needed - 2) || i == 0 else {
            if i == 0, let previous, previous.count >= 3 { code = String(previous.prefix(3)); continue }
            if let previous, previous.count >= needed { code = String(previous.prefix(needed)); continue }
            return nil
          }
          code = String(previous.prefix(needed))
        } else if part.hasPrefix(code) && !code.isEmpty && part.count > code.count {
          code = part
        } else {
          code += part
        }
      }
      return code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber) && !code.isEmpty ? code : nil
    }
    if let single = parts.first, !single.isEmpty {
      let digits = single.prefix { $0.isASCII && $0.isNumber }
      return digits.count >= 3 ? String(digits) : nil
    }
    // A code fused to its name in a text column: 201一般公共服务支出; not a year (2025年, the
    // rows of a table printed by year).
    for (c, cell) in row.cells.enumerated() where c < kinds.count && kinds[c] == "text" {
      let compact = TextNormalization.compact(cell)
      let digits = compact.prefix { $0.isASCII && $0.isNumber }
      if digits.count >= 3, digits.count <= 9, compact.count > digits.count,
        let next = compact.dropFirst(digits.count).first, !next.isNumber, next != ".", next != ",", next != "年"
      {
        return String(digits)
      }
    }
    return nil
  }

  /// Revenue and expenditure sides, split where the header's top level changes from 收入 to 支出
  /// (or, without such a header, at the second text column).
  static func sides(of table: Table, expenditure: String?) -> (revenue: [Row], expenditure: [Row]) {
    let tops = table.header.map { $0.split(separator: "/").first.map(String.init) ?? "" }
    var split = expenditure.flatMap { word in tops.firstIndex { $0.contains(literal: word) } } ?? 0
    // Two pairs of the same columns side by side (经济分类科目编码 | 科目名称 | 决算数, twice): the
    // second pair starts where the first column's header comes again.
    let leaves = table.header.map { $0.split(separator: "/").last.map(String.init) ?? "" }
    if split == 0, let first = leaves.first, !first.isEmpty,
      let again = leaves.indices.dropFirst().first(where: { leaves[$0] == first })
    {
      split = again
    }
    if split == 0 {
      split = table.columnKinds.enumerated().dropFirst().first { $0.element != "amount" }?.offset ?? table.header.count / 2
    }
    func side(_ range: Range<Int>) -> [Row] {
      table.rows.compactMap { row in
        guard range.upperBound <= row.cells.count else { return nil }
        let cells = Array(row.cells[range])
        guard cells.contains(where: { !$0.isEmpty }) else { return nil }
        let values = Array(row.values[range])
        let locations = range.upperBound <= row.locations.count ? Array(row.locations[range]) : []
        var result = Row(cells: cells, values: values, code: nil, page: row.page, locations: locations)
        if range.lowerBound > 0 {
          // A side with its own code column has its own code (the second pair of a two-pair table).
          if range.lowerBound < table.columnKinds.count, table.columnKinds[range.lowerBound] == "code" {
            let code = TextNormalization.compact(cells[0])
            result.code = !code.isEmpty && code.allSatisfy({ $0.isASCII && $0.isNumber }) ? code : nil
          } else {
            result.code = row.code
          }
        } else if table.columnKinds.first == "code" {
          result.code = row.code
        }
        return result
      }
    }
    let width = table.rows.map(\.cells.count).max() ?? table.header.count
    guard split > 0, split < width else { return ([], []) }
    return (side(0..<split), side(split..<width))
  }
}
