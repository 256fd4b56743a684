import DisclosureKit
import Foundation

/// Turns one `disclosure/1` document into the rows of the tidy model (``ExportSchema``).
///
/// 1. `documents`: the source's SHA-256 is the id; check findings are counted by status.
/// 2. `tables` and `rows` as printed; `cells`: one row per amount a row prints (a non-null
///    entry of `values`), with the printed text, the exact amount and the amount in 元. The
///    derived `revenue`/`expenditure` sides of two-sided tables are not exported again.
/// 3. A cell's row label, project and code come from its *key columns*: scanning left from the
///    amount, past other amounts, the run of code and text columns before it. This gives each
///    side of a two-sided table (收入 | 支出) its own label. The row's code is the cell's only when
///    a code column is among them, or the label starts with the code.
/// 4. `sections` in reading order with their paths, `paragraphs` with their section's path,
///    heading and page; `performance_tables` and `performance_indicators`; `findings` and
///    `finding_figures` with each figure's place.
///
/// Total on content: missing or mistyped fields become null. Only a file that is not a
/// `disclosure/1` object with a source SHA-256 is refused (``ExportError``).
public struct DocumentFlattener: Sendable {
  /// Creates a flattener.
  public init() {}

  /// The rows of `document`, whose JSON file's bytes hash to `fileDigest`.
  public func batch(of document: JSONValue, fileDigest: String) throws(ExportError) -> ExportBatch {
    guard document.objectValue != nil else { throw ExportError("not a json object") }
    guard document["schema"]?.stringValue == "disclosure/1" else {
      throw ExportError("not a disclosure/1 document (schema is \(document["schema"]?.stringValue ?? "missing"))")
    }
    guard let id = document["source"]?["sha256"]?.stringValue, !id.isEmpty else {
      throw ExportError("source.sha256 is missing")
    }
    var batch = ExportBatch(document: id)
    let currencyUnit = document["document"]?["currency_unit"]?.stringValue
    addDocument(document, id: id, fileDigest: fileDigest, to: &batch)
    for table in document["tables"]?.arrayValue ?? [] {
      addTable(table, document: id, currencyUnit: currencyUnit, to: &batch)
    }
    var sectionCount = 0
    for section in document["sections"]?.arrayValue ?? [] {
      addSection(section, parent: nil, path: [], document: id, count: &sectionCount, to: &batch)
    }
    for (offset, table) in (document["performance_tables"]?.arrayValue ?? []).enumerated() {
      addPerformanceTable(table, position: offset + 1, document: id, to: &batch)
    }
    for (offset, finding) in (document["checks"]?.arrayValue ?? []).enumerated() {
      addFinding(finding, number: offset + 1, document: id, to: &batch)
    }
    return batch
  }

  // MARK: documents

  private func addDocument(_ document: JSONValue, id: String, fileDigest: String, to batch: inout ExportBatch) {
    let source = document["source"]
    let metadata = document["document"]
    var counts: [String: Int] = [:]
    for finding in document["checks"]?.arrayValue ?? [] {
      if let status = finding["status"]?.stringValue { counts[status, default: 0] += 1 }
    }
    batch.append(
      ExportSchema.documents,
      [
        "id": .text(id),
        "file": .text(source?["file"]?.stringValue ?? ""),
        "input": .text(source?["input"]?.stringValue),
        "department": .text(metadata?["department"]?.stringValue),
        "year": .integer(metadata?["year"]?.intValue),
        "kind": .text(metadata?["kind"]?.stringValue),
        "level": .text(metadata?["level"]?.stringValue),
        "publication_date": .text(metadata?["publication_date"]?.stringValue),
        "currency_unit": .text(metadata?["currency_unit"]?.stringValue),
        "pages": .integer(source?["pages"]?.intValue),
        "findings_fail": .integer(counts["fail", default: 0]),
        "findings_rounding": .integer(counts["rounding", default: 0]),
        "findings_pass": .integer(counts["pass", default: 0]),
        "findings_skip": .integer(counts["skip", default: 0]),
        "json_sha256": .text(fileDigest),
      ])
  }

  // MARK: tables, rows, cells

  private func addTable(_ table: JSONValue, document: String, currencyUnit: String?, to batch: inout ExportBatch) {
    guard let number = table["number"]?.intValue else { return }
    let header = (table["header"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
    let kinds = (table["column_kinds"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
    let rows = table["rows"]?.arrayValue ?? []
    let unit = table["unit"]?.stringValue ?? currencyUnit
    batch.append(
      ExportSchema.tables_,
      [
        "document": .text(document),
        "table_number": .integer(number),
        "label": .text(table["label"]?.stringValue),
        "title": .text(table["title"]?.stringValue),
        "kind": .text(table["kind"]?.stringValue),
        "unit": .text(table["unit"]?.stringValue),
        "department": .text(table["department"]?.stringValue),
        "page": .integer(table["page"]?.intValue),
        "pages": .text(Self.jsonText(table["pages"] ?? .array([]))),
        "header": .text(Self.jsonText(.array(header.map(JSONValue.string)))),
        "empty": .boolean(table["empty"] == .bool(true)),
        "body_missing": .boolean(table["body_missing"] == .bool(true)),
        "note": .text(table["note"]?.stringValue),
        "row_count": .integer(rows.count),
      ])
    let keys = KeyColumns(header: header, kinds: kinds)
    for (offset, row) in rows.enumerated() {
      let rowNumber = offset + 1
      let cells = (row["cells"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
      let code = row["code"]?.stringValue
      let page = row["page"]?.intValue
      let unplaced = row["unplaced"]?.arrayValue
      batch.append(
        ExportSchema.rows,
        [
          "document": .text(document),
          "table_number": .integer(number),
          "row_number": .integer(rowNumber),
          "code": .text(code),
          "code_level": .text(code.flatMap(CodeLevel.name)),
          "page": .integer(page),
          "cells": .text(Self.jsonText(.array(cells.map(JSONValue.string)))),
          "unplaced": unplaced.map { .text(Self.jsonText(.array($0))) } ?? .null,
        ])
      for (column, value) in (row["values"]?.arrayValue ?? []).enumerated() {
        guard let decimal = value.decimalValue, let amount = DecimalText.text(of: decimal) else { continue }
        let key = keys.key(of: column, cells: cells, code: code)
        batch.append(
          ExportSchema.cells,
          [
            "document": .text(document),
            "table_number": .integer(number),
            "row_number": .integer(rowNumber),
            "column_number": .integer(column + 1),
            "code": .text(key.code),
            "code_level": .text(key.code.flatMap(CodeLevel.name)),
            "row_label": .text(key.label),
            "project": .text(key.project),
            "column_name": .text(column < header.count ? header[column] : nil),
            "printed": .text(column < cells.count ? cells[column] : amount),
            "amount": .decimal(amount),
            "unit": .text(unit),
            "amount_yuan": .decimal(MoneyUnit.yuan(amount, unit: unit)),
            "page": .integer(page),
          ])
      }
    }
  }

  // MARK: sections and paragraphs

  private func addSection(
    _ section: JSONValue, parent: Int?, path: [String], document: String, count: inout Int,
    to batch: inout ExportBatch
  ) {
    count += 1
    let number = count
    let printedNumber = section["number"]?.stringValue
    let heading = section["heading"]?.stringValue
    let path = path + [printedNumber.flatMap { $0.isEmpty ? nil : $0 } ?? heading ?? String(number)]
    let pathText = path.joined(separator: "/")
    let page = section["page"]?.intValue
    batch.append(
      ExportSchema.sections,
      [
        "document": .text(document),
        "section_number": .integer(number),
        "parent": .integer(parent),
        "level": .integer(section["level"]?.intValue ?? path.count),
        "number": .text(printedNumber),
        "title": .text(section["title"]?.stringValue),
        "heading": .text(heading),
        "path": .text(pathText),
        "page": .integer(page),
      ])
    for (offset, paragraph) in (section["paragraphs"]?.arrayValue ?? []).enumerated() {
      guard let text = paragraph.stringValue else { continue }
      batch.append(
        ExportSchema.paragraphs,
        [
          "document": .text(document),
          "section_number": .integer(number),
          "paragraph_number": .integer(offset + 1),
          "path": .text(pathText),
          "heading": .text(heading),
          "text": .text(text),
          "page": .integer(page),
        ])
    }
    for child in section["children"]?.arrayValue ?? [] {
      addSection(child, parent: number, path: path, document: document, count: &count, to: &batch)
    }
  }

  // MARK: performance tables

  private func addPerformanceTable(_ table: JSONValue, position: Int, document: String, to batch: inout ExportBatch) {
    let index = table["index"]?.intValue ?? position
    let project = table["project"]?.stringValue
    let budget = table["budget"]
    batch.append(
      ExportSchema.performanceTables,
      [
        "document": .text(document),
        "performance_table": .integer(index),
        "title": .text(table["title"]?.stringValue),
        "year": .integer(table["year"]?.intValue),
        "page": .integer(table["page"]?.intValue),
        "budget_unit": .text(table["budget_unit"]?.stringValue),
        "project": .text(project),
        "owner": .text(table["owner"]?.stringValue),
        "budget_total": .decimal(Self.decimalText(budget?["total"])),
        "budget_fiscal": .decimal(Self.decimalText(budget?["fiscal"])),
        "budget_other": .decimal(Self.decimalText(budget?["other"])),
        "goal": .text(table["goal"]?.stringValue),
        "header": .text(Self.jsonText(table["header"] ?? .array([]))),
      ])
    for (offset, indicator) in (table["indicators"]?.arrayValue ?? []).enumerated() {
      let fields = indicator.objectValue ?? [:]
      let weightKey = fields.keys.sorted().first { $0.contains("权重") || $0.contains("分值") }
      batch.append(
        ExportSchema.performanceIndicators,
        [
          "document": .text(document),
          "performance_table": .integer(index),
          "indicator_number": .integer(offset + 1),
          "project": .text(project),
          "level1": .text(fields["一级指标"]?.stringValue),
          "level2": .text(fields["二级指标"]?.stringValue),
          "level3": .text(fields["三级指标"]?.stringValue),
          "nature": .text(fields["指标性质"]?.stringValue),
          "target": .text(fields["指标值"]?.stringValue),
          "measure": .text(fields["度量单位"]?.stringValue),
          "weight": .text(weightKey.flatMap { fields[$0]?.stringValue }),
          "fields": .text(Self.jsonText(.object(fields))),
        ])
    }
  }

  // MARK: findings

  private func addFinding(_ finding: JSONValue, number: Int, document: String, to batch: inout ExportBatch) {
    batch.append(
      ExportSchema.findings,
      [
        "document": .text(document),
        "finding_number": .integer(number),
        "rule": .text(finding["rule"]?.stringValue ?? ""),
        "status": .text(finding["status"]?.stringValue ?? ""),
        "message": .text(finding["message"]?.stringValue ?? ""),
        "expected": .decimal(Self.decimalText(finding["expected"])),
        "found": .decimal(Self.decimalText(finding["found"])),
        "difference": .decimal(Self.decimalText(finding["difference"])),
      ])
    for (offset, figure) in (finding["figures"]?.arrayValue ?? []).enumerated() {
      let source = figure["source"]
      let box = source?["box"]
      batch.append(
        ExportSchema.findingFigures,
        [
          "document": .text(document),
          "finding_number": .integer(number),
          "figure_number": .integer(offset + 1),
          "role": .text(figure["role"]?.stringValue ?? ""),
          "value": .decimal(Self.decimalText(figure["value"])),
          "table_number": .integer(source?["table"]?.intValue),
          "side": .text(source?["side"]?.stringValue),
          "row_label": .text(source?["row"]?.stringValue),
          "column_name": .text(source?["column"]?.stringValue),
          "performance_table": .integer(source?["performance_table"]?.intValue),
          "section": .text(source?["section"]?.stringValue),
          "text": .text(source?["text"]?.stringValue),
          "page": .integer(source?["page"]?.intValue),
          "x0": Self.coordinate(box?["x0"]),
          "top": Self.coordinate(box?["top"]),
          "x1": Self.coordinate(box?["x1"]),
          "bottom": Self.coordinate(box?["bottom"]),
        ])
    }
  }

  // MARK: values

  /// Compact canonical JSON text, without the file convention's trailing newline.
  static func jsonText(_ value: JSONValue) -> String {
    var text = CanonicalJSON.string(value)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  static func decimalText(_ value: JSONValue?) -> String? {
    value?.decimalValue.flatMap(DecimalText.text)
  }

  /// A page coordinate as a double: coordinates are measures, not money.
  static func coordinate(_ value: JSONValue?) -> ExportValue {
    guard let text = decimalText(value), let double = Double(text) else { return .null }
    return .real(double)
  }
}
