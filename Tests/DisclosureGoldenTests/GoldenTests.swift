import DisclosureKit
import DisclosurePoppler
import DisclosureTestSupport
import Foundation
import Testing

/// One case per corpus document: the default pipeline's output must equal `output/<stem>.json`.
/// Record with `DISCLOSURE_RECORD=1 swift test --filter Golden` (refused when `CI` is set).
@Suite("Golden documents")
struct GoldenTests {
  @Test("the corpus has documents and the output folder has no stray goldens")
  func everyGoldenHasADocument() throws {
    let documents = Golden.documents
    #expect(!documents.isEmpty)
    let stems = Set(documents.map(CorpusLayout.stem(of:)))
    #expect(stems.count == documents.count, "two corpus documents share a stem")
    let goldens = try FileManager.default.contentsOfDirectory(atPath: Golden.folder.path)
      .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    #expect(Set(goldens).subtracting(stems).sorted() == [], "goldens without a corpus document")
  }

  @Test("matches its golden", arguments: Golden.documents)
  func matchesGolden(document: String) throws {
    let processed = try CorpusRuns.processed(Corpus.path(document))
    let actual = processed.json
    // The output is a well-formed disclosure/1 document that survives its own serialization,
    // and the bytes `ingest` writes (findings written directly) are its canonical form.
    #expect(try JSONParser.parse(CanonicalJSON.data(actual)) == actual)
    #expect(processed.canonicalData() == CanonicalJSON.data(actual))
    #expect(try Golden.schemaValidator().errors(in: actual) == [])
    let failures = Golden.check(document: document, actual: processed)
    if !failures.isEmpty {
      Issue.record(Comment(rawValue: failures.joined(separator: "\n")))
    }
  }
}
