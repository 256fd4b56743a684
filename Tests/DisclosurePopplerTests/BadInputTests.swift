import DisclosureKit
import DisclosureTestSupport
import Foundation
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
    #expect(error(reading: path) == .unsupported(path: path, reason: "expected a .pdf or a .txt file"))
  }

  @Test("a corrupted content stream surfaces as diagnostics, not as a silent empty page")
  func corruptedContent() throws {
    let document = try DocumentReader().read(Corpus.path("bad/corrupt-content.pdf"))
    #expect(document.pages.count == 1)
    let messages = document.diagnostics.map(\.message)
    #expect(messages.contains { $0.hasPrefix("poppler: ") })
    #expect(document.diagnostics.contains { $0.page == 1 && $0.message.contains("empty") })
  }
}
