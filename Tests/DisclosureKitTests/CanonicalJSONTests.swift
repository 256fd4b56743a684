import Foundation
import Testing

@testable import DisclosureKit

@Suite("Canonical JSON (RFC 8785)")
struct CanonicalJSONTests {
  /// Canonical text without the trailing newline our files carry.
  private func canonical(_ value: JSONValue) -> String {
    String(CanonicalJSON.string(value).dropLast())
  }

  private func canonical(parsing text: String) throws -> String {
    canonical(try JSONParser.parse(text))
  }

  // MARK: RFC 8785 published examples

  @Test func rfc8785Section322Sample() throws {
    // RFC 8785 §3.2.2 input and its §3.2.3 canonical output.
    let input = #"""
      {
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }
      """#
    let expected =
      #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
    let bytes = CanonicalJSON.data(try JSONParser.parse(input))
    #expect(bytes == Array(expected.utf8) + [0x0A])
    // §3.2.4 lists the UTF-8 bytes; spot-check the start, the euro sign and the end.
    #expect(bytes.prefix(4) == [0x7B, 0x22, 0x6C, 0x69])
    #expect(bytes.dropLast().suffix(3) == [0x2F, 0x22, 0x7D])
  }

  @Test func rfc8785Section323PropertySorting() throws {
    let input = #"""
      {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
      }
      """#
    let expected =
      #"{"\r":"Carriage Return","1":"One","\#u{80}":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\#u{FB33}":"Hebrew Letter Dalet With Dagesh"}"#
    #expect(try canonical(parsing: input) == expected)
  }

  @Test func sortingWithScriptKeyFromReferenceTestData() {
    // The brief's variant (as in the JCS reference implementation's "weird.json") adds "</script>".
    let value: JSONValue = [
      "\u{20AC}": "Euro Sign",
      "\r": "Carriage Return",
      "\u{FB33}": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\u{1F600}": "Emoji: Grinning Face",
      "\u{80}": "Control",
      "\u{F6}": "Latin Small Letter O With Diaeresis",
      "</script>": "Browser Challenge",
    ]
    let expected =
      #"{"\r":"Carriage Return","1":"One","</script>":"Browser Challenge","\#u{80}":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\#u{FB33}":"Hebrew Letter Dalet With Dagesh"}"#
    #expect(canonical(value) == expected)
  }

  @Test func keysSortByUTF16CodeUnitsNotScalars() {
    let bmp = "\u{E000}"
    let astral = "\u{1F600}"
    // Scalar order puts U+E000 first; its UTF-16 unit E000 sorts after the lead surrogate D83D.
    #expect(bmp < astral)
    let value: JSONValue = [bmp: "bmp", astral: "astral"]
    #expect(canonical(value) == #"{"😀":"astral","\#u{E000}":"bmp"}"#)
  }

  // MARK: Strings

  @Test func stringEscaping() {
    var raw = ""
    for code in 0..<0x20 { raw.unicodeScalars.append(Unicode.Scalar(UInt8(code))) }
    raw += "\"\\/\u{7F}\u{2028}\u{2029}é😀"
    let expected =
      #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
      + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
      + #"\"\\/"# + "\u{7F}\u{2028}\u{2029}é😀\""
    #expect(canonical(.string(raw)) == expected)
  }

  @Test func stringsKeepTheirExactScalars() throws {
    // NFC and NFD spellings are equal Swift Strings, but JCS must not normalize.
    #expect(Array(canonical(.string("\u{E9}")).utf8) == [0x22, 0xC3, 0xA9, 0x22])
    #expect(Array(canonical(.string("e\u{301}")).utf8) == [0x22, 0x65, 0xCC, 0x81, 0x22])
    #expect(try JSONParser.parse(#""e\u0301""#).stringValue?.unicodeScalars.count == 2)
  }

  // MARK: Numbers

  @Test(
    "ECMAScript number formatting",
    arguments: [
      ("1e21", "1e+21"),
      ("1E30", "1e+30"),
      ("1e-7", "1e-7"),
      ("0.0000001", "1e-7"),
      ("1.5e-7", "1.5e-7"),
      ("0.000001", "0.000001"),
      ("0.0000015", "0.0000015"),
      ("123456789012345680000", "123456789012345680000"),
      ("100000000000000000000", "100000000000000000000"),
      ("999999999999999999999", "1e+21"),
      ("-0", "0"),
      ("-0.0e5", "0"),
      ("0", "0"),
      ("22635.40", "22635.4"),
      ("2772.00", "2772"),
      ("4.50", "4.5"),
      ("2e-3", "0.002"),
      ("0.000000000000000000000000001", "1e-27"),
      ("333333333.33333329", "333333333.3333333"),
      ("123e-20", "1.23e-18"),
      ("-12.5e3", "-12500"),
      ("0.1", "0.1"),
      ("1E+2", "100"),
      ("12345678901234.5", "12345678901234.5"),
      ("-9007199254740993", "-9007199254740992"),
      ("1e-128", "1e-128"),
      ("1e127", "1e+127"),
      ("1.2e128", "1.2e+128"),
      ("12345678901234567890123456789012345678", "1.2345678901234568e+37"),
    ])
  func numberFormatting(input: String, expected: String) throws {
    #expect(try canonical(parsing: input) == expected)
  }

  @Test(
    "RFC 8785 Appendix B doubles within Decimal's range",
    arguments: [
      (0x0000_0000_0000_0000, "0"),
      (0x8000_0000_0000_0000, "0"),
      (0x4340_0000_0000_0000, "9007199254740992"),
      (0xC340_0000_0000_0000, "-9007199254740992"),
      (0x4430_0000_0000_0000, "295147905179352830000"),
      (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
      (0x44B5_2D02_C7E1_4AF6, "1e+23"),
      (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
      (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
      (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
      (0x444B_1AE4_D6E2_EF50, "1e+21"),
      (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
      (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
      (0x41B3_DE43_5555_5553, "333333333.3333332"),
      (0x41B3_DE43_5555_5554, "333333333.33333325"),
      (0x41B3_DE43_5555_5555, "333333333.3333333"),
      (0x41B3_DE43_5555_5556, "333333333.3333334"),
      (0x41B3_DE43_5555_5557, "333333333.33333343"),
      (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
      (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
    ] as [(UInt64, String)])
  func appendixBNumbers(bits: UInt64, expected: String) {
    #expect(canonical(JSONValue(Double(bitPattern: bits))) == expected)
  }

  @Test func doublesDecimalCannotHoldBecomeNull() {
    // Appendix B's 5e-324 and ±1.7976931348623157e+308 lie outside Decimal's range
    // (exponent -128...127), so they are out of scope; like NaN and Infinity they map to null.
    for bits: UInt64 in [
      0x0000_0000_0000_0001, 0x8000_0000_0000_0001, 0x7FEF_FFFF_FFFF_FFFF, 0xFFEF_FFFF_FFFF_FFFF,
      0x7FFF_FFFF_FFFF_FFFF, 0x7FF0_0000_0000_0000,
    ] {
      #expect(JSONValue(Double(bitPattern: bits)) == .null)
    }
    #expect(canonical(.number(Decimal.nan)) == "null")
  }

  @Test func doubleInitializerKeepsShortestDecimal() {
    #expect(JSONValue(0.1).decimalValue == Decimal(string: "0.1"))
    #expect(JSONValue(22635.4).decimalValue == Decimal(string: "22635.4"))
    #expect(JSONValue(-0.0) == JSONValue(0))
    #expect(canonical(JSONValue(0.1)) == "0.1")
    #expect(canonical(JSONValue(1e21)) == "1e+21")
  }

  @Test func amountsStayExact() throws {
    let parsed = try JSONParser.parse("[22635.40, 0.1, 0.2, 1234567890123.45]")
    let numbers = (parsed.arrayValue ?? []).compactMap { $0.decimalValue }
    try #require(numbers.count == 4)
    #expect(numbers[0] == Decimal(string: "22635.4"))
    #expect(numbers[1] + numbers[2] == Decimal(string: "0.3"))
    #expect(canonical(.number(numbers[1] + numbers[2])) == "0.3")
    #expect(canonical(.number(numbers[3])) == "1234567890123.45")
  }

  @Test func decimalLimits() throws {
    let longest = "12345678901234567890123456789012345678"
    #expect(try JSONParser.parse(longest).decimalValue?.description == longest)
    let pointy = "-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000012"
    #expect(try JSONParser.parse(pointy).decimalValue?.description == pointy)
    #expect(try JSONParser.parse("1.000000000000000000000000000000000000000000000") == 1)
  }

  @Test func decimalStorageReadsAsDescriptionDoes() throws {
    // The fast reader of Decimal's fields must agree with the exact description on values built
    // every way the pipeline builds them: parsed, computed, rounded, negated.
    #expect(JSONDecimalDigits.storageIsKnown)
    var values: [Decimal] = [0, 1, -1, Decimal(UInt64.max), Decimal(Int64.min), .pi, .greatestFiniteMagnitude]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let mantissa = Int64(bitPattern: state >> UInt64(state % 40))
      let exponent = Int(state % 30) - 15
      let value = Decimal(sign: mantissa < 0 ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa.magnitude))
      values += [value, value / 7, value * 3 - 1]
    }
    for value in values {
      let expected = try #require(JSONDecimalDigits(text: value.description))
      if let read = JSONDecimalDigits(storageOf: value) { #expect(read == expected, "\(value)") }
      #expect(JSONDecimalDigits(value) == expected, "\(value)")
      // The writer's direct path prints what the digit-array path prints, or declines.
      var direct: [UInt8] = []
      if JSONDecimalDigits.appendShort(value, to: &direct) {
        #expect(String(decoding: direct, as: UTF8.self) == CanonicalJSON.digitsText(value), "\(value)")
      } else {
        #expect(direct.isEmpty)
      }
    }
    var short = 0
    for text in ["0", "-0", "1e21", "1e20", "123e-7", "1.5e-6", "-0.000001", "999999999999999", "1000000000000000", "84.19", "-12046.57"] {
      let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
      var direct: [UInt8] = []
      if JSONDecimalDigits.appendShort(value, to: &direct) {
        short += 1
        #expect(String(decoding: direct, as: UTF8.self) == CanonicalJSON.digitsText(value), "\(text)")
      }
    }
    #expect(short >= 10)
  }

  // MARK: Round trips

  @Test func parseSerializeRoundTripOfEveryKind() throws {
    let text =
      #"{"":"","a":[],"b":{},"c":[null,true,false,0,-1,1.5,1e-7,1e+21,"x\"y\\z\n\u001f/€😀"],"d":{"e":{"f":[[{"g":null}]]}}}"#
    let value = try JSONParser.parse(text)
    #expect(canonical(value) == text)
    #expect(try JSONParser.parse(CanonicalJSON.string(value)) == value)
    #expect(value["d"]?["e"]?["f"]?.arrayValue?.first?.arrayValue?.first?["g"] == .null)
  }

  @Test func programmaticValuesRoundTrip() throws {
    let value: JSONValue = [
      "amount": .number(Decimal(string: "22635.40") ?? 0),
      "count": JSONValue(3),
      "ratio": JSONValue(0.25),
      "flags": [true, false, nil],
      "name": "Ünïcödé \u{1F600}",
      "nested": ["list": [1, [2, [3]]], "empty": [:]],
    ]
    #expect(try JSONParser.parse(CanonicalJSON.data(value)) == value)
  }

  @Test func prettyOutput() throws {
    let value: JSONValue = ["b": [1, "two", [], [:]], "a": ["z": true, "y": nil], "c": []]
    let expected = """
      {
        "a": {
          "y": null,
          "z": true
        },
        "b": [
          1,
          "two",
          [],
          {}
        ],
        "c": []
      }

      """
    let pretty = CanonicalJSON.string(value, pretty: true)
    #expect(pretty == expected)
    #expect(try JSONParser.parse(pretty) == value)
    #expect(CanonicalJSON.string([], pretty: true) == "[]\n")
  }

  @Test func outputEndsWithOneNewline() {
    let value: JSONValue = ["k": [1, 2]]
    #expect(CanonicalJSON.string(value) == "{\"k\":[1,2]}\n")
    let pretty = CanonicalJSON.string(value, pretty: true)
    #expect(pretty.hasSuffix("}\n") && !pretty.hasSuffix("\n\n"))
    #expect(CanonicalJSON.data(.null) == Array("null\n".utf8))
  }

  // MARK: Parser

  @Test func parserAcceptsValidEdgeCases() throws {
    #expect(try JSONParser.parse(#" "\ud83d\ude00" "#) == "😀")
    #expect(try JSONParser.parse(#""\u0000\/\b\f\n\r\t\u00E9""#) == "\u{0}/\u{8}\u{C}\n\r\t\u{E9}")
    #expect(try JSONParser.parse("\t\n\r 42 \n") == 42)
    #expect(try JSONParser.parse("-0") == 0)
    #expect(try JSONParser.parse("0e99999999999999999999999") == 0)
    #expect(try JSONParser.parse(Array("\"é😀\"".utf8)) == "é😀")
    #expect(try JSONParser.parse("[1,[2,{\"a\":[]}]]") == [1, [2, ["a": []]]])
  }

  @Test(
    "strict parser rejections",
    arguments: [
      ("[1,]", "trailing comma before ']'"),
      (#"{"a":1,}"#, "trailing comma before '}'"),
      ("01", "leading zeros are not allowed"),
      ("-01", "leading zeros are not allowed"),
      (#""\ud800""#, "lone surrogate in \\u escape"),
      (#""\udc00""#, "lone surrogate in \\u escape"),
      (#""\ud800\u0041""#, "lone surrogate in \\u escape"),
      (#""abc"#, "unterminated string"),
      (#""abc\"#, "unterminated string"),
      ("[1 2]", "expected ',' or ']'"),
      (#"{"a" 1}"#, "expected ':'"),
      (#"{"a":1 "b":2}"#, "expected ',' or '}'"),
      (#"{"a":1,"a":2}"#, #"duplicate key "a""#),
      (#"{"\u00e9":1,"e\u0301":2}"#, #"duplicate key "é""#),
      ("{1:2}", "expected string key"),
      ("NaN", "expected value"),
      ("Infinity", "expected value"),
      ("-Infinity", "expected digit"),
      ("-", "expected digit"),
      ("1.", "expected digit after '.'"),
      (".5", "expected value"),
      ("+1", "expected value"),
      ("1e", "expected digit in exponent"),
      ("1e+", "expected digit in exponent"),
      ("// c\n1", "expected value"),
      ("/* c */ 1", "expected value"),
      ("1 // c", "unexpected data after value"),
      (#""\x""#, "invalid escape"),
      (#""\u12""#, "invalid \\u escape"),
      (#""\u12G4""#, "invalid \\u escape"),
      ("\"a\nb\"", "unescaped control character in string"),
      ("tru", "invalid literal"),
      ("nul", "invalid literal"),
      ("True", "expected value"),
      ("'a'", "expected value"),
      ("[", "unexpected end of input"),
      ("{", "unexpected end of input"),
      (#"{"a":"#, "unexpected end of input"),
      ("", "unexpected end of input"),
      ("   ", "unexpected end of input"),
      ("1 2", "unexpected data after value"),
      ("[]]", "unexpected data after value"),
      ("\u{FEFF}1", "expected value"),
      ("1e128", "number out of range"),
      ("1e200", "number out of range"),
      ("1e-129", "number out of range"),
      ("1234567890123456789012345678901234567891", "number has more than 38 significant digits"),
    ])
  func parserRejects(input: String, reason: String) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
    do {
      _ = try JSONParser.parse(input)
    } catch {
      #expect(error.reason == reason)
      // The tape reader refuses the same input with the same error, at the same byte.
      #expect(throws: error) { try JSONTape(parsing: Array(input.utf8)) }
    }
  }

  @Test("the tape reader gives the values the tree parser gives: edge cases, and every golden")
  func tapeMatchesParser() throws {
    let samples = [
      #" "\ud83d\ude00" "#, #""\u0000\/\b\f\n\r\t\u00E9""#, "\t\n\r 42 \n", "-0", "[1,[2,{\"a\":[]}]]", "{}", "[]",
      #"{"a":{"b":[true,false,null,1.50,-2e3]},"é":"x\"y","c":{}}"#,
    ]
    for sample in samples {
      #expect(try JSONTape(parsing: Array(sample.utf8)).root.jsonValue == JSONParser.parse(sample), "\(sample)")
    }
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../output")
    let goldens = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
    #expect(goldens.count >= 20)
    for name in goldens.sorted() {
      let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
      let tape = try JSONTape(parsing: bytes)
      #expect(try tape.root.jsonValue == JSONParser.parse(bytes), "\(name)")
      #expect(tape.root["source"]?["sha256"]?.stringValue?.count == 64)
      #expect(tape.root["no such member"] == nil && tape.root["tables"]?.arrayValue != nil)
    }
  }

  @Test("the tape reader finds a repeated name in large objects and by canonical equivalence")
  func tapeDuplicates() throws {
    let many = (0..<40).map { "\"k\($0)\":\($0)" }
    let unique = "{" + many.joined(separator: ",") + "}"
    #expect(try JSONTape(parsing: Array(unique.utf8)).root["k39"]?.intValue == 39)
    let repeated = "{" + (many + ["\"k7\":0"]).joined(separator: ",") + "}"
    #expect(throws: JSONParseError.self) { try JSONTape(parsing: Array(repeated.utf8)) }
    // A name repeated in a nested object is no repeat of the outer one's.
    #expect(try JSONTape(parsing: Array(#"{"a":{"a":1},"b":{"a":2}}"#.utf8)).root["b"]?["a"]?.intValue == 2)
    #expect(throws: JSONParseError.self) { try JSONTape(parsing: Array(#"{"\u212A":1,"K":2}"#.utf8)) }
  }

  @Test(
    "invalid UTF-8 is rejected",
    arguments: [
      [0x22, 0xFF, 0x22],
      [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
      [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong
      [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate U+D800
      [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // past U+10FFFF
      [0x22, 0xC3, 0x22],  // truncated sequence
      [0x22, 0x80, 0x22],  // stray continuation byte
      [0x22, 0xE2, 0x82],  // cut off at end of input
    ] as [[UInt8]])
  func parserRejectsInvalidUTF8(bytes: [UInt8]) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
  }

  @Test func errorDescription() {
    #expect(throws: JSONParseError(offset: 5, reason: "expected ':'")) {
      try JSONParser.parse(#"{"a" 1}"#)
    }
    let error = JSONParseError(offset: 12, reason: "expected ':'")
    #expect(error.description == "invalid json at byte 12: expected ':'")
    #expect(throws: JSONParseError(offset: 3, reason: "lone surrogate in \\u escape")) {
      try JSONParser.parse(#"[ "\ud800" ]"#)
    }
  }

  @Test func depthLimit() throws {
    let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(try JSONParser.parse(deepest).arrayValue?.count == 1)
    let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(throws: JSONParseError(offset: 512, reason: "nesting deeper than 512 levels")) {
      try JSONParser.parse(tooDeep)
    }
    #expect(throws: JSONParseError.self) {
      try JSONParser.parse(String(repeating: "[", count: 100_000))
    }
    #expect(throws: JSONParseError.self) {
      try JSONParser.parse(String(repeating: #"{"a":"#, count: 100_000))
    }
    #expect(throws: JSONParseError.self) {
      try JSONParser.parse(String(repeating: "[{\"a\":", count: 50_000))
    }
  }

  @Test func mutatedInputNeverCrashes() throws {
    // Deterministic byte mutations of a valid document; the parser may reject, never trap.
    let seed = Array(
      #"{"a":[1,-2.5e-3,true,null,"\u00e9\ud83d\ude00x"],"b":{"c":"€","d":[]},"e":1e21}"#.utf8)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    let alphabet = Array(#"{}[]",:\u0123456789eE+-.tfn "#.utf8) + [0x00, 0x80, 0xC3, 0xED, 0xFF]
    var accepted = 0
    for _ in 0..<3000 {
      var bytes = seed
      for _ in 0...(next() % 3) {
        let position = next() % bytes.count
        switch next() % 3 {
        case 0: bytes[position] = alphabet[next() % alphabet.count]
        case 1: bytes.remove(at: position)
        default: bytes.insert(alphabet[next() % alphabet.count], at: position)
        }
      }
      if let value = try? JSONParser.parse(bytes) {
        accepted += 1
        // Whatever is accepted must reach a fixed point: canonical text reparses to itself.
        let canonicalBytes = CanonicalJSON.data(value)
        #expect(CanonicalJSON.data(try JSONParser.parse(canonicalBytes)) == canonicalBytes)
      }
    }
    #expect(accepted > 0)
  }

  // MARK: Value conveniences

  @Test func accessorsAndLiterals() {
    let value: JSONValue = ["s": "text", "n": 42, "b": true, "z": nil, "a": [1, 2], "o": ["k": "v"]]
    #expect(value["s"]?.stringValue == "text")
    #expect(value["n"]?.intValue == 42)
    #expect(value["n"]?.decimalValue == 42)
    #expect(value["b"] == .bool(true))
    #expect(value["z"] == .null)
    #expect(value["a"]?.arrayValue == [1, 2])
    #expect(value["o"]?.objectValue == ["k": "v"])
    #expect(value["missing"] == nil)
    #expect(value["s"]?["k"] == nil)
    #expect(value.stringValue == nil)
    #expect(JSONValue(Int.min).intValue == Int.min)
    #expect(JSONValue(Int.max).intValue == Int.max)
    #expect(JSONValue.number(Decimal(string: "1.5") ?? 0).intValue == nil)
    #expect(JSONValue.number(Decimal(string: "2.000") ?? 0).intValue == 2)
    #expect(JSONValue.number(Decimal(string: "1e30") ?? 0).intValue == nil)
    #expect(JSONValue.number(Decimal(string: "4.50") ?? 0) == JSONValue.number(Decimal(string: "4.5") ?? 0))
    let repeated = JSONValue(dictionaryLiteral: ("k", 1), ("k", 2))
    #expect(repeated == ["k": 2])
  }
}
