import DisclosureKit
import DisclosurePoppler
import DisclosureTestSupport
import Foundation
import Testing

/// Scanned pages through OCR: `corpus/scans/scan-0103-p3-4.pdf` is pages 3 and 4 of the public
/// `scan-0103.pdf` (an image-only scan of gen-0103, 200 dpi grey JPEG, turned by about half a
/// degree, blurred and speckled): 表1 部门收支总表, across the page break.
@Suite("Scanned pages read by OCR")
struct ScanTests {
  static let path = Corpus.path("scans/scan-0103-p3-4.pdf")

  @Test("a scanned table: its rules from the pixels, the skew turned back, each cell read, the amounts of gen-0103's 表1 in their rows across the page break")
  func scannedTable() throws {
    let raw = try DocumentReader().read(Self.path)
    #expect(raw.source.ocrPages == [1, 2])
    let notes = raw.diagnostics.filter { $0.message.hasPrefix("read by OCR") }
    #expect(notes.map(\.page) == [1, 2] && notes.allSatisfy { $0.severity == .note })
    let page = try #require(raw.pages.first)
    #expect(page.rules.contains { $0.orientation == .vertical } && page.rules.contains { $0.orientation == .horizontal })
    let document = try Golden.defaultPipeline().process(raw)
    #expect(document.source.ocrPages == [1, 2])
    let table = try #require(document.tables.first { $0.rows.count >= 15 })
    #expect(table.label == "表1" && table.pages == [1, 2])

    // gen-0103's truth for 表1: every amount printed, at its row and column.
    let truthURL = URL(fileURLWithPath: Corpus.path("public/gen-0103.truth.json"))
    let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: truthURL)) as? [String: Any])
    let tables = try #require(truth["tables"] as? [[String: Any]])
    let first = try #require(tables.first { ($0["number"] as? Int) == 1 })
    let rows = try #require(first["rows"] as? [[String: Any]])
    #expect(table.rows.count == rows.count)
    var expected: [(row: Int, column: Int, value: Decimal)] = []
    for (index, row) in rows.enumerated() {
      let cells = try #require(row["cells"] as? [String])
      for (column, cell) in cells.enumerated() where !cell.isEmpty {
        if column % 2 == 1, let value = Amounts.decimal(from: cell) { expected.append((index, column, value)) }
      }
    }
    #expect(expected.count == 8)
    // Every label as printed: those OCR misreads by a character (202外区支出, 一般公共有预算拨款收入)
    // are taken as the names of their codes and the template's labels, each with a note.
    for (index, row) in rows.enumerated() where index < table.rows.count {
      let cells = try #require(row["cells"] as? [String])
      for column in stride(from: 0, to: min(cells.count, table.rows[index].cells.count), by: 2) {
        #expect(table.rows[index].cells[column] == cells[column], "row \(index) column \(column)")
      }
    }
    #expect(document.diagnostics.contains { $0.message.contains("a label read by OCR as “202外区支出” is taken as “202外交支出”") })
    let read = expected.filter { row, column, value in
      row < table.rows.count && column < table.rows[row].values.count && table.rows[row].values[column] == value
    }
    // At this blur one figure of the eight is misread (53.99's 5, half gone, read as 9): the rest
    // are exact, in their rows and columns.
    #expect(read.count >= 7, "read \(read.map(\.value)) of \(expected.map(\.value))")
    // The misread figure is not silent: the sum it is in fails, and it is flagged.
    let wrong = Set(expected.map(\.value)).subtracting(read.map(\.value))
    for value in wrong {
      #expect(document.diagnostics.contains { $0.message.contains("read by OCR") && $0.message.contains("does not hold") && $0.page != nil })
      _ = value
    }
  }

  /// gen-0103 as if its page with 表5's 住房公积金 row (2210201) had been read by OCR, that row's
  /// first amount (64.62) read as `printed`, with `others` the recognizer's other readings.
  static func misread(_ printed: String, others: [String]) throws -> (document: DisclosureDocument, box: Box, page: Int) {
    try misread(printed, column: { row in row.values.firstIndex { $0 != nil } }, expecting: "64.62") { page, box in
      page.figureReadings = [CellReadings(box: box, others: others)]
    }
  }

  /// gen-0103 as if its page with 表5's 住房公积金 row (2210201) had been read by OCR, the cell
  /// of that row at `column` (which prints `expecting`) read as `printed`; `readings` adds what
  /// the recognizer would have said of the cell's box. With `scanned` false the page keeps its
  /// text layer (nothing was read by OCR).
  static func misread(
    _ printed: String, column: (Row) -> Int?, expecting: String, scanned: Bool = true,
    readings: (inout RawPage, Box) -> Void = { _, _ in }
  ) throws -> (document: DisclosureDocument, box: Box, page: Int) {
    let raw = try DocumentReader().read(Corpus.path("public/gen-0103.pdf"))
    let pipeline = try Golden.defaultPipeline()
    let clean = pipeline.process(raw)
    let table = try #require(clean.tables.first { $0.label == "表5" })
    let row = try #require(table.rows.first { $0.code == "2210201" })
    let column = try #require(column(row))
    #expect(row.cells[column] == expecting)
    let location = try #require(row.location(column))
    var broken = raw
    let index = try #require(broken.pages.firstIndex { $0.number == location.page })
    let inside = { (glyph: Glyph) in
      location.box.x0 <= glyph.box.midX && glyph.box.midX <= location.box.x1
        && location.box.top <= (glyph.box.top + glyph.box.bottom) / 2 && (glyph.box.top + glyph.box.bottom) / 2 <= location.box.bottom
    }
    let old = broken.pages[index].glyphs.filter(inside)
    let first = try #require(old.first)
    let last = try #require(old.last)
    let box = Box(x0: first.box.x0, top: first.box.top, x1: last.box.x1, bottom: first.box.bottom)
    let scalars = Array(printed.unicodeScalars)
    let step = (box.x1 - box.x0) / Double(scalars.count)
    let made = scalars.enumerated().map { offset, scalar in
      Glyph(
        scalar: scalar, box: Box(x0: box.x0 + step * Double(offset), top: box.top, x1: box.x0 + step * Double(offset + 1), bottom: box.bottom),
        font: first.font, fontSize: first.fontSize)
    }
    broken.pages[index].glyphs = broken.pages[index].glyphs.filter { !inside($0) } + made
    if scanned { broken.source.ocrPages = [location.page] }
    readings(&broken.pages[index], box)
    let document = pipeline.process(broken)
    return (document, box, location.page)
  }

  @Test("a misread amount is taken as the one other reading that makes every sum it is in hold, and says so; with no such reading it stays, flagged")
  func sumsChooseAReading() throws {
    func cell(_ document: DisclosureDocument) -> String? {
      guard let row = document.tables.first(where: { $0.label == "表5" })?.rows.first(where: { $0.code == "2210201" }) else { return nil }
      return row.values.firstIndex { $0 != nil }.map { row.cells[$0] }
    }
    let fixed = try Self.misread("04.62", others: ["04.672", "64.62"])
    #expect(cell(fixed.document) == "64.62")
    #expect(fixed.document.diagnostics.contains { $0.message.contains("read by OCR as “04.62” is taken as 64.62") && $0.page == fixed.page })
    #expect(!fixed.document.checks.contains { $0.status == .fail })
    // No reading makes the sums hold: the amount stays as read, and the failing sum flags it.
    let kept = try Self.misread("04.62", others: ["04.672", "604.62"])
    #expect(cell(kept.document) == "04.62")
    #expect(!kept.document.diagnostics.contains { $0.message.contains("an amount read by OCR as") })
    #expect(kept.document.diagnostics.contains { $0.message.contains("in a sum that does not hold") && $0.page == kept.page })
  }

  @Test("a label OCR misread by a character or two is taken as its code's name, with a note; not when no name is that close, nor in a text layer")
  func labelsTakeTheirCodesName() throws {
    func label(_ document: DisclosureDocument) -> String? {
      document.tables.first(where: { $0.label == "表5" })?.rows.first(where: { $0.code == "2210201" })?.cells
        .first { !$0.isEmpty && Amounts.decimal(from: $0) == nil && !$0.allSatisfy(\.isNumber) }
    }
    let labelColumn = { (row: Row) in row.cells.firstIndex(of: "住房公积金") }
    // One character off (金 read as 全): the name of code 2210201 in the classification.
    let fixed = try Self.misread("住房公积全", column: labelColumn, expecting: "住房公积金")
    #expect(label(fixed.document) == "住房公积金")
    #expect(
      fixed.document.diagnostics.contains {
        $0.message.contains("a label read by OCR as “住房公积全” is taken as “住房公积金”, the name of code 2210201") && $0.page == fixed.page
          && $0.severity == .note
      })
    // Three characters off: no name is that close, so the label stays as read.
    let far = try Self.misread("住宅金积全", column: labelColumn, expecting: "住房公积金")
    #expect(label(far.document) == "住宅金积全")
    #expect(!far.document.diagnostics.contains { $0.message.contains("a label read by OCR") })
    // The same characters in a text layer are what the document prints: never changed.
    let printed = try Self.misread("住房公积全", column: labelColumn, expecting: "住房公积金", scanned: false)
    #expect(label(printed.document) == "住房公积全")
    #expect(!printed.document.diagnostics.contains { $0.message.contains("a label read by OCR") })
  }

  @Test("another document's scan, turned by 0.7°: gen-0104's 表1 and 表2 row by row against its truth, and every row not exact flagged on its page")
  func anotherScan() throws {
    let raw = try DocumentReader().read(Corpus.path("scans/scan-0104-p4-6.pdf"))
    #expect(raw.source.ocrPages == [1, 2, 3])
    let document = try Golden.defaultPipeline().process(raw)
    let truthURL = URL(fileURLWithPath: Corpus.path("public/gen-0104.truth.json"))
    let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: truthURL)) as? [String: Any])
    let tables = try #require(truth["tables"] as? [[String: Any]])
    var exact = 0
    var total = 0
    for number in [1, 2] {
      let expected = try #require(tables.first { ($0["number"] as? Int) == number }?["rows"] as? [[String: Any]])
      let table = try #require(document.tables.first { $0.label == "表\(number)" })
      #expect(table.rows.count == expected.count, "表\(number)")
      for (row, truthRow) in zip(table.rows, expected) {
        let cells = try #require(truthRow["cells"] as? [String])
        total += 1
        // Amounts compare without their thousands separators (1,836.68 read as 1.836.68 is
        // printed 1,836.68 again).
        let bare = { (cells: [String]) in cells.map { $0.replacingOccurrences(of: ",", with: "") } }
        if bare(row.cells) == bare(cells) {
          exact += 1
          continue
        }
        // A row that is not exact is flagged: a diagnostic on its page whose box is on its line.
        let boxes = row.locations.compactMap { $0?.box }
        let flagged = document.diagnostics.contains { diagnostic in
          guard diagnostic.page == row.page, diagnostic.severity != .note, let box = diagnostic.box else { return false }
          return boxes.contains { $0.top < box.bottom && box.top < $0.bottom }
        }
        #expect(flagged, "表\(number) row \(row.cells) (truth \(cells)) carries no warning")
      }
    }
    // At 0.7° and this blur, 52 of the 53 rows are exact (a 款 read as 革上 is taken as 11, the
    // part of its name's code); 95.24 for 5.24 fails its row's sum and is flagged.
    #expect(exact >= 50 && total == 53, "\(exact) of \(total) rows exact")
  }

  @Test("two pages read on two threads give the same document as on one")
  func threads() throws {
    let one = try DocumentReader(settings: .init(ocrJobs: 1)).read(Self.path)
    let two = try DocumentReader(settings: .init(ocrJobs: 2)).read(Self.path)
    #expect(one == two)
    // The document knows the characters the model can give (chi_sim's LSTM unicharset).
    #expect((one.recognizerCharacters?.count ?? 0) > 3000 && one.recognizerCharacters?.isSuperset(of: "预算江区") == true)
  }

  @Test("--ocr never leaves the scan unread, with a warning")
  func never() throws {
    let raw = try DocumentReader(settings: .init(ocr: .never)).read(Self.path)
    #expect(raw.source.ocrPages.isEmpty && raw.pages.first?.glyphs.isEmpty == true)
    #expect(raw.diagnostics.contains { $0.message.contains("no text layer") })
  }
}
