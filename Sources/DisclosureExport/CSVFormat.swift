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
      let bytes = Array(field.utf8)
      let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
      guard needsQuotes else {
        out += bytes
        continue
      }
      out.append(UInt8(ascii: "\""))
      for byte in bytes {
        if byte == UInt8(ascii: "\"") { out.append(byte) }
        out.append(byte)
      }
      out.append(UInt8(ascii: "\""))
    }
    out += [0x0D, 0x0A]
    return out
  }

  /// One record of exported values: null is an empty field, Booleans are `true`/`false`.
  public static func record(_ values: [ExportValue]) -> [UInt8] {
    record(values.map(field))
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
}
