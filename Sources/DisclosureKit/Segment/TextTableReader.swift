import Foundation

/// Reads a table's body from a text layer (`pdftotext` output), whose lines carry no
/// positions: the template gives the columns, the text gives each row's code, label and amounts
/// in reading order, and ``AmountPlacement`` decides the column of every amount from the
/// table's own sums.
///
/// 1. Header: the leading lines made only of the characters of the template's column names
///    (wrapped header cells: `功能分类科`, `目编码…`, `类款项`) are the header; the template's
///    column names stand for it.
/// 2. Tokens: a line starts with a code when it begins with digit groups shaped like one (a
///    3-digit 类, then 2-digit 款 and 项; a 2-digit part alone continues or stands for 款)
///    followed by a name or the line end; a number standing alone is an amount; digits followed
///    by a counter (年, 号, 元 …) or inside brackets are text.
/// 3. Rows of a one-sided table: a code starts a row (a part on the next line continues a code
///    that has no name yet); text after a row's amounts starts a new row when amounts follow it
///    before the next code, else it is the end of a label printed after its numbers; a total
///    label always starts a row; in a table without code columns each line of text starts a row
///    unless it continues a bracket or is a single character.
/// 4. Rows of a two-sided table: each side is its own list (the expenditure side starts at a
///    code followed by a name, or at a 支出 total label), and a line holding both sides aligns
///    the two lists, so that items pair as printed; a short text line continues the label the
///    previous line left open.
/// 5. Names and project names (a table with two text columns after its codes): where the row's
///    text begins with the name another table of the document gives the same code, the rest is
///    the project name.
/// 6. Amounts: placed by ``AmountPlacement`` with the table's row sums, per side.
///
/// Diagnoses: open rows, cells taken from the table's sums, amounts left unplaced, rows with
/// more amounts than columns.
struct TextTableReader {
  /// The template's columns.
  var columns: [String]
  /// Per column: `code`, `text` or `amount`.
  var kinds: [String]
  /// Whether the table prints revenue and expenditure side by side.
  var twoSided: Bool
  /// Row sums by column name: (total names, part names or nil for every other amount column,
  /// side or nil).
  var sums: [(total: [String], parts: [[String]]?, side: String?)]
  /// Names of codes, from the tables read before this one.
  var knownNames: [String: String]
  /// Code lengths of the table's levels, from its `code-tree` check rule; nil to tell them
  /// from the codes printed.
  var levels: [Int]? = nil
  /// The template's words of table bodies (total labels).
  var words = TableWords()

  /// A read row: printed cells, amounts left unplaced, the page.
  struct Output {
    var rows: [Row] = []
    var unplaced: [[String]] = []
    var notes: [(row: Int?, message: String, undecided: Bool)] = []
    /// When the sums leave several placements: every one of them, as whole rows (amounts that
    /// fit no column stay in `unplaced`). Empty when the placement is decided.
    var alternatives: [[Row]] = []
    /// Per side: its amount columns, and its placement winners with the printed amounts.
    fileprivate var sides: [(columns: [Int], rows: [Int], printed: [[String]], winners: [[[AmountPlacement.Cell]]])] = []
  }

  /// Most alternative placements handed on for the cross-table checks to decide.
  static let alternativeCap = 256

  func read(_ lines: [TextLine]) -> Output {
    let body = Array(lines.drop(while: isHeaderLine))
    let lines: [([Token], Int)] = body.enumerated().map { i, line in
      (self.tokens(of: line.text, next: i + 1 < body.count ? body[i + 1].text : nil), line.page)
    }
    var output = twoSided ? twoSidedRows(lines) : oneSidedRows(lines)
    output.alternatives = alternatives(of: output)
    return output
  }

  /// Whole-table placements: every combination of the sides' winners, when there is more than
  /// one and not too many.
  private func alternatives(of output: Output) -> [[Row]] {
    let counts = output.sides.map { max($0.winners.count, 1) }
    let total = counts.reduce(1, *)
    guard total > 1, total <= Self.alternativeCap else { return [] }
    // The rows without any amount placed.
    var base = output.rows
    for side in output.sides {
      for r in side.rows {
        for c in side.columns { base[r].cells[c] = "" }
      }
    }
    var result: [[Row]] = []
    for combination in 0..<total {
      var rows = base
      var rest = combination
      for (s, side) in output.sides.enumerated() {
        let choice = rest % counts[s]
        rest /= counts[s]
        guard choice < side.winners.count else {
          for (i, r) in side.rows.enumerated() { rows[r].unplaced += side.printed[i] }
          continue
        }
        let cells = side.winners[choice]
        for (i, r) in side.rows.enumerated() {
          let used = Self.write(cells[i], printed: side.printed[i], columns: side.columns, into: &rows[r])
          rows[r].unplaced += side.printed[i].indices.filter { !used.contains($0) }.map { side.printed[i][$0] }
        }
      }
      result.append(rows)
    }
    return result
  }

  /// Writes one row's placed cells (a printed amount, or one derived from the sums) into the
  /// side's columns of `row`; returns the indices of the printed amounts used.
  @discardableResult
  static func write(_ cells: [AmountPlacement.Cell], printed: [String], columns: [Int], into row: inout Row) -> Set<Int> {
    var used = Set<Int>()
    for (c, cell) in cells.enumerated() {
      switch cell {
      case .empty: break
      case .printed(let k):
        row.cells[columns[c]] = printed[k]
        used.insert(k)
      case .derived(let value): row.cells[columns[c]] = AmountPlacement.text(value)
      }
    }
    return used
  }

  /// A row as diagnostics name it: its code and its name (`2080102 一般行政管理事务`).
  static func subject(of row: Row, kinds: [String]) -> String {
    [row.code, name(of: row, kinds: kinds)].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// A row's name: its first non-empty text cell.
  static func name(of row: Row, kinds: [String]) -> String? {
    for (c, cell) in row.cells.enumerated() where c < kinds.count && kinds[c] == "text" && !cell.isEmpty {
      return TextNormalization.compact(cell)
    }
    return nil
  }

  // MARK: - Header

  private var headerCharacters: Set<Character> {
    var set = Set<Character>("类款项")
    for name in columns { set.formUnion(name.filter { $0 != "/" }) }
    return set
  }

  private func isHeaderLine(_ line: TextLine) -> Bool {
    let compact = TextNormalization.compact(line.text)
    guard !compact.isEmpty else { return true }
    if words.isTotal(compact) { return false }
    let characters = headerCharacters
    return compact.allSatisfy { characters.contains($0) || "（）()“”\"".contains($0) }
  }

  // MARK: - Tokens

  enum Token: Equatable {
    case code([String])
    case text(String)
    case amount(String)
  }

  /// Characters after digits that make them a quantity or a reference, not an amount or code.
  static let counters: Set<Character> = [
    "年", "月", "日", "号", "元", "人", "个", "次", "户", "家", "岁", "天", "项", "万", "亿", "%", "％", "】", "]",
    "）", ")", "-", "—", "－", "～", "~", "/", "、", "：", ":", "第",
  ]

  /// Characters after digits that make them a reference or a date, never a code (`403号`).
  static let codeBlockers: Set<Character> = [
    "年", "月", "日", "号", "元", "万", "亿", "%", "％", "】", "]", "）", ")", "-", "—", "－", "～", "~", "/", "、", "：", ":",
  ]

  private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
  private static func isCJK(_ c: Character) -> Bool { c.unicodeScalars.first.map(TextNormalization.isCJK) ?? false }

  func tokens(of line: String, next: String?) -> [Token] {
    let chars = Array(line)
    var tokens: [Token] = []
    var text = ""
    var i = 0
    func flushText() {
      if !text.isEmpty { tokens.append(.text(text)) }
      text = ""
    }
    func appendText(_ piece: String, spaced: Bool) {
      text = spaced && !text.isEmpty ? TextNormalization.join(text + " ", piece) : text + piece
    }
    if let code = leadingCode(chars, next: next) {
      tokens.append(.code(code.groups))
      i = code.end
    }
    var spaced = false
    while i < chars.count {
      let c = chars[i]
      if c == " " || c == "\u{3000}" {
        spaced = true
        i += 1
        continue
      }
      let startsNumber =
        Self.isDigit(c) || (c == "-" && i + 1 < chars.count && Self.isDigit(chars[i + 1]) && (i == 0 || chars[i - 1] == " "))
      if startsNumber {
        var j = i + 1
        while j < chars.count, Self.isDigit(chars[j]) || chars[j] == "," || chars[j] == "." { j += 1 }
        let run = String(chars[i..<j])
        let after: Character? = j < chars.count ? chars[j] : nil
        let before: Character? = i > 0 ? chars[i - 1] : nil
        let afterBreaks = after == nil || after == " " || after == "\u{3000}"
        let nextStartsCounter = after == nil && (next?.first.map { Self.counters.contains($0) } ?? false)
        let bracketed = before.map { "【[（(“\"".contains($0) } ?? false
        if afterBreaks, !nextStartsCounter, !bracketed, Amounts.decimal(from: run) != nil {
          flushText()
          tokens.append(.amount(run))
        } else if let after, Self.isCJK(after), !Self.counters.contains(after), !bracketed, run.contains("."),
          Amounts.decimal(from: run) != nil
        {
          // An amount with decimals right before the next label (收入总计15751.96支出总计).
          flushText()
          tokens.append(.amount(run))
        } else if let after, run.count == 3, run.allSatisfy(Self.isDigit), Self.isCJK(after), !Self.codeBlockers.contains(after),
          !bracketed
        {
          // A code inside the line: the expenditure side of a two-sided table (拨款208社会保障…).
          flushText()
          tokens.append(.code([run]))
        } else {
          appendText(run, spaced: spaced)
        }
        spaced = false
        i = j
        continue
      }
      var j = i + 1
      while j < chars.count, chars[j] != " ", chars[j] != "\u{3000}" {
        if Self.isDigit(chars[j]) { break }
        j += 1
      }
      appendText(String(chars[i..<j]), spaced: spaced)
      spaced = false
      i = j
    }
    flushText()
    return tokens
  }

  /// Digit groups at the start of a line that form a code, and where they end.
  private func leadingCode(_ chars: [Character], next: String?) -> (groups: [String], end: Int)? {
    var groups: [String] = []
    var i = 0
    while i < chars.count, groups.count < 3 {
      var j = i
      while j < chars.count, Self.isDigit(chars[j]) { j += 1 }
      let length = j - i
      let fits = groups.isEmpty ? [2, 3, 5, 7].contains(length) : length == 2
      guard fits else { break }
      let after: Character? = j < chars.count ? chars[j] : nil
      if let after, after != " ", !Self.isCJK(after) { break }
      if let after, Self.codeBlockers.contains(after) { break }
      groups.append(String(chars[i..<j]))
      i = j
      if after == " " {
        // Another group follows only as digits; else the code ends before the space.
        if j + 1 < chars.count, Self.isDigit(chars[j + 1]) {
          i = j + 1
          continue
        }
        i = j
        break
      }
      break
    }
    guard !groups.isEmpty else { return nil }
    // What follows the groups decides: a name, or the end of the line.
    var end = i
    while end < chars.count, chars[end] == " " { end += 1 }
    if end < chars.count {
      guard Self.isCJK(chars[end]), !Self.codeBlockers.contains(chars[end]) else {
        // `104 104`: amounts; keep the leading groups only when they stop at a name.
        return nil
      }
      if groups[0].count == 2, groups.count == 1 || groups.dropFirst().allSatisfy({ $0.count == 2 }) {
        return (groups, end)
      }
      return groups[0].count >= 3 ? (groups, end) : nil
    }
    // The line is only digit groups: a code when split into parts, or when the next line
    // continues it with a 2-digit part and a name.
    if groups.count >= 2, groups[0].count == 3 { return (groups, end) }
    if groups.count == 1, groups[0].count == 3, let next {
      let n = Array(next)
      if n.count > 2, Self.isDigit(n[0]), Self.isDigit(n[1]), Self.isCJK(n[2]) || n[2] == " " { return (groups, end) }
    }
    return nil
  }

  // MARK: - Rows

  private struct Pending {
    var code: [String] = []
    var texts: [String] = []
    var amounts: [String] = []
    var page: Int
    var isEmpty: Bool { code.isEmpty && texts.isEmpty && amounts.isEmpty }
  }

  private var codeColumns: [Int] { kinds.indices.filter { kinds[$0] == "code" } }
  private var textColumns: [Int] { kinds.indices.filter { kinds[$0] == "text" } }
  private var amountColumns: [Int] { kinds.indices.filter { kinds[$0] == "amount" } }

  private func oneSidedRows(_ lines: [([Token], Int)]) -> Output {
    var rows: [Pending] = []
    var current: Pending?
    let hasCodes = !codeColumns.isEmpty
    func finish() {
      if let c = current, !c.isEmpty { rows.append(c) }
      current = nil
    }
    let flat = lines.flatMap { line in line.0.enumerated().map { (token: $0.element, first: $0.offset == 0, page: line.1) } }
    for (t, entry) in flat.enumerated() {
      switch entry.token {
      case .code(let groups):
        if var c = current, c.texts.isEmpty, c.amounts.isEmpty, !c.code.isEmpty, c.code.count + groups.count <= max(codeColumns.count, 1) {
          c.code += groups
          current = c
        } else {
          finish()
          current = Pending(code: groups, page: entry.page)
        }
      case .text(let text):
        guard var c = current else {
          current = Pending(texts: [text], page: entry.page)
          continue
        }
        if !c.amounts.isEmpty {
          let amountsAhead = flat[(t + 1)...].prefix { if case .code = $0.token { false } else { true } }.contains {
            if case .amount = $0.token { true } else { false }
          }
          if words.isTotal(text) || amountsAhead || !hasCodes {
            finish()
            current = Pending(texts: [text], page: entry.page)
          } else {
            c.texts.append(text)
            current = c
          }
        } else if !hasCodes, entry.first, !c.texts.isEmpty, !continues(text) {
          finish()
          current = Pending(texts: [text], page: entry.page)
        } else if words.isTotal(text), !c.isEmpty {
          finish()
          current = Pending(texts: [text], page: entry.page)
        } else {
          c.texts.append(text)
          current = c
        }
      case .amount(let amount):
        if current == nil { current = Pending(page: entry.page) }
        current?.amounts.append(amount)
      }
    }
    finish()

    // Cells and codes.
    var output = Output()
    var lastCode = ""
    var items: [AmountPlacement.Item] = []
    var sawCode = false
    for pending in rows {
      var cells = Array(repeating: "", count: columns.count)
      var code: String?
      if !pending.code.isEmpty, !codeColumns.isEmpty {
        let first = pending.code[0]
        var column = first.count == 2 && codeColumns.count > 1 ? 1 : 0
        var full = first.count == 2 ? String(lastCode.prefix(3 + 2 * (column - 1))) : ""
        if first.count == 2, full.count != 3 + 2 * (column - 1) { full = "" }
        for part in pending.code {
          if column < codeColumns.count { cells[codeColumns[column]] = part }
          full += part
          column += 1
        }
        if first.count == 2 && full.count == 2 { full = "" }
        code = full.isEmpty ? nil : full
        if let code { lastCode = code }
      }
      let label = pending.texts.reduce("") { TextNormalization.join($0, $1) }
      let normalized = TextNormalization.normalize(label)
      if let nameColumn = textColumns.first {
        cells[nameColumn] = normalized
        if textColumns.count > 1, let code, let known = knownNames[code] {
          let compact = TextNormalization.compact(label)
          if compact.hasPrefix(known), compact.count > known.count {
            cells[nameColumn] = known
            cells[textColumns[1]] = TextNormalization.normalize(String(compact.dropFirst(known.count)))
          }
        }
      }
      let role: AmountPlacement.Role =
        code != nil ? .item : words.isTotal(label) ? .total : (!sawCode && !pending.amounts.isEmpty ? .department : .item)
      if code != nil { sawCode = true }
      items.append(AmountPlacement.Item(amounts: pending.amounts.compactMap(Amounts.decimal(from:)), code: code, role: role))
      output.rows.append(Row(cells: cells, code: code, page: pending.page))
      output.unplaced.append([])
    }
    let printed = rows.map(\.amounts)
    place(items, printed: printed, columns: amountColumns, side: nil, into: &output)
    return output
  }

  private func continues(_ text: String) -> Bool {
    let compact = TextNormalization.compact(text)
    return compact.count <= 1 || compact.hasPrefix("（") || compact.hasPrefix("(")
  }

  /// Runs the placement for one side and writes the cells.
  private func place(
    _ items: [AmountPlacement.Item], printed: [[String]], columns: [Int], side: String?, into output: inout Output,
    rowIndex: [Int]? = nil
  ) {
    let sideSums: [AmountPlacement.Sum] = sums.compactMap { sum in
      if let s = sum.side, s != side { return nil }
      if sum.side == nil, side != nil, twoSided { return nil }
      guard let total = column(sum.total, in: columns) else { return nil }
      if let names = sum.parts {
        let parts = names.compactMap { column($0, in: columns) }
        guard parts.count == names.count else { return nil }
        return AmountPlacement.Sum(total: total, parts: parts)
      }
      return AmountPlacement.Sum(total: total, parts: columns.indices.filter { $0 != total })
    }
    let codes = items.compactMap(\.code)
    let economic = !codes.isEmpty && codes.allSatisfy { $0.count <= 5 } && codeColumns.count == 2
    let placement = AmountPlacement(
      columnCount: columns.count, sums: sideSums, levels: levels ?? (economic ? [3, 5] : [3, 5, 7]))
    let result = placement.place(items)
    output.sides.append((columns, items.indices.map { rowIndex?[$0] ?? $0 }, printed, result.winners))
    for i in items.indices {
      let r = rowIndex?[i] ?? i
      Self.write(result.cells[i], printed: printed[i], columns: columns, into: &output.rows[r])
      output.unplaced[r] += result.unplaced[i].map { printed[i][$0] }
    }
    for note in result.notes {
      output.notes.append((note.item.map { rowIndex?[$0] ?? $0 }, note.message, note.undecided))
    }
  }

  /// The position among `columns` of the first column named by one of `names`.
  private func column(_ names: [String], in columns: [Int]) -> Int? {
    for name in names {
      let wanted = TextNormalization.compact(name)
      if let index = columns.indices.first(where: { CheckTable.header(self.columns[columns[$0]], matches: wanted) }) {
        return index
      }
    }
    return nil
  }

  // MARK: - Two-sided tables

  private struct SideItem {
    var label = ""
    var code: String?
    var amounts: [String] = []
    var page: Int
  }

  private func twoSidedRows(_ lines: [([Token], Int)]) -> Output {
    var left: [SideItem] = []
    var right: [SideItem] = []
    var open: Int?  // 0: the last left label is open; 1: the right one
    for (tokens, page) in lines {
      let split = tokens.firstIndex { token in
        switch token {
        case .code: true
        case .text(let text): words.expenditureTotals.contains { TextNormalization.compact(text).hasPrefix($0) }
        case .amount: false
        }
      }
      let leftTokens = tokens[..<(split ?? tokens.count)]
      let rightTokens = split.map { tokens[$0...] } ?? []
      // A short text line continues the label left open on the line before.
      if rightTokens.isEmpty, leftTokens.count == 1, case .text(let text) = leftTokens.first, let side = open,
        side == 0 || continues(text)
      {
        if side == 0, !left.isEmpty {
          left[left.count - 1].label = TextNormalization.join(left[left.count - 1].label, text)
          continue
        }
        if side == 1, !right.isEmpty {
          right[right.count - 1].label = TextNormalization.join(right[right.count - 1].label, text)
          continue
        }
      }
      open = nil
      if !leftTokens.isEmpty, !rightTokens.isEmpty {
        while left.count < right.count { left.append(SideItem(page: page)) }
        while right.count < left.count { right.append(SideItem(page: page)) }
      }
      if !leftTokens.isEmpty {
        var item = SideItem(page: page)
        for token in leftTokens {
          switch token {
          case .text(let text): item.label = TextNormalization.join(item.label, text)
          case .amount(let amount): item.amounts.append(amount)
          case .code(let groups): item.label += groups.joined(separator: " ")
          }
        }
        left.append(item)
        if item.amounts.isEmpty, rightTokens.isEmpty { open = 0 }
      }
      if !rightTokens.isEmpty {
        var item = SideItem(page: page)
        for token in rightTokens {
          switch token {
          case .code(let groups):
            if item.code == nil, item.label.isEmpty { item.code = groups.joined() }
            item.label += groups.joined(separator: " ")
          case .text(let text): item.label = item.label.isEmpty ? text : TextNormalization.join(item.label, text)
          case .amount(let amount): item.amounts.append(amount)
          }
        }
        right.append(item)
        if item.amounts.isEmpty { open = 1 }
      }
    }
    let count = max(left.count, right.count)
    let texts = textColumns
    guard texts.count >= 2 else { return Output() }
    let leftAmounts = amountColumns.filter { $0 < texts[1] }
    let rightAmounts = amountColumns.filter { $0 > texts[1] }
    var output = Output()
    for r in 0..<count {
      var cells = Array(repeating: "", count: columns.count)
      let l = r < left.count ? left[r] : nil
      let rt = r < right.count ? right[r] : nil
      cells[texts[0]] = TextNormalization.normalize(l?.label ?? "")
      cells[texts[1]] = TextNormalization.normalize(rt?.label ?? "")
      output.rows.append(Row(cells: cells, code: rt?.code, page: l?.page ?? rt?.page ?? 0))
      output.unplaced.append([])
    }
    for (side, items, amountColumns) in [("revenue", left, leftAmounts), ("expenditure", right, rightAmounts)] {
      let indices = items.indices.filter { !items[$0].label.isEmpty || !items[$0].amounts.isEmpty }
      let placementItems = indices.map { i in
        let item = items[i]
        let role: AmountPlacement.Role = words.isTotal(item.label) ? .total : .item
        return AmountPlacement.Item(amounts: item.amounts.compactMap(Amounts.decimal(from:)), code: item.code, role: role)
      }
      place(placementItems, printed: indices.map { items[$0].amounts }, columns: amountColumns, side: side, into: &output, rowIndex: indices)
    }
    return output
  }
}
