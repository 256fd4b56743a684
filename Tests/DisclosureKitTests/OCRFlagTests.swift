import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosureKit

/// Figures read by OCR that may be wrong are never silent: each gets a warning with its place.
@Suite("OCR: figures that may be misread are flagged")
struct OCRFlagTests {
  static func document(_ rows: [[String]], scanned: [Int] = [3]) -> DisclosureDocument {
    let kinds = ["code", "text", "amount"]
    let built = rows.map { cells -> Row in
      Row(cells: cells, values: [nil, nil, Amounts.decimal(from: cells[2])], code: cells[0].isEmpty ? nil : cells[0], page: 3)
    }
    var source = RawDocument.Source(file: "s.pdf", sha256: String(repeating: "0", count: 64), pages: 3, input: .pdf)
    source.ocrPages = scanned
    return DisclosureDocument(
      source: source, metadata: Metadata(kind: "budget"),
      tables: [
        Table(
          number: 1, label: "表1", title: "t", kind: "other", unit: "万元", pages: [3], header: ["科目编码", "科目名称", "合计"],
          columnKinds: kinds, rows: built)
      ])
  }

  static let rows = [
    ["合计", "", "30.00"], ["201", "一般公共服务支出", "10.00"], ["2O102", "行政运行", "6.00"],
    ["20103", "一般行政管理事务", "400"], ["20104", "机关服务", "4.00"], ["20105", "专项服务", "J5.00"],
  ]

  @Test("a code that is not one, a figure with other decimals than its table's, text in a column of figures; not 合计 across the code columns")
  func oddlyPrinted() {
    let messages = Pipeline.unsureAmounts(Self.document(Self.rows), totals: ["合计", "总计"]).map(\.message)
    #expect(messages.count == 3)
    #expect(messages.contains { $0.contains("not a code: “2O102”") })
    #expect(messages.contains { $0.contains("printed with 0 decimals where its table prints 2: 400") })
    #expect(messages.contains { $0.contains("not a figure: “J5.00”") })
  }

  @Test("a name read by OCR that differs from its code's name in another table is flagged, both ways; names that agree are not")
  func namesApart() {
    var document = Self.document([["201", "一般公共服务支出", "10.00"], ["202", "外区支出", "5.00"]])
    document.tables.append(
      Table(
        number: 2, label: "表2", title: "u", kind: "other", unit: "万元", pages: [3], header: ["收入", "支出", "合计"],
        columnKinds: ["text", "text", "amount"],
        rows: [
          Row(cells: ["一、本年收入", "201一般公共服务支出", "10.00"], values: [nil, nil, 10], code: "201", page: 3),
          Row(cells: ["", "202外交支出", "5.00"], values: [nil, nil, 5], code: "202", page: 3),
        ]))
    let messages = Pipeline.namesApart(document, scanned: [3]).map(\.message)
    #expect(messages.count == 2)
    #expect(messages.contains { $0.contains("202 “外区支出”, against “外交支出” (表2 p3)") })
    #expect(messages.contains { $0.contains("202 “外交支出”, against “外区支出” (表1 p3)") })
    #expect(Pipeline.namesApart(document, scanned: []).isEmpty)
  }

  @Test("pages with a text layer are not OCR's: nothing is flagged there")
  func textPages() {
    #expect(Pipeline.unsureAmounts(Self.document(Self.rows, scanned: [2]), totals: ["合计"]).isEmpty)
  }
  @Test("a cell of words read more than one way is read as the one other reading that is a word of the template; not when it is one, or none or two others are")
  func templateWords() throws {
    let pipeline = try Golden.defaultPipeline()
    func raw(_ printed: String, others: [String]) -> RawDocument {
      let scalars = Array(printed.unicodeScalars)
      let glyphs = scalars.enumerated().map { index, scalar in
        Glyph(scalar: scalar, box: Box(x0: 100 + 10 * Double(index), top: 100, x1: 110 + 10 * Double(index), bottom: 110), fontSize: 10)
      }
      var page = RawPage(number: 1, size: .init(width: 595, height: 842), fonts: ["OCR"], glyphs: glyphs)
      page.textReadings = [CellReadings(box: Box(x0: 98, top: 98, x1: 102 + 10 * Double(scalars.count), bottom: 112), others: others)]
      var source = RawDocument.Source(file: "s.pdf", sha256: String(repeating: "0", count: 64), pages: 1, input: .pdf)
      source.ocrPages = [1]
      return RawDocument(source: source, pages: [page])
    }
    func text(_ raw: RawDocument) -> String { String(String.UnicodeScalarView(raw.pages[0].glyphs.map(\.scalar))) }
    let fixed = pipeline.templateWords(raw("全计", others: ["合计", "全让"]))
    #expect(text(fixed) == "合计")
    #expect(fixed.diagnostics.contains { $0.message.contains("“全计” is taken as “合计”") && $0.page == 1 })
    // A reading that is a word already stays; so does one with no word among the others, or two.
    #expect(text(pipeline.templateWords(raw("小计", others: ["合计"]))) == "小计")
    #expect(text(pipeline.templateWords(raw("全让", others: ["全下"]))) == "全让")
    #expect(text(pipeline.templateWords(raw("全下", others: ["合计", "小计"]))) == "全下")
  }
}
