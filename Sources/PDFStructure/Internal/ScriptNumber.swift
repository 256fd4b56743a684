import Foundation

/// Numbers as the rule semantics first met them: printed by cairo's script surface (`%f` through
/// `_cairo_dtostr`: six decimals, more below 0.1) and read back by `ScriptRuleReader`'s digit
/// loop. Reproducing that round trip keeps rule edges bit-identical, so rounding and
/// de-duplication decide the same way.
enum ScriptNumber {
  /// A 24.8 fixed-point device coordinate, printed and read back (integer arithmetic only: the
  /// hot path of every rule).
  static func coordinate(_ fixed: Int) -> Double {
    if fixed == 0 { return 0 }
    let magnitude = fixed.magnitude
    let value: Double
    if magnitude >= 26 {
      // |v| ≥ 0.1: six decimals, ties to even; v·10⁶ = k·15625/4.
      let scaled = magnitude * 15625
      var rounded = scaled / 4
      let remainder = scaled % 4
      if remainder > 2 || (remainder == 2 && rounded % 2 == 1) { rounded += 1 }
      value = read(integer: rounded / 1_000_000, fraction: rounded % 1_000_000, digits: 6)
    } else {
      // |v| < 0.1: six significant decimals after the leading zeros; v·10⁸ = k·390625.
      let exact = magnitude * 390_625
      if exact < 1_000_000 {
        value = read(integer: 0, fraction: exact, digits: 8)
      } else {
        var rounded = exact / 10
        let remainder = exact % 10
        if remainder > 5 || (remainder == 5 && rounded % 2 == 1) { rounded += 1 }
        value = read(integer: 0, fraction: rounded, digits: 7)
      }
    }
    return fixed < 0 ? -value : value
  }

  /// The reader's decimal parse: the integer part exactly, then each fraction digit times a
  /// scale that shrinks by 0.1 per digit.
  private static func read(integer: UInt, fraction: UInt, digits: Int) -> Double {
    var value = Double(integer)
    var scale = 0.1
    var divisor: UInt = 1
    for _ in 1..<digits { divisor *= 10 }
    var rest = fraction
    for _ in 0..<digits {
      let digit = rest / divisor
      rest %= divisor
      divisor = max(1, divisor / 10)
      value += Double(digit) * scale
      scale *= 0.1
    }
    return value
  }

  /// Any double (a line width, a matrix entry), printed as cairo prints it and read back.
  static func value(_ d: Double) -> Double {
    guard d.isFinite else { return d }
    if d == 0 { return 0 }
    var text: String
    if abs(d) >= 0.1 {
      text = String(format: "%f", d)
    } else {
      text = String(format: "%.18f", d)
      // Count the zeros after the point, then print six significant decimals past them.
      let fraction = text.split(separator: ".").last.map(String.init) ?? ""
      let zeros = fraction.prefix { $0 == "0" }.count
      if zeros + 6 < 18 { text = String(format: "%.*f", zeros + 6, d) }
    }
    return parse(Array(text.utf8)) ?? d
  }

  /// `ScriptRuleReader.number` for plain decimals.
  private static func parse(_ bytes: [UInt8]) -> Double? {
    var i = 0
    var negative = false
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    var mantissa = 0.0
    var digits = 0
    while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
      mantissa = mantissa * 10 + Double(bytes[i] - 0x30)
      digits += 1
      i += 1
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      var scale = 0.1
      while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
        mantissa += Double(bytes[i] - 0x30) * scale
        scale *= 0.1
        digits += 1
        i += 1
      }
    }
    guard digits > 0 else { return nil }
    return negative ? -mantissa : mantissa
  }
}
