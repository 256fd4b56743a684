import Foundation

extension CheckFinding {
  /// `{rule, status, message, expected, found, difference, figures}`.
  public var json: JSONValue {
    func amount(_ value: Decimal?) -> JSONValue { value.map { .number($0) } ?? .null }
    return .object([
      "rule": .string(rule), "status": .string(status.rawValue), "message": .string(message),
      "expected": amount(expected), "found": amount(found), "difference": amount(difference),
      "figures": .array(figures.map(\.json)),
    ])
  }
}

extension CheckFigure {
  /// `{role, value, source}`.
  public var json: JSONValue {
    .object(["role": .string(role), "value": value.map { .number($0) } ?? .null, "source": source.json])
  }
}

extension CheckSource {
  /// Only the fields that apply.
  public var json: JSONValue {
    var object: [String: JSONValue] = [:]
    if let table { object["table"] = JSONValue(table) }
    if let side { object["side"] = .string(side) }
    if let row { object["row"] = .string(row) }
    if let column { object["column"] = .string(column) }
    if let performanceTable { object["performance_table"] = JSONValue(performanceTable) }
    if let section { object["section"] = .string(section) }
    if let text { object["text"] = .string(text) }
    if let page { object["page"] = JSONValue(page) }
    if let box { object["box"] = box.json }
    return .object(object)
  }
}
