import DisclosureBatch
import DisclosureKit
import Testing

@Suite("manifest, resume plan, shards and merge")
struct ManifestTests {
  let digest = String(repeating: "d", count: 64)

  func entry(
    _ input: String, _ sha: Character, _ status: ManifestEntry.Status, attempt: Int = 1, seconds: Double = 1.25
  ) -> ManifestEntry {
    ManifestEntry(
      input: input, sha256: String(repeating: sha, count: 64), size: 10, pages: status == .ok ? 3 : nil,
      pipeline: digest, status: status, error: status == .ok ? nil : "\(input): \(status.rawValue)",
      signal: status == .crashed ? "SIGSEGV" : nil, seconds: seconds,
      output: status == .ok ? CorpusLayout.stem(of: input) + ".json" : nil,
      findings: status == .ok ? ["fail": 1, "pass": 2, "rounding": 0, "skip": 0] : nil, attempt: attempt)
  }

  @Test("a line round-trips, one line per entry, seconds to milliseconds; a newline in a path stays escaped")
  func roundTrip() throws {
    var original = entry("in/a\nb.pdf", "a", .ok, seconds: 1.23456)
    let line = original.line
    #expect(line.last == UInt8(ascii: "\n"))
    #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
    let read = try #require(ManifestEntry(line: line.dropLast()))
    original.seconds = 1.235
    #expect(read == original)
  }

  @Test("a torn last line and junk lines are ignored; the writer is told to start a new line")
  func tornLine() {
    let whole = entry("a.pdf", "a", .ok).line + entry("b.pdf", "b", .failed).line
    let torn = whole + Array(entry("c.pdf", "c", .ok).line.prefix(40))
    let manifest = Manifest(bytes: torn + [])
    #expect(manifest.entries.map(\.input) == ["a.pdf", "b.pdf"])
    #expect(manifest.ignoredLines == 1)
    #expect(manifest.endsInsideLine)
    let junk = Manifest(bytes: Array("{\"x\":1}\n\n".utf8) + whole)
    #expect(junk.entries.count == 2 && junk.ignoredLines == 1 && !junk.endsInsideLine)
  }

  @Test("resume skips ok inputs whose output exists and earlier failures; --retry-failed runs failures")
  func resumePlan() {
    let lines = [entry("a.pdf", "a", .ok), entry("b.pdf", "b", .crashed), entry("c.pdf", "c", .ok)]
    let manifest = Manifest(bytes: lines.flatMap(\.line))
    func key(_ sha: Character, _ output: String) -> Manifest.Key {
      Manifest.Key(sha256: String(repeating: sha, count: 64), pipeline: digest, output: output)
    }
    let present: (String) -> Bool = { $0 != "c.json" }
    let plan = ResumePlan(manifest: manifest, outputName: ManifestMerge.outputName(of:), resume: true, retryFailed: false)
    #expect(plan.decision(for: key("a", "a.json"), outputExists: present) == .skip(lines[0]))
    #expect(plan.decision(for: key("b", "b.json"), outputExists: present) == .skip(lines[1]))
    #expect(plan.decision(for: key("c", "c.json"), outputExists: present) == .run(attempt: 2))
    #expect(plan.decision(for: key("e", "e.json"), outputExists: present) == .run(attempt: 1))
    var changed = key("a", "a.json")
    changed.pipeline = String(repeating: "e", count: 64)
    #expect(plan.decision(for: changed, outputExists: present) == .run(attempt: 1))
    let retry = ResumePlan(manifest: manifest, outputName: ManifestMerge.outputName(of:), resume: true, retryFailed: true)
    #expect(retry.decision(for: key("b", "b.json"), outputExists: present) == .run(attempt: 2))
    let fresh = ResumePlan(manifest: manifest, outputName: ManifestMerge.outputName(of:), resume: false, retryFailed: false)
    #expect(fresh.decision(for: key("a", "a.json"), outputExists: present) == .run(attempt: 2))
  }

  @Test("shards split by digest: every digest in exactly one shard, about evenly")
  func shards() throws {
    #expect(Shard("0/3") == nil && Shard("4/3") == nil && Shard("1/0") == nil && Shard("x") == nil)
    let shards = try (1...3).map { try #require(Shard("\($0)/3")) }
    var sizes = [0, 0, 0]
    for number in 0..<300 {
      let sha = SHA256.hex(Array("\(number)".utf8))
      let owners = shards.indices.filter { shards[$0].contains(sha256: sha) }
      #expect(owners.count == 1)
      sizes[owners[0]] += 1
    }
    #expect(sizes.allSatisfy { $0 > 70 })
  }

  @Test("merge: shards are one batch; a duplicate that disagrees is a conflict")
  func merge() {
    let a = Manifest(bytes: (entry("a.pdf", "a", .ok).line + entry("b.pdf", "b", .crashed).line))
    let b = Manifest(bytes: entry("c.pdf", "c", .ok).line)
    let one = ManifestMerge(manifests: [("s1", a), ("s2", b)])
    #expect(one.isOneBatch)
    #expect(one.entries.map(\.input) == ["a.pdf", "b.pdf", "c.pdf"])
    #expect(one.report.first == "2 manifests, one batch (pipeline dddddddddddd…): 3 documents: 2 ok, 1 crashed; 0 duplicates, 0 conflicts")
    let c = Manifest(bytes: entry("b.pdf", "b", .ok).line)
    let two = ManifestMerge(manifests: [("s1", a), ("s2", b), ("s3", c)])
    #expect(!two.isOneBatch)
    #expect(two.duplicates.count == 1)
    #expect(two.conflicts == ["b.pdf: crashed in s1, ok in s3"])
    #expect(two.statusCounts[.ok] == 3)
  }

  @Test("progress line and summary")
  func progress() {
    var progress = BatchProgress(total: 4, skipped: 2)
    progress.record(.ok, pages: 30)
    progress.record(.timeout, pages: nil)
    #expect(progress.line(elapsed: 10) == "2/4 documents, 1 failed, 3.0 pages/s, 10s elapsed, about 10s left")
    #expect(progress.summary(elapsed: 75) == "2 documents in 1m15s, 0.4 pages/s: 1 ok, 1 timeout (2 skipped: done before)")
    #expect(BatchProgress.duration(7300) == "2h01m")
  }
}
