import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosurePoppler

@Suite("Text layers as input")
struct TextInputTests {
  @Test("the seed, which has no form feeds, splits at lines beginning with one space")
  func seedFallback() throws {
    let document = try CorpusRuns.raw(Corpus.path("seed-urumqi-hrss-2023.txt"))
    #expect(document.source.input == .text)
    #expect(document.pages.count == 35)
    #expect(document.source.pages == 35)
    #expect(document.pages.first?.lines.first == "第一部分 乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）")
    #expect(document.pages.allSatisfy { $0.glyphs.isEmpty && !$0.lines.isEmpty })
    #expect(document.diagnostics.contains { $0.message.contains("fallback") })
  }

  @Test("form feeds separate pages, as pdftotext writes them")
  func formFeeds() {
    var diagnostics: [Diagnostic] = []
    let text = "第一页\n 缩进的行\n\u{0C}第二页\r\n第二行\n\u{0C}"
    let (pages, breaks) = TextLayerReader().pages(in: text, diagnostics: &diagnostics)
    #expect(breaks == .formFeed)
    #expect(pages.map(\.lines) == [["第一页", " 缩进的行"], ["第二页", "第二行"]])
    #expect(pages.map(\.number) == [1, 2])
    #expect(diagnostics.isEmpty)
  }

  @Test("text without any page break is one page, with a warning")
  func noBreaks() {
    var diagnostics: [Diagnostic] = []
    let (pages, breaks) = TextLayerReader().pages(in: "一\n二\n", diagnostics: &diagnostics)
    #expect(breaks == .none)
    #expect(pages.count == 1)
    #expect(diagnostics.first?.severity == .warning)
  }

  @Test("a line with two leading spaces does not start a page")
  func twoSpaces() {
    var diagnostics: [Diagnostic] = []
    let (pages, _) = TextLayerReader().pages(in: " 甲\n  乙\n 丙\n", diagnostics: &diagnostics)
    #expect(pages.map(\.lines) == [["甲", "  乙"], ["丙"]])
  }
}
