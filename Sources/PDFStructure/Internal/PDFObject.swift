/// A PDF object as the file's structure holds it (ISO 32000-1 §7.3).
enum PDFObject: Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int)
  case real(Double)
  /// A name, `#xx` escapes decoded, without the slash.
  case name(String)
  /// A literal or hexadecimal string's bytes.
  case string([UInt8])
  case array([PDFObject])
  case dictionary([String: PDFObject])
  /// An indirect reference: object number and generation.
  case reference(Int, Int)
  /// A stream: its dictionary and where its undecoded data lies in the file.
  case stream([String: PDFObject], Range<Int>)

  /// The value of a number, integer or real.
  var number: Double? {
    switch self {
    case .integer(let value): Double(value)
    case .real(let value): value
    default: nil
    }
  }

  /// The value of an integer.
  var integer: Int? {
    if case .integer(let value) = self { return value }
    return nil
  }

  /// The text of a name.
  var name: String? {
    if case .name(let value) = self { return value }
    return nil
  }

  /// The items of an array.
  var array: [PDFObject]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The dictionary of a dictionary or of a stream.
  var dictionary: [String: PDFObject]? {
    switch self {
    case .dictionary(let value): value
    case .stream(let value, _): value
    default: nil
    }
  }

  /// Whether this is a stream.
  var isStream: Bool {
    if case .stream = self { return true }
    return false
  }
}
