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

  /// Ideographic space becomes a space, whitespace runs become one space, a space next to a CJK
  /// character goes, and the ends are trimmed.
  public static func normalize(_ text: String) -> String {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(text.unicodeScalars.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace || scalar == "\u{3000}" {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace, let last = out.last, !isCJK(last), !isCJK(scalar) { out.append(" ") }
      pendingSpace = false
      out.append(scalar)
    }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: out)
    return String(result)
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
  public static func compact(_ text: String) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" })
    return String(view)
  }
}
