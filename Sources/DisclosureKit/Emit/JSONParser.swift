import Foundation

/// Why and where `JSONParser` rejected its input.
public struct JSONParseError: Error, CustomStringConvertible, Equatable {
  /// Zero-based byte offset in the input where the problem was found.
  public let offset: Int
  /// What was wrong: lowercase, no trailing period.
  public let reason: String

  /// Creates an error at byte `offset`.
  public init(offset: Int, reason: String) {
    self.offset = offset
    self.reason = reason
  }

  /// `invalid json at byte <offset>: <reason>`.
  public var description: String { "invalid json at byte \(offset): \(reason)" }
}

/// A strict RFC 8259 parser that reads numbers straight into exact `Decimal`s.
///
/// Rejects trailing commas, comments, NaN and infinities, leading zeros, unescaped control
/// characters, invalid UTF-8, lone surrogates (escaped or encoded), duplicate object names
/// (Swift `String` equality, so canonically equivalent names such as "\u{E9}" and "e\u{301}"
/// count as duplicates), nesting deeper than 512 arrays and objects, numbers with more than 38
/// significant digits, and numbers whose exponent `Decimal` cannot hold. A byte order mark is
/// not skipped. Any JSON value may be the top-level value.
public enum JSONParser {
  /// Deepest allowed nesting of arrays and objects.
  static let maxDepth = 512

  /// Parses one JSON text from UTF-8 bytes.
  public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    var reader = JSONByteReader(bytes: bytes)
    return try reader.document()
  }

  /// Parses one JSON text.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8))
  }
}

/// The parser's cursor. Containers are kept on explicit stacks rather than the call stack so
/// that no input, however deep, can exhaust the thread's stack before the depth limit fires.
struct JSONByteReader {
  let bytes: [UInt8]
  var index = 0

  private enum Frame {
    case array
    case object
  }

  // Separate stacks keep each open container uniquely referenced, so appends never copy.
  private var frames: [Frame] = []
  private var arrays: [[JSONValue]] = []
  private var objects: [(members: [String: JSONValue], key: String, keyOffset: Int)] = []

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  mutating func document() throws(JSONParseError) -> JSONValue {
    let value = try parseValue()
    skipWhitespace()
    guard index == bytes.count else { throw failure("unexpected data after value") }
    return value
  }

  private mutating func parseValue() throws(JSONParseError) -> JSONValue {
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of input") }
      var value: JSONValue
      switch bytes[index] {
      case UInt8(ascii: "["):
        try enterContainer()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          value = .array([])
        } else {
          frames.append(.array)
          arrays.append([])
          continue
        }
      case UInt8(ascii: "{"):
        try enterContainer()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          value = .object([:])
        } else {
          let keyOffset = index
          let key = try memberName(afterComma: false)
          frames.append(.object)
          objects.append((members: [:], key: key, keyOffset: keyOffset))
          continue
        }
      case UInt8(ascii: "\""):
        value = .string(try string())
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        value = .number(try number())
      case UInt8(ascii: "t"):
        try literal("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        value = .null
      case UInt8(ascii: "]") where frames.last == .array:
        // "[" followed by "]" is handled above, so here a comma came before.
        throw failure("trailing comma before ']'")
      default:
        throw failure("expected value")
      }

      // Hand the finished value to the open containers, closing those that end here.
      completing: while let frame = frames.last {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input") }
        let byte = bytes[index]
        switch frame {
        case .array:
          arrays[arrays.count - 1].append(value)
          if byte == UInt8(ascii: ",") {
            index += 1
            break completing
          }
          guard byte == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
          index += 1
          frames.removeLast()
          value = .array(arrays.removeLast())
        case .object:
          let top = objects.count - 1
          // One hash per member: a name seen before is found as the value goes in.
          if objects[top].members.updateValue(value, forKey: objects[top].key) != nil {
            throw Self.duplicate(objects[top].key, at: objects[top].keyOffset)
          }
          if byte == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
            objects[top].keyOffset = index
            objects[top].key = try memberName(afterComma: true)
            break completing
          }
          guard byte == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
          index += 1
          frames.removeLast()
          value = .object(objects.removeLast().members)
        }
      }
      if frames.isEmpty { return value }
    }
  }

  private mutating func enterContainer() throws(JSONParseError) {
    guard frames.count < JSONParser.maxDepth else {
      throw failure("nesting deeper than \(JSONParser.maxDepth) levels")
    }
    index += 1
  }

  /// Reads `"name" :` and leaves the cursor at the member's value.
  private mutating func memberName(afterComma: Bool) throws(JSONParseError) -> String {
    guard index < bytes.count else { throw failure("unexpected end of input") }
    guard bytes[index] == UInt8(ascii: "\"") else {
      if afterComma && bytes[index] == UInt8(ascii: "}") {
        throw failure("trailing comma before '}'")
      }
      throw failure("expected string key")
    }
    let key = try string()
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
      throw failure("expected ':'")
    }
    index += 1
    return key
  }

  /// A member name given twice in one object, reported at its second occurrence.
  static func duplicate(_ key: String, at offset: Int) -> JSONParseError {
    var quoted: [UInt8] = []
    CanonicalJSON.appendString(String(key.prefix(64)), to: &quoted)
    return JSONParseError(offset: offset, reason: "duplicate key \(String(decoding: quoted, as: UTF8.self))")
  }

  mutating func literal(_ word: StaticString) throws(JSONParseError) {
    let start = index
    var matched = true
    word.withUTF8Buffer { expected in
      if bytes.count - start < expected.count {
        matched = false
      } else {
        for (offset, byte) in expected.enumerated() where bytes[start + offset] != byte {
          matched = false
          break
        }
      }
    }
    guard matched else { throw failure("invalid literal") }
    index += word.utf8CodeUnitCount
  }

  mutating func number() throws(JSONParseError) -> Decimal {
    let start = index
    let negative = bytes[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    var digits: [UInt8] = []
    guard index < bytes.count, let first = JSONDecimalDigits.digit(bytes[index]) else {
      throw failure("expected digit")
    }
    index += 1
    if first == 0 {
      if index < bytes.count, JSONDecimalDigits.digit(bytes[index]) != nil {
        throw failure("leading zeros are not allowed")
      }
    } else {
      digits.append(first)
      while index < bytes.count, let digit = JSONDecimalDigits.digit(bytes[index]) {
        digits.append(digit)
        index += 1
      }
    }
    var fractionCount = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, JSONDecimalDigits.digit(bytes[index]) != nil else {
        throw failure("expected digit after '.'")
      }
      while index < bytes.count, let digit = JSONDecimalDigits.digit(bytes[index]) {
        // Leading zeros carry no information; skipping them keeps "0.000…1" small.
        if !(digits.isEmpty && digit == 0) { digits.append(digit) }
        fractionCount += 1
        index += 1
      }
    }
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
      guard index < bytes.count, JSONDecimalDigits.digit(bytes[index]) != nil else {
        throw failure("expected digit in exponent")
      }
      while index < bytes.count, let digit = JSONDecimalDigits.digit(bytes[index]) {
        exponent = JSONDecimalDigits.accumulate(exponent, digit)
        index += 1
      }
      if exponentNegative { exponent = -exponent }
    }
    let parts = JSONDecimalDigits(
      isNegative: negative, digits: digits, exponent: exponent - fractionCount)
    guard parts.digits.count <= JSONDecimalDigits.maxDecimalDigits else {
      throw JSONParseError(
        offset: start,
        reason: "number has more than \(JSONDecimalDigits.maxDecimalDigits) significant digits")
    }
    guard let decimal = parts.decimal else {
      throw JSONParseError(offset: start, reason: "number out of range")
    }
    return decimal
  }

  mutating func string() throws(JSONParseError) -> String {
    if let plain = plainString() { return plain }
    let start = index
    index += 1
    var buffer: [UInt8] = []
    while true {
      guard index < bytes.count else {
        throw JSONParseError(offset: start, reason: "unterminated string")
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        // Every byte appended was validated as UTF-8 or produced by UTF8.encode.
        return String(decoding: buffer, as: UTF8.self)
      case UInt8(ascii: "\\"):
        try escape(into: &buffer)
      case 0x00..<0x20:
        throw failure("unescaped control character in string")
      case 0x20..<0x80:
        buffer.append(byte)
        index += 1
      default:
        try utf8Sequence(into: &buffer)
      }
    }
  }

  /// The string at the cursor when it has no escape and no control character and is valid
  /// UTF-8 (almost every string): one scan, then the standard library's validation, with no
  /// copy byte by byte. Nil, with the cursor unmoved, for any other string: ``string()`` then
  /// reads it byte by byte and names what is wrong.
  private mutating func plainString() -> String? {
    let first = index + 1
    guard let end = plainStringEnd() else { return nil }
    let text = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[first..<end]), as: UTF8.self) }
    index = end + 1
    return text
  }

  /// Where the plain string at the cursor ends (the index of its closing quote); nil for a
  /// string with an escape, a control character or invalid UTF-8, or one never closed. The
  /// cursor does not move.
  func plainStringEnd() -> Int? {
    let first = index + 1
    return bytes.withUnsafeBufferPointer { buffer -> Int? in
      var end = first
      var ascii = true
      while end < buffer.count {
        let byte = buffer[end]
        if byte == UInt8(ascii: "\"") { break }
        if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
        if byte >= 0x80 { ascii = false }
        end += 1
      }
      guard end < buffer.count else { return nil }
      if !ascii && String(validating: UnsafeBufferPointer(rebasing: buffer[first..<end]), as: UTF8.self) == nil { return nil }
      return end
    }
  }

  private mutating func escape(into buffer: inout [UInt8]) throws(JSONParseError) {
    let start = index
    index += 1
    guard index < bytes.count else {
      throw JSONParseError(offset: start, reason: "unterminated string")
    }
    let code = bytes[index]
    index += 1
    switch code {
    case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
    case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
    case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "n"): buffer.append(0x0A)
    case UInt8(ascii: "r"): buffer.append(0x0D)
    case UInt8(ascii: "t"): buffer.append(0x09)
    case UInt8(ascii: "u"):
      let unit = try hexQuad(escapeStart: start)
      var scalarValue = UInt32(unit)
      switch unit {
      case 0xD800...0xDBFF:
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw JSONParseError(offset: start, reason: "lone surrogate in \\u escape") }
        let lowStart = index
        index += 2
        let low = try hexQuad(escapeStart: lowStart)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw JSONParseError(offset: start, reason: "lone surrogate in \\u escape")
        }
        scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
      case 0xDC00...0xDFFF:
        throw JSONParseError(offset: start, reason: "lone surrogate in \\u escape")
      default:
        break
      }
      guard let scalar = Unicode.Scalar(scalarValue) else {
        throw JSONParseError(offset: start, reason: "invalid \\u escape")
      }
      UTF8.encode(scalar) { buffer.append($0) }
    default:
      throw JSONParseError(offset: start, reason: "invalid escape")
    }
  }

  /// Reads the four hex digits after `\u`.
  private mutating func hexQuad(escapeStart: Int) throws(JSONParseError) -> UInt16 {
    guard index + 4 <= bytes.count else {
      throw JSONParseError(offset: escapeStart, reason: "invalid \\u escape")
    }
    var unit: UInt16 = 0
    for byte in bytes[index..<(index + 4)] {
      let nibble: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
      default: throw JSONParseError(offset: escapeStart, reason: "invalid \\u escape")
      }
      unit = unit << 4 | UInt16(nibble)
    }
    index += 4
    return unit
  }

  /// Copies one well-formed multi-byte UTF-8 sequence (Unicode Table 3-7), rejecting overlong
  /// forms, encoded surrogates and values past U+10FFFF.
  private mutating func utf8Sequence(into buffer: inout [UInt8]) throws(JSONParseError) {
    let lead = bytes[index]
    let length: Int
    var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; secondRange = 0xA0...0xBF
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; secondRange = 0x80...0x9F
    case 0xF0: length = 4; secondRange = 0x90...0xBF
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; secondRange = 0x80...0x8F
    default: throw failure("invalid utf-8")
    }
    guard index + length <= bytes.count else { throw failure("invalid utf-8") }
    guard secondRange.contains(bytes[index + 1]) else { throw failure("invalid utf-8") }
    for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
      throw failure("invalid utf-8")
    }
    buffer += bytes[index..<(index + length)]
    index += length
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  func failure(_ reason: String) -> JSONParseError {
    JSONParseError(offset: index, reason: reason)
  }
}
