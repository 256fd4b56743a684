import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@Suite("Check rule files")
struct CheckRuleSetTests {
  private let path = "pipelines/checks/test.json"

  private func error(_ rules: String, header: String = #""version": 1, "kind": "budget""#) -> PipelineError? {
    do {
      _ = try CheckRuleSet.decode(Array(Corpus.withProse("{\(header), \"rules\": [\(rules)]}").utf8), path: path)
      return nil
    } catch {
      return error
    }
  }

  @Test("the rule files pipelines/default.json names load, one per kind, ids unique")
  func shippedFilesLoad() throws {
    let pipeline = try Golden.defaultPipeline()
    #expect(pipeline.checks.map(\.kind) == ["budget", "final_account"])
    let budget = try #require(pipeline.checks.first)
    #expect(budget.tolerance == Decimal(string: "0.02"))
    #expect(budget.rules.count > 40)
    // Every relation is used by a shipped rule file (prose-completion and prose-dates by the
    // final-account rules only).
    #expect(Set(pipeline.checks.flatMap { $0.rules.map(\.relation) }) == Set(CheckRule.Relation.allCases))
    let finalAccount = try #require(pipeline.checks.last)
    #expect(finalAccount.rules.allSatisfy { rule in rule.tables.allSatisfy { if case .kind = $0 { true } else { rule.relation == .requiredTables } } })
  }

  @Test("bad rule files are typed errors naming the file, the rule and the reason")
  func strictErrors() {
    let good = #"{"id": "a", "relation": "row-sum", "tables": [3], "total": ["合计"], "parts": "others"}"#
    #expect(error(good) == nil)
    #expect(
      error(#"{"id": "a", "relation": "sum"}"#)?.description
        == "pipelines/checks/test.json: bad check rules: rules[0] (a): unknown relation \"sum\" (known: row-sum, column-sum, code-tree, equal, at-most, required-tables, prose-amount, prose-share, prose-growth, prose-words, prose-list, prose-list-total, prose-list-share, empty-tables, template-text, heading-metadata, prose-completion, prose-item, prose-coded-item, prose-dates)"
    )
    #expect(
      error(good.replacingOccurrences(of: #""id""#, with: #""colour": 1, "id""#))
        == .badChecks(path: path, reason: "rules[0]: unknown key \"colour\""))
    #expect(
      error(good.replacingOccurrences(of: #""parts": "others""#, with: #""parts": "others", "levels": [3, 5]"#))
        == .badChecks(path: path, reason: "rules[0] (a): \"levels\" does not apply to relation row-sum"))
    #expect(
      error(#"{"id": "h", "relation": "heading-metadata", "patterns": ["(unclosed"]}"#)
        == .badChecks(path: path, reason: "rules[0] (h): \"patterns\" is not a valid regular expression: (unclosed"))
    #expect(error(good + ", " + good) == .badChecks(path: path, reason: "rules[1] (a): rule id \"a\" is used twice"))
    #expect(
      error(#"{"id": "t", "relation": "code-tree", "tables": [3], "levels": [5, 3]}"#)
        == .badChecks(path: path, reason: "rules[0] (t): \"levels\" must list at least two increasing code lengths"))
    #expect(
      error(#"{"id": "e", "relation": "equal", "left": [{"performance": "budget"}], "right": [{"table": 5}]}"#)
        == .badChecks(path: path, reason: "rules[0] (e): \"left.performance\" must be total, fiscal or other"))
    #expect(
      error(good, header: #""version": 2, "kind": "budget""#)
        == .badChecks(path: path, reason: "version 2 is newer than this build reads (1)"))
    #expect(
      error(#"{"id": "a", "relation": "prose-amount", "terms": ["x"]}"#)
        == .badChecks(path: path, reason: "rules[0] (a): relation prose-amount needs \"figure\""))
    let byYear = #"{"id": "y", "relation": "prose-amount", "terms": ["x"], "figure": {"table": 9, "row": {"year": "document"}}}"#
    #expect(error(byYear) == nil)
    #expect(
      error(byYear.replacingOccurrences(of: #""document""#, with: #""2026""#))
        == .badChecks(path: path, reason: "rules[0] (y): \"figure.row.year\" must be \"document\""))
  }

  @Test("the prose object: needed by the prose relations, its patterns checked for their groups, its word lists complete")
  func proseObject() throws {
    let growth = #"{"id": "g", "relation": "prose-growth"}"#
    func decode(_ prose: String?) -> PipelineError? {
      let member = prose.map { #""prose": "# + $0 + ", " } ?? ""
      do {
        _ = try CheckRuleSet.decode(Array(#"{"version": 1, "kind": "budget", "# .utf8) + Array((member + #""rules": ["# + growth + "]}").utf8), path: path)
        return nil
      } catch {
        return error
      }
    }
    #expect(decode(Corpus.proseJSON) == nil)
    #expect(
      decode(nil)
        == .badChecks(path: path, reason: "rules[0] (g): relation \"prose-growth\" reads the explanations: the file needs a \"prose\" object"))
    // A rule file without prose relations needs none.
    #expect(
      (try? CheckRuleSet.decode(
        Array(#"{"version": 1, "kind": "budget", "rules": [{"id": "s", "relation": "row-sum", "tables": [3], "total": ["合计"], "parts": "others"}]}"#.utf8),
        path: path)) != nil)
    var prose = try #require(JSONParser.parse(Corpus.proseJSON).objectValue)
    var patterns = try #require(prose["patterns"]?.objectValue)
    patterns["growth"] = "(增加|减少){amount}"
    prose["patterns"] = .object(patterns)
    #expect(
      decode(CanonicalJSON.string(.object(prose)))
        == .badChecks(path: path, reason: "\"prose.patterns.growth\" must capture 4 groups, it captures 2: (增加|减少){amount}"))
    patterns["growth"] = nil
    prose["patterns"] = .object(patterns)
    #expect(
      decode(CanonicalJSON.string(.object(prose)))
        == .badChecks(path: path, reason: "\"prose.patterns.growth\" must be a non-empty string or a non-empty list of them"))
    // A list of alternatives: each must capture the pattern's groups.
    patterns["growth"] = .array([.string("比上年(增加){amount}(增长){percent}"), .string("(增加|减少){amount}")])
    prose["patterns"] = .object(patterns)
    #expect(
      decode(CanonicalJSON.string(.object(prose)))
        == .badChecks(path: path, reason: "\"prose.patterns.growth\" must capture 4 groups, it captures 2: (增加|减少){amount}"))
    patterns["growth"] = .array([.string("比上年(增加){amount}(增长){percent}"), .string("较上年(减少){amount}(下降){percent}")])
    prose["patterns"] = .object(patterns)
    #expect(decode(CanonicalJSON.string(.object(prose))) == nil)
    prose = try #require(JSONParser.parse(Corpus.proseJSON).objectValue)
    var words = try #require(prose["words"]?.objectValue)
    words["up"] = .array([])
    prose["words"] = .object(words)
    #expect(decode(CanonicalJSON.string(.object(prose))) == .badChecks(path: path, reason: "\"prose.words.up\" must be a non-empty list of strings"))
  }

  @Test("a pipeline file's checks must be a list of paths, resolved next to it; a bad one stops the load")
  func pipelineChecks() throws {
    let bad = #"{"version": 1, "name": "t", "stages": ["extract","normalize","segment","rows","emit"], "templates": ["b.json"], "checks": "c.json"}"#
    #expect(throws: PipelineError.badValue(path: "p.json", key: "checks", reason: "expected a list of file paths")) {
      try PipelineDefinition.decode(Array(bad.utf8), path: "p.json")
    }
    #expect(PipelineDefinition.defaults.checkPaths(relativeTo: "pipelines/default.json") == [
      "pipelines/checks/budget.json", "pipelines/checks/final-account.json",
    ])
    let files: [String: String] = [
      "x/p.json": #"{"version": 1, "name": "t", "stages": ["extract","normalize","segment","rows","emit"], "templates": ["t.json"], "checks": ["c.json"]}"#,
      "x/t.json": #"{"kind": "budget", "markers": [], "tables": [], "performanceTitles": [], "emptyMarkers": []}"#,
      "x/c.json": #"{"version": 1, "kind": "budget", "rules": [{"id": "a", "relation": "nope"}]}"#,
    ]
    #expect(throws: PipelineError.self) {
      _ = try PipelineDefinition.load(path: "x/p.json") { (path: String) throws(PipelineError) -> [UInt8] in
        guard let text = files[path] else { throw .missing(path: path) }
        return Array(text.utf8)
      }
    }
    do {
      _ = try PipelineDefinition.load(path: "x/p.json") { (path: String) throws(PipelineError) -> [UInt8] in
        guard let text = files[path] else { throw .missing(path: path) }
        return Array(text.utf8)
      }
    } catch {
      #expect(error.path == "x/c.json")
    }
  }
}
