import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosurePoppler

/// The official blank 部门决算 template: the pipeline must pick the final-account template by
/// itself and find its nine tables (titled without 表N labels), its parts and its headings.
@Suite("The blank final-account (决算) template")
struct FinalAccountTemplateTests {
  /// A corpus PDF through the pipeline of `pipelines/default.json`.
  static func document(_ path: String = "templates/final-account-template-2024.pdf") throws -> DisclosureDocument {
    let raw = try DocumentReader().read(Corpus.path(path))
    let definition = try PipelineDefinition.load(path: Corpus.root.appendingPathComponent("pipelines/default.json").path) {
      path throws(PipelineError) -> [UInt8] in
      do { return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) } catch {
        throw PipelineError.unreadable(path: path, reason: "\(error)")
      }
    }
    return definition.pipeline.process(raw)
  }

  @Test("kind, year and the nine tables in template order")
  func tables() throws {
    let document = try Self.document()
    #expect(document.metadata.kind == "final_account")
    #expect(document.metadata.year == 2024)
    // The template's one grid in prose (单位构成) is a table without a title; the nine
    // titled tables follow.
    let untitled = document.tables.filter { $0.title.isEmpty }
    #expect(untitled.count == 1 && untitled.first?.kind == "other" && !(untitled.first?.rows.isEmpty ?? true))
    let titled = document.tables.filter { !$0.title.isEmpty }
    #expect(
      titled.map { $0.kind ?? "?" } == [
        "income_expense_summary", "income_summary", "expense_summary", "fiscal_summary", "general_budget_expense",
        "general_budget_basic_expense", "three_public_expense", "government_fund_expense", "state_capital_expense",
      ])
    #expect(titled.map(\.title).first == "收入支出决算总表")
    #expect(document.tables.allSatisfy { !$0.header.isEmpty })
  }

  @Test("the blank template's placeholders (XX局) and instructions are unfilled template text, with pages")
  func unfilled() throws {
    let document = try Self.document()
    let unfilled = document.checks.filter { $0.rule == "template.unfilled" }
    #expect(unfilled.count > 20 && unfilled.allSatisfy { $0.status == .fail && $0.page != nil })
    #expect(unfilled.contains { $0.message == "template text left unfilled: XX" })
  }

  @Test("the contents pages are not taken for sections; parts and headings are found")
  func sections() throws {
    let document = try Self.document()
    #expect(document.sections.map(\.number) == ["第一部分", "第三部分", "第四部分"])
    let explanations = try #require(document.sections.first { $0.number == "第三部分" })
    #expect(explanations.children.map(\.number) == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"])
    #expect(explanations.children.first?.heading == "一、收入支出决算总体情况说明")
  }
}
