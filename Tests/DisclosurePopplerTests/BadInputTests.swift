import DisclosureKit
import DisclosureTestSupport
import Foundation
import PDFStructure
import Testing

@testable import DisclosurePoppler

@Suite("Bad inputs give typed errors and never crash")
struct BadInputTests {
  func error(reading path: String, password: String? = nil) -> DocumentError? {
    do {
      _ = try DocumentReader(settings: .init(password: password)).read(path)
      return nil
    } catch {
      return error
    }
  }

  @Test func missingFile() {
    let path = Corpus.path("bad/does-not-exist.pdf")
    #expect(error(reading: path) == .missing(path: path))
    #expect(error(reading: path)?.description == "\(path): no such file")
  }

  @Test func folder() {
    let path = Corpus.path("bad")
    #expect(error(reading: path) == .unreadable(path: path, reason: "is a folder"))
  }

  @Test func notAPDF() {
    let path = Corpus.path("bad/not-a-pdf.pdf")
    #expect(error(reading: path) == .notPDF(path: path))
  }

  @Test func emptyFile() {
    let path = Corpus.path("bad/empty.pdf")
    #expect(error(reading: path) == .notPDF(path: path))
  }

  @Test("damaged and truncated PDFs", arguments: ["bad/damaged.pdf", "bad/truncated.pdf"])
  func damaged(name: String) throws {
    let path = Corpus.path(name)
    let failure = try #require(error(reading: path))
    guard case .damaged(let p, let reason) = failure else {
      Issue.record("expected damaged, got \(failure)")
      return
    }
    #expect(p == path)
    #expect(!reason.isEmpty)
    #expect(failure.description.hasPrefix("\(path): damaged pdf: "))
  }

  @Test func encryptedWithoutPassword() {
    let path = Corpus.path("bad/encrypted.pdf")
    #expect(error(reading: path) == .encrypted(path: path))
  }

  @Test func encryptedWithWrongPassword() {
    let path = Corpus.path("bad/encrypted.pdf")
    #expect(error(reading: path, password: "not-it") == .wrongPassword(path: path))
  }

  @Test func encryptedWithRightPassword() throws {
    let document = try DocumentReader(settings: .init(password: "user", pages: [1]))
      .read(Corpus.path("bad/encrypted.pdf"))
    #expect(document.source.pages == 22)
    #expect(!(document.pages.first?.glyphs.isEmpty ?? true))
  }

  @Test func noPages() throws {
    let path = Corpus.path("bad/nopages.pdf")
    let failure = try #require(error(reading: path))
    switch failure {
    case .noPages, .damaged: break
    default: Issue.record("expected no pages, got \(failure)")
    }
    #expect(failure.path == path)
  }

  @Test func invalidTextLayer() {
    let path = Corpus.path("bad/invalid-utf8.txt")
    #expect(error(reading: path) == .notText(path: path, reason: "not valid utf-8"))
  }

  @Test func unsupportedKind() throws {
    let path = Corpus.path("README.md")
    #expect(error(reading: path) == .unsupported(path: path, reason: "expected a .pdf, a .txt file or word boxes (.tsv, .hocr, .xml)"))
  }

  @Test("a corrupted content stream surfaces as diagnostics, not as a silent empty page")
  func corruptedContent() throws {
    let document = try DocumentReader().read(Corpus.path("bad/corrupt-content.pdf"))
    #expect(document.pages.count == 1)
    let messages = document.diagnostics.map(\.message)
    #expect(messages.contains { $0.hasPrefix("poppler: ") })
    #expect(document.diagnostics.contains { $0.page == 1 && $0.message.contains("empty") })
  }

  @Test("poppler's messages come once per kind: repeats dropped, numbers told apart only by count")
  func popplerMessageKinds() {
    let messages = [
      "Syntax error at position 12: Unknown font tag 'F9'", "Syntax error at position 12: Unknown font tag 'F9'",
      "Syntax error at position 40: Unknown font tag 'F10'", "Syntax error at position 41: Unterminated string",
      "Syntax error at position 90: Unknown font tag 'F11'",
    ]
    #expect(
      DocumentReader.unique(messages) == [
        "Syntax error at position 12: Unknown font tag 'F9' (and 2 more like it)",
        "Syntax error at position 41: Unterminated string",
      ])
  }

  // Reproducers found by fuzzing (`scripts/fuzz.sh`; the notes are in corpus/bad/README.md).

  @Test(
    "100,000-deep arrays and dictionaries in a page or the trailer read without a stack overflow",
    arguments: ["crash-0009-deep.pdf", "crash-0010-deep.pdf", "crash-0013-deep.pdf", "crash-real-trailer-deep.pdf"])
  func deepNesting(name: String) throws {
    let path = Corpus.path("bad/" + name)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    // The structure reader refuses the nesting (poppler repairs or rejects it on its own).
    _ = ContentStreamRuleReader().read(bytes, pages: nil)
    do {
      let document = try DocumentReader().read(path)
      #expect(document.source.pages > 0)
    } catch {
      #expect(error.path == path)
    }
  }

  @Test(
    "a Flate bomb or a stream named 20,000 times leaves its page unread with an error, the rest read",
    arguments: ["slow-0002-bomb.pdf", "slow-0004-bomb.pdf", "slow-0017-struct.pdf"])
  func oversizedPages(name: String) throws {
    let path = Corpus.path("bad/" + name)
    let document = try DocumentReader().read(path)
    let unread = document.diagnostics.filter { $0.severity == .error && $0.message.hasPrefix("the page is not read") }
    #expect(!unread.isEmpty)
    for diagnostic in unread {
      let page = try #require(document.pages.first { $0.number == diagnostic.page })
      #expect(page.glyphs.isEmpty)
    }
    #expect(document.pages.contains { !$0.glyphs.isEmpty })
  }

  @Test(
    "a damaged file keeps its glyphs but its pages are not drawn (a damaged font made each page take seconds)",
    arguments: ["slow-00012-objdel.pdf", "slow-05486-font.pdf"])
  func damagedStructure(name: String) throws {
    let document = try DocumentReader().read(Corpus.path("bad/" + name))
    #expect(document.pages.count == document.source.pages)
    #expect(document.pages.allSatisfy { $0.rules.isEmpty })
    #expect(document.pages.contains { !$0.glyphs.isEmpty })
    #expect(
      document.diagnostics.contains {
        $0.severity == .warning && $0.page == nil && $0.message.hasPrefix("the file's structure is damaged")
      })
  }

  @Test("a decompression bomb written over a stream in place leaves every page of the damaged file unread")
  func bombInPlace() throws {
    let document = try DocumentReader().read(Corpus.path("bad/slow-bomb-inplace.pdf"))
    #expect(document.pages.count == document.source.pages)
    #expect(document.pages.allSatisfy { $0.glyphs.isEmpty })
    let unread = document.diagnostics.filter {
      $0.severity == .error && $0.message.hasPrefix("the page is not read: the file's structure is damaged and ")
    }
    #expect(unread.count == document.source.pages)
  }

  @Test("text layers that made the placement search explode are read in bounded time")
  func slowText() throws {
    let shuffled = try DocumentReader().read(Corpus.path("bad/slow-00010-t_lines.txt"))
    let processed = try Golden.defaultPipeline().process(shuffled)
    #expect(!processed.tables.isEmpty)
    // Fifty seeds in a row: read only here (a debug build takes minutes over the whole
    // pipeline); the release binary's time over it is measured in corpus/bad/README.md.
    let repeated = try DocumentReader().read(Corpus.path("bad/slow-0052-txt.txt"))
    #expect(repeated.pages.count > 50)
    // One row repeated along one line of 686,000 bytes (the derivation it slowed is tested on
    // rows built in code in InputBoundsTests).
    let long = try DocumentReader().read(Corpus.path("bad/slow-04058-txt.txt"))
    #expect(long.pages.flatMap(\.lines).contains { $0.utf8.count > 680_000 })
  }
}
