import DisclosureKit
import Foundation

/// A small but complete `DisclosureDocument` built in code: every kind of node the model has,
/// for emission, schema and diff tests that must not wait for the real stages.
public enum SampleDocument {
  /// The exact decimal of a printed amount such as `1,234.50`; nil for a blank cell.
  public static func amount(_ text: String) -> Decimal? {
    let plain = text.replacingOccurrences(of: ",", with: "")
    return plain.isEmpty ? nil : Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX"))
  }

  /// The document.
  public static var document: DisclosureDocument {
    let header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    func row(_ code: String, _ name: String, _ amounts: [String], page: Int = 7) -> Row {
      Row(
        cells: [code, name] + amounts, values: [nil, nil] + amounts.map { amount($0) }, code: code.isEmpty ? nil : code,
        page: page)
    }
    let expense = Table(
      number: 3, label: "表3", title: "部门支出总体情况表", kind: "expense_summary", department: "某某局", unit: "万元",
      pages: [7, 8], header: header, columnKinds: ["code", "text", "amount", "amount", "amount"],
      rows: [
        row("", "合计", ["1,234.50", "447.33", "787.17"]),
        row("208", "社会保障和就业支出", ["1,234.50", "447.33", "787.17"]),
        row("2080101", "行政运行", ["787.71", "447.33", "340.38"]),
        row("2080199", "其他人力资源和社会保障管理事务支出", ["446.79", "0.00", "446.79"], page: 8),
      ], note: nil)
    let twoSided = Table(
      number: 1, label: "表1", title: "部门收支总体情况表", kind: "income_expense_summary", department: "某某局",
      unit: "万元", pages: [5], header: ["收入/项目", "收入/预算数", "支出/功能分类", "支出/预算数"],
      columnKinds: ["text", "amount", "text", "amount"],
      rows: [
        Row(cells: ["一、本年收入", "15751.96", "201 一般公共服务支出", ""], values: [nil, amount("15751.96"), nil, nil], page: 5)
      ],
      revenue: [Row(cells: ["一、本年收入", "15751.96"], values: [nil, amount("15751.96")], page: 5)],
      expenditure: [Row(cells: ["201 一般公共服务支出", ""], page: 5)])
    let empty = Table(
      number: 8, label: "表8", title: "政府性基金预算支出情况表", kind: "government_fund_expense", pages: [11],
      header: ["项目", "合计"], columnKinds: ["text", "amount"], rows: [Row(cells: ["合计", ""], page: 11)], empty: true,
      note: "备注：未安排政府性基金预算支出，此表为空表。")
    let performance = PerformanceTable(
      index: 1, title: "2023年项目支出绩效目标表", year: 2023, page: 20, budgetUnit: "某某局", project: "就业补助",
      owner: "张三", budget: .init(total: amount("2662"), fiscal: amount("10162"), other: nil), goal: "促进就业",
      header: ["一级指标", "二级指标", "三级指标", "指标值"],
      indicators: [["一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "培训人数", "指标值": "≥100人"]])
    let sections = [
      Section(
        level: 1, number: "第一部分", title: "部门概况", heading: "第一部分 部门概况", page: 3,
        children: [
          Section(
            level: 2, number: "一", title: "主要职能", heading: "一、主要职能", page: 3,
            paragraphs: ["（一）贯彻执行国家有关方针政策。", "（二）拟订全市人力资源和社会保障事业发展规划。"]),
          Section(level: 2, number: "二", title: "机构设置", heading: "二、机构设置", page: 4, paragraphs: ["下设7个科室。"]),
        ]),
      Section(
        level: 1, number: "第二部分", title: "部门预算公开表", heading: "第二部分 部门预算公开表", page: 5,
        tables: [1, 3, 8], performanceTables: [1]),
    ]
    return DisclosureDocument(
      source: .init(file: "sample.pdf", sha256: String(repeating: "ab", count: 32), pages: 24, input: .pdf),
      metadata: Metadata(
        kind: "budget", department: "某某局", year: 2023, publicationDate: "2023-02-10", currencyUnit: "万元"),
      sections: sections, tables: [twoSided, expense, empty], performanceTables: [performance],
      glossary: [GlossaryEntry(term: "财政拨款收入", definition: "指本级财政当年拨付的资金。")],
      closing: Closing(signature: "某某局", date: "2023-02-10"),
      diagnostics: [
        Diagnostic(.note, .extract, "the page is blank", page: 2),
        Diagnostic(
          .warning, .rows, "row 4 has 5 cells but the header has 4", page: 7,
          box: Box(x0: 56.7, top: 120.25, x1: 538.1, bottom: 134)),
      ])
  }
}
