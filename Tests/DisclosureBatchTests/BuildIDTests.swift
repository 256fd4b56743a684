import DisclosureBatch
import Foundation
import Testing

@Suite("Build ID")
struct BuildIDTests {
  /// A minimal ELF64 little-endian file: the header, one PT_LOAD and one PT_NOTE program header,
  /// and the notes (`notes`) after them.
  static func elf(notes: [UInt8]) -> [UInt8] {
    func le(_ value: Int, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    var header: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8)
    header += le(2, 2) + le(62, 2) + le(1, 4) + le(0, 8) + le(64, 8) + le(0, 8) + le(0, 4)
    header += le(64, 2) + le(56, 2) + le(2, 2) + le(64, 2) + le(0, 2) + le(0, 2)
    let notesStart = 64 + 2 * 56
    func program(type: Int, offset: Int, size: Int) -> [UInt8] {
      le(type, 4) + le(4, 4) + le(offset, 8) + le(0, 8) + le(0, 8) + le(size, 8) + le(size, 8) + le(8, 8)
    }
    return header + program(type: 1, offset: 0, size: notesStart) + program(type: 4, offset: notesStart, size: notes.count)
      + notes
  }

  static func note(name: String, type: Int, desc: [UInt8]) -> [UInt8] {
    func le(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    var name = Array(name.utf8) + [0]
    let nameSize = name.count
    while name.count % 4 != 0 { name.append(0) }
    var desc = desc
    let descSize = desc.count
    while desc.count % 4 != 0 { desc.append(0) }
    return le(nameSize) + le(descSize) + le(type) + name + desc
  }

  @Test("the GNU build ID note is read, after another note")
  func readsBuildID() {
    let id: [UInt8] = [0xB6, 0x9F, 0xD1, 0xE4, 0x00, 0x25, 0x9E, 0x20, 0x0A]
    let bytes = Self.elf(notes: Self.note(name: "GNU", type: 1, desc: [0, 0, 0, 0, 3, 0, 0, 0])
      + Self.note(name: "GNU", type: 3, desc: id))
    #expect(BuildID.read(from: bytes) == "b69fd1e400259e200a")
  }

  @Test("no build ID: another vendor's note, no note, not ELF, cut short")
  func noBuildID() {
    #expect(BuildID.read(from: Self.elf(notes: Self.note(name: "Go", type: 3, desc: [1, 2, 3, 4]))) == nil)
    #expect(BuildID.read(from: Self.elf(notes: [])) == nil)
    #expect(BuildID.read(from: Array("%PDF-1.7 not an executable, long enough to hold a header of sixty-four bytes".utf8))
      == nil)
    let whole = Self.elf(notes: Self.note(name: "GNU", type: 3, desc: [1, 2, 3, 4, 5, 6, 7, 8]))
    #expect(BuildID.read(from: Array(whole.prefix(whole.count - 4))) == nil)
  }
}
