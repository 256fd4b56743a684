import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@Suite("Pipeline files")
struct PipelineDefinitionTests {
  private let path = "pipelines/test.json"

  private func decode(_ text: String) throws(PipelineError) -> PipelineDefinition {
    try PipelineDefinition.decode(Array(text.utf8), path: path)
  }

  private func error(_ text: String) -> PipelineError? {
    do {
      _ = try decode(text)
      return nil
    } catch {
      return error
    }
  }

  @Test("the defaults in code equal pipelines/default.json")
  func defaultsEqualTheFile() throws {
    let file = Corpus.root.appendingPathComponent("pipelines/default.json").path
    let definition = try PipelineDefinition.decode(try Golden.read(file), path: file)
    #expect(definition == PipelineDefinition.defaults)
  }

  @Test("pipelines/default.json loads with its templates, budget first")
  func defaultLoads() throws {
    let pipeline = try Golden.defaultPipeline()
    let budget = try Template.decode(
      [UInt8](Data(contentsOf: Corpus.root.appendingPathComponent("pipelines/templates/budget.json"))))
    let finalAccount = try Template.decode(
      [UInt8](Data(contentsOf: Corpus.root.appendingPathComponent("pipelines/templates/final-account.json"))))
    #expect(pipeline.templates == [budget, finalAccount])
    #expect(pipeline.templates.map(\.kind) == ["budget", "final_account"])
  }

  @Test("a template with an unknown key is refused")
  func strictTemplate() {
    #expect(throws: TemplateError.unknownKey("titel")) {
      try Template.decode(Array(#"{"kind":"budget","markers":[],"tables":[],"performanceTitles":[],"emptyMarkers":[],"titel":1}"#.utf8))
    }
    #expect(throws: TemplateError.unknownKey("tables[0].title")) {
      try Template.decode(Array(#"{"kind":"budget","markers":[],"tables":[{"title":"x"}],"performanceTitles":[],"emptyMarkers":[]}"#.utf8))
    }
  }

  @Test func templatePathsAreRelativeToThePipelineFile() {
    let definition = PipelineDefinition.defaults
    #expect(
      definition.templatePaths(relativeTo: "pipelines/default.json") == [
        "pipelines/templates/budget.json", "pipelines/templates/final-account.json",
      ])
    #expect(definition.templatePaths(relativeTo: "default.json").first == "templates/budget.json")
    #expect(definition.templatePaths(relativeTo: "/etc/p/x.json").first == "/etc/p/templates/budget.json")
  }

  private let valid =
    #"{"version": 1, "name": "t", "stages": ["extract","normalize","segment","rows","emit"], "templates": ["b.json"]}"#

  @Test func strictErrors() {
    #expect(throws: Never.self) { try decode(valid) }
    #expect(
      error(valid.replacingOccurrences(of: #""name""#, with: #""extra": 1, "name""#))
        == .unknownKey(path: path, key: "extra"))
    #expect(
      error(valid.replacingOccurrences(of: #""rows""#, with: #""row""#)) == .unknownStage(path: path, name: "row"))
    #expect(
      error(valid.replacingOccurrences(of: #""version": 1"#, with: #""version": 2"#))
        == .newerVersion(path: path, version: 2, supported: 1))
    #expect(
      error(valid.replacingOccurrences(of: #""version": 1, "#, with: "")) == .missingKey(path: path, key: "version"))
    #expect(
      error(valid.replacingOccurrences(of: #""name": "t""#, with: #""name": 3"#))?.description
        == #"pipelines/test.json: bad value for "name": expected a non-empty string"#)
    #expect(error(valid.replacingOccurrences(of: #""version": 1"#, with: #""version": 1.5"#)) != nil)
    #expect(
      error(valid.replacingOccurrences(of: #""rows","#, with: "")).map { "\($0)" }?.contains("cannot be skipped")
        == true)
    #expect(error(valid.replacingOccurrences(of: #"["b.json"]"#, with: "[]")) != nil)
    #expect(error(valid.replacingOccurrences(of: #"["b.json"]"#, with: "\"b.json\"")) != nil)
    #expect(
      error(valid + ",")
        == .invalidJSON(path: path, reason: "invalid json at byte \(valid.utf8.count): unexpected data after value"))
    #expect(error("[]") == .invalidJSON(path: path, reason: "not a json object"))
  }

  @Test func errorDescriptionsAreLowercaseWithoutTrailingPeriod() {
    let errors: [PipelineError] = [
      .missing(path: "p"), .unreadable(path: "p", reason: "r"), .invalidJSON(path: "p", reason: "r"),
      .unknownKey(path: "p", key: "k"), .missingKey(path: "p", key: "k"), .badValue(path: "p", key: "k", reason: "r"),
      .unknownStage(path: "p", name: "n"), .newerVersion(path: "p", version: 2, supported: 1),
      .badTemplate(path: "p", reason: "r"),
    ]
    for error in errors {
      #expect(error.description.hasPrefix("p: "))
      #expect(!error.description.hasSuffix("."))
      #expect(error.path == "p")
    }
    #expect(
      PipelineError.unknownStage(path: "p", name: "x").description
        == #"p: unknown stage "x" (known: extract, normalize, segment, rows, emit)"#)
  }

  @Test func loadReportsMissingAndBadTemplates() {
    let files: [String: [UInt8]] = ["dir/p.json": Array(valid.utf8), "dir/b.json": Array(#"{"kind": 3}"#.utf8)]
    func read(_ path: String) throws(PipelineError) -> [UInt8] {
      guard let bytes = files[path] else { throw .missing(path: path) }
      return bytes
    }
    #expect(throws: PipelineError.missing(path: "nope.json")) {
      try PipelineDefinition.load(path: "nope.json", read: read)
    }
    do {
      _ = try PipelineDefinition.load(path: "dir/p.json", read: read)
      Issue.record("a bad template must not load")
    } catch {
      #expect(error.path == "dir/b.json")
      #expect("\(error)".hasPrefix("dir/b.json: bad template: "))
    }
  }
}
