import DisclosureKit
import DisclosureTestSupport
import Foundation
import PDFStructure
import Testing

@testable import DisclosurePoppler

/// The two ways of reading ruling lines agree: straight from the content streams (the fast
/// path) and from the page drawn through cairo's script surface (the fallback for pages the
/// fast path cannot read).
@Suite("Rule readers agree")
struct RuleReaderAgreementTests {
  static func key(_ rule: Rule) -> String {
    func q(_ v: Double) -> Int { Int((v * 2).rounded()) }
    return "\(rule.orientation.rawValue) \(rule.source.rawValue) \(q(rule.box.x0)) \(q(rule.box.top)) \(q(rule.box.x1)) \(q(rule.box.bottom))"
  }

  @Test(
    "same rules on stroked, filled and unruled pages",
    arguments: [("public/gen-0101.pdf", 7), ("public/gen-0404.pdf", 17), ("public/gen-0404.pdf", 9), ("public/urumqi-hrss-2023.pdf", 13)])
  func agree(_ file: String, _ number: Int) throws {
    let path = Corpus.path(file)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let fast = try #require(ContentStreamRuleReader().drawings(in: bytes, pages: [number])?[number])
    let document = try PDFDocument(path: path, absolutePath: path, password: nil)
    let page = try #require(document.page(at: number - 1))
    let slow = ScriptRuleReader().read(page.drawing(into: ScriptDevice()))
    #expect(Set(fast.rules.map { Self.key(Rule($0)) }) == Set(slow.rules.map(Self.key)))
  }

  @Test("an encrypted PDF opened with its password still gets its rules (through the fallback)")
  func encrypted() throws {
    let document = try DocumentReader(settings: .init(password: "user", pages: [7])).read(Corpus.path("bad/encrypted.pdf"))
    let page = try #require(document.pages.first)
    #expect(page.rules.count >= 10)
  }
}
