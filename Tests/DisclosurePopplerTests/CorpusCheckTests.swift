import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosurePoppler

/// The consistency checks on real corpus documents.
@Suite("Consistency checks on the corpus")
struct CorpusCheckTests {
  static func findings(_ relative: String) throws -> DisclosureDocument {
    try CorpusRuns.processed(Corpus.path(relative))
  }

  /// Table arithmetic rules: the generated documents are consistent by construction.
  static let arithmetic = ["sum.", "summary.", "cross.", "performance."]

  static let generated = Corpus.publicPDFs.map { URL(fileURLWithPath: $0).lastPathComponent }.filter {
    $0.hasPrefix("gen-")
  }

  @Test("generated documents: every table sum and cross-table rule passes or is rounding", arguments: generated)
  func generatedAddUp(_ name: String) throws {
    let document = try Self.findings("public/" + name)
    let arithmetic = document.checks.filter { finding in Self.arithmetic.contains { finding.rule.hasPrefix($0) } }
    let failures = arithmetic.filter { $0.status == .fail }
    #expect(failures.isEmpty, "\(failures.map(\.message))")
    // The tables are read, so the rules are checked, not skipped (unruled families included).
    #expect(arithmetic.filter { $0.status == .pass }.count > 150)
    #expect(arithmetic.contains { $0.rule == "cross.general-split" && $0.status == .pass })
    #expect(arithmetic.contains { $0.rule == "summary.balance" && $0.status == .pass })
    // Every table is present; where the document has a table of contents, every table it
    // lists is present too (else the comparison is skipped).
    let required = document.checks.filter { $0.rule == "required.tables" }.map(\.status)
    #expect(Array(required.prefix(10)) == Array(repeating: .pass, count: 10))
    #expect(required.dropFirst(10).allSatisfy { $0 == .pass } || Array(required.dropFirst(10)) == [.skip])
  }

  @Test("generated documents: prose agrees with the tables, except gen-0102's clipped digit")
  func generatedProse() throws {
    for name in Self.generated {
      let document = try Self.findings("public/" + name)
      let failures = document.checks.filter { $0.status == .fail }
      if name == "gen-0102.pdf" {
        // The PDF prints 收支总预算973.91万元: the 1 of 1973.91 has no glyph on page 19.
        #expect(failures.map(\.rule) == ["prose.total-budget"])
        #expect(failures.first?.found == Decimal(string: "973.91") && failures.first?.expected == Decimal(string: "1973.91"))
        #expect(failures.first?.figures.first?.source.section == "第三部分/一")
        #expect(failures.first?.figures.first?.source.page == 19)
      } else {
        #expect(failures.isEmpty, "\(name): \(failures.map(\.message))")
      }
    }
  }

  @Test("the urumqi replica: the three known errors are found, each with its location")
  func urumqi() throws {
    let document = try Self.findings("public/urumqi-hrss-2023.pdf")
    let checks = document.checks

    // 项目支出 quoted as 14882.06 where 表5 says 14882.60.
    let project = try #require(checks.first { $0.rule == "prose.general-project" })
    #expect(project.status == .fail)
    #expect(project.found == Decimal(string: "14882.06") && project.expected == Decimal(string: "14882.6"))
    #expect(project.figures[0].source.section == "第三部分/五/一")
    #expect(project.figures[0].source.page == 21)
    #expect(project.figures[0].source.text?.hasPrefix("项目支:14882.06万元") == true)
    #expect(Self.withoutBox(project.figures[1].source) == CheckSource(table: 5, row: "合计", column: "一般公共预算支出/项目支出", page: 11))
    #expect(project.figures[1].source.box != nil)

    // 财政拨款结转 quoted as 6883.43 where 表1 says 6883.44: a rounding-level gap.
    let carryover = try #require(checks.first { $0.rule == "prose.revenue-carryover" })
    #expect(carryover.status == .rounding)
    #expect(carryover.difference == Decimal(string: "-0.01"))
    #expect(carryover.figures[0].source.section == "第三部分/二")
    #expect(carryover.figures[0].source.page == 19)
    #expect(
      Self.withoutBox(carryover.figures[1].source)
        == CheckSource(table: 1, side: "revenue", row: "1.财政拨款结转", column: "收入/预算数", page: 4))
    #expect(carryover.figures[1].source.box != nil)

    // The first performance table prints 其中：财政拨款 10162 against 年度预算总额 2662.
    let performance = checks.filter { $0.rule == "performance.fiscal-within-total" }
    #expect(performance.map(\.status) == [.fail, .pass, .pass, .pass, .pass])
    #expect(performance.first?.found == 10162 && performance.first?.expected == 2662)
    let fiscal = try #require(performance.first?.figures.first?.source)
    #expect(Self.withoutBox(fiscal) == CheckSource(column: "其中：财政拨款", performanceTable: 1, page: 29))
    #expect(fiscal.box != nil)

    // The tables themselves add up (表7's 12046.57, printed wider than its narrow cell, is read
    // whole since numbers go where their last digit is).
    let tableFailures = checks.filter { $0.status == .fail && $0.rule.hasPrefix("sum.") }
    #expect(tableFailures.isEmpty, "\(tableFailures.map(\.message))")
    #expect(checks.contains { $0.rule == "summary.balance" && $0.status == .pass })
    #expect(checks.contains { $0.rule == "cross.general-split" && $0.status == .pass })
  }

  static func withoutBox(_ source: CheckSource) -> CheckSource {
    var source = source
    source.box = nil
    return source
  }

  /// Every figure a rule reads from a table cell or a performance table field of a PDF has a
  /// box, and the glyphs inside that box on its page print the figure (ruled grids, unruled
  /// tables read by alignment, fields cut by a page break).
  @Test("every figure read from a PDF's tables has the box its printed value is in", arguments: Corpus.publicPDFs)
  func figureBoxes(_ path: String) throws {
    let raw = try CorpusRuns.raw(path)
    let document = try CorpusRuns.processed(path)
    var checked = 0
    for finding in document.checks {
      for figure in finding.figures where figure.source.column != nil && figure.value != nil {
        guard figure.source.table != nil || figure.source.performanceTable != nil else { continue }
        let source = figure.source
        let box = try #require(source.box, "\(finding.rule): \(source) has no box")
        let page = try #require(source.page.flatMap { p in raw.pages.first { $0.number == p } })
        let printed = Self.numbers(in: page.glyphs.filter {
          $0.box.midX >= box.x0 - 1 && $0.box.midX <= box.x1 + 1 && $0.box.midY >= box.top - 1 && $0.box.midY <= box.bottom + 1
        })
        #expect(printed.contains(figure.value ?? 0), "\(finding.rule): \(source) prints \(printed), not \(figure.value ?? 0)")
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test("figures read from a text layer have a page and no box")
  func textFigures() throws {
    let document = try Self.findings("seed-urumqi-hrss-2023.txt")
    let figures = document.checks.flatMap(\.figures).filter { $0.source.table != nil && $0.source.column != nil }
    #expect(figures.count > 100)
    #expect(figures.allSatisfy { $0.source.box == nil && $0.source.page != nil })
  }

  /// The numbers the glyphs print, read line by line, and the number of all their lines
  /// together (an amount wrapped in a narrow cell: 8146. over 57); thousands separators dropped.
  static func numbers(in glyphs: [Glyph]) -> [Decimal] {
    var lines: [[Glyph]] = []
    for glyph in glyphs.sorted(by: { ($0.box.top, $0.box.x0) < ($1.box.top, $1.box.x0) }) {
      if let last = lines.last?.last, abs(last.box.midY - glyph.box.midY) < 2 {
        lines[lines.count - 1].append(glyph)
      } else {
        lines.append([glyph])
      }
    }
    func numbers(_ scalars: [Unicode.Scalar]) -> [Decimal] {
      String(String.UnicodeScalarView(scalars.filter { $0 != "," }))
        .split(whereSeparator: { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == "-")) })
        .compactMap { Decimal(string: String($0)) }
    }
    let ordered = lines.map { line in line.sorted { $0.box.x0 < $1.box.x0 }.map(\.scalar) }
    return ordered.flatMap(numbers) + numbers(ordered.flatMap { $0 })
  }

  @Test("findings are the same on every run and valid against the schema")
  func deterministic() throws {
    let first = try Self.findings("public/urumqi-hrss-2023.pdf")
    let second = try Self.findings("public/urumqi-hrss-2023.pdf")
    #expect(CanonicalJSON.data(first.json) == CanonicalJSON.data(second.json))
    #expect(try Golden.schemaValidator().errors(in: first.json).isEmpty)
  }
}
