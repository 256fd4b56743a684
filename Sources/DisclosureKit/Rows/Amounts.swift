import Foundation

/// Exact amounts from printed cell text.
public enum Amounts {
  /// The digits a printed number gives after its decimal point (0 without one).
  public static func decimalPlaces(_ text: String) -> Int {
    guard let point = text.firstIndex(of: ".") else { return 0 }
    return text.distance(from: point, to: text.endIndex) - 1
  }

  /// The exact decimal of a printed amount: thousand separators removed, parentheses or a minus
  /// sign as negative; nil when the text is not an amount.
  public static func decimal(from text: String) -> Decimal? {
    var t = TextNormalization.compact(text)
    // An amount opens with a digit, a bracket or a minus: of these only （ (EF BC 88) and −
    // (E2 88 92) are not ASCII. A label (most cells that are not amounts) stops here, before
    // its characters are counted.
    guard let lead = t.utf8.first, lead < 0x80 || lead == 0xEF || lead == 0xE2 else { return nil }
    // Most cells are short: counting bytes settles the length without counting characters.
    guard t.utf8.count <= 24 || t.count <= 24 else { return nil }
    // Prefixes and suffixes compare as UTF-8 bytes: a bracket or minus with a combining mark
    // after it fails below either way, as the mark is no digit.
    let bytes = t.utf8
    func starts(_ prefix: StaticString) -> Bool {
      prefix.withUTF8Buffer { bytes.starts(with: $0) }
    }
    func ends(_ suffix: StaticString) -> Bool {
      suffix.withUTF8Buffer { bytes.reversed().starts(with: $0.reversed()) }
    }
    var negative = false
    if (starts("(") && ends(")")) || (starts("（") && ends("）")) {
      negative = true
      t = String(t.dropFirst().dropLast())
    }
    if t.utf8.first == UInt8(ascii: "-") || t.utf8.starts(with: "−".utf8) {
      negative = true
      t = String(t.dropFirst())
    }
    var digitsBeforePoint = 0
    var sawPoint = false
    var digitsAfterPoint = 0
    var plain: [UInt8] = []
    // Bytes, not characters: every character allowed here is one ASCII byte, and any byte of
    // another character is not allowed.
    for byte in t.utf8 {
      if byte == UInt8(ascii: ",") {
        guard !sawPoint, digitsBeforePoint > 0 else { return nil }
        continue
      }
      if byte == UInt8(ascii: ".") {
        guard !sawPoint, digitsBeforePoint > 0 else { return nil }
        sawPoint = true
        plain.append(byte)
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      if sawPoint { digitsAfterPoint += 1 } else { digitsBeforePoint += 1 }
      plain.append(byte)
    }
    guard digitsBeforePoint > 0, !sawPoint || digitsAfterPoint > 0 else { return nil }
    // A comma-grouped number must have groups of three.
    if t.contains(literal: ",") {
      let integer = t.split(separator: ".").first ?? ""
      let groups = integer.split(separator: ",")
      guard groups.dropFirst().allSatisfy({ $0.count == 3 }), (groups.first?.count ?? 0) <= 3 else { return nil }
    }
    let digits = String(decoding: plain, as: UTF8.self)
    guard let value = exact(digits) ?? Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
    return negative ? -value : value
  }

  /// `digits[.digits]` with at most 18 digits, built from its integer mantissa and exponent
  /// (Foundation's string parsing was most of the cost of reading a cell); nil for longer text.
  static func exact(_ plain: String) -> Decimal? {
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var sawPoint = false
    for byte in plain.utf8 {
      if byte == UInt8(ascii: ".") {
        sawPoint = true
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      digits += 1
      guard digits <= 18 else { return nil }
      mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
      if sawPoint { fraction += 1 }
    }
    guard digits > 0 else { return nil }
    return Decimal(sign: .plus, exponent: -fraction, significand: Decimal(mantissa))
  }

  /// What OCR reads a thousands separator or a decimal point as: a point, a comma, a colon, a
  /// semicolon (a speck beside a separator), a middle dot, or their full-width forms.
  public static let readSeparators: Set<Unicode.Scalar> = [".", ",", ":", "：", ";", "；", "，", "。", "·"]

  /// An amount whose thousands separators OCR read as points (1.836.68; a comma and a point
  /// read together: 2,.365.80; a colon for a point: 1.380：29; a speck beside a comma:
  /// 1；,380.29) as printed with separators (1,836.68): every run of such marks is one
  /// separator, with a separator between every three figures and before the last two, which no
  /// number has (it has one decimal point). Nil for anything else.
  public static func separatorsRead(_ text: String) -> String? {
    // Most cells are labels: out at their first character that no such amount prints.
    guard text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || readSeparators.contains($0) || $0 == "-" || $0.properties.isWhitespace })
    else { return nil }
    var marked = String.UnicodeScalarView()
    for scalar in TextNormalization.compact(text).unicodeScalars {
      if readSeparators.contains(scalar) {
        if marked.last != "." { marked.append(".") }
      } else {
        marked.append(scalar)
      }
    }
    let text = String(marked)
    let negative = text.hasPrefix("-")
    let groups = (negative ? String(text.dropFirst()) : text).split(separator: ".", omittingEmptySubsequences: false)
    guard groups.count >= 3, let first = groups.first, (1...3).contains(first.count),
      groups.dropFirst().dropLast().allSatisfy({ $0.count == 3 }), let last = groups.last, (1...2).contains(last.count),
      groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else { return nil }
    let fixed = (negative ? "-" : "") + groups.dropLast().joined(separator: ",") + "." + last
    return decimal(from: fixed) == nil ? nil : fixed
  }
}
