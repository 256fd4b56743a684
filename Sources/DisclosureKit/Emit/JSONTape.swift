import Foundation

/// A parsed JSON text as one flat list of nodes (a "tape") rather than a tree of `JSONValue`s:
/// for readers that walk a large document once, such as `export`, whose members are looked up by
/// name a few times each. No dictionary is built and no member name is hashed; a string is made
/// when it is read.
///
/// Parsing is as strict as ``JSONParser`` (the same checks of strings, numbers, nesting and
/// duplicate names), and throws the same ``JSONParseError``s.
public final class JSONTape: @unchecked Sendable {
  // Immutable once built: safe to read from any thread (hence @unchecked).

  enum Kind: UInt8 {
    case null, `false`, `true`, number, string, escapedString, array, object
  }

  /// One value. Containers are followed by their elements (an object's as name, value, name,
  /// value …); `end` is the index after the node's last descendant.
  struct Node {
    var kind: Kind
    /// Byte range of a string's contents (no quotes); index into `numbers` or `escaped` else.
    var start: Int32
    var count: Int32
    var end: Int32
  }

  // Constants once parsed (`let`: read without exclusivity checks).
  let bytes: [UInt8]
  let nodes: [Node]
  let numbers: [Decimal]
  /// Strings with escapes, decoded.
  let escaped: [String]

  /// Parses `bytes` (UTF-8).
  public init(parsing bytes: [UInt8]) throws(JSONParseError) {
    // Offsets are 32-bit (half the size of a node list of `Int`s).
    guard bytes.count < Int(Int32.max) else {
      throw JSONParseError(offset: 0, reason: "document of \(bytes.count) bytes is larger than 2 GiB")
    }
    var builder = Builder(bytes: bytes)
    builder.nodes.reserveCapacity(bytes.count / 12)
    var reader = JSONByteReader(bytes: bytes)
    try builder.parse(&reader)
    self.bytes = bytes
    nodes = builder.nodes
    numbers = builder.numbers
    escaped = builder.escaped
  }

  /// The top-level value.
  public var root: Value { Value(tape: self, index: 0) }
}

extension JSONTape {
  /// The parse, into arrays that become the tape's.
  private struct Builder {
    let bytes: [UInt8]
    var nodes: [Node] = []
    var numbers: [Decimal] = []
    var escaped: [String] = []
    /// The member names of the open objects, each object's after the one that contains it:
    /// (FNV-1a hash of the bytes, whether ASCII, node). One list for all, so that no object
    /// allocates a list of its own.
    var names: [(hash: UInt32, ascii: Bool, node: Int)] = []

    init(bytes: [UInt8]) {
      self.bytes = bytes
    }

    mutating func parse(_ reader: inout JSONByteReader) throws(JSONParseError) {
      // Open containers: node index and, for objects, their members' name nodes.
      var open: [(node: Int, names: Names?)] = []  // names: nil for arrays
      while true {
        reader.skipWhitespace()
        guard reader.index < bytes.count else { throw reader.failure("unexpected end of input") }
        let byte = bytes[reader.index]
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
          guard open.count < JSONParser.maxDepth else {
            throw reader.failure("nesting deeper than \(JSONParser.maxDepth) levels")
          }
          reader.index += 1
          let isObject = byte == UInt8(ascii: "{")
          nodes.append(Node(kind: isObject ? .object : .array, start: 0, count: 0, end: 0))
          open.append((nodes.count - 1, isObject ? Names(start: names.count) : nil))
          reader.skipWhitespace()
          let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
          if reader.index < bytes.count, bytes[reader.index] == close {
            reader.index += 1
            let node = open.removeLast().node
            nodes[node].end = Int32(nodes.count)
            // (an empty object added no names)
          } else {
            if isObject { try name(&reader, into: &open[open.count - 1].names, afterComma: false) }
            continue
          }
        case UInt8(ascii: "\""):
          try string(&reader)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          numbers.append(try reader.number())
          nodes.append(Node(kind: .number, start: Int32(numbers.count - 1), count: 0, end: Int32(nodes.count + 1)))
        case UInt8(ascii: "t"):
          try reader.literal("true")
          nodes.append(Node(kind: .true, start: 0, count: 0, end: Int32(nodes.count + 1)))
        case UInt8(ascii: "f"):
          try reader.literal("false")
          nodes.append(Node(kind: .false, start: 0, count: 0, end: Int32(nodes.count + 1)))
        case UInt8(ascii: "n"):
          try reader.literal("null")
          nodes.append(Node(kind: .null, start: 0, count: 0, end: Int32(nodes.count + 1)))
        case UInt8(ascii: "]") where open.last.map({ nodes[$0.node].kind == .array }) == true:
          throw reader.failure("trailing comma before ']'")
        default:
          throw reader.failure("expected value")
        }
        // A value is complete: close the containers that end here.
        while let top = open.last {
          reader.skipWhitespace()
          guard reader.index < bytes.count else { throw reader.failure("unexpected end of input") }
          let byte = bytes[reader.index]
          let isObject = nodes[top.node].kind == .object
          if byte == UInt8(ascii: ",") {
            reader.index += 1
            if isObject {
              reader.skipWhitespace()
              try name(&reader, into: &open[open.count - 1].names, afterComma: true)
            }
            break
          }
          guard byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
            throw reader.failure(isObject ? "expected ',' or '}'" : "expected ',' or ']'")
          }
          reader.index += 1
          if let closed = open.removeLast().names { names.removeSubrange(closed.start...) }
          nodes[top.node].end = Int32(nodes.count)
        }
        if open.isEmpty {
          reader.skipWhitespace()
          guard reader.index == bytes.count else { throw reader.failure("unexpected data after value") }
          return
        }
      }
    }

    /// Appends a string node for the string at the cursor.
    mutating func string(_ reader: inout JSONByteReader) throws(JSONParseError) {
      // Plain strings (no escape, no control character, valid UTF-8) are kept as a byte range.
      if let end = reader.plainStringEnd() {
        let start = reader.index + 1
        reader.index = end + 1
        nodes.append(Node(kind: .string, start: Int32(start), count: Int32(end - start), end: Int32(nodes.count + 1)))
        return
      }
      escaped.append(try reader.string())
      nodes.append(Node(kind: .escapedString, start: Int32(escaped.count - 1), count: 0, end: Int32(nodes.count + 1)))
    }

    /// The member names of an open object: compared one by one while there are few, hashed once
    /// there are many (so that no object, however large, costs more than linear time).
    struct Names {
      /// Where this object's names start in ``names``.
      var start: Int
      /// The names as strings, once the object has many (so that none costs more than linear time).
      var set: Set<String>?
    }

    /// Reads `"name" :` into a name node, refusing a name the object already has.
    mutating func name(_ reader: inout JSONByteReader, into: inout Names?, afterComma: Bool) throws(JSONParseError) {
      guard reader.index < bytes.count else { throw reader.failure("unexpected end of input") }
      guard bytes[reader.index] == UInt8(ascii: "\"") else {
        if afterComma && bytes[reader.index] == UInt8(ascii: "}") { throw reader.failure("trailing comma before '}'") }
        throw reader.failure("expected string key")
      }
      let offset = reader.index
      try string(&reader)
      let node = nodes.count - 1
      if var known = into {
        into = nil  // taken out while it changes, so the update is in place
        let entry = nameEntry(node)
        var duplicate = false
        if known.set == nil, names.count - known.start >= 16 {
          known.set = Set(names[known.start...].map { text($0.node) ?? "" })
        }
        if known.set != nil {
          duplicate = known.set?.insert(text(node) ?? "").inserted == false
        } else {
          duplicate = names[known.start...].contains { other in
            guard entry.ascii && other.ascii else { return text(other.node) == text(node) }
            return other.hash == entry.hash && sameBytes(other.node, node)
          }
        }
        names.append(entry)
        into = known
        if duplicate { throw JSONByteReader.duplicate(text(node) ?? "", at: offset) }
      }
      reader.skipWhitespace()
      guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: ":") else { throw reader.failure("expected ':'") }
      reader.index += 1
    }

    /// A name node's hash and whether it is plain ASCII (escaped names count as not).
    private func nameEntry(_ index: Int) -> (hash: UInt32, ascii: Bool, node: Int) {
      let node = nodes[index]
      guard node.kind == .string else { return (0, false, index) }
      var hash: UInt32 = 2_166_136_261
      var ascii = true
      for byte in bytes[Int(node.start)..<Int(node.start + node.count)] {
        hash = (hash ^ UInt32(byte)) &* 16_777_619
        if byte >= 0x80 { ascii = false }
      }
      return (hash, ascii, index)
    }

    /// Whether two plain name nodes hold the same bytes.
    private func sameBytes(_ a: Int, _ b: Int) -> Bool {
      let x = nodes[a]
      let y = nodes[b]
      return x.count == y.count
        && bytes[Int(x.start)..<Int(x.start + x.count)].elementsEqual(bytes[Int(y.start)..<Int(y.start + y.count)])
    }

    /// The text of a string node.
    private func text(_ index: Int) -> String? {
      let node = nodes[index]
      switch node.kind {
      case .string: return String(decoding: bytes[Int(node.start)..<Int(node.start + node.count)], as: UTF8.self)
      case .escapedString: return escaped[Int(node.start)]
      default: return nil
      }
    }
  }
}

extension JSONTape {
  // MARK: reading

  /// One value of a tape.
  public struct Value: @unchecked Sendable {
    let tape: JSONTape
    let index: Int

    private var node: Node { tape.nodes[index] }

    /// The Boolean when this is `true` or `false`, otherwise nil.
    public var boolValue: Bool? {
      switch node.kind {
      case .true: true
      case .false: false
      default: nil
      }
    }

    /// The string when this is a string, otherwise nil.
    public var stringValue: String? {
      let node = node
      switch node.kind {
      case .string:
        return tape.bytes.withUnsafeBufferPointer {
          String(decoding: UnsafeBufferPointer(rebasing: $0[Int(node.start)..<Int(node.start + node.count)]), as: UTF8.self)
        }
      case .escapedString: return tape.escaped[Int(node.start)]
      default: return nil
      }
    }

    /// The exact number when this is a number, otherwise nil.
    public var decimalValue: Decimal? {
      node.kind == .number ? tape.numbers[Int(node.start)] : nil
    }

    /// The number as an `Int` when it is a whole value that fits, otherwise nil.
    public var intValue: Int? {
      guard let decimal = decimalValue else { return nil }
      return JSONValue.number(decimal).intValue
    }

    /// The elements when this is an array, otherwise nil.
    public var arrayValue: [Value]? {
      guard node.kind == .array else { return nil }
      var elements: [Value] = []
      var child = index + 1
      let end = Int(node.end)
      while child < end {
        elements.append(Value(tape: tape, index: child))
        child = Int(tape.nodes[child].end)
      }
      return elements
    }

    /// Whether this is an object.
    public var isObject: Bool { node.kind == .object }

    /// The member named `key` when this is an object that has one, otherwise nil.
    public subscript(key: String) -> Value? {
      guard node.kind == .object else { return nil }
      var key = key
      return key.withUTF8 { wanted -> Value? in
        var child = index + 1
        let end = Int(node.end)
        while child < end {
          let name = tape.nodes[child]
          let value = child + 1
          if name.kind == .string {
            if Int(name.count) == wanted.count,
              wanted.isEmpty
                || tape.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(name.start), wanted.baseAddress!, wanted.count) == 0 })
            {
              return Value(tape: tape, index: value)
            }
          } else if Value(tape: tape, index: child).stringValue == String(decoding: wanted, as: UTF8.self) {
            return Value(tape: tape, index: value)
          }
          child = Int(tape.nodes[value].end)
        }
        return nil
      }
    }

    /// The value as a `JSONValue` tree.
    public var jsonValue: JSONValue {
      switch node.kind {
      case .null: return .null
      case .true: return .bool(true)
      case .false: return .bool(false)
      case .number: return .number(tape.numbers[Int(node.start)])
      case .string, .escapedString: return .string(stringValue ?? "")
      case .array: return .array((arrayValue ?? []).map(\.jsonValue))
      case .object:
        var members: [String: JSONValue] = [:]
        var child = index + 1
        let end = Int(node.end)
        while child < end {
          let value = Value(tape: tape, index: child + 1)
          members[Value(tape: tape, index: child).stringValue ?? ""] = value.jsonValue
          child = Int(tape.nodes[child + 1].end)
        }
        return .object(members)
      }
    }
  }
}
