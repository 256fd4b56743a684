import DisclosureKit
import DisclosurePoppler
import DisclosureTestSupport
import Foundation
import Testing

/// Scanned pages through OCR: `corpus/scans/scan-0103-p3.pdf` is page 3 of the public
/// `scan-0103.pdf` (an image-only scan of gen-0103, 200 dpi grey JPEG, turned by about half a
/// degree, blurred and speckled): 表1 部门收支总表.
@Suite("Scanned pages read by OCR")
struct ScanTests {
  @Test("a scanned table: its rules from the pixels, the skew turned back, each cell read, the amounts of gen-0103's 表1 in their rows")
  func scannedTable() throws {
    let raw = try DocumentReader().read(Corpus.path("scans/scan-0103-p3.pdf"))
    #expect(raw.source.ocrPages == [1])
    let note = try #require(raw.diagnostics.first { $0.message.hasPrefix("read by OCR") })
    #expect(note.page == 1 && note.severity == .note)
    let page = try #require(raw.pages.first)
    #expect(page.rules.contains { $0.orientation == .vertical } && page.rules.contains { $0.orientation == .horizontal })
    let document = try Golden.defaultPipeline().process(raw)
    #expect(document.source.ocrPages == [1])
    let table = try #require(document.tables.first { $0.rows.count >= 15 })
    #expect(table.label == "表1")

    // gen-0103's truth for 表1: every amount printed, at its row and column.
    let truthURL = URL(fileURLWithPath: Corpus.path("public/gen-0103.truth.json"))
    let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: truthURL)) as? [String: Any])
    let tables = try #require(truth["tables"] as? [[String: Any]])
    let first = try #require(tables.first { ($0["number"] as? Int) == 1 })
    let rows = try #require(first["rows"] as? [[String: Any]])
    // The table continues on page 4, which this excerpt leaves out: its first 16 rows are here.
    #expect(table.rows.count == 16 && rows.count > 16)
    var expected: [(row: Int, column: Int, value: Decimal)] = []
    for (index, row) in rows.prefix(table.rows.count).enumerated() {
      let cells = try #require(row["cells"] as? [String])
      for (column, cell) in cells.enumerated() where !cell.isEmpty {
        if column % 2 == 1, let value = Amounts.decimal(from: cell) { expected.append((index, column, value)) }
      }
    }
    #expect(expected.count == 5)
    let read = expected.filter { row, column, value in
      row < table.rows.count && column < table.rows[row].values.count && table.rows[row].values[column] == value
    }
    // At this blur one figure of the five is misread (53.99's 5, half gone, read as 9): the rest
    // are exact, in their rows and columns.
    #expect(read.count >= 4, "read \(read.map(\.value)) of \(expected.map(\.value))")
  }

  @Test("--ocr never leaves the scan unread, with a warning")
  func never() throws {
    let raw = try DocumentReader(settings: .init(ocr: .never)).read(Corpus.path("scans/scan-0103-p3.pdf"))
    #expect(raw.source.ocrPages.isEmpty && raw.pages.first?.glyphs.isEmpty == true)
    #expect(raw.diagnostics.contains { $0.message.contains("no text layer") })
  }
}
