/// RFC 4180 CSV records: fields separated by commas, records ended by CRLF, a field quoted when
/// it holds a comma, a quote, CR or LF (quotes doubled). Files start with a UTF-8 byte order
/// mark, which Excel and WPS need to read UTF-8.
public enum CSVFormat {
  /// The UTF-8 byte order mark.
  public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// One record, CRLF included, as UTF-8.
  public static func record(_ fields: [String]) -> [UInt8] {
    var out: [UInt8] = []
    for (index, field) in fields.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      appendField(field, to: &out)
    }
    out += [0x0D, 0x0A]
    return out
  }

  /// One record of exported values: null is an empty field, Booleans are `true`/`false`.
  public static func record(_ values: [ExportValue]) -> [UInt8] {
    var out: [UInt8] = []
    append(values, to: &out)
    return out
  }

  /// Appends one record of exported values, CRLF included, to `out`: the writer's path, with no
  /// array or string made per field.
  public static func append(_ values: [ExportValue], to out: inout [UInt8]) {
    for (index, value) in values.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      switch value {
      case .null: break
      case .integer(let number): appendInteger(number, to: &out)
      case .decimal(let text), .text(let text): appendField(text, to: &out)
      case .real(let number): appendField(number.description, to: &out)
      case .boolean(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
      }
    }
    out.append(0x0D)
    out.append(0x0A)
  }

  /// The text of one value in a CSV field.
  public static func field(_ value: ExportValue) -> String {
    switch value {
    case .null: ""
    case .integer(let number): String(number)
    case .decimal(let text), .text(let text): text
    case .real(let number): number.description
    case .boolean(let flag): flag ? "true" : "false"
    }
  }

  /// Appends `field`, quoted (quotes doubled) when it holds a comma, a quote, CR or LF.
  static func appendField(_ field: String, to out: inout [UInt8]) {
    var field = field
    field.withUTF8 { bytes in
      let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
      guard needsQuotes else {
        out.append(contentsOf: bytes)
        return
      }
      out.append(UInt8(ascii: "\""))
      for byte in bytes {
        if byte == UInt8(ascii: "\"") { out.append(byte) }
        out.append(byte)
      }
      out.append(UInt8(ascii: "\""))
    }
  }

  /// Appends the decimal digits of `number`.
  static func appendInteger(_ number: Int, to out: inout [UInt8]) {
    if number < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = number.magnitude
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      for position in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[position]) }
    }
  }
}
