import Foundation

/// The check stage: runs the rule files that match a document's kind over its tables, prose and
/// performance tables, and returns one finding per comparison.
///
/// 1. Pick the rule sets whose `kind` is the document's kind (else the template's).
/// 2. Run each rule in file order: sums along rows and down columns, code trees, cross-table
///    figures, required tables, prose quotes and arithmetic, headings against metadata.
/// 3. A gap of at most the tolerance is `rounding`; a rule that cannot read a table (empty,
///    absent, missing column) yields one `skip` saying why; a row where nothing is printed yields
///    nothing.
///
/// Findings come in page order (rule file order, then table, row and column order within a
/// page), so output is deterministic. Pure and total: it never throws on document content.
public struct Checker: Sendable {
  /// All rule sets the pipeline names; only those of the document's kind run.
  public var ruleSets: [CheckRuleSet]
  /// The template, for the required tables.
  public var template: Template

  /// Creates a checker.
  public init(ruleSets: [CheckRuleSet], template: Template) {
    self.ruleSets = ruleSets
    self.template = template
  }

  /// The findings for a document whose rows are reconstructed.
  public func findings(for document: DisclosureDocument) -> [CheckFinding] {
    var memo = CheckRun.Memo()
    return findings(for: document, reusing: &memo)
  }

  /// The findings, with the compiled patterns, table views, passages and prose matches of the
  /// runs before: `CrossTablePlacement` checks a document once per column placement of a table,
  /// and those runs differ in that table's rows only.
  func findings(for document: DisclosureDocument, reusing memo: inout CheckRun.Memo) -> [CheckFinding] {
    let kind = document.metadata.kind ?? template.kind
    var run = CheckRun(document: document, template: template)
    run.patterns = memo.patterns
    // A view is kept with the table it was made from and used only for an equal table.
    run.viewCache = memo.viewCache
    if memo.sections == document.sections {
      run.passageCache = memo.passageCache
      run.matchCache = memo.matchCache
    }
    for set in ruleSets where set.kind == kind {
      run.otherSubjects = set.otherSubjects
      run.prose = set.prose ?? .none
      for rule in set.rules {
        let tolerance = rule.tolerance ?? set.tolerance
        run.evaluate(rule, tolerance: tolerance, percentTolerance: rule.tolerance ?? set.percentTolerance)
      }
    }
    memo = CheckRun.Memo(
      patterns: run.patterns, viewCache: run.viewCache, sections: document.sections, passageCache: run.passageCache,
      matchCache: run.matchCache)
    return Self.byPage(run.findings)
  }

  /// Findings in page order (the page of their first figure that names one: the quote of a
  /// prose finding, the total of a sum), rule order within a page; findings that name no page
  /// last, in rule order.
  public static func byPage(_ findings: [CheckFinding]) -> [CheckFinding] {
    let keyed = findings.enumerated().map { index, finding in
      (page: finding.page ?? Int.max, index: index, finding: finding)
    }
    return keyed.sorted { ($0.page, $0.index) < ($1.page, $1.index) }.map(\.finding)
  }
}

/// One document's run: the findings so far and compiled patterns.
struct CheckRun {
  let document: DisclosureDocument
  let template: Template
  /// The template's total labels.
  let totals: Set<String>
  /// The template's words of table bodies.
  let words: TableWords
  var findings: [CheckFinding] = []
  var patterns = PatternCache()
  /// The running rule set's `otherSubjects`.
  var otherSubjects: [String] = []
  /// The running rule set's prose language (rule files with prose relations must give one).
  var prose = ProseLanguage.none
  /// Table views by table number and side, built once for all the rules that read them.
  fileprivate var viewCache: [String: (table: Table, view: CheckTable?)] = [:]
  /// Matches of a pattern in a passage's text, found once for all the prose rules.
  var matchCache: [MatchKey: [(range: Range<String.Index>, groups: [String?])]] = [:]

  /// A pattern and a text it is matched in, hashed and compared by their UTF-8 bytes
  /// (``UTF8Key``): the texts are whole paragraphs, and `String`'s own hashing normalizes them
  /// first.
  struct MatchKey: Hashable {
    var pattern: UTF8Key
    var text: UTF8Key

    init(pattern: String, text: String) {
      self.pattern = UTF8Key(pattern)
      self.text = UTF8Key(text)
    }
  }

  /// What one run leaves for the next on a document that differs only in tables' rows.
  struct Memo {
    var patterns = PatternCache()
    var viewCache: [String: (table: Table, view: CheckTable?)] = [:]
    /// The sections the passages and matches were found in.
    var sections: [Section]?
    var passageCache: [CheckRule.SectionSelector?: [Passage]] = [:]
    var matchCache: [MatchKey: [(range: Range<String.Index>, groups: [String?])]] = [:]
  }
  /// The paragraphs each section selector picks, chosen once for all the prose rules using it.
  var passageCache: [CheckRule.SectionSelector?: [Passage]] = [:]
  /// The sections depth first with their number paths and compact headings, built once for the
  /// prose rules (each used to rebuild them).
  let sections: [(path: String, heading: String, section: Section)]

  init(document: DisclosureDocument, template: Template) {
    self.document = document
    self.template = template
    words = template.words
    totals = words.totals
    sections = Self.flattened(document.sections).map { ($0.0, TextNormalization.compact($0.1.heading), $0.1) }
  }

  mutating func evaluate(_ rule: CheckRule, tolerance: Decimal, percentTolerance: Decimal) {
    // A rule set made in code may lack the prose object that reading a rule file requires.
    if rule.relation.readsProse && prose == .none {
      skip(rule, "the rule set has no prose object (how its explanations quote figures)")
      return
    }
    switch rule.relation {
    case .rowSum: rowSum(rule, tolerance: tolerance)
    case .columnSum: columnSum(rule, tolerance: tolerance)
    case .codeTree: codeTree(rule, tolerance: tolerance)
    case .equal, .atMost: figures(rule, tolerance: tolerance)
    case .requiredTables: requiredTables(rule)
    case .emptyTables: emptyTables(rule)
    case .proseAmount: proseAmount(rule, tolerance: tolerance)
    case .proseShare: proseShare(rule, tolerance: percentTolerance)
    case .proseGrowth: proseGrowth(rule, tolerance: percentTolerance)
    case .proseWords: proseWords(rule)
    case .proseList: proseList(rule, tolerance: tolerance)
    case .proseListTotal: proseListTotal(rule, tolerance: tolerance)
    case .proseListShare: proseListShare(rule, tolerance: percentTolerance)
    case .headingMetadata: headingMetadata(rule)
    case .proseCompletion: proseCompletion(rule, tolerance: tolerance, percentTolerance: percentTolerance)
    case .proseDates: proseDates(rule)
    case .proseItem: proseItem(rule, tolerance: tolerance)
    case .proseCodedItem: proseCodedItem(rule, tolerance: tolerance)
    case .templateText: templateText(rule)
    }
  }

  // MARK: Helpers

  /// How `found` compares with `expected`.
  static func status(
    found: Decimal, expected: Decimal, tolerance: Decimal, comparison: CheckRule.Comparison = .equal
  ) -> CheckFinding.Status {
    let gap = comparison == .atMost ? max(found - expected, 0) : abs(found - expected)
    if gap == 0 { return .pass }
    return gap <= tolerance ? .rounding : .fail
  }

  /// The document's tables a rule names, in document order, each once.
  /// The tables a rule names: the first of each kind or number, a skip for one the document
  /// lacks; and the kind `other` stands for every table whose title matches no template entry
  /// (none, and no skip, when every title matched), so the generic rules check them too.
  func tables(_ references: [CheckRule.TableReference]) -> [(CheckRule.TableReference, Table?)] {
    references.flatMap { reference -> [(CheckRule.TableReference, Table?)] in
      if case .kind(Table.otherKind) = reference {
        return document.tables.filter { $0.kind == Table.otherKind }.map { (reference, $0) }
      }
      return [(reference, table(reference))]
    }
  }

  func table(_ reference: CheckRule.TableReference) -> Table? {
    switch reference {
    case .kind(let kind): document.tables.first { $0.kind == kind }
    case .number(let number): document.tables.first { $0.number == number }
    }
  }

  mutating func skip(_ rule: CheckRule, _ reason: String, table: Table? = nil, figures more: [CheckFigure] = []) {
    var figures = more
    if let table {
      figures.append(CheckFigure(role: "table", value: nil, source: CheckSource(table: table.number, page: table.pages.first)))
    }
    findings.append(CheckFinding(rule: rule.id, status: .skip, message: reason, figures: figures))
  }

  /// The view of a table or one of its sides (nil when it has no such side), from the cache
  /// when a rule has read it before.
  mutating func view(_ table: Table, side: String?) -> CheckTable? {
    let key = "\(table.number)/\(side ?? "")"
    // Two tables may print the same number: the cached view must be of this very table.
    if let cached = viewCache[key], cached.table == table { return cached.view }
    let view = CheckTable(
      table, side: side, words: words, documentYear: document.metadata.year, department: document.metadata.department)
    viewCache[key] = (table, view)
    return view
  }

  /// The tables (or sides) a table rule reads, with a skip for each it cannot. A rule naming
  /// several kinds of table runs on those the document prints; it skips for want of a table only
  /// when the document prints none of them.
  mutating func views(for rule: CheckRule) -> [CheckTable] {
    var views: [CheckTable] = []
    var seen = Set<Int>()
    let found = tables(rule.tables)
    if !found.isEmpty, found.allSatisfy({ $0.1 == nil }) {
      skip(rule, "no \(found.map { "\($0.0)" }.joined(separator: " or ")) table in the document")
      return []
    }
    for (_, found) in found {
      guard let table = found else { continue }
      guard seen.insert(table.number).inserted else { continue }
      if let reason = CheckTable.unusable(table) {
        skip(rule, reason, table: table)
        continue
      }
      guard let view = view(table, side: rule.side) else {
        skip(rule, "\(table.name) has no \(rule.side ?? "") side", table: table)
        continue
      }
      views.append(view)
    }
    return views
  }

  static func text(_ value: Decimal?) -> String {
    guard let value else { return "blank" }
    return CheckReport.amount(value)
  }

  static func sum(_ values: [Decimal?]) -> Decimal { values.reduce(Decimal(0)) { $0 + ($1 ?? 0) } }

  // MARK: Sums in a table

  /// The columns that are not subtotals of others: a group's 小计 or 合计 column
  /// (本年收入/小计) is left out when the group has other columns, which it totals; a 其中
  /// column is left out (it is part of a sibling).
  static func leafColumns(_ columns: [Int], header: [String], words: TableWords) -> [Int] {
    // A 其中 column (其中：专项资金…) is part of a sibling, not a part of the total.
    func isSubset(_ column: Int) -> Bool {
      guard let leaf = header[column].split(separator: "/").last else { return false }
      return words.partOpenings.contains { leaf.hasPrefix($0) }
    }
    let columns = columns.filter { !isSubset($0) }
    return columns.filter { column in
      let parts = header[column].split(separator: "/")
      guard parts.count >= 2, let leaf = parts.last, words.subtotalLeaves.contains(String(leaf)) else { return true }
      let group = parts.dropLast().joined(separator: "/") + "/"
      return !columns.contains { $0 != column && header[$0].hasPrefix(group) }
    }
  }

  mutating func rowSum(_ rule: CheckRule, tolerance: Decimal) {
    for view in views(for: rule) {
      guard let totalName = rule.totalColumn, let total = view.column(totalName) else {
        skip(rule, "\(view.name) has no column \(rule.totalColumn?.joined(separator: " or ") ?? "")", table: view.table)
        continue
      }
      var parts: [Int] = []
      if let names = rule.partColumns {
        var missing: [String] = []
        for alternatives in names {
          if let column = view.column(alternatives) { parts.append(column) } else { missing.append(alternatives[0]) }
        }
        // A part the table does not print is no part of it: when two parts or more are found and
        // every amount column is the total or one of them (合计 | 一般公共预算 | 政府性基金 with no
        // 国有资本经营 column), the parts printed are checked. Any other amount column keeps the
        // rule from guessing.
        let accounted = Set(parts + [total])
        guard missing.isEmpty || (Set(parts).count >= 2 && view.amountColumns.allSatisfy(accounted.contains)) else {
          skip(rule, "\(view.name) has no column \(missing.joined(separator: ", "))", table: view.table)
          continue
        }
      } else {
        parts = Self.leafColumns(view.amountColumns.filter { $0 != total }, header: view.header, words: words)
      }
      guard !parts.isEmpty, !parts.contains(total) else {
        skip(rule, "\(view.name) has no part columns", table: view.table)
        continue
      }
      let relation = rule.comparison == .atMost ? "≥" : "="
      let described =
        rule.partColumns == nil
        ? "\(view.header[total]) \(relation) the other \(parts.count) amount columns"
        : "\(view.header[total]) \(relation) \(parts.map { view.header[$0] }.joined(separator: " + "))"
      for row in view.rows.indices {
        let found = view.value(row, total)
        let values = parts.map { view.value(row, $0) }
        let unplaced = view.rows[row].unplaced.compactMap(Amounts.decimal(from:))
        guard found != nil || values.contains(where: { $0 != nil }) || !unplaced.isEmpty else { continue }
        var expected = Self.sum(values)
        if !unplaced.isEmpty {
          // Amounts whose column the input does not show belong to one of the parts when the
          // parts are all the other columns; otherwise the row cannot be checked.
          guard rule.partColumns == nil, found != nil else {
            skip(rule, "\(view.name) row \(view.source(row, nil).row ?? ""): amounts without a column", table: view.table)
            continue
          }
          expected += Self.sum(unplaced)
        }
        let status = Self.status(found: found ?? 0, expected: expected, tolerance: tolerance, comparison: rule.comparison)
        let at = view.source(row, nil)
        let message =
          "\(view.name) row \(at.row ?? ""): \(described): \(Self.text(found)) printed, parts sum to \(Self.text(expected))"
        var figures = [CheckFigure(role: "total", value: found, source: view.source(row, total))]
        figures += zip(parts, values).map { CheckFigure(role: "part", value: $1, source: view.source(row, $0)) }
        findings.append(
          CheckFinding(rule: rule.id, status: status, message: message, expected: expected, found: found ?? 0, figures: figures))
      }
    }
  }

  /// The columns a column rule reads: the named ones (each found), else every amount column.
  func columns(_ rule: CheckRule, in view: CheckTable) -> [Int] {
    guard let names = rule.columns else { return view.amountColumns }
    return names.compactMap { view.column($0) }
  }

  mutating func columnSum(_ rule: CheckRule, tolerance: Decimal) {
    for view in views(for: rule) {
      guard let totalSelector = rule.totalRow else { continue }
      let totals = view.rows(matching: totalSelector, patterns: &patterns)
      guard !totals.isEmpty else {
        skip(rule, "\(view.name) has no row the rule's total names", table: view.table)
        continue
      }
      let columns = columns(rule, in: view)
      guard !columns.isEmpty else {
        skip(rule, "\(view.name) has none of the rule's columns", table: view.table)
        continue
      }
      var summed = false
      for total in totals {
        var candidates = Array(view.rows.indices)
        if let until = rule.until {
          let ends = Set(view.rows(matching: until, patterns: &patterns))
          candidates = Array(candidates.drop(while: { $0 <= total }).prefix(while: { !ends.contains($0) }))
        }
        var parts: [Int] = []
        for selector in rule.partRows {
          let picked = Set(view.rows(matching: selector, patterns: &patterns))
          parts = candidates.filter { picked.contains($0) && $0 != total }
          if !parts.isEmpty { break }
        }
        guard !parts.isEmpty else { continue }
        summed = true
        let totalLabel = view.labels[total]
        let partLabels = parts.map { view.labels[$0] }
        let relation = rule.comparison == .atMost ? "≥" : "="
        for column in columns {
          appendSum(rule, view, total: total, parts: parts, column: column, tolerance: tolerance) { found, expected in
            "\(view.name) \(view.header[column]): \(totalLabel) \(relation) \(Self.short(partLabels)): \(Self.text(found)) printed, rows sum to \(Self.text(expected))"
          }
        }
      }
      if !summed {
        skip(rule, "\(view.name) prints \(view.labels[totals[0]]) but no row the rule adds up into it", table: view.table)
      }
    }
  }

  /// One finding: a total row's cell against the sum of part rows in the same column (a column
  /// sum, a code tree's parent against its children). Nothing when every cell is blank.
  mutating func appendSum(
    _ rule: CheckRule, _ view: CheckTable, total: Int, parts: [Int], column: Int, tolerance: Decimal,
    comparison: CheckRule.Comparison? = nil, message: (Decimal?, Decimal) -> String
  ) {
    let found = view.value(total, column)
    let values = parts.map { view.value($0, column) }
    guard found != nil || values.contains(where: { $0 != nil }) else { return }
    let expected = Self.sum(values)
    let status = Self.status(
      found: found ?? 0, expected: expected, tolerance: tolerance, comparison: comparison ?? rule.comparison)
    var figures = [CheckFigure(role: "total", value: found, source: view.source(total, column))]
    figures += zip(parts, values).map { CheckFigure(role: "part", value: $1, source: view.source($0, column)) }
    findings.append(
      CheckFinding(
        rule: rule.id, status: status, message: message(found, expected), expected: expected, found: found ?? 0,
        figures: figures))
  }

  static func short(_ labels: [String]) -> String {
    let shown = labels.prefix(4).joined(separator: " + ")
    return labels.count > 4 ? "\(shown) + … (\(labels.count) rows)" : shown
  }

  mutating func codeTree(_ rule: CheckRule, tolerance: Decimal) {
    for view in views(for: rule) {
      let columns = columns(rule, in: view)
      let codes = view.codes
      guard codes.contains(where: { $0?.count == rule.levels.first }) else {
        // A tree shown by indentation, where the label column names a classification (科目);
        // indented units (a department over its units) add up otherwise.
        let label = view.kinds.firstIndex(of: "text").flatMap { $0 < view.header.count ? view.header[$0] : nil } ?? ""
        if rule.indentHeaders.contains(where: { label.contains(literal: $0) }), view.levels.contains(where: { $0 != nil }) {
          indentTree(rule, view, columns: columns, tolerance: tolerance)
        } else {
          skip(rule, "\(view.name) has no rows with \(rule.levels.first ?? 0)-digit codes", table: view.table)
        }
        continue
      }
      // Parent rows against the rows one level below them.
      var groups: [(parent: Int?, children: [Int], name: String)] = []
      for (level, length) in rule.levels.enumerated().dropLast() {
        let childLength = rule.levels[level + 1]
        for (index, code) in codes.enumerated() where code?.count == length {
          guard let code else { continue }
          var children = codes.indices.filter { codes[$0]?.count == childLength && codes[$0]?.hasPrefix(code) == true }
          // A code printed more than once (a table cross-classified by a second code, 301 under
          // 501 and again under 505) has the rows below it, up to the next row of its level.
          if codes.lazy.filter({ $0 == code }).count > 1 {
            let end = codes.indices.first { $0 > index && ($0 == codes.count || (codes[$0]?.count ?? Int.max) <= length) } ?? codes.count
            children = children.filter { $0 > index && $0 < end }
          }
          if !children.isEmpty { groups.append((index, children, "\(code) = sum of its \(childLength)-digit rows")) }
        }
      }
      if let total = view.totalRow(rule.totalRow, patterns: &patterns) {
        let top = codes.indices.filter { codes[$0]?.count == rule.levels[0] }
        groups.append((total, top, "total = sum of the \(rule.levels[0])-digit rows"))
      }
      for (parent, children, name) in groups {
        guard let parent else { continue }
        for column in columns {
          appendSum(rule, view, total: parent, parts: children, column: column, tolerance: tolerance, comparison: .equal) {
            found, expected in
            "\(view.name) \(view.header[column]): \(name): \(Self.text(found)) printed, \(children.count) rows sum to \(Self.text(expected))"
          }
        }
      }
    }
  }

  /// The code tree of a table that prints no codes but shows its hierarchy by indentation: each
  /// row against the rows one level deeper below it, up to the next row of its level or above;
  /// the total against the outermost rows. As deep as the rule's levels.
  private mutating func indentTree(_ rule: CheckRule, _ view: CheckTable, columns: [Int], tolerance: Decimal) {
    let levels = view.levels
    let depth = rule.levels.count
    var groups: [(parent: Int, children: [Int], name: String)] = []
    for (index, level) in levels.enumerated() {
      guard let level, level < depth else { continue }
      var children: [Int] = []
      for below in levels.indices.dropFirst(index + 1) {
        guard let deeper = levels[below] else { continue }
        if deeper <= level { break }
        if deeper == level + 1 { children.append(below) }
      }
      if !children.isEmpty {
        groups.append((index, children, "\(view.labels[index]) = sum of the rows indented under it"))
      }
    }
    if let total = view.totalRow(rule.totalRow, patterns: &patterns) {
      let top = levels.indices.filter { levels[$0] == 1 }
      groups.append((total, top, "total = sum of the outermost rows"))
    }
    for (parent, children, name) in groups {
      for column in columns {
        appendSum(rule, view, total: parent, parts: children, column: column, tolerance: tolerance, comparison: .equal) {
          found, expected in
          "\(view.name) \(view.header[column]): \(name): \(Self.text(found)) printed, \(children.count) rows sum to \(Self.text(expected))"
        }
      }
    }
  }

  // MARK: Figures across tables

  /// A figure a reference points at, or why it cannot be read.
  enum Resolved {
    case figure(CheckFigure, name: String)
    case missing(String)
  }

  mutating func resolve(
    _ alternatives: [CheckRule.FigureReference], role: String, performance: PerformanceTable? = nil
  ) -> Resolved {
    var first: Resolved?
    for reference in alternatives {
      let resolved = resolve(reference, role: role, performance: performance)
      if case .figure = resolved { return resolved }
      if first == nil { first = resolved }
    }
    return first ?? .missing("no figure")
  }

  /// How a finding names a performance table's budget field: the template's first label for it
  /// (the fiscal part after the parts' opening, 其中：财政拨款).
  var performanceFields: [String: String] {
    guard let words = template.performanceTable else { return [:] }
    var names: [String: String] = [:]
    names["total"] = words.total.first
    names["fiscal"] = words.fiscal.first.map { fiscal in words.partsOpen.first.map { "\($0)：\(fiscal)" } ?? fiscal }
    names["other"] = words.other.first
    return names
  }

  mutating func resolve(
    _ reference: CheckRule.FigureReference, role: String, performance: PerformanceTable?
  ) -> Resolved {
    if let field = reference.performance {
      guard let performance else { return .missing("no performance table") }
      let value: Decimal? =
        switch field {
        case "total": performance.budget.total
        case "fiscal": performance.budget.fiscal
        default: performance.budget.other
        }
      let name = performanceFields[field] ?? field
      let location = performance.budgetLocations[field]
      let source = CheckSource(
        column: name, performanceTable: performance.index, page: location?.page ?? performance.page, box: location?.box)
      return .figure(CheckFigure(role: role, value: value, source: source), name: name)
    }
    guard let tableReference = reference.table else { return .missing("no table named") }
    guard let table = table(tableReference) else { return .missing("no \(tableReference) table in the document") }
    if table.empty && table.rows.isEmpty {
      // A table marked empty prints nothing: its figures are blank, which compares as 0.
      let source = CheckSource(table: table.number, page: table.pages.first)
      return .figure(CheckFigure(role: role, value: nil, source: source), name: "\(table.name) (empty)")
    }
    if table.rows.isEmpty { return .missing("\(table.name) has no rows") }
    guard let view = view(table, side: reference.side) else {
      return .missing("\(table.name) has no \(reference.side ?? "") side")
    }
    let row: Int?
    if let selector = reference.row {
      row = view.rows(matching: selector, patterns: &patterns).first
    } else {
      // The total row, or the only row of a one-row table (the 三公 table prints its figures once).
      row = view.totalRow(nil, patterns: &patterns) ?? (view.rows.count == 1 ? 0 : nil)
    }
    guard let row else { return .missing("\(view.name) has no such row") }
    let column: Int?
    if let names = reference.column { column = view.column(names) } else { column = view.amountColumns.first }
    guard let column else {
      return .missing("\(view.name) has no column \(reference.column?.joined(separator: " or ") ?? "of amounts")")
    }
    let source = view.source(row, column)
    return .figure(
      CheckFigure(role: role, value: view.value(row, column), source: source),
      name: "\(view.name) \(source.row ?? "") \(view.header[column])")
  }

  mutating func figures(_ rule: CheckRule, tolerance: Decimal) {
    let usesPerformance = (rule.left + rule.right).joined().contains { $0.performance != nil }
    if usesPerformance {
      if document.performanceTables.isEmpty { skip(rule, "the document has no performance tables") }
      for table in document.performanceTables { compare(rule, tolerance: tolerance, performance: table) }
    } else {
      compare(rule, tolerance: tolerance, performance: nil)
    }
  }

  mutating func compare(_ rule: CheckRule, tolerance: Decimal, performance: PerformanceTable?) {
    var left: [(CheckFigure, String)] = []
    var right: [(CheckFigure, String)] = []
    var rightMissing: String?
    sides: for (terms, role) in [(rule.left, "left"), (rule.right, "right")] {
      for term in terms {
        switch resolve(term, role: role, performance: performance) {
        case .missing(let reason):
          // The right side of another layout (表5 printing 基本支出 only as its parts) may be
          // printed where the first is not.
          if role == "right" && !rule.rightWhenMissing.isEmpty {
            rightMissing = reason
            right = []
            break sides
          }
          // A blank part of a performance table is nothing printed, not a problem.
          if performance == nil { skip(rule, reason) }
          return
        case .figure(let figure, let name):
          if role == "left" { left.append((figure, name)) } else { right.append((figure, name)) }
        }
      }
    }
    if let rightMissing {
      guard let alternative = printedSides(rule.rightWhenMissing, performance: performance).first else {
        if performance == nil { skip(rule, rightMissing) }
        return
      }
      right = alternative
    }
    let leftValues = left.map(\.0.value)
    guard leftValues.contains(where: { $0 != nil }) else {
      if performance == nil { skip(rule, "\(left.map(\.1).joined(separator: " + ")) is blank") }
      return
    }
    if performance != nil, !right.map(\.0.value).contains(where: { $0 != nil }) {
      skip(rule, "performance table \(performance?.index ?? 0): \(right.map(\.1).joined(separator: " + ")) is blank")
      return
    }
    let found = Self.sum(leftValues)
    let comparison: CheckRule.Comparison = rule.relation == .atMost ? .atMost : .equal
    var expected = Self.sum(right.map(\.0.value))
    var status = Self.status(found: found, expected: expected, tolerance: tolerance, comparison: comparison)
    // Another layout's right side (表4's 本年 plus 上年结转 一般公共预算) may hold where the first does not.
    if status == .fail && rightMissing == nil {
      for figures in printedSides(rule.rightAlternatives, performance: performance) {
        let sum = Self.sum(figures.map(\.0.value))
        let held = Self.status(found: found, expected: sum, tolerance: tolerance, comparison: comparison)
        if held != .fail {
          (right, expected, status) = (figures, sum, held)
          break
        }
      }
    }
    let relation = comparison == .atMost ? "≤" : "="
    let prefix = performance.map { "performance table \($0.index) (\($0.project ?? $0.title)): " } ?? ""
    let message =
      "\(prefix)\(left.map(\.1).joined(separator: " + ")) \(relation) \(right.map(\.1).joined(separator: " + ")): \(Self.text(found)) against \(Self.text(expected))"
    findings.append(
      CheckFinding(
        rule: rule.id, status: status, message: message, expected: expected, found: found,
        figures: left.map(\.0) + right.map(\.0)))
  }

  /// The figures of each of `sides` (alternative right sides) that the document prints in full,
  /// in order.
  private mutating func printedSides(
    _ sides: [[[CheckRule.FigureReference]]], performance: PerformanceTable?
  ) -> [[(CheckFigure, String)]] {
    var printed: [[(CheckFigure, String)]] = []
    sides: for side in sides {
      var figures: [(CheckFigure, String)] = []
      for term in side {
        guard case .figure(let figure, let name) = resolve(term, role: "right", performance: performance) else { continue sides }
        figures.append((figure, name))
      }
      printed.append(figures)
    }
    return printed
  }

  // MARK: Template text

  /// Every place a `patterns` match shows template text left unfilled: section headings and
  /// paragraphs, table titles and notes. One pass when there is none.
  mutating func templateText(_ rule: CheckRule) {
    var texts: [(text: String, source: CheckSource)] = []
    for (path, _, section) in sections {
      texts.append((section.heading, CheckSource(section: path, text: section.heading, page: section.page)))
      for paragraph in section.paragraphs {
        texts.append((paragraph, CheckSource(section: path, text: paragraph, page: section.page)))
      }
    }
    for table in document.tables {
      for text in [table.title, table.note ?? ""] where !text.isEmpty {
        texts.append((text, CheckSource(table: table.number, text: text, page: table.pages.first)))
      }
    }
    let before = findings.count
    // One search for all the patterns first: almost every text holds none of them, and each
    // search bridges the text to UTF-16 anew.
    let any = rule.patterns.count > 1 ? patterns.expression(rule.patterns.map { "(?:\($0))" }.joined(separator: "|")) : nil
    for (text, source) in texts {
      if let any, any.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil { continue }
      for pattern in rule.patterns {
        guard let expression = patterns.expression(pattern),
          let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
          let range = Range(match.range, in: text)
        else { continue }
        findings.append(
          CheckFinding(
            rule: rule.id, status: .fail, message: "template text left unfilled: \(text[range])",
            figures: [CheckFigure(role: "text", value: nil, source: source)]))
        break
      }
    }
    if findings.count == before {
      findings.append(CheckFinding(rule: rule.id, status: .pass, message: "no template text left unfilled"))
    }
  }

  // MARK: Empty tables

  /// Every table that prints no data (marked empty) must say so in a note: a pass where the note
  /// is printed, a failure where a blank table stands without one.
  mutating func emptyTables(_ rule: CheckRule) {
    let empty = document.tables.filter { $0.empty && $0.kind != "performance_target" }
    guard !empty.isEmpty else {
      findings.append(CheckFinding(rule: rule.id, status: .skip, message: "no table is printed without data"))
      return
    }
    for table in empty {
      let source = CheckSource(table: table.number, page: table.pages.first)
      let figure = CheckFigure(role: "table", value: nil, source: source)
      // The note must say the table is empty (本表无数据, 无发生额 …): a table's usual note
      // (注：本表反映…) does not.
      let markers = template.emptyMarkers.map(TextNormalization.compact)
      if let note = table.note, !note.isEmpty, markers.isEmpty || markers.contains(where: { TextNormalization.compact(note).contains(literal: $0) }) {
        findings.append(
          CheckFinding(rule: rule.id, status: .pass, message: "\(table.name) prints no data and says why: \(note)", figures: [figure]))
      } else if let note = table.note, !note.isEmpty {
        findings.append(
          CheckFinding(
            rule: rule.id, status: .fail,
            message: "\(table.name) prints no data, and its note does not say the table is empty: \(note)", figures: [figure]))
      } else {
        findings.append(
          CheckFinding(
            rule: rule.id, status: .fail,
            message: "\(table.name) prints no data and no note saying the table is empty (本表无数据 …)", figures: [figure]))
      }
    }
  }

  // MARK: Required tables

  mutating func requiredTables(_ rule: CheckRule) {
    let listed = contentsKinds()
    // The tables the rule names; without names, the template's own set when the document follows
    // the template (numbers three quarters of its tables as it does: 表3 or 附表3 for the
    // template's table 3; a region's own set of tables is no measure of the national one, its
    // contents are).
    var wanted = rule.tables
    if wanted.isEmpty {
      let required = template.tables.filter { !($0.optional ?? false) }
      let numbered = required.filter { entry in
        document.tables.contains { $0.kind == entry.kind && !$0.label.isEmpty && $0.number == entry.number }
      }.count
      if numbered * 4 >= required.count * 3 {
        wanted = required.map { .kind($0.kind) }
      } else if listed.isEmpty {
        findings.append(
          CheckFinding(
            rule: rule.id, status: .skip,
            message: "\(numbered) of the template's \(required.count) tables carry its numbers: the document follows another set of tables"))
      }
    }
    for reference in wanted {
      let entry: Template.TableEntry? =
        switch reference {
        case .kind(let kind): template.tables.first { $0.kind == kind }
        case .number(let number): template.tables.first { $0.number == number }
        }
      let name = entry.map { "表\($0.number) \($0.titles.first ?? $0.kind)" } ?? "\(reference)"
      guard let table = table(reference) else {
        findings.append(CheckFinding(rule: rule.id, status: .fail, message: "\(name) is missing from the document"))
        continue
      }
      let state = table.empty ? "present, marked empty" : table.rows.isEmpty ? "present (no rows read)" : "present"
      findings.append(
        CheckFinding(
          rule: rule.id, status: .pass, message: "\(name): \(state)",
          figures: [CheckFigure(role: "table", value: nil, source: CheckSource(table: table.number, page: table.pages.first))]))
    }
    // What the document promises: every table its contents (目录) list names must be printed.
    guard !listed.isEmpty else {
      findings.append(CheckFinding(rule: rule.id, status: .skip, message: "no table of contents to compare with"))
      return
    }
    if document.tables.isEmpty {
      findings.append(
        CheckFinding(
          rule: rule.id, status: .skip,
          message: "the contents list \(listed.count) tables but the document prints none (published separately)"))
      return
    }
    for (kind, line) in listed {
      if let table = table(.kind(kind)) {
        findings.append(
          CheckFinding(
            rule: rule.id, status: .pass, message: "\(line): listed in the table of contents and present",
            figures: [CheckFigure(role: "table", value: nil, source: CheckSource(table: table.number, page: table.pages.first))]))
      } else {
        findings.append(
          CheckFinding(rule: rule.id, status: .fail, message: "\(line): listed in the table of contents but absent from the document"))
      }
    }
  }

  /// The kinds of the tables the contents list, each with the line that lists it, in order:
  /// each line is read as a table title (page numbers and leaders after it dropped).
  private func contentsKinds() -> [(kind: String, line: String)] {
    var seen = Set<String>()
    var kinds: [(String, String)] = []
    let variants = template.titleVariants()
    for line in document.contents {
      let title = TextNormalization.withoutLeaders(TextNormalization.compact(line))
      guard title.contains("表"), let kind = template.kind(ofTitle: title, variants: variants), seen.insert(kind).inserted
      else { continue }
      kinds.append((kind, title))
    }
    return kinds
  }
}
