import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@Suite("Semantic golden diff")
struct GoldenDiffTests {
  let golden = SampleDocument.document.json

  private func diff(_ path: [JSONStep], _ new: JSONValue?) -> [String] {
    GoldenDiff.lines(golden: golden, actual: golden.replacing(path, with: new))
  }

  private func number(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text)
  }

  @Test func equalDocumentsHaveNoDifferences() {
    #expect(GoldenDiff.lines(golden: golden, actual: golden).isEmpty)
  }

  @Test("one changed amount is exactly one line naming table, row code and column")
  func oneNumber() throws {
    // tables[1] is 表3; row 2 is 2080101; column 2 is 合计.
    #expect(golden.value(at: ["tables", 1, "rows", 2, "values", 2]) == (try number("787.71")))
    #expect(
      diff(["tables", 1, "rows", 2, "values", 2], try number("787.17")) == ["表3 row 2080101 合计: 787.71 → 787.17"])
  }

  @Test("one changed number in a real golden is exactly one line")
  func oneNumberInRealGolden() throws {
    let file = Golden.folder.appendingPathComponent("gen-0101.json")
    let document = try JSONParser.parse([UInt8](Data(contentsOf: file)))
    let pages = try #require(document.value(at: ["source", "pages"])?.intValue)
    let changed = document.replacing(["source", "pages"], with: JSONValue(pages + 1))
    #expect(GoldenDiff.lines(golden: document, actual: changed) == ["source.pages: \(pages) → \(pages + 1)"])
  }

  @Test("a finding whose figure moved is one line naming the figure and what changed")
  func movedFigure() throws {
    let file = Golden.folder.appendingPathComponent("gen-0101.json")
    let document = try JSONParser.parse([UInt8](Data(contentsOf: file)))
    let checks = document.value(at: ["checks"])?.arrayValue ?? []
    // The first finding whose first figure is a table cell with a box.
    let index = checks.firstIndex { $0.value(at: ["figures", 0, "source", "box", "x0"]) != nil }
    let finding = try #require(index)
    let path: [JSONStep] = ["checks", .index(finding), "figures", 0, "source", "box", "x0"]
    let x0 = CanonicalJSON.string(document.value(at: path) ?? .null).trimmingCharacters(in: .newlines)
    let changed = document.replacing(path, with: try number("1.5"))
    let lines = GoldenDiff.lines(golden: document, actual: changed)
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("check ") == true)
    let role = checks[finding].value(at: ["figures", 0, "role"])?.stringValue ?? "?"
    #expect(lines.first?.contains(": \(role) 1 box {") == true)
    let parts = lines.first?.components(separatedBy: " → ") ?? []
    #expect(parts.count == 2)
    #expect(parts.first?.contains("\"x0\":\(x0),") == true)
    #expect(parts.last?.contains("\"x0\":1.5,") == true)
  }

  @Test func rowsWithoutCodeAreMatchedByLabel() throws {
    #expect(diff(["tables", 1, "rows", 0, "values", 3], try number("447.34")) == ["表3 row 合计 基本支出: 447.33 → 447.34"])
  }

  @Test func changedPrintedTextWithTheSameAmount() {
    #expect(
      diff(["tables", 1, "rows", 2, "cells", 2], "787.710") == [#"表3 row 2080101 合计 cell: "787.71" → "787.710""#])
  }

  @Test func missingAndAddedRows() {
    #expect(diff(["tables", 1, "rows", 3], nil) == ["表3 row 2080199 missing"])
    let actual = golden
    let golden = golden.replacing(["tables", 1, "rows", 3], with: nil)
    #expect(GoldenDiff.lines(golden: golden, actual: actual) == ["表3 row 2080199 added"])
  }

  @Test func reorderedRows() throws {
    let rows = try #require(golden.value(at: ["tables", 1, "rows"])?.arrayValue)
    #expect(diff(["tables", 1, "rows"], .array([rows[0], rows[2], rows[1], rows[3]])) == ["表3 rows reordered"])
  }

  @Test func missingTable() {
    #expect(diff(["tables", 2], nil) == ["table 8 missing"])
  }

  @Test func tableFields() {
    #expect(diff(["tables", 1, "unit"], "元") == [#"表3 unit: "万元" → "元""#])
    #expect(diff(["tables", 0, "revenue", 0, "values", 1], 1) == ["表1 revenue row 一、本年收入 收入/预算数: 15751.96 → 1"])
  }

  @Test func sections() {
    #expect(
      diff(["sections", 0, "children", 0, "paragraphs", 1], "改了") == ["section 第一部分/一 paragraph 2 changed"])
    #expect(diff(["sections", 0, "children", 1, "paragraphs", 0], nil) == ["section 第一部分/二 paragraph 1 missing"])
    // A missing part is one line, not one per sub-section.
    #expect(diff(["sections", 0], nil) == ["section 第一部分 missing"])
    #expect(diff(["sections", 1, "tables"], [1, 3]) == ["section 第二部分 tables: [1,3,8] → [1,3]"])
  }

  @Test func performanceTablesGlossaryAndClosing() throws {
    #expect(
      diff(["performance_tables", 0, "budget", "total"], 2663) == ["performance table 1 budget.total: 2662 → 2663"])
    #expect(
      diff(["performance_tables", 0, "indicators", 0, "指标值"], "≥90人")
        == [#"performance table 1 indicator 1.指标值: "≥100人" → "≥90人""#])
    #expect(diff(["glossary", 0], nil) == ["glossary 财政拨款收入 missing"])
    #expect(diff(["closing", "date"], "2023-02-11") == [#"closing.date: "2023-02-10" → "2023-02-11""#])
  }

  @Test func diagnosticsAreAMultiset() throws {
    let extra = try JSONParser.parse(#"{"message":"new","page":3,"severity":"warning","stage":"segment"}"#)
    let diagnostics = try #require(golden["diagnostics"]?.arrayValue)
    #expect(diff(["diagnostics"], .array([extra] + diagnostics)) == ["diagnostic added: p3 warning: [segment] new"])
    #expect(diff(["diagnostics", 0], nil) == ["diagnostic missing: p2 note: [extract] the page is blank"])
  }

  @Test func genericFallback() {
    #expect(diff(["document", "year"], 2024) == ["document.year: 2023 → 2024"])
    #expect(diff(["extra"], "x") == ["extra added"])
    #expect(diff(["schema"], nil) == ["schema missing"])
    #expect(GoldenDiff.lines(golden: [1, 2], actual: [1, 3]) == ["document: [1,2] → [1,3]"])
  }
}

@Suite("Corpus layout")
struct CorpusLayoutTests {
  @Test func documentsAreUnderPublicOrTopLevelText() {
    let paths = [
      "README.md", "seed.txt", "public/b.pdf", "public/a.pdf", "public/a.truth.json", "public/x.TXT", "bad/damaged.pdf",
      "templates/t.pdf", "other.pdf", "public/sub/c.pdf",
    ]
    #expect(
      CorpusLayout.documents(among: paths) == [
        "public/a.pdf", "public/b.pdf", "public/sub/c.pdf", "public/x.TXT", "seed.txt",
      ])
  }

  @Test func stems() {
    #expect(CorpusLayout.stem(of: "corpus/public/gen-0101.pdf") == "gen-0101")
    #expect(CorpusLayout.stem(of: "a.b.txt") == "a.b")
    #expect(CorpusLayout.stem(of: ".hidden") == ".hidden")
  }

  @Test func theRepositoryCorpus() {
    #expect(Golden.documents.count == 30)
    #expect(Golden.documents.filter { $0.hasPrefix("real/") }.count == 18)
    #expect(Golden.documents.contains("seed-urumqi-hrss-2023.txt"))
    #expect(!Golden.documents.contains { $0.hasPrefix("bad/") })
  }
}
