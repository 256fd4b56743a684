import DisclosureExport
import DisclosureKit
import DisclosureSQLite
import DisclosureTestSupport
import Foundation
import Testing

/// The goldens exported once into `$TMPDIR/disclosure-export-test-PID/`, shared by the tests
/// below (one folder per test process, so that two checkouts tested at once do not share it).
struct ExportedCorpus: Sendable {
  static let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "disclosure-export-test-\(ProcessInfo.processInfo.processIdentifier)")
  static var database: String { folder.appendingPathComponent("corpus.db").path }
  static var csv: String { folder.appendingPathComponent("csv").path }

  /// The first run's status and stderr.
  let status: Int32
  let stderr: String

  static let shared: ExportedCorpus = {
    try? FileManager.default.removeItem(at: folder)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let run = try? Run(["export", "output", "--sqlite", database, "--csv", csv])
    return ExportedCorpus(status: run?.status ?? -1, stderr: run?.stderr ?? "cannot run \(Corpus.binary.path)")
  }()

  static func open() throws -> SQLiteDatabase {
    #expect(shared.status == 0, "\(shared.stderr)")
    return try SQLiteDatabase(path: database, mode: .readOnly)
  }
}

/// A count from a one-value query.
func count(_ database: SQLiteDatabase, _ sql: String, _ values: [SQLiteValue] = []) throws -> Int {
  Int(try database.rows(sql, values).first?.first?.integerValue ?? -1)
}

@Suite("disclosure export of the goldens")
struct ExportCommandTests {
  @Test("the run reports what it added and writes every output, with no temporary file left")
  func outputs() throws {
    let corpus = ExportedCorpus.shared
    #expect(corpus.status == 0, "\(corpus.stderr)")
    #expect(corpus.stderr.contains("corpus.db: \(Goldens.files.count) added, 0 replaced, 0 unchanged"))
    let names = try FileManager.default.contentsOfDirectory(atPath: ExportedCorpus.folder.path).sorted()
    #expect(names == ["corpus.db", "csv", "metadata.json"])
    let csv = try FileManager.default.contentsOfDirectory(atPath: ExportedCorpus.csv).sorted()
    #expect(csv == (ExportSchema.tables.map { $0.name + ".csv" } + ["datapackage.json"]).sorted())
  }

  @Test("row counts equal the JSON's, table by table")
  func counts() throws {
    let database = try ExportedCorpus.open()
    let documents = try Goldens.documents()
    let tables = documents.flatMap { $0.list("tables") }
    let rows = tables.flatMap { $0.list("rows") }
    let amounts = rows.flatMap { $0.list("values") }.filter { $0.decimalValue != nil }
    let sections = documents.flatMap(\.sectionsInOrder)
    let performance = documents.flatMap { $0.list("performance_tables") }
    let findings = documents.flatMap { $0.list("checks") }
    let expected: [String: Int] = [
      "documents": documents.count,
      "tables": tables.count,
      "rows": rows.count,
      "cells": amounts.count,
      "sections": sections.count,
      "paragraphs": sections.flatMap { $0.list("paragraphs") }.count,
      "performance_tables": performance.count,
      "performance_indicators": performance.flatMap { $0.list("indicators") }.count,
      "findings": findings.count,
      "finding_figures": findings.flatMap { $0.list("figures") }.count,
    ]
    #expect(Set(expected.keys) == Set(ExportSchema.tables.map(\.name)))
    for (table, number) in expected {
      #expect(try count(database, "SELECT count(*) FROM \"\(table)\"") == number, "\(table)")
    }
    #expect(amounts.count > 2000)
    let fails = findings.filter { $0["status"] == "fail" }.count
    #expect(try count(database, "SELECT sum(findings_fail) FROM documents") == fails)
    let keys = try database.rows("SELECT key, id FROM documents")
    #expect(keys.allSatisfy { $0[0].integerValue == Int64(DocumentKey.key(of: $0[1].textValue ?? "")) })
    #expect(try database.rows("PRAGMA foreign_key_check").isEmpty)
    #expect(try database.rows("PRAGMA integrity_check") == [[.text("ok")]])
  }

  @Test("every amount equals its JSON value exactly, as printed and in 元")
  func amounts() throws {
    let database = try ExportedCorpus.open()
    let lookup = try database.prepare(
      "SELECT printed, amount, amount_yuan FROM cells WHERE document = ? AND table_index = ? AND row_number = ? AND column_number = ?"
    )
    var checked = 0
    for document in try Goldens.documents() {
      let id = try #require(document["source"]?["sha256"]?.stringValue)
      let documentUnit = document["document"]?["currency_unit"]?.stringValue
      for (tableOffset, table) in document.list("tables").enumerated() {
        let number = tableOffset + 1
        // The goldens print amounts in 万元 or 元 (real Shanghai and Xi'an tables).
        let unit = table["unit"]?.stringValue ?? documentUnit
        let factor: Decimal = unit == "元" ? 1 : 10000
        #expect(unit == "万元" || unit == "元")
        for (rowOffset, row) in table.list("rows").enumerated() {
          let cells = row.list("cells").map { $0.stringValue ?? "" }
          for (column, value) in row.list("values").enumerated() {
            guard let decimal = value.decimalValue else { continue }
            let found = try lookup.rows([
              .integer(Int64(DocumentKey.key(of: id))), .integer(Int64(number)), .integer(Int64(rowOffset + 1)),
              .integer(Int64(column + 1)),
            ])
            guard found.count == 1, let amount = found[0][1].textValue, let yuan = found[0][2].textValue else {
              Issue.record("no amount for \(id.prefix(8)) 表\(number) row \(rowOffset + 1) column \(column + 1)")
              continue
            }
            #expect(found[0][0].textValue == cells[column])
            #expect(Decimal(string: amount) == decimal, "\(amount) vs \(decimal)")
            #expect(Decimal(string: yuan) == decimal * factor, "\(yuan) vs \(decimal)")
            #expect(!amount.contains("e") && !yuan.contains("e") && (factor != 10000 || !yuan.contains(".")))
            checked += 1
          }
        }
      }
    }
    #expect(checked == (try count(database, "SELECT count(*) FROM cells")))
  }

  @Test("sums per document and table kind equal the JSON's (computed with Decimal)")
  func sums() throws {
    let database = try ExportedCorpus.open()
    var expected: [String: Decimal] = [:]
    for document in try Goldens.documents() {
      let id = document["source"]?["sha256"]?.stringValue ?? ""
      for table in document.list("tables") {
        let key = id + "/" + (table["kind"]?.stringValue ?? "")
        for row in table.list("rows") {
          for value in row.list("values") {
            if let decimal = value.decimalValue { expected[key, default: 0] += decimal }
          }
        }
      }
    }
    var found: [String: Decimal] = [:]
    let rows = try database.rows(
      """
      SELECT d.id || '/' || coalesce(t.kind, ''), c.amount FROM cells c
      JOIN tables t ON t.document = c.document AND t.table_index = c.table_index JOIN documents d ON d.key = c.document
      """
    )
    for row in rows {
      guard let key = row[0].textValue, let amount = row[1].textValue.flatMap({ Decimal(string: $0) }) else {
        Issue.record("bad row \(row)")
        continue
      }
      found[key, default: 0] += amount
    }
    #expect(found == expected)
    #expect(found.count > 50)
  }

  @Test("a Chinese full-text query finds exactly the paragraphs containing the phrase", arguments: ["财政拨款收入", "一般公共预算", "“三公”经费", "机关运行经费"])
  func fullText(phrase: String) throws {
    let database = try ExportedCorpus.open()
    var expected: Set<String> = []
    for document in try Goldens.documents() {
      let id = document["source"]?["sha256"]?.stringValue ?? ""
      for (offset, section) in document.sectionsInOrder.enumerated() {
        for (index, paragraph) in section.list("paragraphs").enumerated()
        where paragraph.stringValue?.contains(phrase) == true {
          expected.insert("\(id)/\(offset + 1)/\(index + 1)")
        }
      }
    }
    let rows = try database.rows(
      """
      SELECT d.id || '/' || p.section_number || '/' || p.paragraph_number FROM paragraphs_fts
      JOIN paragraphs p ON p.rowid = paragraphs_fts.rowid JOIN documents d ON d.key = p.document
      WHERE paragraphs_fts MATCH ?
      """, [.text("\"\(phrase)\"")])
    #expect(Set(rows.compactMap { $0.first?.textValue }) == expected)
    #expect(rows.count == expected.count)
    #expect(!expected.isEmpty)
  }

  @Test("the trigram index finds nothing for a two-character term (LIKE does)")
  func shortTerms() throws {
    let database = try ExportedCorpus.open()
    #expect(try count(database, "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH '预算'") == 0)
    #expect(try count(database, "SELECT count(*) FROM paragraphs WHERE text LIKE '%预算%'") > 0)
    #expect(try count(database, "SELECT count(*) FROM tables_fts WHERE tables_fts MATCH '\"“三公”经费\"'") > 0)
  }

  @Test("the CSV files hold the same rows as the database, with a byte order mark and the schema's header")
  func csv() throws {
    let database = try ExportedCorpus.open()
    for table in ExportSchema.tables {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: ExportedCorpus.csv + "/" + table.name + ".csv")))
      #expect(Array(bytes.prefix(3)) == CSVFormat.byteOrderMark)
      let records = csvRecords(String(decoding: bytes.dropFirst(3), as: UTF8.self))
      #expect(records.first == table.columns.map(\.name))
      #expect(records.count - 1 == (try count(database, "SELECT count(*) FROM \"\(table.name)\"")), "\(table.name)")
      #expect(records.allSatisfy { $0.count == table.columns.count }, "\(table.name)")
    }
    let package = try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: ExportedCorpus.csv + "/datapackage.json"))))
    #expect(package.list("resources").compactMap { $0["name"]?.stringValue } == ExportSchema.tables.map(\.name))
  }

  @Test("metadata.json names the database by the file's stem, and every canned query runs")
  func metadata() throws {
    let database = try ExportedCorpus.open()
    let metadata = try JSONParser.parse(
      [UInt8](Data(contentsOf: ExportedCorpus.folder.appendingPathComponent("metadata.json"))))
    let queries = try #require(metadata["databases"]?["corpus"]?["queries"]?.objectValue)
    #expect(Set(queries.keys) == Set(CannedQuery.all.map(\.name)))
    #expect(metadata["databases"]?["corpus"]?["tables"]?["documents"]?["facets"] == ["department", "year", "kind"])
    for query in CannedQuery.all {
      let statement = query.sql.replacingOccurrences(of: ":q", with: "'\"财政拨款\"'")
      #expect(try !database.rows(statement).isEmpty, "\(query.name)")
    }
    let threePublic = try database.rows(CannedQuery.threePublic.sql)
    #expect(threePublic.contains { $0[0] == .text("浈江区市场监督管理局") && $0[3] == .text("公务接待费") && $0[7] == .text("36400") })
  }
}

@Suite("disclosure export runs again", .serialized)
struct ExportRerunTests {
  @Test("exporting again changes nothing; a changed JSON replaces its document, never duplicates it")
  func idempotent() throws {
    let temp = try TemporaryFolder()
    let database = temp.file("corpus.db")
    let first = try Run(["export", "output", "--sqlite", database])
    #expect(first.status == 0, "\(first.stderr)")
    let counts = try tableCounts(database)
    let again = try Run(["export", "output", "--sqlite", database])
    #expect(again.status == 0)
    #expect(again.stderr.contains("0 added, 0 replaced, \(Goldens.files.count) unchanged"))
    #expect(try tableCounts(database) == counts)

    // The same document indented: other bytes, so a new digest, so it is replaced.
    let golden = try #require(Goldens.files.first)
    let pretty = CanonicalJSON.data(try JSONParser.parse([UInt8](Data(contentsOf: golden))), pretty: true)
    try FileManager.default.createDirectory(atPath: temp.file("changed"), withIntermediateDirectories: true)
    try Data(pretty).write(to: URL(fileURLWithPath: temp.file("changed/" + golden.lastPathComponent)))
    let changed = try Run(["export", temp.file("changed"), "--sqlite", database])
    #expect(changed.status == 0, "\(changed.stderr)")
    #expect(changed.stderr.contains("0 added, 1 replaced, 0 unchanged"))
    #expect(try tableCounts(database) == counts)
    let fullText = try SQLiteDatabase(path: database, mode: .readOnly)
    #expect(
      try count(fullText, "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH '\"财政拨款收入\"'")
        == count(fullText, "SELECT count(*) FROM paragraphs WHERE text LIKE '%财政拨款收入%'"))
    #expect(try fullText.rows("PRAGMA integrity_check") == [[.text("ok")]])
    // FTS5's own check, against the content tables too (rank 1): the index is brought up to date
    // once at the commit, so a replaced document's old text must have left it exactly.
    let writable = try SQLiteDatabase(path: database)
    for index in ["paragraphs_fts", "tables_fts"] {
      #expect(throws: Never.self) { try writable.execute("INSERT INTO \(index) (\(index), rank) VALUES ('integrity-check', 1)") }
    }
    #expect(try count(writable, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == 6)
    // Every secondary index is there after each run: built at the commit of the first (a fresh
    // database), kept by the others (one document of many replaced, or none written).
    let indexes = Set(ExportSchema.tables.flatMap { table in table.indexes.map { "\(table.name)_\($0.joined(separator: "_"))" } })
    let present = Set(try writable.rows("SELECT name FROM sqlite_master WHERE type = 'index'").compactMap { $0.first?.textValue })
    #expect(indexes.isSubset(of: present) && !indexes.isEmpty)
    #expect(try temp.names() == ["changed", "corpus.db", "metadata.json"])
  }

  @Test("a file that is not a disclosure/1 document is listed and the others are exported; exit 1")
  func badInput() throws {
    let temp = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: temp.file("in"), withIntermediateDirectories: true)
    let golden = try #require(Goldens.files.first)
    try FileManager.default.copyItem(atPath: golden.path, toPath: temp.file("in/a.json"))
    try FileManager.default.copyItem(atPath: golden.path, toPath: temp.file("in/b.json"))
    try Data("{\"schema\": \"other/1\"}".utf8).write(to: URL(fileURLWithPath: temp.file("in/c.json")))
    try Data("{".utf8).write(to: URL(fileURLWithPath: temp.file("in/d.json")))
    let run = try Run(["export", temp.file("in"), "--sqlite", temp.file("out.db"), "--csv", temp.file("csv")])
    #expect(run.status == 1)
    let lines = run.stderr.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix(temp.file("in/b.json") + ": warning: [export] same source document (sha256 ") && $0.hasSuffix(" as \(temp.file("in/a.json")); skipped") })
    #expect(lines.contains("2 of 4 files failed:"))
    #expect(lines.contains("  \(temp.file("in/c.json")): not a disclosure/1 document (schema is other/1)"))
    #expect(lines.contains("  \(temp.file("in/d.json")): invalid json at byte 1: unexpected end of input"))
    let database = try SQLiteDatabase(path: temp.file("out.db"), mode: .readOnly)
    #expect(try count(database, "SELECT count(*) FROM documents") == 1)
    #expect(try temp.names() == ["csv", "in", "metadata.json", "out.db"])
    #expect(try !temp.names(in: "csv").contains { $0.hasPrefix(".") })
  }

  @Test("a run stopped by SIGTERM leaves the old database as it was and no temporary file")
  func stopped() throws {
    let temp = try TemporaryFolder()
    let database = temp.file("corpus.db")
    let first = try Run(["export", "output", "--sqlite", database])
    #expect(first.status == 0, "\(first.stderr)")
    let before = try Data(contentsOf: URL(fileURLWithPath: database))
    // Enough distinct documents that the run is still going when it is stopped.
    try FileManager.default.createDirectory(atPath: temp.file("many"), withIntermediateDirectories: true)
    let golden = try #require(Goldens.files.first)
    let text = try String(contentsOf: golden, encoding: .utf8)
    let id = try #require(try JSONParser.parse(text)["source"]?["sha256"]?.stringValue)
    for copy in 0..<100 {
      let other = SHA256.hex(Array("copy \(copy)".utf8))
      try text.replacingOccurrences(of: id, with: other).write(
        toFile: temp.file("many/\(copy).json"), atomically: false, encoding: .utf8)
    }
    let process = Process()
    process.executableURL = Corpus.binary
    process.arguments = ["export", temp.file("many"), "--sqlite", database, "--csv", temp.file("csv")]
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Stopped while it writes: once its temporary copy of the database is there, and a tenth
    // of a second on (a fixed wait raced a fast machine, which had renamed the copy over the
    // database by then).
    let started = Date()
    while process.isRunning, Date().timeIntervalSince(started) < 20,
      try !temp.names().contains(where: { $0.hasPrefix(".corpus.db.") && $0.hasSuffix(".partial") })
    {
      Thread.sleep(forTimeInterval: 0.005)
    }
    Thread.sleep(forTimeInterval: 0.1)
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 128 + SIGTERM)
    #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    #expect(try temp.names() == ["corpus.db", "csv", "many", "metadata.json"])
    #expect(try temp.names(in: "csv").isEmpty)
  }

  @Test("a database of another model version is refused and left as it was")
  func otherVersion() throws {
    let temp = try TemporaryFolder()
    let path = temp.file("other.db")
    do {
      let database = try SQLiteDatabase(path: path)
      try database.execute("CREATE TABLE t (x); PRAGMA user_version = 99")
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let run = try Run(["export", "output", "--sqlite", path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("is not a disclosure export database of model version 1 (user_version 99)"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try temp.names() == ["other.db"])
  }

  @Test("without an output the command explains what to give")
  func noOutput() throws {
    let run = try Run(["export", "output"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("nothing to write: give --sqlite FILE, --csv DIR or both"))
  }

  private func tableCounts(_ path: String) throws -> [String: Int] {
    let database = try SQLiteDatabase(path: path, mode: .readOnly)
    var counts: [String: Int] = [:]
    for table in ExportSchema.tables {
      counts[table.name] = try count(database, "SELECT count(*) FROM \"\(table.name)\"")
    }
    return counts
  }
}
