/// The GNU build ID of an ELF executable (`NT_GNU_BUILD_ID`, which the linker computes from the
/// linked contents): the tool's identity in the pipeline digest, read from the program headers
/// instead of hashing the whole 16 MB executable on every `ingest`.
public enum BuildID {
  /// How many bytes from the start of the file `read` needs: the notes of a linked executable
  /// lie in its first pages.
  public static let prefixLength = 64 * 1024

  /// The build ID in lowercase hex, from the first bytes of an ELF64 little-endian file; nil when
  /// the bytes are not one, carry no build ID, or it lies beyond them.
  public static func read(from bytes: [UInt8]) -> String? {
    guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46,
      bytes[4] == 2, bytes[5] == 1
    else { return nil }
    func integer(_ offset: Int, _ size: Int) -> Int? {
      guard offset >= 0, size <= 8, offset + size <= bytes.count else { return nil }
      var value: UInt64 = 0
      for i in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
      return value > UInt64(Int.max) ? nil : Int(value)
    }
    guard let headers = integer(32, 8), let entrySize = integer(54, 2), let count = integer(56, 2), entrySize >= 56
    else { return nil }
    for index in 0..<count {
      let header = headers + index * entrySize
      // PT_NOTE: a run of notes, each `namesz descsz type name desc`, name and desc padded to 4.
      guard let type = integer(header, 4) else { return nil }
      guard type == 4, let start = integer(header + 8, 8), let size = integer(header + 32, 8) else { continue }
      var note = start
      while note + 12 <= start + size {
        guard let nameSize = integer(note, 4), let descSize = integer(note + 4, 4), let kind = integer(note + 8, 4)
        else { return nil }
        let name = note + 12
        let desc = name + (nameSize + 3) / 4 * 4
        guard desc + descSize <= bytes.count else { return nil }
        if kind == 3, nameSize == 4, Array(bytes[name..<(name + 4)]) == [0x47, 0x4E, 0x55, 0], descSize > 0 {
          return bytes[desc..<(desc + descSize)].map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
          }.joined()
        }
        note = desc + (descSize + 3) / 4 * 4
      }
    }
    return nil
  }
}
