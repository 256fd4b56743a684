import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosurePoppler

/// A filled 部门决算 in the official template's layout (`corpus/final-account/`, made by
/// `scripts/make-final-account.py`: the template's nine tables, 目录 and 情况说明 wording, numbers
/// that agree everywhere) and a copy with one error of each kind the final-account checks look for.
@Suite("Final accounts: a filled template, and a copy with errors put in")
struct FinalAccountTests {
  static func document(_ name: String) throws -> DisclosureDocument {
    try FinalAccountTemplateTests.document("final-account/\(name)")
  }

  @Test("the nine tables, numbered by the 目录 (they print no 表N), with the grid in 第一部分 apart")
  func tables() throws {
    let document = try Self.document("final-account-2024.pdf")
    #expect(document.metadata.kind == "final_account")
    #expect(document.metadata.year == 2024)
    #expect(document.metadata.department == "上海市滨江区文化和旅游局")
    let titled = document.tables.filter { !$0.title.isEmpty }
    #expect(titled.map(\.number) == Array(1...9))
    #expect(titled.allSatisfy { $0.label.isEmpty && $0.numberFromContents })
    #expect(
      titled.map { $0.kind ?? "?" } == [
        "income_expense_summary", "income_summary", "expense_summary", "fiscal_summary", "general_budget_expense",
        "general_budget_basic_expense", "three_public_expense", "government_fund_expense", "state_capital_expense",
      ])
    // Two tables of one width on one page (收入决算表 and 支出决算表 on p5, 表8 and 表9 on p12)
    // are two tables, each with its own title and note.
    #expect(titled[2].pages.first == 5 && titled[1].pages == [5])
    #expect(titled[8].empty && titled[8].note?.contains("本表无数据") == true)
    #expect(titled[7].rows.count == 4 && !titled[7].empty)
    // The untitled 单位构成 grid has no number: neither it nor the 目录 prints one. Inside, it is
    // ordered after the numbered tables; the JSON says null, and no section or finding names it.
    let untitled = try #require(document.tables.first { $0.title.isEmpty })
    #expect(!untitled.numberPrinted && untitled.number == 10)
    let json = try #require(document.json["tables"]?.arrayValue)
    #expect(json.map { $0["number"] ?? .null } == [.null] + (1...9).map { JSONValue($0) })
    #expect(document.checks.allSatisfy { $0.figures.allSatisfy { $0.source.table != 10 } })
    // The two-pair 基本支出 table has its two sides, each with its own codes.
    let basic = titled[5]
    #expect(basic.revenue?.last?.cells.first == "人员经费合计")
    #expect(basic.expenditure?.first?.code == "302")
  }

  @Test("the 目录 title and the 表 ending of table titles are the template's data")
  func contentsAndTitleEndingsAsData() throws {
    let pipeline = try Golden.defaultPipeline()
    let raw = try CorpusRuns.raw(Corpus.path("final-account/final-account-2024.pdf"))
    let standard = try pipeline.process(raw)
    #expect(!standard.contents.isEmpty)
    #expect(standard.tables.contains { $0.numberFromContents } && standard.tables.contains { $0.kind != "other" })
    // Without the words, the 目录 lists nothing and no title names a kind: every table is "other".
    var bare = pipeline
    bare.templates = pipeline.templates.map { template in
      var template = template
      template.contentsTitles = []
      template.tableTitleEndings = []
      return template
    }
    let without = try bare.process(raw)
    #expect(without.contents.isEmpty && !without.tables.contains { $0.numberFromContents })
    #expect(!without.tables.isEmpty && without.tables.allSatisfy { $0.kind == "other" })
  }

  @Test("the unaltered document raises no failure; its skips are for what it does not print")
  func clean() throws {
    let document = try Self.document("final-account-2024.pdf")
    #expect(document.checks.filter { $0.status == .fail }.map(\.message) == [])
    let skipped = Set(document.checks.filter { $0.status == .skip }.map(\.rule))
    #expect(
      skipped == [
        "sum.row.fund-expenditure", "sum.tree.function", "performance.fiscal-within-total", "prose.income-operating",
        "cross.project", "prose.fiscal-income", "prose.fiscal-expense",
        // p3's untitled list of the units (序号 | 单位名称 | 备注) is a table of kind other with no codes.
        "sum.tree.other",
      ])
    // The rules written for the template's wording all found their sentences and tables.
    let passed = Set(document.checks.filter { $0.status == .pass }.map(\.rule))
    for rule in [
      "prose.total", "prose.income-total", "prose.income-fiscal", "prose.expense-basic", "prose.fiscal-total",
      "prose.general-total", "prose.basic-personnel", "prose.basic-public", "prose.completion",
      "prose.completion.fund", "prose.completion.three-public", "prose.share.income", "prose.share.expense",
      "prose.share.general-structure", "prose.growth", "prose.words", "prose.dates", "heading.metadata",
      "cross.income", "cross.expense", "cross.fiscal-income", "cross.general", "cross.fund", "cross.basic",
      "fiscal.revenue-current", "fiscal.revenue-total", "fiscal.balance", "summary.balance", "sum.row.three-public-final",
      "sum.tree.function", "empty.note",
    ] {
      #expect(passed.contains(rule), "\(rule) did not pass")
    }
    // Each 类/款/项 item's 决算 is checked against its own row of 一般公共预算财政拨款支出决算表.
    #expect(document.checks.contains { $0.rule == "prose.completion" && $0.message.contains("行政运行") && $0.status == .pass })
    // The 三公 comparison with last year finds its figure (11.00) in the paragraph before it.
    #expect(document.checks.contains { $0.rule == "prose.growth" && $0.message.contains("9.09%") && $0.status == .pass })
  }

  @Test("each error put in is found, with its page, and nothing else fails")
  func errors() throws {
    let document = try Self.document("final-account-2024-errors.pdf")
    let failures = document.checks.filter { $0.status == .fail }
    func found(_ rule: String, page: Int, _ text: String = "") -> Bool {
      failures.contains { $0.rule == rule && $0.page == page && (text.isEmpty || $0.message.contains(text)) }
    }
    #expect(found("prose.fiscal-total", page: 13, "0.30万元"))
    #expect(found("prose.completion", page: 13, "决算数小于预算数"))
    #expect(found("prose.completion", page: 13, "完成年初预算的102.14%"))
    #expect(found("prose.growth", page: 13, "增长4.36%"))
    #expect(found("prose.words", page: 13, "增加 and 下降"))
    #expect(found("prose.share.income", page: 13, "占19.22%"))
    // The same share is one of a list's (…3,420.00万元，其中…315.20万元，占19.22%): found there too.
    #expect(found("prose.list-shares", page: 13, "占19.22%"))
    #expect(found("prose.completion.three-public", page: 15, "12.00"))
    #expect(found("prose.basic-personnel", page: 14, "1,308.02"))
    #expect(found("prose.dates", page: 16, "截至2023年12月31日"))
    #expect(found("heading.metadata", page: 13, "上海市滨江区文化局"))
    #expect(found("template.unfilled", page: 15))
    #expect(found("empty.note", page: 12))
    #expect(found("sum.row.expense-kinds", page: 5, "3396.14"))
    #expect(found("cross.expense", page: 4))
    #expect(found("sum.tree.function", page: 5))
    #expect(failures.count == 16, "\(failures.map(\.message))")
  }
}
