import Foundation

/// Chooses among the column placements a text table's own sums leave open, with the checks
/// that relate it to the rest of the document (表4's 一般公共预算 column against 表5's total,
/// the fund tables, the prose).
///
/// 1. For each table with alternatives, in order: every alternative is typed and the whole
///    document checked with it; the alternatives with the fewest failing checks remain.
/// 2. A cell on which the remaining alternatives agree is placed; a printed amount whose column
///    still differs is left unplaced.
/// 3. The chosen rows stand in the document for the tables after it.
///
/// Each placement costs a check run over the whole document, so the work is bounded: at most
/// `maxRowsChecked` table rows are checked in all (the seed text needs about 7,000). A table whose
/// placements no longer fit is not weighed: its cells are those all its placements agree on.
///
/// Diagnoses: tables placed by the checks, tables left unweighed, amounts still without a column.
struct CrossTablePlacement {
  var checker: Checker
  var reconstructor: RowReconstructor

  /// Most table rows checked over all the placements of a document (placements times the
  /// document's rows): fifty copies of the seed text in one file took minutes.
  static let maxRowsChecked = 100_000

  func resolve(_ document: DisclosureDocument, diagnostics: inout [Diagnostic]) -> DisclosureDocument {
    var document = document
    var memo = CheckRun.Memo()
    let rowsPerRun = max(1, document.tables.reduce(0) { $0 + $1.rows.count })
    var budget = Self.maxRowsChecked
    for t in document.tables.indices where !document.tables[t].placementAlternatives.isEmpty {
      let table = document.tables[t]
      let alternatives = table.placementAlternatives
      document.tables[t].placementAlternatives = []
      var fails: [Int] = []
      let (cost, overflow) = alternatives.count.multipliedReportingOverflow(by: rowsPerRun)
      if overflow || cost > budget {
        budget = 0
        fails = alternatives.map { _ in 0 }
        diagnostics.append(
          Diagnostic(
            .warning, .rows,
            "\(table.name): its \(alternatives.count) column placements are not weighed against the other tables (the document's check budget of \(Self.maxRowsChecked) rows is spent)",
            page: table.pages.first))
      } else {
        budget -= cost
        for alternative in alternatives {
          var candidate = document
          var typed = table
          typed.rows = alternative
          typed.placementAlternatives = []
          var ignored: [Diagnostic] = []
          candidate.tables[t] = reconstructor.typed(typed, diagnostics: &ignored)
          fails.append(checker.findings(for: candidate, reusing: &memo).filter { $0.status == .fail }.count)
        }
      }
      guard let fewest = fails.min() else { continue }
      let best = alternatives.indices.filter { fails[$0] == fewest }.map { alternatives[$0] }
      var merged = table
      merged.placementAlternatives = []
      merged.rows = Self.merge(best, kinds: table.columnKinds)
      var ignored: [Diagnostic] = []
      document.tables[t] = reconstructor.typed(merged, diagnostics: &ignored)
      if best.count < alternatives.count {
        diagnostics.append(
          Diagnostic(
            .note, .rows,
            "\(table.name): of \(alternatives.count) column placements its sums allow, \(best.count) agree best with the other tables (\(fewest) failing checks)",
            page: table.pages.first))
      }
      // The amounts still undecided; those that fit no column in any placement were reported
      // with the table's own sums.
      for (r, row) in document.tables[t].rows.enumerated() {
        var undecided = row.unplaced
        for amount in alternatives.map({ r < $0.count ? $0[r].unplaced : [] }).reduce(row.unplaced, Self.common) {
          if let k = undecided.firstIndex(of: amount) { undecided.remove(at: k) }
        }
        guard !undecided.isEmpty else { continue }
        diagnostics.append(
          Diagnostic(
            .warning, .rows,
            "\(table.name) row \(TextTableReader.subject(of: row, kinds: table.columnKinds)): the text does not show which columns hold \(undecided.joined(separator: ", ")) (\(best.count) placements satisfy every sum)",
            page: row.page))
      }
    }
    return document
  }

  /// The amounts in both lists, as many times as both hold them.
  static func common(_ a: [String], _ b: [String]) -> [String] {
    var rest = b
    return a.filter { amount in
      guard let k = rest.firstIndex(of: amount) else { return false }
      rest.remove(at: k)
      return true
    }
  }

  /// Cells the alternatives agree on; the other printed amounts unplaced.
  static func merge(_ alternatives: [[Row]], kinds: [String]) -> [Row] {
    guard var rows = alternatives.first else { return [] }
    for r in rows.indices {
      var printed: [String] = rows[r].unplaced
      for (c, cell) in rows[r].cells.enumerated() where c < kinds.count && kinds[c] == "amount" && !cell.isEmpty {
        printed.append(cell)
      }
      for c in rows[r].cells.indices where alternatives.contains(where: { r >= $0.count || c >= $0[r].cells.count || $0[r].cells[c] != rows[r].cells[c] }) {
        rows[r].cells[c] = ""
      }
      for (c, cell) in rows[r].cells.enumerated() where c < kinds.count && kinds[c] == "amount" && !cell.isEmpty {
        if let k = printed.firstIndex(of: cell) { printed.remove(at: k) }
      }
      rows[r].unplaced = printed
    }
    return rows
  }
}
