import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `ingest --out` as a batch: worker isolation, the manifest, resuming, shards, the built-in
/// pipeline of an installed binary.
@Suite("disclosure ingest batches", .serialized)
struct BatchTests {
  /// Small public PDFs: quick in a debug build.
  let good = ["gen-0101", "gen-0102", "gen-0103", "gen-0105"]

  func golden(_ stem: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: Golden.folder.appendingPathComponent(stem + ".json")))
  }

  func manifest(_ temp: TemporaryFolder, _ folder: String) throws -> [[String: JSONValue]] {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: temp.file(folder + "/manifest.jsonl"))))
    return try bytes.split(separator: UInt8(ascii: "\n")).map { try #require(JSONParser.parse(Array($0)).objectValue) }
  }

  @Test("a crash and a timeout end only their documents: good outputs as normal, bad ones in the manifest, exit 1")
  func crashAndTimeout() throws {
    let temp = try TemporaryFolder()
    for stem in good { try temp.copy(corpus: "public/\(stem).pdf", to: "in/\(stem).pdf") }
    // 100,000-deep nested arrays, which overflowed the PDF lexer's stack (SIGSEGV) before its
    // depth limit; the reader now refuses it cleanly, so the worker is made to crash on it
    // (DISCLOSURE_WORKER_FAULT) as a segfault inside poppler would.
    try temp.copy(corpus: "bad/crash-deep-array.pdf", to: "in/crash.pdf")
    // A document whose worker stalls (DISCLOSURE_WORKER_STALL: it waits without end) is killed
    // at --timeout. (A slow input, the seed text 200 and then 1,000 times over, ended within the
    // 20 s once the text path got faster.) The good documents take a second or two each in a
    // debug build, more on a busy machine.
    try temp.copy(corpus: "seed-urumqi-hrss-2023.txt", to: "in/slow.txt")

    let run = try Run(
      ["ingest", temp.path + "/in", "--out", temp.path + "/out", "--jobs", "2", "--timeout", "20"],
      environment: ["DISCLOSURE_WORKER_FAULT": "/in/crash.pdf", "DISCLOSURE_WORKER_STALL": "/in/slow.txt"])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    let files = try temp.files(in: "out")
    #expect(files.keys.sorted() == (good.map { $0 + ".json" } + ["manifest.jsonl"]).sorted())
    for stem in good { #expect(files[stem + ".json"] == (try golden(stem)), "\(stem)") }

    let lines = try manifest(temp, "out")
    #expect(lines.count == good.count + 2)
    let byName = Dictionary(uniqueKeysWithValues: lines.map { (CorpusLayout.stem(of: $0["input"]!.stringValue!), $0) })
    let crash = try #require(byName["crash"])
    #expect(crash["status"] == "crashed")
    #expect(crash["signal"] == "SIGSEGV")
    #expect(crash["output"] == .null)
    #expect(byName["slow"]?["status"] == "timeout")
    for stem in good {
      let line = try #require(byName[stem])
      #expect(line["status"] == "ok")
      #expect(line["output"] == .string(stem + ".json"))
      #expect(line["sha256"] == (try JSONParser.parse(try golden(stem))["source"]?["sha256"]))
      #expect(line["pages"]?.intValue ?? 0 > 0)
      #expect(line["findings"]?["pass"]?.intValue ?? 0 > 0)
    }
    #expect(
      run.stderr.hasSuffix(
        """
        2 of \(good.count + 2) documents failed:
          \(temp.path)/in/crash.pdf: crashed: SIGSEGV
          \(temp.path)/in/slow.txt: timed out after 20 s

        """))
    #expect(run.stderr.contains("disclosure: \(good.count + 2) documents in "))
    #expect(run.stderr.contains(": \(good.count) ok, 1 timeout, 1 crashed\n"))

    // Resumed: nothing runs; the earlier failures still fail the batch. --retry-failed runs them
    // (only them, so a short --timeout does).
    let resumed = try Run(["ingest", temp.path + "/in", "--out", temp.path + "/out", "--resume"])
    #expect(resumed.status == 1)
    #expect(resumed.stderr.contains("disclosure: 0 documents in "))
    #expect(resumed.stderr.contains("(\(good.count + 2) skipped: done before)"))
    #expect(try manifest(temp, "out").count == good.count + 2)
    let retried = try Run(
      ["ingest", temp.path + "/in", "--out", temp.path + "/out", "--retry-failed", "--timeout", "2", "--quiet"],
      environment: ["DISCLOSURE_WORKER_STALL": "/in/slow.txt"])
    #expect(retried.status == 1)
    let again = try manifest(temp, "out")
    #expect(again.count == good.count + 4)
    #expect(again.suffix(2).allSatisfy { $0["attempt"] == 2 })
  }

  @Test("a worker whose allocations run past --max-memory ends alone: reported crashed, the others written, exit 1")
  func runawayAllocation() throws {
    let temp = try TemporaryFolder()
    let stems = Array(good.prefix(2))
    for stem in stems { try temp.copy(corpus: "public/\(stem).pdf", to: "in/\(stem).pdf") }
    try temp.copy(corpus: "public/gen-0103.pdf", to: "in/runaway.pdf")
    // DISCLOSURE_WORKER_RUNAWAY makes the worker allocate without end on that document; the
    // 1 GiB cap ends it, where without a cap it would take the machine's memory.
    let run = try Run(
      ["ingest", temp.path + "/in", "--out", temp.path + "/out", "--jobs", "1", "--max-memory", "1G"],
      environment: ["DISCLOSURE_WORKER_RUNAWAY": "/in/runaway.pdf"])
    #expect(run.status == 1)
    let files = try temp.files(in: "out")
    #expect(files.keys.sorted() == (stems.map { $0 + ".json" } + ["manifest.jsonl"]).sorted())
    for stem in stems { #expect(files[stem + ".json"] == (try golden(stem)), "\(stem)") }
    let byName = Dictionary(
      uniqueKeysWithValues: try manifest(temp, "out").map { (CorpusLayout.stem(of: $0["input"]!.stringValue!), $0) })
    #expect(byName["runaway"]?["status"] == "crashed")
    #expect(byName["runaway"]?["signal"]?.stringValue?.hasPrefix("SIG") == true)
    #expect(stems.allSatisfy { byName[$0]?["status"] == "ok" })
    #expect(run.stderr.contains(": \(stems.count) ok, 1 crashed\n"))
  }

  @Test("SIGKILL in the middle of a batch, then --resume: every document done once, no partial file")
  func killAndResume() throws {
    let temp = try TemporaryFolder()
    let stems = good + ["gen-0404", "gen-0412"]
    for stem in stems { try temp.copy(corpus: "public/\(stem).pdf", to: "in/\(stem).pdf") }
    let process = Process()
    process.executableURL = Corpus.binary
    process.arguments = ["ingest", temp.path + "/in", "--out", temp.path + "/out", "--jobs", "1", "--quiet"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Kill it once two documents are recorded.
    let manifestPath = temp.file("out/manifest.jsonl")
    let deadline = Date().addingTimeInterval(300)
    while Date() < deadline {
      let count = (try? Data(contentsOf: URL(fileURLWithPath: manifestPath)))?.filter { $0 == 10 }.count ?? 0
      if count >= 2 { break }
      usleep(20_000)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let before = try manifest(temp, "out").count
    #expect(before >= 2 && before < stems.count)
    // Its worker goes when it notices the batch is gone.
    usleep(500_000)

    let resumed = try Run(["ingest", temp.path + "/in", "--out", temp.path + "/out", "--jobs", "2", "--resume"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("(\(before) skipped: done before)"))
    let lines = try manifest(temp, "out")
    #expect(lines.count == stems.count)
    #expect(Set(lines.compactMap { $0["input"]?.stringValue }).count == stems.count)
    #expect(lines.allSatisfy { $0["status"] == "ok" && $0["attempt"] == 1 })
    let names = try temp.names(in: "out")
    #expect(names == (stems.map { $0 + ".json" } + ["manifest.jsonl"]).sorted())
    for stem in stems { #expect(try temp.files(in: "out")[stem + ".json"] == (try golden(stem)), "\(stem)") }
  }

  @Test("--shard 1/3, 2/3 and 3/3 write exactly one unsharded run's outputs; manifest merge sees one batch")
  func shards() throws {
    let temp = try TemporaryFolder()
    for stem in good + ["gen-0404", "gen-0412"] { try temp.copy(corpus: "public/\(stem).pdf", to: "in/\(stem).pdf") }
    try temp.copy(corpus: "bad/damaged.pdf", to: "in/damaged.pdf")
    let whole = try Run(["ingest", temp.path + "/in", "--out", temp.path + "/all", "--quiet"])
    #expect(whole.status == 1)
    var union: [String: [UInt8]] = [:]
    for index in 1...3 {
      let part = try Run(["ingest", temp.path + "/in", "--out", temp.path + "/s\(index)", "--shard", "\(index)/3", "--quiet"])
      #expect(part.status == 0 || part.status == 1)
      var files = try temp.files(in: "s\(index)")
      files.removeValue(forKey: "manifest.jsonl")
      #expect(Set(files.keys).isDisjoint(with: union.keys))
      union.merge(files) { first, _ in first }
    }
    var all = try temp.files(in: "all")
    all.removeValue(forKey: "manifest.jsonl")
    #expect(union == all)
    #expect(all.count == good.count + 2)

    let merged = try Run(["manifest", "merge", temp.path + "/s1", temp.path + "/s2", temp.path + "/s3"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(
      merged.stderr.hasPrefix("3 manifests, one batch (pipeline ")
        && merged.stderr.hasSuffix(
          "): \(good.count + 3) documents: \(good.count + 2) ok, 1 failed; 0 duplicates, 0 conflicts\n"))
    let unsharded = try Run(["manifest", "merge", temp.path + "/all"])
    func withoutSeconds(_ text: String) throws -> [JSONValue] {
      try text.split(separator: "\n").map { try JSONParser.parse(String($0)).replacing(["seconds"], with: 0) }
    }
    #expect(try withoutSeconds(merged.stdout) == (try withoutSeconds(unsharded.stdout)))
    // A shard run twice is a duplicate; with another outcome it would be a conflict.
    let twice = try Run(["manifest", "merge", temp.path + "/s1", temp.path + "/s1"])
    #expect(twice.stderr.contains(" duplicates, 0 conflicts\n"))
    #expect(twice.status == 0)
  }

  @Test("--resume runs a document again when --ocr changes which pages OCR reads, not when it stays")
  func resumeWithOtherOCR() throws {
    let temp = try TemporaryFolder()
    try temp.copy(corpus: "scans/mixed-text-and-image.pdf", to: "in/mixed.pdf")
    let input = temp.file("in/mixed.pdf")
    let out = temp.file("out")
    let first = try Run(["ingest", input, "--out", out, "--quiet"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(try String(contentsOfFile: out + "/mixed.json", encoding: .utf8).contains("\"ocr_pages\":[2]"))
    let same = try Run(["ingest", input, "--out", out, "--quiet", "--resume"])
    #expect(same.status == 0)
    #expect(try String(contentsOfFile: out + "/manifest.jsonl", encoding: .utf8).split(separator: "\n").count == 1)
    let never = try Run(["ingest", input, "--out", out, "--quiet", "--resume", "--ocr", "never"])
    #expect(never.status == 0, "\(never.stderr)")
    #expect(try String(contentsOfFile: out + "/manifest.jsonl", encoding: .utf8).split(separator: "\n").count == 2)
    #expect(!(try String(contentsOfFile: out + "/mixed.json", encoding: .utf8).contains("ocr_pages")))
  }

  @Test("an installed copy of the binary ingests from an empty folder with no flags; pipeline --print shows the default")
  func installed() throws {
    let temp = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: temp.file("prefix/bin"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: temp.file("work"), withIntermediateDirectories: true)
    let binary = URL(fileURLWithPath: temp.file("prefix/bin/disclosure"))
    try FileManager.default.copyItem(at: Corpus.binary, to: binary)
    try temp.copy(corpus: "public/gen-0101.pdf", to: "work/gen-0101.pdf")
    let work = temp.url.appendingPathComponent("work")

    let single = try Run(["ingest", "gen-0101.pdf"], directory: work, executable: binary)
    #expect(single.status == 0, "\(single.stderr)")
    #expect(Array(single.stdout.utf8) == (try golden("gen-0101")))
    let batch = try Run(["ingest", "gen-0101.pdf", "--out", "out", "--quiet"], directory: work, executable: binary)
    #expect(batch.status == 0, "\(batch.stderr)")
    #expect(try temp.files(in: "work/out")["gen-0101.json"] == (try golden("gen-0101")))

    let printed = try Run(["pipeline", "--print"], directory: work, executable: binary)
    #expect(printed.status == 0)
    #expect(Array(printed.stdout.utf8) == [UInt8](try Data(contentsOf: Corpus.root.appendingPathComponent("pipelines/default.json"))))
    let written = try Run(["pipeline", "--write", "mine"], directory: work, executable: binary)
    #expect(written.status == 0)
    for name in ["default.json", "templates/budget.json", "checks/final-account.json"] {
      #expect(
        try Data(contentsOf: work.appendingPathComponent("mine/" + name))
          == (try Data(contentsOf: Corpus.root.appendingPathComponent("pipelines/" + name))))
    }
    let overridden = try Run(
      ["ingest", "gen-0101.pdf", "--pipeline", "mine/default.json"], directory: work, executable: binary)
    #expect(Array(overridden.stdout.utf8) == (try golden("gen-0101")))
  }
}
