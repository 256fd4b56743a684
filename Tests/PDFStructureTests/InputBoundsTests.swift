import Foundation
import Testing

@testable import PDFStructure

/// Each limit of the PDF reader on untrusted input is hit once: nesting depth, inflated size,
/// content streams per page and decoded size per page. The text path's limits are tested in
/// `DisclosureKitTests` (`TextPathBoundsTests`).
@Suite("Bounds on hostile input: the PDF reader")
struct InputBoundsTests {
  /// `count` bytes of zeros as a zlib stream of stored blocks (no compressor needed).
  static func storedZeros(_ count: Int) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var left = count
    repeat {
      let n = min(left, 65_535)
      left -= n
      out += [left == 0 ? 1 : 0, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
      out += [UInt8](repeating: 0x20, count: n)
    } while left > 0
    return out
  }

  @Test("nesting past PDFLexer.maxDepth reads as nil, not as a stack overflow")
  func deepNesting() {
    func object(_ text: String) -> PDFObject? {
      Array(text.utf8).withUnsafeBufferPointer { buffer in
        var lexer = PDFLexer(buffer)
        return lexer.object()
      }
    }
    let depth = PDFLexer.maxDepth
    #expect(object(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) != nil)
    #expect(object(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)) == nil)
    #expect(object(String(repeating: "[", count: 100_000)) == nil)
    #expect(object(String(repeating: "<< /A ", count: 100_000)) == nil)
    #expect(object("<< /Kids [" + String(repeating: "[", count: 100_000)) == nil)
  }

  @Test("inflate says when its output limit, not the data, stopped it")
  func inflateLimit() {
    let stream = Self.storedZeros(200_000)
    var exceeded = false
    let refused = stream.withUnsafeBufferPointer { Inflate.zlib($0, limit: 100_000, exceeded: &exceeded) }
    #expect(refused == nil && exceeded)
    exceeded = false
    let decoded = stream.withUnsafeBufferPointer { Inflate.zlib($0, limit: 300_000, exceeded: &exceeded) }
    #expect(decoded?.output.count == 200_000 && !exceeded)
    let broken = Array(stream.prefix(1000))
    let truncated = broken.withUnsafeBufferPointer { Inflate.zlib($0, limit: 300_000, exceeded: &exceeded) }
    #expect(truncated == nil && !exceeded)
  }

  @Test("a page naming more than maxContentStreams streams is oversized")
  func manyContentStreams() {
    let count = ContentStreamRuleReader.maxContentStreams
    func document(_ times: Int) -> [UInt8] {
      var pdf = PDFBuilder()
      pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
      pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
      pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents [" + String(repeating: "4 0 R ", count: times) + "] >>")
      pdf.stream(4, Array("3 w 50 50 m 150 50 l S".utf8))
      return pdf.classic()
    }
    #expect(ContentStreamRuleReader().read(document(count), pages: nil)?.oversizedPages == [:])
    #expect(ContentStreamRuleReader().read(document(count + 1), pages: nil)?.oversizedPages.keys.sorted() == [1])
  }

  @Test("a page naming one stream past maxPageContentBytes is oversized, the others are read")
  func repeatedContents() {
    let limit = ContentStreamRuleReader.maxPageContentBytes
    let stream = Array("3 w 50 50 m 150 50 l S\n".utf8) + [UInt8](repeating: 0x20, count: limit / 500)
    let times = 501
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>")
    pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents [" + String(repeating: "4 0 R ", count: times) + "] >>")
    pdf.stream(4, stream)
    pdf.object(5, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>")
    let reading = ContentStreamRuleReader().read(pdf.classic(), pages: nil)
    #expect(reading?.oversizedPages.keys.sorted() == [1])
    #expect(reading?.drawings[1] == nil)
    #expect(reading?.drawings[2]?.rules.count == 1)
  }

  @Test("a content stream that inflates past maxPageContentBytes makes its page oversized")
  func flateBomb() {
    let bomb = Self.storedZeros(ContentStreamRuleReader.maxPageContentBytes + 1)
    var pdf = PDFBuilder()
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>")
    pdf.stream(4, bomb, dictionary: "/Filter /FlateDecode")
    let reading = ContentStreamRuleReader().read(pdf.classic(), pages: nil)
    #expect(reading?.oversizedPages == [1: "its content decodes to more than 32 MB"])
  }

  @Test("a file read from its raw bytes is oversized past maxPageContentBytes in one stream or maxRawScanBytes in all")
  func rawStreams() {
    func stream(_ dictionary: String, _ data: [UInt8]) -> [UInt8] {
      Array("1 0 obj\n<< \(dictionary) >>\nstream\n".utf8) + data + Array("\nendstream\nendobj\n".utf8)
    }
    let big = Self.storedZeros(ContentStreamRuleReader.maxPageContentBytes + 1)
    let header = Array("%PDF-1.4\n".utf8)
    #expect(
      ContentStreamRuleReader.oversizedRawStream(in: header + stream("/Filter /FlateDecode", big))
        == "a stream in it decodes to more than 32 MB")
    // Images and font programs are not content; other filters are not decoded.
    #expect(ContentStreamRuleReader.oversizedRawStream(in: header + stream("/Subtype /Image /Filter /FlateDecode", big)) == nil)
    #expect(ContentStreamRuleReader.oversizedRawStream(in: header + stream("/Length1 9 /Filter /FlateDecode", big)) == nil)
    #expect(ContentStreamRuleReader.oversizedRawStream(in: header + stream("/Filter /LZWDecode", big)) == nil)
    // Streams under the limit each, past maxRawScanBytes together.
    let part = Self.storedZeros(ContentStreamRuleReader.maxPageContentBytes - 1)
    let count = ContentStreamRuleReader.maxRawScanBytes / (ContentStreamRuleReader.maxPageContentBytes - 1) + 1
    let one = stream("/Filter /FlateDecode", part)
    #expect(ContentStreamRuleReader.oversizedRawStream(in: header + one) == nil)
    var many = header
    for _ in 0..<count { many += one }
    #expect(ContentStreamRuleReader.oversizedRawStream(in: many) == "its streams decode to more than 256 MB")
  }
}
