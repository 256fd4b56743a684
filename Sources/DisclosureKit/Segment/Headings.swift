/// Patterns of numbered headings and table labels in the national template.
enum Headings {
  static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零"]
  /// ``numerals`` as scalars (each is one).
  private static let numeralScalars = Set(numerals.compactMap { $0.unicodeScalars.first })

  /// `numerals.contains(character)` without hashing a `Character` (which hashes a string):
  /// every numeral is one scalar, and no other sequence is canonically equivalent to one.
  private static func isNumeral(_ character: Character) -> Bool {
    let scalars = character.unicodeScalars
    guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
    return numeralScalars.contains(first)
  }

  /// A numbered start: 第X部分, X、, （X）, 1. / 1、, （1）.
  static func startsNumberedItem(_ text: String) -> Bool {
    numbered(text) != nil
  }

  /// A part heading whose 第 OCR lost (二部分2024年…预算公开表: the large first character of a
  /// title read as nothing), with it back; nil for any other text.
  static func withPartOrdinal(_ text: String) -> String? {
    let t = TextNormalization.compact(text)
    let number = t.prefix { isNumeral($0) }
    guard !number.isEmpty, number.count <= 3, t.dropFirst(number.count).hasPrefix("部分"), t.count > number.count + 2 else { return nil }
    return "第" + t
  }

  /// A 一、 heading OCR read with a character before it (和六、关于…情况说明: a speck beside the
  /// numeral read as a character), without it; nil for any other text. The rest must read as a
  /// heading does: one line's length, no full stop, one of `endings` (说明, 情况 …) at its end.
  static func withoutLeadingSpeck(_ text: String, endings: [String]) -> String? {
    let t = TextNormalization.compact(text)
    guard let lead = t.first, !isNumeral(lead), !(lead.isASCII && lead.isNumber), lead != "第", lead != "（", lead != "(" else { return nil }
    let rest = String(t.dropFirst())
    guard let numbered = numbered(rest), numbered.level == 2, numbered.rest.count >= 4, rest.count <= 60,
      !rest.contains("。"), endings.contains(where: { rest.hasSuffix($0) })
    else { return nil }
    return rest
  }

  /// Level, number and the rest for a numbered start.
  static func numbered(_ text: String) -> (level: Int, number: String, rest: String)? {
    let t = TextNormalization.compact(text)
    // Most lines and cells open with none of the marks a number starts with: look at the first
    // scalar before walking characters (this runs for every line and every row label).
    guard let lead = t.unicodeScalars.first,
      lead == "第" || lead == "（" || lead == "(" || ("0"..."9").contains(lead) || numeralScalars.contains(lead)
    else { return nil }
    if t.hasPrefix("第"), let end = t.range(ofLiteral: "部分") {
      let number = String(t[t.index(after: t.startIndex)..<end.lowerBound])
      if !number.isEmpty, number.allSatisfy({ isNumeral($0) }) {
        return (1, "第\(number)部分", String(t[end.upperBound...]))
      }
    }
    var prefix = ""
    for ch in t {
      if isNumeral(ch) { prefix.append(ch) } else { break }
    }
    if !prefix.isEmpty, t.dropFirst(prefix.count).first == "、" {
      return (2, prefix, String(t.dropFirst(prefix.count + 1)))
    }
    if t.hasPrefix("（") || t.hasPrefix("(") {
      let inner = t.dropFirst()
      var number = ""
      for ch in inner {
        if isNumeral(ch) || ch.isNumber { number.append(ch) } else { break }
      }
      let after = inner.dropFirst(number.count)
      if !number.isEmpty, after.first == "）" || after.first == ")" {
        let level = number.allSatisfy({ isNumeral($0) }) ? 3 : 5
        return (level, number, String(after.dropFirst()))
      }
    }
    var digits = ""
    for ch in t {
      if ch.isASCII && ch.isNumber { digits.append(ch) } else { break }
    }
    if !digits.isEmpty, digits.count <= 2, let next = t.dropFirst(digits.count).first, next == "." || next == "、" || next == "．" {
      let rest = t.dropFirst(digits.count + 1)
      // "2024.1" is a date, not an item.
      if let first = rest.first, first.isASCII, first.isNumber { return nil }
      return (4, digits, String(rest))
    }
    return nil
  }

  /// The value of a Chinese numeral up to 99 (一 → 1, 十二 → 12, 二十三 → 23).
  static func value(ofNumeral text: String) -> Int? {
    let digits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
    let chars = Array(text)
    switch chars.count {
    case 1: return chars[0] == "十" ? 10 : digits[chars[0]]
    case 2:
      if chars[0] == "十" { return digits[chars[1]].map { 10 + $0 } }
      if chars[1] == "十" { return digits[chars[0]].map { $0 * 10 } }
      return nil
    case 3:
      guard chars[1] == "十", let tens = digits[chars[0]], let ones = digits[chars[2]] else { return nil }
      return tens * 10 + ones
    default: return nil
    }
  }

  /// `表3`, `附表3`, `表 3` at the start.
  static func isTableLabel(_ text: String) -> Bool { tableLabel(text) != nil }

  /// The label, its number and what follows it on the line.
  static func tableLabel(_ text: String) -> (label: String, number: Int, rest: String)? {
    let t = TextNormalization.compact(text)
    var body = Substring(t)
    var label = ""
    if body.hasPrefix("附表") {
      label = "附表"
      body = body.dropFirst(2)
    } else if body.hasPrefix("表") {
      label = "表"
      body = body.dropFirst()
    } else {
      return nil
    }
    var digits = ""
    for ch in body {
      if ch.isASCII && ch.isNumber { digits.append(ch) } else { break }
    }
    if digits.isEmpty {
      // A Chinese ordinal (表一, 附表十二) is a label only where a label can end: at the line's
      // end, before a separator or before the title's year (表一2026年…), never inside a word
      // (表一般公共预算…).
      let numeral = String(body.prefix { "一二三四五六七八九十".contains($0) }.prefix(3))
      guard !numeral.isEmpty, let number = value(ofNumeral: numeral) else { return nil }
      var rest = body.dropFirst(numeral.count)
      if let first = rest.first {
        guard "：:.、".contains(first) || first.isASCII && first.isNumber else { return nil }
        if !(first.isASCII && first.isNumber) { rest = rest.dropFirst() }
      }
      return (label + numeral, number, String(rest))
    }
    guard digits.count <= 2, let number = Int(digits) else { return nil }
    var rest = body.dropFirst(digits.count)
    if let first = rest.first, first == "：" || first == ":" || first == "." || first == "、" { rest = rest.dropFirst() }
    return (label + digits, number, String(rest))
  }
}
