import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosureKit

/// The seed: the real text layer of a 2023 budget disclosure as a PDF-to-text tool wrote it. Each
/// case is an artifact of that text layer (a line break inside a sentence, a heading wrapped over
/// two lines or a page break, a header printed one character per line, a cell fused to the next
/// row's code) and the text the pipeline must rebuild from it.
@Suite("Text input: the seed")
struct SeedTextTests {
  static let document: DisclosureDocument = {
    let text = (try? String(contentsOfFile: Corpus.path("seed-urumqi-hrss-2023.txt"), encoding: .utf8)) ?? ""
    var diagnostics: [Diagnostic] = []
    let pages = TextLayerReader().pages(in: text, diagnostics: &diagnostics).pages
    let raw = RawDocument(
      source: .init(file: "seed-urumqi-hrss-2023.txt", sha256: "", pages: pages.count, input: .text), pages: pages)
    let template = (try? Template.decode(
      [UInt8](Data(contentsOf: Corpus.root.appendingPathComponent("pipelines/templates/budget.json"))))) ?? .empty
    return Pipeline(template: template).process(raw)
  }()

  static let lines: [String] = {
    let text = (try? String(contentsOfFile: Corpus.path("seed-urumqi-hrss-2023.txt"), encoding: .utf8)) ?? ""
    var diagnostics: [Diagnostic] = []
    let pages = TextLayerReader().pages(in: text, diagnostics: &diagnostics).pages
    let raw = RawDocument(source: .init(file: "seed", sha256: "", pages: pages.count, input: .text), pages: pages)
    return Normalizer(template: .empty).blocks(of: raw, diagnostics: &diagnostics).compactMap { block in
      if case .line(let line) = block { return line.text }
      return nil
    }
  }()

  static func flatten(_ sections: [Section]) -> [Section] { sections.flatMap { [$0] + flatten($0.children) } }

  static var paragraphs: [String] { flatten(document.sections).flatMap(\.paragraphs) }

  /// Prose broken at every line, and at page starts, joined back (profile, explanations, glossary).
  @Test(
    "paragraphs joined across line and page breaks",
    arguments: [
      // 第一部分: the duties.
      "（一）贯彻执行国家、自治区和乌鲁木齐市有关人力资源和社会保障事业发展规划、政策和法律、法规；组织编制人力资源和社会保障事业发展中长期规划和年度计划，并组织实施。",
      "（二）拟订并组织实施全区人力资源市场发展规划和人力资源流动政策，建立全区统一规范的人力资源市场，促进人力资源合理流动、有效配置。",
      "（三）负责促进就业工作。拟订并组织实施城乡就业发展规划和政策、措施，完善公共就业服务体系；组织实施就业援助、职业资格和职业培训制度；负责民办职业技能培训学校的审批及监督管理工作；贯彻落实高校毕业生就业政策和高技能人才、农村实用人才培养激励政策。",
      // 第三部分: explanations, with amounts and percentages inside the breaks.
      "收入预算包括：一般公共预算15751.96万元、财政拨款结转结余6883.44万元。",
      "一般公共预算15751.96万元，占69.59%，比上年预算增加10992.24万元，增长230.94%，主要原因是为保障就业群体需求，保证社会和谐，体现国家优厚落实，上级和本级财政安排的就业补贴资金；",
      "项目支出21766.04万元，占96.16%，比上年预算增加16995.73万元，增长356.28%，主要原因是为保障就业群体需求，保证社会和谐，体现国家优厚落实，上级和本级财政安排的就业补贴资金。",
      "政府性基金预算未安排。",
      "国有资本经营预算未安排。",
      // 第四部分: glossary definitions are paragraphs.
      "一、财政拨款：指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款数。",
    ])
  func paragraph(_ expected: String) {
    #expect(Self.paragraphs.contains(expected), "\(expected)")
  }

  /// Breaks the text layer cannot show by punctuation alone: a full line cut before an amount
  /// (digits make a justified line look short), a colon at a line end that runs on into an
  /// inline list or opens a list of paragraphs, and the fields of 七's project entries, one
  /// paragraph each even where a field runs to the line end (and over a page break).
  @Test(
    "paragraphs split and joined where lines end without a sentence stop",
    arguments: [
      // 比上年预算减少 / 392.03 万元，…: an amount continues the sentence.
      "基本支出869.36万元，占3.84%，比上年预算减少392.03万元，下降31.08%，主要原因是实有在职人数减少，人员工资及日常公用经费下降。",
      "项目支出21766.04万元，占96.16%，比上年预算增加16995.73万元，增长356.28%，主要原因是为保障就业群体需求，保证社会和谐，体现国家优厚落实，上级和本级财政安排的就业补贴资金。",
      // …其中： opens a list of paragraphs (items with 占…%，比上年…) …
      "乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年支出预算22635.40万元，其中：",
      "乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年一般公共预算基本支出869.36万元，其中：",
      // … or runs on into one sentence that only enumerates.
      "2023年，乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局政府采购预算4.5万元，其中：政府采购货物预算4.5万元，政府采购工程预算0万元，政府采购服务预算0万元。",
      // 七: fields after a value that fills its line, once across a page break.
      "设立的政策依据：乌高（新）党办发【2014】46号高新区（新市区）聘用人员管理（暂行）办法、乌高（新）党办发【2017】36号高新区（新市区）雇员管理（暂行）办法",
      "预算安排规模：2662万元",
      "设立的政策依据：乌财社【2022】403号关于提前下达2023年高校毕业生“三支一扶”计划中央专项资金的通知",
      "预算安排规模：104万元",
      "设立的政策依据：乌财企【2022】54号关于提前下达2023年国有企业退休人员社会化管理补助资金的通知",
      "预算安排规模：70.03万元",
      "项目承担单位：乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局",
    ])
  func splitParagraph(_ expected: String) {
    #expect(Self.paragraphs.contains(expected), "\(expected)")
  }

  /// The replica PDF was made from this text with the same prose: its truth is the seed's too.
  @Test("every section equals the replica's truth: heading, level and paragraphs")
  func sectionsEqualTruth() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Corpus.path("public/urumqi-hrss-2023.truth.json")))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    func flatten(_ nodes: [[String: Any]]) -> [[String: Any]] {
      nodes.flatMap { [$0] + flatten(($0["children"] as? [[String: Any]]) ?? []) }
    }
    let truth = flatten((object["sections"] as? [[String: Any]]) ?? [])
    let sections = Self.flatten(Self.document.sections)
    #expect(sections.map { TextNormalization.compact($0.heading) } == truth.map { TextNormalization.compact(($0["heading"] as? String) ?? "") })
    for (section, expected) in zip(sections, truth) {
      #expect(section.level == expected["level"] as? Int, "\(section.heading)")
      let paragraphs = ((expected["paragraphs"] as? [String]) ?? []).map(TextNormalization.compact)
      #expect(section.paragraphs.map(TextNormalization.compact) == paragraphs, "\(section.heading)")
    }
  }

  /// The line-break rules on lines built in code (text input: no geometry).
  @Test(
    "text lines: amounts go on, colons open lists or run on, fields split",
    arguments: [
      // A short line before an amount goes on; before a year it does not.
      (["基本支出869.36万元，占3.84%，比上年预算减少", "392.03万元，下降31.08%，主要原因是实有在职人数减少，", "人员工资下降。"],
       ["基本支出869.36万元，占3.84%，比上年预算减少392.03万元，下降31.08%，主要原因是实有在职人数减少，人员工资下降。"]),
      (["本部门的正文行都是这样宽的一整行文字，一行大约二十六个字。", "本部门二〇二三年一般公共预算当年拨款规模为", "2023年，本部门一般公共预算当年拨款为四百万元整。"],
       ["本部门的正文行都是这样宽的一整行文字，一行大约二十六个字。", "本部门二〇二三年一般公共预算当年拨款规模为", "2023年，本部门一般公共预算当年拨款为四百万元整。"]),
      (["本部门的正文行都是这样宽的一整行文字，一行大约二十六个字。", "本部门二〇二三年一般公共预算当年拨款规模为", "2662万元，比上年增加。"],
       ["本部门的正文行都是这样宽的一整行文字，一行大约二十六个字。", "本部门二〇二三年一般公共预算当年拨款规模为2662万元，比上年增加。"]),
      // A full line ending in a colon: an inline list runs on …
      (["本部门共有三个预算单位，下设八个科室，分别是：", "办公室、计划财务股、农村经济股、种植业管理股、畜牧", "兽医股。"],
       ["本部门共有三个预算单位，下设八个科室，分别是：办公室、计划财务股、农村经济股、种植业管理股、畜牧兽医股。"]),
      // … a list of paragraphs does not.
      (["本部门二〇二三年收入预算二万二千六百三十五万元，其中：", "一般公共预算15751.96万元，占69.59%，比上年预算增加", "10992.24万元；", "上级转移支付4720.60万元。"],
       ["本部门二〇二三年收入预算二万二千六百三十五万元，其中：", "一般公共预算15751.96万元，占69.59%，比上年预算增加10992.24万元；", "上级转移支付4720.60万元。"]),
    ])
  func textLines(_ input: [String], _ expected: [String]) {
    var builder = ParagraphBuilder()
    let units = builder.units(from: input.map { .line(TextLine(text: $0, page: 1)) })
    let texts = units.compactMap { unit -> String? in
      if case .text(let text) = unit { return text.text }
      return nil
    }
    #expect(texts == expected)
  }

  @Test("fields of a prose paragraph split at each label; a paragraph without a label stays whole")
  func fields() {
    let lines = ["设立的政策依据：乌财社【2022】403号关于提前下达", "2023年高校毕业生计划中央专项资金的通知", "预算安排规模：104万元"]
      .map { TextLine(text: $0, page: 1) }
    let unit = TextUnit(text: lines.map(\.text).joined(), page: 1, lines: lines)
    #expect(ParagraphBuilder.fields(of: unit).map(\.text) == [
      "设立的政策依据：乌财社【2022】403号关于提前下达2023年高校毕业生计划中央专项资金的通知", "预算安排规模：104万元",
    ])
    let prose = ["收入预算包括一般公共预算和上级转移支付资金", "主要原因是：人员减少。"].map { TextLine(text: $0, page: 1) }
    #expect(ParagraphBuilder.fields(of: TextUnit(text: "", page: 1, lines: prose)).count == 1)
    #expect(ParagraphBuilder.isInlineList("政府采购货物预算4.5万元，政府采购工程预算0万元，政府采购服务预算0万元"))
    #expect(!ParagraphBuilder.isInlineList("一般公共预算1973.91万元，占100.00%，与上年预算持平"))
  }

  @Test("a heading that ends in a heading word goes on when the next line is a short word ending it again")
  func headingWordWrap() {
    var builder = ParagraphBuilder()
    builder.headingEndings = ["说明", "情况"]
    let input = [
      "八、关于某某区市场监督管理局2024年政府性基金预算拨款情况", "说明",
      "某某区市场监督管理局2024年没有使用政府性基金预算拨款安排的支出。",
      "（一）机关运行经费情况", "2024年，本部门机关运行经费预算为十万元。",
    ]
    let texts = builder.units(from: input.map { .line(TextLine(text: $0, page: 1)) }).compactMap { unit -> String? in
      if case .text(let text) = unit { return text.text }
      return nil
    }
    #expect(texts == [
      "八、关于某某区市场监督管理局2024年政府性基金预算拨款情况说明",
      "某某区市场监督管理局2024年没有使用政府性基金预算拨款安排的支出。",
      "（一）机关运行经费情况", "2024年，本部门机关运行经费预算为十万元。",
    ])
  }

  @Test("text input: page numbers that close their pages are dropped when three pages agree; a lone table value is kept")
  func textPageNumbers() {
    let text = [
      "封面\n", "一、正文第一页\n1\n", "二、正文第二页\n2\n", "三、正文第三页\n- 3 -\n", "表格\n9\n", "四、正文第五页\n5\n",
    ].joined(separator: "\u{0C}")
    var diagnostics: [Diagnostic] = []
    let pages = TextLayerReader().pages(in: text, diagnostics: &diagnostics).pages
    let raw = RawDocument(source: .init(file: "t.txt", sha256: "", pages: pages.count, input: .text), pages: pages)
    let lines = Normalizer(template: .empty).blocks(of: raw, diagnostics: &diagnostics).compactMap { block -> String? in
      if case .line(let line) = block { return line.text }
      return nil
    }
    #expect(lines == ["封面", "一、正文第一页", "二、正文第二页", "三、正文第三页", "表格", "9", "四、正文第五页"])
  }

  @Test("a table label on its own line, then its title run into one line with the department and unit fields: one table, titled and numbered")
  func labelThenTitleWithFields() throws {
    // (The prose line gives the page's full line length, which text input's short lines end short of.)
    let text = "统计局负责全市统计工作，组织实施各项统计调查，依法发布统计数据，监督检查统计法律法规的实施情况。\n"
      + "第二部分 2024年统计局预算公开表\n表2\n收入总体情况表编制部门：统计局 单位：万元\n科目名称 合计\n一般公共服务支出 12.50\n"
    var diagnostics: [Diagnostic] = []
    let pages = TextLayerReader().pages(in: text, diagnostics: &diagnostics).pages
    let raw = RawDocument(source: .init(file: "t.txt", sha256: "", pages: pages.count, input: .text), pages: pages)
    let template = try Template.decode(
      [UInt8](Data(contentsOf: Corpus.root.appendingPathComponent("pipelines/templates/budget.json"))))
    let document = Pipeline(template: template).process(raw)
    #expect(document.tables.count == 1)
    let table = try #require(document.tables.first)
    #expect(table.number == 2 && table.title == "收入总体情况表" && table.kind == "income_summary")
    #expect(table.department == "统计局" && table.unit == "万元", "\(table.department ?? "-") \(table.unit ?? "-")")
  }

  @Test("read by OCR, a table label followed by a title one character off the template's (情况委 for 情况表) opens that table; the same text not read by OCR does not")
  func ocrTitleAfterLabel() throws {
    let text = "统计局负责全市统计工作，组织实施各项统计调查，依法发布统计数据，监督检查统计法律法规的实施情况。\n"
      + "第二部分 2024年统计局预算公开表\n表7\n一般公共预算项目支出情况委\n编制部门：统计局 单位：万元\n项目名称 科目编码 合计\n信息化建设 2013808 12.50\n"
    let template = try Template.decode(
      [UInt8](Data(contentsOf: Corpus.root.appendingPathComponent("pipelines/templates/budget.json"))))
    func tables(ocr: Bool) -> [Table] {
      var diagnostics: [Diagnostic] = []
      let pages = TextLayerReader().pages(in: text, diagnostics: &diagnostics).pages
      var source = RawDocument.Source(file: "t.txt", sha256: "", pages: pages.count, input: .text)
      if ocr { source.ocrPages = [1] }
      return Pipeline(template: template).process(RawDocument(source: source, pages: pages)).tables
    }
    let read = tables(ocr: true)
    #expect(read.count == 1)
    #expect(read.first?.number == 7 && read.first?.title == "一般公共预算项目支出情况表")
    #expect(read.first?.kind == "general_budget_project_expense")
    #expect(tables(ocr: false).first?.title != "一般公共预算项目支出情况表")
  }

  /// Headings that wrap over two lines (and one over a page break) are one heading.
  @Test(
    "headings of 第一部分 and 第三部分 joined and levelled",
    arguments: [
      (1, "第一部分乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局概况"),
      (2, "一、主要职能"),
      (2, "二、机构设置及人员情况"),
      (1, "第三部分2023年乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局预算情况说明"),
      (2, "一、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年收支预算情况的总体说明"),
      (2, "二、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年收入预算情况说明"),
      (2, "三、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年支出预算情况说明"),
      (2, "四、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年财政拨款收支预算情况的总体说明"),
      (2, "五、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年一般公共预算当年拨款情况说明"),
      (3, "（一）一般公共预算当年拨款规模变化情况"),
      (3, "（二）一般公共预算当年拨款结构情况"),
      (3, "（三）一般公共预算当年拨款具体使用情况"),
      (2, "六、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年一般公共预算基本支出情况说明"),
      (2, "七、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年一般公共预算项目支出情况说明"),
      // 七's project entries; the second wraps on a full line straight into 设立的政策依据：….
      (3, "（一）项目名称雇员及区聘人员工资社保"),
      (3, "（二）项目名称乌财社【2022】403号关于提前下达2023年高校毕业生“三支一扶”计划中央专项资金的通知"),
      (3, "（三）项目名称：乌财企【2022】54号关于提前下达2023年国有企业退休人员社会化管理补助资金的通知"),
      (2, "八、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年政府性基金预算拨款情况说明"),
      (2, "十、关于乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局2023年财政拨款“三公”经费预算情况说明"),
      (2, "十一、其他重要事项的情况说明"),
      (3, "（一）机关运行经费情况"),
      (3, "（二）政府采购情况"),
      (3, "（三）国有资产占用使用情况"),
      (3, "（四）预算绩效情况"),
      (3, "（五）其他需说明的事项"),
    ])
  func heading(_ level: Int, _ expected: String) {
    let found = Self.flatten(Self.document.sections).first { $0.heading == expected }
    #expect(found?.level == level, "\(expected)")
  }

  /// Narrow cells printed one or two characters per line, and a cell fused to the next row's
  /// code, as the normalized lines of the tables show them.
  @Test(
    "vertical runs and glued tokens in the table pages",
    arguments: [
      "人力资源和社会保障局",  // 人 力/资 源/和 社/会 保/障局 in 表5's department row
      "预算单位人力资源和社会保障局",  // the performance tables' first cell, after 预/算/单/位
      "207文化旅游体育与传媒支出",  // 表1: 支 / 出208 … — the 出 goes back to its label
      "208社会保障和就业支出15751.96 15751.96",  // … and the code starts its own row
      "编制部门：乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局",
    ])
  func repairedLine(_ expected: String) {
    #expect(Self.lines.contains(expected), "\(expected)")
  }

  @Test("all ten tables are found, in order, with their titles and department")
  func tables() {
    let tables = Self.document.tables
    #expect(tables.map(\.number) == Array(1...10))
    #expect(tables.map(\.kind) == [
      "income_expense_summary", "income_summary", "expense_summary", "fiscal_summary", "general_budget_expense",
      "general_budget_basic_expense", "general_budget_project_expense", "government_fund_expense",
      "state_capital_expense", "three_public_expense",
    ])
    #expect(tables[7].empty && tables[8].empty && tables[9].empty)
    #expect(tables[7].note == "备注：未安排政府性基金预算支出，此表为空表。")
    #expect(tables.allSatisfy { $0.department == "乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）人力资源和社会保障局" })
  }

  @Test("table 2's body is missing from the text layer: it is kept, with a diagnostic, and no rows are invented")
  func table2() throws {
    let table = try #require(Self.document.tables.first { $0.number == 2 })
    #expect(table.rows.isEmpty)
    #expect(Self.document.diagnostics.contains { $0.message.hasPrefix("表2:") })
  }

  @Test("every performance target table, with project, owner, funds and goal")
  func performanceTables() {
    let tables = Self.document.performanceTables
    #expect(tables.count == 5)
    #expect(tables.first?.project == "雇员及区聘人员工资社保")
    #expect(tables.first?.owner == "周建萍")
    // As printed: 财政拨款 10162 against a total of 2662.
    #expect(tables.first?.budget.total == 2662)
    #expect(tables.first?.budget.fiscal == 10162)
    #expect(tables.map(\.owner) == ["周建萍", "周建萍", "冯卉", "王龙", "王龙"])
    #expect(tables.last?.budget.total == Decimal(string: "8146.57"))
    #expect(tables.allSatisfy { ($0.goal ?? "").hasSuffix("。") })
  }

  @Test("the glossary, the signature and the date")
  func glossary() {
    let glossary = Self.document.glossary
    #expect(glossary.count == 8)
    #expect(glossary.first?.term == "财政拨款")
    #expect(glossary.first?.definition == "指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款数。")
    #expect(Self.document.closing?.date == "2023-02-10")
    #expect(Self.document.metadata.publicationDate == "2023-02-10")
    #expect(Self.document.metadata.year == 2023)
  }

  /// Small cases of the repair rules, built in code.
  @Test("vertical runs join; a lone narrow line stays; glued codes split", arguments: [
    (["一", "级", "指", "标"], ["一级指标"]),
    (["人 力", "资 源", "和 社", "会 保", "障局"], ["人力资源和社会保障局"]),
    (["功能分类", "科目编码"], ["功能分类", "科目编码"]),
    (["合", "计", "15751.96"], ["合计", "15751.96"]),
    (["总"], ["总"]),
    (["207 文化旅游体育与传媒支", "出208 社会保障和就业支出 15751.96"], ["207文化旅游体育与传媒支出", "208社会保障和就业支出15751.96"]),
    (["2023 年预算"], ["2023年预算"]),
  ])
  func repair(_ input: [String], _ expected: [String]) {
    #expect(TextLineRepair().lines(input) == expected)
  }
}
