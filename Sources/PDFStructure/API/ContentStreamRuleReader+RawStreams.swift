extension ContentStreamRuleReader {
  /// Most bytes `oversizedRawStream(in:)` decodes over a whole file before it stops and calls
  /// the file oversized.
  public static let maxRawScanBytes = 256 << 20

  /// Why a file whose structure cannot be read (see `read(_:pages:)`) is too big to hand to a
  /// renderer, or nil: found without the structure, from the raw bytes.
  ///
  /// 1. Find every `stream` keyword and its data, up to the next `endstream`.
  /// 2. Take the dictionary before it (back to its `obj`); skip a stream that does not say
  ///    FlateDecode, images and font programs (which may decode large and are not content).
  /// 3. Inflate each with `maxPageContentBytes` as limit: one that passes it is a decompression
  ///    bomb. Past `maxRawScanBytes` decoded in all the scan stops, and the file counts as too big.
  ///
  /// A decompression bomb written over a stream in place (found by fuzzing) shifts every offset
  /// after it, so `read(_:pages:)` refuses the file and cannot tell which page is oversized, while
  /// poppler rebuilds the structure and spends minutes reading the page's 1.1 GB of zeros.
  public static func oversizedRawStream(in pdf: [UInt8]) -> String? {
    let keyword = Array("stream".utf8)
    let end = Array("endstream".utf8)
    var decoded = 0
    return pdf.withUnsafeBufferPointer { buffer -> String? in
      var at = 0
      while let found = Self.find(keyword, in: buffer, from: at) {
        at = found + keyword.count
        // `endstream` is not a stream's start.
        if found >= 3, buffer[found - 3] == UInt8(ascii: "e"), buffer[found - 2] == UInt8(ascii: "n"),
          buffer[found - 1] == UInt8(ascii: "d")
        {
          continue
        }
        var start = at
        if start < buffer.count, buffer[start] == 0x0D { start += 1 }
        guard start < buffer.count, buffer[start] == 0x0A else { continue }
        start += 1
        let stop = Self.find(end, in: buffer, from: start) ?? buffer.count
        at = max(at, stop)
        let head = Self.dictionaryText(before: found, in: buffer)
        guard head.contains("/FlateDecode"),
          !["/Image", "/Length1", "/Length2", "/Length3", "/Type1C", "/CIDFontType0C", "/OpenType"].contains(
            where: { head.contains($0) })
        else { continue }
        var exceeded = false
        let output = Inflate.zlib(
          UnsafeBufferPointer(rebasing: buffer[start..<stop]), limit: maxPageContentBytes, exceeded: &exceeded)
        if exceeded {
          return "a stream in it decodes to more than \(maxPageContentBytes >> 20) MB"
        }
        decoded += output?.output.count ?? 0
        if decoded > maxRawScanBytes {
          return "its streams decode to more than \(maxRawScanBytes >> 20) MB"
        }
      }
      return nil
    }
  }

  private static func find(_ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard let first = needle.first, needle.count <= buffer.count else { return nil }
    var i = from
    let last = buffer.count - needle.count
    while i <= last {
      if buffer[i] == first {
        var j = 1
        while j < needle.count, buffer[i + j] == needle[j] { j += 1 }
        if j == needle.count { return i }
      }
      i += 1
    }
    return nil
  }

  /// The text between the last `obj` (at most 4 KB back) and the `stream` keyword at `index`.
  private static func dictionaryText(before index: Int, in buffer: UnsafeBufferPointer<UInt8>) -> String {
    let floor = max(0, index - 4096)
    var start = floor
    var i = index - 3
    while i >= floor {
      if buffer[i] == UInt8(ascii: "o"), buffer[i + 1] == UInt8(ascii: "b"), buffer[i + 2] == UInt8(ascii: "j") {
        start = i
        break
      }
      i -= 1
    }
    return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
  }
}
