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
