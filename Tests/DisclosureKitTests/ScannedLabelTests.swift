import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosureKit

/// Labels, column names and titles read by OCR, compared with the lexicon and the templates.
@Suite("OCR: labels compared with the names they may print")
struct ScannedLabelTests {
  static let pipeline: Pipeline = (try? Golden.defaultPipeline()) ?? Pipeline(templates: [])

  /// One table on page 3 of a document whose page 3 was read by OCR (unless `scanned` is empty).
  static func document(
    header: [String] = ["科目编码", "科目名称", "合计"], rows: [[String]], twoSided: Bool = false, title: String = "支出总表",
    scanned: [Int] = [3]
  ) -> DisclosureDocument {
    let kinds = header.map { $0.hasSuffix("编码") ? "code" : $0.hasSuffix("名称") || $0.hasSuffix("项目") ? "text" : "amount" }
    let built = rows.map { cells -> Row in
      Row(
        cells: cells, values: cells.indices.map { kinds[$0] == "amount" ? Amounts.decimal(from: cells[$0]) : nil },
        code: kinds[0] == "code" && !cells[0].isEmpty ? cells[0] : nil, page: 3)
    }
    var source = RawDocument.Source(file: "s.pdf", sha256: String(repeating: "0", count: 64), pages: 3, input: .pdf)
    source.ocrPages = scanned
    var table = Table(
      number: 1, label: "表1", title: title, kind: nil, unit: "万元", pages: [3], header: header, columnKinds: kinds, rows: built)
    if twoSided { table.expenditure = [] }
    return DisclosureDocument(source: source, metadata: Metadata(kind: "budget"), tables: [table])
  }

  static func labels(_ rows: [[String]], header: [String] = ["科目编码", "科目名称", "合计"], twoSided: Bool = false, scanned: [Int] = [3])
    -> (cells: [String], notes: [String])
  {
    var diagnostics: [Diagnostic] = []
    let template = pipeline.templates.first ?? Template.empty
    let fixed = pipeline.recognizedLabels(
      document(header: header, rows: rows, twoSided: twoSided, scanned: scanned), template: template, diagnostics: &diagnostics)
    let column = header.firstIndex { !$0.hasSuffix("编码") } ?? 0
    return (fixed.tables[0].rows.map { $0.cells[column] }, diagnostics.map(\.message))
  }

  @Test("a label is taken as its code's name one character off (two for a long name), or as a lexicon label; the note names the code")
  func byCodeAndByLabel() {
    let read = Self.labels([
      ["202", "外区支出", "1.00"],  // 外交支出, one off
      ["30207", "邮电怖", "1.00"],  // 邮电费: three characters, one off
      ["207", "文化旅游体育与传媒二", "1.00"],  // two off, a name of eleven
      ["", "（一）一般公共预算资六", "1.00"],  // no code: a label of the lexicon, after its numbering
      ["201", "一般公共服务支出", "1.00"],  // already a name: left alone
    ])
    #expect(read.cells == ["外交支出", "邮电费", "文化旅游体育与传媒支出", "（一）一般公共预算资金", "一般公共服务支出"])
    #expect(read.notes.contains { $0.contains("“外区支出” is taken as “外交支出”, the name of code 202") })
    #expect(read.notes.contains { $0.contains("“（一）一般公共预算资六” is taken as “（一）一般公共预算资金”, a label of the lexicon") })
    #expect(read.notes.count == 4)
  }

  @Test("too far, too short or two names as close: the label stays as read")
  func staysAsRead() {
    let read = Self.labels([
      ["202", "外区文出", "1.00"],  // two off a four-character name
      ["", "其他收八", "1.00"],  // no code, and 其他收入 is too short to be taken without one
      ["30207", "邮", "1.00"],  // one character: never compared
      ["999", "差旅怖", "1.00"],  // a code the lexicon does not name, and 差旅费 too short without one
    ])
    #expect(read.cells == ["外区文出", "其他收八", "邮", "差旅怖"])
    #expect(read.notes.isEmpty)
    // Two names one character off: 本年收入 and 本年支出 are both one from 本年收出.
    #expect(Pipeline.closest(to: "本年收出", among: ["本年收入", "本年支出"], within: 1) == nil)
  }

  @Test("a page with a text layer is never changed")
  func textLayerKept() {
    let read = Self.labels([["202", "外区支出", "1.00"]], scanned: [])
    #expect(read.cells == ["外区支出"] && read.notes.isEmpty)
  }

  @Test("a code printed before the label is the label's; in a two-sided table the row's code is the other side's and is not used")
  func printedCodes() {
    let header = ["收入项目", "预算数", "支出项目", "预算数"]
    let read = Self.labels([["一、一般公共有预算拨款收入", "1.00", "201一般公共服务文出", "1.00"]], header: header, twoSided: true)
    #expect(read.cells == ["一、一般公共预算拨款收入"])
    var diagnostics: [Diagnostic] = []
    let fixed = Self.pipeline.recognizedLabels(
      Self.document(header: header, rows: [["一、一般公共有预算拨款收入", "1.00", "201一般公共服务文出", "1.00"]], twoSided: true),
      template: Self.pipeline.templates[0], diagnostics: &diagnostics)
    #expect(fixed.tables[0].rows[0].cells[2] == "201一般公共服务支出")
    #expect(diagnostics.contains { $0.message.contains("the name of code 201") })
  }

  @Test("a column name and a title one character from the template's are taken as them")
  func headersAndTitles() {
    var diagnostics: [Diagnostic] = []
    var document = Self.document(header: ["收六/项目", "收入/预算数", "上年结转结2"], rows: [["一、本年收入", "1.00", "2.00"]])
    document.tables[0].columnKinds = ["text", "amount", "amount"]
    document.tables[0].title = "阜康市交通运输局一般公共预算基本文出表"
    let fixed = Self.pipeline.recognizedLabels(document, template: Self.pipeline.templates[0], diagnostics: &diagnostics)
    #expect(fixed.tables[0].header == ["收入/项目", "收入/预算数", "上年结转结余"])
    #expect(fixed.tables[0].title == "阜康市交通运输局一般公共预算基本支出表")
    #expect(fixed.tables[0].kind != nil)
  }

  @Test("a title two characters from one title of the template of eight or more, and from no other, is taken as it; a short title two away is not")
  func titlesTwoAway() {
    let titles = Self.pipeline.templates[0].tables.flatMap(\.titles).map(TextNormalization.compact)
    #expect(Pipeline.closestEnding(of: "财政拨秋收支总委", among: titles) == "财政拨款收支总表")
    #expect(Pipeline.closestEnding(of: "阜康市交通运输局财政拨秋收支总委", among: titles) == "阜康市交通运输局财政拨款收支总表")
    // 部门收入总表 has six characters: two misread would be a third of it.
    #expect(Pipeline.closestEnding(of: "部门收六总委", among: titles) == nil)
    #expect(Pipeline.closestEnding(of: "项目支出绩效目标", among: titles) == nil)
    // The first line of a title that wraps lacks characters; none is misread.
    #expect(Pipeline.closestEnding(of: "政府性基金预算支", among: titles) == nil)
  }

  @Test("titles read by OCR: one character from a longer title than the one they end with; misread further, one of the titles of the label's table; on other sides than the same title another table prints; a table with its label unread, numbered between its neighbours")
  func titlesByDocument() {
    let template = Self.pipeline.templates[0]
    func fixed(_ title: String, label: String = "表4", number: Int = 4) -> String {
      var document = Self.document(rows: [["201", "一般公共服务支出", "1.00"]], title: title)
      document.tables[0].label = label
      document.tables[0].number = number
      var diagnostics: [Diagnostic] = []
      return Self.pipeline.recognizedLabels(document, template: template, diagnostics: &diagnostics).tables[0].title
    }
    // 财政拨敌收支总表 ends with 收支总表 (a title), and is one character from 财政拨款收支总表.
    #expect(fixed("财政拨敌收支总表") == "财政拨款收支总表")
    #expect(fixed("部门收支总表") == "部门收支总表")
    // Three of eleven characters misread: one of 表7's titles; not under another label, nor
    // without one.
    #expect(fixed("一般会共预算项目文出夫", label: "表7", number: 7) == "一般公共预算项目支出表")
    #expect(fixed("一般会共预算项目文出夫", label: "表5", number: 5) == "一般会共预算项目文出夫")
    #expect(fixed("一般会共预算项目文出夫", label: "", number: 7) == "一般会共预算项目文出夫")

    // Two tables titled 收入总体情况表, the first with two sides: it is 收支总体情况表 misread.
    var document = Self.document(header: ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"], rows: [["一、本年收入", "1.00", "201一般公共服务支出", "1.00"]], title: "收入总体情况表")
    document.tables[0].columnKinds = ["text", "amount", "text", "amount"]
    var second = Self.document(header: ["项目", "合计"], rows: [["合计", "1.00"]], title: "收入总体情况表").tables[0]
    second.columnKinds = ["text", "amount"]
    second.number = 2
    second.label = "表2"
    // Between 表2 and 表4, a table whose label was not read (表]) is 表3.
    var third = second
    third.label = ""
    third.title = "支出总体情况表"
    var fourth = second
    fourth.number = 4
    fourth.label = "表4"
    fourth.title = "财政拨款收支总体情况表"
    document.tables += [second, third, fourth]
    var diagnostics: [Diagnostic] = []
    let read = Self.pipeline.recognizedLabels(document, template: template, diagnostics: &diagnostics)
    #expect(read.tables.map(\.title) == ["收支总体情况表", "收入总体情况表", "支出总体情况表", "财政拨款收支总体情况表"])
    #expect(read.tables[2].number == 3 && read.tables[2].numberPrinted && read.tables[2].numberFromNeighbours)
    #expect(diagnostics.contains { $0.message.contains("numbered 3 between the tables before and after it") })
    // In a text layer, as printed.
    document.source.ocrPages = []
    let printed = Self.pipeline.recognizedLabels(document, template: template, diagnostics: &diagnostics)
    #expect(printed.tables.map(\.title) == ["收入总体情况表", "收入总体情况表", "支出总体情况表", "财政拨款收支总体情况表"])
    #expect(!printed.tables[2].numberPrinted)
  }

  @Test("a code that is none is taken from its row's name or read without its speck; thousands separators read as points are restored")
  func codesAndSeparators() {
    var diagnostics: [Diagnostic] = []
    let document = Self.document(rows: [
      ["oa01", "一般公共服务支出", "1.836.68"],  // letters for figures: the name's one code
      ["201103", "公务员医疗补助", "2,.365.80"],  // a figure lost: six figures are no code
      ["205.0102", "一般行政管理事务", "1.5"],  // a speck read as a point
      ["2O1", "行政运行", "12.34"],  // 行政运行 names many codes: left as read
    ])
    let fixed = Self.pipeline.recognizedLabels(document, template: Self.pipeline.templates[0], diagnostics: &diagnostics)
    let rows = fixed.tables[0].rows
    #expect(rows.map { $0.cells[0] } == ["201", "2101103", "2050102", "2O1"])
    #expect(rows.map(\.code) == ["201", "2101103", "2050102", "2O1"])
    #expect(rows.map { $0.cells[2] } == ["1,836.68", "2,365.80", "1.5", "12.34"])
    #expect(rows[0].values[2] == Decimal(string: "1836.68") && rows[1].values[2] == Decimal(string: "2365.80"))
    #expect(diagnostics.contains { $0.message.contains("a code read by OCR as “oa01” is taken as 201, the code of “一般公共服务支出”") })
    #expect(diagnostics.contains { $0.message.contains("“1.836.68” is taken as 1,836.68") })
    #expect(diagnostics.count == 5)
  }

  @Test("a part of a code printed across 类, 款 and 项 that is none is the part of its name's code; a blank part stays blank")
  func splitCodes() {
    var diagnostics: [Diagnostic] = []
    var document = Self.document(header: ["类", "款", "项", "科目名称", "合计"], rows: [
      ["210", "革上", "02", "事业单位医疗", "8.48"],  // 款 misread
      ["", "1", "03", "公务员医疗补助", "5.24"],  // 款 lost a figure, 类 blank under a merged cell
      ["210", "11", "0Z", "其他支出", "1.00"],  // a name of another code: left as read
      ["208", "1", "02", "事业单位医疗", "1.00"],  // 类 printed right disagrees with the name's code
    ])
    document.tables[0].columnKinds = ["code", "code", "code", "text", "amount"]
    let fixed = Self.pipeline.recognizedLabels(document, template: Self.pipeline.templates[0], diagnostics: &diagnostics)
    let rows = fixed.tables[0].rows
    #expect(rows.map { Array($0.cells[0...2]) } == [["210", "11", "02"], ["", "11", "03"], ["210", "11", "0Z"], ["208", "1", "02"]])
    #expect(rows[0].code == "2101102" && rows[1].code == "2101103")
    #expect(diagnostics.contains { $0.message.contains("a code read by OCR with “革上” as 11 is taken as 2101102, the code of “事业单位医疗”") })
    #expect(diagnostics.count == 2)
  }

  @Test("其中 whose colon OCR lost gets it back before a name; a four-character name takes a text one character longer")
  func openingsAndInsertions() {
    let read = Self.labels([["", "其中公务用车购置费", "1.00"], ["", "收入和总计", "1.00"], ["", "其中一般财力", "1.00"], ["", "其中：补助", "1.00"], ["", "其中1", "1.00"]])
    #expect(read.cells == ["其中：公务用车购置费", "收入总计", "其中：一般财力", "其中：补助", "其中1"])
    // A point between a code and its name is a speck.
    let header = ["收入项目", "预算数", "支出项目", "预算数"]
    let points = Self.labels([["220.自然资源海洋气象等支出", "1.00", "", ""], ["1.行政运行", "1.00", "", ""]], header: header)
    #expect(points.cells == ["220自然资源海洋气象等支出", "1.行政运行"])
    // Numbering brackets read as others are round again before a known label; (一) with
    // half-width round brackets stays as read (the page's full-width rule handles those).
    let brackets = Self.labels([["〈一}一般公共预算资金", "1.00", "", ""], ["(二)政府性基金预算资金", "1.00", "", ""]], header: header)
    #expect(brackets.cells == ["（一）一般公共预算资金", "(二)政府性基金预算资金"])
  }

  @Test("label parts: numbering, codes and 其中 before the name")
  func parts() {
    let openings = Self.pipeline.templates[0].partOpenings ?? []
    #expect(Pipeline.labelParts("一、一般公共预算拨款收入", openings: openings) == ("一、", "一般公共预算拨款收入"))
    #expect(Pipeline.labelParts("（二）政府性基金预算资金", openings: openings) == ("（二）", "政府性基金预算资金"))
    #expect(Pipeline.labelParts("201一般公共服务支出", openings: openings) == ("201", "一般公共服务支出"))
    #expect(Pipeline.labelParts("1.行政运行", openings: openings) == ("1.", "行政运行"))
    #expect(Pipeline.labelParts("其中：人员经费", openings: openings) == ("其中：", "人员经费"))
    #expect(Pipeline.labelParts("一般公共服务支出", openings: openings) == ("", "一般公共服务支出"))
  }

  @Test("edit distance: substitutions, insertions, deletions; capped at the limit")
  func distance() {
    func d(_ a: String, _ b: String, _ limit: Int = 5) -> Int { Pipeline.editDistance(Array(a), Array(b), limit: limit) }
    #expect(d("外区支出", "外交支出") == 1)
    #expect(d("一般公共有预算", "一般公共预算") == 1)
    #expect(d("资“金", "资金") == 1)
    #expect(d("文化旅游体育与传媒二", "文化旅游体育与传媒支出") == 2)
    #expect(d("", "邮电费") == 3)
    #expect(d("abcdef", "uvwxyz", 2) == 3)
  }

  @Test("the lexicon file is read strictly")
  func lexiconFile() throws {
    let file = Corpus.root.appendingPathComponent("pipelines/lexicons/classification.json")
    let lexicon = try Lexicon.decode(Array(try Data(contentsOf: file)), path: "classification.json")
    #expect(lexicon.names["202"] == ["外交支出"] && lexicon.names["30207"] == ["邮电费"])
    #expect(lexicon.labels.contains("一般公共预算拨款收入"))
    #expect(Self.pipeline.lexicon.names == lexicon.names && Self.pipeline.lexicon.labels == lexicon.labels)
    // The places file: divisions by six-digit code, merged into the pipeline's lexicon.
    let placesFile = Corpus.root.appendingPathComponent("pipelines/lexicons/places.json")
    let places = try Lexicon.decode(Array(try Data(contentsOf: placesFile)), path: "places.json")
    #expect(places.places["410381"] == "偃师市" && places.places["440204"] == "浈江区" && places.places["410300"] == "洛阳市")
    #expect(places.places.count > 3_000 && Self.pipeline.lexicon.places == places.places)
    #expect(throws: PipelineError.badValue(path: "x.json", key: "places", reason: "code \"4103\" is not six digits")) {
      try Lexicon.decode(Array(#"{"version": 1, "places": {"4103": "洛阳市"}}"#.utf8), path: "x.json")
    }
    #expect(throws: PipelineError.unknownKey(path: "x.json", key: "name")) {
      try Lexicon.decode(Array(#"{"version": 1, "name": {}}"#.utf8), path: "x.json")
    }
    #expect(throws: PipelineError.badValue(path: "x.json", key: "names", reason: "code \"2O1\" is not digits")) {
      try Lexicon.decode(Array(#"{"version": 1, "names": {"2O1": ["一般公共服务支出"]}}"#.utf8), path: "x.json")
    }
    #expect(throws: PipelineError.newerVersion(path: "x.json", version: 2, supported: 1)) {
      try Lexicon.decode(Array(#"{"version": 2}"#.utf8), path: "x.json")
    }
  }

  @Test("an amount with its thousands separators read as points, a comma and a point or a colon reads with separators; other figures do not")
  func separatorsRead() {
    #expect(Amounts.separatorsRead("1.836.68") == "1,836.68")
    #expect(Amounts.separatorsRead("2,.365.80") == "2,365.80")
    #expect(Amounts.separatorsRead("1.380：29") == "1,380.29")
    #expect(Amounts.separatorsRead("1；,380.29") == "1,380.29")  // a speck beside the comma
    #expect(Amounts.separatorsRead("-12.437.360.00") == "-12,437,360.00")
    #expect(Amounts.separatorsRead("1836.68") == nil)  // an amount as printed
    #expect(Amounts.separatorsRead("1.38.29") == nil)  // groups of three only
    #expect(Amounts.separatorsRead("1.380.295") == nil)  // two decimals at most
    #expect(Amounts.separatorsRead("2024.12.31") == nil)  // a date
  }

  @Test("a title one character from two of the templates' titles (收文 for 收支 or 收入) is taken as the one whose tables have two sides as the table has")
  func titleBySides() {
    var diagnostics: [Diagnostic] = []
    let header = ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    let twoSided = Self.document(header: header, rows: [["一、本年收入", "1.00", "201一般公共服务支出", "1.00"]], title: "部门收文总表")
    let fixed = Self.pipeline.recognizedLabels(twoSided, template: Self.pipeline.templates[0], diagnostics: &diagnostics)
    #expect(fixed.tables[0].title == "部门收支总表")
    // One side only: the other title.
    let oneSided = Self.document(header: ["项目", "合计", "一般公共预算"], rows: [["合计", "1.00", "1.00"]], title: "部门收文总表")
    let other = Self.pipeline.recognizedLabels(oneSided, template: Self.pipeline.templates[0], diagnostics: &diagnostics)
    #expect(other.tables[0].title == "部门收入总表")
    // A quote misread: one character from “三公”经费支出表 and from 支出总表 (支出表 one short):
    // the longer title. A title whose kind is known is still read so.
    let quoted = Self.document(rows: [["合计", "1.00", "1.00"]], title: "一般公共预算“三公，经费支出表")
    #expect(Self.pipeline.recognizedLabels(quoted, template: Self.pipeline.templates[0], diagnostics: &diagnostics).tables[0].title == "一般公共预算“三公”经费支出表")
  }

  @Test("a code's column between its other parts (类 ‖ 蒜 ‖ 项, or 类 and the group's name alone) is the part its place gives it")
  func codeLeaves() {
    var diagnostics: [Diagnostic] = []
    var table = Self.document(header: ["项目/科目编码/类", "项目/科目编码/蒜", "项目/科目编码/项", "项目/科目名称"], rows: []).tables[0]
    Pipeline.repairCodeLeaves(&table, leaves: ["类", "款", "项"], words: Self.pipeline.templates[0].words, diagnostics: &diagnostics, page: 3)
    #expect(table.header == ["项目/科目编码/类", "项目/科目编码/款", "项目/科目编码/项", "项目/科目名称"])
    var economic = Self.document(header: ["项目/经济分类科目编码/类", "项目/经济分类科目编码", "项目/经济分类科目名称"], rows: []).tables[0]
    Pipeline.repairCodeLeaves(&economic, leaves: ["类", "款", "项"], words: Self.pipeline.templates[0].words, diagnostics: &diagnostics, page: 3)
    #expect(economic.header == ["项目/经济分类科目编码/类", "项目/经济分类科目编码/款", "项目/经济分类科目名称"])
    // Two parts misread: left as read.
    var two = Self.document(header: ["科目编码/类", "科目编码/蒜", "科目编码/乏"], rows: []).tables[0]
    Pipeline.repairCodeLeaves(&two, leaves: ["类", "款", "项"], words: Self.pipeline.templates[0].words, diagnostics: &diagnostics, page: 3)
    #expect(two.header == ["科目编码/类", "科目编码/蒜", "科目编码/乏"])
    #expect(diagnostics.count == 2)
  }

  @Test("a row label as long as the department's name and one character from it is the name; a unit under it is not")
  func departmentLabels() {
    var document = Self.document(
      header: ["科目编码", "科目名称", "合计"],
      rows: [["", "洛阳市俐师区教育局", "2779.99"], ["", "洛阳市偃师区教育局本级", "1.00"], ["", "洛阳市偃师区教研室", "1.00"]])
    document.metadata.department = "洛阳市偃师区教育局"
    var diagnostics: [Diagnostic] = []
    let fixed = Self.pipeline.recognizedLabels(document, template: Self.pipeline.templates[0], diagnostics: &diagnostics)
    #expect(fixed.tables[0].rows.map { $0.cells[1] } == ["洛阳市偃师区教育局", "洛阳市偃师区教育局本级", "洛阳市偃师区教研室"])
    #expect(diagnostics.contains { $0.message.contains("“洛阳市俐师区教育局” is taken as “洛阳市偃师区教育局”, one character from the department's name") })
  }

  @Test("a heading on an OCR page whose ending or year's next character is one off what other headings and paragraphs print twice is read as they print it; a different year, a shared ending and a text page are left")
  func headingsByTheDocument() {
    func section(_ number: String, _ title: String, page: Int = 3, paragraphs: [String] = []) -> Section {
      Section(level: 2, number: number, title: title, heading: number + "、" + title, page: page, paragraphs: paragraphs)
    }
    var document = Self.document(rows: [])
    document.sections = [
      Section(
        level: 1, number: "第三部分", title: "2024秆遵义市水利局预算情况说明", heading: "第三部分2024秆遵义市水利局预算情况说明", page: 3,
        children: [
          section("一", "关于2024年遵义市收支预算情况说明", paragraphs: ["2024年遵义市水利局收入预算1.00万元，运行经费执行良好。"]),
          section("二", "关于2024年遵义市收入预算情况说明"),
          section("三", "关于2024年遵义市政府性基金预算拨款青况说明"),
          section("四", "关于2023年遵义市支出预算执行情况说明"),
          section("五", "关于2024年遵义市支出预算请况说明", page: 2),
          section("六", "关于2024年遵义市运行经费情况说明"),
          section(
            "七", "关于2024年遵义市收支预算情襄的总体说明",
            paragraphs: ["收支预算情况的总体安排如下。", "收支预算情况的说明。", "食品安全监管经费。", "食品安全监管支出。"]),
          section("八", "关于2024年遵义市食品安全抽检经费情况说明"),
        ])
    ]
    document.source.ocrPages = [3]
    var diagnostics: [Diagnostic] = []
    let fixed = Pipeline.recognizedHeadings(document, diagnostics: &diagnostics).sections[0]
    #expect(fixed.heading == "第三部分2024年遵义市水利局预算情况说明")
    #expect(fixed.title == "2024年遵义市水利局预算情况说明")
    // 青 is printed nowhere else: a misreading; 行 (执行) and 费 (经费) are: words of their own.
    #expect(
      fixed.children.map(\.heading) == [
        "一、关于2024年遵义市收支预算情况说明", "二、关于2024年遵义市收入预算情况说明", "三、关于2024年遵义市政府性基金预算拨款情况说明",
        "四、关于2023年遵义市支出预算执行情况说明", "五、关于2024年遵义市支出预算请况说明", "六、关于2024年遵义市运行经费情况说明",
        // 襄, printed nowhere else, between what is printed around 况 (情况的, 预算情况); 抽 is
        // only after 安全 as 监 is (安全监管), with nothing after it agreeing: left.
        "七、关于2024年遵义市收支预算情况的总体说明", "八、关于2024年遵义市食品安全抽检经费情况说明",
      ])
    #expect(fixed.children[2].title == "关于2024年遵义市政府性基金预算拨款情况说明")
    #expect(diagnostics.count == 3)
  }

  @Test("a year read with a character the document prints nowhere else takes the one it prints after that year even once; a misread mark after a heading's word takes the one other headings print there")
  func headingYearsOnceAndMarks() {
    func part(_ number: String, _ title: String) -> Section {
      Section(level: 1, number: number, title: title, heading: number + title, page: 3)
    }
    func item(_ number: String, _ title: String) -> Section {
      Section(level: 3, number: number, title: title, heading: "（\(number)）" + title, page: 3)
    }
    var document = Self.document(rows: [])
    document.sections = [
      part("第二部分", "2024秆洛阳市教育局预算公开表"),
      part("第三部分", "2024年洛阳市教育局预算情况说明"),
      // 至 is printed elsewhere (至今): a word, not a misreading, though 2024年遵 is printed once.
      part("第四部分", "2024至遵义市教育局名词解释"),
      Section(
        level: 2, number: "七", title: "关于项目支出情况说明", heading: "七、关于项目支出情况说明", page: 3, paragraphs: ["至今运行良好。", "2024年遵义市下达。", "2023年、2022年同。"],
        children: [
          item("一", "项目名称：校舍维修"), item("二", "项目名称；教师培训"), item("三", "项目名称：信息化建设"),
          // One heading prints each mark after 其他事项: no mark is the document's.
          item("四", "其他事项：说明"), item("五", "其他事项；附件"),
        ]),
    ]
    document.source.ocrPages = [3]
    var diagnostics: [Diagnostic] = []
    let fixed = Pipeline.recognizedHeadings(document, diagnostics: &diagnostics).sections
    #expect(fixed.map(\.heading) == ["第二部分2024年洛阳市教育局预算公开表", "第三部分2024年洛阳市教育局预算情况说明", "第四部分2024至遵义市教育局名词解释", "七、关于项目支出情况说明"])
    #expect(fixed[0].title == "2024年洛阳市教育局预算公开表")
    #expect(
      fixed[3].children.map(\.heading) == ["（一）项目名称：校舍维修", "（二）项目名称：教师培训", "（三）项目名称：信息化建设", "（四）其他事项：说明", "（五）其他事项；附件"])
    #expect(fixed[3].children[1].title == "项目名称：教师培训")
    #expect(diagnostics.count == 2)
    // Not on a page with a text layer.
    document.source.ocrPages = []
    diagnostics = []
    #expect(Pipeline.recognizedHeadings(document, diagnostics: &diagnostics).sections[0].heading == "第二部分2024秆洛阳市教育局预算公开表")
    #expect(diagnostics.isEmpty)
  }

  @Test("a heading one or two characters from one of the template's heading phrases, and from no other, is taken as it; one already ending with a phrase is not")
  func headingPhrases() {
    let phrases = Self.pipeline.templates[0].headingPhrases ?? []
    func section(_ heading: String, level: Int = 3) -> Section {
      Section(level: level, number: "一", title: String(heading.drop { $0 != "）" && $0 != "、" }.dropFirst()), heading: heading, page: 3)
    }
    var document = Self.document(rows: [])
    document.sections = [
      section("（二）一般公共预算当年拨款结怕情况"), section("十一、其他重要享项的情况说明", level: 2),
      section("十、关于周口市应急管理局2022年财政拨款三公？经费预算情况说明", level: 2), section("二、关于周口市应急管理局2022年收入预算情况说明", level: 2),
      section("（一）项目名称：应急管理信息化平台运维"),
    ]
    document.source.ocrPages = [3]
    var diagnostics: [Diagnostic] = []
    let fixed = Pipeline.recognizedHeadings(document, phrases: phrases, diagnostics: &diagnostics).sections
    #expect(
      fixed.map(\.heading) == [
        "（二）一般公共预算当年拨款结构情况", "十一、其他重要事项的情况说明", "十、关于周口市应急管理局2022年财政拨款“三公”经费预算情况说明",
        "二、关于周口市应急管理局2022年收入预算情况说明", "（一）项目名称：应急管理信息化平台运维",
      ])
    #expect(fixed[2].title == "关于周口市应急管理局2022年财政拨款“三公”经费预算情况说明")
    #expect(diagnostics.count == 3)
  }

  @Test("a heading's wrapped end read as its first paragraph is joined to it when it gives the heading a heading ending it lacks; a sentence or a heading already whole is not")
  func wrappedHeadingEnds() {
    var document = Self.document(rows: [])
    document.sections = [
      Section(level: 2, number: "五", title: "关于2024年一般公共预算当年拨", heading: "五、关于2024年一般公共预算当年拨", page: 3, paragraphs: ["款情况说明", "本年拨款1.00万元。"]),
      Section(level: 2, number: "六", title: "关于基本支出情况说明", heading: "六、关于基本支出情况说明", page: 3, paragraphs: ["无说明"]),
      Section(level: 2, number: "七", title: "关于项目支出", heading: "七、关于项目支出", page: 3, paragraphs: ["见下表，说明"]),
    ]
    document.source.ocrPages = [3]
    var diagnostics: [Diagnostic] = []
    let fixed = Pipeline.recognizedHeadings(document, endings: ["说明", "情况", "概况"], diagnostics: &diagnostics).sections
    #expect(fixed.map(\.heading) == ["五、关于2024年一般公共预算当年拨款情况说明", "六、关于基本支出情况说明", "七、关于项目支出"])
    #expect(fixed[0].title == "关于2024年一般公共预算当年拨款情况说明")
    #expect(fixed.map(\.paragraphs) == [["本年拨款1.00万元。"], ["无说明"], ["见下表，说明"]])
  }
}

