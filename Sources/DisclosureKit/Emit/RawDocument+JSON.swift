import Foundation

extension RawDocument {
  /// The extraction result as JSON: glyph boxes and ruling lines per page (for `extract`).
  public var json: JSONValue {
    .object([
      "schema": "disclosure-extract/1",
      "source": source.json,
      "pages": .array(pages.map(\.json)),
      "diagnostics": .array(diagnostics.map(\.json)),
    ])
  }
}

extension RawDocument.Source {
  /// `{file, sha256, pages, input}`, and `ocr_pages` when pages were read by OCR.
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "file": .string(file), "sha256": .string(sha256), "pages": JSONValue(pages), "input": .string(input.rawValue),
    ]
    if !ocrPages.isEmpty { object["ocr_pages"] = .array(ocrPages.map { JSONValue($0) }) }
    return .object(object)
  }
}

extension RawPage {
  /// A page with its glyphs (`[char, x0, top, x1, bottom, font, size]`) and rules.
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "number": JSONValue(number),
      "width": .points(size.width),
      "height": .points(size.height),
    ]
    if !lines.isEmpty || glyphs.isEmpty && size.width == 0 {
      object["lines"] = .array(lines.map { .string($0) })
    } else {
      object["fonts"] = .array(fonts.map { .string($0) })
      object["glyphs"] = .array(
        glyphs.map { glyph in
          .array([
            .string(String(glyph.scalar)), .points(glyph.box.x0), .points(glyph.box.top),
            .points(glyph.box.x1), .points(glyph.box.bottom), JSONValue(glyph.font), .points(glyph.fontSize),
          ])
        })
      object["rules"] = .array(
        rules.map { rule in
          .object([
            "orientation": .string(rule.orientation.rawValue), "source": .string(rule.source.rawValue),
            "x0": .points(rule.box.x0), "top": .points(rule.box.top), "x1": .points(rule.box.x1),
            "bottom": .points(rule.box.bottom),
          ])
        })
      object["drawing_operations"] = JSONValue(drawingOperations)
    }
    return .object(object)
  }
}

extension Diagnostic {
  /// `{severity, stage, page, message}` (and `box` when known).
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "severity": .string(severity.rawValue), "stage": .string(stage.rawValue), "message": .string(message),
      "page": page.map { JSONValue($0) } ?? .null,
    ]
    if let box { object["box"] = box.json }
    return .object(object)
  }
}

extension Box {
  /// `{x0, top, x1, bottom}` in points, two decimals.
  public var json: JSONValue {
    .object(["x0": .points(x0), "top": .points(top), "x1": .points(x1), "bottom": .points(bottom)])
  }
}

extension JSONValue {
  /// A coordinate rounded to two decimals, as an exact decimal (so output never depends on
  /// binary floating-point printing).
  /// A coordinate in whole hundredths of a point. Coordinates come from the document: one
  /// beyond any page (or not finite) is nil, never a trap.
  static func hundredths(_ value: Double) -> Int? {
    guard value.isFinite, abs(value) < 1e15 else { return nil }
    return Int((value * 100).rounded())
  }

  static func points(_ value: Double) -> JSONValue {
    guard let hundredths = hundredths(value) else { return .null }
    // Scaling the exponent is exact and a tenth the cost of `Decimal`'s division.
    return .number(Decimal(sign: hundredths < 0 ? .minus : .plus, exponent: -2, significand: Decimal(hundredths.magnitude)))
  }
}
