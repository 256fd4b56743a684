import Foundation

/// The figures of pages read by OCR that may be misread, each flagged where it is printed:
/// after the checks, so that a failing sum can name its parts.
extension Pipeline {
  /// A warning for every amount read by OCR that is part of a sum that does not hold: a misread
  /// figure is never silent. Once per cell, naming the rules it fails.
  static func unsureAmounts(_ document: DisclosureDocument, totals: Set<String>) -> [Diagnostic] {
    let scanned = Set(document.source.ocrPages)
    var rules: [CheckSource: [String]] = [:]
    var values: [CheckSource: Decimal] = [:]
    var order: [CheckSource] = []
    for finding in document.checks where finding.status == .fail {
      for figure in finding.figures {
        guard let page = figure.source.page, scanned.contains(page), figure.source.table != nil || figure.source.box != nil,
          let value = figure.value
        else { continue }
        if rules[figure.source] == nil { order.append(figure.source) }
        if rules[figure.source]?.contains(finding.rule) != true { rules[figure.source, default: []].append(finding.rule) }
        values[figure.source] = value
      }
    }
    var diagnostics = order.map { source in
      let place = [source.row, source.column].compactMap { $0 }.joined(separator: " ")
      let value = values[source].map { CheckReport.amount($0) } ?? ""
      return Diagnostic(
        .warning, .check,
        "an amount read by OCR is in a sum that does not hold: \(value)\(place.isEmpty ? "" : " (\(place))") in \((rules[source] ?? []).joined(separator: ", ")); check it on the page",
        page: source.page, box: source.box)
    }
    diagnostics += oddlyPrinted(document, scanned: scanned, totals: totals)
    diagnostics += namesApart(document, scanned: scanned)
    return diagnostics
  }

  /// A warning for every classification name read by OCR that differs from the name the same
  /// code has elsewhere in the document (202外区支出 in 表1, 202外交支出 in 表4): a document names
  /// a code one way in all its tables, so one of the two is misread. Neither is changed (nothing
  /// says which); each spelling read by OCR is flagged with its place and the other spelling.
  /// A row's name is the first text cell after its code columns, or a text cell the code opens
  /// (a code printed inside its label).
  static func namesApart(_ document: DisclosureDocument, scanned: Set<Int>) -> [Diagnostic] {
    guard !scanned.isEmpty else { return [] }
    var named: [(code: String, name: String, table: Int?, page: Int, box: Box?)] = []
    for table in document.tables {
      for row in table.rows {
        guard let code = row.code, !code.isEmpty else { continue }
        var found: (name: String, column: Int)?
        if let last = table.columnKinds.lastIndex(of: "code"),
          let column = table.columnKinds.indices.first(where: { $0 > last && table.columnKinds[$0] == "text" }),
          column < row.cells.count
        {
          found = (TextNormalization.compact(row.cells[column]), column)
        } else {
          for (column, cell) in row.cells.enumerated() where column < table.columnKinds.count && table.columnKinds[column] == "text" {
            let compact = TextNormalization.compact(cell)
            guard compact.hasPrefix(code), let next = compact.dropFirst(code.count).first, !(next.isASCII && next.isNumber) else { continue }
            found = (String(compact.dropFirst(code.count)), column)
            break
          }
        }
        guard let (name, column) = found, !name.isEmpty else { continue }
        let location = row.location(column)
        named.append((code, name, table.number, location?.page ?? row.page, location?.box))
      }
    }
    var diagnostics: [Diagnostic] = []
    for entry in named where scanned.contains(entry.page) {
      guard let other = named.first(where: { $0.code == entry.code && $0.name != entry.name }) else { continue }
      let place = [other.table.map { "表\($0)" }, "p\(other.page)"].compactMap { $0 }.joined(separator: " ")
      diagnostics.append(
        Diagnostic(
          .warning, .check,
          "a name read by OCR differs from its code's name elsewhere in the document: \(entry.code) “\(entry.name)”, against “\(other.name)” (\(place)); one of them is misread; check it on the page",
          page: entry.page, box: entry.box))
    }
    return diagnostics
  }

  /// A warning for every amount read by OCR whose decimals differ from how its table prints
  /// amounts (36221 or 64.672 among figures printed with two decimals: a decimal point lost or a
  /// speck read as a figure), wherever the sums cannot tell.
  /// So is a code that is not one (a row's figures then escape the code tree's sums); a total's
  /// label printed across the code columns (`totals`: 合计) is not a code.
  static func oddlyPrinted(_ document: DisclosureDocument, scanned: Set<Int>, totals: Set<String>) -> [Diagnostic] {
    func decimals(_ text: String) -> Int {
      let compact = text.filter { !$0.isWhitespace }
      guard let point = compact.lastIndex(of: ".") else { return 0 }
      return compact.distance(from: point, to: compact.endIndex) - 1
    }
    var found: [Diagnostic] = []
    for table in document.tables where table.pages.contains(where: scanned.contains) {
      var cells: [(text: String, page: Int, box: Box?)] = []
      for row in table.rows where scanned.contains(row.page) {
        for (column, value) in row.values.enumerated() where column < row.cells.count {
          let location = row.location(column)
          if value != nil {
            cells.append((row.cells[column], location?.page ?? row.page, location?.box))
          } else if column < table.columnKinds.count, table.columnKinds[column] == "amount",
            !row.cells[column].allSatisfy({ $0.isWhitespace || $0 == "-" })
          {
            // Text in a column of figures: a figure OCR could not read as one.
            found.append(
              Diagnostic(
                .warning, .check, "a cell of figures read by OCR is not a figure: “\(row.cells[column])”; check it on the page",
                page: location?.page ?? row.page, box: location?.box))
          } else if column < table.columnKinds.count, table.columnKinds[column] == "code",
            row.cells[column].contains(where: { !$0.isWhitespace && !($0.isASCII && $0.isNumber) }),
            !totals.contains(TextNormalization.compact(row.cells[column])),
            row.cells.contains(where: { !$0.isEmpty }) && row.values.contains(where: { $0 != nil })
          {
            // A code OCR misread: the row's figures escape the code tree's sums, so they are
            // flagged here.
            found.append(
              Diagnostic(
                .warning, .check,
                "a classification code read by OCR is not a code: “\(row.cells[column])”; its row's figures are not checked by the sums; check it on the page",
                page: location?.page ?? row.page, box: location?.box))
          }
        }
      }
      // The way most of the table's amounts are printed; a table of few amounts says nothing.
      let counts = Dictionary(grouping: cells.map { decimals($0.text) }, by: { $0 }).mapValues(\.count)
      guard cells.count >= 4, let usual = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), usual.value * 4 >= cells.count * 3
      else { continue }
      for cell in cells where decimals(cell.text) != usual.key {
        found.append(
          Diagnostic(
            .warning, .check,
            "an amount read by OCR is printed with \(decimals(cell.text)) decimals where its table prints \(usual.key): \(cell.text); check it on the page",
            page: cell.page, box: cell.box))
      }
    }
    return found
  }
}
