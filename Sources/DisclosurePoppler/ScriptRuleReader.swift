import DisclosureKit

/// Reads the ruling lines out of a page drawn into cairo's script surface.
///
/// poppler-glib has no API for a page's paths, so the page is rendered into a cairo script
/// surface and its text is read here. Paths in that text are already in device space (points,
/// top-left origin); only line widths need the current matrix.
///
/// 1. Tokenise: numbers, names, operators; skip comments, strings (`(…)`, `<…>`, `<~…~>`) and
///    procedure bodies (`{…}`, which hold glyph outlines of embedded fonts); `<~…~>` and
///    `<|…~>` hold font and image data.
/// 2. Build the current path from `n`, `m`, `l`, `c`, `h`, `rectangle`.
/// 3. On `stroke`/`stroke+`: every axis-aligned straight segment becomes a rule as thick as the
///    line width.
/// 4. On `fill`/`fill+`: every four-cornered subpath (a rectangle, or a trapezoid with bevelled
///    ends) at most `maxFillThickness` thick becomes a
///    rule (Word draws borders that way); light-coloured fills and strokes are not rules.
/// 5. Count drawing operations, so an empty text layer can be told from an empty page.
struct ScriptRuleReader {
  /// Thickest filled rectangle still read as a rule, in points.
  var maxFillThickness = 2.5
  /// Shortest rule kept, in points.
  var minLength = 2.0
  /// Largest off-axis drift for a segment to count as horizontal or vertical.
  var axisTolerance = 0.5

  struct Result {
    var rules: [Rule] = []
    var drawingOperations = 0
    var glyphRuns = 0
    /// Sources painted whole (`paint`: images).
    var images = 0
  }

  private struct Point {
    var x: Double
    var y: Double
  }

  func read(_ bytes: [UInt8]) -> Result {
    var result = Result()
    var numbers: [Double] = []
    numbers.reserveCapacity(16)
    var arrayMark: Int?
    var lastArray: [Double] = []
    var pendingIdentity = false
    var subpaths: [[Point]] = []
    var closed: [Bool] = []
    var lineWidth = 1.0
    var matrixScale = 1.0
    var light = false
    var pendingColor: [Double]?

    func pop(_ count: Int) -> [Double]? {
      guard numbers.count >= count else {
        numbers.removeAll(keepingCapacity: true)
        return nil
      }
      let values = Array(numbers.suffix(count))
      numbers.removeLast(count)
      return values
    }

    bytes.withUnsafeBufferPointer { buffer in
      let n = buffer.count
      var i = 0
      var braceDepth = 0
      while i < n {
        let c = buffer[i]
        switch c {
        case 0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00:
          i += 1
          continue
        case UInt8(ascii: "%"):
          while i < n, buffer[i] != 0x0A { i += 1 }
          continue
        case UInt8(ascii: "("):
          var depth = 0
          while i < n {
            let ch = buffer[i]
            if ch == UInt8(ascii: "\\") {
              i += 2
              continue
            }
            if ch == UInt8(ascii: "(") { depth += 1 }
            if ch == UInt8(ascii: ")") {
              depth -= 1
              if depth == 0 {
                i += 1
                break
              }
            }
            i += 1
          }
          continue
        case UInt8(ascii: "<"):
          if i + 1 < n, buffer[i + 1] == UInt8(ascii: "<") {
            i += 2
            continue
          }
          // `<~…~>` is base85 and `<|…~>` compressed base85: both may hold `>`.
          let base85 = i + 1 < n && (buffer[i + 1] == UInt8(ascii: "~") || buffer[i + 1] == UInt8(ascii: "|"))
          i += base85 ? 2 : 1
          while i < n {
            if base85 {
              if buffer[i] == UInt8(ascii: "~"), i + 1 < n, buffer[i + 1] == UInt8(ascii: ">") {
                i += 2
                break
              }
            } else if buffer[i] == UInt8(ascii: ">") {
              i += 1
              break
            }
            i += 1
          }
          continue
        case UInt8(ascii: ">"):
          i += 1
          continue
        case UInt8(ascii: "{"):
          braceDepth += 1
          i += 1
          continue
        case UInt8(ascii: "}"):
          braceDepth = max(0, braceDepth - 1)
          i += 1
          continue
        case UInt8(ascii: "["):
          if braceDepth == 0 { arrayMark = numbers.count }
          i += 1
          continue
        case UInt8(ascii: "]"):
          if braceDepth == 0, let mark = arrayMark, mark <= numbers.count {
            lastArray = Array(numbers[mark...])
            numbers.removeSubrange(mark...)
          }
          arrayMark = nil
          i += 1
          continue
        default:
          break
        }
        // A regular token: runs until whitespace or a delimiter.
        let start = i
        while i < n {
          let ch = buffer[i]
          if ch <= 0x20 || ch == UInt8(ascii: "(") || ch == UInt8(ascii: ")") || ch == UInt8(ascii: "<")
            || ch == UInt8(ascii: ">") || ch == UInt8(ascii: "[") || ch == UInt8(ascii: "]")
            || ch == UInt8(ascii: "{") || ch == UInt8(ascii: "}") || ch == UInt8(ascii: "/")
              && i > start || ch == UInt8(ascii: "%")
          {
            break
          }
          i += 1
        }
        if i == start {
          i += 1
          continue
        }
        if braceDepth > 0 { continue }
        let first = buffer[start]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39) {
          if let value = Self.number(buffer, start, i) {
            numbers.append(value)
            if numbers.count > 64 { numbers.removeFirst(numbers.count - 16) }
            continue
          }
        }
        if first == UInt8(ascii: "/") { continue }
        let op = Self.operatorCode(buffer, start, i)
        switch op {
        case .newPath:
          subpaths.removeAll(keepingCapacity: true)
          closed.removeAll(keepingCapacity: true)
        case .moveTo:
          if let v = pop(2) {
            subpaths.append([Point(x: v[0], y: v[1])])
            closed.append(false)
          }
        case .lineTo:
          if let v = pop(2) {
            if subpaths.isEmpty {
              subpaths.append([])
              closed.append(false)
            }
            subpaths[subpaths.count - 1].append(Point(x: v[0], y: v[1]))
          }
        case .curveTo:
          if let v = pop(6) {
            if subpaths.isEmpty {
              subpaths.append([])
              closed.append(false)
            }
            subpaths[subpaths.count - 1].append(Point(x: v[4], y: v[5]))
            // A curved outline (a glyph drawn as a path, a rounded box) holds no rule.
            closed[closed.count - 1] = true
            subpaths[subpaths.count - 1].append(Point(x: .nan, y: .nan))
          }
        case .closePath:
          if !closed.isEmpty { closed[closed.count - 1] = true }
        case .rectangle:
          if let v = pop(4) {
            let (x, y, w, h) = (v[0], v[1], v[2], v[3])
            subpaths.append([
              Point(x: x, y: y), Point(x: x + w, y: y), Point(x: x + w, y: y + h), Point(x: x, y: y + h),
            ])
            closed.append(true)
          }
        case .stroke, .strokePreserve:
          result.drawingOperations += 1
          if !light {
            strokeRules(subpaths, closed, width: lineWidth * matrixScale, into: &result.rules)
          }
          if op == .stroke {
            subpaths.removeAll(keepingCapacity: true)
            closed.removeAll(keepingCapacity: true)
          }
        case .fill, .fillPreserve:
          result.drawingOperations += 1
          if !light { fillRules(subpaths, into: &result.rules) }
          if op == .fill {
            subpaths.removeAll(keepingCapacity: true)
            closed.removeAll(keepingCapacity: true)
          }
        case .clip:
          subpaths.removeAll(keepingCapacity: true)
          closed.removeAll(keepingCapacity: true)
        case .glyphs:
          result.drawingOperations += 1
          result.glyphRuns += 1
        case .paint:
          result.drawingOperations += 1
          result.images += 1
        case .setLineWidth:
          if let v = pop(1) { lineWidth = abs(v[0]) }
        case .setSourceRGB:
          if let v = pop(3) { light = v.allSatisfy { $0 > 0.85 } }
        case .setSourceRGBA:
          if let v = pop(4) { light = v[3] < 0.2 || v[0..<3].allSatisfy { $0 > 0.85 } }
        case .gray:
          if let v = pop(1) { pendingColor = [v[0], v[0], v[0], 1] }
        case .rgb:
          if let v = pop(3) { pendingColor = v + [1] }
        case .rgba:
          if let v = pop(4) { pendingColor = v }
        case .setSource:
          // The script names a colour (`0 g`, `1 1 1 rgb`) and then sets it as the source.
          if let c = pendingColor {
            light = c[3] < 0.2 || c[0..<3].allSatisfy { $0 > 0.85 }
          } else {
            light = false
          }
          pendingColor = nil
        case .identity:
          pendingIdentity = true
        case .setMatrix:
          if pendingIdentity {
            matrixScale = 1
          } else if lastArray.count == 6 {
            matrixScale = Self.scale(of: lastArray)
          }
          pendingIdentity = false
        case .scale:
          if let v = pop(2) { matrixScale *= (abs(v[0] * v[1])).squareRoot() }
        case .transform:
          if lastArray.count == 6 { matrixScale *= Self.scale(of: lastArray) }
        case .other:
          break
        }
      }
    }
    result.rules = Self.deduplicated(result.rules)
    return result
  }

  /// A path with any curve or any subpath of more than five corners is an outline (a glyph
  /// drawn as a path, a logo, a fake-bold stroke around text): none of its pieces is a rule.
  private func isOutline(_ subpaths: [[Point]]) -> Bool {
    subpaths.contains { $0.count > 5 || $0.contains { $0.x.isNaN } }
  }

  private func strokeRules(_ subpaths: [[Point]], _ closed: [Bool], width: Double, into rules: inout [Rule]) {
    if isOutline(subpaths) { return }
    let half = max(width, 0.1) / 2
    // Borders are single segments, polylines or rectangles; an outline with more corners is a
    // glyph or a drawing, and a NaN marks a curve.
    for (index, points) in subpaths.enumerated() where points.count >= 2 && points.count <= 5 {
      if points.contains(where: { $0.x.isNaN }) { continue }
      var segments = zip(points, points.dropFirst()).map { ($0, $1) }
      if closed[index], let first = points.first, let last = points.last { segments.append((last, first)) }
      for (a, b) in segments {
        let dx = abs(b.x - a.x)
        let dy = abs(b.y - a.y)
        if dy <= axisTolerance && dx >= minLength {
          let y = (a.y + b.y) / 2
          rules.append(
            Rule(
              box: Box(x0: min(a.x, b.x), top: y - half, x1: max(a.x, b.x), bottom: y + half),
              orientation: .horizontal, source: .stroke))
        } else if dx <= axisTolerance && dy >= minLength {
          let x = (a.x + b.x) / 2
          rules.append(
            Rule(
              box: Box(x0: x - half, top: min(a.y, b.y), x1: x + half, bottom: max(a.y, b.y)),
              orientation: .vertical, source: .stroke))
        }
      }
    }
  }

  private func fillRules(_ subpaths: [[Point]], into rules: inout [Rule]) {
    if isOutline(subpaths) { return }
    for points in subpaths {
      var corners = points
      if corners.count == 5, let first = corners.first, let last = corners.last,
        abs(first.x - last.x) < 0.01, abs(first.y - last.y) < 0.01
      {
        corners.removeLast()
      }
      guard corners.count == 4 else { continue }
      let xs = corners.map(\.x)
      let ys = corners.map(\.y)
      guard let x0 = xs.min(), let x1 = xs.max(), let top = ys.min(), let bottom = ys.max() else { continue }
      // Any four corners within a thin box: a rectangle, or a border segment with bevelled
      // ends (a trapezoid, as some producers draw table borders).
      let box = Box(x0: x0, top: top, x1: x1, bottom: bottom)
      let thin = min(box.width, box.height)
      let long = max(box.width, box.height)
      guard thin <= maxFillThickness, long >= minLength else { continue }
      rules.append(Rule(box: box, orientation: box.width >= box.height ? .horizontal : .vertical, source: .fill))
    }
  }

  private static func scale(of m: [Double]) -> Double {
    abs(m[0] * m[3] - m[1] * m[2]).squareRoot()
  }

  private static func deduplicated(_ rules: [Rule]) -> [Rule] {
    var seen = Set<[Int]>()
    var kept: [Rule] = []
    kept.reserveCapacity(rules.count)
    for rule in rules {
      let key = [
        rule.orientation == .horizontal ? 0 : 1, Int((rule.box.x0 * 10).rounded()), Int((rule.box.top * 10).rounded()),
        Int((rule.box.x1 * 10).rounded()), Int((rule.box.bottom * 10).rounded()),
      ]
      if seen.insert(key).inserted { kept.append(rule) }
    }
    return kept
  }

  private enum Op {
    case newPath, moveTo, lineTo, curveTo, closePath, rectangle
    case stroke, strokePreserve, fill, fillPreserve, clip
    case glyphs, paint
    case setLineWidth, setSourceRGB, setSourceRGBA, setSource, gray, rgb, rgba
    case identity, setMatrix, scale, transform
    case other
  }

  private static let operators: [String: Op] = [
    "n": .newPath, "m": .moveTo, "l": .lineTo, "c": .curveTo, "h": .closePath, "rectangle": .rectangle,
    "stroke": .stroke, "stroke+": .strokePreserve, "fill": .fill, "fill+": .fillPreserve,
    "clip": .clip, "reset-clip": .other, "show-glyphs": .glyphs, "show-text-glyphs": .glyphs,
    "paint": .paint, "paint-with-alpha": .paint, "mask": .paint,
    "set-line-width": .setLineWidth, "set-source-rgb": .setSourceRGB, "set-source-rgba": .setSourceRGBA,
    "set-source": .setSource, "rgb": .rgb, "rgba": .rgba, "identity": .identity, "set-matrix": .setMatrix, "scale": .scale,
    "transform": .transform,
  ]

  private static func operatorCode(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Op {
    let length = end - start
    if length == 1 {
      switch buffer[start] {
      case UInt8(ascii: "n"): return .newPath
      case UInt8(ascii: "m"): return .moveTo
      case UInt8(ascii: "l"): return .lineTo
      case UInt8(ascii: "c"): return .curveTo
      case UInt8(ascii: "h"): return .closePath
      case UInt8(ascii: "g"): return .gray
      default: return .other
      }
    }
    guard length <= 20 else { return .other }
    let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    return operators[name] ?? .other
  }

  /// Parses a plain decimal number (`-12.5`, `.5`, `3`, `1e-3`); nil for anything else.
  private static func number(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    var i = start
    var negative = false
    if buffer[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    var mantissa = 0.0
    var digits = 0
    while i < end, buffer[i] >= 0x30, buffer[i] <= 0x39 {
      mantissa = mantissa * 10 + Double(buffer[i] - 0x30)
      digits += 1
      i += 1
    }
    if i < end, buffer[i] == UInt8(ascii: ".") {
      i += 1
      var scale = 0.1
      while i < end, buffer[i] >= 0x30, buffer[i] <= 0x39 {
        mantissa += Double(buffer[i] - 0x30) * scale
        scale *= 0.1
        digits += 1
        i += 1
      }
    }
    guard digits > 0 else { return nil }
    if i < end, buffer[i] == UInt8(ascii: "e") || buffer[i] == UInt8(ascii: "E") {
      i += 1
      var expNegative = false
      if i < end, buffer[i] == UInt8(ascii: "-") || buffer[i] == UInt8(ascii: "+") {
        expNegative = buffer[i] == UInt8(ascii: "-")
        i += 1
      }
      var exponent = 0
      while i < end, buffer[i] >= 0x30, buffer[i] <= 0x39, exponent < 400 {
        exponent = exponent * 10 + Int(buffer[i] - 0x30)
        i += 1
      }
      var factor = 1.0
      for _ in 0..<min(exponent, 308) { factor *= 10 }
      mantissa = expNegative ? mantissa / factor : mantissa * factor
    }
    guard i == end else { return nil }
    return negative ? -mantissa : mantissa
  }
}
