import Testing

@testable import DisclosureKit
import DisclosureTestSupport

/// Unruled tables read from the alignment of their text. Each page is drawn as pieces of text
/// placed at `(x, top)`: CJK glyphs are a size wide, other glyphs half that.
@Suite("Tables without rules")
struct AlignedTableReaderTests {
  static func page(_ pieces: [(x: Double, top: Double, text: String)], size: Double = 11) -> [TextLine] {
    LineBuilder().lines(from: glyphs(pieces, size: size), page: 1)
  }

  static func glyphs(_ pieces: [(x: Double, top: Double, text: String)], size: Double = 11) -> [Glyph] {
    var glyphs: [Glyph] = []
    for piece in pieces {
      var x = piece.x
      for scalar in piece.text.unicodeScalars {
        let width = TextNormalization.isCJK(scalar) ? size : size / 2
        let box = Box(x0: x, top: piece.top, x1: x + width, bottom: piece.top + size)
        glyphs.append(Glyph(scalar: scalar, box: box, fontSize: size))
        x += width
      }
    }
    return glyphs
  }

  /// A piece of text ending at `x1` (right-aligned).
  static func right(_ x1: Double, _ top: Double, _ text: String, size: Double = 11) -> (x: Double, top: Double, text: String) {
    (x1 - Double(text.unicodeScalars.count) * size / 2, top, text)
  }

  @Test("wrapped labels: the leading keeps a cell together, the rows' padding parts rows")
  func rowsByLeading() {
    // Leading 12.1 inside a cell, 13.2 from one row to the next; a row without values.
    let lines = Self.page([
      (0, 100, "项目"), (100, 100, "预算数"),
      (0, 120, "一、本年收入"), Self.right(140, 120, "751.67"),
      (0, 133.2, "（一）一般公"),
      (0, 145.3, "共预算资金"), Self.right(140, 145.3, "26.66"),
      (0, 158.5, "（二）政府性"),
      (0, 170.6, "基金预算资金"),
      (0, 183.8, "收入总计"), Self.right(140, 183.8, "778.33"),
    ])
    let (header, rows) = AlignedTableReader(words: Corpus.budgetWords).read(lines)
    #expect(header == ["项目", "预算数"])
    #expect(
      rows.map(\.cells) == [
        ["一、本年收入", "751.67"], ["（一）一般公共预算资金", "26.66"], ["（二）政府性基金预算资金", ""],
        ["收入总计", "778.33"],
      ])
  }

  @Test("wide columns: a name centred over a column heads the amounts right-aligned in it")
  func namesOverWideColumns() {
    let lines = Self.page([
      (49, 100, "合计"), (163.5, 100, "因公费"), (289, 100, "小计"), (403.5, 100, "接待费"),
      Self.right(115, 120, "9.27"), Self.right(355, 120, "6.08"), Self.right(475, 120, "3.19"),
    ])
    let (header, rows) = AlignedTableReader(words: Corpus.budgetWords).read(lines)
    #expect(header == ["合计", "因公费", "小计", "接待费"])
    #expect(rows.map(\.cells) == [["9.27", "", "6.08", "3.19"]])
  }

  @Test("header lines repeated at the top of the next page are not body rows")
  func repeatedHeader() {
    var lines = Self.page([
      (0, 100, "科目名称"), (100, 100, "合计"),
      (0, 120, "基本工资"), Self.right(130, 120, "299.88"),
    ])
    lines += Self.page([
      (0, 60, "科目名称"), (100, 60, "合计"),
      (0, 80, "津贴补贴"), Self.right(130, 80, "336.47"),
    ]).map { line in
      var line = line
      line.page = 2
      return line
    }
    let (header, rows) = AlignedTableReader(words: Corpus.budgetWords).read(lines)
    #expect(header == ["科目名称", "合计"])
    #expect(rows.map(\.cells) == [["基本工资", "299.88"], ["津贴补贴", "336.47"]])
  }

  @Test("an empty table: a name over two narrow columns is their group")
  func emptyTableGroups() {
    // 项目 centred over 科目编码 (one glyph a line) and 科目名称; the table prints only 合计.
    let lines = Self.page([
      (226.7, 151.7, "项目"), (267.1, 151.7, "国有资本经营预算支出"),
      (217.1, 170.9, "科"),
      (217.1, 185.2, "目"), (236.2, 185.2, "科目"), (305.6, 185.2, "基本支"), (345.5, 185.2, "项目支"),
      (271.2, 192.4, "合计"),
      (217.1, 199.5, "编"), (236.2, 199.5, "名称"), (316.6, 199.5, "出"), (356.5, 199.5, "出"),
      (217.1, 213.8, "码"),
      (236.2, 232.6, "合计"),
    ])
    let (header, rows) = AlignedTableReader(words: Corpus.budgetWords).read(lines)
    #expect(
      header == [
        "项目/科目编码", "项目/科目名称", "国有资本经营预算支出/合计", "国有资本经营预算支出/基本支出",
        "国有资本经营预算支出/项目支出",
      ])
    #expect(rows.map(\.cells) == [["", "合计", "", "", ""]])
  }

  @Test("read by OCR, an amount whose separators were read as points or a colon (1.380.29, 1.380：29) is one amount, cut from the code after it")
  func misreadSeparators() {
    let lines = Self.page([
      (0, 100, "项目"), (110, 100, "预算数"), (160, 100, "科目编码"), (220, 100, "科目名称"),
      (0, 120, "一、本年收入"), (105.5, 120, "1.380.29"), (155.5, 120, "201"), (220, 120, "一般公共服务支出"),
      (0, 140, "本年收入合计"), (100, 140, "1.380：29"), (155.5, 140, "210"), (220, 140, "卫生健康支出"),
      (0, 160, "收入总计"), Self.right(149.5, 160, "1,380.29"),
    ])
    let scanned = AlignedTableReader(words: Corpus.budgetWords, scannedPages: [1]).read(lines)
    #expect(scanned.header == ["项目", "预算数", "科目编码", "科目名称"])
    #expect(
      scanned.rows.map(\.cells) == [
        ["一、本年收入", "1.380.29", "201", "一般公共服务支出"], ["本年收入合计", "1.380：29", "210", "卫生健康支出"],
        ["收入总计", "1,380.29", "", ""],
      ])
    // From a text layer, points and colons are as printed: 1.380.29 is no amount.
    let printed = AlignedTableReader(words: Corpus.budgetWords).read(lines)
    #expect(printed.rows.map(\.cells) != scanned.rows.map(\.cells))
  }

  @Test("read by OCR, a code misread as a number of another length (2144 for 214) stands where the codes start, and is a code")
  func misreadCodes() {
    // 功能分类 heads one column: each code printed in the cell before its name.
    let lines = Self.page([
      (40, 100, "功能分类"), (110, 100, "预算数"),
      (0, 120, "201"), (24, 120, "一般公共服务支出"), Self.right(140, 120, "12.50"),
      (0, 135, "2144"), (30, 135, "交通运输支出"), Self.right(140, 135, "3.20"),
      (0, 150, "203"), (24, 150, "国防支出"), Self.right(140, 150, "1.00"),
    ])
    let scanned = AlignedTableReader(words: Corpus.budgetWords, scannedPages: [1]).read(lines)
    #expect(scanned.header == ["功能分类", "预算数"])
    #expect(scanned.rows.map(\.cells) == [["201一般公共服务支出", "12.50"], ["2144交通运输支出", "3.20"], ["203国防支出", "1.00"]])
    // From a text layer, 2144 is as printed: an amount, in a column of its own.
    let printed = AlignedTableReader(words: Corpus.budgetWords).read(lines)
    #expect(printed.header.count == 3)
  }

  @Test("read by OCR, a code boxed up to its name (the line's boxes shifted) ends where the codes of its length end")
  func codeBoxedToItsName() {
    // 科目编码 and 科目名称 columns; the third code's last figure is boxed up to 住, and the
    // names start 7 points after the codes end; a justified name's characters stand apart.
    var glyphs = Self.glyphs([
      (0, 100, "科目编码"), (70, 100, "科目名称"), (160, 100, "合计"),
      (0, 120, "2080201"), (46, 120, "行"), (71, 120, "政"), (96, 120, "运"), (121, 120, "行"), Self.right(190, 120, "598.62"),
      (0, 135, "2080501"), (46, 135, "行政单位离退休"), Self.right(190, 135, "1.55"),
      (0, 150, "2210201"), (54, 150, "住"), (79, 150, "房"), Self.right(190, 150, "56.00"),
      (0, 165, "2210202"), (46, 165, "提租补贴"), Self.right(190, 165, "3.00"),
    ])
    let last = glyphs.firstIndex { $0.box.top == 150 && $0.box.x0 == 33 }
    #expect(last.map { glyphs[$0].scalar } == "1")
    if let last { glyphs[last].box.x1 = 54 }
    let lines = LineBuilder().lines(from: glyphs, page: 1)
    let rows = AlignedTableReader(words: Corpus.budgetWords, scannedPages: [1]).read(lines).rows.map(\.cells)
    #expect(rows == [
      ["2080201", "行政运行", "598.62"], ["2080501", "行政单位离退休", "1.55"], ["2210201", "住房", "56.00"],
      ["2210202", "提租补贴", "3.00"],
    ])
  }

  @Test("read by OCR, a wrapped label's next line may stand a fifth more than the leading below it; a numbered label starts a row")
  func scannedLeading() {
    // Wrapped lines 12.7 and 14.4 apart (the OCR's middles wander), rows 15.4 apart.
    let lines = Self.page([
      (0, 100, "项目"), (100, 100, "预算数"),
      (0, 120, "一、本年收入"), Self.right(140, 120, "751.67"),
      (0, 136.2, "（一）一般公共预算资"), Self.right(140, 136.2, "26.66"),
      (0, 150.6, "金"),
      (0, 166, "（二）政府性基金预算"),
      (0, 178.7, "资金"),
      (0, 195, "收入总计"), Self.right(140, 195, "778.33"),
    ])
    let expected = [
      ["一、本年收入", "751.67"], ["（一）一般公共预算资金", "26.66"], ["（二）政府性基金预算资金", ""], ["收入总计", "778.33"],
    ]
    #expect(AlignedTableReader(words: Corpus.budgetWords, scannedPages: [1]).read(lines).rows.map(\.cells) == expected)
    // From a text layer, whose lines stand where they are printed, 金 14.4 below is a row.
    #expect(AlignedTableReader(words: Corpus.budgetWords).read(lines).rows.map(\.cells) != expected)
  }
}
