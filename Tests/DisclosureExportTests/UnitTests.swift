import DisclosureExport
import DisclosureKit
import DisclosureSQLite
import DisclosureTestSupport
import Foundation
import Testing

@Suite("Export building blocks")
struct ExportUnitTests {
  @Test("decimal text is plain and exact; scaling moves the point on the digits")
  func decimalText() throws {
    let samples = ["0", "1", "-1", "22635.4", "0.05", "-0.001", "120000", "123456789012345.67", "0.000001"]
    for sample in samples {
      let value = try #require(Decimal(string: sample, locale: Locale(identifier: "en_US_POSIX")))
      #expect(DecimalText.text(of: value) == sample)
      #expect(value.plainText() == value.description)
    }
    func scaled(_ text: String, _ power: Int) -> String? {
      Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))?.plainText(timesPowerOfTen: power)
    }
    #expect(scaled("1817.26", 4) == "18172600")
    #expect(scaled("0.05", 1) == "0.5")
    #expect(scaled("-3.14159", 3) == "-3141.59")
    #expect(scaled("0.00", 8) == "0")
    #expect(scaled("12", 8) == "1200000000")
    #expect(scaled("98765432109876543210.123456789", 4) == "987654321098765432101234.56789")
    #expect(DecimalText.text(of: Decimal.nan) == nil)
    // The digits are written straight from the stored mantissa: against `description` on
    // values of every length, sign and point position (a fixed generator, so a failure repeats).
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state
    }
    for _ in 0..<2000 {
      let digits = Int(next() % 19) + 1
      let mantissa = next() % UInt64(pow(10.0, Double(digits)))
      let exponent = Int(next() % 25) - 15
      let sign = next() % 2 == 0 ? "" : "-"
      let value = try #require(Decimal(string: "\(sign)\(mantissa)e\(exponent)", locale: Locale(identifier: "en_US_POSIX")))
      #expect(value.plainText() == value.description, "\(sign)\(mantissa)e\(exponent)")
    }
  }

  /// The default pipeline's money units.
  static func defaultUnits() throws -> MoneyUnit {
    MoneyUnit(templates: try Golden.defaultPipeline().templates)
  }

  @Test("money units (the templates' currencyUnits) convert to 元 exactly; an unknown unit gives no amount in 元")
  func moneyUnits() throws {
    let units = try Self.defaultUnits()
    func yuan(_ text: String, _ unit: String?) -> String? {
      Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).flatMap { units.yuan($0, unit: unit) }
    }
    #expect(yuan("9.2", "万元") == "92000")
    #expect(yuan("1.23", "元") == "1.23")
    #expect(yuan("1.5", "千元") == "1500")
    #expect(yuan("0.000000015", "亿元") == "1.5")
    #expect(yuan("1", "美元") == nil)
    #expect(yuan("1", nil) == nil)
  }

  @Test("code levels by length: 类 3 digits, 款 5, 项 7")
  func codeLevels() {
    #expect(CodeLevel.name(of: "201") == "类")
    #expect(CodeLevel.name(of: "20138") == "款")
    #expect(CodeLevel.name(of: "2013808") == "项")
    #expect(CodeLevel.name(of: "2013") == nil)
    #expect(CodeLevel.name(of: "20a") == nil)
  }

  @Test("CSV records quote only what needs it and end in CRLF")
  func csvRecords() {
    #expect(String(decoding: CSVFormat.record(["a", "b,c", "say \"hi\"", "line\nbreak", ""]), as: UTF8.self)
      == "a,\"b,c\",\"say \"\"hi\"\"\",\"line\nbreak\",\r\n")
    #expect(String(decoding: CSVFormat.record([.null, .integer(3), .decimal("0.5"), .boolean(true), .text("表1")]), as: UTF8.self)
      == ",3,0.5,true,表1\r\n")
  }

  @Test("each side of a two-sided table gets its own label and code; project tables their project")
  func keyColumns() throws {
    let document: JSONValue = [
      "schema": "disclosure/1",
      "source": ["file": "x.pdf", "sha256": "abc", "pages": 1, "input": "pdf"],
      "document": ["kind": "budget", "department": "某局", "year": 2024, "publication_date": nil, "currency_unit": "万元"],
      "tables": [
        [
          "number": 1, "label": "表1", "title": "收支总表", "kind": "income_expense_summary", "unit": "万元",
          "header": ["收入/项目", "收入/预算数", "支出/功能分类科目编码", "支出/功能分类科目名称", "支出/预算数"],
          "column_kinds": ["text", "amount", "code", "text", "amount"],
          "rows": [
            [
              "cells": ["一、一般公共预算拨款收入", "1817.26", "201", "一般公共服务支出", "1514.09"], "code": "201",
              "page": 5, "values": [nil, .number(Decimal(string: "1817.26")!), nil, nil, .number(Decimal(string: "1514.09")!)],
            ]
          ],
        ],
        [
          "number": 7, "label": "表7", "title": "项目支出表", "kind": "general_budget_project_expense", "unit": nil,
          "header": ["科目编码", "科目名称", "项目名称", "项目支出合计"],
          "column_kinds": ["code", "text", "text", "amount"],
          "rows": [
            [
              "cells": ["201 38 08", "信息化建设", "市场监管信息化建设项目", "173.26"], "code": "2013808", "page": 12,
              "values": [nil, nil, nil, .number(Decimal(string: "173.26")!)],
            ]
          ],
        ],
      ],
      "sections": [
        ["level": 1, "number": "第一部分", "title": "概况", "heading": "第一部分概况", "page": 3, "paragraphs": ["甲。"],
         "children": [["level": 2, "number": "一", "title": "职能", "heading": "一、职能", "page": 3, "paragraphs": ["乙。", "丙。"], "children": []]]]
      ],
      "checks": [["rule": "r", "status": "fail", "message": "m", "expected": 1, "found": 2, "difference": 1, "figures": []]],
    ]
    let batch = try DocumentFlattener(units: try Self.defaultUnits()).batch(of: document, fileDigest: "def")
    let cells = try #require(ExportSchema.table(named: "cells"))
    func column(_ name: String, _ row: [ExportValue]) -> ExportValue { row[cells.index(of: name)!] }
    let rows = batch.rows(of: "cells")
    #expect(rows.count == 3)
    #expect(column("row_label", rows[0]) == .text("一、一般公共预算拨款收入"))
    #expect(column("code", rows[0]) == .null)
    #expect(column("amount_yuan", rows[0]) == .decimal("18172600"))
    #expect(column("row_label", rows[1]) == .text("一般公共服务支出"))
    #expect(column("code", rows[1]) == .text("201"))
    #expect(column("code_level", rows[1]) == .text("类"))
    #expect(column("column_name", rows[1]) == .text("支出/预算数"))
    #expect(column("row_label", rows[2]) == .text("信息化建设"))
    #expect(column("project", rows[2]) == .text("市场监管信息化建设项目"))
    #expect(column("code_level", rows[2]) == .text("项"))
    #expect(column("unit", rows[2]) == .text("万元"), "the document's unit when the table prints none")
    let paragraphs = batch.rows(of: "paragraphs")
    #expect(paragraphs.map { $0[3] } == [.text("第一部分"), .text("第一部分/一"), .text("第一部分/一")])
    #expect(batch.rows(of: "documents").first?[ExportSchema.table(named: "documents")!.index(of: "findings_fail")!] == .integer(1))
    for table in ExportSchema.tables {
      #expect(batch.rows(of: table.name).allSatisfy { $0.count == table.columns.count })
    }
    #expect(throws: ExportError("not a disclosure/1 document (schema is missing)")) {
      try DocumentFlattener(units: try Self.defaultUnits()).batch(of: ["tables": []], fileDigest: "")
    }
  }

  @Test("the SQLite module binds, reads back and reports errors with the statement")
  func sqlite() throws {
    let database = try SQLiteDatabase(path: ":memory:")
    try database.execute("CREATE TABLE t (a INTEGER, b TEXT, c REAL)")
    let insert = try database.prepare("INSERT INTO t VALUES (?, ?, ?)")
    try insert.run([.integer(1), .text("一般公共预算"), .real(1.5)])
    try insert.run([.null, .text("x"), .null])
    #expect(try database.rows("SELECT * FROM t ORDER BY a") == [[.null, .text("x"), .null], [.integer(1), .text("一般公共预算"), .real(1.5)]])
    #expect(throws: SQLiteError.self) { try insert.run([.integer(1)]) }
    do {
      try database.execute("SELECT * FROM missing")
      Issue.record("no error")
    } catch {
      #expect(error.message == "no such table: missing")
      #expect(error.description.hasPrefix("sqlite error 1: no such table: missing"))
    }
    #expect(SQLiteDatabase.libraryVersion.hasPrefix("3."))
    let fts = try database.rows("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
    #expect(fts == [[.integer(1)]])
  }

  @Test("the schema's statements create a database; every table has a document key")
  func schema() throws {
    let database = try SQLiteDatabase(path: ":memory:")
    for statement in ExportSchema.createStatements { try database.execute(statement) }
    for statement in ExportSchema.createStatements { try database.execute(statement) }
    for table in ExportSchema.tables {
      #expect(table.index(of: ExportSchema.documentColumn(of: table)) == 0)
      #expect(table.primaryKey.allSatisfy { table.index(of: $0) != nil })
      for key in table.foreignKeys {
        let target = try #require(ExportSchema.table(named: key.table))
        #expect(target.primaryKey == key.referencedColumns)
      }
    }
  }
}

@Suite("Document keys")
struct DocumentKeyTests {
  @Test("a document's key is the first 15 hex digits of its SHA-256; other ids are hashed first")
  func keys() {
    #expect(DocumentKey.key(of: "23836107cd83d61361645e0848d056d99697124c76bb48f0a8b8b0830b7dd24b") == 0x2383_6107_cd83_d61)
    #expect(DocumentKey.key(of: "abc") == Int(SHA256.hex(Array("abc".utf8)).prefix(15), radix: 16))
    #expect(DocumentKey.key(of: String(repeating: "f", count: 64)) == (1 << 60) - 1)
  }
}
