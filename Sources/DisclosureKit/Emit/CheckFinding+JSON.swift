import Foundation

// Findings are most of a document's output (every rule at every row, with each figure's source),
// so they are written as canonical JSON bytes directly, members already in RFC 8785 order, rather
// than built as a `JSONValue` tree and sorted. The tree, where one is wanted, is read back from
// these bytes: there is one description of a finding's JSON, and it is this writer.

extension CheckFinding {
  /// `{rule, status, message, expected, found, difference, figures}`, parsed from `canonical`.
  public var json: JSONValue {
    var bytes: [UInt8] = []
    write(to: &bytes)
    return (try? JSONParser.parse(bytes)) ?? .null
  }

  /// Appends the finding as canonical JSON (RFC 8785): members in UTF-16 order, exact numbers.
  public func write(to out: inout [UInt8]) {
    var writer = FindingWriter(out: out)
    out = []
    writer.raw("{\"difference\":")
    writer.amount(difference)
    writer.raw(",\"expected\":")
    writer.amount(expected)
    writer.raw(",\"figures\":[")
    for (index, figure) in figures.enumerated() {
      if index > 0 { writer.raw(",") }
      writer.figure(figure)
    }
    writer.raw("],\"found\":")
    writer.amount(found)
    writer.raw(",\"message\":")
    writer.string(message)
    writer.raw(",\"rule\":")
    writer.string(rule)
    writer.raw(",\"status\":")
    writer.string(status.rawValue)
    writer.raw("}")
    out = writer.out
  }

  /// The findings as one canonical JSON array.
  public static func canonicalArray(_ findings: [CheckFinding]) -> [UInt8] {
    var out: [UInt8] = [UInt8(ascii: "[")]
    out.reserveCapacity(findings.count * 400)
    for (index, finding) in findings.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      finding.write(to: &out)
    }
    out.append(UInt8(ascii: "]"))
    return out
  }
}

/// Appends the parts of a finding; every object's members are written in canonical order.
private struct FindingWriter {
  var out: [UInt8]

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  mutating func string(_ text: String) { CanonicalJSON.appendString(text, to: &out) }

  mutating func amount(_ value: Decimal?) {
    guard let value else { return raw("null") }
    CanonicalJSON.appendNumber(value, to: &out)
  }

  mutating func integer(_ value: Int) {
    if !JSONDecimalDigits.appendShort(negative: value < 0, mantissa: UInt64(value.magnitude), exponent: 0, to: &out) {
      out.append(contentsOf: String(value).utf8)
    }
  }

  /// `{role, source, value}`.
  mutating func figure(_ figure: CheckFigure) {
    raw("{\"role\":")
    string(figure.role)
    raw(",\"source\":")
    source(figure.source)
    raw(",\"value\":")
    amount(figure.value)
    raw("}")
  }

  /// Only the fields that apply: box, column, page, performance_table, row, section, side,
  /// table, text (their canonical order).
  mutating func source(_ source: CheckSource) {
    var open = false
    func member(_ name: StaticString) {
      raw(open ? ",\"" : "{\"")
      open = true
      raw(name)
      raw("\":")
    }
    func text(_ name: StaticString, _ value: String?) {
      guard let value else { return }
      member(name)
      string(value)
    }
    func number(_ name: StaticString, _ value: Int?) {
      guard let value else { return }
      member(name)
      integer(value)
    }
    if let box = source.box {
      member("box")
      raw("{\"bottom\":")
      coordinate(box.bottom)
      raw(",\"top\":")
      coordinate(box.top)
      raw(",\"x0\":")
      coordinate(box.x0)
      raw(",\"x1\":")
      coordinate(box.x1)
      raw("}")
    }
    text("column", source.column)
    number("page", source.page)
    number("performance_table", source.performanceTable)
    text("row", source.row)
    text("section", source.section)
    text("side", source.side)
    number("table", source.table)
    text("text", source.text)
    raw(open ? "}" : "{}")
  }

  /// A coordinate as `Box.json` writes it (two decimals, null when out of range).
  /// Written from the whole hundredths (`JSONValue.hundredths`), without making a `Decimal`.
  mutating func coordinate(_ value: Double) {
    guard let hundredths = JSONValue.hundredths(value) else { return raw("null") }
    if JSONDecimalDigits.appendShort(negative: hundredths < 0, mantissa: UInt64(hundredths.magnitude), exponent: -2, to: &out) {
      return
    }
    guard case .number(let number) = JSONValue.points(value) else { return raw("null") }
    amount(number)
  }
}
