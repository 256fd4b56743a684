import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

/// The rule engine on documents built in code: each relation passes, finds rounding, fails and
/// skips where it should, and says where each figure came from.
@Suite("Consistency checks on tables built in code")
struct CheckerTests {
  static func d(_ text: String) -> Decimal? { text.isEmpty ? nil : Amounts.decimal(from: text) }

  /// A one-sided table: `rows` are printed cells; amount columns are parsed.
  static func table(
    _ number: Int, kind: String, header: [String], kinds: [String], rows: [[String]], page: Int = 3,
    empty: Bool = false
  ) -> Table {
    let built = rows.map { cells -> Row in
      let values = zip(cells, kinds).map { cell, kind in kind == "amount" ? d(cell) : nil }
      let codeCells = zip(cells, kinds).filter { $0.1 == "code" }.map(\.0).joined()
      return Row(cells: cells, values: values, code: codeCells.isEmpty ? nil : codeCells, page: page)
    }
    return Table(
      number: number, label: "表\(number)", title: "t", kind: kind, unit: "万元", pages: [page], header: header,
      columnKinds: kinds, rows: built, empty: empty)
  }

  static let expenseHeader = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
  static let expenseKinds = ["code", "text", "amount", "amount", "amount"]

  static func expense(_ rows: [[String]], number: Int = 3, kind: String = "expense_summary") -> Table {
    table(number, kind: kind, header: expenseHeader, kinds: expenseKinds, rows: rows)
  }

  static func rules(_ json: String) throws -> CheckRuleSet {
    try CheckRuleSet.decode(Array(Corpus.withProse(json).utf8), path: "test.json")
  }

  /// The budget template's words of table bodies and performance fields, as the checks use them.
  static let templateWords =
    #", "subtotalColumnLeaves": ["小计", "合计"], "partOpenings": ["其中"], "performanceTable": {"levels": ["一级指标", "二级指标"], "indicator": "三级指标", "target": "指标值", "levelValueEnding": "指标", "budgetUnit": ["预算单位"], "project": ["项目名称"], "owner": ["项目负责人"], "total": ["年度预算总额"], "fiscal": ["财政拨款"], "other": ["其他资金"], "goal": ["项目总体目标"], "otherLabels": [], "partsOpen": ["其中"]}"#

  static func run(_ rulesJSON: String, _ document: DisclosureDocument, templateWords: String = templateWords) throws -> [CheckFinding] {
    let set = try rules(#"{"version": 1, "kind": "budget", "rules": ["# + rulesJSON + "]}")
    let template = try Template.decode(
      Array((#"{"kind": "budget", "markers": [], "tables": [], "performanceTitles": [], "emptyMarkers": [], "totalLabels": ["合计", "总计"], "currencyUnits": {"元": 0, "千元": 3, "万元": 4, "亿元": 8}"# + templateWords + "}").utf8))
    return Checker(ruleSets: [set], template: template).findings(for: document)
  }

  @Test("row-sum without named parts: a group's 小计 and a 其中 column are left out as the template's words say")
  func subtotalAndPartColumnsAsData() throws {
    let table = Self.table(
      3, kind: "expense_summary", header: ["科目名称", "合计", "本年收入/小计", "本年收入/财政拨款", "本年收入/其他", "其中：专项"],
      kinds: ["text", "amount", "amount", "amount", "amount", "amount"],
      rows: [["一般公共服务支出", "100.00", "100.00", "60.00", "40.00", "10.00"]])
    let rule = #"{"id": "r", "relation": "row-sum", "tables": ["expense_summary"], "total": ["合计"], "parts": "others"}"#
    let withWords = try Self.run(rule, Self.document(tables: [table]))
    #expect(withWords.map(\.status) == [.pass])
    #expect(withWords.first?.figures.compactMap(\.source.column) == ["合计", "本年收入/财政拨款", "本年收入/其他"])
    // A template without the words knows no subtotal or part column: every column is a part.
    let without = try Self.run(rule, Self.document(tables: [table]), templateWords: "")
    #expect(without.map(\.status) == [.fail])
  }

  static func document(tables: [Table] = [], sections: [Section] = [], performance: [PerformanceTable] = []) -> DisclosureDocument {
    DisclosureDocument(
      source: .init(file: "t.pdf", sha256: String(repeating: "0", count: 64), pages: 9, input: .pdf),
      metadata: Metadata(kind: "budget", department: "某某局", year: 2024), sections: sections, tables: tables,
      performanceTables: performance)
  }

  static let rowSum =
    #"{"id": "r", "relation": "row-sum", "tables": ["expense_summary"], "total": ["合计"], "parts": [["基本支出"], ["项目支出"]]}"#

  @Test("row-sum: exact is pass, 0.01 off is rounding, 1.00 off is fail, blank rows yield nothing")
  func rowSum() throws {
    let table = Self.expense([
      ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
      ["20101", "人大事务", "50.01", "30.00", "20.00"],
      ["20102", "政协事务", "51.00", "30.00", "20.00"],
      ["205", "教育支出", "", "", ""],
    ])
    let findings = try Self.run(Self.rowSum, Self.document(tables: [table]))
    #expect(findings.map(\.status) == [.pass, .rounding, .fail])
    let fail = findings[2]
    #expect(fail.found == 51 && fail.expected == 50 && fail.difference == 1)
    #expect(fail.figures.map(\.role) == ["total", "part", "part"])
    #expect(fail.figures[0].source == CheckSource(table: 3, row: "20102", column: "合计", page: 3))
    #expect(fail.figures[2].source.column == "项目支出")
  }

  @Test("row-sum: a table marked empty, an absent table and a missing column are skips saying why")
  func rowSumSkips() throws {
    var empty = Self.expense([["", "合计", "", "", ""]])
    empty.empty = true
    var findings = try Self.run(Self.rowSum, Self.document(tables: [empty]))
    #expect(findings.map(\.status) == [.skip])
    #expect(findings[0].message == "表3 is marked empty")
    findings = try Self.run(Self.rowSum, Self.document())
    #expect(findings.map(\.message) == ["no expense_summary table in the document"])
    let narrow = Self.table(
      3, kind: "expense_summary", header: ["科目名称", "合计", "基本支出"], kinds: ["text", "amount", "amount"],
      rows: [["合计", "1", "1"]])
    findings = try Self.run(Self.rowSum, Self.document(tables: [narrow]))
    #expect(findings.map(\.message) == ["表3 has no column 项目支出"])
  }

  /// A table of names without codes, its labels indented by `indents` points in their cells.
  static func indented(_ rows: [(indent: Double?, cells: [String])], header: [String] = ["功能分类科目名称", "合计"]) -> Table {
    var table = Self.table(3, kind: "expense_summary", header: header, kinds: ["text", "amount"], rows: rows.map(\.cells))
    for (index, row) in rows.enumerated() {
      let box = Box(x0: 10, top: Double(index) * 12, x1: 110, bottom: Double(index) * 12 + 12)
      table.rows[index].locations = [CellLocation(page: 3, box: box, indent: row.indent), CellLocation(page: 3, box: box)]
    }
    return table
  }

  @Test("code-tree without codes: the tree the 科目 labels' indentation shows; units or a broken indentation are skipped")
  func indentTree() throws {
    let rows: [(indent: Double?, cells: [String])] = [
      (0, ["合计", "100.00"]), (2, ["公共安全支出", "100.00"]), (7, ["公安", "100.00"]), (12, ["行政运行", "60.00"]),
      (12, ["其他公安支出", "41.00"]),
    ]
    let rule =
      #"{"id": "t", "relation": "code-tree", "tables": ["expense_summary"], "levels": [3, 5, 7], "total": {"label": ["合计"]}, "indentHeaders": ["科目"]}"#
    var findings = try Self.run(rule, Self.document(tables: [Self.indented(rows)]))
    // 公共安全支出 = 公安 (pass), 公安 = 行政运行 + 其他公安支出 (fail), 合计 = 公共安全支出 (pass).
    #expect(findings.map(\.status) == [.pass, .fail, .pass])
    #expect(findings[1].message.contains("公安 = sum of the rows indented under it: 100.00 printed, 2 rows sum to 101.00"))
    // A label column that names no 科目 (units over their sub-units) is no classification.
    findings = try Self.run(rule, Self.document(tables: [Self.indented(rows, header: ["单位名称", "合计"])]))
    #expect(findings.map(\.message) == ["表3 has no rows with 3-digit codes"])
    // A row two levels deeper than the one above it, or no indents known: no tree.
    let broken = rows + [(2, ["科学技术支出", "5.00"]), (12, ["科技成果转化与扩散", "5.00"])]
    findings = try Self.run(rule, Self.document(tables: [Self.indented(broken)]))
    #expect(findings.map(\.status) == [.skip])
    findings = try Self.run(rule, Self.document(tables: [Self.indented(rows.map { (nil, $0.cells) })]))
    #expect(findings.map(\.status) == [.skip])
    // A row selector by level: 合计 = the outermost rows.
    let outermost =
      #"{"id": "c", "relation": "column-sum", "tables": ["expense_summary"], "total": {"label": ["合计"]}, "parts": [{"level": 1}]}"#
    let twoClasses = rows + [(2, ["科学技术支出", "5.00"]), (7, ["技术研究与开发", "5.00"])]
    findings = try Self.run(outermost, Self.document(tables: [Self.indented(twoClasses)]))
    #expect(findings.map(\.status) == [.fail])
    #expect(findings.first?.expected == Self.d("105.00"))
  }

  @Test("row-sum: a part the table does not print is left out only when every amount column is the total or a part found")
  func rowSumAbsentPart() throws {
    let rule =
      #"{"id": "r", "relation": "row-sum", "tables": ["expense_summary"], "total": ["合计"], "parts": [["基本支出"], ["项目支出"], ["上缴上级支出"]]}"#
    let printed = Self.table(
      3, kind: "expense_summary", header: ["科目名称", "合计", "基本支出", "项目支出"], kinds: ["text", "amount", "amount", "amount"],
      rows: [["合计", "10.00", "6.00", "4.00"], ["201", "5.00", "3.00", "1.00"]])
    var findings = try Self.run(rule, Self.document(tables: [printed]))
    #expect(findings.map(\.status) == [.pass, .fail])
    #expect(findings.first?.figures.compactMap(\.source.column) == ["合计", "基本支出", "项目支出"])
    // Another amount column may be the missing part under another name: no guess.
    let other = Self.table(
      3, kind: "expense_summary", header: ["科目名称", "合计", "基本支出", "项目支出", "其他支出"],
      kinds: ["text", "amount", "amount", "amount", "amount"], rows: [["合计", "11.00", "6.00", "4.00", "1.00"]])
    findings = try Self.run(rule, Self.document(tables: [other]))
    #expect(findings.map(\.message) == ["表3 has no column 上缴上级支出"])
  }

  @Test("code-tree: 类 = its 款 rows, 款 = its 项 rows, 合计 = the 类 rows, per amount column")
  func codeTree() throws {
    let table = Self.expense([
      ["", "合计", "100.00", "60.00", "40.00"],
      ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
      ["20101", "人大事务", "100.00", "60.00", "40.00"],
      ["2010101", "行政运行", "60.00", "60.00", ""],
      ["2010102", "一般行政管理事务", "39.00", "", "40.00"],
    ])
    let rule =
      #"{"id": "t", "relation": "code-tree", "tables": ["expense_summary"], "levels": [3, 5, 7], "total": {"label": ["合计"]}}"#
    let findings = try Self.run(rule, Self.document(tables: [table]))
    // 201 ← 20101 (3 columns), 20101 ← 2010101 + 2010102 (3 columns), 合计 ← 201 (3 columns).
    #expect(findings.count == 9)
    let failed = findings.filter { $0.status == .fail }
    #expect(failed.count == 1)
    #expect(failed.first?.figures.first?.source.row == "20101")
    #expect(failed.first?.figures.first?.source.column == "合计")
    #expect(failed.first?.expected == 99 && failed.first?.found == 100)
  }

  @Test("selectors for other layouts: a fallback total (otherwise), a top-level column (/小计), every table of kind other, a total with nothing to add up")
  func otherLayouts() throws {
    // 福州: 收入合计 is the grand total where no 收入总计 is printed.
    let summary = Self.summary(
      revenue: [("本年收入合计", "90.00"), ("上年结转结余", "10.00"), ("收入合计", "100.00")], expenditure: [])
    let fallback = """
      {"id": "rev", "relation": "column-sum", "tables": ["income_expense_summary"], "side": "revenue",
       "total": {"label": ["收入总计"], "otherwise": {"label": ["收入合计"]}}, "parts": [{"label": ["本年收入合计", "上年结转结余"]}]}
      """
    var findings = try Self.run(fallback, Self.document(tables: [summary]))
    #expect(findings.map(\.status) == [.pass])
    #expect(findings.first?.figures.first?.source.row == "收入合计")

    // The table's own 小计 column, not the group's 基本支出/小计 printed left of it.
    let grouped = Self.table(
      5, kind: "general_budget_expense", header: ["科目编码", "科目名称", "基本支出/小计", "基本支出/人员经费", "项目支出", "小计"],
      kinds: ["code", "text", "amount", "amount", "amount", "amount"], rows: [["201", "一般公共服务支出", "60.00", "60.00", "40.00", "100.00"]])
    let topLevel = #"{"id": "split", "relation": "row-sum", "tables": ["general_budget_expense"], "total": ["/小计"], "parts": [["基本支出/小计"], ["项目支出"]]}"#
    findings = try Self.run(topLevel, Self.document(tables: [grouped]))
    #expect(findings.map(\.status) == [.pass])
    #expect(findings.first?.figures.first?.source.column == "小计")
    let anySuffix = #"{"id": "split", "relation": "row-sum", "tables": ["general_budget_expense"], "total": ["小计"], "parts": [["基本支出/小计"], ["项目支出"]]}"#
    findings = try Self.run(anySuffix, Self.document(tables: [grouped]))
    #expect(findings.map(\.status) == [.skip])

    // Every table whose title no template names is read by a rule on kind other; none, no finding.
    let tree = #"{"id": "tree", "relation": "code-tree", "tables": ["other"], "levels": [3, 5], "total": {"label": ["合计"]}}"#
    let first = Self.expense([["", "合计", "10.00", "10.00", ""], ["201", "一般公共服务支出", "10.00", "10.00", ""], ["20101", "人大事务", "10.00", "10.00", ""]], number: 11, kind: "other")
    let second = Self.expense([["", "合计", "5.00", "", "5.00"], ["208", "社会保障和就业支出", "4.00", "", "5.00"]], number: 12, kind: "other")
    findings = try Self.run(tree, Self.document(tables: [first, second, Self.expense([["", "合计", "1", "1", ""]])]))
    #expect(Set(findings.compactMap { $0.figures.first?.source.table }) == [11, 12])
    #expect(findings.filter { $0.status == .fail }.map(\.figures.first?.source.table) == [12])
    #expect(try Self.run(tree, Self.document(tables: [Self.expense([["", "合计", "1", "1", ""]])])).isEmpty)

    // A total row whose parts the table does not print is a skip saying so, not silence.
    let noParts = #"{"id": "vehicles", "relation": "column-sum", "tables": ["expense_summary"], "total": {"label": ["合计"]}, "parts": [{"label": ["公务用车购置费"]}]}"#
    findings = try Self.run(noParts, Self.document(tables: [Self.expense([["", "合计", "1", "1", ""]])]))
    #expect(findings.map(\.status) == [.skip])
    #expect(findings.first?.message == "表3 prints 合计 but no row the rule adds up into it")
  }

  @Test("a 序号 column's 1, 2, 3 names no row when words follow it: the 合计 row is found by its label")
  func sequenceNumbers() throws {
    let table = Self.table(
      3, kind: "expense_summary", header: ["序号", "单位编码", "单位名称", "合计"], kinds: ["text", "text", "text", "amount"],
      rows: [["1", "", "合计", "10.00"], ["2", "263", "西安市商务局", "6.00"], ["3", "264", "西安市某中心", "4.00"]])
    let rule = #"{"id": "c", "relation": "column-sum", "tables": ["expense_summary"], "total": {"label": ["合计"]}, "parts": [{"pattern": "局|中心"}]}"#
    let findings = try Self.run(rule, Self.document(tables: [table]))
    #expect(findings.map(\.status) == [.pass])
    #expect(findings.first?.figures.first?.source.row == "合计")
  }

  /// A two-sided summary table with its derived sides.
  static func summary(revenue: [(String, String)], expenditure: [(String, String, String)]) -> Table {
    let width = max(revenue.count, expenditure.count)
    var rows: [Row] = []
    for index in 0..<width {
      let r = index < revenue.count ? revenue[index] : ("", "")
      let e = index < expenditure.count ? expenditure[index] : ("", "", "")
      rows.append(
        Row(cells: [r.0, r.1, e.0, e.1, e.2], values: [nil, d(r.1), nil, nil, d(e.2)], page: 4))
    }
    return Table(
      number: 1, label: "表1", title: "收支总体情况表", kind: "income_expense_summary", unit: "万元", pages: [4],
      header: ["收入/项目", "收入/预算数", "支出/功能分类科目编码", "支出/功能分类科目名称", "支出/预算数"],
      columnKinds: ["text", "amount", "code", "text", "amount"], rows: rows,
      revenue: revenue.map { Row(cells: [$0.0, $0.1], values: [nil, d($0.1)], page: 4) },
      expenditure: expenditure.map {
        Row(cells: [$0.0, $0.1, $0.2], values: [nil, nil, d($0.2)], code: $0.0.isEmpty ? nil : $0.0, page: 4)
      })
  }

  @Test("column-sum on a side: the first alternative that picks rows is used; blocks end at `until`")
  func sides() throws {
    let table = Self.summary(
      revenue: [
        ("一、本年收入", "90.00"), ("1.一般公共预算拨款", "90.00"), ("其中：一般财力", "50.00"), ("上级转移支付", "40.00"),
        ("二、上年结转结余", "10.00"), ("1.财政拨款结转", "10.00"), ("收入总计", "100.00"),
      ],
      expenditure: [("201", "一般公共服务支出", "70.00"), ("208", "社会保障和就业支出", "30.01"), ("", "支出总计", "100.00")])
    let rules = """
      {"id": "rev", "relation": "column-sum", "tables": ["income_expense_summary"], "side": "revenue",
       "total": {"label": ["收入总计"]},
       "parts": [{"label": ["本年收入合计", "上年结转结余"]}, {"pattern": "^[一二三四五六七八九十]+、"}]},
      {"id": "blocks", "relation": "column-sum", "tables": ["income_expense_summary"], "side": "revenue",
       "total": {"pattern": "^[一二三四五六七八九十]+、"}, "parts": [{"pattern": "^[0-9]+[.]"}],
       "until": {"pattern": "^[一二三四五六七八九十]+、|总计"}},
      {"id": "of-which", "relation": "column-sum", "compare": "at-most", "tables": ["income_expense_summary"],
       "side": "revenue", "total": {"pattern": "^[0-9]+[.]"}, "parts": [{"pattern": "."}],
       "until": {"pattern": "^([0-9]+[.]|[一二三四五六七八九十]+、)|总计"}},
      {"id": "exp", "relation": "column-sum", "tables": ["income_expense_summary"], "side": "expenditure",
       "total": {"label": ["支出总计"]}, "parts": [{"codeLength": 3}]},
      {"id": "balance", "relation": "equal",
       "left": [{"table": "income_expense_summary", "side": "revenue", "row": {"label": ["收入总计"]}}],
       "right": [{"table": "income_expense_summary", "side": "expenditure", "row": {"label": ["支出总计"]}}]}
      """
    let findings = try Self.run(rules, Self.document(tables: [table]))
    // 1.财政拨款结转 has no 其中 rows under it: nothing to compare.
    #expect(findings.map(\.rule) == ["rev", "blocks", "blocks", "of-which", "exp", "balance"])
    #expect(findings.map(\.status) == [.pass, .pass, .pass, .pass, .rounding, .pass])
    #expect(findings[0].figures.dropFirst().map(\.source.row) == ["一、本年收入", "二、上年结转结余"])
    #expect(findings[3].figures.dropFirst().map(\.source.row) == ["一般财力", "上级转移支付"])
    #expect(findings[4].figures[0].source == CheckSource(table: 1, side: "expenditure", row: "支出总计", column: "支出/预算数", page: 4))
  }

  @Test("equal across tables: figures by kind, row and column; a blank figure is a skip")
  func crossTables() throws {
    let three = Self.expense([["", "合计", "100.00", "60.00", "40.00"]])
    let five = Self.expense([["", "合计", "90.00", "60.00", "30.00"]], number: 5, kind: "general_budget_expense")
    let six = Self.table(
      6, kind: "general_budget_basic_expense", header: ["科目名称", "合计", "人员经费", "公用经费"],
      kinds: ["text", "amount", "amount", "amount"], rows: [["合计", "60.00", "50.00", "10.00"]])
    let rules = """
      {"id": "basic", "relation": "equal", "left": [{"table": "general_budget_basic_expense", "column": ["合计"]}],
       "right": [{"table": "general_budget_expense", "column": ["基本支出"]}]},
      {"id": "project", "relation": "equal", "left": [{"table": 5, "column": ["项目支出"]}],
       "right": [{"table": 3, "column": ["项目支出"]}]},
      {"id": "absent", "relation": "equal", "left": [{"table": 7, "column": ["合计"]}], "right": [{"table": 5}]},
      {"id": "within", "relation": "at-most", "left": [{"table": 5, "column": ["合计"]}], "right": [{"table": 3, "column": ["合计"]}]}
      """
    let findings = try Self.run(rules, Self.document(tables: [three, five, six]))
    // In page order: the skip names no page and comes last.
    #expect(findings.map(\.status) == [.pass, .fail, .pass, .skip])
    #expect(findings[1].found == 30 && findings[1].expected == 40)
    #expect(findings[1].figures.map(\.source.table) == [5, 3])
    #expect(findings[3].message == "no 表7 table in the document")
  }

  @Test("equal with another layout's right side: 本年 alone, else 本年 plus the 上年结转 row (occurrence 2)")
  func rightAlternatives() throws {
    func four(_ current: String, _ carried: String) -> Table {
      Self.table(
        4, kind: "fiscal_summary", header: ["项目", "预算数"], kinds: ["text", "amount"],
        rows: [["一、本年收入", ""], ["一般公共预算", current], ["二、上年结转", carried], ["一般公共预算", carried]])
    }
    let five = Self.expense([["", "合计", "110.00", "60.00", "50.00"]], number: 5, kind: "general_budget_expense")
    let rule = """
      {"id": "g", "relation": "equal", "left": [{"table": 5, "column": ["合计"]}],
       "right": [{"table": 4, "row": {"name": ["一般公共预算"]}}],
       "rightAlternatives": [[{"table": 4, "row": {"name": ["一般公共预算"], "occurrence": 1}},
                              {"table": 4, "row": {"name": ["一般公共预算"], "occurrence": 2}}]]}
      """
    // 表5 spends the carry-over too (Zhejiang): the alternative holds and is the one cited.
    let carried = try Self.run(rule, Self.document(tables: [four("100.00", "10.00"), five]))
    #expect(carried.map(\.status) == [.pass])
    #expect(carried[0].expected == 110 && carried[0].figures.count == 3)
    // 表5 is this year's alone (the national template): the first right side holds.
    let national = try Self.run(rule, Self.document(tables: [four("110.00", "10.00"), five]))
    #expect(national.map(\.status) == [.pass] && national[0].figures.count == 2)
    // Neither holds: the failure compares with the first right side.
    let wrong = try Self.run(rule, Self.document(tables: [four("90.00", "5.00"), five]))
    #expect(wrong.map(\.status) == [.fail] && wrong[0].expected == 90)
    #expect(throws: PipelineError.self) {
      try Self.rules(#"{"version": 1, "kind": "budget", "rules": [{"id": "x", "relation": "equal", "left": [{"table": 5}], "right": [{"table": 4, "row": {"name": "a", "occurrence": 0}}]}]}"#)
    }
  }

  @Test("prose amounts: a term after another subject in the same clause (上年结转结余的…, 政府采购…) is not quoted")
  func otherSubjects() throws {
    let one = Self.table(
      1, kind: "income_expense_summary", header: ["项目", "预算数"], kinds: ["text", "amount"],
      rows: [["一般公共预算拨款收入", "3210.10"]])
    let part = Self.section(
      "二", "二、收入预算情况说明",
      ["本年收入3210.10万元，其中一般公共预算收入3210.10万元；上年结转结余的一般公共预算收入0万元，占0%；2026年度政府采购一般公共预算收入总额2.61万元。"])
    let set = try Self.rules(
      #"""
      {"version": 1, "kind": "budget", "otherSubjects": ["上年结转", "结转结余", "政府采购"], "rules": [
       {"id": "g", "relation": "prose-amount", "sections": {"title": ["收入预算"]}, "terms": ["一般公共预算收入"],
        "figure": {"table": 1, "row": {"name": ["一般公共预算拨款收入"]}}}]}
      """#)
    let template = try Template.decode(
      Array(#"{"kind": "budget", "markers": [], "tables": [], "performanceTitles": [], "emptyMarkers": [], "totalLabels": ["合计", "总计"]}"#.utf8))
    let findings = Checker(ruleSets: [set], template: template).findings(for: Self.document(tables: [one], sections: [part]))
    #expect(findings.map(\.status) == [.pass])
    #expect(findings[0].found == Self.d("3210.10"))
  }

  @Test("performance tables: 财政拨款 above 年度预算总额 fails, with the table's index and page")
  func performance() throws {
    let tables = [
      PerformanceTable(index: 1, title: "项目支出绩效目标表", page: 29, project: "雇员", budget: .init(total: 2662, fiscal: 10162)),
      PerformanceTable(index: 2, title: "项目支出绩效目标表", page: 31, project: "三支一扶", budget: .init(total: 104, fiscal: 104)),
    ]
    let rule = #"{"id": "p", "relation": "at-most", "left": [{"performance": "fiscal"}], "right": [{"performance": "total"}]}"#
    let findings = try Self.run(rule, Self.document(performance: tables))
    #expect(findings.map(\.status) == [.fail, .pass])
    #expect(findings[0].figures[0].source == CheckSource(column: "其中：财政拨款", performanceTable: 1, page: 29))
    #expect(findings[0].difference == 7500)
  }

  static func section(_ number: String, _ heading: String, page: Int = 20, _ paragraphs: [String], children: [Section] = []) -> Section {
    Section(level: 2, number: number, title: heading, heading: heading, page: page, paragraphs: paragraphs, children: children)
  }

  @Test("prose: a quoted amount against a table, a share, a growth rate and comparison words")
  func prose() throws {
    let five = Self.expense([["", "合计", "15751.96", "869.36", "14882.60"]], number: 5, kind: "general_budget_expense")
    let part = Self.section(
      "第三部分", "第三部分预算情况说明", page: 19, [],
      children: [
        Self.section(
          "五", "五、一般公共预算当年拨款情况说明",
          ["其中：基本支出869.36万元，占5.52%，比上年预算减少392.03万元，下降31.08%。项目支:14882.06万元，比上年预算增加9242.93万元，下降163.91%。"]),
        Self.section("六", "六、其他", ["收入100万元大于支出120万元。"]),
      ])
    let rules = """
      {"id": "amount", "relation": "prose-amount", "sections": {"title": ["一般公共预算当年拨款"]},
       "terms": ["项目支出", "项目支"], "figure": {"table": "general_budget_expense", "column": ["项目支出"]}},
      {"id": "share", "relation": "prose-share", "sections": {"title": ["一般公共预算当年拨款"]},
       "figure": {"table": "general_budget_expense", "column": ["合计"]}},
      {"id": "growth", "relation": "prose-growth"},
      {"id": "words", "relation": "prose-words"}
      """
    let findings = try Self.run(rules, Self.document(tables: [five], sections: [part]))
    let amount = try #require(findings.first { $0.rule == "amount" })
    #expect(amount.status == .fail)
    #expect(amount.found == Self.d("14882.06") && amount.expected == Self.d("14882.60"))
    #expect(amount.figures[0].source.section == "第三部分/五")
    #expect(amount.figures[0].source.text == "项目支:14882.06万元，比上年预算增加9242.93万元，下降163.91%。")
    #expect(amount.figures[1].source == CheckSource(table: 5, row: "合计", column: "项目支出", page: 3))
    let share = try #require(findings.first { $0.rule == "share" })
    #expect(share.status == .pass)  // 869.36 ÷ 15751.96 = 5.519…%
    let growth = findings.filter { $0.rule == "growth" }
    #expect(growth.map(\.status) == [.pass, .pass])  // 392.03 ÷ 1261.39 = 31.08%; 9242.93 ÷ 5639.13 = 163.91%
    let words = findings.filter { $0.rule == "words" }
    #expect(words.map(\.status) == [.pass, .fail, .fail])  // 减少/下降; 增加/下降; 100 大于 120
  }

  @Test("the prose language is data: explanations that quote 元 and say 增幅 before the change are read by a changed prose object alone")
  func proseLanguageAsData() throws {
    let five = Self.expense([["", "合计", "15751.96", "869.36", "14882.60"]], number: 5, kind: "general_budget_expense")
    let part = Self.section(
      "一", "一、一般公共预算当年拨款情况说明",
      ["项目支出148,826,000.00元，增幅为9242.93万元的165%。", "项目支出148,820,600.00元。"])
    let rules = """
      {"id": "amount", "relation": "prose-amount", "sections": {"title": ["一般公共预算当年拨款"]},
       "terms": ["项目支出"], "figure": {"table": "general_budget_expense", "column": ["项目支出"]}}
      """
    // The default wording (万元) finds no quote.
    let plain = try Self.run(rules, Self.document(tables: [five], sections: [part])).filter { $0.rule == "amount" }
    #expect(plain.map(\.status) == [.skip])
    // The same rule with a prose object whose amounts are in 元: the 万元 table is converted exactly.
    var prose = try #require(JSONParser.parse(Corpus.proseJSON).objectValue)
    prose["unit"] = "元"
    prose["amount"] = #"([0-9][0-9,]*(?:\.[0-9]+)?)元"#
    let text = CanonicalJSON.string(.object(prose)).trimmingCharacters(in: .newlines)
    let set = try Self.rules(#"{"version": 1, "kind": "budget", "prose": "# + text + #", "rules": ["# + rules + "]}")
    let template = try Template.decode(
      Array(
        #"{"kind": "budget", "markers": [], "tables": [], "performanceTitles": [], "emptyMarkers": [], "currencyUnits": {"元": 0, "万元": 4}}"#
          .utf8))
    let findings = Checker(ruleSets: [set], template: template)
      .findings(for: Self.document(tables: [five], sections: [part])).filter { $0.rule == "amount" }
    // 14,882.60万元 is 148,826,000元: the first quote passes, the second (148,820,600) fails.
    #expect(findings.map(\.status) == [.pass, .fail])
    #expect(findings[0].expected == Self.d("148826000"))
  }

  @Test("a rule set made in code without a prose object skips its prose rules with the reason")
  func proseRulesWithoutLanguage() throws {
    let part = Self.section("一", "一、收入预算情况说明", ["收入预算100万元，比上年增加10万元，增长11.11%。"])
    let set = CheckRuleSet(kind: "budget", rules: [CheckRule(id: "growth", relation: .proseGrowth)])
    let template = try Template.decode(Array(#"{"kind": "budget", "markers": [], "tables": [], "performanceTitles": [], "emptyMarkers": []}"#.utf8))
    let findings = Checker(ruleSets: [set], template: template).findings(for: Self.document(sections: [part]))
    #expect(findings.map(\.status) == [.skip])
    #expect(findings.first?.message.contains("no prose object") == true)
  }

  @Test("prose-amount: a rule's own otherSubjects; a whole-万元 quote of a 元 figure is rounding")
  func ruleOtherSubjects() throws {
    var three = Self.expense([["", "合计", "216,801,570.00", "100,000,000.00", "116,801,570.00"]])
    three.unit = "元"
    let part = Self.section(
      "四", "2026年部门预算编制说明",
      ["支出预算21,680.16万元，其中：财政拨款支出预算21,502万元。", "支出预算21,680万元。"])
    let rule = """
      {"id": "total", "relation": "prose-amount", "sections": {"title": ["预算编制说明"]}, "terms": ["支出预算"],
       "otherSubjects": ["财政拨款"], "figure": {"table": "expense_summary", "column": ["合计"]}}
      """
    let findings = try Self.run(rule, Self.document(tables: [three], sections: [part])).filter { $0.rule == "total" }
    // 21,680.16 passes; 21,502 (财政拨款's) is not quoted for the total; 21,680 is 21,680.157 at its precision.
    #expect(findings.map(\.status) == [.pass, .rounding])
    #expect(findings.map(\.found) == [Self.d("21680.16"), Self.d("21680")])
  }

  /// Findings of a `within: 一般公共预算` prose-amount rule for `term` (表5's `column`: 60 基本支出,
  /// 40 项目支出) in a 财政拨款情况说明 of `paragraphs`.
  static func within(_ term: String, column: String, _ paragraphs: [String]) throws -> [CheckFinding] {
    let five = Self.expense([["", "合计", "100.00", "60.00", "40.00"]], number: 5, kind: "general_budget_expense")
    let part = Self.section("三", "三、财政拨款情况说明", paragraphs)
    let rule = """
      {"id": "w", "relation": "prose-amount", "sections": {"title": ["财政拨款情况说明"]}, "terms": ["\(term)"],
       "within": ["一般公共预算"], "otherSubjects": ["政府性基金"], "figure": {"table": "general_budget_expense", "column": ["\(column)"]}}
      """
    return try Self.run(rule, Self.document(tables: [five], sections: [part])).filter { $0.rule == "w" }
  }

  @Test("prose-amount within: a part quoted only in a 其中 list whose total is the subject's, a change before 其中 no total")
  func proseWithin() throws {
    let findings = try Self.within(
      "基本支出", column: "基本支出",
      [
        "一般公共预算财政拨款支出100.00万元,比2025年减少7.00万元。其中:基本支出60.00万元,主要用于运转;项目支出40.00万元。",
        "政府性基金预算支出50.00万元，其中：基本支出5.00万元。",
        "支出预算150.00万元。基本支出65.00万元。",
      ])
    // Only the 一般公共预算's 其中 list quotes the part: 政府性基金's list and a sentence after a stop do not.
    #expect(findings.map(\.status) == [.pass])
    #expect(findings.map(\.found) == [Self.d("60.00")])
  }

  @Test("lists printed one item per paragraph: numbered items end where the numbering restarts or goes outward; an item's own 其中 list stays its own")
  func splitLists() throws {
    let one = Self.table(
      1, kind: "income_expense_summary", header: ["项目", "预算数"], kinds: ["text", "amount"], rows: [["收入总计", "100.00"]])
    let rule = #"{"id": "l", "relation": "prose-list", "sections": {"title": ["收支预算"]}, "figure": {"table": 1, "row": {"label": ["收入总计"]}}}"#
    func statuses(_ paragraphs: [String], _ rule: String) throws -> [CheckFinding.Status] {
      let part = Self.section("一", "一、收支预算总体情况", paragraphs)
      return try Self.run(rule, Self.document(tables: [one], sections: [part])).filter { ["l", "t"].contains($0.rule) }.map(\.status)
    }
    let lists = [
      "（一）收入预算总计100.00万元。包括：", "1．本年收入合计60.00万元。", "（1）一般公共预算拨款收入60.00万元。", "2．上年结转结余40.00万元。",
      "（二）支出预算总计100.00万元。包括：", "1．基本支出70.00万元。", "2．项目支出30.00万元。",
    ]
    #expect(try statuses(lists, rule) == [.pass, .pass])
    // No （二） between them: the first list ends where its numbers start again.
    #expect(try statuses(lists.filter { !$0.hasPrefix("（二）") && !$0.hasPrefix("（1）") }, rule) == [.pass])
    // 支出预算合计100万元，其中： ‖ 基本支出60万元，其中：人员经费…； ‖ 项目支出40万元。: 60 + 40, not 60's parts too.
    let total = #"{"id": "t", "relation": "prose-list-total"}"#
    let nested = ["支出预算合计100.00万元，其中：", "基本支出60.00万元，其中：人员经费50.00万元，公用经费10.00万元；", "项目支出40.00万元。"]
    #expect(try statuses(nested, total) == [.pass, .pass])
  }

  @Test("prose-amount within: another fund's clause after the list ends it")
  func proseWithinOtherFund() throws {
    let findings = try Self.within(
      "项目支出", column: "项目支出",
      ["一般公共预算财政拨款支出100.00万元，其中：基本支出60.00万元，项目支出40.00万元；政府性基金预算拨款支出50.00万元，全部为项目支出50.00万元。"])
    #expect(findings.map(\.found) == [Self.d("40.00")])
    #expect(findings.map(\.status) == [.pass])
  }

  @Test("prose-item: a quoted 科目 path's amount is its own, never the next path's")
  func itemPathAmounts() throws {
    let five = Self.expense(
      [["208", "社会保障和就业支出", "300.00", "300.00", ""], ["20805", "行政事业单位养老支出", "200.00", "200.00", ""]], number: 5,
      kind: "general_budget_expense")
    let part = Self.section(
      "四", "四、一般公共预算支出情况", ["1.“社会保障和就业支出”科目中“行政事业单位养老支出”科目200.00万元。", "2.“社会保障和就业支出”科目300.00万元。"])
    let rule = #"{"id": "i", "relation": "prose-item", "sections": {"title": ["一般公共预算"]}, "figure": {"table": "general_budget_expense", "column": ["合计"]}}"#
    let findings = try Self.run(rule, Self.document(tables: [five], sections: [part])).filter { $0.rule == "i" }
    // 200 is the 款's (named as a 类, so no row: a skip); the 类 alone quotes 300.
    #expect(findings.map(\.status) == [.skip, .pass])
    #expect(findings.last?.found == Self.d("300.00"))
  }

  @Test("code-tree: a table without codes whose header is narrower than its rows is a skip, not a crash")
  func indentTreeNarrowHeader() throws {
    let table = Self.table(3, kind: "expense_summary", header: [], kinds: ["text", "amount"], rows: [["合计", "1.00"], ["公安", "1.00"]])
    let rule =
      #"{"id": "t", "relation": "code-tree", "tables": ["expense_summary"], "levels": [3, 5, 7], "total": {"label": ["合计"]}, "indentHeaders": ["科目"]}"#
    #expect(try Self.run(rule, Self.document(tables: [table])).map(\.status) == [.skip])
  }

  @Test("prose growth against a base the sentence quotes: the rate over the base, the amount the base moved by the change")
  func growthWithBase() throws {
    let part = Self.section(
      "一", "一、收入预算情况说明",
      [
        "2026年度收入预算44169.36万元，比2025年年初预算数44021.20万元增加148.16万元，增长0.34%。",
        "2026年度支出预算44169.36万元，比2025年年初预算数44021.20万元增加148.16万元，增长0.43%。",
        "2026年度支出预算44269.36万元，比2025年年初预算数44021.20万元增加148.16万元，增长0.34%。",
        "2026年度支出预算43873.04万元，比2025年年初预算数44021.20万元减少148.16万元，增长0.34%。",
      ])
    let findings = try Self.run(#"{"id": "growth", "relation": "prose-growth"}"#, Self.document(sections: [part]))
      .filter { $0.rule == "growth" }
    // 148.16 ÷ 44021.20 = 0.3366 %: right; a wrong rate; an amount that is not the base plus the
    // change; 减少 with 增长.
    #expect(findings.map(\.status) == [.pass, .fail, .fail, .fail])
    #expect(findings[0].figures.map(\.role) == ["growth", "previous", "change", "current"])
    #expect(findings[0].figures.map(\.value) == [Self.d("0.34"), Self.d("44021.2"), Self.d("148.16"), Self.d("44169.36")])
  }

  @Test("prose-dates with yearOffset: a 2024 budget's reporting dates are in 2023")
  func budgetReportingDates() throws {
    let part = Self.section(
      "五", "五、国有资产占用情况",
      [
        "截至2023年12月31日，本部门共有车辆3辆。",
        "截至2024年8月31日，本部门共有单价100万元以上设备2台。",
      ])
    let rule = #"{"id": "dates", "relation": "prose-dates", "patterns": ["截至(?<year>20[0-9]{2})年[0-9]{1,2}月[0-9]{1,2}日"], "yearOffset": -1}"#
    let findings = try Self.run(rule, Self.document(sections: [part])).filter { $0.rule == "dates" }
    #expect(findings.map(\.status) == [.pass, .fail])
    #expect(findings.map(\.expected) == [Self.d("2023"), Self.d("2023")])
    #expect(findings.map(\.found) == [Self.d("2023"), Self.d("2024")])
  }

  @Test("prose amounts after a run-in heading: 1.因公出国（境）费用。2026年预算数…万元 quotes the heading's subject")
  func runInHeading() throws {
    let table = Self.table(
      7, kind: "three_public_expense", header: ["项目", "合计"], kinds: ["text", "amount"],
      rows: [["因公出国（境）费", "41.60"], ["公务接待费", "9.46"]])
    let part = Self.section(
      "五", "五、“三公”经费预算情况",
      [
        "1.因公出国（境）费用。2026年预算数41.60万元，较2025年年初预算增加0.00万元。",
        "2.公务接待费。2026年预算数9.64万元，较2025年年初预算增加0.00万元。",
        // Not at the paragraph's start: another subject may come between, nothing is read.
        "其中，用于因公出国（境）费用。会议费预算数3.00万元。",
      ])
    let rules = """
      {"id": "abroad", "relation": "prose-amount", "sections": {"title": ["三公"]}, "terms": ["因公出国（境）费"],
       "figure": {"table": "three_public_expense", "row": {"label": ["因公出国（境）费"]}, "column": ["合计"]}},
      {"id": "reception", "relation": "prose-amount", "sections": {"title": ["三公"]}, "terms": ["公务接待费"],
       "figure": {"table": "three_public_expense", "row": {"label": ["公务接待费"]}, "column": ["合计"]}}
      """
    let findings = try Self.run(rules, Self.document(tables: [table], sections: [part]))
    #expect(findings.filter { $0.rule == "abroad" }.map(\.status) == [.pass])
    #expect(findings.filter { $0.rule == "abroad" }.first?.found == Self.d("41.60"))
    #expect(findings.filter { $0.rule == "reception" }.map(\.status) == [.fail])
  }

  @Test("prose list totals: the parts listed after a quoted total add up to it; more is a failure, less may be partial")
  func listTotals() throws {
    let part = Self.section(
      "一", "一、收支预算总体情况",
      [
        // Items over semicolons, a comparison in the first clause left out: 9628.22 = 9628.22 + 0 + 0.
        "收入预算9628.22万元，其中：财政拨款收入9628.22万元，比2025年预算增加793.14万元；事业收入0万元；其他收入0万元。",
        // A bracketed aside is part of its item, not another part: 100 = 60 + 40.
        "支出预算100.00万元，包括基本支出60.00万元（其中人员经费50.00万元）、项目支出40.00万元。",
        // The parts exceed the whole.
        "支出预算100.00万元，包括基本支出60.00万元、项目支出45.00万元。",
        // Fewer than the whole: 其中 may name some parts only, nothing is said.
        "支出预算100.00万元，其中：基本支出60.00万元、会议费5.00万元。",
      ])
    let findings = try Self.run(#"{"id": "lists", "relation": "prose-list-total"}"#, Self.document(sections: [part]))
      .filter { $0.rule == "lists" }
    #expect(findings.map(\.status) == [.pass, .pass, .fail])
    #expect(findings[2].expected == Self.d("100") && findings[2].found == Self.d("105"))
    #expect(findings[2].figures.map(\.role) == ["total", "part", "part"])
  }

  @Test("prose list shares: each part's share of the total the list follows; shares of another whole are skipped")
  func listShares() throws {
    let part = Self.section(
      "二", "二、收入预算情况说明",
      [
        // 16,474.82 ÷ 50,616.94 = 32.548 %; 31,888 ÷ 50,616.94 = 62.999 %; 2,254.12 → 4.45 %, printed 4.54.
        "收入预算总计50,616.94万元，其中，一般公共预算拨款收入16,474.82万元，占32.55%；其他收入31,888.00万元，占63.0%；上年结转2,254.12万元，占4.54%。",
        // Every share fits 2,000 rather than the 1,000 quoted: shares of another whole, not errors.
        "项目支出1,000.00万元，其中：甲项目600.00万元，占30.00%；乙项目400.00万元，占20.00%。",
      ])
    let findings = try Self.run(#"{"id": "shares", "relation": "prose-list-share"}"#, Self.document(sections: [part]))
      .filter { $0.rule == "shares" }
    #expect(findings.map(\.status) == [.pass, .pass, .fail, .skip])
    #expect(findings[2].found == Self.d("4.54") && findings[2].figures.map(\.role) == ["share", "part", "total"])
    #expect(findings[3].message.contains("are of another whole (about 2000.00万元)"))
  }

  @Test("prose amounts quoted with a classification code: the row printing that code and name, 元 converted")
  func codedItems() throws {
    var five = Self.table(
      5, kind: "general_budget_expense", header: ["科目编码", "科目名称", "合计"], kinds: ["code", "text", "amount"],
      rows: [["2011301", "行政运行", "20,938,520.75"], ["2080201", "行政运行", "9,937,700.00"], ["2101101", "行政单位医疗", "773,302.99"]])
    five.unit = "元"
    let part = Self.section(
      "三", "三、一般公共预算拨款支出情况",
      [
        "（1）行政运行（2011301）2093.85万元，较上年减少195.40万元；",
        "（一）2080201-行政运行993.70万元。",
        "（二）2080201-行政运行993.80万元。",
        "（三）行政单位医疗（2101101）2026年预算数为77.34万元。",
        "（四）事业运行（2101101）77.33万元。",
        "（五）其他支出（2299999）12.00万元。",
      ])
    let rule = """
      {"id": "coded", "relation": "prose-coded-item", "sections": {"title": ["一般公共预算"]},
       "figure": {"table": "general_budget_expense", "column": ["合计"]}}
      """
    let findings = try Self.run(rule, Self.document(tables: [five], sections: [part])).filter { $0.rule == "coded" }
    // 20,938,520.75元 is 2093.85万元 at the quoted precision; 993.77 quoted as 993.70 and 993.80;
    // 77.33 quoted as 77.34 (off by one cent: rounding); a name the row does not print and a code
    // no row prints are skipped, never compared.
    #expect(findings.map(\.status) == [.pass, .fail, .fail, .rounding, .skip, .skip])
    #expect(findings[0].figures[1].source == CheckSource(table: 5, row: "2011301", column: "合计", page: 3))
    #expect(findings[4].message.contains("prints 2101101 as 行政单位医疗, not 事业运行"))
    #expect(findings[5].message.contains("no table of the rule prints 2299999"))
  }

  @Test("prose growth printed as a rate alone, between two amounts the sentence names by year")
  func rateBetweenYears() throws {
    let part = Self.section(
      "二", "二、收入预算情况说明",
      [
        "2023年当年预算执行数为1690.69万元，2024年预算安排1672.67万元，比2023年预算执行数减少1.07%。",
        "2023年当年预算执行数为1690.69万元，2024年预算安排1672.67万元，比2023年预算执行数增加1.07%。",
        "2023年当年预算执行数为1690.69万元，2024年预算安排1672.67万元，比2023年预算执行数减少2.07%。",
        // One amount only: the previous year's figure is not printed, nothing is checked.
        "财政预算收入为1682.76万元，比上年增长3.08%。",
      ])
    let findings = try Self.run(#"{"id": "growth", "relation": "prose-growth"}"#, Self.document(sections: [part]))
      .filter { $0.rule == "growth" }
    // 18.02 ÷ 1690.69 = 1.066 %: the right word and rate pass, the wrong word or rate fails.
    #expect(findings.map(\.status) == [.pass, .fail, .fail])
    #expect(findings.first?.figures.map(\.value) == [Self.d("1.07"), Self.d("1690.69"), Self.d("1672.67")])
  }

  @Test("prose item: an amount after a 类/款/项 path is that 项's row, found by name under its 类 and 款")
  func proseItems() throws {
    let five = Self.expense(
      [
        ["", "合计", "700.00", "500.00", "200.00"], ["201", "一般公共服务支出", "700.00", "500.00", "200.00"],
        ["20101", "人大事务", "100.00", "100.00", ""], ["2010101", "行政运行", "100.00", "100.00", ""],
        ["20114", "信访事务", "600.00", "400.00", "200.00"], ["2011401", "行政运行", "400.00", "400.00", ""],
        ["2011404", "信访业务", "200.00", "", "200.00"],
      ], number: 5, kind: "general_budget_expense")
    let part = Self.section(
      "五", "五、一般公共预算支出情况说明",
      [
        "1.一般公共服务支出（类）信访事务（款）行政运行（项）2024年预算数为400.00万元，比2023年执行数增加20.00万元。",
        "2.一般公共服务支出（类）信访事务（款）信访业务（项）210.00万元，主要用于信访工作。",
        "3.一般公共服务支出（类）信访事务（款）机关服务（项）50.00万元。",
      ])
    let rules = #"""
      {"id": "items", "relation": "prose-item", "sections": {"title": ["一般公共预算"]},
       "figure": {"table": "general_budget_expense", "column": ["合计"]}}
      """#
    let findings = try Self.run(rules, Self.document(tables: [five], sections: [part])).filter { $0.rule == "items" }
    // 行政运行 under 信访事务 (400), not under 人大事务 (100); 信访业务 is 200, not 210; 机关服务 is not printed.
    #expect(findings.map(\.status) == [.pass, .fail, .skip])
    #expect(findings.first?.figures.last?.source.row == "2011401")
  }

  @Test("prose completion: the rate on its stated base, the verdict word, and a base the sentence does not quote")
  func completion() throws {
    let part = Self.section(
      "五", "五、一般公共预算财政拨款支出决算情况说明",
      [
        "年初预算为100.00万元，支出决算为110.00万元，完成年初预算的110.00%。决算数大于年初预算数的主要原因是追加经费。",
        "年初预算为100.00万元，支出决算为90.00万元，完成年初预算的95.00%。决算数大于年初预算数的主要原因是追加经费。",
        "年初预算为100.00万元，支出决算为100.00万元，完成全年预算的98.00%。决算数与年初预算数持平。",
      ])
    let findings = try Self.run(
      #"{"id": "c", "relation": "prose-completion", "sections": {"title": ["一般公共预算财政拨款支出决算"]}}"#,
      Self.document(sections: [part])
    ).filter { $0.rule == "c" }
    // 110 % and 大于 hold; 90 % is not 95 % and 90 is not 大于 100; 全年预算 is not the 年初预算
    // quoted, so its rate is not checked, and 持平 holds.
    #expect(findings.map(\.status) == [.pass, .pass, .fail, .fail, .skip, .pass])
  }

  @Test("prose share of an item listed before it: only the nearest listed item is the base, and it is cited")
  func shareOfListedItem() throws {
    let five = Self.expense([["", "合计", "22635.40", "869.36", "21766.04"]], number: 5, kind: "general_budget_expense")
    let part = Self.section(
      "二", "二、一般公共预算当年拨款情况说明",
      [
        "一般公共预算15751.96万元，占69.59%，比上年预算增加10992.24万元；其中：上级转移支付4720.60万元，占29.97%。",
        // 42.95% would be 4720.60 of 10992.24, an amount that is no listed item: it stays a failure.
        "一般公共预算15751.96万元，占69.59%，比上年预算增加10992.24万元；其中：上级转移支付4720.60万元，占42.95%。",
      ])
    let rules = """
      {"id": "share", "relation": "prose-share", "sections": {"title": ["一般公共预算当年拨款"]},
       "figure": {"table": "general_budget_expense", "column": ["合计"]}}
      """
    let findings = try Self.run(rules, Self.document(tables: [five], sections: [part])).filter { $0.rule == "share" }
    #expect(findings.map(\.status) == [.pass, .pass, .pass, .fail])
    let listed = findings[1]
    #expect(listed.expected == Self.d("29.9683"))
    #expect(listed.figures[2].role == "whole" && listed.figures[2].value == Self.d("15751.96"))
    #expect(listed.figures[2].source.section == "二")
    #expect(findings[3].figures[2].value == Self.d("22635.40"))
  }

  @Test("headings: a year or department that disagrees with the metadata fails")
  func headings() throws {
    let sections = [
      Self.section("一", "一、关于某某局2024年收支预算情况的总体说明", []),
      Self.section("二", "二、关于某某局2023年收入预算情况说明", []),
      Self.section("三", "三、关于另一局2024年支出预算情况说明", []),
    ]
    let rule = #"{"id": "h", "relation": "heading-metadata", "patterns": ["^[一二三]、关于(?<department>.+?)(?<year>20[0-9]{2})年"]}"#
    let findings = try Self.run(rule, Self.document(sections: sections))
    #expect(findings.map(\.status) == [.pass, .pass, .fail, .pass, .pass, .fail])
    #expect(findings[2].found == 2023 && findings[2].expected == 2024)
    #expect(findings[5].message.contains("另一局"))
  }

  @Test("required tables: a table the table of contents lists must be present")
  func tableOfContents() throws {
    var document = Self.document(tables: [Self.expense([])])
    document.contents = ["目录", "表3 部门支出总体情况表 7", "表9 国有资本经营预算支出情况表 14"]
    let rule = #"{"id": "req", "relation": "required-tables", "tables": ["expense_summary"]}"#
    let set = try Self.rules(#"{"version": 1, "kind": "budget", "rules": ["# + rule + "]}")
    let template = try Template.decode(
      Array(
        #"{"kind": "budget", "markers": [], "performanceTitles": [], "emptyMarkers": [], "totalLabels": ["合计", "总计"], "tables": [{"kind": "expense_summary", "number": 3, "titles": ["支出总体情况表"]}, {"kind": "state_capital_expense", "number": 9, "titles": ["国有资本经营预算支出情况表"]}]}"#
          .utf8))
    let findings = Checker(ruleSets: [set], template: template).findings(for: document)
    let listed = findings.dropFirst()
    #expect(listed.map(\.status) == [.pass, .fail])
    #expect(listed.last?.message.hasSuffix("listed in the table of contents but absent from the document") == true)
    #expect(listed.last?.message.hasPrefix("表9国有资本经营预算支出情况表") == true)
  }

  @Test("required tables: absent is a failure, empty is present; no table of contents is a skip")
  func requiredTables() throws {
    var eight = Self.expense([["", "合计", "", "", ""]], number: 8, kind: "government_fund_expense")
    eight.empty = true
    let rule = #"{"id": "req", "relation": "required-tables", "tables": ["expense_summary", "government_fund_expense", 9]}"#
    let findings = try Self.run(rule, Self.document(tables: [Self.expense([]), eight]))
    #expect(findings.map(\.status) == [.pass, .pass, .fail, .skip])
    #expect(findings[1].message.hasSuffix("present, marked empty"))
    #expect(findings[2].message == "表9 is missing from the document")
  }

  @Test("findings serialise as sorted canonical JSON with exact decimals")
  func json() throws {
    let table = Self.expense([["20102", "政协事务", "51.01", "30.00", "20.00"]])
    var document = Self.document(tables: [table])
    document.checks = try Self.run(Self.rowSum, document)
    let text = CanonicalJSON.string(document.json)
    #expect(
      text.contains(
        #""checks":[{"difference":1.01,"expected":50,"figures":[{"role":"total","source":{"column":"合计","page":3,"row":"20102","table":3},"value":51.01}"#
      ))
    let validator = try Golden.schemaValidator()
    #expect(validator.errors(in: document.json).isEmpty)
  }
}
