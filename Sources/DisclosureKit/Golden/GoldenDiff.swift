/// A semantic comparison of two `disclosure/1` documents (a golden and a fresh run), one
/// readable line per difference, such as `表3 row 2080101 合计: 787.71 → 787.17`.
///
/// 1. Top-level members in document order (`schema, source, document, sections, tables,
///    performance_tables, glossary, closing, diagnostics`), then any others sorted.
/// 2. Sections are matched by their number path (`第二部分/三/二`); a missing or added section is
///    one line (its sub-sections are not listed again); paragraphs are compared by position.
/// 3. Tables are matched by number; rows by code, else by their label (the first non-empty text
///    cell) and its occurrence, else by position; cells by header name; a changed amount shows
///    the numbers, a changed cell with the same amount shows the printed text.
/// 4. Performance tables are matched by index, their indicators by position; glossary entries
///    by term; diagnostics as a multiset (added / missing).
/// 5. Anything else: a generic walk (objects by key, lists of containers by position, lists of
///    scalars and scalars as one `old → new` line).
///
/// Repeated keys (two tables numbered 3, two rows 合计) get `#2`, `#3` … in order.
public enum GoldenDiff {
  /// The differences from `golden` to `actual`, one line each; empty when they are equal.
  public static func lines(golden: JSONValue, actual: JSONValue) -> [String] {
    var differ = Differ()
    differ.document(golden, actual)
    return differ.lines
  }
}

private struct Differ {
  var lines: [String] = []

  static let order = [
    "schema", "source", "document", "sections", "tables", "performance_tables", "glossary", "closing", "diagnostics",
    "checks",
  ]

  mutating func document(_ golden: JSONValue, _ actual: JSONValue) {
    guard let g = golden.objectValue, let a = actual.objectValue else {
      value("document", golden, actual)
      return
    }
    let keys = Set(g.keys).union(a.keys)
    let ordered = Self.order.filter(keys.contains) + keys.subtracting(Self.order).sorted()
    for key in ordered {
      let (gv, av) = (g[key], a[key])
      if gv == av { continue }
      guard let gl = gv?.arrayValue, let al = av?.arrayValue else {
        value(key, gv, av)
        continue
      }
      switch key {
      case "sections": sections(gl, al)
      case "tables": tables(gl, al)
      case "performance_tables": performanceTables(gl, al)
      case "glossary": glossary(gl, al)
      case "diagnostics": diagnostics(gl, al)
      case "checks": checks(gl, al)
      default: value(key, gv, av)
      }
    }
  }

  // MARK: Sections

  private func flatten(_ sections: [JSONValue], parent: String, into out: inout [(String, JSONValue)]) {
    let named = sections.map { section -> (String, JSONValue) in
      let number = section["number"]?.stringValue ?? "?"
      return (parent.isEmpty ? number : parent + "/" + number, section)
    }
    for (path, section) in Self.uniqued(named) {
      out.append((path, section))
      flatten(section["children"]?.arrayValue ?? [], parent: path, into: &out)
    }
  }

  private mutating func sections(_ golden: [JSONValue], _ actual: [JSONValue]) {
    var g: [(String, JSONValue)] = []
    var a: [(String, JSONValue)] = []
    flatten(golden, parent: "", into: &g)
    flatten(actual, parent: "", into: &a)
    let gMap = Dictionary(g, uniquingKeysWith: { first, _ in first })
    let aMap = Dictionary(a, uniquingKeysWith: { first, _ in first })
    func parent(_ path: String) -> String? {
      path.lastIndex(of: "/").map { String(path[..<$0]) }
    }
    for (path, section) in g {
      guard let other = aMap[path] else {
        if let up = parent(path), aMap[up] == nil, gMap[up] != nil { continue }
        lines.append("section \(path) missing")
        continue
      }
      if section == other { continue }
      compareSection(path, section, other)
    }
    for (path, _) in a where gMap[path] == nil {
      if let up = parent(path), gMap[up] == nil, aMap[up] != nil { continue }
      lines.append("section \(path) added")
    }
    reorder(g.map(\.0), a.map(\.0), line: "sections reordered")
  }

  private mutating func compareSection(_ path: String, _ golden: JSONValue, _ actual: JSONValue) {
    guard let g = golden.objectValue, let a = actual.objectValue else {
      value("section \(path)", golden, actual)
      return
    }
    for key in Set(g.keys).union(a.keys).sorted() where key != "children" {
      let (gv, av) = (g[key], a[key])
      if gv == av { continue }
      if key == "paragraphs", let gp = gv?.arrayValue, let ap = av?.arrayValue {
        for index in 0..<max(gp.count, ap.count) {
          let name = "section \(path) paragraph \(index + 1)"
          if index >= ap.count {
            lines.append("\(name) missing")
          } else if index >= gp.count {
            lines.append("\(name) added")
          } else if gp[index] != ap[index] {
            lines.append("\(name) changed")
          }
        }
      } else {
        value("section \(path) \(key)", gv, av)
      }
    }
  }

  // MARK: Tables

  private mutating func tables(_ golden: [JSONValue], _ actual: [JSONValue]) {
    func keyed(_ tables: [JSONValue]) -> [(String, JSONValue)] {
      // A table the document gives no number is named by its title.
      Self.uniqued(tables.map { ("table " + ($0["number"]?.intValue.map(String.init) ?? "“\($0["title"]?.stringValue ?? "")”"), $0) })
    }
    matched(keyed(golden), keyed(actual), reorderLine: "tables reordered") { differ, key, g, a in
      differ.compareTable(key, g, a)
    }
  }

  private mutating func compareTable(_ key: String, _ golden: JSONValue, _ actual: JSONValue) {
    guard let g = golden.objectValue, let a = actual.objectValue else {
      value(key, golden, actual)
      return
    }
    var name = g["label"]?.stringValue ?? a["label"]?.stringValue ?? ""
    if name.isEmpty { name = key }
    // Keep the "#2" of a repeated table number on the label too.
    if let hash = key.lastIndex(of: "#") { name += key[hash...] }
    let columns = Self.columnNames(g["header"]?.arrayValue ?? [], a["header"]?.arrayValue ?? [])
    for field in Set(g.keys).union(a.keys).sorted() {
      let (gv, av) = (g[field], a[field])
      if gv == av { continue }
      let rowLabel: String? =
        switch field {
        case "rows": "row"
        case "revenue": "revenue row"
        case "expenditure": "expenditure row"
        default: nil
        }
      if let rowLabel, let gr = gv?.arrayValue, let ar = av?.arrayValue {
        rows("\(name) \(rowLabel)", gr, ar, columns: columns, reorderLine: "\(name) \(field) reordered")
      } else {
        value("\(name) \(field)", gv, av)
      }
    }
  }

  /// Column names by position: the golden's header name where it is unique, else the actual
  /// one's, else `column N`.
  private static func columnNames(_ golden: [JSONValue], _ actual: [JSONValue]) -> [String] {
    func unique(_ header: [JSONValue]) -> [String?] {
      let names = header.map(\.stringValue)
      return names.map { name in
        guard let name, !name.isEmpty, names.filter({ $0 == name }).count == 1 else { return nil }
        return name
      }
    }
    let (g, a) = (unique(golden), unique(actual))
    return (0..<max(g.count, a.count)).map { index in
      (index < g.count ? g[index] : nil) ?? (index < a.count ? a[index] : nil) ?? "column \(index + 1)"
    }
  }

  private static func rowKey(_ row: JSONValue, position: Int) -> String {
    if let code = row["code"]?.stringValue, !code.isEmpty { return code }
    let cells = row["cells"]?.arrayValue ?? []
    let values = row["values"]?.arrayValue ?? []
    for (index, cell) in cells.enumerated() {
      guard let text = cell.stringValue, !text.isEmpty else { continue }
      if index < values.count, values[index] != .null { continue }
      return text
    }
    return "#\(position + 1)"
  }

  private mutating func rows(
    _ prefix: String, _ golden: [JSONValue], _ actual: [JSONValue], columns: [String], reorderLine: String
  ) {
    func keyed(_ rows: [JSONValue]) -> [(String, JSONValue)] {
      Self.uniqued(rows.enumerated().map { ("\(prefix) \(Self.rowKey($1, position: $0))", $1) })
    }
    matched(keyed(golden), keyed(actual), reorderLine: reorderLine) { differ, key, g, a in
      differ.compareRow(key, g, a, columns: columns)
    }
  }

  private mutating func compareRow(_ name: String, _ golden: JSONValue, _ actual: JSONValue, columns: [String]) {
    guard let g = golden.objectValue, let a = actual.objectValue,
      let gc = g["cells"]?.arrayValue, let ac = a["cells"]?.arrayValue,
      let gv = g["values"]?.arrayValue, let av = a["values"]?.arrayValue
    else {
      value(name, golden, actual)
      return
    }
    let count = max(gc.count, ac.count, gv.count, av.count)
    for index in 0..<count {
      let column = index < columns.count ? columns[index] : "column \(index + 1)"
      let (gValue, aValue) = (Self.element(gv, index), Self.element(av, index))
      if gValue != aValue {
        lines.append("\(name) \(column): \(Self.text(gValue)) → \(Self.text(aValue))")
      } else if Self.element(gc, index) != Self.element(ac, index) {
        lines.append(
          "\(name) \(column) cell: \(Self.text(Self.element(gc, index))) → \(Self.text(Self.element(ac, index)))")
      }
    }
    for field in Set(g.keys).union(a.keys).sorted() where field != "cells" && field != "values" {
      value("\(name) \(field)", g[field], a[field])
    }
  }

  // MARK: Performance tables, glossary, diagnostics

  private mutating func performanceTables(_ golden: [JSONValue], _ actual: [JSONValue]) {
    func keyed(_ tables: [JSONValue]) -> [(String, JSONValue)] {
      Self.uniqued(
        tables.enumerated().map { position, table in
          ("performance table " + String(table["index"]?.intValue ?? position + 1), table)
        })
    }
    matched(keyed(golden), keyed(actual), reorderLine: "performance tables reordered") { differ, key, g, a in
      guard let go = g.objectValue, let ao = a.objectValue else {
        differ.value(key, g, a)
        return
      }
      for field in Set(go.keys).union(ao.keys).sorted() {
        if field == "indicators", let gi = go[field]?.arrayValue, let ai = ao[field]?.arrayValue {
          for index in 0..<max(gi.count, ai.count) {
            differ.value("\(key) indicator \(index + 1)", Self.optional(gi, index), Self.optional(ai, index))
          }
        } else {
          differ.value("\(key) \(field)", go[field], ao[field])
        }
      }
    }
  }

  private mutating func glossary(_ golden: [JSONValue], _ actual: [JSONValue]) {
    func keyed(_ entries: [JSONValue]) -> [(String, JSONValue)] {
      Self.uniqued(entries.map { ("glossary " + ($0["term"]?.stringValue ?? "?"), $0) })
    }
    matched(keyed(golden), keyed(actual), reorderLine: "glossary reordered") { differ, key, g, a in
      differ.value(key, g, a)
    }
  }

  private mutating func diagnostics(_ golden: [JSONValue], _ actual: [JSONValue]) {
    var remaining: [JSONValue: Int] = [:]
    for diagnostic in actual { remaining[diagnostic, default: 0] += 1 }
    var missing: [JSONValue] = []
    for diagnostic in golden {
      if let count = remaining[diagnostic], count > 0 {
        remaining[diagnostic] = count - 1
      } else {
        missing.append(diagnostic)
      }
    }
    var added: [JSONValue] = []
    for diagnostic in actual where (remaining[diagnostic] ?? 0) > 0 {
      remaining[diagnostic, default: 0] -= 1
      added.append(diagnostic)
    }
    lines += missing.map { "diagnostic missing: \(Self.describe(diagnostic: $0))" }
    lines += added.map { "diagnostic added: \(Self.describe(diagnostic: $0))" }
  }

  private static func describe(diagnostic: JSONValue) -> String {
    guard let severity = diagnostic["severity"]?.stringValue, let stage = diagnostic["stage"]?.stringValue,
      let message = diagnostic["message"]?.stringValue
    else { return text(diagnostic) }
    let page = diagnostic["page"]?.intValue.map { "p\($0) " } ?? ""
    return "\(page)\(severity): [\(stage)] \(message)"
  }

  // MARK: Checks

  /// Findings keyed by rule and where the first figure was printed; a change shows the status
  /// and the compared figures.
  private mutating func checks(_ golden: [JSONValue], _ actual: [JSONValue]) {
    func key(_ finding: JSONValue) -> (String, JSONValue) {
      let rule = finding["rule"]?.stringValue ?? "?"
      let source = finding["figures"]?.arrayValue?.first?["source"]?.objectValue ?? [:]
      let place = ["table", "side", "row", "column", "performance_table", "section", "page"].compactMap { name in
        source[name].map { "\(name) \(Self.text($0).replacingOccurrences(of: "\"", with: ""))" }
      }
      let at = place.isEmpty ? (finding["message"]?.stringValue ?? "") : place.joined(separator: " ")
      return ("check \(rule) at \(at)", finding)
    }
    matched(
      Self.uniqued(golden.map(key)), Self.uniqued(actual.map(key)), reorderLine: "checks reordered",
      compare: { differ, name, g, a in
        var parts: [String] = []
        for field in ["status", "found", "expected"] where g[field] != a[field] {
          parts.append("\(field) \(Self.text(g[field])) → \(Self.text(a[field]))")
        }
        if g["message"] != a["message"] { parts.append("message changed") }
        parts += Self.figureChanges(g["figures"]?.arrayValue ?? [], a["figures"]?.arrayValue ?? [])
        differ.lines.append("\(name): \(parts.joined(separator: ", "))")
      })
  }

  /// What changed in a finding's figures: their number, or per figure its value and the
  /// fields of its source (`total 1 page 7 → 8`, `part 2 box {…} → {…}`).
  private static func figureChanges(_ golden: [JSONValue], _ actual: [JSONValue]) -> [String] {
    guard golden.count == actual.count else { return ["figures \(golden.count) → \(actual.count)"] }
    var parts: [String] = []
    for (index, (g, a)) in zip(golden, actual).enumerated() where g != a {
      let name = "\(a["role"]?.stringValue ?? "figure") \(index + 1)"
      var changes: [String] = []
      if g["role"] != a["role"] { changes.append("role \(text(g["role"])) → \(text(a["role"]))") }
      if g["value"] != a["value"] { changes.append("value \(text(g["value"])) → \(text(a["value"]))") }
      let gs = g["source"]?.objectValue ?? [:]
      let sourceFields = a["source"]?.objectValue ?? [:]
      for field in Set(gs.keys).union(sourceFields.keys).sorted() where gs[field] != sourceFields[field] {
        changes.append("\(field) \(text(gs[field])) → \(text(sourceFields[field]))")
      }
      parts.append("\(name) " + changes.joined(separator: ", "))
    }
    return parts
  }

  // MARK: Generic

  /// Matches keyed items: missing, added, then `compare` for those present in both.
  private mutating func matched(
    _ golden: [(String, JSONValue)], _ actual: [(String, JSONValue)], reorderLine: String,
    compare: (inout Differ, String, JSONValue, JSONValue) -> Void
  ) {
    let aMap = Dictionary(actual, uniquingKeysWith: { first, _ in first })
    let gKeys = Set(golden.map(\.0))
    for (key, item) in golden {
      guard let other = aMap[key] else {
        lines.append("\(key) missing")
        continue
      }
      if item != other { compare(&self, key, item, other) }
    }
    for (key, _) in actual where !gKeys.contains(key) {
      lines.append("\(key) added")
    }
    reorder(golden.map(\.0), actual.map(\.0), line: reorderLine)
  }

  /// Reports `line` when the items present on both sides come in a different order.
  private mutating func reorder(_ golden: [String], _ actual: [String], line: String) {
    let (gSet, aSet) = (Set(golden), Set(actual))
    if golden.filter(aSet.contains) != actual.filter(gSet.contains) { lines.append(line) }
  }

  mutating func value(_ path: String, _ golden: JSONValue?, _ actual: JSONValue?) {
    guard let golden else {
      if actual != nil { lines.append("\(path) added") }
      return
    }
    guard let actual else {
      lines.append("\(path) missing")
      return
    }
    if golden == actual { return }
    switch (golden, actual) {
    case (.object(let g), .object(let a)):
      for key in Set(g.keys).union(a.keys).sorted() {
        value("\(path).\(key)", g[key], a[key])
      }
    case (.array(let g), .array(let a)) where !(g + a).allSatisfy(Self.isScalar):
      for index in 0..<max(g.count, a.count) {
        value("\(path)[\(index)]", Self.optional(g, index), Self.optional(a, index))
      }
    default:
      lines.append("\(path): \(Self.text(golden)) → \(Self.text(actual))")
    }
  }

  // MARK: Helpers

  /// Appends `#2`, `#3` … to repeated keys, in order.
  static func uniqued(_ items: [(String, JSONValue)]) -> [(String, JSONValue)] {
    var seen: [String: Int] = [:]
    return items.map { key, item in
      seen[key, default: 0] += 1
      let count = seen[key, default: 1]
      return (count == 1 ? key : "\(key)#\(count)", item)
    }
  }

  static func isScalar(_ value: JSONValue) -> Bool {
    switch value {
    case .array, .object: false
    default: true
    }
  }

  static func optional(_ list: [JSONValue], _ index: Int) -> JSONValue? {
    index < list.count ? list[index] : nil
  }

  /// An element, with positions past the end reading as absent (shown as `(none)`).
  static func element(_ list: [JSONValue], _ index: Int) -> JSONValue? {
    optional(list, index)
  }

  /// Compact JSON, numbers as written in files, long text shortened with `…`.
  static func text(_ value: JSONValue?) -> String {
    guard let value else { return "(none)" }
    var out: String
    if case .number(let number) = value {
      out = CanonicalJSON.numberText(number)
    } else {
      out = String(CanonicalJSON.string(value).dropLast())
    }
    if out.count > 80 { out = String(out.prefix(79)) + "…" }
    return out
  }
}
