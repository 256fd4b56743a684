import CZlib

/// zlib (RFC 1950) and raw deflate (RFC 1951) streams, decoded by the system's zlib: PDF content
/// streams are almost all FlateDecode.
///
/// 1. Check the two-byte zlib header (method 8, no preset dictionary, header checksum).
/// 2. Inflate the deflate data after it with zlib, raw, into at most `limit` bytes.
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
    guard let base = input.baseAddress, limit >= 0 else { return nil }
    var output: UnsafeMutablePointer<UInt8>?
    var count = 0
    var consumed = 0
    let status = disclosure_inflate_raw(base, input.count, limit, &output, &count, &consumed)
    guard status == Int32(DISCLOSURE_INFLATE_OK), let output else {
      exceeded = status == Int32(DISCLOSURE_INFLATE_EXCEEDED)
      return nil
    }
    defer { free(output) }
    return (Array(UnsafeBufferPointer(start: output, count: count)), consumed)
  }
}
