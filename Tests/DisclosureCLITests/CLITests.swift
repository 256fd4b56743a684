import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

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

@Suite("disclosure check")
struct CheckCommandTests {
  @Test("the urumqi replica: failures first, grouped by table with pages; exit 1")
  func urumqi() throws {
    let run = try Run(["check", "corpus/public/urumqi-hrss-2023.pdf"])
    #expect(run.status == 1)
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first?.hasPrefix("corpus/public/urumqi-hrss-2023.pdf: ") == true)
    #expect(lines.first?.contains(" fail, 2 rounding, ") == true)
    let fail = try #require(lines.firstIndex { $0.hasPrefix("FAIL (") })
    let rounding = try #require(lines.firstIndex { $0.hasPrefix("ROUNDING (") })
    #expect(fail < rounding)
    #expect(
      run.stdout.contains(
        "    p21 [prose.general-project] 第三部分/五/一 quotes 项目支:14882.06万元; 表5 合计 一般公共预算支出/项目支出 is 14882.60 (off by -0.54)\n"
      ))
    #expect(run.stdout.contains("        table 14882.60 at 表5 row 合计 一般公共预算支出/项目支出 p11\n"))
    #expect(run.stdout.contains("  performance table 1 雇员及区聘人员工资社保 (p29)\n"))
    #expect(
      run.stdout.contains(
        "    p19 [prose.revenue-carryover] 第三部分/二 quotes 财政拨款结转6883.43万元; 表1 收入 side 1.财政拨款结转 收入/预算数 is 6883.44 (off by -0.01)\n"
      ))
  }

  @Test("--format json: one line of canonical JSON per document, findings in page order, same exit status")
  func json() throws {
    let run = try Run(["check", "--format", "json", "corpus/public/urumqi-hrss-2023.pdf", "corpus/public/gen-0101.pdf"])
    #expect(run.status == 1)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    var failures: [Int] = []
    for line in lines {
      let value = try JSONParser.parse(Array(line.utf8))
      #expect(value.objectValue.map { Set($0.keys) } == ["file", "findings", "summary"])
      let findings = try #require(value["findings"]?.arrayValue)
      #expect(!findings.isEmpty)
      // The summary counts the findings; pages (a finding's first figure's) never go back, and
      // findings naming no page come last.
      #expect(value["summary"]?["pass"]?.intValue == findings.filter { $0["status"]?.stringValue == "pass" }.count)
      let pages = findings.map { finding in
        (finding["figures"]?.arrayValue ?? []).lazy.compactMap { $0["source"]?["page"]?.intValue }.first ?? Int.max
      }
      #expect(pages == pages.sorted())
      failures.append(value["summary"]?["fail"]?.intValue ?? -1)
    }
    #expect(lines[0].hasPrefix(#"{"file":"corpus/public/urumqi-hrss-2023.pdf","findings":["#))
    #expect(failures[0] > 0 && failures[1] == 0)
  }

  @Test("a document whose numbers add up exits 0; rounding fails only with --strict; a real error fails")
  func clean() throws {
    let run = try Run(["check", "corpus/public/gen-0101.pdf"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("corpus/public/gen-0101.pdf: 0 fail, 0 rounding, "))
    let seed = try Run(["check", "corpus/seed-urumqi-hrss-2023.txt", "--strict"])
    #expect(seed.stdout.contains(" 2 rounding, "))
    #expect(seed.status == 1)
    // From the text layer alone, with its tables rebuilt, the seed's three real errors: 项目支出
    // quoted as 14882.06 against 14882.60, 财政拨款结转 6883.43 against 6883.44 (rounding), and
    // the first performance table's 财政拨款 10162 against a 年度预算总额 of 2662.
    let lenient = try Run(["check", "corpus/seed-urumqi-hrss-2023.txt"])
    #expect(lenient.status == 1)
    #expect(lenient.stdout.hasPrefix("corpus/seed-urumqi-hrss-2023.txt: 2 fail, 2 rounding, "))
    #expect(lenient.stdout.contains("[performance.fiscal-within-total]"))
    #expect(
      lenient.stdout.contains(
        "    p18 [prose.general-project] 第三部分/五/一 quotes 项目支:14882.06万元; 表5 合计 一般公共预算支出/项目支出 is 14882.60 (off by -0.54)\n"
      ))
    #expect(lenient.stdout.contains("        table 14882.60 at 表5 row 合计 一般公共预算支出/项目支出 p9\n"))
    #expect(
      lenient.stdout.contains(
        "    p16 [prose.revenue-carryover] 第三部分/二 quotes 财政拨款结转6883.43万元; 表1 收入 side 1.财政拨款结转 收入/预算数 is 6883.44 (off by -0.01)\n"
      ))
  }
}
