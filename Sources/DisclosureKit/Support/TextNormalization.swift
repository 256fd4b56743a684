/// The string rules shared by every stage; the same rule the truth files use.
public enum TextNormalization {
  /// Whether a scalar is CJK in the truth files' sense: ideographs, CJK and fullwidth
  /// punctuation, and “ ” ‘ ’ — · ….
  public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026, 0x00B7:
      true
    default: false
    }
  }

  /// Whether a scalar is white space (Unicode's White_Space property), by value: the property
  /// lookup is slow on a hot path, and every CJK character took it.
  @inline(__always)
  public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
  }

  /// Whether UTF-8 bytes hold a white-space scalar: ASCII spaces, U+0085, U+00A0, U+1680,
  /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
  static func containsSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = bytes.count
    var i = 0
    while i < n {
      let b = bytes[i]
      // Letters, digits, most punctuation, continuation bytes and the lead bytes of CJK
      // (E4–E9) and of full-width forms (EF) open no space: one test for the common bytes.
      if b > 0x20 && b < 0xC2 || b > 0xE3 {
        i += 1
        continue
      }
      if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return true }
      if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 || bytes[i + 1] == 0x85 { return true }
      if b == 0xE1, i + 2 < n, bytes[i + 1] == 0x9A, bytes[i + 2] == 0x80 { return true }
      if b == 0xE2, i + 2 < n {
        let (c, d) = (bytes[i + 1], bytes[i + 2])
        if c == 0x80 && (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF) || c == 0x81 && d == 0x9F { return true }
      }
      if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return true }
      i += 1
    }
    return false
  }

  /// Whether a scalar is an ASCII digit.
  @inline(__always)
  public static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

  /// Ideographic space becomes a space, whitespace runs become one space, a space next to a CJK
  /// character goes, and the ends are trimmed.
  public static func normalize(_ text: String) -> String {
    // Most cells and lines hold no space at all: then the text is its own normal form.
    if text.utf8.withContiguousStorageIfAvailable(containsSpace) == false { return text }
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(text.unicodeScalars.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if isSpace(scalar) {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace, let last = out.last, !isCJK(last), !isCJK(scalar) { out.append(" ") }
      pendingSpace = false
      out.append(scalar)
    }
    return string(of: out)
  }

  /// A string from scalars, through UTF-8 bytes: appending scalars to a
  /// `String.UnicodeScalarView` one by one costs several times more.
  static func string(of scalars: [Unicode.Scalar]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count * 3)
    for scalar in scalars {
      let v = scalar.value
      if v < 0x80 {
        bytes.append(UInt8(v))
      } else if v < 0x800 {
        bytes.append(UInt8(0xC0 | (v >> 6)))
        bytes.append(UInt8(0x80 | (v & 0x3F)))
      } else if v < 0x10000 {
        bytes.append(UInt8(0xE0 | (v >> 12)))
        bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (v & 0x3F)))
      } else {
        bytes.append(UInt8(0xF0 | (v >> 18)))
        bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (v & 0x3F)))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Joins two pieces of text that a line break separated: nothing between CJK, one space
  /// between Latin words or numbers.
  public static func join(_ head: String, _ tail: String) -> String {
    guard let last = head.unicodeScalars.last else { return tail }
    guard let first = tail.unicodeScalars.first else { return head }
    if isCJK(last) || isCJK(first) || last == "-" || last == "/" { return head + tail }
    return head + " " + tail
  }

  /// Text without any whitespace (to compare labels printed with letter spacing).
  /// A list-of-contents line without its dot leaders and the page number after them
  /// (`1. 部门收入预算总表……………8` → `1. 部门收入预算总表`).
  public static func withoutLeaders(_ text: String) -> String {
    var text = Substring(text)
    while let last = text.last, last.isNumber || "…·.．-—－_ ".contains(last) { text.removeLast() }
    return String(text)
  }

  public static func compact(_ text: String) -> String {
    // Most labels hold no space at all: look at the UTF-8 bytes first and skip the rebuild.
    let mayHaveSpace = text.utf8.withContiguousStorageIfAvailable(containsSpace) ?? true
    if !mayHaveSpace { return text }
    return string(of: text.unicodeScalars.filter { !isSpace($0) })
  }
}
