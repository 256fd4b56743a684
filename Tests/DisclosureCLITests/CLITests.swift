import DisclosureTestSupport
import Foundation
import Testing

/// Runs the built `disclosure` binary and captures what it prints.
struct Run {
  var status: Int32
  var stdout: String
  var stderr: String

  init(_ arguments: [String], environment: [String: String]? = nil, directory: URL = Corpus.root) throws {
    let process = Process()
    process.executableURL = Corpus.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    if let environment {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    status = process.terminationStatus
    stdout = String(decoding: outData, as: UTF8.self)
    stderr = String(decoding: errData, as: UTF8.self)
  }
}

@Suite("The disclosure command")
struct CLITests {
  @Test("extract --format json shows glyph boxes and ruling lines")
  func extractJSON() throws {
    let run = try Run(["extract", "corpus/public/gen-0101.pdf", "--format", "json", "--pages", "7"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "disclosure-extract/1")
    let pages = try #require(object["pages"] as? [[String: Any]])
    #expect(pages.count == 1)
    let glyphs = try #require(pages[0]["glyphs"] as? [[Any]])
    let rules = try #require(pages[0]["rules"] as? [[String: Any]])
    #expect(glyphs.count > 100)
    #expect(glyphs[0].count == 7)
    #expect(rules.count > 10)
    #expect(rules.allSatisfy { $0["x0"] is NSNumber && $0["bottom"] is NSNumber })
  }

  @Test("poppler's complaints go to stderr as diagnostics; stdout stays clean JSON")
  func popplerLogOnStderr() throws {
    let run = try Run(
      ["extract", "corpus/bad/corrupt-content.pdf", "--format", "json"], environment: ["G_MESSAGES_DEBUG": "all"])
    #expect(run.status == 0)
    #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) != nil)
    #expect(run.stderr.contains("corpus/bad/corrupt-content.pdf:p1: warning: [extract] poppler: "))
  }

  @Test("a bad input names the file and the reason and exits 1")
  func badInput() throws {
    let run = try Run(["extract", "corpus/bad/encrypted.pdf"])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr == "disclosure: error: corpus/bad/encrypted.pdf: encrypted pdf: a password is needed\n")
  }

  @Test("text input is read as pages of lines")
  func textInput() throws {
    let run = try Run(["extract", "corpus/seed-urumqi-hrss-2023.txt", "--pages", "1"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("seed-urumqi-hrss-2023.txt: text, 35 pages\npage 1:"))
  }
}
