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
    guard let value = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
    return negative ? -value : value
  }
}
