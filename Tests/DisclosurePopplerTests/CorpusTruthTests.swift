import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosurePoppler

/// The whole pipeline on every public corpus PDF against its truth file. Strings compare after
/// the truth files' normalisation with spaces removed, as the corpus scorer does.
@Suite("Pipeline output against the corpus truth")
struct CorpusTruthTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var pdf: String
    var testDescription: String { URL(fileURLWithPath: pdf).lastPathComponent }
  }

  static let cases = Corpus.publicPDFs.map(Case.init)

  /// Documents whose tables are drawn without ruling lines (三线表 or none): their rows are
  /// not yet recovered, a known gap recorded below rather than hidden.

  static func key(_ text: String?) -> String {
    TextNormalization.compact(TextNormalization.normalize((text ?? "").precomposedStringWithCanonicalMapping))
  }

  static func cellKey(_ text: String) -> String {
    let k = key(text)
    if Amounts.decimal(from: k) != nil { return k.replacingOccurrences(of: ",", with: "") }
    return k
  }

  static func run(_ pdf: String) throws -> (DisclosureDocument, [String: Any]) {
    let document = try CorpusRuns.processed(pdf, pipeline: .budgetTemplate)
    let url = URL(fileURLWithPath: String(pdf.dropLast(4)) + ".truth.json")
    let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    return (document, truth)
  }

  @Test("metadata: department, year, kind, publication date, unit", arguments: cases)
  func metadata(_ c: Case) throws {
    let (document, truth) = try Self.run(c.pdf)
    let meta = try #require(truth["document"] as? [String: Any])
    #expect(Self.key(document.metadata.department) == Self.key(meta["department"] as? String))
    #expect(document.metadata.year == meta["year"] as? Int)
    #expect(document.metadata.kind == meta["kind"] as? String)
    #expect(document.metadata.publicationDate == meta["publication_date"] as? String)
    #expect(document.metadata.currencyUnit == meta["currency_unit"] as? String)
  }

  @Test("every heading with its level, every paragraph", arguments: cases)
  func sections(_ c: Case) throws {
    let (document, truth) = try Self.run(c.pdf)
    func flatten(_ nodes: [[String: Any]]) -> [[String: Any]] {
      nodes.flatMap { [$0] + flatten($0["children"] as? [[String: Any]] ?? []) }
    }
    func flatten(_ nodes: [Section]) -> [Section] { nodes.flatMap { [$0] + flatten($0.children) } }
    let expected = flatten(truth["sections"] as? [[String: Any]] ?? [])
    let actual = flatten(document.sections)
    let expectedHeadings = expected.map { "\($0["level"] as? Int ?? 0) \(Self.key($0["heading"] as? String))" }
    let actualHeadings = actual.map { "\($0.level) \(Self.key($0.heading))" }
    let expectedParagraphs = expected.flatMap { ($0["paragraphs"] as? [String] ?? []).map(Self.key) }
    let actualParagraphs = actual.flatMap { $0.paragraphs.map(Self.key) }
    let missingParagraphs = expectedParagraphs.filter { !actualParagraphs.contains($0) }
    if ["gen-0102.pdf", "gen-0104.pdf"].contains(c.testDescription) {
      // gen-0102's text layer lacks a digit (1973.91 reads 973.91, as pdftotext shows too),
      // gen-0104's a 、 at a line end: the characters are not in the PDF's text.
      withKnownIssue("characters missing from the PDF's text layer") {
        #expect(missingParagraphs.isEmpty, "\(missingParagraphs)")
      }
    } else {
      #expect(missingParagraphs.isEmpty, "\(missingParagraphs)")
    }
    #expect(actualHeadings == expectedHeadings)
  }

  @Test("tables: number, label, title, kind, start page, unit, department, empty, note", arguments: cases)
  func tableList(_ c: Case) throws {
    let (document, truth) = try Self.run(c.pdf)
    let tables = truth["tables"] as? [[String: Any]] ?? []
    // The truth lists the standard tables; the grids of performance target tables also come out
    // as tables (kind performance_target) and are compared as performance tables.
    let standard = document.tables.filter { $0.kind != "performance_target" }
    let check = {
      #expect(standard.map(\.number) == tables.map { $0["number"] as? Int ?? 0 })
      for expected in tables {
        let number = expected["number"] as? Int ?? 0
        guard let table = standard.first(where: { $0.number == number }) else { continue }
        #expect(table.label == expected["label"] as? String)
        #expect(Self.key(table.title).hasSuffix(Self.key(expected["title"] as? String)), "\(table.title)")
        #expect(table.kind == expected["kind"] as? String)
        #expect(table.pages.first == expected["page"] as? Int)
        #expect(Self.key(table.department) == Self.key(expected["department"] as? String))
        #expect(table.unit == expected["unit"] as? String)
        #expect(table.empty == expected["empty"] as? Bool)
        #expect(Self.key(table.note) == Self.key(expected["note"] as? String))
      }
    }
    check()
  }

  @Test("table headers and every body row, cell by cell", arguments: cases)
  func tableRows(_ c: Case) throws {
    let (document, truth) = try Self.run(c.pdf)
    // The tables still known to differ, each with its reason; every other table must be exact.
    let known: [String: [Int: String]] = [
      "gen-0402.pdf": [10: "an empty table's blank row, printed without rules or text: nothing on the page shows it"]
    ]
    for expected in truth["tables"] as? [[String: Any]] ?? [] {
      let number = expected["number"] as? Int ?? 0
      let check = {
        guard let table = document.tables.first(where: { $0.number == number }) else {
          Issue.record("table \(number) missing")
          return
        }
        if (expected["body_missing"] as? Bool) == true { return }
        #expect(table.header.map(Self.key) == (expected["header"] as? [String] ?? []).map(Self.key), "表\(number)")
        let rows = (expected["rows"] as? [[String: Any]] ?? []).map { ($0["cells"] as? [String] ?? []).map(Self.cellKey) }
        #expect(table.rows.map { $0.cells.map(Self.cellKey) } == rows, "表\(number)")
        if table.rows.count == rows.count {
          for (row, truthRow) in zip(table.rows, expected["rows"] as? [[String: Any]] ?? []) {
            // Truth values are 2-decimal floats; compare in hundredths.
            let values = (truthRow["values"] as? [Any] ?? []).map { ($0 as? NSNumber).map { Int(($0.doubleValue * 100).rounded()) } }
            let actual = row.values.map { $0.map { Int((NSDecimalNumber(decimal: $0).doubleValue * 100).rounded()) } }
            #expect(actual == values, "表\(number) \(row.cells)")
          }
        }
      }
      if let reason = known[c.testDescription]?[number] {
        withKnownIssue("表\(number): \(reason)") { check() }
      } else {
        check()
      }
    }
  }

  @Test("performance tables: title, year, unit, project, owner, budget, goal, indicators", arguments: cases)
  func performanceTables(_ c: Case) throws {
    let (document, truth) = try Self.run(c.pdf)
    let expected = truth["performance_tables"] as? [[String: Any]] ?? []
    #expect(document.performanceTables.count == expected.count)
    for (table, truthTable) in zip(document.performanceTables, expected) {
      #expect(Self.key(table.title) == Self.key(truthTable["title"] as? String))
      #expect(table.year == truthTable["year"] as? Int)
      #expect(Self.key(table.budgetUnit) == Self.key(truthTable["budget_unit"] as? String))
      #expect(Self.key(table.project) == Self.key(truthTable["project"] as? String))
      #expect(Self.key(table.owner) == Self.key(truthTable["owner"] as? String))
      #expect(Self.key(table.goal) == Self.key(truthTable["goal"] as? String))
      #expect(table.page == truthTable["page"] as? Int)
      let budget = truthTable["budget"] as? [String: Any] ?? [:]
      func number(_ key: String) -> Int? { (budget[key] as? NSNumber).map { Int(($0.doubleValue * 100).rounded()) } }
      func cents(_ value: Decimal?) -> Int? { value.map { Int((NSDecimalNumber(decimal: $0).doubleValue * 100).rounded()) } }
      #expect(cents(table.budget.total) == number("total"))
      #expect(cents(table.budget.fiscal) == number("fiscal"))
      #expect(cents(table.budget.other) == number("other"))
      let header = truthTable["header"] as? [String] ?? []
      #expect(table.header == header)
      let rows = (truthTable["indicators"] as? [[String: String]] ?? []).map { row in header.map { Self.key(row[$0]) } }
      #expect(table.indicators.map { row in header.map { Self.key(row[$0]) } } == rows)
    }
  }
}
