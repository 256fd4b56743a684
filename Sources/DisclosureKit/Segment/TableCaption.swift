/// What a table prints around its body: label (表3, 公开02表, 表一 …), title, compiling
/// department and unit, read from the lines above its grid or from the grid's own first rows.
///
/// 1. Each line is split into fields: a unit (`单位：元`, `金额单位：万元`, a bare `万元`), a
///    department (`编制部门：…`, `部门（单位）：…`, `单位名称:…`, the labels of the template's
///    `departmentLabels`), the rest.
/// 2. The rest of a line may open or end with a label (the template's `tableLabels`
///    patterns); what is left of it is a title when it names a table (contains 表).
/// 3. The last title wins (a numbered heading 一、收支预算总表 above the full title
///    2026年度收支预算总表); a line beside a unit field and nothing else is the department
///    (507-湖州市卫生健康委员会 ‖ 单位：万元).
///
/// Fields printed fused into one cell (公开02表收入总表部门：无锡市统计局单位：万元) are split at
/// the department and unit labels.
struct TableCaption: Sendable, Hashable {
  /// The template's label patterns, compiled once, and its department labels.
  struct Vocabulary: @unchecked Sendable {
    var labels: [Regex<AnyRegexOutput>]
    var departments: [String]
    /// The unit labels with their colons (金额单位：, 金额单位:, 单位：, 单位:), in the template's order.
    var unitKeys: [String]
    /// The last scalar of each unit label: a text without any holds no unit field.
    private var unitEnds: Set<Unicode.Scalar>
    /// What a longer unit label prints before a shorter one (金额 of 金额单位): a department read up
    /// to the shorter label, or printed beside it, ends with it.
    var unitOpenings: [String]
    /// The shortest unit label split after its first character (单 ‖ 位): a line end or a cell's
    /// edge may cut it there, and its tail with a colon (位：) opens the unit field.
    var unitHead: String?
    var unitTail: String?
    /// The unit labels as the template gives them.
    var units: [String]
    /// Words a note opens with (注, 备注, 说明).
    var notes: [String]
    /// The money units a unit field may name (the template's currency units).
    var currencies: Set<String>
    /// The words that name a table in a title (表) and the titles of a list of contents (目录).
    var titleWords: [String]
    var contentsTitles: [String]
    /// The template's titles, compact: what a title read by OCR is close to.
    var titles: [String]

    init(_ template: Template) {
      labels = (template.tableLabels ?? []).compactMap { try? Regex($0) }
      departments = template.departmentLabels ?? []
      let units = template.unitLabels ?? []
      unitKeys = units.flatMap { [$0 + "：", $0 + ":"] }
      unitEnds = Set(units.compactMap(\.unicodeScalars.last))
      let shortest = units.min { $0.count < $1.count }
      unitOpenings = units.compactMap { label in
        guard let shortest, label != shortest, label.hasSuffix(shortest) else { return nil }
        return String(label.dropLast(shortest.count))
      }
      if let shortest, shortest.count >= 2 {
        unitHead = String(shortest.prefix(1))
        unitTail = String(shortest.dropFirst())
      }
      self.units = units
      notes = template.noteLabels ?? []
      currencies = Set((template.currencyUnits ?? [:]).keys)
      titleWords = template.tableTitleEndings ?? []
      contentsTitles = template.contentsTitles ?? []
      titles = template.tables.flatMap(\.titles).map(TextNormalization.compact)
    }

    /// Whether a text read by OCR is a title with a character or two misread: close to a
    /// template title at its end (``Pipeline/closestEnding(of:among:fits:)``) by characters in
    /// their places (none lacking: 政府性基金预算支出 is a title's first line), not a sentence.
    func nearlyNames(_ text: String) -> Bool {
      guard !text.contains(literal: "。"), text.count <= 60, let fixed = Pipeline.closestEnding(of: text, among: titles) else { return false }
      return fixed.count == text.count
    }

    /// A field label (编制部门, 单位) that opens a text read by OCR with a semicolon for its colon
    /// (编制部门；…), with the colon.
    func withFieldColon(_ text: String) -> String {
      for label in departments + units + (unitTail.map { [$0] } ?? []) where text.hasPrefix(label + "；") {
        return label + "：" + text.dropFirst(label.count + 1)
      }
      return text
    }

    /// Whether a text names a table: it says one of the title words (表) or ends with a contents
    /// title (目录), and is not a sentence.
    func names(_ text: String) -> Bool {
      (titleWords.contains { text.contains(literal: $0) } || contentsTitles.contains { text.hasSuffix($0) })
        && !text.contains(literal: "。") && text.count <= 90
    }

    /// Whether a text may hold a unit field at all (a scalar search before the string searches).
    func mayHoldUnit(_ text: String) -> Bool { text.unicodeScalars.contains(where: unitEnds.contains) }

    /// Whether a compact text opens a note: a note word and a colon (注：, 说明:), or an opening
    /// bracket and a note word ((注, （备注). With `colon: false`, a note word alone opens one too
    /// (a unit of its own under a table: 注1…).
    func opensNote(_ text: String, colon: Bool = true) -> Bool {
      notes.contains { word in
        (colon ? text.hasPrefix(word + "：") || text.hasPrefix(word + ":") : text.hasPrefix(word))
          || text.hasPrefix("（" + word) || text.hasPrefix("(" + word)
      }
    }

    /// Whether a field is a unit printed without the head of its label (位：万元).
    func isClippedUnit(_ text: String) -> Bool {
      guard let unitTail else { return false }
      return text.hasPrefix(unitTail + "：") || text.hasPrefix(unitTail + ":")
    }

    /// The department without a longer unit label's opening it ends with (…局金额 ‖ 单位：万元).
    func withoutUnitOpening(_ department: String) -> String {
      guard let opening = unitOpenings.first(where: { department.hasSuffix($0) }) else { return department }
      return String(department.dropLast(opening.count))
    }
  }

  var label: String?
  var number: Int?
  var title: String?
  var department: String?
  var unit: String?
  /// Whether any line was read (a caption without fields still marks the top of a table).
  var lines = 0
  /// Every line read, compacted and joined (for the year of a performance table).
  var printed = ""

  /// Whether the caption names a table (a title or a label).
  var namesTable: Bool { title != nil || label != nil }

  /// Fills the fields this caption lacks from another.
  func filled(from other: TableCaption?) -> TableCaption {
    guard let other else { return self }
    var merged = self
    if merged.title == nil { merged.title = other.title }
    if merged.label == nil {
      merged.label = other.label
      merged.number = other.number
    }
    if merged.department == nil { merged.department = other.department }
    if merged.unit == nil { merged.unit = other.unit }
    merged.lines += other.lines
    merged.printed += other.printed
    return merged
  }

  /// The caption read from lines, each given as its fragments' texts.
  /// Read by OCR (`ocr`), a title a character or two from a template's names a table too, and a
  /// field label may have a semicolon for its colon.
  static func read(_ lines: [[String]], vocabulary: Vocabulary, ocr: Bool = false) -> TableCaption {
    var caption = TableCaption()
    // Lines that name no table yet: the start of a title that wraps.
    var opening: [String] = []
    // Whether the line above gave the department (which may wrap onto this line).
    var departmentAbove = false
    // The lines above the first field line that named no table.
    var unnamed: [String]?
    for fragments in lines {
      var rest: [String] = []
      var unitOnLine = false
      var departmentOnLine = false
      for raw in fragments {
        var text = TextNormalization.compact(raw)
        if text.isEmpty { continue }
        if ocr { text = vocabulary.withFieldColon(text) }
        if let (before, department, unit) = departmentField(text, vocabulary: vocabulary) {
          if let department, !department.isEmpty {
            caption.department = department
            departmentOnLine = true
          }
          if let unit {
            caption.unit = unit
            unitOnLine = true
          }
          text = before
        } else if let (before, unit) = unitField(text, vocabulary: vocabulary) {
          caption.unit = unit
          unitOnLine = true
          text = before
        }
        if !text.isEmpty { rest.append(text) }
      }
      caption.lines += 1
      caption.printed += fragments.map(TextNormalization.compact).joined()
      defer { departmentAbove = departmentOnLine }
      let text = rest.joined()
      guard !text.isEmpty else {
        if departmentOnLine || unitOnLine {
          if unnamed == nil, !opening.isEmpty { unnamed = opening }
          opening = []
        }
        continue
      }
      if let label = label(in: text, patterns: vocabulary.labels) {
        caption.label = label.label
        caption.number = label.number
        opening = []
        if vocabulary.names(label.rest) || ocr && vocabulary.nearlyNames(label.rest) {
          caption.title = TextNormalization.normalize(label.rest)
        } else if !label.rest.isEmpty {
          opening = [label.rest]
        }
        continue
      }
      if departmentAbove, !departmentOnLine, !vocabulary.names(text), let department = caption.department {
        // The department wraps onto this line, beside a 单位 that may have lost its 单 at the
        // cell's edge (育局 ‖ 位：万元): that field is not the department's.
        let wrapped = rest.count > 1 && rest.last.map(vocabulary.isClippedUnit) == true
        caption.department = department + (wrapped ? rest.dropLast().joined() : text)
        departmentOnLine = true
        continue
      }
      if vocabulary.names(text) || ocr && vocabulary.nearlyNames((opening + rest).joined()) {
        caption.title = TextNormalization.normalize((opening + rest).joined(separator: " "))
        opening = []
      } else if unitOnLine, caption.department == nil, rest.count == 1 {
        caption.department = text
      } else if !departmentOnLine {
        opening.append(text)
      }
    }
    // Read by OCR, a labelled caption's line that names no table is its title misread (表7 above
    // 一般会共预算项目文出夫): kept, for the title repair to compare with the template's.
    if ocr, caption.title == nil, caption.label != nil, let lines = unnamed ?? (opening.isEmpty ? nil : opening), lines.joined().count <= 40 {
      caption.title = TextNormalization.normalize(lines.joined(separator: " "))
    }
    return caption
  }

  /// The label a template pattern finds at the start or the end of the text, its number, and
  /// the text without it.
  static func label(in text: String, patterns: [Regex<AnyRegexOutput>]) -> (label: String, number: Int?, rest: String)? {
    for regex in patterns {
      guard let match = text.firstMatch(of: regex) else { continue }
      let label = match.output["label"]?.substring.map(String.init) ?? String(text[match.range])
      let digits = match.output["number"]?.substring.map(String.init) ?? ""
      let number = Int(digits) ?? Headings.value(ofNumeral: digits)
      let rest = String(text[..<match.range.lowerBound]) + String(text[match.range.upperBound...])
      return (label, number, rest)
    }
    return nil
  }

  /// The text before a department or unit field run into it (收入总体情况表 of
  /// 收入总体情况表编制部门：… 单位：万元); nil when it holds neither.
  static func beforeFields(_ text: String, vocabulary: Vocabulary) -> String? {
    departmentField(text, vocabulary: vocabulary)?.before ?? unitField(text, vocabulary: vocabulary)?.before
  }

  /// `单位：元`, `金额单位:万元`, `单位：万元` at the end of fused text, or a bare unit.
  static func unitField(_ text: String, vocabulary: Vocabulary) -> (before: String, unit: String)? {
    if vocabulary.currencies.contains(text) { return ("", text) }
    // Most texts end no unit label anywhere: they are out at once.
    guard vocabulary.mayHoldUnit(text) else { return nil }
    for key in vocabulary.unitKeys {
      guard let range = text.range(of: key, options: .backwards) else { continue }
      let unit = String(text[range.upperBound...])
      guard vocabulary.currencies.contains(unit) || unit.isEmpty else { continue }
      return (String(text[..<range.lowerBound]), unit)
    }
    return nil
  }

  /// A department label (编制部门：) anywhere in the text: the text before it, the department,
  /// and a unit fused after it.
  static func departmentField(_ text: String, vocabulary: Vocabulary) -> (before: String, department: String?, unit: String?)? {
    let labels = vocabulary.departments
    // Every label ends in a colon: most texts are out at once.
    guard text.unicodeScalars.contains(where: { $0 == "：" || $0 == ":" }) else { return nil }
    var best: (range: Range<String.Index>, length: Int)?
    for label in labels {
      for colon in ["：", ":"] {
        guard let range = text.range(ofLiteral: label + colon) else { continue }
        if best == nil || range.lowerBound < best!.range.lowerBound
          || range.lowerBound == best!.range.lowerBound && label.count > best!.length
        {
          best = (range, label.count)
        }
      }
    }
    guard let found = best?.range else { return nil }
    var department = String(text[found.upperBound...])
    var unit: String?
    if let (before, u) = unitField(department, vocabulary: vocabulary) {
      department = before
      unit = u.isEmpty ? nil : u
    }
    return (String(text[..<found.lowerBound]), vocabulary.withoutUnitOpening(department), unit)
  }

  /// A grid that holds two tables one under the other (会议费明细表's rows, then a row
  /// 培训费明细表 across the grid, 单位：万元, the second header): the grids of each, in order.
  /// A caption row is one cell across most of the grid that names a table and is followed by a
  /// field row or a row of several cells; rows above it are the first table's.
  static func split(_ grid: TableGrid, vocabulary: Vocabulary) -> [TableGrid] {
    guard grid.rowCount > 4, grid.columnCount > 1 else { return [grid] }
    var rows: [Int: [TableGrid.Cell]] = [:]
    for cell in grid.cells where !TextNormalization.compact(cell.text).isEmpty { rows[cell.row, default: []].append(cell) }
    for row in 2..<(grid.rowCount - 2) {
      guard let cells = rows[row], cells.count == 1, cells[0].columnSpan * 10 >= grid.columnCount * 6 else { continue }
      // The title, with a unit printed in the same cell (培训费明细表单位：万元) set aside.
      let text =
        unitField(TextNormalization.compact(cells[0].text), vocabulary: vocabulary)?.before ?? TextNormalization.compact(cells[0].text)
      guard vocabulary.names(text), vocabulary.titleWords.contains(where: { text.hasSuffix($0) }) || label(in: text, patterns: vocabulary.labels) != nil,
        !vocabulary.notes.contains(where: { text.hasPrefix($0) })
      else { continue }
      let next = rows[row + 1] ?? []
      let fields = !next.isEmpty && next.allSatisfy { cell in
        let text = TextNormalization.compact(cell.text)
        return unitField(text, vocabulary: vocabulary) != nil || departmentField(text, vocabulary: vocabulary) != nil
      }
      guard fields || next.count >= 2 else { continue }
      // No merged cell from above reaches into the caption row.
      guard !grid.cells.contains(where: { $0.row < row && $0.row + $0.rowSpan > row }) else { continue }
      var top = grid
      top.cells = grid.cells.filter { $0.row < row }
      top.rowCount = row
      var bottom = grid
      bottom.cells = grid.cells.compactMap { cell in
        guard cell.row >= row else { return nil }
        var cell = cell
        cell.row -= row
        return cell
      }
      bottom.rowCount = grid.rowCount - row
      let topBottom = top.cells.map(\.box.bottom).max() ?? grid.box.top
      let bottomTop = bottom.cells.map(\.box.top).min() ?? grid.box.bottom
      top.box = Box(x0: grid.box.x0, top: grid.box.top, x1: grid.box.x1, bottom: topBottom)
      bottom.box = Box(x0: grid.box.x0, top: bottomTop, x1: grid.box.x1, bottom: grid.box.bottom)
      return [top] + split(bottom, vocabulary: vocabulary)
    }
    return [grid]
  }

  /// Removes the caption rows a producer prints inside the grid (a title row spanning the
  /// table, 预算单位：… ‖ 单位：万元) and reads them.
  static func peel(_ grid: inout TableGrid, vocabulary: Vocabulary) -> TableCaption? {
    var peeled = 0
    var lines: [[String]] = []
    let matrixRows = grid.rowCount
    rows: for row in 0..<matrixRows {
      let cells = grid.cells.filter { $0.row == row && !TextNormalization.compact($0.text).isEmpty }
      guard !cells.isEmpty else { break }
      let texts = cells.sorted { $0.column < $1.column }.map { TextNormalization.compact($0.text) }
      let spanning = cells.count == 1 && cells[0].columnSpan * 10 >= grid.columnCount * 6 && grid.columnCount > 1
      let fields = texts.allSatisfy { text in
        unitField(text, vocabulary: vocabulary) != nil || departmentField(text, vocabulary: vocabulary) != nil
      }
      if spanning && (vocabulary.names(texts[0]) || label(in: texts[0], patterns: vocabulary.labels) != nil
        || departmentField(texts[0], vocabulary: vocabulary) != nil)
        || fields
      {
        lines.append(texts)
        peeled = row + 1
        continue rows
      }
      break
    }
    guard peeled > 0, peeled < grid.rowCount else { return nil }
    grid.cells = grid.cells.compactMap { cell in
      guard cell.row >= peeled else { return nil }
      var cell = cell
      cell.row -= peeled
      return cell
    }
    grid.rowCount -= peeled
    return read(lines, vocabulary: vocabulary)
  }
}
