/// Reads PDF objects out of a byte buffer (ISO 32000-1 §7.2–7.3): the object syntax used by the
/// file structure (cross-reference sections, trailers, indirect objects, object streams).
///
/// Content streams are tokenised separately, by `ContentStreamInterpreter`, which needs no
/// objects and must be fast. Everything here is bounds-checked; nesting is depth-limited; a
/// malformed object reads as nil, never as a crash.
struct PDFLexer {
  /// The bytes read; valid only while the caller's `withUnsafeBufferPointer` closure runs.
  let bytes: UnsafeBufferPointer<UInt8>
  /// The read position.
  var position: Int

  /// Deepest array/dictionary nesting accepted.
  static let maxDepth = 64

  init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int = 0) {
    self.bytes = bytes
    self.position = max(0, min(position, bytes.count))
  }

  /// A lexical token.
  enum Token: Equatable {
    case integer(Int)
    case real(Double)
    case name(String)
    case string([UInt8])
    case arrayStart, arrayEnd, dictionaryStart, dictionaryEnd
    /// A bare word: `obj`, `R`, `true`, `stream`, `xref`…
    case keyword(String)
    case end
  }

  static func isWhitespace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00
  }

  static func isDelimiter(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
      UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
      true
    default: false
    }
  }

  static func isRegular(_ c: UInt8) -> Bool { !isWhitespace(c) && !isDelimiter(c) }

  static func hexValue(_ c: UInt8) -> Int? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(c - UInt8(ascii: "A")) + 10
    default: nil
    }
  }

  /// Skips whitespace and comments.
  mutating func skipWhitespace() {
    while position < bytes.count {
      let c = bytes[position]
      if Self.isWhitespace(c) {
        position += 1
      } else if c == UInt8(ascii: "%") {
        while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
      } else {
        return
      }
    }
  }

  /// The next token.
  mutating func next() -> Token {
    skipWhitespace()
    guard position < bytes.count else { return .end }
    let c = bytes[position]
    switch c {
    case UInt8(ascii: "["):
      position += 1
      return .arrayStart
    case UInt8(ascii: "]"):
      position += 1
      return .arrayEnd
    case UInt8(ascii: "<"):
      if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
        position += 2
        return .dictionaryStart
      }
      return .string(hexString())
    case UInt8(ascii: ">"):
      if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") {
        position += 2
        return .dictionaryEnd
      }
      position += 1
      return .keyword(">")
    case UInt8(ascii: "("):
      return .string(literalString())
    case UInt8(ascii: "/"):
      position += 1
      return .name(nameBody())
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
      return number()
    case UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"):
      position += 1
      return .keyword(String(UnicodeScalar(c)))
    default:
      let start = position
      while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
      if position == start { position += 1 }
      return .keyword(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }
  }

  /// A name after its slash, with `#xx` escapes decoded.
  mutating func nameBody() -> String {
    let start = position
    while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
    return Self.decodedName(bytes[start..<position])
  }

  /// The text of a name's raw bytes, `#xx` escapes decoded (PDF 1.7, 7.3.5).
  static func decodedName<Bytes: Collection<UInt8>>(_ raw: Bytes) -> String where Bytes.Index == Int {
    var name: [UInt8] = []
    name.reserveCapacity(raw.count)
    var i = raw.startIndex
    while i < raw.endIndex {
      let c = raw[i]
      if c == UInt8(ascii: "#"), i + 2 < raw.endIndex, let high = hexValue(raw[i + 1]), let low = hexValue(raw[i + 2]) {
        name.append(UInt8(high << 4 | low))
        i += 3
      } else {
        name.append(c)
        i += 1
      }
    }
    return String(decoding: name, as: UTF8.self)
  }

  /// A number as poppler's lexer reads it: an integer, or a real built digit by digit.
  mutating func number() -> Token {
    var negative = false
    var sawDigit = false
    var integer = 0
    var overflow = false
    var real: Double?
    if bytes[position] == UInt8(ascii: "-") {
      negative = true
      position += 1
    } else if bytes[position] == UInt8(ascii: "+") {
      position += 1
    }
    while position < bytes.count {
      let c = bytes[position]
      if c >= 0x30 && c <= 0x39 {
        sawDigit = true
        let (shifted, o1) = integer.multipliedReportingOverflow(by: 10)
        let (sum, o2) = shifted.addingReportingOverflow(Int(c - 0x30))
        if o1 || o2 { overflow = true } else { integer = sum }
        position += 1
      } else if c == UInt8(ascii: ".") {
        position += 1
        var value = Double(integer)
        var scale = 0.1
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
          value += scale * Double(bytes[position] - 0x30)
          scale *= 0.1
          sawDigit = true
          position += 1
        }
        real = value
        break
      } else {
        break
      }
    }
    if !sawDigit { return .integer(0) }
    if let real { return .real(negative ? -real : real) }
    if overflow { return .real(negative ? -Double(integer) : Double(integer)) }
    return .integer(negative ? -integer : integer)
  }

  /// A literal string `( … )` with escapes and balanced parentheses.
  mutating func literalString() -> [UInt8] {
    var result: [UInt8] = []
    position += 1
    var depth = 1
    while position < bytes.count {
      let c = bytes[position]
      position += 1
      switch c {
      case UInt8(ascii: "("):
        depth += 1
        result.append(c)
      case UInt8(ascii: ")"):
        depth -= 1
        if depth == 0 { return result }
        result.append(c)
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { return result }
        let e = bytes[position]
        position += 1
        switch e {
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case 0x0D:
          if position < bytes.count, bytes[position] == 0x0A { position += 1 }
        case 0x0A:
          break
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
          var value = Int(e - 0x30)
          for _ in 0..<2 {
            guard position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x37 else { break }
            value = value * 8 + Int(bytes[position] - 0x30)
            position += 1
          }
          result.append(UInt8(truncatingIfNeeded: value))
        default:
          result.append(e)
        }
      default:
        result.append(c)
      }
    }
    return result
  }

  /// A hexadecimal string `< … >`; an odd final digit counts as followed by zero.
  mutating func hexString() -> [UInt8] {
    var result: [UInt8] = []
    position += 1
    var high: Int?
    while position < bytes.count {
      let c = bytes[position]
      position += 1
      if c == UInt8(ascii: ">") { break }
      guard let digit = Self.hexValue(c) else { continue }
      if let h = high {
        result.append(UInt8(h << 4 | digit))
        high = nil
      } else {
        high = digit
      }
    }
    if let h = high { result.append(UInt8(h << 4)) }
    return result
  }

  /// The next object; `N G R` becomes a reference. Streams are not handled here (see
  /// `PDFFile`), so a dictionary followed by `stream` is returned as the dictionary.
  mutating func object(depth: Int = 0) -> PDFObject? {
    guard depth < Self.maxDepth else { return nil }
    let token = next()
    return object(startingWith: token, depth: depth)
  }

  mutating func object(startingWith token: Token, depth: Int) -> PDFObject? {
    // Checked here, not only in `object(depth:)`: arrays and dictionaries recurse through this
    // function, and a 100,000-deep `[[[…` would otherwise overflow the stack.
    guard depth < Self.maxDepth else { return nil }
    switch token {
    case .integer(let value):
      // Look ahead for `G R`.
      let save = position
      if case .integer(let generation) = next(), case .keyword("R") = next() {
        return .reference(value, generation)
      }
      position = save
      return .integer(value)
    case .real(let value): return .real(value)
    case .name(let value): return .name(value)
    case .string(let value): return .string(value)
    case .arrayStart:
      var items: [PDFObject] = []
      while true {
        let inner = next()
        if inner == .arrayEnd { return .array(items) }
        if inner == .end { return nil }
        guard let item = object(startingWith: inner, depth: depth + 1) else { return nil }
        items.append(item)
      }
    case .dictionaryStart:
      var entries: [String: PDFObject] = [:]
      while true {
        let key = next()
        if key == .dictionaryEnd { return .dictionary(entries) }
        guard case .name(let name) = key else {
          // A stray token in a dictionary: poppler skips it, so do we.
          if key == .end { return nil }
          continue
        }
        let valueToken = next()
        if valueToken == .dictionaryEnd { return .dictionary(entries) }
        guard let value = object(startingWith: valueToken, depth: depth + 1) else { return nil }
        // A null value means the key is absent (§7.3.7).
        if value != .null { entries[name] = value }
      }
    case .keyword(let word):
      switch word {
      case "true": return .bool(true)
      case "false": return .bool(false)
      case "null": return .null
      default: return nil
      }
    case .arrayEnd, .dictionaryEnd, .end:
      return nil
    }
  }

  /// Whether the bytes at the position spell `word` followed by a non-regular character.
  func matches(_ word: StaticString, at offset: Int) -> Bool {
    let count = word.utf8CodeUnitCount
    guard offset >= 0, offset + count <= bytes.count else { return false }
    let pointer = word.utf8Start
    for i in 0..<count where bytes[offset + i] != pointer[i] { return false }
    return offset + count == bytes.count || !Self.isRegular(bytes[offset + count])
  }
}
