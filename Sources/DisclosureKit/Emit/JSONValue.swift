import Foundation

/// A JSON value with exact numbers.
public enum JSONValue: Sendable, Hashable {
  /// The literal `null`.
  case null
  /// The literal `true` or `false`.
  case bool(Bool)
  /// A number, held exactly: amounts like 22635.40 never pass through `Double`.
  case number(Decimal)
  /// A string of Unicode scalars, stored exactly as given (never normalized).
  case string(String)
  /// An ordered list of values.
  case array([JSONValue])
  /// Members by name; serializers choose the order (see `CanonicalJSON`).
  case object([String: JSONValue])
}

extension JSONValue {
  /// Wraps a double as the exact decimal of its shortest round-trip text, so 0.1 stays 0.1.
  ///
  /// NaN, infinities and values `Decimal` cannot hold (roughly: nonzero below 1e-128 in magnitude,
  /// or 1e128 and above) become `.null`, as `JSON.stringify` does for non-finite numbers.
  public init(_ double: Double) {
    guard double.isFinite,
      let digits = JSONDecimalDigits(text: double.description),
      let decimal = digits.decimal
    else {
      self = .null
      return
    }
    self = .number(decimal)
  }

  /// Wraps an integer exactly.
  public init(_ int: Int) {
    self = .number(Decimal(int))
  }
}

extension JSONValue: ExpressibleByStringLiteral {
  /// Creates `.string` from a string literal.
  public init(stringLiteral value: String) {
    self = .string(value)
  }
}

extension JSONValue: ExpressibleByIntegerLiteral {
  /// Creates an exact `.number` from an integer literal.
  public init(integerLiteral value: Int) {
    self = .number(Decimal(value))
  }
}

extension JSONValue: ExpressibleByBooleanLiteral {
  /// Creates `.bool` from `true` or `false`.
  public init(booleanLiteral value: Bool) {
    self = .bool(value)
  }
}

extension JSONValue: ExpressibleByArrayLiteral {
  /// Creates `.array` from an array literal.
  public init(arrayLiteral elements: JSONValue...) {
    self = .array(elements)
  }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
  /// Creates `.object` from a dictionary literal; a repeated key keeps its last value.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    // Last-wins (like JavaScript object literals) instead of trapping on a repeated key.
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}

extension JSONValue: ExpressibleByNilLiteral {
  /// Creates `.null` from `nil`.
  public init(nilLiteral: ()) {
    self = .null
  }
}

extension JSONValue {
  /// The member named `key` when this is an object that has one, otherwise nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members[key]
  }

  /// The string when this is `.string`, otherwise nil.
  public var stringValue: String? {
    guard case .string(let value) = self else { return nil }
    return value
  }

  /// The elements when this is `.array`, otherwise nil.
  public var arrayValue: [JSONValue]? {
    guard case .array(let value) = self else { return nil }
    return value
  }

  /// The members when this is `.object`, otherwise nil.
  public var objectValue: [String: JSONValue]? {
    guard case .object(let value) = self else { return nil }
    return value
  }

  /// The exact number when this is `.number`, otherwise nil.
  public var decimalValue: Decimal? {
    guard case .number(let value) = self else { return nil }
    return value
  }

  /// The number as an `Int` when this is `.number` holding a whole value that fits, otherwise nil.
  public var intValue: Int? {
    guard case .number(let value) = self, let digits = JSONDecimalDigits(value) else { return nil }
    return digits.int
  }
}

/// A decimal taken apart: `±digits × 10^exponent`, with no leading or trailing zero digits, so
/// every value has exactly one form. Zero has no digits and is never negative.
struct JSONDecimalDigits: Equatable {
  /// Largest count of significant digits `Decimal` can always hold.
  static let maxDecimalDigits = 38

  var isNegative: Bool
  /// Values 0...9, most significant first.
  var digits: [UInt8]
  var exponent: Int

  init(isNegative: Bool, digits: [UInt8], exponent: Int) {
    var start = 0
    while start < digits.count, digits[start] == 0 { start += 1 }
    var end = digits.count
    while end > start, digits[end - 1] == 0 { end -= 1 }
    self.digits = Array(digits[start..<end])
    self.exponent = self.digits.isEmpty ? 0 : exponent + (digits.count - end)
    self.isNegative = isNegative && !self.digits.isEmpty
  }

  /// Reads `-?digits(.digits)?([eE][+-]?digits)?`, the shape of both `Decimal.description` and
  /// `Double.description`; nil for anything else (such as "NaN" or "inf").
  init?(text: String) {
    let bytes = Array(text.utf8)
    var index = 0
    let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    var digits: [UInt8] = []
    var fractionCount = 0
    var sawDigit = false
    while index < bytes.count, let digit = Self.digit(bytes[index]) {
      digits.append(digit)
      sawDigit = true
      index += 1
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < bytes.count, let digit = Self.digit(bytes[index]) {
        digits.append(digit)
        fractionCount += 1
        sawDigit = true
        index += 1
      }
    }
    guard sawDigit else { return nil }
    var exponent = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      var exponentNegative = false
      if index < bytes.count,
        bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      var sawExponentDigit = false
      while index < bytes.count, let digit = Self.digit(bytes[index]) {
        exponent = Self.accumulate(exponent, digit)
        sawExponentDigit = true
        index += 1
      }
      guard sawExponentDigit else { return nil }
      if exponentNegative { exponent = -exponent }
    }
    guard index == bytes.count else { return nil }
    self.init(isNegative: negative, digits: digits, exponent: exponent - fractionCount)
  }

  /// Takes a `Decimal` apart; nil for NaN.
  init?(_ decimal: Decimal) {
    guard !decimal.isNaN else { return nil }
    if Self.storageIsKnown, let digits = Self(storageOf: decimal) {
      self = digits
      return
    }
    // The plain-digit description is the only exact view of the mantissa that swift-foundation
    // makes public.
    self.init(text: decimal.description)
  }

  /// Reads a `Decimal`'s stored fields when its mantissa fits 64 bits (every amount does), or nil.
  ///
  /// `description` divides the 128-bit mantissa by ten once per digit and builds a `String`; it
  /// was a twentieth of `ingest`. The fields are internal to Foundation, so this reads the
  /// storage swift-foundation's `Decimal` has (byte 0 the signed exponent; byte 1 the length in
  /// 16-bit words in its high four bits and the sign in bit 3; eight little-endian 16-bit mantissa
  /// words from byte 4), and only after `storageIsKnown` has checked that layout.
  init?(storageOf decimal: Decimal) {
    guard let parts = Self.storageParts(of: decimal) else { return nil }
    var digits: [UInt8] = []
    var rest = parts.mantissa
    while rest > 0 {
      digits.append(UInt8(rest % 10))
      rest /= 10
    }
    self.init(isNegative: parts.negative, digits: digits.reversed(), exponent: parts.exponent)
  }

  /// The stored exponent, sign and mantissa (when it fits 64 bits) of a `Decimal`, read as
  /// `init(storageOf:)` describes; only meaningful when `storageIsKnown`.
  static func storageParts(of decimal: Decimal) -> (exponent: Int, negative: Bool, mantissa: UInt64)? {
    withUnsafeBytes(of: decimal) { raw in
      let length = Int(raw[1] >> 4)
      guard length <= 4 else { return nil }
      var mantissa: UInt64 = 0
      for word in stride(from: length - 1, through: 0, by: -1) {
        mantissa = mantissa << 16 | UInt64(raw[4 + 2 * word]) | UInt64(raw[5 + 2 * word]) << 8
      }
      return (Int(Int8(bitPattern: raw[0])), raw[1] & 0x08 != 0, mantissa)
    }
  }

  /// Whether `init(storageOf:)` reads this Foundation's `Decimal` right, checked once against
  /// `description` on values that set every field it reads.
  static let storageIsKnown: Bool = {
    guard MemoryLayout<Decimal>.size == 20, UInt16(1).littleEndian == 1 else { return false }
    let samples = [
      "0", "1", "-1", "22635.40", "-0.001", "100", "65535", "65536", "-4294967296.5", "18446744073709551615",
      "123456789012345.678", "1e100", "-7e-100", "0.000000000000000000000000000000000001",
    ]
    return samples.allSatisfy { text in
      guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return false }
      return Self(storageOf: value) == Self(text: value.description)
    }
  }()

  /// Appends a decimal digit to a magnitude, saturating far beyond any length an input can
  /// have so hostile exponents cannot overflow yet stay out of range.
  static func accumulate(_ value: Int, _ digit: UInt8) -> Int {
    let limit = 1 << 60
    return value >= limit / 10 ? limit : value * 10 + Int(digit)
  }

  static func digit(_ byte: UInt8) -> UInt8? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
  }

  /// The exact `Decimal`, or nil when it needs more than 38 digits or, with trailing zeros
  /// dropped, an exponent outside `Decimal`'s -128...127.
  var decimal: Decimal? {
    if digits.isEmpty { return Decimal.zero }
    // Foundation's arithmetic folds trailing zeros into the exponent, so padding the mantissa
    // cannot stretch the range: the stripped exponent itself must fit.
    guard digits.count <= Self.maxDecimalDigits, (-128...127).contains(exponent) else { return nil }
    // Chunks of at most 18 digits fit UInt64; the Decimal products below stay within 38 digits,
    // so Foundation computes them exactly.
    var significand = Decimal.zero
    var chunkStart = 0
    while chunkStart < digits.count {
      let chunkEnd = min(chunkStart + 18, digits.count)
      var chunk: UInt64 = 0
      var scale: UInt64 = 1
      for digit in digits[chunkStart..<chunkEnd] {
        chunk = chunk * 10 + UInt64(digit)
        scale *= 10
      }
      significand = significand * Decimal(scale) + Decimal(chunk)
      chunkStart = chunkEnd
    }
    return Decimal(sign: isNegative ? .minus : .plus, exponent: exponent, significand: significand)
  }

  /// The value as an `Int` when it is whole and fits, otherwise nil.
  var int: Int? {
    guard exponent >= 0 else { return nil }
    guard digits.count + exponent <= 19 else { return nil }
    var result = 0
    for digit in digits + repeatElement(0, count: exponent) {
      let (shifted, overflowShift) = result.multipliedReportingOverflow(by: 10)
      // Accumulate toward the sign so Int.min is reachable.
      let (next, overflowAdd) =
        isNegative
        ? shifted.subtractingReportingOverflow(Int(digit))
        : shifted.addingReportingOverflow(Int(digit))
      guard !overflowShift, !overflowAdd else { return nil }
      result = next
    }
    return result
  }

  /// Scientific text `DIGITSeEXP` that `Double(_:)` parses with correct rounding.
  var scientificText: String {
    guard !digits.isEmpty else { return "0" }
    let mantissa = String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
    return (isNegative ? "-" : "") + mantissa + "e" + String(exponent)
  }

  /// ECMAScript `Number::toString` layout (ECMA-262 §7.1.12.1, steps 5-10) of these digits,
  /// which must already be the shortest that identify the number.
  var ecmaScriptText: String {
    var out: [UInt8] = []
    let ascii = digits.map { $0 + UInt8(ascii: "0") }
    ascii.withUnsafeBufferPointer { Self.appendLayout(isNegative: isNegative, ascii: $0, exponent: exponent, to: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the ECMAScript layout of `±ascii × 10^exponent` (`ascii`: ASCII digits without
  /// leading or trailing zeros; empty for zero).
  static func appendLayout(isNegative: Bool, ascii: UnsafeBufferPointer<UInt8>, exponent: Int, to out: inout [UInt8]) {
    guard !ascii.isEmpty else {
      out.append(UInt8(ascii: "0"))
      return
    }
    let k = ascii.count
    let n = exponent + k
    if isNegative { out.append(UInt8(ascii: "-")) }
    if k <= n && n <= 21 {
      out += ascii
      out += repeatElement(UInt8(ascii: "0"), count: n - k)
    } else if 0 < n && n <= 21 {
      out += ascii[0..<n]
      out.append(UInt8(ascii: "."))
      out += ascii[n...]
    } else if -6 < n && n <= 0 {
      out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
      out += repeatElement(UInt8(ascii: "0"), count: -n)
      out += ascii
    } else {
      out.append(ascii[0])
      if k > 1 {
        out.append(UInt8(ascii: "."))
        out += ascii[1...]
      }
      out += Array((n - 1 >= 0 ? "e+" : "e-").utf8)
      out += Array(String((n - 1).magnitude).utf8)
    }
  }

  /// Appends the canonical text of `decimal` without building digit arrays or strings, when
  /// its storage is known and it has at most 15 significant digits (every amount and
  /// coordinate); false (nothing appended) otherwise.
  static func appendShort(_ decimal: Decimal, to out: inout [UInt8]) -> Bool {
    guard storageIsKnown, !decimal.isNaN, let parts = storageParts(of: decimal) else { return false }
    return appendShort(negative: parts.negative, mantissa: parts.mantissa, exponent: parts.exponent, to: &out)
  }

  /// ``appendShort(_:to:)`` for the number `mantissa` × 10^`exponent` (negative when asked),
  /// given as its parts: a coordinate's whole hundredths, an integer.
  static func appendShort(negative: Bool, mantissa: UInt64, exponent: Int, to out: inout [UInt8]) -> Bool {
    var mantissa = mantissa
    var exponent = exponent
    guard mantissa != 0 else {
      out.append(UInt8(ascii: "0"))
      return true
    }
    while mantissa % 10 == 0 {
      mantissa /= 10
      exponent += 1
    }
    guard mantissa < 1_000_000_000_000_000 else { return false }  // 16 digits or more
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
      var start = 16
      while mantissa > 0 {
        start -= 1
        buffer[start] = UInt8(mantissa % 10) + UInt8(ascii: "0")
        mantissa /= 10
      }
      appendLayout(
        isNegative: negative, ascii: UnsafeBufferPointer(rebasing: buffer[start..<16]), exponent: exponent, to: &out)
      return true
    }
  }
}
