import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@Suite("disclosure/1 documents as canonical JSON")
struct DocumentJSONTests {
  @Test("canonical JSON of a whole document parses back equal, compact and pretty")
  func roundTrip() throws {
    let json = SampleDocument.document.json
    let bytes = CanonicalJSON.data(json)
    #expect(try JSONParser.parse(bytes) == json)
    #expect(try JSONParser.parse(CanonicalJSON.data(json, pretty: true)) == json)
    // Canonical form is a fixed point.
    #expect(CanonicalJSON.data(try JSONParser.parse(bytes)) == bytes)
    #expect(bytes.last == 0x0A && bytes.dropLast().last == UInt8(ascii: "}"))
  }

  @Test("findings written straight to bytes are the canonical form of their JSON")
  func findingsWrittenDirectly() throws {
    var document = SampleDocument.document
    let everything = CheckSource(
      table: 3, side: "revenue", row: "2080101", column: "支出/合计", performanceTable: 2, section: "第三部分/一",
      text: "“引号”\"quoted\" \\ tab\t and 😀", page: 7, box: Box(x0: 12.345, top: -0.004, x1: .infinity, bottom: 800))
    document.checks = [
      CheckFinding(
        rule: "sum.row", status: .rounding, message: "a\nb", expected: Decimal(string: "787.71"),
        found: Decimal(string: "-787.7"),
        figures: [
          CheckFigure(role: "total", value: Decimal(string: "12345678901234567.89"), source: everything),
          CheckFigure(role: "part", value: nil, source: CheckSource()),
          CheckFigure(role: "share", value: Decimal(string: "0.0000001"), source: CheckSource(section: "一", page: 1)),
        ]),
      CheckFinding(rule: "required.tables", status: .skip, message: "no table", figures: []),
    ]
    let json = document.json
    let bytes = document.canonicalData()
    #expect(bytes == CanonicalJSON.data(json))
    #expect(try JSONParser.parse(bytes) == json)
    #expect(document.canonicalData(pretty: true) == CanonicalJSON.data(json, pretty: true))
    let figures = try #require(json.value(at: ["checks", 0, "figures"])?.arrayValue)
    #expect(figures[0]["source"]?["box"] == Box(x0: 12.345, top: -0.004, x1: .infinity, bottom: 800).json)
    #expect(figures[1]["source"] == .object([:]) && figures[1]["value"] == .null)
    document.checks = []
    #expect(document.canonicalData() == CanonicalJSON.data(document.json))
  }

  @Test("box coordinates are exact hundredths; out-of-range coordinates are null, not a trap")
  func boxCoordinates() {
    for hundredths in [-123_456, -1, 0, 1, 10, 99, 100, 12_345, 84_189, 5_953_039] {
      let value = Double(hundredths) / 100
      let box = Box(x0: value, top: 0, x1: value + 0.004, bottom: value - 0.006)
      let expected = JSONValue.number(Decimal(hundredths) / 100)
      #expect(box.json["x0"] == expected)
      #expect(box.json["x1"] == expected)
      #expect(box.json["bottom"] == JSONValue.number(Decimal(hundredths - 1) / 100))
    }
    #expect(CanonicalJSON.string(Box(x0: 12.345, top: 0.1, x1: 1e-9, bottom: 600).json) == #"{"bottom":600,"top":0.1,"x0":12.35,"x1":0}"# + "\n")
    let wild = Box(x0: .infinity, top: -.nan, x1: 1e300, bottom: -1e16).json
    #expect(["x0", "top", "x1", "bottom"].allSatisfy { wild[$0] == .null })
  }

  @Test("amounts are written exactly as decimals")
  func exactAmounts() {
    let text = CanonicalJSON.string(SampleDocument.document.json)
    #expect(text.contains(#""values":[null,null,787.71,447.33,340.38]"#))
    #expect(text.contains(#""values":[null,null,1234.5,447.33,787.17]"#))
  }

  @Test("pretty output keeps the canonical key order")
  func prettyKeyOrder() {
    let json = SampleDocument.document.json
    let pretty = CanonicalJSON.string(json, pretty: true)
    let compact = CanonicalJSON.string(json)
    func keys(_ text: String) -> [String] {
      text.matches(of: /"([a-z_]+)":/).map { String($0.output.1) }
    }
    #expect(keys(pretty) == keys(compact))
    #expect(pretty.hasPrefix("{\n  \"checks\": "))
    #expect(pretty.contains("\n  \"closing\": {"))
  }
}
