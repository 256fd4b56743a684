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
    if JSONDecimalDigits.storageIsKnown, !isNaN, let parts = JSONDecimalDigits.storageParts(of: self) {
      return Self.plainText(mantissa: parts.mantissa, exponent: parts.exponent + power, negative: parts.negative)
    }
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

  /// `±mantissa × 10^exponent` as plain text, as above: the digits straight from a 64-bit
  /// mantissa (every amount has one), with no array of digits in between.
  static func plainText(mantissa: UInt64, exponent: Int, negative: Bool) -> String {
    guard mantissa != 0 else { return "0" }
    var mantissa = mantissa
    var exponent = exponent
    while mantissa % 10 == 0 {
      mantissa /= 10
      exponent += 1
    }
    var digitCount = 1
    var power: UInt64 = 10
    while digitCount < 20 && mantissa >= power {
      digitCount += 1
      power = power &* 10
    }
    // Sign, digits, the zeros after them or the "0." and zeros before them, the point.
    let capacity = 1 + digitCount + Swift.max(0, exponent) + Swift.max(0, -exponent) + 2
    return String(unsafeUninitializedCapacity: capacity) { out in
      var at = 0
      func put(_ byte: UInt8) {
        out[at] = byte
        at += 1
      }
      if negative { put(UInt8(ascii: "-")) }
      // Digits are written from the last; `pointAfter` digits stand before the point.
      let pointAfter = exponent >= 0 ? digitCount : digitCount + exponent
      if pointAfter <= 0 {
        put(UInt8(ascii: "0"))
        put(UInt8(ascii: "."))
        for _ in 0..<(-pointAfter) { put(UInt8(ascii: "0")) }
      }
      let digitsStart = at
      let length = digitCount + (pointAfter > 0 && pointAfter < digitCount ? 1 : 0)
      var position = digitsStart + length - 1
      var rest = mantissa
      for written in 0..<digitCount {
        if pointAfter > 0 && pointAfter < digitCount && written == digitCount - pointAfter {
          out[position] = UInt8(ascii: ".")
          position -= 1
        }
        out[position] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        position -= 1
      }
      at = digitsStart + length
      if exponent > 0 { for _ in 0..<exponent { put(UInt8(ascii: "0")) } }
      return at
    }
  }
}
