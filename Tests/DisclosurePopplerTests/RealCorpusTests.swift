import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosurePoppler

/// The real disclosures of `corpus/real/` (18 documents from 12 cities and the central
/// government, no truth files): every printed table comes out, with its label, title, unit and
/// first page as printed. The lists were counted against the page images, grid by grid:
/// `label title p<first page>`, `-` where the document prints none. Performance target tables
/// (also in `performance_tables`) are left out here.
@Suite("Real disclosures")
struct RealCorpusTests {
  static let expected: [String: [String]] = [
    "gbc__dept_budget": [
      "- 2026年部门财务收支预算总表 p10",
      "- 2026年部门收入预算总表 p11",
      "- 2026年部门支出预算总表 p12",
      "- 2026年部门财政拨款收支预算总表 p14",
      "- 2026年部门一般公共预算支出功能分类预算表 p15",
      "- 2026年部门政府性基金预算支出功能分类预算表 p17",
      "- 2026年部门国有资本经营预算支出功能分类预算表 p18",
      "- 2026年部门一般公共预算基本支出部门预算经济分类预算表 p19",
      "- 2026年部门“三公”经费和机关运行经费预算表 p21",
    ],
    "gbc__上海市普陀区人民政府办公室25年预算": [
      "- 2025年部门财务收支预算总表 p8",
      "- 2025年部门收入预算总表 p9",
      "- 2025年部门支出预算总表 p11",
      "- 2025年部门财政拨款收支预算总表 p13",
      "- 2025年部门一般公共预算支出功能分类预算表 p14",
      "- 2025年部门政府性基金预算支出功能分类预算表 p16",
      "- 2025年部门国有资本经营预算支出功能分类预算表 p17",
      "- 2025年部门一般公共预算基本支出部门预算经济分类预算表 p18",
      "- 2025年部门“三公”经费和机关运行经费预算表 p20",
    ],
    "renwu__2026年上海市民政局_部门预算": [
      "- 2026年预算单位财务收支预算总表 p7",
      "- 2026年预算单位收入预算总表 p8",
      "- 2026年预算单位支出预算总表 p9",
      "- 2026年预算单位财政拨款收支预算总表 p10",
      "- 2026年预算单位一般公共预算支出功能分类预算表 p11",
      "- 2026年预算单位政府性基金预算支出功能分类预算表 p12",
      "- 2026年预算单位国有资本经营预算支出功能分类预算表 p13",
      "- 2026年预算单位一般公共预算基本支出部门预算经济分类预算表 p14",
      "- 2026年单位“三公”经费和机关运行经费预算表 p15",
    ],
    "renwu__2026年佛山市交通运输局部门预算": [
      "表1 收入支出决算总表 p5",
      "表2 收入决算表 p8",
      "表3 支出决算表 p10",
      "表4 财政拨款收入支出决算总表 p12",
      "表5 一般公共预算财政拨款支出决算表 p15",
      "表6 一般公共预算财政拨款基本支出决算表 p17",
      "表7 一般公共预算财政拨款“三公”经费支出决算表 p21",
      "表8 政府性基金预算财政拨款收入支出决算表 p22",
      "- - p29",
    ],
    "renwu__2026年北京市财政局部门预算": [],
    "renwu__2026年无锡市统计局部门预算": [
      "公开01表 收支总表 p8",
      "公开02表 收入总表 p9",
      "公开03表 支出总表 p10",
      "公开04表 财政拨款收支总表 p12",
      "公开05表 财政拨款支出表（功能科目） p14",
      "公开06表 财政拨款基本支出表（经济科目） p16",
      "公开07表 一般公共预算支出表 p17",
      "公开08表 一般公共预算基本支出表 p19",
      "公开09表 一般公共预算“三公”经费、会议费、培训费支出表 p20",
      "公开10表 政府性基金预算支出表 p21",
      "公开11表 国有资本经营预算支出预算表 p22",
      "公开12表 一般公共预算机关运行经费支出预算表 p23",
      "公开13表 政府采购支出表 p24",
    ],
    "renwu__2026年杭州市公安局部门预算": [
      "表1 2026年市级部门收支预算总表 p20",
      "表2 2026年市级部门收入预算总表 p21",
      "表3 2026年市级部门支出预算总表 p23",
      "表4 2026年市级部门财政拨款收支预算总表 p25",
      "表5 2026年市级部门一般公共预算支出预算表 p26",
      "表6 2026年市级部门一般公共预算基本支出预算表 p27",
      "表7 2026年市级部门一般公共预算“三公”经费预算表 p29",
      "表8 2026年市级部门政府性基金预算支出预算表 p30",
      "表9 2026年市级部门国有资本经营预算支出预算表 p31",
      "表10 2026年市级部门项目支出预算表 p32",
      "表11 2026年市级部门项目支出绩效表 p34",
    ],
    "renwu__2026年武汉市信访局部门预算": [
      "部门公开表1 部门收支总表 p5",
      "部门公开表2 部门收入总表 p6",
      "部门公开表3 部门支出总表 p7",
      "部门公开表4 财政拨款收支总表 p9",
      "部门公开表5 一般公共预算支出表 p10",
      "部门公开表6 一般公共预算基本支出表 p12",
      "部门公开表7 政府性基金预算支出表 p14",
      "部门公开表8 国有资本经营预算支出表 p15",
      "部门公开表9 财政拨款预算“三公”经费支出表 p16",
    ],
    "renwu__2026年深圳市财政局部门预算": [
      "- - p11",
      "表1 收支总表 p16",
      "表2 收入总表 p19",
      "表3 支出总表 p20",
      "表4 基本支出总表 p24",
      "表5 项目支出总表 p27",
      "表6 财政拨款收支总表 p28",
      "表7 一般公共预算支出表（按功能分类） p31",
      "表8 一般公共预算支出表（按经济分类） p34",
      "表9 财政拨款“三公”经费支出表 p38",
      "表10 政府性基金预算支出表 p39",
      "表11 国有资本经营预算支出表 p40",
    ],
    "renwu__2026年湖州市卫生健康委员会部门预算": [
      "表01 2026年市级部门收支预算总表 p25",
      "表02 2026年市级部门收入预算总表 p28",
      "表03 2026年市级部门支出预算总表 p29",
      "表04 2026年市级部门财政拨款收支预算总表 p33",
      "表05 2026年市级部门一般公共预算支出表 p36",
      "表06 2026年市级部门一般公共预算基本支出表 p39",
      "表07 2026年市级部门一般公共预算\"三公\"经费支出表 p42",
      "表08 2026年市级部门政府性基金预算支出表 p43",
      "表09 2026年市级部门国有资本经营预算支出表 p44",
      "表10 2026年市级部门项目支出预算表 p45",
      "表11 2026年市级部门项目支出绩效表 p47",
    ],
    "renwu__2026年烟台市财政局部门预算": [
      "公开表1 收支总体情况表 p10",
      "公开表2 收入总体情况表 p11",
      "公开表3 支出总体情况表 p13",
      "公开表4 财政拨款收支总体情况表 p15",
      "公开表5 一般公共预算支出情况表 p17",
      "公开表6 一般公共预算基本支出情况表 p19",
      "公开表7 一般公共预算“三公”经费支出情况表 p21",
      "公开表8 政府性基金预算支出情况表 p22",
      "公开表9 国有资本经营预算支出情况表 p23",
      "公开表10 基本支出预算情况表 p24",
      "公开表11 项目支出预算情况表 p26",
      "公开表12 政府采购预算表 p27",
    ],
    "renwu__2026年福州市民政局部门预算": [
      "- - p6",
      "一、 2026年度收支预算总表 p12",
      "二、 2026年度收入预算总表 p13",
      "三、 2026年度支出预算总表 p14",
      "四、 2026年度财政拨款收支预算总表 p15",
      "五、 2026年度一般公共预算拨款支出预算表 p16",
      "六、 2026年度政府性基金预算拨款支出预算表 p17",
      "七、 2026年度国有资本经营预算拨款支出预算表 p18",
      "八、 2026年度一般公共预算支出经济分类情况表 p19",
      "九、 2026年度一般公共预算基本支出经济分类情况表 p20",
      "十、 2026年度一般公共预算“三公”经费支出预算表 p23",
    ],
    "renwu__2026年西安市财政局部门预算": [
      "- - p8",
      "- 会议费明细表 p19",
      "- 培训费明细表 p19",
      "表1 部门综合预算收支总表 p25",
      "表2 部门综合预算收入总表 p26",
      "表3 部门综合预算支出总表 p27",
      "表4 部门综合预算财政拨款收支总表 p28",
      "表5 部门综合预算一般公共预算支出明细表（按支出功能分类科目） p29",
      "表6 部门综合预算一般公共预算支出明细表（按支出经济分类科目） p31",
      "表7 部门综合预算一般公共预算基本支出明细表（按支出功能分类科目） p33",
      "表8 部门综合预算一般公共预算基本支出明细表（按支出经济分类科目） p35",
      "表9 部门综合预算政府性基金收支表 p37",
      "表10 部门综合预算专项业务经费支出表 p38",
      "表11 部门综合预算财政拨款上年结转资金支出表 p40",
      "表12 部门综合预算政府采购（资产配置、购买服务）预算表 p41",
      "表13 部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表 p43",
    ],
    "renwu__2026年重庆市商务委员会部门预算": [
      "表一 2026年部门收支总体情况表 p8",
      "表二 2026年部门收入总体情况表 p9",
      "表三 2026年部门支出总体情况表 p12",
      "表四 2026年财政拨款收支总体情况表 p15",
      "表五 2026年一般公共预算支出情况表 p16",
      "表六 2026年一般公共预算基本支出情况表 p19",
      "表七 2026年政府性基金预算支出情况表 p22",
      "表八 2026年财政拨款“三公”经费支出情况表 p23",
      "表九 2026年政府采购预算明细表 p24",
    ],
    "renwu__2026年长春市信访局部门预算": [
      "预算表1 收支总表 p6",
      "预算表2 收入总表 p7",
      "预算表3 支出总表 p8",
      "预算表4 财政拨款收支总表 p9",
      "预算表5 本年一般公共预算支出表 p10",
      "预算表6 本年一般公共预算基本支出表 p11",
      "预算表7 本年一般公共预算“三公”经费支出表 p12",
      "预算表8 本年政府性基金预算支出表 p13",
      "预算表9 项目支出表 p14",
      "预算表10 国有资本经营预算支出明细表 p15",
    ],
    "renwu__商务局_2026年部门预算": [
      "- - p19",
      "表1 2022年部门综合预算收支总表 p36",
      "表2 2022年部门综合预算收入总表 p38",
      "表3 2022年部门综合预算支出总表 p39",
      "表4 2022年部门综合预算财政拨款收支总表 p40",
      "表5 2022年部门综合预算一般公共预算支出明细表（按功能科目分） p42",
      "表6 2022年部门综合预算一般公共预算支出明细表（按经济分类科目分） p44",
      "表7 2022年部门综合预算一般公共预算基本支出明细表（按功能科目分） p47",
      "表8 2022年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目-不含上年结转） p49",
      "表9 2022年部门综合预算政府性基金收支表（不含上年结转） p52",
      "表10 2022年部门综合预算专项业务经费支出表 p53",
      "表11 2022部门综合预算财政拨款结转资金支出表 p57",
      "表12 2022年部门综合预算政府采购（资产配置、购买服务）预算表（不含上年结转） p58",
      "表13 2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转） p62",
    ],
    "tbxt__1770007475548-818404804": [
      "- 2023年部门财务收支预算总表 p10",
      "- 2023年部门收入预算总表 p11",
      "- 2023年部门支出预算总表 p15",
      "- 2023年部门财政拨款收支预算总表 p19",
      "- 2023年部门一般公共预算支出功能分类预算表 p20",
      "- 2023年部门政府性基金预算支出功能分类预算表 p24",
      "- 2023年部门国有资本经营预算支出功能分类预算表 p25",
      "- 2023年部门一般公共预算基本支出部门预算经济分类预算表 p26",
      "- 2023年部门“三公”经费和机关运行经费预算表 p28",
    ],
    "tbxt__上海市财政局25年预算": [
      "- 2025年预算单位财务收支预算总表 p7",
      "- 2025年预算单位收入预算总表 p8",
      "- 2025年预算单位支出预算总表 p10",
      "- 2025年预算单位财政拨款收支预算总表 p12",
      "- 2025年预算单位一般公共预算支出功能分类预算表 p13",
      "- 2025年预算单位政府性基金预算支出功能分类预算表 p15",
      "- 2025年预算单位国有资本经营预算支出功能分类预算表 p16",
      "- 2025年预算单位一般公共预算基本支出部门预算经济分类预算表 p17",
      "- 2025年单位“三公”经费和机关运行经费预算表 p20",
    ],
  ]

  static let documents = Corpus.realPDFs.map { URL(fileURLWithPath: $0).lastPathComponent }

  static func processed(_ name: String) throws -> DisclosureDocument {
    try CorpusRuns.processed(Corpus.path("real/" + name))
  }

  @Test("the corpus holds the eighteen real documents")
  func corpus() {
    #expect(Self.documents.count == 18)
    #expect(Set(Self.documents.map(CorpusLayout.stem(of:))) == Set(Self.expected.keys))
  }

  /// The failing checks of each real document, by rule: each is a real error of the document.
  /// - 武汉 (国家信访局) p18 quotes 财政拨款收支总预算18,728.91万元; 部门公开表4 on p9 prints 18,728.94.
  /// - 武汉 (国家信访局) p25: 委托业务费 1,391.68万元，比2025年预算增加333.83万元，增长31.35%; 333.83 over
  ///   1,057.85 is 31.56%.
  /// - 湖州 表04 p33 prints 一般公共预算 25,591.21 (and 政府性基金预算 12,600.00, 收入总计 38,191.21),
  ///   while 表01 p25, 表02 p28 and 表05's 合计 p36 all print 37,018.75 (and 27,600.00). The prose on
  ///   p8 agrees with those: 财政拨款收支总预算64618.75万元, and both its 收入包括 and 支出包括 lists add
  ///   up to 64,618.75 against 表04's 38,191.21 (three more failures of the same error). 表04's own
  ///   支出 side (p33–35) lists the 类 rows of those 64,618.76 (科学技术支出 1,140.61 … 其他支出 15,000.00,
  ///   a tree shown by indentation) under a 支出总计 of 38,191.21: a fifth failure of it.
  /// - 长春 预算表3 p8: 2014002 and 2014099 print 当年预算/小计 0.00 though their 合计 and 项目支出
  ///   are 458.00 and 16.56, so 20140's 小计 1,378.41 is not the sum of its 项 (903.85).
  /// - 长春 预算表6 p11: 301 工资福利支出 prints 911.21 but its nine 款 add to 920.96, and 302
  ///   prints 211.00 but its fourteen 款 add to 221.37 (in 合计, 小计 and the 人员/公用 column).
  /// - 上海市财政局 table 8 p17–18: 302 prints 24,840,779.00 yuan, its 款 add to 24,840,778.00.
  /// - 上海市普陀区司法局 p8–9, per item: 2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年
  ///   预算执行数增加17.62% (3,269.3 would give it); 77.99 → 91.97 is +17.93%, printed 17.66%; 198.34 →
  ///   201.50 is +1.59%, printed 5.27%.
  /// - 上海市普陀区万里街道 p6: 11.67 → 45.41 is +289.12%, printed 314.82%; 132.59 → 441.25 is +232.79%,
  ///   printed 60.54%. p35 (公共服务设施运行经费's 绩效目标填报表): 其中：当年财政拨款 11,419,043.00 above
  ///   the 年度资金申请总额 10,903,043.00 it is part of.
  /// - Tables printed blank with no note saying they are empty (`empty.note`): 上海市民政局 tables
  ///   5, 7, 8, 9 (p11, p13, p14, p15); 西安 表9 p37 (its 政府性基金 explanation on p17 says it is
  ///   published blank, nothing under the table does) and 表11 p40; 长春 预算表8 p13 and 预算表10 p15; 西安商务局
  ///   表9 p52 and 表11 p57; 上海市财政局 tables 6 and 7 (p15, p16).
  /// - 西安市商务局 p21 quotes 机关工资福利支出（501）2137.56万元; 表4 on p40 prints it (by name, no code)
  ///   as 21,375,878.15 元, 2137.59万元.
  static let failing: [String: [String]] = [
    "gbc__dept_budget": ["prose.growth", "prose.growth", "prose.growth"],
    "renwu__2026年上海市民政局_部门预算": ["empty.note", "empty.note", "empty.note", "empty.note"],
    "renwu__2026年武汉市信访局部门预算": ["prose.fiscal-total", "prose.growth"],
    "renwu__2026年湖州市卫生健康委员会部门预算": [
      "cross.fiscal-general", "prose.fiscal-total", "prose.list.fiscal", "prose.list.fiscal", "summary.expenditure-total",
    ],
    "renwu__2026年西安市财政局部门预算": ["empty.note", "empty.note"],
    "renwu__2026年长春市信访局部门预算": [
      "empty.note", "empty.note", "sum.tree.economic", "sum.tree.economic", "sum.tree.economic", "sum.tree.economic",
      "sum.tree.economic", "sum.tree.economic", "sum.tree.function",
    ],
    "renwu__商务局_2026年部门预算": ["empty.note", "empty.note", "prose.coded-items"],
    "tbxt__1770007475548-818404804": ["performance.fiscal-within-total", "prose.growth", "prose.growth"],
    "tbxt__上海市财政局25年预算": ["empty.note", "empty.note", "sum.tree.economic", "sum.tree.economic"],
  ]

  @Test("empty tables: a blank grid, a lone 无 or a note marks a table empty; only the blank ones without a note fail")
  func emptyTables() throws {
    // 上海市普陀区司法局 p17: a grid with 无 and a blank 合计, the note below it (before any heading).
    let justice = try Self.processed("gbc__dept_budget.pdf")
    let fund = try #require(justice.tables.first { $0.number == 6 })
    #expect(fund.empty && fund.note?.hasPrefix("注:本部门2026年无政府性基金预算") == true)
    #expect(!fund.header.contains { $0.hasSuffix("/无") })
    #expect(justice.checks.filter { $0.rule == "empty.note" }.map(\.status) == [.pass, .pass])
    // 国家信访局 p14: the note in brackets, （注：…）.
    let petitions = try Self.processed("renwu__2026年武汉市信访局部门预算.pdf")
    #expect(petitions.tables.filter(\.empty).compactMap(\.note).allSatisfy { $0.hasPrefix("（注：") })
    // 上海市福利彩票发行中心: four blank tables and no note, each a failure at its page.
    let lottery = try Self.processed("renwu__2026年上海市民政局_部门预算.pdf")
    let failures = lottery.checks.filter { $0.rule == "empty.note" && $0.status == .fail }
    #expect(failures.compactMap(\.page) == [11, 13, 14, 15])
    // 西安 表9 (p37): a blank 收支表 whose item lists (一、政府性基金拨款 ‖ 一、科学技术支出 …) are
    // its body, not part of its header; it prints no amount, so it is empty.
    let xian = try Self.processed("renwu__2026年西安市财政局部门预算.pdf")
    let blank = try #require(xian.tables.first { $0.number == 9 })
    #expect(blank.empty && blank.header.count == 8 && !blank.header.contains { $0.contains("一、") })
    #expect(blank.rows.first?.cells.first == "一、政府性基金拨款")
  }

  @Test("prose lines with amounts set in another font continue their paragraph; a list runs on over its items' semicolons")
  func proseWithAmounts() throws {
    // 国家信访局 p19–20: digits in Times New Roman beside 仿宋 have boxes a third taller than the
    // font size; the lines holding them broke their paragraphs mid-sentence.
    let petitions = try Self.processed("renwu__2026年武汉市信访局部门预算.pdf")
    func flatten(_ nodes: [Section]) -> [Section] { nodes.flatMap { [$0] + flatten($0.children) } }
    let paragraphs = flatten(petitions.sections).flatMap(\.paragraphs)
    #expect(paragraphs.contains { $0.hasSuffix("占部门支出总额的22.00%，主要用于新建来访接待场所开办、全国信访信息系统维护及升级改造和来访接待场所运行维护等方面。") })
    #expect(paragraphs.contains("1.一般公共服务支出（类）信访事务（款）行政运行（项）2026年预算数为5,826.21万元，比2025年执行数增加271.14万元，增幅4.88%，主要是财政核定经费增加。"))
    #expect(!paragraphs.contains { $0.hasPrefix("万元") || $0.hasPrefix("22.00%") })
    // p18: 支出包括：一般公共服务支出…，占81.65%；教育支出…；社会保障和就业支出…；住房保障支出… adds up.
    let list = try #require(petitions.checks.first { $0.rule == "prose.list.fiscal" && $0.message.contains("支出包括") })
    #expect(list.status == .pass && list.figures.filter { $0.role == "part" }.count == 4, "\(list.message)")
    // p18: 收入预算总计50,616.94万元，其中，…16,474.82万元，占32.55%；…31,888.00万元，占63.0%；上年结转
    // 2,254.12万元，占4.45%: the parts add up to the total and each share is of it.
    let shares = petitions.checks.filter { $0.rule == "prose.list-shares" && $0.figures.contains { $0.role == "total" && $0.value == Decimal(string: "50616.94") } }
    #expect(shares.count == 5 && shares.allSatisfy { $0.status == .pass })
    #expect(petitions.checks.contains { $0.rule == "prose.list-total" && $0.status == .pass && $0.found == Decimal(string: "50616.94") })
    // 重庆市商务委员会 p8: 表一 on a line of its own opens the page; it is the table's label, not
    // the end of the page before.
    let commerce = try Self.processed("renwu__2026年重庆市商务委员会部门预算.pdf")
    #expect(commerce.tables.first?.label == "表一" && commerce.tables.first?.number == 1)
  }

  @Test("a page's own text block: wraps that start left of an indented line, or under a line running to the block's edge, continue it")
  func pageTextBlocks() throws {
    func paragraphs(_ name: String) throws -> [String] {
      func flatten(_ nodes: [Section]) -> [Section] { nodes.flatMap { [$0] + flatten($0.children) } }
      return flatten(try Self.processed(name).sections).flatMap(\.paragraphs)
    }
    // 上海市财政局 p6: the 编制说明 page's text starts 14 pt right of the 名词解释 page's (59 and
    // 83 pt against 45 and 69); each line was a paragraph, and the glossary's first lines headings.
    let shanghai = try paragraphs("tbxt__上海市财政局25年预算.pdf")
    let income: String = "2025年，上海市财政局收入预算17,192万元，其中：财政拨款收入17,192万元，比2024年预算减少990万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。"
    #expect(shanghai.contains(income))
    #expect(shanghai.contains { $0.hasPrefix("（一）财政拨款收入：") && $0.hasSuffix("政府性基金预算财政拨款和国有资本经营预算财政拨款。") })
    // 长春市信访局 p4 indents no line; p20's glossary wraps left of its indented first lines.
    let changchun = try Self.processed("renwu__2026年长春市信访局部门预算.pdf")
    let other = try #require(changchun.glossary.first { $0.term == "其他收入" })
    #expect(other.definition == "指除上述收入以外的各项收入。包括银行存款利息收入。")
    #expect(try paragraphs("renwu__2026年长春市信访局部门预算.pdf").contains { $0.hasPrefix("（一）贯彻执行国家、吉林省和长春市有关信访工作的方针政策和法律法规，") })
    // 佛山 p3: the 主要职责 items are paragraphs, not headings cut after their first line.
    let foshan = try Self.processed("renwu__2026年佛山市交通运输局部门预算.pdf")
    let duties = try #require(foshan.sections.first?.children.first)
    #expect(duties.children.isEmpty && duties.paragraphs.count == 15)
    #expect(duties.paragraphs.allSatisfy { $0.hasSuffix("。") || $0.hasSuffix("：") })
    // 烟台市财政局 p4: a sentence's last words set at the indent under a full line (…大宗商品交易的 ‖
    // 交易场所的监督管理。) are the end of its paragraph.
    let yantai = try paragraphs("renwu__2026年烟台市财政局部门预算.pdf")
    #expect(yantai.contains { $0.hasSuffix("介于现货与期货之间大宗商品交易的交易场所的监督管理。") })
    #expect(!yantai.contains("交易场所的监督管理。"))
    // 福州 p26 and p56: a numbered line at a page's foot that holds a term or a label, its colon and
    // words after it (（一）人员经费…，主要包括：基本工资、津贴 ‖ 补贴…; 十一、“三公”经费：纳入…的“三公” ‖
    // 经费，是指…) is running text, not a heading.
    let fuzhou = try Self.processed("renwu__2026年福州市民政局部门预算.pdf")
    #expect(fuzhou.glossary.contains { $0.term == "“三公”经费" && $0.definition.hasPrefix("纳入财政预决算管理的“三公”经费，是指") })
    #expect(try paragraphs("renwu__2026年福州市民政局部门预算.pdf").contains { $0.hasPrefix("（一）人员经费1342.29万元，主要包括：基本工资、津贴补贴、") })
    // gbc p6: a clause broken short after its comma goes on in the line under it.
    #expect(try paragraphs("gbc__dept_budget.pdf").contains("本部门中，行政单位1家，参公单位1家，具体包括：1.普陀区司法局本部"))
  }

  @Test("a running head set small in the top margin of every page is dropped, with a note; the text it cut goes on")
  func runningHeads() throws {
    // 无锡市统计局: 无锡市统计局2026年度部门预算公开 in 9 pt over each of its 35 text pages broke
    // paragraphs and glossary definitions at every page break.
    let wuxi = try Self.processed("renwu__2026年无锡市统计局部门预算.pdf")
    func flatten(_ nodes: [Section]) -> [Section] { nodes.flatMap { [$0] + flatten($0.children) } }
    let paragraphs = flatten(wuxi.sections).flatMap(\.paragraphs)
    #expect(!paragraphs.contains { $0.contains("2026年度部门预算公开") })
    let basic = try #require(wuxi.glossary.first { $0.term == "基本支出" })
    #expect(basic.definition == "指为保障机构正常运转、完成工作任务而发生的人员支出和公用支出。")
    #expect(wuxi.glossary.count == 18)
    #expect(wuxi.diagnostics.contains { $0.stage == .normalize && $0.message.contains("running head") })
  }

  @Test("performance tables: a group-label column left of 一级指标 is not a level; 年度预算资金总额 / 年度资金总额 and 主管部门及代码 are read")
  func performanceVariants() throws {
    // 烟台市财政局 p32–46: 绩效指标 in the first column, the header's first cell blank. Every
    // indicator had its levels shifted one column left (一级指标 = 绩效指标, 指标值 = the 三级 name).
    let yantai = try Self.processed("renwu__2026年烟台市财政局部门预算.pdf")
    #expect(yantai.performanceTables.count == 12)
    let first = try #require(yantai.performanceTables.first)
    #expect(first.indicators.first == ["一级指标": "成本指标", "二级指标": "经济成本", "三级指标": "年度车辆统管费用", "指标值": "≤30万元"])
    #expect(yantai.performanceTables.allSatisfy { table in
      table.indicators.allSatisfy { $0["一级指标"] != "绩效指标" && $0["一级指标"]?.hasSuffix("指标") == true }
    })
    #expect(first.budget.total == 30 && first.budgetUnit == "228_烟台市财政局")
    #expect(!yantai.checks.contains { $0.rule.hasPrefix("performance.") && $0.status == .skip && $0.message.contains("is blank") })
    // 国家信访局 p30–32 (the central template): 年度资金总额 is the year's total.
    let central = try Self.processed("renwu__2026年武汉市信访局部门预算.pdf")
    #expect(central.performanceTables.map(\.budget.total) == [Decimal(string: "2134.87"), Decimal(string: "2706.79"), Decimal(string: "118.01")])
    #expect(central.checks.filter { $0.rule == "performance.fiscal-within-total" }.allSatisfy { $0.status == .pass })
    // A group label left of 一级指标 (绩效指标, 绩效目标指标, 年度绩效指标) is no indicator column.
    for name in ["renwu__2026年武汉市信访局部门预算.pdf", "renwu__2026年福州市民政局部门预算.pdf", "renwu__2026年西安市财政局部门预算.pdf"] {
      let tables = try Self.processed(name).performanceTables
      #expect(!tables.isEmpty && tables.allSatisfy { $0.header.first == "一级指标" }, "\(name)")
    }
  }

  @Test("performance tables of other layouts: one row block per project, 指标内容, continuation grids ruled differently")
  func performanceLayouts() throws {
    // 长春市信访局 p16: one wide grid, 单位名称 | 项目名称 | 年度资金总额(万元) | 年度绩效目标 | 一级指标 …,
    // four projects of four indicators each.
    let changchun = try Self.processed("renwu__2026年长春市信访局部门预算.pdf").performanceTables
    #expect(changchun.map(\.project) == ["2026年信访专项经费", "2026年信访接待中心运行费", "2026年驻京经费", "信访局临聘人员经费"])
    #expect(changchun.map(\.budget.total) == [30, 116, 312, Decimal(string: "16.56")])
    #expect(changchun.allSatisfy { $0.indicators.count == 4 && $0.budgetUnit == "105001长春市信访局" && $0.goal != nil })
    #expect(changchun.first?.header == ["一级指标", "二级指标", "三级指标", "指标解释", "指标值", "权重"])
    #expect(changchun.last?.indicators.last?["三级指标"] == "临聘人员满意度")
    // 西安市商务局 p63–88: 指标内容 names the indicator (三级指标); continuation pages rule only the
    // inner columns (p78: 二级 | 指标内容 | 指标值 under p77's eight), and the merged 二级 cell cut by
    // the page break (数量指标) covers both sides.
    let commerce = try Self.processed("renwu__商务局_2026年部门预算.pdf").performanceTables
    #expect(commerce.count == 10)
    #expect(commerce.allSatisfy { $0.header.first == "一级指标" && $0.header.contains("三级指标") && !$0.indicators.isEmpty })
    let whole = try #require(commerce.first { $0.title.contains("部门整体支出") })
    #expect(whole.indicators.prefix(2).map { $0["二级指标"] } == ["数量指标", "数量指标"])
    #expect(whole.indicators.prefix(2).map { $0["三级指标"] } == ["指标1：社会消费品零售总额", "指标2：外贸进出口总额"])
    #expect(whole.indicators.first { $0["三级指标"] == "指标1：局属国有特困企业退出市场" }?["二级指标"] == "成本指标")
    let foreignTrade = try #require(commerce.first { $0.project == "外经贸发展专项资金" })
    #expect(foreignTrade.indicators.count == 69)
    #expect(foreignTrade.indicators.first { $0["三级指标"] == "指标13：取得会展业培训证书的从业人员数量" }?["指标值"] == "≥2人")
    #expect(foreignTrade.indicators.allSatisfy { !($0["二级指标"] ?? "").isEmpty && !($0["指标值"] ?? "").isEmpty })
    // The 一级 column those pages leave unruled prints its text beside the grid (产 ‖ 出 ‖ 指 ‖ 标 on
    // p82, one character per line; 产出指标 on p74): every indicator has its 一级.
    let levels = Set(commerce.flatMap { $0.indicators.map { $0["一级指标"] ?? "" } })
    #expect(levels == ["产出指标", "效益指标", "满意度指标"])
    #expect(foreignTrade.indicators.prefix(18).allSatisfy { $0["一级指标"] == "产出指标" && $0["二级指标"] == "数量指标" })
    // 重庆市商务委员会 p25–29: no levels (绩效指标 | 指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%)),
    // 当年预算 and 当年绩效目标 as key rows (p26), and a wide grid of 项目名称 | 当年财政拨款预算金额 (p28).
    let chongqing = try Self.processed("renwu__2026年重庆市商务委员会部门预算.pdf").performanceTables
    #expect(chongqing.map(\.indicators.count) == [10, 12, 12])
    #expect(chongqing.allSatisfy { $0.header.prefix(3) == ["三级指标", "指标性质", "指标值"] && $0.header.contains("度量单位") })
    #expect(chongqing[1].project == "市商务发展专项" && chongqing[1].budget.total == 46794 && chongqing[1].goal != nil)
    #expect(chongqing[1].indicators.last == [
      "三级指标": "年度预算执行率", "指标性质": "=", "指标值": "100", "度量单位": "%", "指标权重(%)": "10", "是否核心": "否",
    ])
    #expect(chongqing[2].project == "市商务发展一般性项目" && chongqing[2].budget.fiscal == Decimal(string: "8071.45"))
  }

  @Test("the year's budget of a performance table: 资金总额 | 财政拨款 | 其他资金 rows, and never another period's figures")
  func performanceBudgets() throws {
    // 福州市民政局 p28–52: 专项资金情况（万元） over three rows, 资金总额 / 财政拨款 / 其他资金.
    let fuzhou = try Self.processed("renwu__2026年福州市民政局部门预算.pdf")
    #expect(fuzhou.performanceTables.count == 25)
    #expect(fuzhou.performanceTables.first?.budget == PerformanceTable.Budget(total: Decimal(string: "21.5"), fiscal: Decimal(string: "21.5"), other: 0))
    #expect(fuzhou.performanceTables.allSatisfy { $0.budget.total != nil && $0.budget.total == ($0.budget.fiscal ?? 0) + ($0.budget.other ?? 0) })
    #expect(fuzhou.checks.filter { $0.rule.hasPrefix("performance.") }.allSatisfy { $0.status == .pass })
    // 西安 p59 and 商务局 p81/p85 print 实施期资金总额 and 年度资金总额 side by side, each with its
    // 其中：财政拨款: the year's column is read. 西安 p44 prints the 实施期 column alone: no year figures.
    let xian = try Self.processed("renwu__2026年西安市财政局部门预算.pdf").performanceTables
    #expect(xian.last?.budget == PerformanceTable.Budget(total: 6600, fiscal: 6600, other: nil))
    #expect(xian.first?.page == 44 && xian.first?.budget == PerformanceTable.Budget())
    let commerce = try Self.processed("renwu__商务局_2026年部门预算.pdf").performanceTables
    #expect(commerce.suffix(2).map(\.budget) == [
      PerformanceTable.Budget(total: 18000, fiscal: 18000), PerformanceTable.Budget(total: 17000, fiscal: 17000),
    ])
    #expect(commerce.prefix(8).allSatisfy { $0.budget == PerformanceTable.Budget() })
    // 上海市普陀区万里街道 p31–35, 财政项目支出绩效目标填报表: 项目资金总额 and 其中：财政资金 (the
    // project's) beside 年度资金申请总额 and 其中：当年财政拨款 (the year's); 年度(/项目)指标值 is 指标值.
    let wanli = try Self.processed("tbxt__1770007475548-818404804.pdf").performanceTables
    #expect(wanli.map(\.project) == ["新建万里街道社区公共服务中心", "就业援助基地补贴", "社区环境整治和建设经费", "各类工作经费", "公共服务设施运行经费"])
    #expect(wanli.first?.budget == PerformanceTable.Budget(total: 4_100_000, fiscal: 4_100_000, other: 0))
    #expect(wanli.map(\.indicators.count) == [5, 4, 4, 43, 9])
    #expect(wanli.allSatisfy { $0.header == ["一级指标", "二级指标", "三级指标", "指标值"] })
    // The goal printed under its label (年度总体目标 over the text, p31–35), or beside it (国家信访局
    // p30–32: 年度总体目标 | 1.加强…).
    #expect(wanli.allSatisfy { $0.goal != nil } && wanli[1].goal == "管理各类下拨费用，实报实销")
    let central = try Self.processed("renwu__2026年武汉市信访局部门预算.pdf").performanceTables
    #expect(central.allSatisfy { $0.goal != nil } && central.first?.goal?.hasPrefix("1.加强对信访信息系统应用工作的指导和部署") == true)
  }

  @Test("totals, headings and dates printed in other regions' wordings are found, not skipped")
  func regionalWordings() throws {
    func statuses(_ name: String, _ rule: String) throws -> [CheckFinding.Status] {
      try Self.processed(name).checks.filter { $0.rule == rule }.map(\.status)
    }
    // 长春 预算表3 labels its total 总计： (a colon after it): the total row, not a missing one.
    #expect(try statuses("renwu__2026年长春市信访局部门预算.pdf", "cross.summary-expense") == [.pass])
    // 福州 一、 and 重庆 表一 print no 收入总计/支出总计: their 收入合计 / 合计 rows are the totals.
    #expect(try statuses("renwu__2026年福州市民政局部门预算.pdf", "summary.balance") == [.pass])
    #expect(try statuses("renwu__2026年重庆市商务委员会部门预算.pdf", "cross.summary-income") == [.pass])
    // 万里街道 explains under 部门预算编制说明 and quotes each path in quotation marks
    // (1.“一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元): 34 items against 表5.
    let items = try statuses("tbxt__1770007475548-818404804.pdf", "prose.items")
    #expect(items.count == 34 && items.allSatisfy { $0 == .pass })
    // Reporting dates without a day: 截至2025年10月 (深圳), 截至2025年底 (北京).
    #expect(try statuses("renwu__2026年深圳市财政局部门预算.pdf", "prose.dates") == [.pass, .pass])
    #expect(try statuses("renwu__2026年北京市财政局部门预算.pdf", "prose.dates") == [.pass])
    // 烟台 heads its basic-expense total 基本支出预算/小计 and names 因公出国（境）经费.
    #expect(try statuses("renwu__2026年烟台市财政局部门预算.pdf", "cross.basic") == [.pass])
    #expect(try statuses("renwu__2026年烟台市财政局部门预算.pdf", "sum.row.three-public-items") == [.pass])
    // 深圳 prints its tables per unit with no 合计 row: 表3 opens with 深圳市财政局（本级）, the total; 表7's
    // total is 表6's 一般公共预算拨款 plus its 一般公共预算拨款结余、结转 (36,989.05 + 396.83).
    #expect(try statuses("renwu__2026年深圳市财政局部门预算.pdf", "cross.summary-expense") == [.pass])
    #expect(try statuses("renwu__2026年深圳市财政局部门预算.pdf", "cross.fiscal-general") == [.pass])
    // 杭州 表10 covers every fund: its 财政拨款收入/一般公共预算 column is 表5's 项目支出.
    #expect(try statuses("renwu__2026年杭州市公安局部门预算.pdf", "cross.project") == [.pass])
    // 深圳 prints its economic classification in 一般公共预算支出表（按经济分类）, a code tree of its own.
    let shenzhen = try statuses("renwu__2026年深圳市财政局部门预算.pdf", "sum.tree.economic")
    #expect(!shenzhen.isEmpty && shenzhen.allSatisfy { $0 == .pass || $0 == .rounding })
    // The document's year between a term and its amount: 公务用车运行费2026年预算数为… (深圳), and after a
    // coded item, 2014099其他信访事务支出，2026年预算数为3,623.98万元 (国家信访局).
    #expect(try statuses("renwu__2026年深圳市财政局部门预算.pdf", "prose.three-public-vehicle-use") == [.pass])
    let petitions = try Self.processed("renwu__2026年武汉市信访局部门预算.pdf").checks.filter { $0.rule == "prose.coded-items" }
    #expect(petitions.map(\.status) == [.pass] && petitions.first?.message.contains("2014099") == true, "\(petitions.map(\.message))")
    // 深圳's 三公 table splits every item by fund (总计/一般公共预算 = 因公出国(境)费/一般公共预算 + …).
    #expect(try statuses("renwu__2026年深圳市财政局部门预算.pdf", "sum.row.three-public-items") == [.pass, .pass, .pass])
    // 深圳 表6 heads its current revenue with an unnumbered 财政拨款 over 1. 2. 3.
    #expect(try statuses("renwu__2026年深圳市财政局部门预算.pdf", "summary.revenue-current") == [.pass, .pass])
    // 烟台 p29: 2026年收支预算9,069.47万元 under 预算收支增减变化情况说明.
    #expect(try statuses("renwu__2026年烟台市财政局部门预算.pdf", "prose.total-budget") == [.pass])
    // A sub-heading that is the term alone (福州 p27: （二）公务接待费 ‖ 2026年预算安排8.00万元，与上年持平。).
    #expect(try statuses("renwu__2026年福州市民政局部门预算.pdf", "prose.three-public-reception") == [.pass])
    #expect(try statuses("renwu__2026年福州市民政局部门预算.pdf", "prose.three-public-abroad") == [.pass])
    // A growth rate in brackets after the change: 较上年增加27.47万元（402.20%） (西安市商务局 p30).
    let growth = try Self.processed("renwu__商务局_2026年部门预算.pdf").checks.filter { $0.rule == "prose.growth" }
    #expect(growth.contains { $0.status == .pass && $0.message.contains("27.47万元（402.20%") })
    #expect(!growth.contains { $0.status == .fail })
    // A rule reading several kinds of table skips once, and only when none is printed (北京 publishes
    // its tables apart from the explanations).
    #expect(try statuses("renwu__2026年北京市财政局部门预算.pdf", "sum.tree.function") == [.skip])
    // 类-款-项 paths as dashed names in quotation marks: 1.“一般公共服务支出-政府办公厅（室）及相关机构事务-
    // 行政运行”科目1,202.95万元 (普陀区政府办 p6): 12 items against 表5 in 元.
    let dashed = try statuses("gbc__上海市普陀区人民政府办公室25年预算.pdf", "prose.items")
    #expect(dashed.count == 12 && dashed.allSatisfy { $0 == .pass }, "\(dashed)")
    // The 类 in the enclosing heading: （一）一般公共服务支出（类） ‖ 1.统计信息事务（款）行政运行（项）支出
    // 1,429.11万元 (无锡 p28): 11 items, the list's number not part of the 款's name.
    let nested = try statuses("renwu__2026年无锡市统计局部门预算.pdf", "prose.items")
    #expect(nested.count == 11 && nested.allSatisfy { $0 == .pass }, "\(nested)")
    // Lists printed one item per paragraph (无锡 p25–27): （一）收入预算总计3,210.1万元。包括： ‖ 1．本年收入合计
    // 3,210.1万元。 ‖ （1）… ‖ 2．上年结转结余为0万元。, and 支出预算合计3,210.1万元，其中： ‖ 基本支出2,235.04万元，
    // 占69.63%； ‖ ….
    #expect(try statuses("renwu__2026年无锡市统计局部门预算.pdf", "prose.list.total") == [.pass, .pass])
    #expect(try statuses("renwu__2026年无锡市统计局部门预算.pdf", "prose.list-shares") == Array(repeating: .pass, count: 5))
    // 佛山 表4 prints no 国有资本经营预算 column: 合计 = the two fund columns it prints, on every row.
    let funds = try statuses("renwu__2026年佛山市交通运输局部门预算.pdf", "sum.row.fiscal-expenditure")
    #expect(funds.count == 25 && funds.allSatisfy { $0 == .pass }, "\(funds)")
    // A column headed with its year (深圳 表6: 支出/2026年预算数) is the 预算数 column.
    #expect(try statuses("renwu__2026年深圳市财政局部门预算.pdf", "summary.fiscal-balance") == [.pass])
    // An enumeration's earlier items do not qualify a later one: 政府性基金预算拨款收入75.00万元、上年结转结余
    // 30.00万元 (福州 p25) quotes the carry-over.
    #expect(try statuses("renwu__2026年福州市民政局部门预算.pdf", "prose.revenue-carryover") == [.pass])
    // 重庆 p4 breaks the 一般公共预算's expenditure down under 财政拨款情况说明: …一般公共预算财政拨款支出101,833.84万元,
    // 比2025年减少7,885.67万元。其中:基本支出43,436.09万元,…;项目支出58,397.75万元.
    #expect(try statuses("renwu__2026年重庆市商务委员会部门预算.pdf", "prose.general-basic-explained") == [.pass])
    #expect(try statuses("renwu__2026年重庆市商务委员会部门预算.pdf", "prose.general-project-explained") == [.pass])
    // A 类 alone as a quoted 科目 (上海市财政局 p6: 1.“一般公共服务支出”科目12,789万元) against the 类's row of 表5
    // in 元; whole 万元 quotes of 127,886,849.00元 are rounding.
    #expect(
      try statuses("tbxt__上海市财政局25年预算.pdf", "prose.items") == [.rounding, .rounding, .rounding, .pass])
    // 杭州 prints no codes: 表3, 5, 8 (功能分类科目名称) and 表6 (经济分类科目名称) show the tree by indenting their
    // labels (公共安全支出 ‖ ␣公安 ‖ ␣␣行政运行). Every sum holds, to the 0.01 of rounding; 表2 lists units.
    let function = try statuses("renwu__2026年杭州市公安局部门预算.pdf", "sum.tree.function")
    #expect(function.filter { $0 == .pass }.count >= 70 && !function.contains(.fail), "\(function)")
    let economic = try statuses("renwu__2026年杭州市公安局部门预算.pdf", "sum.tree.economic")
    #expect(economic.count >= 10 && economic.allSatisfy { $0 == .pass || $0 == .rounding }, "\(economic)")
    // 长春 p18 closes the quotation after 经费: 2026年“三公经费”预算数为7.61万元.
    #expect(try statuses("renwu__2026年长春市信访局部门预算.pdf", "prose.three-public-total") == [.pass])
  }

  @Test("an amount quoted with a code no table prints is checked against the row printing its name (部门综合预算 表4)")
  func codedItemsByName() throws {
    // 西安市财政局 p15: 机关工资福利支出（501）5,977.55万元 …; 表4 (p28) lists the 政府预算经济分类 by
    // name only (1、机关工资福利支出 | 59,775,528.93).
    let xian = try Self.processed("renwu__2026年西安市财政局部门预算.pdf").checks.filter {
      $0.rule == "prose.coded-items" && $0.message.contains("(by name)")
    }
    // 对事业单位资本性补助（506）0.00万元: its amount is printed blank, a zero.
    #expect(xian.count == 7 && xian.allSatisfy { $0.status == .pass }, "\(xian.map(\.message))")
    #expect(xian.contains { $0.message.hasSuffix("机关工资福利支出 (by name) 支出/预算数 is 59775528.93") })
  }

  @Test("explanations under a heading of another wording (预算收支增减变化情况说明) are checked like the template's")
  func otherExplanationHeadings() throws {
    // 烟台市财政局 p29: （一）收入预算：2026年收入预算9,069.47万元 … （二）支出预算：… 基本支出6,012.9万元，
    // 项目支出3,056.57万元, under 一、预算收支增减变化情况说明; the change amounts after them (增加560.66万元)
    // are no quotes of the totals.
    let checks = try Self.processed("renwu__2026年烟台市财政局部门预算.pdf").checks
    for rule in ["prose.revenue-total", "prose.expenditure-total", "prose.expenditure-basic", "prose.expenditure-project"] {
      // (p29's 一般公共预算收入9,069.47万元 is no quote of 预算收入: 一般公共预算 runs into the term.)
      let findings = checks.filter { $0.rule == rule }
      #expect(findings.map(\.status) == [.pass], "\(rule): \(findings.map(\.message))")
    }
    // 福州 表五 heads its total 小计 (over 其中：基本支出 | 项目支出): 一般公共预算拨款支出2144.92万元 is checked.
    let fuzhou = try Self.processed("renwu__2026年福州市民政局部门预算.pdf").checks.filter { $0.rule == "prose.general-total" }
    #expect(fuzhou.map(\.status) == [.pass])
  }

  @Test("the Shanghai family's 三公 table (公务用车购置及运行费 over 购置费 | 运行费, 因公出国(境)费) checks its prose")
  func shanghaiThreePublic() throws {
    for name in [
      "gbc__dept_budget.pdf", "gbc__上海市普陀区人民政府办公室25年预算.pdf", "renwu__2026年上海市民政局_部门预算.pdf",
      "tbxt__上海市财政局25年预算.pdf",
    ] {
      let prose = try Self.processed(name).checks.filter { $0.rule.hasPrefix("prose.three-public-") }
      #expect(prose.count == 5 && prose.allSatisfy { $0.status == .pass }, "\(name): \(prose.map(\.message))")
    }
    let vehicles = try Self.processed("gbc__dept_budget.pdf").checks.filter { $0.rule == "sum.row.three-public-vehicles" }
    #expect(vehicles.map(\.status) == [.pass])
    // Other families write 公务用车运行维护费 (and 杭州 heads its total “三公”经费合计): the prose amount
    // is checked against the column of that name, in 万元 or in 元.
    for name in [
      "renwu__2026年杭州市公安局部门预算.pdf", "renwu__2026年湖州市卫生健康委员会部门预算.pdf", "renwu__2026年烟台市财政局部门预算.pdf",
      "renwu__2026年西安市财政局部门预算.pdf", "renwu__2026年重庆市商务委员会部门预算.pdf", "renwu__商务局_2026年部门预算.pdf",
    ] {
      let use = try Self.processed(name).checks.filter { $0.rule == "prose.three-public-vehicle-use" }
      #expect(use.map(\.status) == [.pass], "\(name): \(use.map(\.message))")
    }
    let hangzhou = try Self.processed("renwu__2026年杭州市公安局部门预算.pdf").checks.filter { $0.rule == "prose.three-public-total" }
    #expect(hangzhou.map(\.status) == [.pass])
    // 因公出国（境）经费 / 因公出国(境)费用 in the prose and the tables, 公务用车购置经费, each year's
    // columns (烟台 2026年预算数, 西安 当年 in 元): every 三公 amount of these explanations is checked.
    for name in [
      "renwu__2026年湖州市卫生健康委员会部门预算.pdf", "renwu__2026年烟台市财政局部门预算.pdf", "renwu__2026年西安市财政局部门预算.pdf",
      "renwu__2026年重庆市商务委员会部门预算.pdf", "renwu__商务局_2026年部门预算.pdf",
    ] {
      let prose = try Self.processed(name).checks.filter { $0.rule.hasPrefix("prose.three-public-") }
      #expect(Set(prose.map(\.rule)).count == 5 && prose.allSatisfy { $0.status == .pass }, "\(name): \(prose.map(\.message))")
    }
  }

  /// Department, year, kind and level of each real document, read against its cover and title
  /// pages. A bracketed scope after the name (（本级）, (本级), （汇总）) is no part of it.
  static let metadata: [String: (department: String, year: Int, kind: String, level: String?)] = [
    "gbc__dept_budget": ("上海市普陀区司法局", 2026, "budget", "部门"),
    "gbc__上海市普陀区人民政府办公室25年预算": ("上海市普陀区人民政府办公室", 2025, "budget", "部门"),
    "renwu__2026年上海市民政局_部门预算": ("上海市福利彩票发行中心", 2026, "budget", "单位"),
    "renwu__2026年佛山市交通运输局部门预算": ("佛山市轨道交通局", 2019, "final_account", "部门"),
    "renwu__2026年北京市财政局部门预算": ("北京市财政局", 2026, "budget", "部门"),
    "renwu__2026年无锡市统计局部门预算": ("无锡市统计局", 2026, "budget", "部门"),
    "renwu__2026年杭州市公安局部门预算": ("杭州市公安局", 2026, "budget", "部门"),
    "renwu__2026年武汉市信访局部门预算": ("国家信访局", 2026, "budget", "部门"),
    "renwu__2026年深圳市财政局部门预算": ("深圳市财政局", 2026, "budget", "部门"),
    "renwu__2026年湖州市卫生健康委员会部门预算": ("湖州市卫生健康委员会", 2026, "budget", "部门"),
    "renwu__2026年烟台市财政局部门预算": ("烟台市财政局", 2026, "budget", "部门"),
    "renwu__2026年福州市民政局部门预算": ("福州市民政局", 2026, "budget", "单位"),
    "renwu__2026年西安市财政局部门预算": ("西安市财政局", 2026, "budget", "部门"),
    "renwu__2026年重庆市商务委员会部门预算": ("重庆市商务委员会", 2026, "budget", "部门"),
    "renwu__2026年长春市信访局部门预算": ("长春市信访局", 2026, "budget", "部门"),
    "renwu__商务局_2026年部门预算": ("西安市商务局", 2022, "budget", "部门"),
    "tbxt__1770007475548-818404804": ("上海市普陀区人民政府万里街道办事处", 2023, "budget", "部门"),
    "tbxt__上海市财政局25年预算": ("上海市财政局", 2025, "budget", "单位"),
  ]

  @Test("each real document's department, year, kind and level", arguments: documents)
  func documentMetadata(_ name: String) throws {
    let metadata = try Self.processed(name).metadata
    let expected = try #require(Self.metadata[CorpusLayout.stem(of: name)])
    #expect(metadata.department == expected.department && metadata.year == expected.year)
    #expect(metadata.kind == expected.kind && metadata.level == expected.level)
  }

  @Test("a text column right of the amounts labels no row: 国家信访局 部门公开表5's 合计 row is its total")
  func labelLeftOfAmounts() throws {
    // 部门公开表5 p11 ends with 增减(%) columns typed text; the 合计 row's label was its -55.76%,
    // so no rule found the table's total row.
    let checks = try Self.processed("renwu__2026年武汉市信访局部门预算.pdf").checks
    #expect(checks.filter { $0.rule == "cross.basic" }.map(\.status) == [.pass])
    let total = checks.filter { $0.rule == "sum.tree.function" && $0.message.hasPrefix("部门公开表5 2026年预算数/年初预算数/小计: total") }
    #expect(total.map(\.status) == [.pass])
  }

  @Test("amounts quoted with a classification code are checked against the row printing that code and name")
  func codedItems() throws {
    func coded(_ name: String) throws -> [CheckFinding] {
      try Self.processed(name).checks.filter { $0.rule.hasPrefix("prose.coded-items") && !$0.message.contains("no amount quoted") }
    }
    // 福州 p5–6: （一）2080201-行政运行993.77万元 … and the 政府性基金 item 2296002, all as 表5 / 表6 print them.
    let fuzhou = try coded("renwu__2026年福州市民政局部门预算.pdf")
    #expect(fuzhou.count == 9 && fuzhou.allSatisfy { $0.status == .pass }, "\(fuzhou.map(\.message))")
    // 西安市商务局 (tables in 元): 行政运行（2011301）2093.85万元 is 表5's 20,938,520.75元; one item is a cent
    // off (10429.84 quoted, 104,298,313.00元 printed). The 政府经济 classes (501 …) have no row with their
    // code: 表4 lists them by name (1、机关工资福利支出 | 21,375,878.15), where two are a cent off by rounding
    // and 501 is the document's error named in `failing`.
    let commerce = try coded("renwu__商务局_2026年部门预算.pdf")
    #expect(commerce.filter { $0.status == .pass }.count == 27)
    #expect(commerce.filter { $0.status == .rounding }.map(\.found) == ["10429.84", "5032.62", "2502.27"].map { Decimal(string: $0) })
    #expect(commerce.filter { $0.status == .fail }.map(\.found) == [Decimal(string: "2137.56")])
    #expect(!commerce.contains { $0.status == .skip })
    let xian = try coded("renwu__2026年西安市财政局部门预算.pdf")
    #expect(xian.filter { $0.status == .pass }.count == 31 && !xian.contains { $0.status == .fail })
    // 北京市财政局 p6–7: 比2025年年初预算数44021.20万元增加148.16万元，增长0.34%, checked against its base.
    let beijing = try Self.processed("renwu__2026年北京市财政局部门预算.pdf").checks.filter {
      $0.rule == "prose.growth" && $0.figures.contains { $0.role == "previous" && $0.value == Decimal(string: "44021.2") }
    }
    #expect(beijing.map(\.status) == [.pass, .pass])
  }

  @Test("a row the page break cuts inside a number: 杭州 表2's 12,437.3 ‖ 6 is 12,437.36, and the row adds up")
  func numberCutByPageBreak() throws {
    // 杭州市公安局 p21–22: 杭州市机动 ‖ 车驾驶员考试服务中心, its 事业收入 12,437.3 ‖ 6 (the row prints two
    // decimals): one row, 14,549.64 = 12,437.36 + 2,112.28.
    let police = try Self.processed("renwu__2026年杭州市公安局部门预算.pdf")
    let income = try #require(police.tables.first { $0.number == 2 })
    let row = try #require(income.rows.first { $0.cells.first?.hasPrefix("杭州市机动") == true })
    #expect(row.cells.first == "杭州市机动车驾驶员考试服务中心")
    #expect(row.values[7] == Decimal(string: "12437.36"))
    #expect(!income.rows.contains { $0.cells.first == "车驾驶员考试服务中心" })
    let sums = police.checks.filter { $0.rule == "sum.row.funding-sources" }
    #expect(!sums.isEmpty && !sums.contains { $0.status == .fail || $0.status == .skip })
  }

  @Test("a year is not a classification code: 深圳 表9's rows 2025年 / 2026年 / 增减变化金额 have none")
  func yearIsNoCode() throws {
    let shenzhen = try Self.processed("renwu__2026年深圳市财政局部门预算.pdf")
    let table = try #require(shenzhen.tables.first { $0.kind == "three_public_expense" })
    #expect(table.rows.map { $0.cells[1] } == ["2025年", "2026年", "增减变化金额"])
    #expect(table.rows.allSatisfy { $0.code == nil })
    #expect(table.rows[1].values[2] == Decimal(string: "58.46"))
    // Its explanations' 三公 amounts are checked against the row of the document's year.
    let quoted = shenzhen.checks.filter { ["prose.three-public-total", "prose.three-public-abroad", "prose.three-public-reception"].contains($0.rule) }
    #expect(quoted.map(\.status) == [.pass, .pass, .pass])
    #expect(quoted.map(\.found) == ["58.46", "41.6", "9.46"].map { Decimal(string: $0) })
  }

  @Test("regional column names are rules' alternatives: 总计, 支出总计, 人员支出, 日常公用支出, 公务用车运行维护费")
  func regionalColumnNames() throws {
    func statuses(_ name: String, _ rule: String) throws -> [CheckFinding.Status] {
      try Self.processed(name).checks.filter { $0.rule == rule }.map(\.status)
    }
    // 深圳 表3/表7 total their rows in 支出总计, 表2 in 收入总计.
    let shenzhen = "renwu__2026年深圳市财政局部门预算.pdf"
    #expect(try statuses(shenzhen, "sum.row.basic-project").filter { $0 == .pass }.count >= 40)
    #expect(try statuses(shenzhen, "cross.summary-income") == [.pass])
    // 杭州 表6 (一般公共预算基本支出): 合计 = 人员经费 + 日常公用支出; 表9 (三公) 公务用车运行维护费.
    let police = "renwu__2026年杭州市公安局部门预算.pdf"
    #expect(try statuses(police, "sum.row.personnel-public").allSatisfy { $0 == .pass || $0 == .rounding })
    #expect(try statuses(police, "sum.row.three-public-vehicles").contains(.pass))
    // 西安 表13's 合计 also counts 行政经费: the 三公 parts add up to its “三公” 小计, never to 合计.
    let xian = try Self.processed("renwu__2026年西安市财政局部门预算.pdf").checks.filter { $0.rule == "sum.row.three-public-items" }
    #expect(!xian.isEmpty && xian.allSatisfy { $0.status == .pass })
  }

  @Test("the central template's 关于部门收入总表的说明 / 支出总表 / 收支总表 sections are read by the revenue, expenditure and total rules")
  func centralTemplateHeadings() throws {
    // 国家信访局: 二、关于部门收入总表的说明 quotes 收入预算总计50,616.94万元 and three shares; 三、关于部门
    // 支出总表的说明 the 支出 total, 基本支出 and 项目支出 with their shares; 一、关于部门收支总表的说明 the
    // 收支总预算. Each against 部门公开表1 / 部门公开表3.
    let document = try Self.processed("renwu__2026年武汉市信访局部门预算.pdf")
    func statuses(_ rule: String) -> [CheckFinding.Status] { document.checks.filter { $0.rule == rule }.map(\.status) }
    for rule in ["prose.total-budget", "prose.revenue-total", "prose.revenue-general", "prose.expenditure-total", "prose.expenditure-basic", "prose.expenditure-project"] {
      #expect(statuses(rule) == [.pass], "\(rule)")
    }
    #expect(statuses("prose.share.revenue") == [.pass, .pass, .pass])
    #expect(statuses("prose.share.expenditure") == [.pass, .pass])
    let revenue = try #require(document.checks.first { $0.rule == "prose.revenue-total" })
    #expect(revenue.figures.first?.source.section == "第三部分/二" && revenue.found == Decimal(string: "50616.94"))
  }

  @Test("the Shanghai family's 预算编制说明 quotes the department's totals; 财政拨款 and 一般公共预算 totals there are not taken for them")
  func shanghaiExplanations() throws {
    // 上海市民政局: 收入预算21,680.16万元 and 支出预算21,680.16万元 against 216,801,570.00元; its 财政拨款支出预算
    // 21,502万元 in the same section is the 财政拨款 figure, not the department's (a false failure before the
    // rule's otherSubjects).
    let civil = try Self.processed("renwu__2026年上海市民政局_部门预算.pdf")
    #expect(civil.checks.filter { $0.rule == "prose.revenue-total" }.map(\.status) == [.pass])
    #expect(civil.checks.filter { $0.rule == "prose.expenditure-total" }.map(\.status) == [.pass])
    // 上海市财政局 quotes whole 万元: 17,192万元 for 171,915,169.00元 is rounding, not a failure.
    let finance = try Self.processed("tbxt__上海市财政局25年预算.pdf")
    let revenue = finance.checks.filter { $0.rule == "prose.revenue-total" }
    #expect(revenue.map(\.status) == [.rounding] && revenue.first?.found == Decimal(17192))
  }

  @Test("documents printed without 第X部分 parts are rooted at their 一、 headings: profile, explanations and glossary come out")
  func withoutParts() throws {
    // 杭州市公安局: 一、部门概况 / 二、…预算安排情况说明 / 三、名词解释 after a 目录 on p2; before, all of it
    // was taken for the cover and the contents, and the document had no sections.
    let police = try Self.processed("renwu__2026年杭州市公安局部门预算.pdf")
    #expect(police.sections.map(\.heading).prefix(3) == ["一、部门概况", "二、2026年杭州市公安局部门预算安排情况说明", "三、名词解释"])
    #expect(police.sections.first?.children.first?.heading == "（一）主要职能")
    #expect(police.sections.first?.children.first?.paragraphs.first?.hasPrefix("1.起草公安领域有关地方性法规、规章草案。") == true)
    #expect(!police.glossary.isEmpty)
    // Its explanations are checked now; 人员支出250,110.65万元，占61.9% is 61.845% of 404,415.23,
    // printed 61.9 so that the three shares add up to 100: rounding, not an error.
    let share = police.checks.filter { $0.rule == "prose.share.expenditure" && $0.found == Decimal(string: "61.9") }
    #expect(share.map(\.status) == [.rounding])
    // Its 表5 prints names without codes: 公共安全支出（类）公安（款）行政运行（项）260,448.73万元 is
    // found by the three names in order down the table.
    let items = police.checks.filter { $0.rule == "prose.items" }
    #expect(items.filter { $0.status == .pass }.count == 15 && !items.contains { $0.status == .fail })
    #expect(items.contains { $0.status == .pass && $0.found == Decimal(string: "260448.73") })
    // 湖州 p7: 政府性基金预算收入较上年执行数下降45.9% quotes a rate alone; the amount before it
    // (比上年执行数减少10087.38万元) is a change, not the previous year's figure, so nothing is compared.
    let health = try Self.processed("renwu__2026年湖州市卫生健康委员会部门预算.pdf")
    #expect(!health.checks.contains { $0.rule == "prose.growth" && $0.status == .fail })
    #expect(health.sections.count >= 3 && !health.glossary.isEmpty)
    let commerce = try Self.processed("renwu__2026年重庆市商务委员会部门预算.pdf")
    #expect(commerce.sections.first?.heading == "一、单位基本情况")
  }

  @Test("parts the 目录 lists and the body prints without their number open sections (the Shanghai family, 烟台)")
  func listedParts() throws {
    // 上海市普陀区司法局: the 目录 lists 一、部门主要职能 … 七、项目经费情况说明; the body prints
    // 上海市普陀区司法局主要职能, 名词解释, 2026年部门预算编制说明 … as title lines of their own.
    let justice = try Self.processed("gbc__dept_budget.pdf")
    #expect(
      justice.sections.map(\.heading).prefix(5)
        == ["上海市普陀区司法局主要职能", "上海市普陀区司法局机构设置", "名词解释", "2026年部门预算编制说明", "其他相关情况说明"])
    #expect(justice.sections.prefix(5).map(\.number) == ["一", "二", "三", "四", "六"])
    #expect(justice.sections[4].children.first?.heading == "一、2026年“三公”经费预算情况说明")
    #expect(justice.sections[3].paragraphs.first?.hasPrefix("2026年，上海市普陀区司法局收入预算9628.22万元") == true)
    #expect(!justice.glossary.isEmpty)
    // 烟台: 第一部分 on one line, 部门概况 on the next: one part with its title.
    let yantai = try Self.processed("renwu__2026年烟台市财政局部门预算.pdf")
    #expect(yantai.sections.first?.number == "第一部分" && yantai.sections.first?.title == "部门概况")
    #expect(yantai.sections.first?.children.first?.heading == "一、主要职责")
  }

  @Test("the failing checks are the documents' known errors and the named open cases", arguments: documents)
  func failingChecks(_ name: String) throws {
    let document = try Self.processed(name)
    let failing = document.checks.filter { $0.status == .fail }
    #expect(failing.map(\.rule).sorted() == Self.failing[CorpusLayout.stem(of: name)] ?? [], "\(failing.map(\.message))")
    // Every failure names where its figures are printed.
    #expect(failing.allSatisfy { finding in finding.figures.allSatisfy { $0.source.page != nil } })
  }

  @Test("real errors: 长春 301 and 302 (p11) and 20140 (p8) do not add up, with every figure's page and box")
  func changchunTree() throws {
    let document = try Self.processed("renwu__2026年长春市信访局部门预算.pdf")
    let tree = document.checks.filter { $0.rule == "sum.tree.economic" && $0.status == .fail }
    #expect(tree.contains { $0.found == Decimal(string: "911.21") && $0.expected == Decimal(string: "920.96") })
    #expect(tree.contains { $0.found == Decimal(string: "211.00") && $0.expected == Decimal(string: "221.37") })
    #expect(tree.allSatisfy { finding in finding.figures.allSatisfy { $0.source.page == 11 && $0.source.box != nil } })
    let function = try #require(document.checks.first { $0.rule == "sum.tree.function" && $0.status == .fail })
    #expect(function.found == Decimal(string: "1378.41") && function.expected == Decimal(string: "903.85"))
    #expect(function.figures.allSatisfy { $0.source.page == 8 })
  }

  @Test("real error: 湖州 表04's 一般公共预算 disagrees with 表05's total (and 表01, 表02)")
  func huzhouFiscal() throws {
    let document = try Self.processed("renwu__2026年湖州市卫生健康委员会部门预算.pdf")
    let finding = try #require(document.checks.first { $0.rule == "cross.fiscal-general" })
    #expect(finding.status == .fail)
    #expect(finding.found == Decimal(string: "37018.75") && finding.expected == Decimal(string: "25591.21"))
    #expect(finding.figures.map(\.source.page) == [36, 33])
  }

  @Test("table numbers: as printed, else the one the 目录 gives the title, else none")
  func tableNumbers() throws {
    func numbers(_ name: String) throws -> [Int?] {
      try Self.processed(name).tables.filter { $0.kind != "performance_target" }.map { $0.numberPrinted ? $0.number : nil }
    }
    // 上海市福利彩票发行中心: no table prints a number; the 目录 (a page after the cover, whose
    // last line must not run on into it) lists `1. 2026年预算单位财务收支预算总表` ….
    #expect(try numbers("renwu__2026年上海市民政局_部门预算.pdf") == Array(1...9))
    // 国家信访局: 部门公开表1–9; 部门公开表7 is printed at the foot of p13, under 表6's grid, and its
    // title at the top of p14 (the 目录 lists no tables).
    #expect(try numbers("renwu__2026年武汉市信访局部门预算.pdf") == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    // 西安市商务局: the 目录 is a grid (报表 ‖ 报表名称 ‖ 是否空表); the tables after it print 表1 …,
    // and the untitled grid on p19 has no number.
    let xian = try numbers("renwu__商务局_2026年部门预算.pdf")
    #expect(xian.first == .some(nil) && Array(xian.dropFirst().prefix(13)) == Array(1...13))
  }

  @Test("every printed table comes out with its label, title and unit", arguments: documents)
  func tables(_ name: String) throws {
    let document = try Self.processed(name)
    let printed = document.tables.filter { $0.kind != "performance_target" }.map { table in
      "\(table.label.isEmpty ? "-" : table.label) \(table.title.isEmpty ? "-" : table.title) p\(table.pages.first ?? 0)"
    }
    #expect(printed == Self.expected[CorpusLayout.stem(of: name)] ?? ["(no expectation)"])
    // No grid is dropped, and every table has a unit (printed, or the one the others print).
    #expect(!document.diagnostics.contains { $0.message.contains("skipped") })
    #expect(document.tables.allSatisfy { $0.kind == "performance_target" || !($0.unit ?? "").isEmpty })
    // Knowledge enriches, never gates: every table has a kind, `other` when no title matches.
    #expect(document.tables.allSatisfy { $0.kind != nil })
  }
}
