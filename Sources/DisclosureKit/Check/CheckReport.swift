import Foundation

/// The readable report of a document's findings: failures first, grouped by table (or
/// performance table, or section) in page order, each with its pages and figures.
public enum CheckReport {
  /// An amount with at least two decimals (`14882.60`, `-0.01`).
  public static func amount(_ value: Decimal) -> String {
    var text = CanonicalJSON.numberText(value)
    if !text.contains(literal: ".") { text += "." }
    let decimals = text.count - 1 - (text.lastIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? 0)
    if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
    return text
  }

  /// A number as written in JSON (`30.4099`, `100`).
  public static func number(_ value: Decimal) -> String { CanonicalJSON.numberText(value) }

  /// How many findings have each status.
  public static func counts(_ findings: [CheckFinding]) -> [CheckFinding.Status: Int] {
    var counts: [CheckFinding.Status: Int] = [:]
    for finding in findings { counts[finding.status, default: 0] += 1 }
    return counts
  }

  /// `3 fail, 1 rounding, 212 pass, 9 skip`.
  public static func summary(_ findings: [CheckFinding]) -> String {
    let counts = counts(findings)
    return CheckFinding.Status.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
  }

  /// Where a finding belongs in the report, and a sort key for the group.
  static func group(_ finding: CheckFinding, in document: DisclosureDocument) -> (key: String, order: [Int]) {
    if let number = finding.figures.lazy.compactMap(\.source.table).first {
      let title = document.tables.first { $0.number == number }.map { " \($0.title)" } ?? ""
      return ("表\(number)\(title)", [0, number])
    }
    if let index = finding.figures.lazy.compactMap(\.source.performanceTable).first {
      let project = document.performanceTables.first { $0.index == index }?.project.map { " \($0)" } ?? ""
      return ("performance table \(index)\(project)", [1, index])
    }
    if let section = finding.figures.lazy.compactMap(\.source.section).first {
      return ("section \(section)", [2] + (finding.figures.lazy.compactMap(\.source.page).first.map { [$0] } ?? []))
    }
    return ("document", [3])
  }

  /// Pages as `p4`, `p4–6` or `p4, p9`.
  static func pages(_ pages: [Int]) -> String {
    let sorted = Array(Set(pages)).sorted()
    guard let first = sorted.first, let last = sorted.last else { return "" }
    if sorted.count == last - first + 1 { return first == last ? "p\(first)" : "p\(first)–\(last)" }
    return sorted.map { "p\($0)" }.joined(separator: ", ")
  }

  /// Where a figure was printed, in words.
  public static func place(_ source: CheckSource) -> String {
    var parts: [String] = []
    if let table = source.table { parts.append("表\(table)") }
    if let side = source.side { parts.append(side == "revenue" ? "收入" : "支出") }
    if let index = source.performanceTable { parts.append("performance table \(index)") }
    if let row = source.row { parts.append("row \(row)") }
    if let column = source.column { parts.append(column) }
    if let section = source.section { parts.append("section \(section)") }
    if let page = source.page { parts.append("p\(page)") }
    var text = parts.joined(separator: " ")
    if let quote = source.text {
      text += " “\(quote.count > 90 ? String(quote.prefix(89)) + "…" : quote)”"
    }
    return text
  }

  /// The findings of one document as one line of canonical JSON: `{"file", "findings",
  /// "summary"}`, the findings in page order as in the `disclosure/1` JSON's `checks`, the
  /// summary counting them by status.
  public static func json(file: String, document: DisclosureDocument) -> String {
    let counts = counts(document.checks)
    let summary = JSONValue.object(
      Dictionary(uniqueKeysWithValues: CheckFinding.Status.allCases.map { ($0.rawValue, JSONValue(counts[$0] ?? 0)) }))
    let value = JSONValue.object([
      "file": .string(file), "summary": summary, "findings": .array(document.checks.map(\.json)),
    ])
    return CanonicalJSON.string(value) + "\n"
  }

  /// The report for one document. Passes are counted, and listed only when `verbose`.
  public static func text(file: String, document: DisclosureDocument, verbose: Bool = false) -> String {
    let findings = document.checks
    var out = "\(file): \(summary(findings))\n"
    for status in CheckFinding.Status.allCases {
      let chosen = findings.filter { $0.status == status }
      guard !chosen.isEmpty, status != .pass || verbose else { continue }
      out += "\n\(status.rawValue.uppercased()) (\(chosen.count))\n"
      var groups: [String: (order: [Int], findings: [CheckFinding])] = [:]
      for finding in chosen {
        let (key, order) = group(finding, in: document)
        groups[key, default: (order, [])].findings.append(finding)
      }
      // Groups in page order: the first page of their findings.
      func firstPage(_ findings: [CheckFinding]) -> Int { findings.compactMap(\.page).min() ?? Int.max }
      let ordered = groups.sorted { a, b in
        let (pageA, pageB) = (firstPage(a.value.findings), firstPage(b.value.findings))
        if pageA != pageB { return pageA < pageB }
        return a.value.order != b.value.order ? a.value.order.lexicographicallyPrecedes(b.value.order) : a.key < b.key
      }
      for (key, group) in ordered {
        let allPages = group.findings.flatMap { $0.figures.compactMap(\.source.page) }
        out += "  \(key)\(allPages.isEmpty ? "" : " (\(pages(allPages)))")\n"
        for finding in group.findings {
          let page = finding.page.map { "p\($0) " } ?? ""
          var line = "    \(page)[\(finding.rule)] \(finding.message)"
          if status == .fail || status == .rounding, let difference = finding.difference {
            line += " (off by \(amount(difference)))"
          }
          out += line + "\n"
          guard status == .fail || status == .rounding else { continue }
          let shown = finding.figures.prefix(8)
          for figure in shown {
            let value = figure.value.map(amount) ?? "blank"
            out += "        \(figure.role) \(value) at \(place(figure.source))\n"
          }
          if finding.figures.count > shown.count {
            out += "        … \(finding.figures.count - shown.count) more figures\n"
          }
        }
      }
    }
    return out
  }
}
