import Testing

@testable import DisclosureKit

/// The numbers a list of contents (目录) gives tables that print none.
@Suite("Table numbers from the list of contents")
struct ContentsNumberTests {
  @Test("numbered entries in the styles printed: 1. / 一、 / 表3 / 附表3, with dot leaders and page numbers")
  func entries() {
    let numbers = Segmenter.contentsNumbers([
      ("五、部门预算表 …………………… 6", nil),
      ("1. 2026年部门财务收支预算总表 ……………… 7", nil),
      ("4．2026年部门财政拨款收支预算总表……14", nil),
      ("一、收入支出决算总表", nil),
      ("表3 部门支出预算表", nil),
      ("附表9 国有资本经营预算支出表 ·········· 21", nil),
      ("表！1 收支总体情况表.ee3", nil),  // OCR: a speck read as a mark, leaders as letters
      ("一、主要职能", nil),
    ])
    #expect(numbers["收支总体情况表"] == 1)
    #expect(numbers["2026年部门财务收支预算总表"] == 1)
    #expect(numbers["2026年部门财政拨款收支预算总表"] == 4)
    #expect(numbers["收入支出决算总表"] == 1)
    #expect(numbers["部门支出预算表"] == 3)
    #expect(numbers["国有资本经营预算支出表"] == 9)
    // Part headings of the contents are not table titles.
    #expect(numbers["主要职能"] == nil)
  }

  @Test("a title listed twice with two numbers gives none; a missing year on either side still matches")
  func matching() {
    let numbers = Segmenter.contentsNumbers([("1. 收入决算表", nil), ("2、收入决算表", nil), ("3. 2026年部门收入预算总表", nil)])
    #expect(Segmenter.contentsNumber(of: "收入决算表", in: numbers) == nil)
    #expect(Segmenter.contentsNumber(of: "部门收入预算总表", in: numbers) == 3)
    #expect(Segmenter.contentsNumber(of: "2025年部门收入预算总表", in: numbers) == 3)
    #expect(Segmenter.contentsNumber(of: "部门支出预算总表", in: numbers) == nil)
  }
}
