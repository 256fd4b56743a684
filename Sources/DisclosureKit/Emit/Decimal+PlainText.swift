import Foundation

extension Decimal {
  /// The exact value times 10^`power` as plain decimal text: an optional `-`, digits, and a
  /// fraction only when it is not zero (`22635.4`, `0.05`, `1200000`), never an exponent; nil
  /// for NaN.
  ///
  /// For exports that need amounts as exact text (and in 元 from 万元 by moving the point): it
  /// reads the stored digits as the canonical serializer does, so it never goes through `Double`
  /// and is much faster than `description`.
  public func plainText(timesPowerOfTen power: Int = 0) -> String? {
    guard let parts = JSONDecimalDigits(self) else { return nil }
    guard !parts.digits.isEmpty else { return "0" }
    let exponent = parts.exponent + power
    var out: [UInt8] = []
    out.reserveCapacity(parts.digits.count + max(0, exponent) + 3)
    if parts.isNegative { out.append(UInt8(ascii: "-")) }
    let ascii = parts.digits.map { $0 + UInt8(ascii: "0") }
    if exponent >= 0 {
      out += ascii
      out += repeatElement(UInt8(ascii: "0"), count: exponent)
    } else {
      let integerCount = ascii.count + exponent
      if integerCount > 0 {
        out += ascii[..<integerCount]
        out.append(UInt8(ascii: "."))
        out += ascii[integerCount...]
      } else {
        out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
        out += repeatElement(UInt8(ascii: "0"), count: -integerCount)
        out += ascii
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
