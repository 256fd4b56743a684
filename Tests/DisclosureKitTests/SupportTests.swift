import Foundation
import Testing

@testable import DisclosureKit

@Suite("Support")
struct SupportTests {
  @Test func sha256KnownDigests() {
    // FIPS 180-4 examples, and lengths around the block and padding boundaries.
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    #expect(SHA256.hex(Array(repeating: 0, count: 64)) == "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b")
    #expect(SHA256.hex(Array(repeating: 0, count: 55)) == "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7")
  }

  @Test func spacesAreUnicodeWhiteSpace() {
    // The table of white-space scalars must be the White_Space property, over every scalar.
    let differing = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
      TextNormalization.isSpace($0) != $0.properties.isWhitespace
    }
    #expect(differing.isEmpty, "\(differing.map { String($0.value, radix: 16) })")
  }

  @Test func containsSearchesScalarsExactly() {
    let text = "本部门2023年支出预算1234.56万元"
    #expect(text.contains(literal: "预算"))
    #expect(text.contains(literal: "万元"))
    #expect(text.contains(literal: text))
    #expect(!text.contains(literal: "决算"))
    #expect(!text.contains(literal: ""))
    #expect(!"".contains(literal: ""))
    #expect(!"预".contains(literal: "预算"))
    #expect(text.dropFirst(3).contains(literal: "2023"))
    #expect(!text.dropLast(2).contains(literal: "万元"))
    #expect("aab".contains(literal: "ab"))
  }
}
