import Foundation

/// Exact amounts from printed cell text.
public enum Amounts {
  /// The exact decimal of a printed amount: thousand separators removed, parentheses or a minus
  /// sign as negative; nil when the text is not an amount.
  public static func decimal(from text: String) -> Decimal? {
    var t = TextNormalization.compact(text)
    guard !t.isEmpty, t.count <= 24 else { return nil }
    var negative = false
    if (t.hasPrefix("(") && t.hasSuffix(")")) || (t.hasPrefix("（") && t.hasSuffix("）")) {
      negative = true
      t = String(t.dropFirst().dropLast())
    }
    if t.hasPrefix("-") || t.hasPrefix("−") {
      negative = true
      t = String(t.dropFirst())
    }
    var digitsBeforePoint = 0
    var sawPoint = false
    var digitsAfterPoint = 0
    var plain = ""
    for ch in t {
      if ch == "," {
        guard !sawPoint, digitsBeforePoint > 0 else { return nil }
        continue
      }
      if ch == "." {
        guard !sawPoint, digitsBeforePoint > 0 else { return nil }
        sawPoint = true
        plain.append(ch)
        continue
      }
      guard ch.isASCII, ch.isNumber else { return nil }
      if sawPoint { digitsAfterPoint += 1 } else { digitsBeforePoint += 1 }
      plain.append(ch)
    }
    guard digitsBeforePoint > 0, !sawPoint || digitsAfterPoint > 0 else { return nil }
    // A comma-grouped number must have groups of three.
    if t.contains(literal: ",") {
      let integer = t.split(separator: ".").first ?? ""
      let groups = integer.split(separator: ",")
      guard groups.dropFirst().allSatisfy({ $0.count == 3 }), (groups.first?.count ?? 0) <= 3 else { return nil }
    }
    guard let value = exact(plain) ?? Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
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
}
