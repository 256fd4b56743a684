import Foundation

/// Prose rules: quoted amounts against tables, shares and growth rates against their own
/// arithmetic, comparison words against the numbers, headings against the metadata.
extension CheckRun {
  /// A paragraph of a section with the section's number path.
  struct Passage {
    let path: String
    let page: Int
    var text: String
    /// The name its section's heading gives (numbering dropped, compact) when it is the
    /// section's first paragraph: `（一）因公出国（境）经费` over `2026年预算安排7.05万元`.
    var headingName: String? = nil
    /// Its section's heading, numbering dropped, compact (every paragraph of the section).
    var sectionName: String = ""
  }

  /// Sections as `(number path, section)`, depth first.
  static func flattened(_ sections: [Section]) -> [(String, Section)] {
    var out: [(String, Section)] = []
    func walk(_ sections: [Section], _ parent: String) {
      for section in sections {
        let path = parent.isEmpty ? section.number : parent + "/" + section.number
        out.append((path, section))
        walk(section.children, path)
      }
    }
    walk(sections, "")
    return out
  }

  /// The paragraphs of the sections `selector` picks, with their sub-sections' paragraphs.
  mutating func passages(_ selector: CheckRule.SectionSelector?) -> [Passage] {
    if let cached = passageCache[selector] { return cached }
    let passages = choosePassages(selector)
    passageCache[selector] = passages
    return passages
  }

  private func choosePassages(_ selector: CheckRule.SectionSelector?) -> [Passage] {
    var chosen = Set<String>()
    let titles = selector.map { ($0.title.map(TextNormalization.compact), $0.exclude.map(TextNormalization.compact)) }
    for (path, heading, _) in sections {
      if let (title, exclude) = titles {
        // Inside a chosen section: one of the path's ancestors (the parts before a "/") is chosen.
        let inside = path.indices.contains { path[$0] == "/" && chosen.contains(String(path[..<$0])) }
        let picked =
          title.contains { heading.contains(literal: $0) } && !exclude.contains { heading.contains(literal: $0) }
        guard inside || picked else { continue }
      }
      chosen.insert(path)
    }
    return sections.filter { chosen.contains($0.path) }.flatMap { path, heading, section in
      let sectionName = TextNormalization.compact(Headings.numbered(heading)?.rest ?? heading)
      return section.paragraphs.enumerated().map { index, text in
        let name = index == 0 && section.children.isEmpty ? sectionName : nil
        return Passage(path: path, page: section.page, text: text, headingName: name, sectionName: sectionName)
      }
    }
  }

  /// The passages of `selector` for the list relations: a paragraph that ends opening a list
  /// (`…合计3,210.1万元，其中：`, `…总计3,210.1万元。包括：`) carries the paragraphs that are its
  /// items, which some producers print one per paragraph:
  /// - items that each end with a semicolon, up to the one that ends the sentence, as printed
  ///   (`基本支出2,235.04万元，占69.63%；`);
  /// - numbered items of the numbering the first one uses (`1．本年收入合计3,210.1万元。`), up to
  ///   a paragraph numbered like the opener itself or not numbered, each as its first clause with
  ///   its number dropped; items nested under them (`（1）…`) are not the list's.
  /// The item paragraphs stay passages of their own as well (one may open a list itself); a
  /// joined paragraph is new text only the list relations read, so no figure is quoted twice.
  mutating func listPassages(_ selector: CheckRule.SectionSelector?) -> [Passage] {
    let plain = passages(selector)
    return plain.indices.map { index in
      var passage = plain[index]
      let text = passage.text
      guard let last = text.last, "：:".contains(last), prose.words(.listHints).contains(where: { text.dropLast().hasSuffix($0) })
      else { return passage }
      let following = plain[(index + 1)...].prefix { $0.path == passage.path }
      guard let first = following.first else { return passage }
      var items: [String] = []
      if let end = first.text.last, "；;".contains(end) {
        var closed = false
        for item in following {
          guard item.text.contains(literal: prose.unit), let end = item.text.last else { break }
          // An item's own 其中 list is its paragraph's, not this list's.
          var own = Substring(item.text)
          if let nested = prose.words(.nestedList).compactMap({ own.range(ofLiteral: $0)?.lowerBound }).min() { own = own[..<nested] }
          while let last = own.last, "，,；;。：:".contains(last) { own = own.dropLast() }
          guard own.contains(literal: prose.unit) else { return passage }
          items.append(String(own))
          if !"；;".contains(end) {
            closed = "。".contains(end)
            break
          }
        }
        guard closed else { return passage }
        passage.text = text + items.joined(separator: "；") + "。"
        return passage
      }
      guard let style = Headings.numbered(first.text)?.level else { return passage }
      let openerStyle = Headings.numbered(text)?.level
      var expected = 1
      for item in following {
        // The list ends at the opener's numbering or any outer one, at an unnumbered paragraph,
        // and where its numbers stop following on (a second list's 1．); deeper items are nested.
        guard let numbered = Headings.numbered(item.text), numbered.level != openerStyle, numbered.level >= style else { break }
        guard numbered.level == style else { continue }
        guard Self.numberValue(numbered.number) == expected else { break }
        expected += 1
        let clause = Self.firstClause(numbered.rest)
        guard clause.contains(literal: prose.unit) else { return passage }
        items.append(clause)
      }
      guard items.count >= 2 else { return passage }
      passage.text = text + items.joined(separator: "；") + "。"
      return passage
    }
  }

  /// The value of a list item's number: 3 for `3`, `三` or `（3）`'s number.
  static func numberValue(_ number: String) -> Int? {
    Int(number) ?? Headings.value(ofNumeral: number)
  }

  /// The text up to its first comma or stop; a comma between digits (3,210.1) is a thousands
  /// separator.
  static func firstClause(_ text: String) -> String {
    var clause = ""
    var previous: Character? = nil
    var rest = Substring(text)
    while let character = rest.first {
      rest = rest.dropFirst()
      if "，。；;".contains(character) { break }
      if character == ",", !(previous?.isNumber == true && rest.first?.isNumber == true) { break }
      clause.append(character)
      previous = character
    }
    return clause
  }

  /// Matches of `pattern` in `text` as their capture groups (nil for a group that did not take
  /// part), in text order. A pattern of alternatives (``ProseLanguage/alternativeSeparator``)
  /// gives each alternative's matches that overlap no earlier alternative's.
  mutating func matches(_ pattern: String, in text: String) -> [(range: Range<String.Index>, groups: [String?])] {
    let separator = ProseLanguage.alternativeSeparatorByte
    guard pattern.utf8.contains(separator) else { return matchesOfOne(pattern, in: text) }
    var found: [(range: Range<String.Index>, groups: [String?])] = []
    // The separator is one ASCII byte: split the bytes, not the characters of a long pattern.
    for alternative in pattern.utf8.split(separator: separator) {
      for match in matchesOfOne(String(Substring(alternative)), in: text) where !found.contains(where: { $0.range.overlaps(match.range) }) {
        found.append(match)
      }
    }
    return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
  }

  private mutating func matchesOfOne(_ pattern: String, in text: String) -> [(range: Range<String.Index>, groups: [String?])] {
    // `{year}`: the document's year, or, when it is unknown, nothing that can match.
    let pattern =
      pattern.contains(literal: "{year}")
      ? pattern.replacing(literal: "{year}", with: document.metadata.year.map(String.init) ?? "(?!)") : pattern
    let key = MatchKey(pattern: pattern, text: text)
    if let known = matchCache[key] { return known }
    let found = findMatches(pattern, in: text)
    matchCache[key] = found
    return found
  }

  private mutating func findMatches(_ pattern: String, in text: String) -> [(range: Range<String.Index>, groups: [String?])] {
    guard let expression = patterns.expression(pattern) else { return [] }
    return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
      guard let range = Range(match.range, in: text) else { return nil }
      let groups = (0..<match.numberOfRanges).dropFirst().map { index in
        Range(match.range(at: index), in: text).map { String(text[$0]) }
      }
      return (range, groups)
    }
  }

  /// The sentence (up to 。；) around a range of a paragraph.
  static func sentence(in text: String, around range: Range<String.Index>) -> String {
    let stops: Set<Character> = ["。", "；", ";"]
    var start = range.lowerBound
    while start > text.startIndex, !stops.contains(text[text.index(before: start)]) { start = text.index(before: start) }
    var end = range.upperBound
    while end < text.endIndex, !stops.contains(text[end]) { end = text.index(after: end) }
    if end < text.endIndex { end = text.index(after: end) }
    return String(text[start..<end])
  }

  /// The start of the sentence before the one that holds `index` (sentences end at 。；).
  static func previousSentenceStart(before index: String.Index, in text: String) -> String.Index {
    let stops: Set<Character> = ["。", "；", ";"]
    var start = index
    var crossed = 0
    while start > text.startIndex {
      let previous = text.index(before: start)
      if stops.contains(text[previous]) {
        crossed += 1
        if crossed == 2 { break }
      }
      start = previous
    }
    return start
  }

  static func number(_ text: String?) -> Decimal? {
    guard let text else { return nil }
    return Amounts.decimal(from: text)
  }

  static func decimals(_ text: String) -> Int { Amounts.decimalPlaces(text) }

  static func rounded(_ value: Decimal, _ scale: Int) -> Decimal {
    var input = value
    var output = Decimal()
    NSDecimalRound(&output, &input, scale, .plain)
    return output
  }

  /// A printed percentage against a computed one: equal at the printed precision is `pass`;
  /// off by less than one unit of its last printed place (61.845% printed 61.9% so that the
  /// shares add up to 100%, 23.998% cut to 23.9%) or by the tolerance is `rounding`.
  static func percentStatus(printed: String, value: Decimal, computed: Decimal, tolerance: Decimal) -> CheckFinding.Status {
    let places = decimals(printed)
    if rounded(computed, places) == value { return .pass }
    var unit = Decimal(1)
    for _ in 0..<places { unit /= 10 }
    let gap = abs(computed - value)
    return gap <= tolerance || gap < unit ? .rounding : .fail
  }

  /// A figure quoted in prose; `sentence` is nil for the second and later figures of one sentence
  /// (the first already quotes it).
  func quoted(_ passage: Passage, _ sentence: String?, role: String, value: Decimal?) -> CheckFigure {
    CheckFigure(role: role, value: value, source: CheckSource(section: passage.path, text: sentence, page: passage.page))
  }

  // MARK: Amounts against tables

  mutating func proseAmount(_ rule: CheckRule, tolerance: Decimal) {
    let passages = passages(rule.sections)
    var quotes: [(Passage, String, Decimal, String, String)] = []
    for passage in passages {
      // Two terms may find the same quote (项目支出 and 项目支): each amount counts once.
      var seen = Set<String.Index>()
      for term in rule.terms where passage.text.contains(literal: term) {
        // (A plain search first: most passages never name the term, and regular expressions
        // are the checks' main cost.)
        // The filler between the term and the amount must not hold a change (比上年增加…) or
        // join another item to the term (公务用车购置及运行费 is not 公务用车购置费).
        let pattern = prose.pattern(.termAmount, term: term)
        // A run-in heading names the subject of the sentence after it (`1.因公出国（境）费用。
        // 2026年预算数41.60万元`): the paragraph opens with the term, and the first amount follows.
        let runIn = prose.pattern(.runInAmount, term: term)
        for match in matches(pattern, in: passage.text) + matches(runIn, in: passage.text) {
          guard let value = Self.number(match.groups[0]), seen.insert(match.range.upperBound).inserted else { continue }
          if Self.namesOtherSubject(
            before: match.range.lowerBound, in: passage.text, term: term, subjects: otherSubjects + rule.otherSubjects, unit: prose.unit)
          {
            continue
          }
          if !rule.within.isEmpty {
            guard let whole = listWhole(before: match.range.lowerBound, in: passage.text, otherSubjects: otherSubjects + rule.otherSubjects),
              rule.within.contains(where: { whole.contains(literal: $0) })
            else { continue }
          }
          let sentence = Self.sentence(in: passage.text, around: match.range)
          quotes.append((passage, sentence, value, String(passage.text[match.range]), match.groups[0] ?? ""))
        }
      }
      // A sub-heading that is the term alone names the subject of the amount its first
      // paragraph opens with (（二）公务接待费 ‖ 2026年预算安排8.00万元，与上年持平。).
      // An amount of another year (2025年预算数为…) is not the term's.
      if let name = passage.headingName, rule.terms.contains(name),
        let match = matches(prose.pattern(.itemAmount), in: passage.text).first,
        !Self.namesOtherYear(passage.text[match.range], than: document.metadata.year),
        let value = Self.number(match.groups[0]), seen.insert(match.range.upperBound).inserted
      {
        let sentence = Self.sentence(in: passage.text, around: match.range)
        quotes.append((passage, sentence, value, name + "：" + String(passage.text[match.range]), match.groups[0] ?? ""))
      }
    }
    guard !quotes.isEmpty else {
      skip(rule, "no sentence quotes \(rule.terms.joined(separator: " / ")) …\(prose.unit)\(Self.scope(rule))")
      return
    }
    let resolved = resolve(rule.figure, role: "table", performance: nil)
    for (passage, sentence, value, quote, printed) in quotes {
      guard case .figure(let figure, let name) = resolved else {
        if case .missing(let reason) = resolved {
          skip(rule, "\(passage.path) quotes \(quote): \(reason)", figures: [quoted(passage, sentence, role: "quoted", value: value)])
        }
        continue
      }
      // Prose quotes its unit (万元); a table printed in another (元, 千元, 亿元) is converted exactly.
      let unit = figure.source.table.flatMap { number in document.tables.first { $0.number == number }?.unit }
      let expected = inProseUnit(figure.value ?? 0, unit: unit)
      let status = quotedStatus(found: value, printed: printed, expected: expected, unit: unit, tolerance: tolerance)
      let converted = expected != (figure.value ?? 0) ? " \(unit ?? "") (\(CheckReport.amount(expected))\(prose.unit))" : ""
      let message =
        "\(passage.path) quotes \(quote); \(name) is \(Self.text(figure.value))\(converted)"
      findings.append(
        CheckFinding(
          rule: rule.id, status: status, message: message, expected: expected, found: value,
          figures: [quoted(passage, sentence, role: "quoted", value: value), figure]))
    }
  }

  /// The clause that quotes the total of the 其中 list a position is in: the list opens (其中)
  /// before the position in the same sentence, and its total is the last amount before that which
  /// is not a change (比2025年减少7,885.67万元), with the words from the clause's start (a comma or
  /// stop) to it. Nil when the position is in no such list.
  mutating func listWhole(before position: String.Index, in text: String, otherSubjects: [String]) -> String? {
    let head = text[..<position]
    guard
      let opening = prose.words(.listPrefixes).compactMap({ head.range(of: $0, options: .backwards)?.lowerBound }).max(),
      !head[opening...].contains("。"),
      // Another subject's clause after the list opens (；政府性基金预算拨款支出50万元，全部为项目支出…) ends it.
      !otherSubjects.contains(where: { head[opening...].contains(literal: $0) })
    else { return nil }
    let before = String(head[..<opening])
    let changes = prose.words(.changes)
    guard
      let amount = matches(prose.amount, in: before).last(where: { match in
        let lead = before[..<match.range.lowerBound]
        return !changes.contains { lead.hasSuffix($0) }
      })
    else { return nil }
    var start = amount.range.lowerBound
    while start > before.startIndex, !"，,。；;、".contains(before[before.index(before: start)]) { start = before.index(before: start) }
    return String(before[start..<amount.range.upperBound])
  }

  /// Whether the first year `text` names (20XX年) is other than `year`; any year when `year`
  /// is unknown.
  static func namesOtherYear(_ text: Substring, than year: Int?) -> Bool {
    Segmenter.year(in: String(text)).map { $0 != year } ?? false
  }

  /// Whether the clause before a quoted term names another subject (上年结转结余的一般公共预算收入,
  /// 政府性基金支出预算支出, 政府采购支出预算总额): one of `subjects` printed between the clause's
  /// start (a comma or stop, or the 、 after an enumerated item's amount) and the term, or running into the term (预算收入 read inside 一般公共预算收入), unless
  /// the term itself holds it.
  static func namesOtherSubject(
    before start: String.Index, in text: String, term: String, subjects: [String], unit: String
  ) -> Bool {
    guard !subjects.isEmpty else { return false }
    var clauseStart = start
    var scanned = 0
    while clauseStart > text.startIndex, scanned < 40 {
      let previous = text.index(before: clauseStart)
      if "，,。；;：:\n".contains(text[previous]) { break }
      // An enumeration's earlier item, its amount given (政府性基金预算拨款收入75.00万元、上年结转
      // 结余30.00万元), qualifies nothing after it.
      if text[previous] == "、", text[..<previous].hasSuffix(unit) || text[..<previous].hasSuffix("%") || text[..<previous].hasSuffix("％") { break }
      clauseStart = previous
      scanned += 1
    }
    let clause = text[clauseStart..<start] + term
    return subjects.contains { !term.contains(literal: $0) && clause.contains(literal: $0) }
  }

  /// An amount quoted in the prose's unit from a figure printed in `unit`: when the figure's
  /// unit is smaller (元 or 千元 against 万元), the converted value rounded to the quoted
  /// precision (two decimals at least) equal to the quote is `pass` (20,938,520.75元 is
  /// 2093.85万元), and equal at a quote's `printed` precision of fewer decimals is `rounding`;
  /// otherwise as ``status(found:expected:tolerance:comparison:)``.
  func quotedStatus(found: Decimal, printed: String? = nil, expected: Decimal, unit: String?, tolerance: Decimal) -> CheckFinding.Status {
    if let unit, let table = template.currencyPower(unit), let quoted = template.currencyPower(prose.unit), table < quoted {
      let places = max(2, -found.exponent)
      if Self.rounded(expected, places) == found { return .pass }
      // Printed with fewer than two decimals (17,192万元 for 171,915,169.00元): equal at the
      // printed precision is rounding, never a failure.
      if let printed, case let shown = Self.decimals(printed), shown < 2, Self.rounded(expected, shown) == found { return .rounding }
    }
    return Self.status(found: found, expected: expected, tolerance: tolerance)
  }

  /// An amount printed in `unit` in the prose's unit, exactly, by the template's currency units;
  /// an amount in a unit the template does not know stays as printed.
  func inProseUnit(_ value: Decimal, unit: String?) -> Decimal {
    guard let unit, let from = template.currencyPower(unit), let to = template.currencyPower(prose.unit) else { return value }
    var result = value
    for _ in 0..<abs(from - to) { result = from > to ? result * 10 : result / 10 }
    return result
  }

  static func scope(_ rule: CheckRule) -> String {
    rule.sections.map { " under headings with \($0.title.joined(separator: " / "))" } ?? ""
  }

  // MARK: Shares

  mutating func proseShare(_ rule: CheckRule, tolerance: Decimal) {
    let pattern = prose.pattern(.share)
    var any = false
    let chosen = passages(rule.sections)
    for (index, passage) in chosen.enumerated() {
      for match in prose.mentions(.shareHints, in: passage.text) ? matches(pattern, in: passage.text) : [] {
        guard let part = Self.number(match.groups[0]), let printedText = match.groups[1],
          let printed = Self.number(printedText)
        else { continue }
        any = true
        let sentence = Self.sentence(in: passage.text, around: match.range)
        guard case .figure(let whole, let name) = resolve(rule.figure, role: "whole", performance: nil),
          let wholeValue = whole.value, wholeValue != 0
        else {
          skip(
            rule, "\(passage.path): the whole for \(passage.text[match.range]) is not available",
            figures: [quoted(passage, sentence, role: "share", value: printed)])
          continue
        }
        var computed = Self.rounded(part / wholeValue * 100, 4)
        var status = Self.percentStatus(printed: printedText, value: printed, computed: computed, tolerance: tolerance)
        var message =
          "\(passage.path): \(passage.text[match.range]): \(CheckReport.amount(part)) of \(name) \(CheckReport.amount(wholeValue)) is \(CheckReport.number(computed))%"
        var parent: Decimal?
        if status == .fail {
          // An item listed under another (其中 …) may give its share of that item: the nearest
          // listed item quoted before it in the same section (an amount followed by its own
          // 占…%), larger than the part. Only that one is tried, so a real error stays one.
          let earlier = chosen[..<index].filter { $0.path == passage.path }.map(\.text)
          let before = (earlier + [String(passage.text[..<match.range.lowerBound])]).joined(separator: "\n")
          let items = matches(prose.pattern(.listedItem), in: before).compactMap { Self.number($0.groups[0]) }
          if let base = items.last(where: { $0 > part && $0 < wholeValue }) {
            let share = Self.rounded(part / base * 100, 4)
            let shareStatus = Self.percentStatus(printed: printedText, value: printed, computed: share, tolerance: tolerance)
            if shareStatus != .fail {
              computed = share
              status = shareStatus
              parent = base
              message =
                "\(passage.path): \(passage.text[match.range]): \(CheckReport.amount(part)) of \(CheckReport.amount(base)) quoted before it is \(CheckReport.number(share))%"
            }
          }
        }
        findings.append(
          CheckFinding(
            rule: rule.id, status: status, message: message, expected: computed, found: printed,
            figures: [
              quoted(passage, sentence, role: "share", value: printed), quoted(passage, nil, role: "part", value: part),
              parent.map { quoted(passage, nil, role: "whole", value: $0) } ?? whole,
            ]))
      }
    }
    if !any { skip(rule, "no sentence quotes …\(prose.unit)，占…%\(Self.scope(rule))") }
  }

  // MARK: Growth

  /// Whether a passage can hold a comparison with the previous year at all (a plain search
  /// before the regular expression).
  func mayCompare(_ text: String) -> Bool {
    prose.mentions(.comparisonHints, in: text)
  }

  /// Whether a passage can hold `…万元 大于 …万元` at all (a plain search before the regular
  /// expression).
  func mayCompareAmounts(_ text: String) -> Bool {
    text.contains(literal: prose.unit) && prose.mentions(.compareHints, in: text)
  }

  mutating func proseGrowth(_ rule: CheckRule, tolerance: Decimal) {
    var any = false
    // The section's paragraphs before the one at hand: an amount that gives the printed rate may
    // be quoted there (the 三公 total one paragraph before its comparison with last year).
    var before: (path: String, text: String) = ("", "")
    for passage in passages(rule.sections) {
      if before.path != passage.path { before = (passage.path, "") }
      defer { before.text += passage.text + "\n" }
      for match in mayCompare(passage.text) ? matches(prose.pattern(.growth), in: passage.text) : [] {
        guard let change = Self.number(match.groups[1]), let printedText = match.groups[3],
          let printed = Self.number(printedText)
        else { continue }
        any = true
        let sentence = Self.sentence(in: passage.text, around: match.range)
        // The current figure is the last amount quoted before the comparison, in its sentence or
        // the one before it; when that one does not give the printed rate, an amount quoted
        // earlier in the paragraph that does is the subject's (2026年预算比2025年预算增加…, its
        // total quoted at the paragraph's start). With neither, the rule skips.
        let near = String(passage.text[Self.previousSentenceStart(before: match.range.lowerBound, in: passage.text)..<match.range.lowerBound])
        let earlier = before.text + String(passage.text[..<match.range.lowerBound])
        let up = prose.isUp(match.groups[0])
        let nearest = matches(prose.amount, in: near).last.flatMap { Self.number($0.groups[0]) }
        func evaluate(_ current: Decimal) -> (status: CheckFinding.Status, previous: Decimal, computed: Decimal)? {
          let previous = up ? current - change : current + change
          guard previous > 0 else { return nil }
          let computed = Self.rounded(change / previous * 100, 4)
          return (Self.percentStatus(printed: printedText, value: printed, computed: computed, tolerance: tolerance), previous, computed)
        }
        var chosen: (current: Decimal, result: (status: CheckFinding.Status, previous: Decimal, computed: Decimal))?
        if let nearest, let result = evaluate(nearest) { chosen = (nearest, result) }
        if chosen?.result.status != .pass {
          for candidate in matches(prose.amount, in: earlier).reversed().compactMap({ Self.number($0.groups[0]) }) {
            if let result = evaluate(candidate), result.status == .pass {
              chosen = (candidate, result)
              break
            }
          }
        }
        guard let chosen else {
          var note = "no current figure before \(passage.text[match.range])"
          if let nearest {
            let previous = up ? nearest - change : nearest + change
            let why = previous == 0 ? "the previous year's figure is 0, growth is undefined" : "the previous year's figure would be negative"
            note = "\(passage.text[match.range]): \(why) (printed \(printedText)%)"
          }
          skip(rule, "\(passage.path): \(note)", figures: [quoted(passage, sentence, role: "growth", value: printed)])
          continue
        }
        let (current, result) = chosen
        let message =
          "\(passage.path): \(passage.text[match.range]): \(CheckReport.amount(change)) over the previous year's \(CheckReport.amount(result.previous)) (\(CheckReport.amount(current)) \(up ? "−" : "+") \(CheckReport.amount(change))) is \(CheckReport.number(result.computed))%"
        findings.append(
          CheckFinding(
            rule: rule.id, status: result.status, message: message, expected: result.computed, found: printed,
            figures: [
              quoted(passage, sentence, role: "growth", value: printed),
              quoted(passage, nil, role: "change", value: change),
              quoted(passage, nil, role: "current", value: current),
            ]))
      }
    }
    // A rate with no change quoted, between two amounts the sentence names by year
    // (2025年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%).
    for passage in passages(rule.sections) {
      for match in mayCompare(passage.text) ? matches(prose.pattern(.rateOnly), in: passage.text) : [] {
        guard let printedText = match.groups[3], let printed = Self.number(printedText) else { continue }
        let earlierYear = match.groups[0].map { $0 + "年" }
        let start = Self.previousSentenceStart(before: match.range.lowerBound, in: passage.text)
        let window = String(passage.text[start..<match.range.lowerBound])
        // Each amount with the words printed before it (since the amount before).
        var previous: Decimal?
        var current: Decimal?
        var since = window.startIndex
        for amount in matches(prose.amount, in: window) {
          let words = window[since..<amount.range.lowerBound]
          since = amount.range.upperBound
          // An amount after a change word (比上年执行数减少10087.38万元) is a change, not a year's figure.
          guard let value = Self.number(amount.groups[0]),
            !prose.words(.changes).contains(where: { words.hasSuffix($0) })
          else { continue }
          let namesEarlier = earlierYear.map { words.contains(literal: $0) } ?? prose.words(.previousYear).contains { words.contains(literal: $0) }
          if namesEarlier { previous = value } else if let year = document.metadata.year, words.contains(literal: "\(year)年") { current = value }
        }
        guard let previous, let current, previous > 0 else { continue }
        any = true
        let word = match.groups[2] ?? ""
        let up = prose.isUp(word)
        let change = current - previous
        let computed = Self.rounded(abs(change) / previous * 100, 4)
        var status = Self.percentStatus(printed: printedText, value: printed, computed: computed, tolerance: tolerance)
        if change != 0 && (change > 0) != up { status = .fail }
        let sentence = Self.sentence(in: passage.text, around: match.range)
        findings.append(
          CheckFinding(
            rule: rule.id, status: status,
            message:
              "\(passage.path): \(passage.text[match.range]): from \(CheckReport.amount(previous)) to \(CheckReport.amount(current)) is \(change < 0 ? "−" : "+")\(CheckReport.number(computed))%",
            expected: computed, found: printed,
            figures: [
              quoted(passage, sentence, role: "growth", value: printed), quoted(passage, nil, role: "previous", value: previous),
              quoted(passage, nil, role: "current", value: current),
            ]))
      }
    }
    // A comparison that names its base (比2025年年初预算数44,021.20万元增加148.16万元，增长0.34%):
    // the rate is the change over that base, and the amount quoted before it must be the base
    // moved by the change.
    for passage in passages(rule.sections) {
      for match in mayCompare(passage.text) ? matches(prose.pattern(.baseGrowth), in: passage.text) : [] {
        guard let base = Self.number(match.groups[0]), base > 0, let change = Self.number(match.groups[2]),
          let printedText = match.groups[4], let printed = Self.number(printedText)
        else { continue }
        any = true
        let up = prose.isUp(match.groups[1])
        let computed = Self.rounded(change / base * 100, 4)
        var status = Self.percentStatus(printed: printedText, value: printed, computed: computed, tolerance: tolerance)
        if prose.isUp(match.groups[3]) != up && change != 0 { status = .fail }
        let sentence = Self.sentence(in: passage.text, around: match.range)
        var figures = [
          quoted(passage, sentence, role: "growth", value: printed), quoted(passage, nil, role: "previous", value: base),
          quoted(passage, nil, role: "change", value: change),
        ]
        var message =
          "\(passage.path): \(passage.text[match.range]): \(CheckReport.amount(change)) over \(CheckReport.amount(base)) is \(CheckReport.number(computed))%"
        // The amount the comparison is about: the last one quoted before it in its sentence.
        let near = String(passage.text[Self.previousSentenceStart(before: match.range.lowerBound, in: passage.text)..<match.range.lowerBound])
        if let current = matches(prose.amount, in: near).last.flatMap({ Self.number($0.groups[0]) }) {
          let moved = up ? base + change : base - change
          let agrees = Self.status(found: current, expected: moved, tolerance: tolerance)
          if agrees == .fail || (agrees == .rounding && status == .pass) { status = agrees }
          message += "; \(CheckReport.amount(base)) \(up ? "+" : "−") \(CheckReport.amount(change)) is \(CheckReport.amount(moved)), \(CheckReport.amount(current)) quoted"
          figures.append(quoted(passage, nil, role: "current", value: current))
        }
        findings.append(
          CheckFinding(rule: rule.id, status: status, message: message, expected: computed, found: printed, figures: figures))
      }
    }
    if !any { skip(rule, "no sentence quotes 比上年增加/减少…万元，增长/下降…%\(Self.scope(rule))") }
  }

  // MARK: Comparison words

  mutating func proseWords(_ rule: CheckRule) {
    var any = false
    for passage in passages(rule.sections) {
      // 增加 … 增长 / 减少 … 下降 in one comparison.
      for match in mayCompare(passage.text) ? matches(prose.pattern(.growth), in: passage.text) : [] {
        let first = match.groups[0] ?? ""
        // A rate in brackets after the change (增加27.47万元（402.20%）) has no word of its own to agree.
        guard let second = match.groups[2], let change = Self.number(match.groups[1]), let rate = Self.number(match.groups[3])
        else { continue }
        any = true
        let sentence = Self.sentence(in: passage.text, around: match.range)
        let agree = (prose.isUp(first) == prose.isUp(second)) || (change == 0 && rate == 0)
        findings.append(
          CheckFinding(
            rule: rule.id, status: agree ? .pass : .fail,
            message:
              "\(passage.path): \(passage.text[match.range]): \(first) and \(second) \(agree ? "agree" : "point in opposite directions")",
            figures: [quoted(passage, sentence, role: "change", value: change), quoted(passage, nil, role: "growth", value: rate)]))
      }
      // 持平 with a change quoted in the same clause.
      for match in prose.mentions(.flatHints, in: passage.text) ? matches(prose.pattern(.flatClause), in: passage.text) : [] {
        let clause = String(passage.text[match.range])
        let changes = matches(prose.pattern(.flatChange), in: clause).compactMap { Self.number($0.groups[0]) }
        guard let change = changes.first else { continue }
        any = true
        findings.append(
          CheckFinding(
            rule: rule.id, status: change == 0 ? .pass : .fail,
            message: "\(passage.path): \(clause): 持平 \(change == 0 ? "with no change" : "but a change of \(CheckReport.amount(change)) is quoted")",
            expected: 0, found: change,
            figures: [quoted(passage, Self.sentence(in: passage.text, around: match.range), role: "change", value: change)]))
      }
      // A 大于 / 小于 / 等于 B.
      for match in mayCompareAmounts(passage.text) ? matches(prose.pattern(.compare), in: passage.text) : [] {
        guard let a = Self.number(match.groups[0]), let b = Self.number(match.groups[2]) else { continue }
        any = true
        let word = match.groups[1] ?? ""
        let holds = prose.holds(word, a, b)
        let sentence = Self.sentence(in: passage.text, around: match.range)
        findings.append(
          CheckFinding(
            rule: rule.id, status: holds ? .pass : .fail,
            message: "\(passage.path): \(passage.text[match.range]): \(holds ? "holds" : "does not hold")",
            expected: b, found: a,
            figures: [quoted(passage, sentence, role: "left", value: a), quoted(passage, nil, role: "right", value: b)]))
      }
    }
    if !any { skip(rule, "no comparison words with figures\(Self.scope(rule))") }
  }

  // MARK: Lists

  mutating func proseList(_ rule: CheckRule, tolerance: Decimal) {
    var any = false
    for passage in listPassages(rule.sections) {
      for match in prose.mentions(.listAfterHints, in: passage.text) ? matches(prose.pattern(.listAfter), in: passage.text) : [] {
        let list = listRunningOn(match.groups[0] ?? "", after: match.range.upperBound, in: passage.text)
        let values = matches(prose.amount, in: list).compactMap { Self.number($0.groups[0]) }
        guard values.count >= 1 else { continue }
        any = true
        let sentence = Self.sentence(in: passage.text, around: match.range)
        guard case .figure(let total, let name) = resolve(rule.figure, role: "total", performance: nil) else {
          skip(
            rule, "\(passage.path): the total for \(sentence) is not available",
            figures: [quoted(passage, sentence, role: "total", value: nil)])
          continue
        }
        let sum = Self.sum(values)
        let expected = total.value ?? 0
        let status = Self.status(found: sum, expected: expected, tolerance: tolerance)
        findings.append(
          CheckFinding(
            rule: rule.id, status: status,
            message:
              "\(passage.path): the \(values.count) amounts listed in \(sentence) sum to \(CheckReport.amount(sum)); \(name) is \(Self.text(total.value))",
            expected: expected, found: sum,
            figures: values.enumerated().map { quoted(passage, $0 == 0 ? sentence : nil, role: "part", value: $1) } + [total]))
      }
    }
    if !any { skip(rule, "no sentence lists amounts after 包括：\(Self.scope(rule))") }
  }

  /// The totals quoted before a list (其中 / 包括) and the parts listed after them, with the
  /// share each part quotes.
  private mutating func listedParts(_ passage: Passage) -> [(range: Range<String.Index>, total: Decimal, parts: [(value: Decimal, share: String?)])] {
    guard prose.mentions(.listHints, in: passage.text) else { return [] }
    var lists: [(range: Range<String.Index>, total: Decimal, parts: [(value: Decimal, share: String?)])] = []
    for match in matches(prose.pattern(.listTotal), in: passage.text) {
      guard let total = Self.number(match.groups[0]) else { continue }
      let end = passage.text[match.range.upperBound...].firstIndex { "；;。".contains($0) } ?? passage.text.endIndex
      var list = listRunningOn(String(passage.text[match.range.upperBound..<end]), after: end, in: passage.text)
      // Bracketed asides (（其中人员经费…）) are parts of one item; a nested 其中 opens a list of
      // its own.
      list = Self.withoutBrackets(list)
      if let nested = prose.words(.nestedList).compactMap({ list.range(ofLiteral: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
        list = String(list[..<nested.lowerBound])
      }
      let parts = matches(prose.pattern(.listItemAmount), in: list).compactMap { item -> (value: Decimal, share: String?)? in
        let name = item.groups[0] ?? ""
        guard !prose.mentions(.notParts, in: name), let value = Self.number(item.groups[1])
        else { return nil }
        return (value, item.groups[2])
      }
      if parts.count >= 2 { lists.append((match.range, total, parts)) }
    }
    return lists
  }

  mutating func proseListTotal(_ rule: CheckRule, tolerance: Decimal) {
    var any = false
    for passage in listPassages(rule.sections) {
      for list in listedParts(passage) {
        let sum = Self.sum(list.parts.map(\.value))
        // Fewer than the whole may be a partial list (其中 names some parts): nothing to say.
        guard sum >= list.total - tolerance else { continue }
        any = true
        let sentence = Self.sentence(in: passage.text, around: list.range)
        findings.append(
          CheckFinding(
            rule: rule.id, status: Self.status(found: sum, expected: list.total, tolerance: tolerance),
            message:
              "\(passage.path): the \(list.parts.count) amounts listed after \(CheckReport.amount(list.total))\(prose.unit) sum to \(CheckReport.amount(sum))",
            expected: list.total, found: sum,
            figures: [quoted(passage, sentence, role: "total", value: list.total)]
              + list.parts.map { quoted(passage, nil, role: "part", value: $0.value) }))
      }
    }
    if !any { skip(rule, "no sentence lists the parts of the total it quotes (…万元，其中：…万元、…万元)\(Self.scope(rule))") }
  }

  /// The shares a list quotes for its parts (`收入预算总计50,616.94万元，其中，一般公共预算拨款收入
  /// 16,474.82万元，占32.55%；…`) against the part over the total. When they miss, but every share
  /// fits one other whole, they are shares of that whole (the sentence names it elsewhere): a skip
  /// saying so, never a failure.
  mutating func proseListShare(_ rule: CheckRule, tolerance: Decimal) {
    var any = false
    for passage in listPassages(rule.sections) {
      for list in listedParts(passage) {
        let shared = list.parts.compactMap { part -> (value: Decimal, text: String, share: Decimal)? in
          guard let text = part.share, let share = Self.number(text) else { return nil }
          return (part.value, text, share)
        }
        guard !shared.isEmpty, list.total > 0 else { continue }
        any = true
        let sentence = Self.sentence(in: passage.text, around: list.range)
        func statuses(of whole: Decimal) -> [(CheckFinding.Status, Decimal)] {
          shared.map { part in
            let computed = Self.rounded(part.value / whole * 100, 4)
            return (Self.percentStatus(printed: part.text, value: part.share, computed: computed, tolerance: tolerance), computed)
          }
        }
        let against = statuses(of: list.total)
        if against.contains(where: { $0.0 == .fail }), let largest = shared.max(by: { $0.value < $1.value }), largest.share > 0 {
          let other = largest.value * 100 / largest.share
          if statuses(of: other).allSatisfy({ $0.0 != .fail }) {
            skip(
              rule,
              "\(passage.path): the shares listed after \(CheckReport.amount(list.total))\(prose.unit) are of another whole (about \(CheckReport.amount(Self.rounded(other, 2)))\(prose.unit))",
              figures: [quoted(passage, sentence, role: "total", value: list.total)])
            continue
          }
        }
        for (index, part) in shared.enumerated() {
          let (status, computed) = against[index]
          findings.append(
            CheckFinding(
              rule: rule.id, status: status,
              message:
                "\(passage.path): \(CheckReport.amount(part.value))\(prose.unit)，占\(part.text)%: \(CheckReport.amount(part.value)) of \(CheckReport.amount(list.total)) is \(CheckReport.number(computed))%",
              expected: computed, found: part.share,
              figures: [
                quoted(passage, index == 0 ? sentence : nil, role: "share", value: part.share),
                quoted(passage, nil, role: "part", value: part.value), quoted(passage, nil, role: "total", value: list.total),
              ]))
        }
      }
    }
    if !any { skip(rule, "no sentence quotes shares of the parts it lists (…万元，其中：…万元，占…%)\(Self.scope(rule))") }
  }

  /// The text without its bracketed asides (（其中人员经费…）).
  static func withoutBrackets(_ text: String) -> String {
    var out = ""
    var depth = 0
    for character in text {
      if character == "（" || character == "(" {
        depth += 1
      } else if character == "）" || character == ")" {
        depth = max(0, depth - 1)
      } else if depth == 0 {
        out.append(character)
      }
    }
    return out
  }

  /// The list that opens with `first` (its text up to the first semicolon) and runs on over
  /// the clauses after `end` that are items themselves (`…占81.65%；教育支出118.01万元，占0.63%；…`),
  /// up to the sentence's end or the first clause that is not one (`；支出包括：…`).
  private mutating func listRunningOn(_ first: String, after end: String.Index, in text: String) -> String {
    var list = first
    var rest = text[end...]
    while let mark = rest.first, mark == "；" || mark == ";" {
      let body = rest.dropFirst()
      let clauseEnd = body.firstIndex { "；;。".contains($0) } ?? body.endIndex
      let clause = String(body[..<clauseEnd])
      guard !matches(prose.pattern(.listItem), in: clause).isEmpty else { break }
      list += "；" + clause
      rest = body[clauseEnd...]
    }
    return list
  }

  // MARK: Headings

  /// The year a title opens with (`2026年…`, `（2026年度）…`), nil when it opens with none.
  static func leadingYear(_ title: String) -> Int? {
    var text = Substring(title)
    while let first = text.first, "（(【[".contains(first) { text = text.dropFirst() }
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard digits.count == 4, text.dropFirst(4).first == "年", let year = Int(digits), year >= 2000 else { return nil }
    return year
  }

  /// A unit's name as compared: compact, a leading code (`507-`) and a bracketed qualifier at
  /// the end (（本级）, （汇总）) dropped.
  static func unitName(_ text: String) -> String {
    var name = TextNormalization.compact(text)
    let digits = name.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, let next = name.dropFirst(digits.count).first, "-－_ ".contains(next) {
      name = String(name.dropFirst(digits.count + 1))
    }
    if name.hasSuffix("）") || name.hasSuffix(")"), let open = name.lastIndex(where: { $0 == "（" || $0 == "(" }),
      open != name.startIndex
    {
      name = String(name[..<open])
    }
    return name
  }

  /// The year and department the first of the rule's patterns that matches `text` captures,
  /// against the document's.
  private mutating func metadata(
    _ rule: CheckRule, in text: String, place: String, role: String, source: CheckSource, year: Int?, department: String?
  ) {
    for pattern in rule.patterns {
      guard let expression = patterns.expression(pattern),
        let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
      else { continue }
      if let year, let range = Range(match.range(withName: "year"), in: text), let printed = Int(text[range]) {
        findings.append(
          CheckFinding(
            rule: rule.id, status: printed == year ? .pass : .fail,
            message: "\(place) says \(printed)年; the document's year is \(year)",
            expected: Decimal(year), found: Decimal(printed),
            figures: [CheckFigure(role: role, value: Decimal(printed), source: source)]))
      }
      if let department, let range = Range(match.range(withName: "department"), in: text) {
        let printed = String(text[range])
        findings.append(
          CheckFinding(
            rule: rule.id, status: printed == department ? .pass : .fail,
            message: "\(place) names \(printed); the document's department is \(department)",
            figures: [CheckFigure(role: role, value: nil, source: source)]))
      }
      return
    }
  }

  mutating func headingMetadata(_ rule: CheckRule) {
    let year = document.metadata.year
    let department = document.metadata.department.map(TextNormalization.compact)
    guard year != nil || department != nil else {
      skip(rule, "the document's year and department are unknown")
      return
    }
    for (path, heading, section) in sections {
      metadata(
        rule, in: heading, place: "\(path) heading", role: "heading",
        source: CheckSource(section: path, text: section.heading, page: section.page), year: year, department: department)
    }
    // The list of contents prints the part headings again (第一部分 …概况, 第三部分 …2024年度部门决算情况说明).
    for line in document.contents {
      let compact = TextNormalization.withoutLeaders(TextNormalization.compact(line))
      metadata(
        rule, in: compact, place: "目录 line \(compact)", role: "contents", source: CheckSource(section: "目录", text: line),
        year: year, department: department)
    }
    // Table titles that open with a year (2026年部门收入预算总表) and the department a table is
    // compiled by (编制部门, a leading unit code such as 507- dropped; 本级 / 汇总 in brackets
    // and a name that contains the other agree).
    for table in document.tables where table.kind != "performance_target" {
      let source = CheckSource(table: table.number, text: table.title.isEmpty ? nil : table.title, page: table.pages.first)
      let title = TextNormalization.compact(table.title)
      if let year, let printed = Self.leadingYear(title) {
        findings.append(
          CheckFinding(
            rule: rule.id, status: printed == year ? .pass : .fail,
            message: "\(table.name) title says \(printed)年; the document's year is \(year)",
            expected: Decimal(year), found: Decimal(printed),
            figures: [CheckFigure(role: "title", value: Decimal(printed), source: source)]))
      }
      if let department, let printed = table.department.map(Self.unitName), !printed.isEmpty {
        let mine = Self.unitName(department)
        let agree = printed == mine || printed.contains(literal: mine) || mine.contains(literal: printed)
        findings.append(
          CheckFinding(
            rule: rule.id, status: agree ? .pass : .fail,
            message: "\(table.name) is compiled by \(printed); the document's department is \(department)",
            figures: [CheckFigure(role: "department", value: nil, source: source)]))
      }
    }
    for table in document.performanceTables {
      guard let year, let printed = table.year else { continue }
      findings.append(
        CheckFinding(
          rule: rule.id, status: printed == year ? .pass : .fail,
          message: "performance table \(table.index) title says \(printed)年; the document's year is \(year)",
          expected: Decimal(year), found: Decimal(printed),
          figures: [
            CheckFigure(
              role: "heading", value: Decimal(printed),
              source: CheckSource(performanceTable: table.index, text: table.title, page: table.page))
          ]))
    }
  }
}
