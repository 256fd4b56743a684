import DisclosureKit
import DisclosureTestSupport
import Foundation
import Testing

@Suite("The disclosure/1 schema and its validator")
struct SchemaTests {
  @Test("a document with every kind of node is valid")
  func sampleIsValid() throws {
    let validator = try Golden.schemaValidator()
    #expect(validator.errors(in: SampleDocument.document.json) == [])
    #expect(
      validator.errors(
        in: DisclosureDocument(
          source: .init(file: "a.txt", sha256: String(repeating: "0", count: 64), pages: 0, input: .text)
        ).json) == [])
  }

  @Test("every golden is valid", arguments: Golden.documents)
  func goldenIsValid(document: String) throws {
    let validator = try Golden.schemaValidator()
    let golden = try JSONParser.parse([UInt8](Data(contentsOf: Golden.file(for: document))))
    #expect(validator.errors(in: golden) == [])
  }

  @Test("what the schema rejects")
  func rejections() throws {
    let validator = try Golden.schemaValidator()
    let sample = SampleDocument.document.json
    #expect(
      validator.errors(in: sample.replacing(["tables", 1, "rows", 0, "values", 2], with: "1,234.50")) == [
        "/tables/1/rows/0/values/2: expected number or null, got string"
      ])
    #expect(
      validator.errors(in: sample.replacing(["tables", 1, "extra"], with: 1)) == [#"/tables/1: unexpected key "extra""#]
    )
    #expect(
      validator.errors(in: sample.replacing(["source", "sha256"], with: "XYZ")) == [
        #"/source/sha256: "XYZ" does not match ^[0-9a-f]{64}$"#
      ])
    #expect(
      validator.errors(in: sample.replacing(["schema"], with: "disclosure/2")) == [
        #"/schema: expected "disclosure/1", got "disclosure/2""#
      ])
    #expect(
      validator.errors(in: sample.replacing(["tables", 1, "rows", 0, "page"], with: 0)) == [
        "/tables/1/rows/0/page: 0 is below the minimum 1"
      ])
    #expect(
      validator.errors(in: sample.replacing(["document", "year"], with: try JSONParser.parse("2023.5"))) == [
        "/document/year: expected integer or null, got number"
      ])
    #expect(
      validator.errors(in: sample.replacing(["sections", 1, "tables"], with: [])) == [
        "/sections/1/tables: expected at least 1 items, got 0"
      ])
    #expect(validator.errors(in: sample.replacing(["closing"], with: nil)) == [#"/: missing "closing""#])
    #expect(
      validator.errors(in: sample.replacing(["diagnostics", 0, "stage"], with: "paint")) == [
        #"/diagnostics/0/stage: "paint" is not one of ["extract","normalize","segment","rows","emit","check"]"#
      ])
    #expect(
      validator.errors(in: sample.replacing(["performance_tables", 0, "indicators", 0, "指标值"], with: 100)) == [
        "/performance_tables/0/indicators/0/指标值: expected string, got number"
      ])
  }

  @Test("a schema with a keyword the validator does not know is refused")
  func unsupportedKeyword() throws {
    #expect(throws: JSONSchemaValidator.SchemaError.self) {
      try JSONSchemaValidator(schema: try JSONParser.parse(#"{"type": "object", "oneOf": []}"#))
    }
    #expect(throws: JSONSchemaValidator.SchemaError.self) {
      try JSONSchemaValidator(schema: try JSONParser.parse(##"{"$ref": "#/$defs/nope"}"##))
    }
    let integer = try JSONSchemaValidator(schema: try JSONParser.parse(#"{"type": "integer"}"#))
    #expect(integer.errors(in: try JSONParser.parse("1.0")) == [])
  }
}
