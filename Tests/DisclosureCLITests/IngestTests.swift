import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@Suite("disclosure ingest and verify", .serialized)
struct IngestTests {
  /// The corpus documents as arguments relative to the repository root.
  let documents = Golden.documents.map { "corpus/" + $0 }

  /// The documents of the job-count comparison: every corpus document outside `corpus/real/`
  /// and the three smallest real ones. Each corpus document's bytes are compared with its golden
  /// in-process by the golden tests; this test is about the command's worker processes and job
  /// counts, and the whole real corpus twice more made it the test run's longest suite.
  var jobDocuments: [String] {
    let real = documents.filter { $0.hasPrefix("corpus/real/") }
    let size = { (path: String) -> Int in
      ((try? FileManager.default.attributesOfItem(atPath: Corpus.path(String(path.dropFirst("corpus/".count)))))?[.size]
        as? Int) ?? Int.max
    }
    let smallest = real.map { (size($0), $0) }.sorted { $0 < $1 }.prefix(3).map(\.1)
    return documents.filter { !$0.hasPrefix("corpus/real/") || smallest.contains($0) }
  }

  @Test("output is byte-identical across job counts, and equals the goldens")
  func determinism() throws {
    let temp = try TemporaryFolder()
    let inputs = jobDocuments
    #expect(inputs.count > 10 && inputs.contains { $0.hasPrefix("corpus/real/") })
    var runs: [(files: [String: [UInt8]], stderr: String)] = []
    for (name, jobs) in [("a", "1"), ("b", "2")] {
      // --quiet: the summary's timings would differ from run to run.
      let run = try Run(["ingest"] + inputs + ["--out", temp.path + "/" + name, "--jobs", jobs, "--quiet"])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.isEmpty)
      var files = try temp.files(in: name)
      #expect(files.removeValue(forKey: "manifest.jsonl") != nil)
      runs.append((files, run.stderr))
    }
    #expect(runs[0].files.count == inputs.count)
    #expect(runs[0].files == runs[1].files)
    #expect(runs[0].stderr == runs[1].stderr)
    for (name, bytes) in runs[0].files {
      let golden = try [UInt8](Data(contentsOf: Golden.folder.appendingPathComponent(name)))
      #expect(bytes == golden, "\(name) differs from its golden")
    }
  }

  @Test("a single input without --out goes to stdout; --pretty is the same JSON indented")
  func singleToStdout() throws {
    let run = try Run(["ingest", "corpus/seed-urumqi-hrss-2023.txt"])
    #expect(run.status == 0)
    let golden = try [UInt8](Data(contentsOf: Golden.folder.appendingPathComponent("seed-urumqi-hrss-2023.json")))
    #expect(Array(run.stdout.utf8) == golden)
    let lines = run.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines.first
        == "corpus/seed-urumqi-hrss-2023.txt: note: [extract] text input has no form feeds; pages start at lines beginning with one space (fallback)"
    )
    #expect(lines.allSatisfy { $0.hasPrefix("corpus/seed-urumqi-hrss-2023.txt:") })
    let pretty = try Run(["ingest", "corpus/seed-urumqi-hrss-2023.txt", "--pretty"])
    #expect(pretty.stdout.hasPrefix("{\n  \"checks\": [\n    {\n"))
    #expect(pretty.stdout.contains("\n  \"closing\": {\n    \"date\": \"2023-02-10\",\n"))
    #expect(try JSONParser.parse(pretty.stdout) == (try JSONParser.parse(golden)))
  }

  @Test("a bad file does not stop the batch: the good output is written, the failure listed, exit 1")
  func badAndGood() throws {
    let temp = try TemporaryFolder()
    try temp.copy(corpus: "bad/damaged.pdf", to: "in/a-damaged.pdf")
    try temp.copy(corpus: "public/gen-0101.pdf", to: "in/b-good.pdf")
    try temp.copy(corpus: "bad/encrypted.pdf", to: "in/sub/c-encrypted.pdf")
    try Data("not a document".utf8).write(to: temp.url.appendingPathComponent("in/notes.md"))
    // A partial file left by a killed run (a pid that cannot exist) is cleaned up.
    try FileManager.default.createDirectory(
      at: temp.url.appendingPathComponent("out"), withIntermediateDirectories: true)
    try Data("{".utf8).write(to: temp.url.appendingPathComponent("out/.x.json.2147483646.1.partial"))
    let run = try Run(["ingest", temp.path + "/in", "--out", temp.path + "/out", "--jobs", "2"])
    #expect(run.status == 1)
    let files = try temp.files(in: "out")
    #expect(files.keys.sorted() == ["b-good.json", "manifest.jsonl"])
    let good = try #require(files["b-good.json"])
    #expect(try JSONParser.parse(good)["source"]?["file"] == "b-good.pdf")
    #expect(
      run.stderr.hasSuffix(
        """
        2 of 3 documents failed:
          \(temp.path)/in/a-damaged.pdf: damaged pdf: pdf document is damaged
          \(temp.path)/in/sub/c-encrypted.pdf: encrypted pdf: a password is needed

        """))
  }

  @Test("two inputs with the same stem: the second is an error, the first output stays")
  func sameStem() throws {
    let temp = try TemporaryFolder()
    try temp.copy(corpus: "seed-urumqi-hrss-2023.txt", to: "a/doc.txt")
    try temp.copy(corpus: "public/gen-0101.pdf", to: "b/doc.pdf")
    let run = try Run(["ingest", temp.path + "/a", temp.path + "/b", "--out", temp.path + "/out"])
    #expect(run.status == 1)
    let files = try temp.files(in: "out")
    #expect(files.keys.sorted() == ["doc.json", "manifest.jsonl"])
    #expect(try JSONParser.parse(try #require(files["doc.json"]))["source"]?["file"] == "doc.txt")
    #expect(
      run.stderr.hasSuffix(
        "1 of 2 documents failed:\n  \(temp.path)/b/doc.pdf: output \(temp.path)/out/doc.json is already written for \(temp.path)/a/doc.txt\n"
      ))
  }

  @Test("usage errors")
  func usage() throws {
    let several = try Run(["ingest", "corpus/public/gen-0101.pdf", "corpus/public/gen-0102.pdf"])
    #expect(several.status == 64)
    #expect(several.stderr.contains("2 documents need --out DIR"))
    let jobs = try Run(["ingest", "corpus/public/gen-0101.pdf", "--jobs", "0"])
    #expect(jobs.status == 64)
    let missingPipeline = try Run(["ingest", "corpus/public/gen-0101.pdf", "--pipeline", "nope.json"])
    #expect(missingPipeline.status == 1)
    #expect(missingPipeline.stderr == "disclosure: error: nope.json: no such file\n")
    let shard = try Run(["ingest", "corpus/public/gen-0101.pdf", "--shard", "4/3", "--out", "x"])
    #expect(shard.status == 64)
    #expect(shard.stderr.contains("--shard must be I/N with 1 ≤ I ≤ N"))
    let resume = try Run(["ingest", "corpus/public/gen-0101.pdf", "--resume"])
    #expect(resume.status == 64)
    #expect(resume.stderr.contains("--resume needs --out DIR"))
    let memory = try Run(["ingest", "corpus/public/gen-0101.pdf", "--max-memory", "4X", "--out", "x"])
    #expect(memory.status == 64)
    let bad = try Run(["ingest", "corpus/public/gen-0101.pdf", "--pipeline", "pipelines/templates/budget.json"])
    #expect(bad.status == 1)
    #expect(bad.stderr.hasPrefix("disclosure: error: pipelines/templates/budget.json: unknown key "))
  }

  @Test("verify passes on the repository's goldens")
  func verifyPasses() throws {
    let run = try Run(["verify", "corpus", "--golden", "output"])
    #expect(run.status == 0, "\(run.stdout)")
    #expect(run.stdout.isEmpty)
    #expect(run.stderr == "\(documents.count) documents match their goldens in output\n")
  }

  @Test("verify reports a changed, a missing and a stray golden, one line each, and exits 1")
  func verifyReportsDifferences() throws {
    let temp = try TemporaryFolder()
    let goldens = temp.url.appendingPathComponent("goldens")
    try FileManager.default.copyItem(at: Golden.folder, to: goldens)
    let file = goldens.appendingPathComponent("gen-0101.json")
    let document = try JSONParser.parse([UInt8](Data(contentsOf: file)))
    let pages = try #require(document["source"]?["pages"]?.intValue)
    try Data(CanonicalJSON.data(document.replacing(["source", "pages"], with: JSONValue(pages + 1)))).write(to: file)
    try FileManager.default.removeItem(at: goldens.appendingPathComponent("gen-0102.json"))
    try Data("{}\n".utf8).write(to: goldens.appendingPathComponent("gone.json"))
    // A small corpus of its own: the goldens of documents it lacks are stray too.
    for stem in ["gen-0101", "gen-0102", "gen-0103", "gen-0104"] {
      try temp.copy(corpus: "public/\(stem).pdf", to: "corpus/public/\(stem).pdf")
    }
    for name in try FileManager.default.contentsOfDirectory(atPath: goldens.path)
    where !["gen-0101.json", "gen-0103.json", "gen-0104.json", "gone.json"].contains(name) {
      try FileManager.default.removeItem(at: goldens.appendingPathComponent(name))
    }
    let run = try Run(["verify", temp.path + "/corpus", "--golden", goldens.path])
    #expect(run.status == 1)
    #expect(
      run.stdout == """
        gen-0101: source.pages: \(pages + 1) → \(pages)
        gen-0102: golden missing
        gone: golden has no corpus document

        """)
    #expect(run.stderr == "3 of 4 documents differ from their goldens in \(goldens.path)\n")
  }

  @Test("verify --update rewrites goldens, and refuses to run when CI is set")
  func verifyUpdate() throws {
    let temp = try TemporaryFolder()
    let refused = try Run(["verify", "corpus", "--golden", temp.path + "/g", "--update"], environment: ["CI": "true"])
    #expect(refused.status == 1)
    #expect(refused.stderr.hasPrefix("disclosure: error: verify --update refuses to run when CI is set"))
    #expect(!FileManager.default.fileExists(atPath: temp.path + "/g"))

    try FileManager.default.createDirectory(atPath: temp.path + "/g", withIntermediateDirectories: true)
    try Data("{}\n".utf8).write(to: temp.url.appendingPathComponent("g/gone.json"))
    let stems = ["gen-0101", "gen-0402", "urumqi-hrss-2023"]
    for stem in stems { try temp.copy(corpus: "public/\(stem).pdf", to: "corpus/public/\(stem).pdf") }
    let update = try Run(["verify", temp.path + "/corpus", "--golden", temp.path + "/g", "--update"], environment: ["CI": ""])
    #expect(update.status == 0, "\(update.stderr)")
    #expect(update.stdout.contains("wrote \(temp.path)/g/gen-0101.json\n"))
    #expect(update.stdout.contains("removed \(temp.path)/g/gone.json\n"))
    let written = try temp.files(in: "g")
    #expect(written.keys.sorted() == stems.map { $0 + ".json" })
    for (name, bytes) in written {
      #expect(bytes == (try [UInt8](Data(contentsOf: Golden.folder.appendingPathComponent(name)))))
    }
    let again = try Run(["verify", temp.path + "/corpus", "--golden", temp.path + "/g"])
    #expect(again.status == 0)
  }
}
