import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosureKit

/// The seed's tables rebuilt from its text layer, where pdftotext gives each row's amounts in
/// reading order but not their columns. The replica PDF made from this text has a truth file:
/// what a perfect pipeline recovers, cell for cell. The text must give the same cells wherever
/// it determines them, and where it does not, keep the amounts without a column.
@Suite("Text input: the seed's tables")
struct SeedTableTests {
  static let document: DisclosureDocument? = try? Corpus.seedDocument()

  /// The replica's truth tables by number: rows of cells, compacted.
  static let truth: [Int: [[String]]] = {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: Corpus.path("public/urumqi-hrss-2023.truth.json"))),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let tables = object["tables"] as? [[String: Any]]
    else { return [:] }
    var result: [Int: [[String]]] = [:]
    for table in tables {
      guard let number = table["number"] as? Int, let rows = table["rows"] as? [[String: Any]] else { continue }
      result[number] = rows.map { (($0["cells"] as? [String]) ?? []).map(TextNormalization.compact) }
    }
    return result
  }()

  static func rows(_ number: Int) throws -> [Row] {
    let document = try #require(Self.document)
    return try #require(document.tables.first { $0.number == number }).rows
  }

  @Test("tables 1, 3, 4, 5 and 6 equal the replica's truth cell for cell", arguments: [1, 3, 4, 5, 6])
  func exact(number: Int) throws {
    let rows = try Self.rows(number)
    let truth = try #require(Self.truth[number])
    #expect(rows.count == truth.count)
    for (row, expected) in zip(rows, truth) {
      #expect(row.cells.map(TextNormalization.compact) == expected)
      // One printed amount fits no column (see derivedCell): it is kept, not dropped.
      #expect(row.unplaced == (number == 5 && row.code == "2080704" ? ["8146.57"] : []))
    }
  }

  @Test("table 5: 社会保险补贴's 项目支出 comes from the table's sums, and the misplaced 8146.57 is reported")
  func derivedCell() throws {
    let rows = try Self.rows(5)
    let row = try #require(rows.first { $0.code == "2080704" })
    #expect(row.cells.suffix(3) == ["3900", "", "3900"])
    #expect(row.unplaced == ["8146.57"])
    let messages = try #require(Self.document).diagnostics.map(\.message)
    #expect(messages.contains("表5 row 2080704 社会保险补贴: 3900 in amount column 3 comes from the table's sums; the text shows no such amount there"))
    #expect(messages.contains("表5 row 2080704 社会保险补贴: 8146.57 printed in this row fits no column of the table's sums"))
  }

  @Test("table 4: the column of 208's 15751.96 is chosen by the checks across tables (表5, 表8, 表9)")
  func crossTable() throws {
    let rows = try Self.rows(4)
    let row = try #require(rows.first { $0.code == "208" })
    #expect(row.cells.suffix(4) == ["15751.96", "15751.96", "", ""])
    let messages = try #require(Self.document).diagnostics.map(\.message)
    #expect(messages.contains { $0.hasPrefix("表4: of 3 column placements its sums allow, 1 agree best") })
  }

  @Test("table 7: names, project names and totals as printed; amounts whose column the text does not show stay unplaced")
  func table7() throws {
    let rows = try Self.rows(7)
    let truth = try #require(Self.truth[7])
    #expect(rows.count == truth.count)
    for (row, expected) in zip(rows, truth) {
      let cells = row.cells.map(TextNormalization.compact)
      // Codes, 科目名称, 项目名称 and 项目支出合计 are determined by the text.
      #expect(Array(cells.prefix(6)) == Array(expected.prefix(6)))
      // Every other amount is either in its true column or unplaced, never in a wrong one.
      for c in 6..<cells.count where !cells[c].isEmpty { #expect(cells[c] == expected[c]) }
      let placed = cells.dropFirst(6).filter { !$0.isEmpty }
      #expect((placed + row.unplaced).sorted() == expected.dropFirst(6).filter { !$0.isEmpty }.sorted())
    }
    let messages = try #require(Self.document).diagnostics.map(\.message)
    #expect(messages.contains("表7 row 2080102 一般行政管理事务: the text does not show which columns hold 2500, 162 (45 placements satisfy every sum)"))
  }

  @Test("every sum in tables 1, 3, 4, 5, 6 and 7 holds: row sums, code trees, totals")
  func sums() throws {
    let document = try #require(Self.document)
    let tables: Set<Int> = [1, 3, 4, 5, 6, 7]
    let findings = document.checks.filter { finding in
      (finding.rule.hasPrefix("sum.") || finding.rule.hasPrefix("summary."))
        && finding.figures.allSatisfy { $0.source.table.map(tables.contains) ?? false }
    }
    #expect(findings.count > 100)
    #expect(findings.filter { $0.status == .fail || $0.status == .rounding }.map(\.message) == [])
    for number in tables {
      #expect(findings.contains { $0.figures.first?.source.table == number && $0.status == .pass })
    }
  }

  @Test("table 2 prints only header text: marked body_missing, with its header and no rows")
  func table2() throws {
    let document = try #require(Self.document)
    let table = try #require(document.tables.first { $0.number == 2 })
    #expect(table.bodyMissing && table.rows.isEmpty)
    #expect(table.header == ["功能分类", "科目编码", "功能分类科目", "总"])
    #expect(document.diagnostics.contains { $0.message == "表2: the table's body is missing; only header text is printed" })
  }
}
