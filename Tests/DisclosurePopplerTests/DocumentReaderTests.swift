import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@testable import DisclosurePoppler

@Suite("Extraction from PDFs")
struct DocumentReaderTests {

  /// The truth file beside a corpus PDF, as loose JSON.
  static func truth(_ pdf: String) throws -> [String: Any] {
    let url = URL(fileURLWithPath: String(pdf.dropLast(4)) + ".truth.json")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return try #require(object as? [String: Any])
  }

  static func text(of page: RawPage) -> String {
    String(String.UnicodeScalarView(page.glyphs.map(\.scalar).filter { !$0.properties.isWhitespace }))
  }

  @Test("the input's SHA-256 through OpenSSL equals FIPS 180-4's examples and the Swift one", arguments: Corpus.publicPDFs)
  func digest(path: String) throws {
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    #expect(OpenSSLDigest.sha256(Array("abc".utf8)) == abc)
    #expect(SHA256.hex(Array("abc".utf8)) == abc)
    #expect(OpenSSLDigest.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(DocumentReader.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(OpenSSLDigest.sha256(bytes) == SHA256.hex(bytes))
    #expect(DocumentReader.sha256(bytes) == OpenSSLDigest.sha256(bytes))
  }

  @Test("every public PDF gives every page, with glyphs on each", arguments: Corpus.publicPDFs)
  func pagesAndGlyphs(pdf: String) throws {
    let document = try CorpusRuns.raw(pdf)
    let truth = try Self.truth(pdf)
    let meta = try #require(truth["document"] as? [String: Any])
    #expect(document.source.pages == meta["pages"] as? Int)
    #expect(document.pages.count == document.source.pages)
    #expect(document.source.input == .pdf)
    #expect(document.source.file == URL(fileURLWithPath: pdf).lastPathComponent)
    for page in document.pages {
      #expect(!page.glyphs.isEmpty, "page \(page.number) has no glyphs")
      for glyph in page.glyphs {
        #expect(glyph.box.x0 >= -1 && glyph.box.x1 <= page.size.width + 1)
        #expect(glyph.box.top >= -1 && glyph.box.bottom <= page.size.height + 1)
      }
    }
    #expect(!document.diagnostics.contains { $0.severity == .error })
  }

  @Test("a file error names the system's reason, not Foundation's generic wrapper (Cocoa error 256)")
  func systemReasons() {
    // What Data(contentsOf:) throws when a worker's --max-memory leaves no room to read the file.
    let wrapped = NSError(
      domain: NSCocoaErrorDomain, code: 256, userInfo: [NSUnderlyingErrorKey: POSIXError(.ENOMEM), NSFilePathErrorKey: "/x.pdf"])
    #expect(DocumentReader.reason(of: wrapped) == "cannot allocate memory")
    #expect(DocumentReader.reason(of: POSIXError(.EIO)) == "input/output error")
    #expect(DocumentReader.reason(of: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))) == "permission denied")
  }

  @Test("a page of images without a text layer (a scan) is read by OCR, or said to be unread with --ocr never; a page of white shapes is neither")
  func imageOnlyPage() throws {
    // corpus/scans/mixed-text-and-image.pdf: gen-0101's cover, then a page that only draws a
    // grey image over the whole page.
    let path = Corpus.path("scans/mixed-text-and-image.pdf")
    let read = try DocumentReader().read(path)
    #expect(read.source.ocrPages == [2] && !read.pages[0].glyphs.isEmpty && read.pages[1].glyphs.isEmpty)
    #expect(read.diagnostics.contains { $0.page == 2 && $0.message.hasPrefix("read by OCR") })
    let document = try DocumentReader(settings: .init(ocr: .never)).read(path)
    #expect(document.source.ocrPages.isEmpty)
    #expect(document.pages.count == 2 && !document.pages[0].glyphs.isEmpty && document.pages[1].glyphs.isEmpty)
    let scanned = document.diagnostics.filter { $0.message.contains("no text layer") }
    #expect(scanned.map(\.page) == [2] && scanned.allSatisfy { $0.severity == .warning })
    // gbc__dept_budget p3 draws white shapes only: a blank page, no warning.
    let blank = try CorpusRuns.raw(Corpus.path("real/gbc__dept_budget.pdf"))
    #expect(blank.pages[2].glyphs.isEmpty && !blank.diagnostics.contains { $0.message.contains("no text layer") })
  }

  @Test("each table's title is printed on its truth page, top-left origin", arguments: Corpus.publicPDFs)
  func tableTitlesOnTheirPages(pdf: String) throws {
    let document = try CorpusRuns.raw(pdf)
    let tables = try #require(try Self.truth(pdf)["tables"] as? [[String: Any]])
    for table in tables {
      let pageNumber = try #require(table["page"] as? Int)
      let title = try #require(table["title"] as? String).filter { !$0.isWhitespace }
      let page = try #require(document.pages.first { $0.number == pageNumber })
      let text = Self.text(of: page)
      #expect(text.contains(String(title.suffix(6))), "\(title) not on page \(pageNumber)")
      // The title sits in the upper half of the page: y grows downwards.
      let firstTitleScalar = try #require(title.unicodeScalars.last)
      let hit = page.glyphs.first { $0.scalar == firstTitleScalar }
      #expect((hit?.box.top ?? 0) < page.size.height / 2)
    }
  }

  @Test("stroked table borders become horizontal and vertical rules")
  func strokedRules() throws {
    // gen-0101 table 3 (page 7) is a fully ruled table drawn with stroked lines.
    let document = try CorpusRuns.raw(Corpus.path("public/gen-0101.pdf"))
    let page = try #require(document.pages.first { $0.number == 7 })
    let horizontal = page.rules.filter { $0.orientation == .horizontal }
    let vertical = page.rules.filter { $0.orientation == .vertical }
    #expect(horizontal.count >= 10)
    #expect(vertical.count >= 4)
    #expect(page.rules.allSatisfy { $0.source == .stroke })
    for rule in page.rules {
      #expect(rule.box.x0 >= 0 && rule.box.x1 <= page.size.width)
      #expect(rule.box.top >= 0 && rule.box.bottom <= page.size.height)
    }
    // Every rule is thin across its direction.
    #expect(page.rules.allSatisfy { min($0.box.width, $0.box.height) < 3 })
  }

  @Test("borders drawn as thin filled rectangles are rules too")
  func filledRules() throws {
    // gen-0404 table 9 (page 17) is drawn Word-style: its borders are filled rectangles.
    let document = try CorpusRuns.raw(Corpus.path("public/gen-0404.pdf"))
    let page = try #require(document.pages.first { $0.number == 17 })
    let filled = page.rules.filter { $0.source == .fill }
    #expect(filled.filter { $0.orientation == .horizontal }.count >= 5)
    #expect(filled.filter { $0.orientation == .vertical }.count >= 3)
  }

  @Test("text drawn as outlines (fake bold) and unruled tables give no rules")
  func pagesWithoutRules() throws {
    // gen-0404 table 3 (page 9) has no borders but bold labels stroked as outlines.
    let bold = try #require(try CorpusRuns.raw(Corpus.path("public/gen-0404.pdf")).pages.first { $0.number == 9 })
    #expect(bold.rules.isEmpty)
    let document = try CorpusRuns.raw(Corpus.path("public/gen-0402.pdf"))
    // gen-0402 table 1 (page 3) is printed with no rules at all.
    let page = try #require(document.pages.first { $0.number == 3 })
    #expect(page.rules.isEmpty)
  }

  @Test("page selection reads only the pages asked for")
  func pageSelection() throws {
    let reader = DocumentReader(settings: .init(pages: [2, 5]))
    let document = try reader.read(Corpus.path("public/gen-0105.pdf"))
    #expect(document.pages.map(\.number) == [2, 5])
    #expect(document.source.pages == 22)
  }

  /// 西安市商务局 sets an embedded sRGB profile (ICCBased) on every page; poppler-glib reads each
  /// page with a new device, and without the link cache each page linked the profiles again.
  @Test("an ICC profile used on every page is linked once per process, then copied")
  func colourLinksReused() throws {
    let before = Poppler.colourLinks
    let reader = DocumentReader(settings: .init(pages: [2, 3, 4], readsRules: false))
    let document = try reader.read(Corpus.path("real/renwu__商务局_2026年部门预算.pdf"))
    let after = Poppler.colourLinks
    #expect(document.pages.map(\.number) == [2, 3, 4])
    #expect(document.pages.allSatisfy { !$0.glyphs.isEmpty })
    // Pages 3 and 4 at least build the same two transforms as page 2 (other tests running at
    // the same time can only add to the counts).
    #expect(after.reused - before.reused >= 4)
    #expect(after.linked + after.reused > before.linked + before.reused)
  }

  @Test("fonts and sizes are attached to glyphs")
  func fonts() throws {
    let reader = DocumentReader(settings: .init(pages: [5], readsRules: false))
    let page = try #require(try reader.read(Corpus.path("public/gen-0101.pdf")).pages.first)
    #expect(!page.fonts.isEmpty)
    #expect(page.glyphs.allSatisfy { $0.font < page.fonts.count && $0.fontSize > 0 })
  }
}
