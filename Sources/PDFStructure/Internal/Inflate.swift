/// A zlib (RFC 1950) and raw deflate (RFC 1951) decoder: the core links no zlib, and PDF content
/// streams are almost all FlateDecode.
///
/// 1. Check the two-byte zlib header (method 8, no preset dictionary, header checksum).
/// 2. Decode blocks until the final one: stored blocks are copied; fixed and dynamic Huffman
///    blocks are decoded through lookup tables (a 10-bit root table for literals and lengths, an
///    8-bit one for distances, each with second-level tables for longer codes), from a 64-bit bit
///    buffer refilled eight bytes at a time.
/// 3. The Adler-32 trailer is not checked, as poppler does not check it either.
///
/// Any malformed or truncated input gives nil: the caller then treats the stream as unreadable
/// rather than guessing how much of it a renderer would have drawn.
enum Inflate {
  /// Largest output accepted, so a small hostile stream cannot exhaust memory.
  static let defaultLimit = 256 << 20

  /// Decodes a zlib-wrapped stream.
  static func zlib(_ input: [UInt8], limit: Int = defaultLimit) -> [UInt8]? {
    input.withUnsafeBufferPointer { zlib($0, limit: limit)?.output }
  }

  /// Decodes a zlib-wrapped stream and also says how many input bytes it used.
  static func zlib(_ input: UnsafeBufferPointer<UInt8>, limit: Int = defaultLimit) -> (
    output: [UInt8], consumed: Int
  )? {
    var exceeded = false
    return zlib(input, limit: limit, exceeded: &exceeded)
  }

  /// Decodes a zlib-wrapped stream; `exceeded` is set when it gives nil because the output
  /// would pass `limit` (a decompression bomb, not a malformed stream).
  static func zlib(_ input: UnsafeBufferPointer<UInt8>, limit: Int = defaultLimit, exceeded: inout Bool) -> (
    output: [UInt8], consumed: Int
  )? {
    guard input.count >= 2 else { return nil }
    let cmf = Int(input[0])
    let flg = Int(input[1])
    guard cmf & 0x0F == 8, cmf >> 4 <= 7, (cmf << 8 | flg) % 31 == 0, flg & 0x20 == 0 else { return nil }
    guard let base = input.baseAddress,
      let (output, used) = raw(UnsafeBufferPointer(start: base + 2, count: input.count - 2), limit: limit, exceeded: &exceeded)
    else { return nil }
    // The Adler-32 trailer follows; count it as used when present.
    return (output, min(input.count, 2 + used + 4))
  }

  /// Decodes raw deflate data; returns the output and the number of input bytes used.
  static func raw(_ input: UnsafeBufferPointer<UInt8>, limit: Int = defaultLimit) -> (output: [UInt8], consumed: Int)? {
    var exceeded = false
    return raw(input, limit: limit, exceeded: &exceeded)
  }

  /// Decodes raw deflate data; `exceeded` is set when the output would pass `limit`.
  static func raw(_ input: UnsafeBufferPointer<UInt8>, limit: Int, exceeded: inout Bool) -> (
    output: [UInt8], consumed: Int
  )? {
    var decoder = Decoder(input: input, limit: limit)
    guard decoder.run() else {
      exceeded = decoder.exceededLimit
      decoder.release()
      return nil
    }
    let result = decoder.takeOutput()
    return (result, decoder.consumedBytes)
  }

  // MARK: Tables

  /// A table entry: bits 0–7 code length (or a link's index width), bits 8–11 extra bits,
  /// bits 12–14 kind, bits 16–31 value (literal, base, or link offset).
  fileprivate enum Kind: UInt32 {
    case literal = 0
    case base = 1
    case end = 2
    case link = 3
    case invalid = 4
  }

  fileprivate static let lengthBase: [UInt16] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
  ]
  fileprivate static let lengthExtra: [UInt8] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  fileprivate static let distanceBase: [UInt16] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
    6145, 8193, 12289, 16385, 24577,
  ]
  fileprivate static let distanceExtra: [UInt8] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
  ]

  fileprivate static let literalRootBits = 10
  fileprivate static let distanceRootBits = 8

  /// What a literal/length symbol decodes to.
  fileprivate static func literalEntryPayload(_ symbol: Int) -> UInt32 {
    if symbol < 256 { return UInt32(symbol) << 16 | Kind.literal.rawValue << 12 }
    if symbol == 256 { return Kind.end.rawValue << 12 }
    let index = symbol - 257
    guard index < lengthBase.count else { return Kind.invalid.rawValue << 12 }
    return UInt32(lengthBase[index]) << 16 | UInt32(lengthExtra[index]) << 8 | Kind.base.rawValue << 12
  }

  /// What a distance symbol decodes to.
  fileprivate static func distanceEntryPayload(_ symbol: Int) -> UInt32 {
    guard symbol < distanceBase.count else { return Kind.invalid.rawValue << 12 }
    return UInt32(distanceBase[symbol]) << 16 | UInt32(distanceExtra[symbol]) << 8 | Kind.base.rawValue << 12
  }

  /// Builds a two-level decoding table from code lengths (RFC 1951 §3.2.2 canonical codes);
  /// nil when the lengths over-subscribe the code space.
  fileprivate static func table(lengths: [UInt8], rootBits: Int, payload: (Int) -> UInt32) -> [UInt32]? {
    var counts = [Int](repeating: 0, count: 16)
    var maxLength = 0
    for length in lengths where length > 0 {
      counts[Int(length)] += 1
      maxLength = max(maxLength, Int(length))
    }
    // Over-subscription check; incomplete codes are allowed (a lone distance code is legal).
    var left = 1
    for length in 1..<16 {
      left <<= 1
      left -= counts[length]
      if left < 0 { return nil }
    }
    var nextCode = [Int](repeating: 0, count: 16)
    var code = 0
    for length in 1..<16 {
      code = (code + counts[length - 1]) << 1
      nextCode[length] = code
    }
    nextCode[0] = 0
    let invalid = Kind.invalid.rawValue << 12
    let rootSize = 1 << rootBits
    var table = [UInt32](repeating: invalid, count: rootSize)
    let subBits = max(0, maxLength - rootBits)
    let subSize = 1 << subBits
    for symbol in 0..<lengths.count {
      let length = Int(lengths[symbol])
      guard length > 0 else { continue }
      let assigned = nextCode[length]
      nextCode[length] += 1
      // Deflate sends codes most-significant bit first; the bit buffer is read from bit 0.
      var reversed = 0
      for bit in 0..<length where assigned & (1 << (length - 1 - bit)) != 0 { reversed |= 1 << bit }
      let entry = payload(symbol) | UInt32(length)
      if length <= rootBits {
        var index = reversed
        while index < rootSize {
          table[index] = entry
          index += 1 << length
        }
      } else {
        let root = reversed & (rootSize - 1)
        var link = table[root]
        if (link >> 12) & 7 != Kind.link.rawValue {
          link = UInt32(table.count) << 16 | Kind.link.rawValue << 12 | UInt32(subBits)
          table[root] = link
          table.append(contentsOf: repeatElement(invalid, count: subSize))
        }
        let offset = Int(link >> 16)
        var index = reversed >> rootBits
        while index < subSize {
          table[offset + index] = entry
          index += 1 << (length - rootBits)
        }
      }
    }
    return table
  }

  fileprivate static let fixedLiteralTable: [UInt32] = {
    var lengths = [UInt8](repeating: 8, count: 288)
    for i in 144..<256 { lengths[i] = 9 }
    for i in 256..<280 { lengths[i] = 7 }
    return table(lengths: lengths, rootBits: literalRootBits, payload: literalEntryPayload) ?? []
  }()

  fileprivate static let fixedDistanceTable: [UInt32] = {
    table(lengths: [UInt8](repeating: 5, count: 30), rootBits: distanceRootBits, payload: distanceEntryPayload) ?? []
  }()

  fileprivate static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  // MARK: Decoder

  /// The decoding state: input cursor, bit buffer and a growable output buffer.
  fileprivate struct Decoder {
    let input: UnsafeBufferPointer<UInt8>
    let limit: Int
    var position = 0
    var bits: UInt64 = 0
    var bitCount = 0
    /// Zero bytes fed past the end of the input; any of them used means truncated data.
    var padding = 0
    var output: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var count = 0
    /// Set when the output would have passed the limit.
    var exceededLimit = false

    init(input: UnsafeBufferPointer<UInt8>, limit: Int) {
      self.input = input
      self.limit = limit
      capacity = max(1, min(limit, max(1024, input.count * 4)))
      output = .allocate(capacity: capacity)
    }

    /// Input bytes used by the decoded blocks (bits still in the buffer are given back).
    var consumedBytes: Int { max(0, min(input.count, position - bitCount / 8)) }

    func release() { output.deallocate() }

    mutating func takeOutput() -> [UInt8] {
      let result = Array(UnsafeBufferPointer(start: output, count: count))
      output.deallocate()
      return result
    }

    /// Tops the bit buffer up to at least 56 bits (at most 63, so shifts stay in range).
    @inline(__always) mutating func refill() {
      if position + 8 <= input.count, let base = input.baseAddress {
        let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
        bits |= word << UInt64(bitCount)
        position += (63 - bitCount) >> 3
        bitCount |= 56
      } else {
        while bitCount <= 55 {
          if position < input.count {
            bits |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
          } else {
            padding += 1
            position += 1
          }
          bitCount += 8
        }
      }
    }

    @inline(__always) mutating func take(_ n: Int) -> Int {
      let value = Int(truncatingIfNeeded: bits & ((1 << UInt64(n)) - 1))
      bits >>= UInt64(n)
      bitCount -= n
      return value
    }

    /// Whether the bits used so far all came from real input (padding sits at the top of the
    /// buffer, so it is untouched while the buffer still holds that many bits).
    var withinInput: Bool { padding * 8 <= bitCount }

    mutating func grow(toHold needed: Int) -> Bool {
      guard needed <= limit else {
        exceededLimit = true
        return false
      }
      var newCapacity = capacity
      while newCapacity < needed { newCapacity = min(limit, newCapacity * 2) }
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      grown.update(from: output, count: count)
      output.deallocate()
      output = grown
      capacity = newCapacity
      return true
    }

    mutating func run() -> Bool {
      var final = false
      while !final {
        refill()
        final = take(1) == 1
        let type = take(2)
        let ok: Bool
        switch type {
        case 0: ok = stored()
        case 1: ok = huffman(literals: Inflate.fixedLiteralTable, distances: Inflate.fixedDistanceTable)
        case 2: ok = dynamic()
        default: ok = false
        }
        guard ok, withinInput else { return false }
      }
      return true
    }

    mutating func stored() -> Bool {
      // Skip to a byte boundary, then read LEN and NLEN from whatever the buffer holds.
      _ = take(bitCount & 7)
      if bitCount < 32 { refill() }
      let length = take(16)
      let complement = take(16)
      guard length == ~complement & 0xFFFF, withinInput else { return false }
      // Hand back the whole bytes still buffered (padding included), then copy straight from
      // the input.
      position -= bitCount / 8
      bits = 0
      bitCount = 0
      padding = 0
      guard position >= 0, position + length <= input.count, let base = input.baseAddress else { return false }
      if count + length > capacity, !grow(toHold: count + length) { return false }
      (output + count).update(from: base + position, count: length)
      count += length
      position += length
      return true
    }

    mutating func dynamic() -> Bool {
      refill()
      let literalCount = take(5) + 257
      let distanceCount = take(5) + 1
      let codeLengthCount = take(4) + 4
      guard literalCount <= 286, distanceCount <= 30 else { return false }
      var codeLengthLengths = [UInt8](repeating: 0, count: 19)
      for i in 0..<codeLengthCount {
        if bitCount < 3 { refill() }
        codeLengthLengths[Inflate.codeLengthOrder[i]] = UInt8(take(3))
      }
      guard
        let codeLengthTable = Inflate.table(
          lengths: codeLengthLengths, rootBits: 7, payload: { UInt32($0) << 16 | Kind.literal.rawValue << 12 })
      else { return false }
      var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
      var i = 0
      while i < lengths.count {
        refill()
        if padding != 0, !withinInput { return false }
        let entry = codeLengthTable[Int(truncatingIfNeeded: bits & 0x7F)]
        let used = Int(entry & 0xFF)
        guard (entry >> 12) & 7 == Kind.literal.rawValue, used > 0 else { return false }
        _ = take(used)
        let symbol = Int(entry >> 16)
        switch symbol {
        case 0...15:
          lengths[i] = UInt8(symbol)
          i += 1
        case 16:
          guard i > 0 else { return false }
          let repeatCount = 3 + take(2)
          guard i + repeatCount <= lengths.count else { return false }
          let previous = lengths[i - 1]
          for _ in 0..<repeatCount {
            lengths[i] = previous
            i += 1
          }
        case 17:
          let repeatCount = 3 + take(3)
          guard i + repeatCount <= lengths.count else { return false }
          i += repeatCount
        default:
          let repeatCount = 11 + take(7)
          guard i + repeatCount <= lengths.count else { return false }
          i += repeatCount
        }
      }
      guard withinInput, lengths[256] > 0 else { return false }
      guard
        let literals = Inflate.table(
          lengths: Array(lengths[0..<literalCount]), rootBits: Inflate.literalRootBits,
          payload: Inflate.literalEntryPayload),
        let distances = Inflate.table(
          lengths: Array(lengths[literalCount...]), rootBits: Inflate.distanceRootBits,
          payload: Inflate.distanceEntryPayload)
      else { return false }
      return huffman(literals: literals, distances: distances)
    }

    mutating func huffman(literals: [UInt32], distances: [UInt32]) -> Bool {
      literals.withUnsafeBufferPointer { literalTable in
        distances.withUnsafeBufferPointer { distanceTable in
          decodeSymbols(literalTable, distanceTable)
        }
      }
    }

    /// The hot loop: one literal or one length/distance pair per iteration.
    mutating func decodeSymbols(
      _ literalTable: UnsafeBufferPointer<UInt32>, _ distanceTable: UnsafeBufferPointer<UInt32>
    )
      -> Bool
    {
      let literalMask = UInt64((1 << Inflate.literalRootBits) - 1)
      let distanceMask = UInt64((1 << Inflate.distanceRootBits) - 1)
      while true {
        if bitCount < 48 {
          refill()
          // Decoding past the end would read zeros forever: stop at the first padded bit used.
          if padding != 0, !withinInput { return false }
        }
        var entry = literalTable[Int(truncatingIfNeeded: bits & literalMask)]
        if (entry >> 12) & 7 == Kind.link.rawValue {
          let sub =
            Int(entry >> 16)
            + Int(truncatingIfNeeded: (bits >> UInt64(Inflate.literalRootBits)) & ((1 << UInt64(entry & 0xFF)) - 1))
          guard sub < literalTable.count else { return false }
          entry = literalTable[sub]
        }
        let kind = (entry >> 12) & 7
        let used = Int(entry & 0xFF)
        if kind == Kind.literal.rawValue {
          bits >>= UInt64(used)
          bitCount -= used
          if count == capacity, !grow(toHold: count + 1) { return false }
          output[count] = UInt8(truncatingIfNeeded: entry >> 16)
          count += 1
          continue
        }
        if kind == Kind.end.rawValue {
          bits >>= UInt64(used)
          bitCount -= used
          return true
        }
        guard kind == Kind.base.rawValue, used > 0 else { return false }
        bits >>= UInt64(used)
        bitCount -= used
        let lengthExtra = Int((entry >> 8) & 0xF)
        let length = Int(entry >> 16) + take(lengthExtra)
        // 15 distance code bits plus 13 extra bits are left from the 48 guaranteed above.
        if bitCount < 28 { refill() }
        var distanceEntry = distanceTable[Int(truncatingIfNeeded: bits & distanceMask)]
        if (distanceEntry >> 12) & 7 == Kind.link.rawValue {
          let sub =
            Int(distanceEntry >> 16)
            + Int(
              truncatingIfNeeded: (bits >> UInt64(Inflate.distanceRootBits)) & ((1 << UInt64(distanceEntry & 0xFF)) - 1)
            )
          guard sub < distanceTable.count else { return false }
          distanceEntry = distanceTable[sub]
        }
        let distanceUsed = Int(distanceEntry & 0xFF)
        guard (distanceEntry >> 12) & 7 == Kind.base.rawValue, distanceUsed > 0 else { return false }
        bits >>= UInt64(distanceUsed)
        bitCount -= distanceUsed
        let distance = Int(distanceEntry >> 16) + take(Int((distanceEntry >> 8) & 0xF))
        guard distance <= count else { return false }
        if count + length > capacity, !grow(toHold: count + length) { return false }
        let target = output + count
        let source = target - distance
        if distance >= length {
          target.update(from: source, count: length)
        } else {
          // Overlapping copy: each byte may repeat one written moments ago.
          for k in 0..<length { target[k] = source[k] }
        }
        count += length
      }
    }
  }
}
