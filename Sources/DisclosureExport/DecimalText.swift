import Foundation

/// Exact decimals as plain text (`-1234.5`), and their scaling by powers of ten done on the
/// digits: money never passes through binary floating point.
public enum DecimalText {
  /// The plain text of `value`: an optional `-`, digits, and a fraction only when it is not
  /// zero (`22635.4`, `0.05`, `120000`); nil for NaN.
  public static func text(of value: Decimal) -> String? {
    guard !value.isNaN else { return nil }
    // Foundation's description is the plain digits of the stored mantissa and exponent; it is
    // read back through `normalized` so that any other shape is refused rather than trusted.
    return normalized(value.description)
  }

  /// `text` (`-?digits(.digits)?`) multiplied by 10^`power` (`power` ≥ 0), in plain form; nil
  /// when `text` is not such a decimal.
  public static func scaled(_ text: String, byPowerOfTen power: Int) -> String? {
    guard power >= 0, let parts = parts(of: text) else { return nil }
    var integer = parts.integer
    var fraction = parts.fraction
    let moved = min(power, fraction.count)
    integer += fraction.prefix(moved)
    fraction.removeFirst(moved)
    integer += String(repeating: "0", count: power - moved)
    return compose(negative: parts.negative, integer: integer, fraction: fraction)
  }

  /// `text` in plain form without leading zeros or trailing fraction zeros (`007.50` → `7.5`,
  /// `-0` → `0`); nil when it is not `-?digits(.digits)?`.
  public static func normalized(_ text: String) -> String? {
    guard let parts = parts(of: text) else { return nil }
    return compose(negative: parts.negative, integer: parts.integer, fraction: parts.fraction)
  }

  private static func parts(of text: String) -> (negative: Bool, integer: String, fraction: String)? {
    var rest = Substring(text)
    let negative = rest.first == "-"
    if negative { rest = rest.dropFirst() }
    let pieces = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let integer = pieces.first, !integer.isEmpty else { return nil }
    let fraction = pieces.count == 2 ? pieces[1] : ""
    guard pieces.count == 1 || !fraction.isEmpty else { return nil }
    guard (integer + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return (negative, String(integer), String(fraction))
  }

  private static func compose(negative: Bool, integer: String, fraction: String) -> String {
    let whole = integer.drop { $0 == "0" }
    var fraction = Substring(fraction)
    while fraction.last == "0" { fraction = fraction.dropLast() }
    let body = (whole.isEmpty ? "0" : String(whole)) + (fraction.isEmpty ? "" : "." + fraction)
    return negative && body != "0" ? "-" + body : body
  }
}
