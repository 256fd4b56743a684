/// Executes a page's content streams for their paths, the way poppler's `Gfx` drives its cairo
/// output device, and hands every painted path to a `RuleCollector`, which writes and reads it
/// the way cairo's script surface and `ScriptRuleReader` did.
///
/// 1. Tokenise: numbers (read digit by digit, as poppler reads them, when an operator uses
///    them), names, strings, arrays and dictionaries (one operand each), operators; inline
///    images are skipped past their data.
///    An operator short of operands, or a `Q` with nothing to restore, ends the stream, as it
///    does in poppler.
/// 2. Keep poppler's state: the path in user space (`m l c v y h re`; a lone move makes no
///    subpath), the graphics state stack (`q Q cm w gs`, colours, opacity, font and text render
///    mode), the clip (`W W*`, form bounding boxes; see `ClipRegion`), and the output device's
///    stroke adjustment, which `q`/`Q` do not save.
/// 3. On a paint operator, map the path to device space with cairo's matrix; when the line is at
///    most one device pixel wide, draw it one pixel wide with the ends of its horizontal and
///    vertical segments moved to pixel centres (poppler's stroke adjustment); build cairo's
///    fixed-point path (`DevicePath`) and collect rules. Light or nearly transparent colours,
///    pattern paint, an empty clip and a failed surface yield none.
/// 4. Run Form XObjects (`Do`) with their matrix, bounding-box clip and resources (looked up
///    through the chain of enclosing resources), isolated `q`/`Q` stacks, a recursion check and
///    poppler's depth limit. Images fill their unit square, as poppler's cairo device draws them.
///
/// Text draws nothing here (text-showing operators are counted); see `ContentStreamRuleReader`
/// for what is not reproduced.
struct ContentStreamInterpreter {
  /// Most operators executed for one page before the page is judged unreadable (a real page
  /// runs a few thousand; a hostile one could nest forms into billions).
  static let maxOperators = 5_000_000
  /// Most Form XObjects drawn for one page, likewise.
  static let maxForms = 50_000
  /// Deepest Form XObject nesting, as in poppler.
  static let maxFormDepth = 100

  private let file: PDFFile
  private(set) var collector: RuleCollector
  /// Paint operators executed.
  private(set) var drawingOperations = 0
  /// Text-showing operators executed.
  private(set) var glyphRuns = 0
  private(set) var images = 0
  /// Set when some content could not be read (an unsupported filter, too much work).
  private(set) var unreadable = false
  /// Set once a fill has put cairo's script surface into an error state: later paint yields
  /// nothing, as nothing later reached the script.
  private(set) var surfaceFailed = false

  // MARK: State

  private struct GraphicsState {
    /// cairo's matrix: user space to device space.
    var matrix: AffineMatrix
    /// The PDF line width (user space).
    var lineWidth = 1.0
    /// The width cairo holds after poppler's stroke adjustment (user space).
    var deviceLineWidth = 1.0
    var fill = PaintColor()
    var stroke = PaintColor()
    /// Whether `Tf` named a font the resources hold (poppler shows no text without one).
    var hasFont = false
    /// The text render mode (`Tr`).
    var textRender = 0
    var clip: ClipRegion
  }

  private var state: GraphicsState
  private var saved: [GraphicsState] = []
  /// Saves below this index belong to an enclosing form.
  private var saveBase = 0
  /// poppler's `adjusted_stroke_width`: lives in the output device, so `Q` does not restore it.
  private var adjustedStrokeWidth = false
  private var resources: [[String: PDFObject]?]
  private var formsDrawing = Set<Int>()
  private var formDepth = 0
  private var formCount = 0
  private var operatorCount = 0
  /// `W`/`W*` seen: the path ends as a clip with this fill rule.
  private var clipPending: ClipRule?
  private enum ClipRule { case nonZero, evenOdd }
  private var clipCount = 0
  /// The clip the last paint ran under (its written form replaced the written path).
  private var lastPaintClip = 0
  /// The script surface's size in fixed point: a box clip covering it is never written.
  private let surfaceWidth: Int
  private let surfaceHeight: Int
  /// Set by an operator after which poppler abandons the current content stream.
  private var aborted = false

  // The current path in user space, as poppler's GfxPath holds it.
  private var pathX: [Double] = []
  private var pathY: [Double] = []
  /// Whether each point is a curve control point.
  private var pathControl: [Bool] = []
  private var subpathStart: [Int] = []
  private var subpathClosed: [Bool] = []
  private var justMoved = false
  private var firstX = 0.0
  private var firstY = 0.0
  private var currentX = 0.0
  private var currentY = 0.0
  private var device = DevicePath()

  /// Operands of the next operator, in a buffer of `maxOperands` slots reused for every
  /// operator (the first `operandCount` are live), so reading an operand allocates nothing.
  private var operands = [Operand](repeating: Operand(kind: .other, value: .nan, start: 0), count: maxOperands)
  private var operandCount = 0
  /// The kind of the last operand kept, nil when there is none.
  private var lastKind: OperandKind?
  /// The values of the numbers an operator takes, read by `numbers`. (`execute` reads these
  /// stored properties rather than calling helpers: a debug build copies the whole interpreter
  /// for each call of a non-mutating method, and `execute`'s frame, which nested forms stack a
  /// hundred deep, grows by every such copy.)
  private var values = [Double](repeating: 0, count: maxOperands)
  private var lastName: Range<Int> = 0..<0
  private var lastNameText: String?
  /// Fonts looked up by `Tf` under the current resources, by the raw bytes of their names: a
  /// page selects the same few fonts thousands of times, and decoding the name and searching
  /// the resource chain each time was a tenth of the reader's work.
  private var fontLookups: [FontLookup] = []

  private enum OperandKind: UInt8 {
    case number, name, string, array, other
  }

  private struct Operand {
    var kind: OperandKind
    /// A number's value once read (see `numbers`); for a string, 1 when it holds anything;
    /// NaN for anything else.
    var value: Double
    /// Where a number's token starts. Numbers are read only when an operator uses their
    /// values: most are text positioning (`Tm`, `Td`), which draws nothing here.
    var start: Int
  }

  private struct FontLookup {
    var name: [UInt8]
    var exists: Bool
  }

  /// Most font names remembered per resource level.
  private static let maxFontLookups = 64

  /// poppler keeps at most this many operands; later ones are dropped.
  private static let maxOperands = 33

  /// Creates an interpreter for `page` (its default matrix, crop clip and resources);
  /// `printed` holds numbers another page already printed (see `RuleCollector.printed`).
  init(file: PDFFile, page: PDFPageEntry, printed: [UInt64: Double] = [:]) {
    self.file = file
    collector = RuleCollector(printed: printed)
    let matrix = Self.pageMatrix(page)
    // poppler clips to the crop box first; in device space that is the whole surface.
    let (x1, y1, x2, y2) = page.cropBox
    let corners = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)].map { matrix.transformPoint($0.0, $0.1) }
    let xs = corners.map { DevicePath.fixed($0.0) }
    let ys = corners.map { DevicePath.fixed($0.1) }
    let box = (x1: xs.min() ?? 0, y1: ys.min() ?? 0, x2: xs.max() ?? 0, y2: ys.max() ?? 0)
    self.state = GraphicsState(matrix: matrix, clip: ClipRegion(box))
    surfaceWidth = DevicePath.fixed(page.size.width)
    surfaceHeight = DevicePath.fixed(page.size.height)
    self.resources = [page.resources]
    // The output device starts the page with a width update (poppler's updateAll).
    updateLineWidth()
  }

  /// The default matrix poppler's GfxState sets up at 72 dpi for a page: crop box origin at the
  /// top-left, y downwards, rotated by `/Rotate`.
  static func pageMatrix(_ page: PDFPageEntry) -> AffineMatrix {
    let (px1, py1, px2, py2) = page.cropBox
    switch page.rotate {
    case 90: return AffineMatrix(0, 1, 1, 0, -1 * py1, -px1)
    case 180: return AffineMatrix(-1, 0, 0, 1, 1 * px2, -py1)
    case 270: return AffineMatrix(0, -1, -1, 0, 1 * py2, px2)
    default: return AffineMatrix(1, 0, 0, -1, -1 * px1, 1 * py2)
    }
  }

  /// Runs one content stream (or the page's streams joined).
  mutating func run(_ content: [UInt8]) {
    content.withUnsafeBufferPointer { run($0) }
  }

  // MARK: Tokenising

  @inline(__always) private static func isWhitespace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00
  }

  /// Whitespace and the delimiters `()<>[]{}/%` end a token.
  @inline(__always) private static func isRegular(_ c: UInt8) -> Bool {
    if c >= 0x80 { return true }
    // Bits for 0x00–0x3F and 0x40–0x7F: whitespace, ( ) < > / % and [ ] { }.
    let low: UInt64 =
      1 << 0x00 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D | 1 << 0x20 | 1 << 0x25 | 1 << 0x28
      | 1 << 0x29 | 1 << 0x2F | 1 << 0x3C | 1 << 0x3E
    let high: UInt64 = 1 << (0x5B - 0x40) | 1 << (0x5D - 0x40) | 1 << (0x7B - 0x40) | 1 << (0x7D - 0x40)
    return c < 0x40 ? (low >> UInt64(c)) & 1 == 0 : (high >> UInt64(c - 0x40)) & 1 == 0
  }

  @inline(__always) private mutating func push(_ kind: OperandKind, _ value: Double, start: Int = 0) {
    // poppler drops operands past its limit rather than shifting them.
    guard operandCount < Self.maxOperands else { return }
    operands[operandCount] = Operand(kind: kind, value: value, start: start)
    operandCount += 1
    lastKind = kind
  }

  private mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
    let n = buffer.count
    var i = 0
    operandCount = 0
    lastKind = nil
    scan: while i < n, !unreadable {
      let c = buffer[i]
      if Self.isWhitespace(c) {
        i += 1
        continue
      }
      switch c {
      case UInt8(ascii: "%"):
        while i < n, buffer[i] != 0x0A, buffer[i] != 0x0D { i += 1 }
      case UInt8(ascii: "/"):
        let start = i + 1
        i += 1
        while i < n, Self.isRegular(buffer[i]) { i += 1 }
        lastName = start..<i
        lastNameText = nil
        push(.name, .nan)
      case UInt8(ascii: "("):
        let start = i
        i = Self.skipString(buffer, from: i)
        // A string operand's value is whether it holds anything (an empty one shows nothing).
        push(.string, i - start > 2 ? 1 : 0)
      case UInt8(ascii: "<"):
        if i + 1 < n, buffer[i + 1] == UInt8(ascii: "<") {
          i = Self.skipNested(buffer, from: i)
          push(.other, .nan)
        } else {
          let start = i
          var digits = false
          while i < n, buffer[i] != UInt8(ascii: ">") {
            if PDFLexer.hexValue(buffer[i]) != nil { digits = true }
            i += 1
          }
          i += 1
          push(.string, digits && i > start ? 1 : 0)
        }
      case UInt8(ascii: "["):
        i = Self.skipNested(buffer, from: i)
        push(.array, .nan)
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
        let start = i
        i = Self.skipNumber(buffer, from: i)
        push(.number, .nan, start: start)
      default:
        guard Self.isRegular(c) else {
          // A stray `)`, `>`, `]`, `{` or `}`: poppler reports and skips it.
          i += 1
          continue
        }
        let start = i
        while i < n, Self.isRegular(buffer[i]) { i += 1 }
        operatorCount += 1
        if operatorCount > Self.maxOperators {
          unreadable = true
          return
        }
        // poppler abandons the rest of a content stream when an operator lacks operands.
        if operandCount < ContentOperator.requiredOperands(buffer, start, i) { break scan }
        if let end = execute(buffer, start, i) { i = end }
        operandCount = 0
        lastKind = nil
        if aborted { break scan }
      }
    }
    aborted = false
  }

  /// Reads a number as poppler's lexer does: digits, then a fraction accumulated digit by digit
  /// (`x + 0.1·d₁ + 0.01·d₂…`), so device coordinates match it to the last bit.
  private static func number(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (Double, Int) {
    let n = buffer.count
    var i = start
    var negative = false
    if buffer[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    } else if buffer[i] == UInt8(ascii: "+") {
      i += 1
    }
    var integer = 0
    var big = 0.0
    var overflow = false
    var isReal = false
    while i < n {
      let c = buffer[i]
      if c >= 0x30 && c <= 0x39 {
        if overflow {
          big = big * 10 + Double(c - 0x30)
        } else {
          let (times, o1) = integer.multipliedReportingOverflow(by: 10)
          let (sum, o2) = times.addingReportingOverflow(Int(c - 0x30))
          if o1 || o2 {
            overflow = true
            big = Double(integer) * 10 + Double(c - 0x30)
          } else {
            integer = sum
          }
        }
        i += 1
      } else if c == UInt8(ascii: ".") {
        isReal = true
        i += 1
        break
      } else {
        break
      }
    }
    if !isReal {
      let value = overflow ? big : Double(integer)
      return (negative ? -value : value, i)
    }
    var value = overflow ? big : Double(integer)
    var scale = 0.1
    while i < n {
      let c = buffer[i]
      if c == UInt8(ascii: "-") {
        // poppler ignores a minus sign inside a number, as Adobe does.
        i += 1
        continue
      }
      guard c >= 0x30 && c <= 0x39 else { break }
      value = value + scale * Double(c - 0x30)
      scale *= 0.1
      i += 1
    }
    return (negative ? -value : value, i)
  }

  /// The index after the number starting at `start`: exactly where `number` stops reading
  /// (sign, digits, a point, then digits and stray minus signs), without its arithmetic.
  private static func skipNumber(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let n = buffer.count
    var i = start
    if buffer[i] == UInt8(ascii: "-") || buffer[i] == UInt8(ascii: "+") { i += 1 }
    while i < n, buffer[i] &- 0x30 < 10 { i += 1 }
    guard i < n, buffer[i] == UInt8(ascii: ".") else { return i }
    i += 1
    while i < n, buffer[i] &- 0x30 < 10 || buffer[i] == UInt8(ascii: "-") { i += 1 }
    return i
  }

  /// Skips a literal string with nested parentheses and escapes; returns the index after it.
  private static func skipString(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let n = buffer.count
    var i = start + 1
    var depth = 1
    while i < n {
      let c = buffer[i]
      if c == UInt8(ascii: "\\") {
        i += 2
        continue
      }
      if c == UInt8(ascii: "(") { depth += 1 }
      if c == UInt8(ascii: ")") {
        depth -= 1
        if depth == 0 { return i + 1 }
      }
      i += 1
    }
    return n
  }

  /// Skips an array or dictionary with everything nested in it.
  private static func skipNested(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let n = buffer.count
    var i = start
    var depth = 0
    while i < n {
      let c = buffer[i]
      switch c {
      case UInt8(ascii: "("):
        i = skipString(buffer, from: i)
        continue
      case UInt8(ascii: "%"):
        while i < n, buffer[i] != 0x0A, buffer[i] != 0x0D { i += 1 }
        continue
      case UInt8(ascii: "["):
        depth += 1
      case UInt8(ascii: "]"):
        depth -= 1
      case UInt8(ascii: "<"):
        if i + 1 < n, buffer[i + 1] == UInt8(ascii: "<") {
          depth += 1
          i += 1
        } else {
          while i < n, buffer[i] != UInt8(ascii: ">") { i += 1 }
        }
      case UInt8(ascii: ">"):
        if i + 1 < n, buffer[i + 1] == UInt8(ascii: ">") {
          depth -= 1
          i += 1
        }
      default:
        break
      }
      i += 1
      if depth <= 0 { return i }
    }
    return n
  }

  // MARK: Operands

  /// Whether the last `count` operands are all numbers (poppler uses the last operands when
  /// given too many, and skips the operator when given too few); if so their values are read
  /// from `buffer` into `values[0..<count]`.
  private mutating func numbers(_ buffer: UnsafeBufferPointer<UInt8>, _ count: Int) -> Bool {
    let base = operandCount - count
    guard base >= 0 else { return false }
    for k in base..<operandCount where operands[k].kind != .number { return false }
    for k in 0..<count { values[k] = Self.number(buffer, from: operands[base + k].start).0 }
    return true
  }

  /// The first four of `values`: a colour's components (those past its space's count are
  /// ignored).
  private static func components(_ values: [Double]) -> (Double, Double, Double, Double) {
    (values[0], values[1], values[2], values[3])
  }

  /// The name operand when the last operand is one.
  private mutating func nameOperand(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
    guard lastKind == .name else { return nil }
    return lastNameText ?? decodedLastName(buffer)
  }

  // MARK: Operators

  /// Runs the operator spelt by `buffer[start..<end]`; returns a new read position when the
  /// operator consumed bytes after itself (inline image data).
  private mutating func execute(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    let length = end - start
    let b0 = buffer[start]
    if length == 1 {
      switch b0 {
      case UInt8(ascii: "m"):
        if numbers(buffer, 2) { moveTo(values[0], values[1]) }
      case UInt8(ascii: "l"):
        if numbers(buffer, 2), hasCurrentPoint { lineTo(values[0], values[1]) }
      case UInt8(ascii: "c"):
        if numbers(buffer, 6), hasCurrentPoint {
          curveTo(values[0], values[1], values[2], values[3], values[4], values[5])
        }
      case UInt8(ascii: "v"):
        if numbers(buffer, 4), hasCurrentPoint {
          curveTo(currentX, currentY, values[0], values[1], values[2], values[3])
        }
      case UInt8(ascii: "y"):
        if numbers(buffer, 4), hasCurrentPoint {
          curveTo(values[0], values[1], values[2], values[3], values[2], values[3])
        }
      case UInt8(ascii: "h"):
        if hasCurrentPoint { closePath() }
      case UInt8(ascii: "S"): paint(fill: false, stroke: true, close: false)
      case UInt8(ascii: "s"): paint(fill: false, stroke: true, close: true)
      case UInt8(ascii: "f"), UInt8(ascii: "F"): paint(fill: true, stroke: false, close: false)
      case UInt8(ascii: "B"): paint(fill: true, stroke: true, close: false)
      case UInt8(ascii: "b"): paint(fill: true, stroke: true, close: true)
      case UInt8(ascii: "n"): endPath()
      case UInt8(ascii: "W"): clipPending = .nonZero
      case UInt8(ascii: "q"): saved.append(state)
      case UInt8(ascii: "Q"):
        // A `Q` without its `q` (or past a form's start) makes poppler abandon the stream.
        if saved.count > saveBase, let restored = saved.popLast() { state = restored } else { aborted = true }
      case UInt8(ascii: "w"):
        if numbers(buffer, 1) {
          state.lineWidth = values[0]
          updateLineWidth()
        }
      case UInt8(ascii: "g"):
        if numbers(buffer, 1) {
          state.fill = PaintColor.device(.gray, Self.components(values), alpha: state.fill.alpha)
        }
      case UInt8(ascii: "G"):
        if numbers(buffer, 1) {
          state.stroke = PaintColor.device(.gray, Self.components(values), alpha: state.stroke.alpha)
        }
      case UInt8(ascii: "k"):
        if numbers(buffer, 4) {
          state.fill = PaintColor.device(.cmyk, Self.components(values), alpha: state.fill.alpha)
        }
      case UInt8(ascii: "K"):
        if numbers(buffer, 4) {
          state.stroke = PaintColor.device(.cmyk, Self.components(values), alpha: state.stroke.alpha)
        }
      case UInt8(ascii: "'"):
        if lastKind == .string { showText(operands[operandCount - 1].value > 0) }
      case UInt8(ascii: "\""):
        if operandCount >= 3, lastKind == .string { showText(operands[operandCount - 1].value > 0) }
      default:
        break
      }
      return nil
    }
    let b1 = buffer[start + 1]
    if length == 2 {
      switch (b0, b1) {
      case (UInt8(ascii: "r"), UInt8(ascii: "e")):
        if numbers(buffer, 4) { rectangle(values[0], values[1], values[2], values[3]) }
      case (UInt8(ascii: "c"), UInt8(ascii: "m")):
        if numbers(buffer, 6) { concat(AffineMatrix(values[0], values[1], values[2], values[3], values[4], values[5])) }
      case (UInt8(ascii: "f"), UInt8(ascii: "*")): paint(fill: true, stroke: false, close: false)
      case (UInt8(ascii: "W"), UInt8(ascii: "*")): clipPending = .evenOdd
      case (UInt8(ascii: "B"), UInt8(ascii: "*")): paint(fill: true, stroke: true, close: false)
      case (UInt8(ascii: "b"), UInt8(ascii: "*")): paint(fill: true, stroke: true, close: true)
      case (UInt8(ascii: "r"), UInt8(ascii: "g")):
        if numbers(buffer, 3) {
          state.fill = PaintColor.device(.rgb, Self.components(values), alpha: state.fill.alpha)
        }
      case (UInt8(ascii: "R"), UInt8(ascii: "G")):
        if numbers(buffer, 3) {
          state.stroke = PaintColor.device(.rgb, Self.components(values), alpha: state.stroke.alpha)
        }
      case (UInt8(ascii: "c"), UInt8(ascii: "s")):
        if let name = nameOperand(buffer), let space = colorSpace(named: name) {
          state.fill = PaintColor(space: space, light: false, alpha: state.fill.alpha)
        }
      case (UInt8(ascii: "C"), UInt8(ascii: "S")):
        if let name = nameOperand(buffer), let space = colorSpace(named: name) {
          state.stroke = PaintColor(space: space, light: false, alpha: state.stroke.alpha)
        }
      case (UInt8(ascii: "s"), UInt8(ascii: "c")): setColor(buffer, fill: true, pattern: false)
      case (UInt8(ascii: "S"), UInt8(ascii: "C")): setColor(buffer, fill: false, pattern: false)
      case (UInt8(ascii: "g"), UInt8(ascii: "s")):
        if let name = nameOperand(buffer) { setExtGState(name) }
      case (UInt8(ascii: "s"), UInt8(ascii: "h")):
        if lastKind == .name { drawingOperations += 1 }
      case (UInt8(ascii: "D"), UInt8(ascii: "o")):
        if let name = nameOperand(buffer) { drawXObject(name) }
      case (UInt8(ascii: "T"), UInt8(ascii: "j")):
        if lastKind == .string { showText(operands[operandCount - 1].value > 0) }
      case (UInt8(ascii: "T"), UInt8(ascii: "J")):
        if lastKind == .array { showText(true) }
      case (UInt8(ascii: "T"), UInt8(ascii: "f")):
        if operandCount >= 2, operands[operandCount - 2].kind == .name, operands[operandCount - 1].kind == .number {
          // The name is the one but last operand; only the last name's text is kept, so look
          // the font up only when it is that one.
          state.hasFont = fontExists(buffer)
        }
      case (UInt8(ascii: "T"), UInt8(ascii: "r")):
        if numbers(buffer, 1), let mode = Int(exactly: values[0].rounded(.towardZero)) { state.textRender = mode }
      case (UInt8(ascii: "B"), UInt8(ascii: "I")):
        return inlineImage(buffer, from: end)
      default:
        break
      }
      return nil
    }
    if length == 3, buffer[start + 2] == UInt8(ascii: "n") {
      if b0 == UInt8(ascii: "s"), b1 == UInt8(ascii: "c") { setColor(buffer, fill: true, pattern: true) }
      if b0 == UInt8(ascii: "S"), b1 == UInt8(ascii: "C") { setColor(buffer, fill: false, pattern: true) }
    }
    return nil
  }

  /// A text-showing operator: counted; when glyphs reach the script they write the identity
  /// and then the text's matrix, which resets the reader's scale.
  private mutating func showText(_ nonEmpty: Bool) {
    drawingOperations += 1
    glyphRuns += 1
    guard nonEmpty, state.hasFont, state.textRender != 3, state.textRender != 7, canDraw else { return }
    collector.writeIdentity()
    collector.writeMatrix(state.matrix)
  }

  /// Whether the font named by the one-but-last operand is in the resources.
  private mutating func fontExists(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    // The last name seen is the font name: `Tf` takes a name and a number.
    let raw = UnsafeBufferPointer(rebasing: buffer[lastName])
    for lookup in fontLookups where lookup.name.elementsEqual(raw) { return lookup.exists }
    guard let name = lastNameText ?? decodedLastName(buffer) else { return false }
    let exists = lookupResourceEntry("Font", name) != nil
    if fontLookups.count < Self.maxFontLookups { fontLookups.append(FontLookup(name: Array(raw), exists: exists)) }
    return exists
  }

  private mutating func decodedLastName(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
    let text = PDFLexer.decodedName(buffer[lastName])
    lastNameText = text
    return text
  }

  // MARK: Path (poppler's GfxPath)

  private var hasCurrentPoint: Bool { !subpathStart.isEmpty || justMoved }

  private mutating func moveTo(_ x: Double, _ y: Double) {
    justMoved = true
    firstX = x
    firstY = y
    currentX = x
    currentY = y
  }

  /// Starts a subpath when the last one was only a move or has been closed.
  private mutating func beginSegment() {
    if justMoved || (subpathClosed.last ?? false) {
      let (x, y) = justMoved ? (firstX, firstY) : (pathX[pathX.count - 1], pathY[pathY.count - 1])
      subpathStart.append(pathX.count)
      subpathClosed.append(false)
      append(x, y, control: false)
      justMoved = false
    }
  }

  @inline(__always) private mutating func append(_ x: Double, _ y: Double, control: Bool) {
    pathX.append(x)
    pathY.append(y)
    pathControl.append(control)
  }

  private mutating func lineTo(_ x: Double, _ y: Double) {
    beginSegment()
    append(x, y, control: false)
    currentX = x
    currentY = y
  }

  private mutating func curveTo(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x3: Double, _ y3: Double) {
    beginSegment()
    append(x1, y1, control: true)
    append(x2, y2, control: true)
    append(x3, y3, control: false)
    currentX = x3
    currentY = y3
  }

  private mutating func closePath() {
    if justMoved {
      // A move then a close makes a one-point subpath.
      subpathStart.append(pathX.count)
      subpathClosed.append(false)
      append(firstX, firstY, control: false)
      justMoved = false
    }
    guard let start = subpathStart.last else { return }
    let last = pathX.count - 1
    if pathX[last] != pathX[start] || pathY[last] != pathY[start] {
      append(pathX[start], pathY[start], control: false)
    }
    subpathClosed[subpathClosed.count - 1] = true
    currentX = pathX[start]
    currentY = pathY[start]
  }

  private mutating func rectangle(_ x: Double, _ y: Double, _ w: Double, _ h: Double) {
    moveTo(x, y)
    lineTo(x + w, y)
    lineTo(x + w, y + h)
    lineTo(x, y + h)
    closePath()
  }

  private mutating func clearPath() {
    pathX.removeAll(keepingCapacity: true)
    pathY.removeAll(keepingCapacity: true)
    pathControl.removeAll(keepingCapacity: true)
    subpathStart.removeAll(keepingCapacity: true)
    subpathClosed.removeAll(keepingCapacity: true)
    justMoved = false
  }

  // MARK: Painting

  private mutating func paint(fill: Bool, stroke: Bool, close: Bool) {
    drawingOperations += 1
    // With no current point poppler returns before ending the path.
    guard hasCurrentPoint else { return }
    if !subpathStart.isEmpty {
      if close { closePath() }
      if canDraw {
        if fill, state.fill.space != .pattern, !state.fill.yieldsNoRule {
          buildDevicePath(aligned: false)
          if !collector.fill(device) { surfaceFailed = true }
        }
        if stroke, !surfaceFailed, state.stroke.space != .pattern, !state.stroke.yieldsNoRule,
          state.deviceLineWidth > 0
        {
          buildDevicePath(aligned: adjustedStrokeWidth)
          collector.stroke(device, lineWidth: state.deviceLineWidth, matrix: state.matrix)
        }
      }
    }
    endPath()
  }

  /// Whether drawing now reaches the script: the surface works and the clip is not empty. A
  /// clip written since the last paint replaced the path cairo remembers writing.
  private var canDraw: Bool {
    mutating get {
      guard !surfaceFailed, !state.clip.isEmpty else { return false }
      if state.clip.id != lastPaintClip {
        lastPaintClip = state.clip.id
        if !state.clip.isTrivial(width: surfaceWidth, height: surfaceHeight) { collector.writeClip() }
      }
      return true
    }
  }

  /// poppler's `doEndPath`: a pending clip takes the path, then the path is cleared.
  private mutating func endPath() {
    if let rule = clipPending, hasCurrentPoint {
      buildDevicePath(aligned: false)
      intersectClip(evenOdd: rule == .evenOdd)
    }
    clipPending = nil
    clearPath()
  }

  /// Narrows the clip by the device path.
  private mutating func intersectClip(evenOdd: Bool = false) {
    clipCount += 1
    state.clip.intersect(device, evenOdd: evenOdd, next: clipCount)
  }

  /// Builds cairo's device path from the user-space path (poppler's `doPath`).
  private mutating func buildDevicePath(aligned: Bool) {
    device.removeAll()
    let m = state.matrix
    for (index, start) in subpathStart.enumerated() {
      let end = index + 1 < subpathStart.count ? subpathStart[index + 1] : pathX.count
      guard start < end else { continue }
      device.move(to: point(start, start, end, aligned: aligned, m))
      var j = start + 1
      while j < end {
        if pathControl[j], j + 2 < end {
          let (c1x, c1y) = m.transformPoint(pathX[j], pathY[j])
          let (c2x, c2y) = m.transformPoint(pathX[j + 1], pathY[j + 1])
          device.curve(
            DevicePath.Point(x: DevicePath.fixed(c1x), y: DevicePath.fixed(c1y)),
            DevicePath.Point(x: DevicePath.fixed(c2x), y: DevicePath.fixed(c2y)),
            point(j + 2, start, end, aligned: aligned, m))
          j += 3
        } else {
          device.line(to: point(j, start, end, aligned: aligned, m))
          j += 1
        }
      }
      if subpathClosed[index] { device.close() }
    }
  }

  /// Point `i` of the subpath `start..<end` in device space; with stroke adjustment, an end of a
  /// horizontal or vertical segment moves to the centre of its device pixel (poppler's
  /// `alignStrokeCoords`).
  private func point(_ i: Int, _ start: Int, _ end: Int, aligned: Bool, _ m: AffineMatrix) -> DevicePath.Point {
    let (x, y) = m.transformPoint(pathX[i], pathY[i])
    if aligned {
      var align = false
      if i > start, !pathControl[i - 1] {
        let (px, py) = m.transformPoint(pathX[i - 1], pathY[i - 1])
        if abs(px - x) < 0.5 || abs(py - y) < 0.5 { align = true }
      }
      if i < end - 1, !pathControl[i + 1] {
        let (nx, ny) = m.transformPoint(pathX[i + 1], pathY[i + 1])
        if abs(nx - x) < 0.5 || abs(ny - y) < 0.5 { align = true }
      }
      if align {
        return DevicePath.Point(
          x: DevicePath.fixed(x.rounded(.down) + 0.5), y: DevicePath.fixed(y.rounded(.down) + 0.5))
      }
    }
    return DevicePath.Point(x: DevicePath.fixed(x), y: DevicePath.fixed(y))
  }

  // MARK: Graphics state

  private mutating func concat(_ m: AffineMatrix) {
    // poppler's cairo device skips a matrix cairo could not invert, width update included.
    guard m.isInvertible else { return }
    if !m.isIdentity { state.matrix = state.matrix.prepending(m) }
    updateLineWidth()
  }

  /// poppler's `CairoOutputDev::updateLineWidth`: a line at most one device pixel wide is drawn
  /// one pixel wide, and its horizontal and vertical segments are then pixel-aligned.
  private mutating func updateLineWidth() {
    adjustedStrokeWidth = false
    var width = state.lineWidth
    let (dx, dy) = state.matrix.transformDistance(width, width)
    if abs(dx) <= 1, abs(dy) <= 1, let inverse = state.matrix.inverted {
      let (ux, uy) = inverse.transformDistance(1, 1)
      width = min(abs(ux), abs(uy))
      adjustedStrokeWidth = true
    }
    state.deviceLineWidth = width
  }

  /// `sc`/`scn`/`SC`/`SCN`: as many numbers as the colour space has components (else ignored,
  /// as poppler does); in a pattern space a trailing name selects the pattern.
  private mutating func setColor(_ buffer: UnsafeBufferPointer<UInt8>, fill: Bool, pattern: Bool) {
    let paint = fill ? state.fill : state.stroke
    if paint.space == .pattern { return }
    let count = operandCount
    guard count <= (pattern ? Self.maxOperands : 4), numbers(buffer, count) else { return }
    guard count == paint.space.components, count > 0 else { return }
    let updated = PaintColor.device(paint.space, Self.components(values), alpha: paint.alpha)
    if fill { state.fill = updated } else { state.stroke = updated }
  }

  /// The colour space `name` stands for: a device space, or a `/ColorSpace` resource.
  private func colorSpace(named name: String) -> PaintColor.Space? {
    if let space = Self.deviceSpace(name) { return space }
    let object = lookupResource("ColorSpace", name)
    return colorSpace(object, depth: 0)
  }

  private static func deviceSpace(_ name: String) -> PaintColor.Space? {
    switch name {
    case "DeviceGray", "G", "CalGray": .gray
    case "DeviceRGB", "RGB", "CalRGB": .rgb
    case "DeviceCMYK", "CMYK": .cmyk
    case "Pattern": .pattern
    default: nil
    }
  }

  private func colorSpace(_ object: PDFObject, depth: Int) -> PaintColor.Space? {
    guard depth < 8 else { return nil }
    if let name = object.name { return Self.deviceSpace(name) }
    guard let items = object.array, let family = items.first.map({ file.resolve($0) })?.name else { return nil }
    switch family {
    case "CalGray": return .gray
    case "CalRGB": return .rgb
    case "ICCBased":
      // poppler converts through the profile; the common profiles map components as is.
      let stream = items.count > 1 ? file.resolve(items[1]).dictionary : nil
      switch file.resolve(stream?["N"]).integer {
      case 1: return .gray
      case 3: return .rgb
      case 4: return .cmyk
      default: return nil
      }
    case "Pattern": return .pattern
    case "Separation", "Indexed", "I": return .other(components: 1)
    case "Lab": return .other(components: 3)
    case "DeviceN":
      let names = items.count > 1 ? file.resolve(items[1]).array?.count ?? 0 : 0
      return names > 0 ? .other(components: names) : nil
    default:
      return Self.deviceSpace(family)
    }
  }

  private mutating func setExtGState(_ name: String) {
    guard let parameters = lookupResource("ExtGState", name).dictionary else { return }
    if let width = file.resolve(parameters["LW"]).number {
      state.lineWidth = width
      updateLineWidth()
    }
    if let alpha = file.resolve(parameters["CA"]).number { state.stroke.alpha = alpha }
    if let alpha = file.resolve(parameters["ca"]).number { state.fill.alpha = alpha }
  }

  // MARK: Resources and XObjects

  /// A named resource, looked up from the innermost form outwards (poppler's resource chain).
  private func lookupResource(_ category: String, _ name: String) -> PDFObject {
    lookupResourceEntry(category, name).map { file.resolve($0) } ?? .null
  }

  private func lookupResourceEntry(_ category: String, _ name: String) -> PDFObject? {
    for dictionary in resources.reversed() {
      if let entries = file.resolve(dictionary?[category]).dictionary, let entry = entries[name] { return entry }
    }
    return nil
  }

  private mutating func drawXObject(_ name: String) {
    guard let entry = lookupResourceEntry("XObject", name) else { return }
    let object = file.resolve(entry)
    guard case .stream(let dictionary, _) = object else { return }
    switch file.resolve(dictionary["Subtype"]).name {
    case "Image":
      drawingOperations += 1
      images += 1
      let file = self.file
      drawImage(dictionary) { file.decodedData(of: object) }
    case "Form":
      var number: Int?
      if case .reference(let n, _) = entry {
        guard !formsDrawing.contains(n) else { return }
        number = n
      }
      if let number { formsDrawing.insert(number) }
      drawForm(object, dictionary)
      if let number { formsDrawing.remove(number) }
    default:
      break
    }
  }

  /// poppler's `doForm` and `drawForm`.
  private mutating func drawForm(_ object: PDFObject, _ dictionary: [String: PDFObject]) {
    guard formDepth < Self.maxFormDepth else { return }
    formCount += 1
    guard formCount <= Self.maxForms else {
      unreadable = true
      return
    }
    guard let bbox = file.resolve(dictionary["BBox"]).array, bbox.count >= 4,
      bbox.prefix(4).allSatisfy({ file.resolve($0).number != nil })
    else { return }
    var matrix = AffineMatrix.identity
    if let items = file.resolve(dictionary["Matrix"]).array {
      let values = items.prefix(6).compactMap { file.resolve($0).number }
      guard items.count >= 6, values.count == 6 else { return }
      matrix = AffineMatrix(values[0], values[1], values[2], values[3], values[4], values[5])
    }
    guard let content = file.decodedData(of: object, limit: ContentStreamRuleReader.maxPageContentBytes) else {
      unreadable = true
      return
    }
    let formResources = file.resolve(dictionary["Resources"]).dictionary
    // The enclosing path survives the form; the form starts with none.
    let savedPath = (
      pathX, pathY, pathControl, subpathStart, subpathClosed, justMoved, firstX, firstY, currentX, currentY
    )
    clearPath()
    resources.append(formResources)
    // The form's resources come first now: fonts looked up outside it may differ inside.
    let outerFontLookups = fontLookups
    fontLookups.removeAll()
    saved.append(state)
    let outerBase = saveBase
    saveBase = saved.count
    formDepth += 1
    // updateCTM runs (and recomputes the stroke adjustment) even for an identity matrix.
    concat(matrix)
    // drawForm clips to the bounding box.
    let b = bbox.prefix(4).compactMap { file.resolve($0).number }
    rectangle(b[0], b[1], b[2] - b[0], b[3] - b[1])
    buildDevicePath(aligned: false)
    intersectClip()
    clearPath()
    run(content)
    formDepth -= 1
    saved.removeSubrange(saveBase...)
    saveBase = outerBase
    if let restored = saved.popLast() { state = restored }
    resources.removeLast()
    fontLookups = outerFontLookups
    (pathX, pathY, pathControl, subpathStart, subpathClosed, justMoved, firstX, firstY, currentX, currentY) = savedPath
  }

  /// What poppler's cairo device writes for an image: a plain image fills its unit square (so
  /// a thin image reads as a rule); a 1×1 stencil mask fills it when its sample paints; other
  /// masks are drawn through a clip, which only replaces the written path.
  private mutating func drawImage(_ dictionary: [String: PDFObject], data: () -> [UInt8]?) {
    let isMask = file.resolve(dictionary["ImageMask"] ?? dictionary["IM"]) == .bool(true)
    if isMask, isUnitImageMask(dictionary) {
      drawUnitMask(dictionary, data() ?? [0])
      return
    }
    guard canDraw else { return }
    let pattern = imagePattern(dictionary)
    if isMask || file.resolve(dictionary["SMask"]).isStream || file.resolve(dictionary["Mask"]).isStream {
      // Drawn through a clip (written, replacing the path) and a mask carrying the pattern.
      collector.writeClip()
      collector.writePattern(pattern)
      return
    }
    fillUnitSquare(pattern: pattern)
  }

  /// The image's source pattern matrix as cairo writes it: image space to pixels
  /// ([w 0 0 -h 0 h]) after the device-to-user matrix.
  private func imagePattern(_ dictionary: [String: PDFObject]) -> AffineMatrix? {
    let width = Double(file.resolve(dictionary["Width"] ?? dictionary["W"]).integer ?? 1)
    let height = Double(file.resolve(dictionary["Height"] ?? dictionary["H"]).integer ?? 1)
    guard let inverse = state.matrix.inverted else { return nil }
    return AffineMatrix.multiply(inverse, AffineMatrix(width, 0, 0, -height, 0, height))
  }

  /// Fills the unit square of image space (cairo_rectangle (0, 0, 1, 1)), keeping the path.
  private mutating func fillUnitSquare(pattern: AffineMatrix? = nil) {
    let savedPath = (pathX, pathY, pathControl, subpathStart, subpathClosed, justMoved)
    clearPath()
    rectangle(0, 0, 1, 1)
    buildDevicePath(aligned: false)
    if !collector.fill(device, pattern: pattern) { surfaceFailed = true }
    (pathX, pathY, pathControl, subpathStart, subpathClosed, justMoved) = savedPath
  }

  /// Whether an image is a 1×1 stencil mask, which poppler's cairo device fills as a unit square.
  private func isUnitImageMask(_ dictionary: [String: PDFObject]) -> Bool {
    let mask = file.resolve(dictionary["ImageMask"] ?? dictionary["IM"])
    guard mask == .bool(true) else { return false }
    return file.resolve(dictionary["Width"] ?? dictionary["W"]).integer == 1
      && file.resolve(dictionary["Height"] ?? dictionary["H"]).integer == 1
  }

  /// Fills the unit square of a 1×1 mask whose one sample paints (poppler's workaround for
  /// cairo's scaling of 1×1 surfaces draws it as a rectangle).
  private mutating func drawUnitMask(_ dictionary: [String: PDFObject], _ data: [UInt8]) {
    let decode = file.resolve(dictionary["Decode"] ?? dictionary["D"]).array?.compactMap { file.resolve($0).number }
    let inverted = decode?.first == 1
    let sample = (data.first ?? 0) >> 7
    guard (sample == 1) == inverted else { return }
    guard state.fill.space != .pattern, !state.fill.yieldsNoRule, canDraw else { return }
    fillUnitSquare()
  }

  /// Skips an inline image (`BI` … `ID` data `EI`); returns the position after `EI`.
  private mutating func inlineImage(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    drawingOperations += 1
    images += 1
    var lexer = PDFLexer(buffer, at: start)
    var dictionary: [String: PDFObject] = [:]
    var pairs = 0
    while pairs < 1000 {
      pairs += 1
      let token = lexer.next()
      if case .keyword("ID") = token { break }
      if token == .end { return buffer.count }
      guard case .name(let key) = token else { continue }
      guard let value = lexer.object() else { continue }
      dictionary[key] = value
    }
    // One whitespace byte separates `ID` from the data.
    let dataStart = min(buffer.count, lexer.position + 1)
    var dataEnd = dataStart
    var filters: [String] = []
    switch file.resolve(dictionary["F"] ?? dictionary["Filter"]) {
    case .name(let name): filters = [name]
    case .array(let items): filters = items.compactMap { file.resolve($0).name }
    default: break
    }
    var decoded: [UInt8]?
    if filters.isEmpty {
      let width = max(0, file.resolve(dictionary["W"] ?? dictionary["Width"]).integer ?? 0)
      let height = max(0, file.resolve(dictionary["H"] ?? dictionary["Height"]).integer ?? 0)
      let isMask = file.resolve(dictionary["IM"] ?? dictionary["ImageMask"]) == .bool(true)
      let bits = isMask ? 1 : max(1, file.resolve(dictionary["BPC"] ?? dictionary["BitsPerComponent"]).integer ?? 8)
      let components = isMask ? 1 : inlineComponents(file.resolve(dictionary["CS"] ?? dictionary["ColorSpace"]))
      let (rowBits, o1) = width.multipliedReportingOverflow(by: min(components, 64) * min(bits, 32))
      let (rounded, o2) = rowBits.addingReportingOverflow(7)
      let (total, o3) = (rounded / 8).multipliedReportingOverflow(by: height)
      dataEnd = o1 || o2 || o3 || total > buffer.count - dataStart ? buffer.count : dataStart + total
      decoded = Array(buffer[dataStart..<dataEnd])
    } else if filters.count == 1, filters[0] == "FlateDecode" || filters[0] == "Fl",
      let (output, used) = Inflate.zlib(UnsafeBufferPointer(rebasing: buffer[dataStart..<buffer.count]))
    {
      dataEnd = dataStart + used
      decoded = output
    } else {
      // Another filter: the data ends at the first `EI` standing alone.
      var i = dataStart
      while i + 1 < buffer.count {
        if buffer[i] == UInt8(ascii: "E"), buffer[i + 1] == UInt8(ascii: "I"), i > dataStart,
          Self.isWhitespace(buffer[i - 1]), i + 2 >= buffer.count || !Self.isRegular(buffer[i + 2])
        {
          break
        }
        i += 1
      }
      dataEnd = max(dataStart, i - 1)
    }
    drawImage(dictionary) { decoded }
    // Then the first `EI` after the data, as poppler scans for it.
    var i = dataEnd
    while i + 1 < buffer.count {
      if buffer[i] == UInt8(ascii: "E"), buffer[i + 1] == UInt8(ascii: "I") { return i + 2 }
      i += 1
    }
    return buffer.count
  }

  private func inlineComponents(_ space: PDFObject) -> Int {
    guard let name = space.name else {
      if let family = space.array?.first?.name, family == "I" || family == "Indexed" { return 1 }
      return 1
    }
    switch name {
    case "G", "DeviceGray", "I", "Indexed": return 1
    case "RGB", "DeviceRGB": return 3
    case "CMYK", "DeviceCMYK": return 4
    default:
      switch colorSpace(named: name) {
      case .gray: return 1
      case .rgb: return 3
      case .cmyk: return 4
      case .other(let components): return components
      default: return 1
      }
    }
  }
}
