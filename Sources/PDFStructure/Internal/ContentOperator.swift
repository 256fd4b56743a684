/// poppler's content-stream operator table, as far as it decides whether a stream goes on: an
/// operator given fewer operands than it takes makes poppler abandon the rest of the stream
/// (`Gfx::execOp` sets `commandAborted`), so nothing after it is drawn.
enum ContentOperator {
  /// How many operands poppler's operator table demands (`Gfx::opTab`); 0 for operators with
  /// a variable count and for unknown ones.
  static func requiredOperands(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    let length = end - start
    let b0 = buffer[start]
    switch length {
    case 1:
      switch b0 {
      case UInt8(ascii: "'"), UInt8(ascii: "G"), UInt8(ascii: "J"), UInt8(ascii: "M"), UInt8(ascii: "g"),
        UInt8(ascii: "i"), UInt8(ascii: "j"), UInt8(ascii: "w"):
        return 1
      case UInt8(ascii: "l"), UInt8(ascii: "m"), UInt8(ascii: "d"): return 2
      case UInt8(ascii: "\""): return 3
      case UInt8(ascii: "K"), UInt8(ascii: "k"), UInt8(ascii: "v"), UInt8(ascii: "y"): return 4
      case UInt8(ascii: "c"): return 6
      default: return 0
      }
    case 2:
      switch (b0, buffer[start + 1]) {
      case (UInt8(ascii: "C"), UInt8(ascii: "S")), (UInt8(ascii: "D"), UInt8(ascii: "o")),
        (UInt8(ascii: "M"), UInt8(ascii: "P")), (UInt8(ascii: "T"), UInt8(ascii: "J")),
        (UInt8(ascii: "T"), UInt8(ascii: "L")), (UInt8(ascii: "T"), UInt8(ascii: "c")),
        (UInt8(ascii: "T"), UInt8(ascii: "j")), (UInt8(ascii: "T"), UInt8(ascii: "r")),
        (UInt8(ascii: "T"), UInt8(ascii: "s")), (UInt8(ascii: "T"), UInt8(ascii: "w")),
        (UInt8(ascii: "T"), UInt8(ascii: "z")), (UInt8(ascii: "c"), UInt8(ascii: "s")),
        (UInt8(ascii: "g"), UInt8(ascii: "s")), (UInt8(ascii: "r"), UInt8(ascii: "i")),
        (UInt8(ascii: "s"), UInt8(ascii: "h")):
        return 1
      case (UInt8(ascii: "D"), UInt8(ascii: "P")), (UInt8(ascii: "T"), UInt8(ascii: "D")),
        (UInt8(ascii: "T"), UInt8(ascii: "d")), (UInt8(ascii: "T"), UInt8(ascii: "f")),
        (UInt8(ascii: "d"), UInt8(ascii: "0")):
        return 2
      case (UInt8(ascii: "R"), UInt8(ascii: "G")), (UInt8(ascii: "r"), UInt8(ascii: "g")): return 3
      case (UInt8(ascii: "r"), UInt8(ascii: "e")): return 4
      case (UInt8(ascii: "T"), UInt8(ascii: "m")), (UInt8(ascii: "c"), UInt8(ascii: "m")),
        (UInt8(ascii: "d"), UInt8(ascii: "1")):
        return 6
      default: return 0
      }
    case 3:
      if b0 == UInt8(ascii: "B"), buffer[start + 1] == UInt8(ascii: "D"), buffer[start + 2] == UInt8(ascii: "C") {
        return 2
      }
      if b0 == UInt8(ascii: "B"), buffer[start + 1] == UInt8(ascii: "M"), buffer[start + 2] == UInt8(ascii: "C") {
        return 1
      }
      return 0
    default:
      return 0
    }
  }
}
