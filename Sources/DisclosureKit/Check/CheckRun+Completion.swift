import Foundation

/// Budget against outturn in prose (`年初预算为X万元，支出决算为Y万元，完成年初预算的Z%。决算数大于预算数…`)
/// and reporting dates against the document's year.
extension CheckRun {
  /// One quote of a budget and its outturn.
  struct Completion {
    var range: Range<String.Index>
    var budgetWord: String
    var budget: Decimal
    var outturn: Decimal
    var base: String?
    var rate: String?
    /// The outturn as printed (its precision).
    var printedOutturn: String? = nil
  }

  mutating func proseCompletion(_ rule: CheckRule, tolerance: Decimal, percentTolerance: Decimal) {
    var any = false
    for passage in passages(rule.sections) {
      guard prose.mentionsAll(.completionHints, in: passage.text) else { continue }
      var found: [Completion] = matches(prose.pattern(.completion), in: passage.text).compactMap { match in
        guard let budget = Self.number(match.groups[1]), let outturn = Self.number(match.groups[2]) else { return nil }
        return Completion(
          range: match.range, budgetWord: match.groups[0] ?? prose.budgetWord, budget: budget, outturn: outturn, base: match.groups[3],
          rate: match.groups[4], printedOutturn: match.groups[2])
      }
      for match in matches(prose.pattern(.completionInRate), in: passage.text) {
        guard let outturn = Self.number(match.groups[0]), let budget = Self.number(match.groups[2]),
          !found.contains(where: { $0.range.overlaps(match.range) })
        else { continue }
        let word = match.groups[1] ?? prose.budgetWord
        found.append(
          Completion(
            range: match.range, budgetWord: word, budget: budget, outturn: outturn, base: word, rate: match.groups[3],
            printedOutturn: match.groups[0]))
      }
      found.sort { $0.range.lowerBound < $1.range.lowerBound }
      for (index, match) in found.enumerated() {
        let budget = match.budget
        let outturn = match.outturn
        any = true
        let sentence = Self.sentence(in: passage.text, around: match.range)
        let budgetWord = match.budgetWord
        let quote = String(passage.text[match.range])
        let figures = [
          quoted(passage, sentence, role: "budget", value: budget), quoted(passage, nil, role: "outturn", value: outturn),
        ]
        // Z% against Y ÷ X, on the base the sentence names.
        if let printed = match.rate, let rate = Self.number(printed) {
          let base = match.base ?? prose.budgetWord
          if budget == 0 {
            skip(rule, "\(passage.path): \(quote): a completion rate of a budget of 0", figures: figures)
          } else if base != prose.budgetWord && budgetWord != prose.budgetWord && base != budgetWord {
            skip(
              rule, "\(passage.path): \(quote): the rate is of \(base), which the sentence does not quote (it quotes \(budgetWord))",
              figures: figures)
          } else {
            let computed = outturn / budget * 100
            findings.append(
              CheckFinding(
                rule: rule.id,
                status: Self.percentStatus(printed: printed, value: rate, computed: computed, tolerance: percentTolerance),
                message:
                  "\(passage.path): \(quote): \(CheckReport.amount(outturn)) of \(budgetWord) \(CheckReport.amount(budget)) is \(CheckReport.number(Self.rounded(computed, max(Self.decimals(printed), 2))))%",
                expected: computed, found: rate, figures: figures))
          }
        }
        // The verdict word, after the quote and before the next one.
        let end = index + 1 < found.count ? found[index + 1].range.lowerBound : passage.text.endIndex
        let tail = String(passage.text[match.range.upperBound..<end].prefix(160))
        if let verdict = matches(prose.pattern(.verdict), in: tail).first {
          // The agreeing phrase (group 2) means equal.
          let holds = prose.holds(verdict.groups[0] ?? "", outturn, budget)
          let verdictText = String(tail[verdict.range])
          findings.append(
            CheckFinding(
              rule: rule.id, status: holds ? .pass : .fail,
              message:
                "\(passage.path): \(verdictText): 决算 \(CheckReport.amount(outturn)) against \(budgetWord) \(CheckReport.amount(budget)) \(holds ? "agrees" : "does not agree")",
              expected: budget, found: outturn, figures: figures))
        }
        // The amounts against the table: the rule's subject, or the item the path names.
        let start = index > 0 ? found[index - 1].range.upperBound : passage.text.startIndex
        let before = String(passage.text[start..<match.range.lowerBound])
        let clause = Self.clause(endingAt: match.range.lowerBound, in: passage.text)
        if !rule.subjects.isEmpty, rule.subjects.contains(where: { clause.contains(literal: $0) }) {
          compareCompletion(rule, passage, sentence, outturn, rule.figure, role: "outturn", tolerance: tolerance)
          if !rule.budgetFigure.isEmpty {
            compareCompletion(rule, passage, sentence, budget, rule.budgetFigure, role: "budget", tolerance: tolerance)
          }
        } else if let path = matches(prose.pattern(.itemPath), in: before).last, !rule.figure.isEmpty,
          let names = Self.itemNames(path.groups, listPrefixes: prose.words(.listPrefixes))
        {
          compareItem(rule, passage, sentence, outturn, role: "outturn", names: names, printed: match.printedOutturn, tolerance: tolerance)
        }
      }
    }
    if !any { skip(rule, "no sentence quotes 预算为…万元，决算为…万元\(Self.scope(rule))") }
  }

  /// The clause that ends at `end`: back to the previous 。；, or a comma after an amount.
  static func clause(endingAt end: String.Index, in text: String) -> String {
    var start = end
    var scanned = 0
    while start > text.startIndex, scanned < 60 {
      let previous = text.index(before: start)
      if "。；;".contains(text[previous]) { break }
      start = previous
      scanned += 1
    }
    return TextNormalization.compact(String(text[start..<end]))
  }

  private mutating func compareCompletion(
    _ rule: CheckRule, _ passage: Passage, _ sentence: String, _ value: Decimal, _ figure: [CheckRule.FigureReference],
    role: String, tolerance: Decimal
  ) {
    let resolved = resolve(figure, role: "table", performance: nil)
    guard case .figure(let table, let name) = resolved else {
      if case .missing(let reason) = resolved {
        skip(rule, "\(passage.path): \(role) \(CheckReport.amount(value)): \(reason)", figures: [quoted(passage, sentence, role: role, value: value)])
      }
      return
    }
    let unit = table.source.table.flatMap { number in document.tables.first { $0.number == number }?.unit }
    let expected = inProseUnit(table.value ?? 0, unit: unit)
    findings.append(
      CheckFinding(
        rule: rule.id, status: quotedStatus(found: value, expected: expected, unit: unit, tolerance: tolerance),
        message: "\(passage.path): \(role == "budget" ? "预算" : "决算") \(CheckReport.amount(value)) quoted; \(name) is \(Self.text(table.value))",
        expected: expected, found: value, figures: [quoted(passage, sentence, role: role, value: value), table]))
  }

  /// An item's 决算 against the row its 类/款/项 names pick in the rule's table: the 类 row by
  /// name, the 款 row by name under it, the 项 row by name under that.
  private mutating func compareItem(
    _ rule: CheckRule, _ passage: Passage, _ sentence: String, _ value: Decimal, role: String, names: [String],
    printed: String? = nil, tolerance: Decimal
  ) {
    let path = names.joined(separator: "/")
    for reference in rule.figure {
      guard let tableReference = reference.table, let table = table(tableReference), let view = view(table, side: reference.side)
      else { continue }
      // The column the rule names, or the table's only amount column; never a guess among several.
      let column = reference.column.map { view.column($0) } ?? (view.amountColumns.count == 1 ? view.amountColumns.first : nil)
      guard let column else {
        skip(
          rule, "\(passage.path): \(view.name) has no column \(reference.column?.joined(separator: " or ") ?? "of amounts")",
          figures: [quoted(passage, sentence, role: role, value: value)])
        return
      }
      var prefix = ""
      var row: Int?
      for (level, name) in zip([3, 5, 7], names) {
        row = view.rows.indices.first { index in
          guard let code = view.codes[index], code.count == level, code.hasPrefix(prefix) else { return false }
          return view.names[index] == name
        }
        guard let found = row, let code = view.codes[found] else { break }
        prefix = code
      }
      if view.codes.allSatisfy({ $0 == nil }) {
        // A table that prints no codes (names only, the hierarchy by indentation): the 类, 款 and
        // 项 names in order down the table, each part no larger than the row above it.
        row = Self.rowByNamesInOrder(names, in: view, column: column)
      }
      let level = [3, 5, 7][min(names.count, 3) - 1]
      guard let row, view.codes[row]?.count == level || view.codes.allSatisfy({ $0 == nil }) else {
        skip(
          rule, "\(passage.path): \(path): no such 类/款/项 row in \(view.name)",
          figures: [quoted(passage, sentence, role: role, value: value)])
        return
      }
      appendRowQuote(
        rule, view, row: row, column: column, quote: quoted(passage, sentence, role: role, value: value),
        subject: "\(passage.path): \(path)", code: view.codes[row] ?? "", printed: printed, tolerance: tolerance)
      return
    }
  }

  // MARK: Items

  mutating func proseItem(_ rule: CheckRule, tolerance: Decimal) {
    var any = false
    for passage in passages(rule.sections) {
      guard prose.mentions(.itemPathHints, in: passage.text) else { continue }
      var paths = matches(prose.pattern(.itemPath), in: passage.text)
      // Under a heading that names the 类 alone, a 款/项 path is that 类's.
      if let heading = matches(prose.pattern(.headingItemClass), in: passage.sectionName).first, let itemClass = heading.groups[0] {
        for path in matches(prose.pattern(.subItemPath), in: passage.text) where !paths.contains(where: { $0.range.overlaps(path.range) }) {
          paths.append((path.range, [itemClass] + path.groups))
        }
      }
      paths.sort { $0.range.lowerBound < $1.range.lowerBound }
      for (index, path) in paths.enumerated() {
        // The amount is the path's own: the text read stops where the next path starts
        // (“社会保障和就业支出”科目中“行政事业单位养老支出”科目200万元 quotes the 款's).
        let next = index + 1 < paths.count ? paths[index + 1].range.lowerBound : passage.text.endIndex
        guard path.range.upperBound <= next else { continue }
        let after = String(passage.text[path.range.upperBound..<next].prefix(40))
        guard let quote = matches(prose.pattern(.itemAmount), in: after).first, let value = Self.number(quote.groups[0]) else { continue }
        any = true
        guard let names = Self.itemNames(path.groups, listPrefixes: prose.words(.listPrefixes)) else { continue }
        let sentence = Self.sentence(in: passage.text, around: path.range)
        compareItem(rule, passage, sentence, value, role: "quoted", names: names, printed: quote.groups[0], tolerance: tolerance)
      }
    }
    if !any { skip(rule, "no amount quoted after a 类/款/项 path\(Self.scope(rule))") }
  }

  /// The names of a 类/款/项 path's groups, compact; the stop of a list's number before the 类
  /// or 款, which a name group takes (`.统计信息事务` in `1.统计信息事务（款）…`), is not part of it. Groups that capture nothing end the path
  /// early: a 类's (“一般公共服务支出”科目12,789万元) or a 款's. Nil for a path with a gap.
  /// The 类 name also loses a list's numbering or opening before it (`1.`, `（一）`, `其中：`,
  /// `listPrefixes`).
  static func itemNames(_ groups: [String?], listPrefixes: [String]) -> [String]? {
    var names = groups.map { String(TextNormalization.compact($0 ?? "").drop { ".．、".contains($0) }) }
    while names.last?.isEmpty == true { names.removeLast() }
    guard !names.isEmpty, !names.contains(where: \.isEmpty) else { return nil }
    var first = names[0]
    if let prefix = listPrefixes.first(where: { first.hasPrefix($0) }) { first = String(first.dropFirst(prefix.count)) }
    while let head = first.first, head.isASCII || "．、：:".contains(head) { first.removeFirst() }
    names[0] = first
    return names
  }

  /// The last row of a table without codes that `names` (类, 款, 项, or the first of them) pick
  /// in order: the first row named as the 类, then the first below it named as the 款, then the
  /// first below that named as the 项; nil unless the 类 name is on one row only and each row's
  /// amount in `column` is no larger than the one above it.
  static func rowByNamesInOrder(_ names: [String], in view: CheckTable, column: Int) -> Int? {
    guard (1...3).contains(names.count), view.names.filter({ $0 == names[0] }).count == 1 else { return nil }
    var picked: [Int] = []
    var start = 0
    for name in names {
      guard start < view.rows.count, let found = view.rows.indices[start...].first(where: { view.names[$0] == name }) else { return nil }
      picked.append(found)
      start = found + 1
    }
    let values = picked.map { view.value($0, column) ?? 0 }
    guard zip(values.dropFirst(), values).allSatisfy({ $0 <= $1 }) else { return nil }
    return picked.last
  }

  /// A quoted amount (`quote`, in 万元) against one cell of a table, converted from the table's unit.
  private mutating func appendRowQuote(
    _ rule: CheckRule, _ view: CheckTable, row: Int, column: Int, quote: CheckFigure, subject: String, code: String,
    printed: String? = nil, tolerance: Decimal
  ) {
    let value = quote.value ?? 0
    let expected = inProseUnit(view.value(row, column) ?? 0, unit: view.table.unit)
    findings.append(
      CheckFinding(
        rule: rule.id, status: quotedStatus(found: value, printed: printed, expected: expected, unit: view.table.unit, tolerance: tolerance),
        message:
          "\(subject) \(CheckReport.amount(value)) quoted; \(view.name) \(code) \(view.header[column]) is \(Self.text(view.value(row, column)))",
        expected: expected, found: value,
        figures: [quote, CheckFigure(role: "table", value: view.value(row, column), source: view.source(row, column))]))
  }

  // MARK: Coded items

  /// Amounts quoted with a 功能 or 经济 classification code (3, 5 or 7 digits) against the row
  /// that prints that code and name. A code that no table of the rule prints, or prints under
  /// another name, or on several rows, is skipped with the reason: never a guess.
  mutating func proseCodedItem(_ rule: CheckRule, tolerance: Decimal) {
    var any = false
    for passage in passages(rule.sections) {
      guard passage.text.contains(literal: prose.unit), Self.mayHoldCode(passage.text) else { continue }
      var quotes: [(range: Range<String.Index>, name: String, code: String, value: Decimal)] = []
      for match in matches(prose.pattern(.bracketCodedItem), in: passage.text) {
        guard let name = match.groups[0], let code = match.groups[1], let value = Self.number(match.groups[2]) else { continue }
        quotes.append((match.range, name, code, value))
      }
      for match in matches(prose.pattern(.prefixCodedItem), in: passage.text) {
        guard let code = match.groups[0], let name = match.groups[1], let value = Self.number(match.groups[2]),
          !quotes.contains(where: { $0.range.overlaps(match.range) })
        else { continue }
        quotes.append((match.range, name, code, value))
      }
      for quote in quotes.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
        any = true
        let sentence = Self.sentence(in: passage.text, around: quote.range)
        // A list's numbering or 其中 before the name is not part of it (`1.行政运行`, `其中：…`).
        var name = TextNormalization.compact(quote.name)
        if let prefix = prose.words(.listPrefixes).first(where: { name.hasPrefix($0) }) { name = String(name.dropFirst(prefix.count)) }
        while let head = name.first, head.isASCII || "．、：:".contains(head) { name.removeFirst() }
        compareCodedItem(rule, passage, sentence, quote.value, name: name, code: quote.code, tolerance: tolerance)
      }
    }
    if !any { skip(rule, "no amount quoted with a classification code\(Self.scope(rule))") }
  }

  /// Whether `text` has a run of three, five or seven digits that is not part of an amount or a
  /// year (a plain byte scan before the regular expressions).
  static func mayHoldCode(_ text: String) -> Bool {
    var run = 0
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        if run == 0 && (previous == UInt8(ascii: ".") || previous == UInt8(ascii: ",")) { run = -100 }
        run += 1
      } else {
        if (run == 3 || run == 5 || run == 7) && byte != UInt8(ascii: ".") && byte != UInt8(ascii: ",") { return true }
        run = 0
      }
      previous = byte
    }
    return run == 3 || run == 5 || run == 7
  }

  private mutating func compareCodedItem(
    _ rule: CheckRule, _ passage: Passage, _ sentence: String, _ value: Decimal, name: String, code: String, tolerance: Decimal
  ) {
    let figure = quoted(passage, sentence, role: "quoted", value: value)
    var reasons: [String] = []
    for reference in rule.figure where !reference.byName {
      guard let tableReference = reference.table, let table = table(tableReference), let view = view(table, side: reference.side)
      else { continue }
      // Rows that print the code, in the row's code or in any code column (a 政府经济 code beside
      // the 部门经济 one).
      let printing = view.rows.indices.filter { index in
        view.codes[index] == code
          || view.rows[index].cells.indices.contains { column in
            (column >= view.kinds.count || view.kinds[column] != "amount") && TextNormalization.compact(view.rows[index].cells[column]) == code
          }
      }
      guard !printing.isEmpty else { continue }
      // The name quoted must be a text cell of that row (or open it: 行政运行 / 行政运行支出).
      let named = printing.filter { index in
        view.rows[index].cells.indices.contains { column in
          guard column >= view.kinds.count || (view.kinds[column] != "code" && view.kinds[column] != "amount") else { return false }
          let cell = CheckTable.name(view.rows[index].cells[column], words: view.words)
          return !cell.isEmpty && (cell == name || name.hasPrefix(cell) || cell.hasPrefix(name))
        }
      }
      guard named.count == 1, let row = named.first else {
        reasons.append(
          named.isEmpty
            ? "\(view.name) prints \(code) as \(CheckTable.name(view.printedLabels[printing[0]], words: view.words)), not \(name)"
            : "\(view.name) prints \(code) \(name) on \(named.count) rows")
        continue
      }
      let column = reference.column.map { view.column($0) } ?? (view.amountColumns.count == 1 ? view.amountColumns.first : nil)
      guard let column else {
        reasons.append("\(view.name) has no column \(reference.column?.joined(separator: " or ") ?? "of amounts")")
        continue
      }
      appendRowQuote(rule, view, row: row, column: column, quote: figure, subject: "\(passage.path): \(name)（\(code)）", code: code, tolerance: tolerance)
      return
    }
    // No table prints the code (the 部门综合预算 表4 lists 政府预算经济分类 classes by name only,
    // 1、机关工资福利支出 | 59,775,528.93): the row printing the name, when every such row says the
    // same amount.
    if reasons.isEmpty, let (view, row, column) = namedItem(rule, name: name) {
      appendRowQuote(
        rule, view, row: row, column: column, quote: figure, subject: "\(passage.path): \(name)（\(code)）",
        code: "\(CheckTable.name(view.rows[row].cells[column - 1], words: view.words)) (by name)", tolerance: tolerance)
      return
    }
    let why = reasons.first ?? "no table of the rule prints \(code)"
    skip(rule, "\(passage.path): \(name)（\(code)）\(CheckReport.amount(value)): \(why)", figures: [figure])
  }

  /// The cell naming `name` (after its numbering: 1、机关工资福利支出) in a text column of the
  /// rule's `byName` tables, on a row without a code, with the amount in the column right of it
  /// (a blank one is a zero); nil when no such cell is printed, or when two say different
  /// amounts.
  private mutating func namedItem(_ rule: CheckRule, name: String) -> (CheckTable, Int, Int)? {
    guard !name.isEmpty else { return nil }
    var found: [(view: CheckTable, row: Int, column: Int)] = []
    for reference in rule.figure where reference.byName {
      guard let tableReference = reference.table, let table = table(tableReference), let view = view(table, side: reference.side)
      else { continue }
      for (index, row) in view.rows.enumerated() where view.codes[index] == nil {
        for column in row.cells.indices.dropLast() where column < view.kinds.count && view.kinds[column] == "text" {
          // A blank amount beside the name is a zero (对事业单位资本性补助 | blank, quoted 0.00).
          guard column + 1 < view.kinds.count, view.kinds[column + 1] == "amount",
            CheckTable.name(row.cells[column], words: view.words) == name
          else { continue }
          found.append((view, index, column + 1))
        }
      }
    }
    guard let first = found.first,
      found.allSatisfy({ ($0.view.value($0.row, $0.column) ?? 0) == (first.view.value(first.row, first.column) ?? 0) })
    else { return nil }
    return first
  }

  // MARK: Dates

  /// Years in reporting dates (截至YYYY年12月31日) and the like against the document's year.
  mutating func proseDates(_ rule: CheckRule) {
    guard let year = document.metadata.year else {
      skip(rule, "the document's year is unknown")
      return
    }
    var any = false
    for (path, _, section) in sections {
      for paragraph in section.paragraphs {
        for pattern in rule.patterns {
          guard paragraph.contains(literal: "年"), let expression = patterns.expression(pattern) else { continue }
          for match in expression.matches(in: paragraph, range: NSRange(paragraph.startIndex..., in: paragraph)) {
            guard let range = Range(match.range(withName: "year"), in: paragraph), let printed = Int(paragraph[range]),
              let whole = Range(match.range, in: paragraph)
            else { continue }
            any = true
            let sentence = Self.sentence(in: paragraph, around: whole)
            let expected = year + rule.yearOffset
            let relation = rule.yearOffset == 0 ? "the document's year is \(year)" : "the document's year is \(year), so \(expected) is expected"
            findings.append(
              CheckFinding(
                rule: rule.id, status: printed == expected ? .pass : .fail,
                message: "\(path): \(paragraph[whole]) names \(printed); \(relation)",
                expected: Decimal(expected), found: Decimal(printed),
                figures: [CheckFigure(role: "date", value: Decimal(printed), source: CheckSource(section: path, text: sentence, page: section.page))]))
          }
        }
      }
    }
    if !any { skip(rule, "no reporting date in the explanations") }
  }
}
