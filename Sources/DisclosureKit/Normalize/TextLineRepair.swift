/// Repairs the artifacts of a text layer written by a PDF-to-text tool (text input only).
///
/// 1. Vertical runs: narrow cells print one or two CJK characters per line (`一/级/指/标`,
///    `人 力/资 源/和 社/会 保/障局`); two or more such lines in a row become one line.
/// 2. Glued tokens: a cell's last character fused to the next row's code (`出208 社会保障…`)
///    goes back to the line above, and the code starts its own line.
/// 3. Everything else is kept as printed, with whitespace normalised.
struct TextLineRepair {
  /// Longest piece (in scalars, spaces excluded) still read as part of a vertical run.
  var narrow = 2

  func lines(_ raw: [String]) -> [String] {
    var out: [String] = []
    var run: [String] = []
    func flush() {
      if run.count >= 2 {
        out.append(run.joined())
      } else {
        out += run
      }
      run = []
    }
    for line in raw {
      let compact = TextNormalization.compact(line)
      if compact.isEmpty { continue }
      if isNarrow(compact) {
        run.append(compact)
        continue
      }
      // A code glued after a cell's last character: 出208 社会保障和就业支出.
      if let (head, rest) = gluedCode(compact, line: line) {
        if !run.isEmpty {
          run[run.count - 1] += head
          flush()
        } else {
          flush()
          if let last = out.popLast() { out.append(last + head) } else { out.append(head) }
        }
        out.append(rest)
        continue
      }
      flush()
      out.append(TextNormalization.normalize(line))
    }
    flush()
    return out
  }

  private func isNarrow(_ compact: String) -> Bool {
    let scalars = compact.unicodeScalars
    return scalars.count <= narrow && scalars.allSatisfy { TextNormalization.isCJK($0) && !isPunctuation($0) }
  }

  private func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3000...0x303F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026, 0x00B7: true
    default: false
    }
  }

  /// One or two CJK characters, then a 3-digit code followed by a space or a name.
  private func gluedCode(_ compact: String, line: String) -> (String, String)? {
    let trimmed = TextNormalization.normalize(line)
    let scalars = Array(trimmed.unicodeScalars)
    var i = 0
    while i < scalars.count, i < 2, TextNormalization.isCJK(scalars[i]), !isPunctuation(scalars[i]),
      scalars[i].properties.numericType == nil || !scalars[i].isASCII
    {
      i += 1
    }
    guard i > 0, i + 3 <= scalars.count else { return nil }
    let digits = scalars[i..<(i + 3)]
    guard digits.allSatisfy({ $0.isASCII && $0.properties.numericType != nil }) else { return nil }
    if i + 3 < scalars.count, scalars[i + 3].isASCII, scalars[i + 3].properties.numericType != nil || scalars[i + 3] == "." {
      return nil
    }
    var head = String.UnicodeScalarView()
    head.append(contentsOf: scalars[..<i])
    var rest = String.UnicodeScalarView()
    rest.append(contentsOf: scalars[i...])
    return (String(head), String(rest))
  }
}
