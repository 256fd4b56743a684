import Foundation

/// RFC 8785 JSON Canonicalization Scheme (JCS) serialization of `JSONValue`.
///
/// Object members are sorted by the UTF-16 code units of their names, strings are escaped as
/// ECMAScript `JSON.stringify` does, and numbers take ECMAScript `Number.prototype.toString` form.
///
/// File convention: the output always ends with one `"\n"`. The canonical bytes in the RFC 8785
/// sense (what gets hashed or signed) are the output without that final newline.
///
/// Numbers: a value with at most 15 significant digits is written from its exact `Decimal`
/// digits (every such decimal round-trips through binary64, so this is also exactly what JCS
/// prescribes). A value with more digits is written as JCS writes the nearest IEEE 754 double,
/// for example 333333333.33333329 becomes 333333333.3333333, since that is the number an RFC 8785
/// consumer sees. `Decimal.nan` is written as `null`, as `JSON.stringify` does for NaN.
public enum CanonicalJSON {
  /// The UTF-8 bytes of `value` in canonical form (or indented when `pretty`), ending in `"\n"`.
  public static func data(_ value: JSONValue, pretty: Bool = false) -> [UInt8] {
    var writer = CanonicalJSONWriter(pretty: pretty)
    writer.write(value, indent: 0)
    writer.out.append(UInt8(ascii: "\n"))
    return writer.out
  }

  /// The text of `value` in canonical form (or indented when `pretty`), ending in `"\n"`.
  public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
    String(decoding: data(value, pretty: pretty), as: UTF8.self)
  }

  /// The ECMAScript `Number::toString` text of `value` (see the type's notes on precision).
  static func numberText(_ value: Decimal) -> String {
    var out: [UInt8] = []
    appendNumber(value, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `numberText(value)`: straight from the stored mantissa when it is short (every
  /// amount and coordinate), else through the digit-array path.
  static func appendNumber(_ value: Decimal, to out: inout [UInt8]) {
    if !JSONDecimalDigits.appendShort(value, to: &out) { out.append(contentsOf: digitsText(value).utf8) }
  }

  /// `numberText` through the digit-array path, for any `Decimal`.
  static func digitsText(_ value: Decimal) -> String {
    guard var digits = JSONDecimalDigits(value) else { return "null" }
    if digits.digits.count > 15 {
      // Beyond 15 digits distinct decimals can share a double, and JCS speaks of doubles:
      // Double(String) rounds correctly and `description` gives the shortest round-trip digits
      // (nearest on ties), which is exactly the digit choice ECMA-262 makes.
      guard let double = Double(digits.scientificText), double.isFinite,
        let shortest = JSONDecimalDigits(text: double.description)
      else { return "null" }
      digits = shortest
    }
    return digits.ecmaScriptText
  }

  /// Appends `string` quoted and escaped per RFC 8785 §3.2.2.2.
  static func appendString(_ string: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var string = string
    // Runs of bytes that need no escape go in whole (multi-byte UTF-8 sequences only contain
    // bytes >= 0x80, so they are always inside a run).
    string.withUTF8 { bytes in
      var runStart = 0
      for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        appendEscape(byte, to: &out)
        runStart = index + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    out.append(UInt8(ascii: "\""))
  }

  private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
    case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
    case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
    case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
    case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
    case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
    case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
    default:
      let hex = Array("0123456789abcdef".utf8)
      out += Array("\\u00".utf8)
      out += [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
    }
  }
}

/// Writes one `JSONValue` tree into a byte buffer.
struct CanonicalJSONWriter {
  let pretty: Bool
  var out: [UInt8] = []

  init(pretty: Bool) {
    self.pretty = pretty
  }

  mutating func write(_ value: JSONValue, indent: Int) {
    switch value {
    case .null:
      out.append(contentsOf: "null".utf8)
    case .bool(let flag):
      out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .number(let number):
      CanonicalJSON.appendNumber(number, to: &out)
    case .string(let string):
      CanonicalJSON.appendString(string, to: &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { out.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        write(element, indent: indent + 1)
      }
      if !elements.isEmpty { newline(indent) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      // RFC 8785 §3.2.3: compare names as UTF-16 code unit sequences, which differs from
      // Unicode scalar (and Swift String) order once characters beyond U+FFFF appear.
      // Below U+10000 UTF-8 byte order is scalar order is UTF-16 order, so names without a
      // four-byte sequence (lead byte 0xF0 or above) compare as bytes, without building arrays.
      let sorted: [(key: String, value: JSONValue)]
      if members.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0xF0 } }) {
        sorted = members.map { (key: $0.key, value: $0.value) }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
      } else {
        sorted = members.map { (units: Array($0.key.utf16), key: $0.key, value: $0.value) }
          .sorted { $0.units.lexicographicallyPrecedes($1.units) }.map { (key: $0.key, value: $0.value) }
      }
      out.append(UInt8(ascii: "{"))
      for (position, member) in sorted.enumerated() {
        if position > 0 { out.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        CanonicalJSON.appendString(member.key, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        write(member.value, indent: indent + 1)
      }
      if !sorted.isEmpty { newline(indent) }
      out.append(UInt8(ascii: "}"))
    }
  }

  private mutating func newline(_ indent: Int) {
    guard pretty else { return }
    out.append(UInt8(ascii: "\n"))
    out += repeatElement(UInt8(ascii: " "), count: indent * 2)
  }
}
