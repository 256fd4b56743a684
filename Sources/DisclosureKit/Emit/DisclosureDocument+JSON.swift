import Foundation

extension DisclosureDocument {
  /// The schema name written into every document.
  public static let schema = "disclosure/1"

  /// The document as `disclosure/1` JSON. Names and shapes follow the truth files where they
  /// overlap, so output and truth compare directly.
  public var json: JSONValue {
    var object = jsonWithoutChecks
    object["checks"] = .array(checks.map(\.json))
    return .object(object)
  }

  /// The canonical bytes of `json` (RFC 8785, ending in a newline), or indented when `pretty`.
  /// The findings, most of the output, are written straight to bytes and spliced in first
  /// (`checks` is the first member in canonical order).
  public func canonicalData(pretty: Bool = false) -> [UInt8] {
    if pretty { return CanonicalJSON.data(json, pretty: true) }
    let rest = CanonicalJSON.data(.object(jsonWithoutChecks))
    var out: [UInt8] = Array("{\"checks\":".utf8)
    out.reserveCapacity(rest.count + checks.count * 400)
    out += CheckFinding.canonicalArray(checks)
    // `rest` is `{…}\n` with at least the schema member, so it goes on after a comma.
    out.append(UInt8(ascii: ","))
    out += rest.dropFirst()
    return out
  }

  /// Every member of `json` but `checks`.
  private var jsonWithoutChecks: [String: JSONValue] {
    var object: [String: JSONValue] = [
      "schema": .string(Self.schema),
      "source": source.json,
      "document": metadata.json,
      "sections": .array(sections.map(\.json)),
      "tables": .array(tables.map(\.json)),
      "performance_tables": .array(performanceTables.map(\.json)),
      "glossary": .array(glossary.map { .object(["term": .string($0.term), "definition": .string($0.definition)]) }),
      "diagnostics": .array(diagnostics.map(\.json)),
    ]
    object["closing"] =
      closing.map { .object(["signature": .optional($0.signature), "date": .optional($0.date)]) } ?? .null
    return object
  }
}

extension Metadata {
  /// `{kind, level, department, year, publication_date, currency_unit}`.
  public var json: JSONValue {
    .object([
      "kind": .optional(kind), "department": .optional(department), "year": year.map { JSONValue($0) } ?? .null,
      "publication_date": .optional(publicationDate), "currency_unit": .optional(currencyUnit),
      "level": .optional(level),
    ])
  }
}

extension Section {
  /// `{level, number, title, heading, page, paragraphs, children}` plus `tables` /
  /// `performance_tables` where the section holds any.
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "level": JSONValue(level), "number": .string(number), "title": .string(title), "heading": .string(heading),
      "page": JSONValue(page), "paragraphs": .array(paragraphs.map { .string($0) }),
      "children": .array(children.map(\.json)),
    ]
    if !tables.isEmpty { object["tables"] = .array(tables.map { JSONValue($0) }) }
    if !performanceTables.isEmpty { object["performance_tables"] = .array(performanceTables.map { JSONValue($0) }) }
    return .object(object)
  }
}

extension Table {
  /// The table with its rows; two-sided tables add `revenue` and `expenditure`. A label or
  /// title the document does not print is null.
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "number": numberPrinted ? JSONValue(number) : .null, "label": .optional(label.isEmpty ? nil : label), "title": .optional(title.isEmpty ? nil : title), "kind": .optional(kind),
      "department": .optional(department), "unit": .optional(unit), "pages": .array(pages.map { JSONValue($0) }),
      "page": pages.first.map { JSONValue($0) } ?? .null,
      "header": .array(header.map { .string($0) }), "column_kinds": .array(columnKinds.map { .string($0) }),
      "rows": .array(rows.map(\.json)), "empty": .bool(empty), "note": .optional(note),
    ]
    if bodyMissing { object["body_missing"] = .bool(true) }
    if let revenue { object["revenue"] = .array(revenue.map(\.json)) }
    if let expenditure { object["expenditure"] = .array(expenditure.map(\.json)) }
    return .object(object)
  }
}

extension Row {
  /// `{cells, values, code, page}`, and `unplaced` when the row has amounts without a column.
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "cells": .array(cells.map { .string($0) }),
      "values": .array(values.map { $0.map { JSONValue.number($0) } ?? .null }),
      "code": .optional(code), "page": JSONValue(page),
    ]
    if !unplaced.isEmpty { object["unplaced"] = .array(unplaced.map { .string($0) }) }
    return .object(object)
  }
}

extension PerformanceTable {
  /// The performance table with its indicators keyed by header name.
  public var json: JSONValue {
    func amount(_ value: Decimal?) -> JSONValue { value.map { .number($0) } ?? .null }
    return .object([
      "index": JSONValue(index), "title": .string(title), "year": year.map { JSONValue($0) } ?? .null,
      "page": JSONValue(page), "budget_unit": .optional(budgetUnit), "project": .optional(project),
      "owner": .optional(owner),
      "budget": .object(["total": amount(budget.total), "fiscal": amount(budget.fiscal), "other": amount(budget.other)]),
      "goal": .optional(goal), "header": .array(header.map { .string($0) }),
      "indicators": .array(indicators.map { row in .object(row.mapValues { .string($0) }) }),
    ])
  }
}

extension JSONValue {
  /// A string, or null.
  static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
}
