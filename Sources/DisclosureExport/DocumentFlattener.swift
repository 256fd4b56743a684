import DisclosureKit
import Foundation

/// Turns one `disclosure/1` document into the rows of the tidy model (``ExportSchema``).
///
/// 1. `documents`: the source's SHA-256 is the id, and ``DocumentKey`` makes it the short key
///    the other tables use; check findings are counted by status.
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
  /// The money units `amount_yuan` converts from.
  public let units: MoneyUnit

  /// Creates a flattener that converts amounts to 元 by `units`.
  public init(units: MoneyUnit) {
    self.units = units
  }

  /// The rows of `document`, whose JSON file's bytes hash to `fileDigest`.
  public func batch(of document: JSONValue, fileDigest: String) throws(ExportError) -> ExportBatch {
    let bytes = [UInt8](CanonicalJSON.data(document))
    guard let tape = try? JSONTape(parsing: bytes) else { throw ExportError("not a json object") }
    return try batch(of: tape.root, fileDigest: fileDigest)
  }

  /// The rows of a document read as a ``JSONTape`` (no tree of values is built).
  public func batch(of document: JSONTape.Value, fileDigest: String) throws(ExportError) -> ExportBatch {
    guard document.isObject else { throw ExportError("not a json object") }
    guard document["schema"]?.stringValue == "disclosure/1" else {
      throw ExportError("not a disclosure/1 document (schema is \(document["schema"]?.stringValue ?? "missing"))")
    }
    guard let id = document["source"]?["sha256"]?.stringValue, !id.isEmpty else {
      throw ExportError("source.sha256 is missing")
    }
    var batch = ExportBatch(document: id)
    let key = batch.key
    let currencyUnit = document["document"]?["currency_unit"]?.stringValue
    addDocument(document, id: id, key: key, fileDigest: fileDigest, to: &batch)
    for (offset, table) in (document["tables"]?.arrayValue ?? []).enumerated() {
      addTable(table, index: offset + 1, document: key, currencyUnit: currencyUnit, to: &batch)
    }
    var sectionCount = 0
    for section in document["sections"]?.arrayValue ?? [] {
      addSection(section, parent: nil, path: [], document: key, count: &sectionCount, to: &batch)
    }
    for (offset, table) in (document["performance_tables"]?.arrayValue ?? []).enumerated() {
      addPerformanceTable(table, position: offset + 1, document: key, to: &batch)
    }
    for (offset, finding) in (document["checks"]?.arrayValue ?? []).enumerated() {
      addFinding(finding, number: offset + 1, document: key, to: &batch)
    }
    return batch
  }

  // MARK: documents

  private func addDocument(_ document: JSONTape.Value, id: String, key: Int, fileDigest: String, to batch: inout ExportBatch) {
    let source = document["source"]
    let metadata = document["document"]
    var counts: [String: Int] = [:]
    for finding in document["checks"]?.arrayValue ?? [] {
      if let status = finding["status"]?.stringValue { counts[status, default: 0] += 1 }
    }
    batch.append(
      ExportSchema.documents,
      [
        .integer(key),  // key
        .text(id),  // id
        .text(source?["file"]?.stringValue ?? ""),  // file
        .text(source?["input"]?.stringValue),  // input
        .text(metadata?["department"]?.stringValue),  // department
        .integer(metadata?["year"]?.intValue),  // year
        .text(metadata?["kind"]?.stringValue),  // kind
        .text(metadata?["level"]?.stringValue),  // level
        .text(metadata?["publication_date"]?.stringValue),  // publication_date
        .text(metadata?["currency_unit"]?.stringValue),  // currency_unit
        .integer(source?["pages"]?.intValue),  // pages
        .integer(counts["fail", default: 0]),  // findings_fail
        .integer(counts["rounding", default: 0]),  // findings_rounding
        .integer(counts["pass", default: 0]),  // findings_pass
        .integer(counts["skip", default: 0]),  // findings_skip
        .text(fileDigest),  // json_sha256
      ])
  }

  // MARK: tables, rows, cells

  private func addTable(_ table: JSONTape.Value, index: Int, document: Int, currencyUnit: String?, to batch: inout ExportBatch) {
    // Tables are keyed by their place: a printed number may repeat (表14-1, 表14-2 …).
    let number = table["number"]?.intValue
    let header = (table["header"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
    let kinds = (table["column_kinds"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
    let rows = table["rows"]?.arrayValue ?? []
    let unit = table["unit"]?.stringValue ?? currencyUnit
    let power = unit.flatMap(units.powerOfTen)
    batch.append(
      ExportSchema.tablesTable,
      [
        .integer(document),  // document
        .integer(index),  // table_index
        .integer(number),  // table_number
        .text(table["label"]?.stringValue),  // label
        .text(table["title"]?.stringValue),  // title
        .text(table["kind"]?.stringValue),  // kind
        .text(table["unit"]?.stringValue),  // unit
        .text(table["department"]?.stringValue),  // department
        .integer(table["page"]?.intValue),  // page
        .text(Self.jsonText(table["pages"]?.jsonValue ?? .array([]))),  // pages
        .text(Self.jsonText(.array(header.map(JSONValue.string)))),  // header
        .boolean(table["empty"]?.boolValue == true),  // empty
        .boolean(table["body_missing"]?.boolValue == true),  // body_missing
        .text(table["note"]?.stringValue),  // note
        .integer(rows.count),  // row_count
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
          .integer(document),  // document
          .integer(index),  // table_index
          .integer(rowNumber),  // row_number
          .text(code),  // code
          .text(code.flatMap(CodeLevel.name)),  // code_level
          .integer(page),  // page
          .text(Self.jsonText(.array(cells.map(JSONValue.string)))),  // cells
          unplaced.map { .text(Self.jsonText(.array($0.map(\.jsonValue)))) } ?? .null,  // unplaced
        ])
      for (column, value) in (row["values"]?.arrayValue ?? []).enumerated() {
        guard let decimal = value.decimalValue, let amount = DecimalText.text(of: decimal) else { continue }
        let key = keys.key(of: column, cells: cells, code: code)
        batch.append(
          ExportSchema.cells,
          [
            .integer(document),  // document
            .integer(index),  // table_index
            .integer(rowNumber),  // row_number
            .integer(column + 1),  // column_number
            .text(key.code),  // code
            .text(key.code.flatMap(CodeLevel.name)),  // code_level
            .text(key.label),  // row_label
            .text(key.project),  // project
            .text(column < header.count ? header[column] : nil),  // column_name
            .text(column < cells.count ? cells[column] : amount),  // printed
            .decimal(amount),  // amount
            .text(unit),  // unit
            .decimal(power.flatMap { decimal.plainText(timesPowerOfTen: $0) }),  // amount_yuan
            .integer(page),  // page
            .null,  // x0
            .null,  // top
            .null,  // x1
            .null,  // bottom
          ])
      }
    }
  }

  // MARK: sections and paragraphs

  private func addSection(
    _ section: JSONTape.Value, parent: Int?, path: [String], document: Int, count: inout Int,
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
        .integer(document),  // document
        .integer(number),  // section_number
        .integer(parent),  // parent
        .integer(section["level"]?.intValue ?? path.count),  // level
        .text(printedNumber),  // number
        .text(section["title"]?.stringValue),  // title
        .text(heading),  // heading
        .text(pathText),  // path
        .integer(page),  // page
      ])
    for (offset, paragraph) in (section["paragraphs"]?.arrayValue ?? []).enumerated() {
      guard let text = paragraph.stringValue else { continue }
      batch.append(
        ExportSchema.paragraphs,
        [
          .integer(document),  // document
          .integer(number),  // section_number
          .integer(offset + 1),  // paragraph_number
          .text(pathText),  // path
          .text(heading),  // heading
          .text(text),  // text
          .integer(page),  // page
        ])
    }
    for child in section["children"]?.arrayValue ?? [] {
      addSection(child, parent: number, path: path, document: document, count: &count, to: &batch)
    }
  }

  // MARK: performance tables

  private func addPerformanceTable(_ table: JSONTape.Value, position: Int, document: Int, to batch: inout ExportBatch) {
    let index = table["index"]?.intValue ?? position
    let project = table["project"]?.stringValue
    let budget = table["budget"]
    batch.append(
      ExportSchema.performanceTables,
      [
        .integer(document),  // document
        .integer(index),  // performance_table
        .text(table["title"]?.stringValue),  // title
        .integer(table["year"]?.intValue),  // year
        .integer(table["page"]?.intValue),  // page
        .text(table["budget_unit"]?.stringValue),  // budget_unit
        .text(project),  // project
        .text(table["owner"]?.stringValue),  // owner
        .decimal(Self.decimalText(budget?["total"])),  // budget_total
        .decimal(Self.decimalText(budget?["fiscal"])),  // budget_fiscal
        .decimal(Self.decimalText(budget?["other"])),  // budget_other
        .text(table["goal"]?.stringValue),  // goal
        .text(Self.jsonText(table["header"]?.jsonValue ?? .array([]))),  // header
      ])
    for (offset, indicator) in (table["indicators"]?.arrayValue ?? []).enumerated() {
      let fields = indicator.jsonValue.objectValue ?? [:]
      let weightKey = fields.keys.sorted().first { $0.contains("权重") || $0.contains("分值") }
      batch.append(
        ExportSchema.performanceIndicators,
        [
          .integer(document),  // document
          .integer(index),  // performance_table
          .integer(offset + 1),  // indicator_number
          .text(project),  // project
          .text(fields["一级指标"]?.stringValue),  // level1
          .text(fields["二级指标"]?.stringValue),  // level2
          .text(fields["三级指标"]?.stringValue),  // level3
          .text(fields["指标性质"]?.stringValue),  // nature
          .text(fields["指标值"]?.stringValue),  // target
          .text(fields["度量单位"]?.stringValue),  // measure
          .text(weightKey.flatMap { fields[$0]?.stringValue }),  // weight
          .text(Self.jsonText(.object(fields))),  // fields
        ])
    }
  }

  // MARK: findings

  private func addFinding(_ finding: JSONTape.Value, number: Int, document: Int, to batch: inout ExportBatch) {
    batch.append(
      ExportSchema.findings,
      [
        .integer(document),  // document
        .integer(number),  // finding_number
        .text(finding["rule"]?.stringValue ?? ""),  // rule
        .text(finding["status"]?.stringValue ?? ""),  // status
        .text(finding["message"]?.stringValue ?? ""),  // message
        .decimal(Self.decimalText(finding["expected"])),  // expected
        .decimal(Self.decimalText(finding["found"])),  // found
        .decimal(Self.decimalText(finding["difference"])),  // difference
      ])
    for (offset, figure) in (finding["figures"]?.arrayValue ?? []).enumerated() {
      let source = figure["source"]
      let box = source?["box"]
      batch.append(
        ExportSchema.findingFigures,
        [
          .integer(document),  // document
          .integer(number),  // finding_number
          .integer(offset + 1),  // figure_number
          .text(figure["role"]?.stringValue ?? ""),  // role
          .decimal(Self.decimalText(figure["value"])),  // value
          .integer(source?["table"]?.intValue),  // table_number
          .text(source?["side"]?.stringValue),  // side
          .text(source?["row"]?.stringValue),  // row_label
          .text(source?["column"]?.stringValue),  // column_name
          .integer(source?["performance_table"]?.intValue),  // performance_table
          .text(source?["section"]?.stringValue),  // section
          .text(source?["text"]?.stringValue),  // text
          .integer(source?["page"]?.intValue),  // page
          Self.coordinate(box?["x0"]),  // x0
          Self.coordinate(box?["top"]),  // top
          Self.coordinate(box?["x1"]),  // x1
          Self.coordinate(box?["bottom"]),  // bottom
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

  static func decimalText(_ value: JSONTape.Value?) -> String? {
    value?.decimalValue.flatMap(DecimalText.text)
  }

  /// A page coordinate as a double: coordinates are measures, not money.
  static func coordinate(_ value: JSONTape.Value?) -> ExportValue {
    guard let text = decimalText(value), let double = Double(text) else { return .null }
    return .real(double)
  }
}
