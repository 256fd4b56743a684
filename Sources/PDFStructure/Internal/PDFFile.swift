/// A PDF file's object store: cross-reference data, trailer, and indirect objects on demand.
///
/// 1. Find the last `startxref` and read the cross-reference section there: a classic table
///    (`xref` … `trailer`) or a cross-reference stream (`/Type /XRef`, `/W`, `/Index`, PNG
///    predictors); a hybrid file's `/XRefStm` is read with its table.
/// 2. Follow `/Prev` to older sections; the newest entry for an object wins. Visited offsets and a
///    section limit stop loops.
/// 3. Fetch objects lazily: uncompressed ones at their offset (checking the `N G obj` header),
///    compressed ones from their object stream (`/Type /ObjStm`), caching both.
///
/// Anything the reader cannot trust (no `startxref`, a section that does not parse, an object
/// header that does not match its entry) marks the file damaged: a renderer would rebuild the
/// cross-reference data by scanning, and this reader does not guess.
final class PDFFile {
  /// Where the newest cross-reference section puts an object.
  enum Entry: Equatable {
    case free
    case offset(Int, generation: Int)
    case compressed(stream: Int, index: Int)
  }

  let bytes: [UInt8]
  private(set) var entries: [Int: Entry] = [:]
  /// The merged trailer, newest keys first.
  private(set) var trailer: [String: PDFObject] = [:]
  /// Set when something in the file's structure did not read as its cross-reference data says.
  private(set) var damaged = false

  private var cache: [Int: PDFObject] = [:]
  private var objectStreams: [Int: ObjectStream] = [:]
  private var fetching = Set<Int>()
  private var endstreams: [Int]?
  private var decoded: [Int: [UInt8]] = [:]
  private var decodedBytes = 0
  /// Most decoded stream bytes kept for reuse.
  static let maxDecodedCache = 64 << 20
  /// Streams whose data would have decoded past the limit asked for (decompression bombs), so
  /// that a caller can tell a page that is too big from one that is unreadable.
  private(set) var oversizedStreams = 0

  /// Most cross-reference sections followed through `/Prev`.
  static let maxSections = 512
  /// Highest object number accepted.
  static let maxObjectNumber = 10_000_000

  private struct ObjectStream {
    var data: [UInt8]
    /// Object number and data offset of each object, by index.
    var objects: [(number: Int, offset: Int)]
  }

  /// Reads the cross-reference data; nil when there is none this reader can trust.
  init?(bytes: [UInt8]) {
    self.bytes = bytes
    guard let start = Self.startXref(in: bytes) else { return nil }
    var pending = [start]
    var visited = Set<Int>()
    var sections = 0
    while let offset = pending.popLast() {
      guard !visited.contains(offset) else { continue }
      visited.insert(offset)
      sections += 1
      guard sections <= Self.maxSections, let section = section(at: offset) else { return nil }
      // Newest trailer keys win.
      for (key, value) in section.trailer where trailer[key] == nil { trailer[key] = value }
      if let previous = section.trailer["Prev"]?.integer { pending.append(previous) }
      merge(section.entries.filter { $0.value != .free })
      // A hybrid file's stream holds the compressed objects its table lists as free or leaves
      // out; it ranks above /Prev.
      if let stream = section.trailer["XRefStm"]?.integer, !visited.contains(stream) {
        visited.insert(stream)
        if let extra = self.section(at: stream) { merge(extra.entries) }
      }
      merge(section.entries.filter { $0.value == .free })
    }
    guard trailer["Root"] != nil else { return nil }
  }

  // MARK: Cross-reference sections

  private struct Section {
    var entries: [Int: Entry] = [:]
    var trailer: [String: PDFObject] = [:]
  }

  /// The offset after the last `startxref` in the file's tail.
  private static func startXref(in bytes: [UInt8]) -> Int? {
    let marker = Array("startxref".utf8)
    let lowest = max(0, bytes.count - 4096)
    var i = bytes.count - marker.count
    while i >= lowest {
      if bytes[i] == marker[0], Array(bytes[i..<(i + marker.count)]) == marker {
        return bytes.withUnsafeBufferPointer { buffer in
          var lexer = PDFLexer(buffer, at: i + marker.count)
          if case .integer(let offset) = lexer.next(), offset >= 0, offset < bytes.count { return offset }
          return nil
        }
      }
      i -= 1
    }
    return nil
  }

  /// Reads the section at `offset`, a table or a stream.
  private func section(at offset: Int) -> Section? {
    let table: Section? = bytes.withUnsafeBufferPointer { buffer in
      var lexer = PDFLexer(buffer, at: offset)
      lexer.skipWhitespace()
      guard lexer.matches("xref", at: lexer.position) else { return nil }
      lexer.position += 4
      return Self.table(&lexer)
    }
    return table ?? streamSection(at: offset)
  }

  /// Records entries under those of newer sections.
  private func merge(_ newer: [Int: Entry]) {
    for (number, entry) in newer where entries[number] == nil { entries[number] = entry }
  }

  /// A classic table: subsections of `first count`, then 20-byte entries, then `trailer <<…>>`.
  private static func table(_ lexer: inout PDFLexer) -> Section? {
    var section = Section()
    while true {
      let save = lexer.position
      let token = lexer.next()
      if case .keyword("trailer") = token { break }
      guard case .integer(let first) = token, case .integer(let count) = lexer.next(), first >= 0, count >= 0,
        first <= maxObjectNumber, count <= maxObjectNumber - first
      else {
        lexer.position = save
        return nil
      }
      for number in first..<(first + count) {
        guard case .integer(let offset) = lexer.next(), case .integer(let generation) = lexer.next(),
          case .keyword(let kind) = lexer.next()
        else { return nil }
        switch kind {
        case "n":
          // Some writers list unused numbers as in use at offset 0.
          let entry: Entry = offset > 0 ? .offset(offset, generation: generation) : .free
          if section.entries[number] == nil { section.entries[number] = entry }
        case "f":
          if section.entries[number] == nil { section.entries[number] = .free }
        default:
          return nil
        }
      }
    }
    guard case .dictionary(let trailer) = lexer.object() else { return nil }
    section.trailer = trailer
    return section
  }

  /// A cross-reference stream (PDF 1.5).
  private func streamSection(at offset: Int) -> Section? {
    guard let (_, object) = indirectObject(at: offset), case .stream(let dictionary, _) = object,
      dictionary["Type"]?.name == "XRef", let data = decodedData(of: object)
    else { return nil }
    guard let widths = dictionary["W"]?.array?.compactMap(\.integer), widths.count >= 3,
      widths.allSatisfy({ $0 >= 0 && $0 <= 8 })
    else { return nil }
    let size = dictionary["Size"]?.integer ?? 0
    var ranges: [(Int, Int)] = []
    if let index = dictionary["Index"]?.array?.compactMap(\.integer) {
      guard index.count % 2 == 0 else { return nil }
      for pair in stride(from: 0, to: index.count, by: 2) { ranges.append((index[pair], index[pair + 1])) }
    } else {
      ranges = [(0, size)]
    }
    let rowWidth = widths[0] + widths[1] + widths[2]
    guard rowWidth > 0 else { return nil }
    var section = Section(trailer: dictionary)
    var row = 0
    for (first, count) in ranges {
      guard first >= 0, count >= 0, first <= Self.maxObjectNumber, count <= Self.maxObjectNumber - first else {
        return nil
      }
      for number in first..<(first + count) {
        let start = row * rowWidth
        guard start + rowWidth <= data.count else { return section }
        row += 1
        func field(_ at: Int, _ width: Int) -> Int {
          var value = 0
          for k in 0..<width { value = value << 8 | Int(data[start + at + k]) }
          return value
        }
        // A zero-width type field means type 1 (§7.5.8.2).
        let type = widths[0] == 0 ? 1 : field(0, widths[0])
        let second = field(widths[0], widths[1])
        let third = field(widths[0] + widths[1], widths[2])
        guard section.entries[number] == nil else { continue }
        switch type {
        case 0: section.entries[number] = .free
        case 1: section.entries[number] = second > 0 ? .offset(second, generation: third) : .free
        case 2: section.entries[number] = .compressed(stream: second, index: third)
        default: break  // Unknown types are null objects (§7.5.8.3).
        }
      }
    }
    return section
  }

  // MARK: Objects

  /// The object a value stands for: references followed, anything unreadable as null.
  func resolve(_ object: PDFObject?) -> PDFObject {
    var current = object ?? .null
    var hops = 0
    while case .reference(let number, let generation) = current {
      hops += 1
      guard hops <= 32 else { return .null }
      current = self.object(number, generation: generation)
    }
    return current
  }

  /// Indirect object `number`; null when free, missing or unreadable.
  func object(_ number: Int, generation: Int? = nil) -> PDFObject {
    if let cached = cache[number] { return cached }
    guard let entry = entries[number], !fetching.contains(number) else { return .null }
    fetching.insert(number)
    defer { fetching.remove(number) }
    let result: PDFObject
    switch entry {
    case .free:
      result = .null
    case .offset(let offset, let expected):
      if let generation, generation != expected { return .null }
      if let (header, object) = indirectObject(at: offset), header == number {
        result = object
      } else {
        damaged = true
        result = .null
      }
    case .compressed(let stream, let index):
      result = compressedObject(number, in: stream, index: index)
    }
    if cache.count < 200_000 { cache[number] = result }
    return result
  }

  /// Parses `N G obj … endobj` at `offset`; returns N and the object (streams located).
  private func indirectObject(at offset: Int) -> (Int, PDFObject)? {
    guard offset >= 0, offset < bytes.count else { return nil }
    let parsed: (Int, PDFObject, Int)? = bytes.withUnsafeBufferPointer { buffer in
      var lexer = PDFLexer(buffer, at: offset)
      guard case .integer(let number) = lexer.next(), case .integer = lexer.next(), case .keyword("obj") = lexer.next()
      else { return nil }
      // An empty object (`N G obj endobj`) is null.
      let save = lexer.position
      if case .keyword("endobj") = lexer.next() { return (number, .null, -1) }
      lexer.position = save
      guard let object = lexer.object() else { return nil }
      lexer.skipWhitespace()
      guard case .dictionary = object, lexer.matches("stream", at: lexer.position) else { return (number, object, -1) }
      var start = lexer.position + 6
      // The keyword is followed by CRLF or LF (a lone CR is tolerated).
      if start < buffer.count, buffer[start] == 0x0D { start += 1 }
      if start < buffer.count, buffer[start] == 0x0A { start += 1 }
      return (number, object, start)
    }
    guard let (number, object, dataStart) = parsed else { return nil }
    guard dataStart >= 0, case .dictionary(let dictionary) = object else { return (number, object) }
    guard let range = streamRange(dictionary, from: dataStart) else { return nil }
    return (number, .stream(dictionary, range))
  }

  /// Where a stream's data ends: at `/Length` when `endstream` follows it, else just before the
  /// next `endstream` (lengths are often wrong in damaged or hand-edited files).
  private func streamRange(_ dictionary: [String: PDFObject], from start: Int) -> Range<Int>? {
    let declared: Int?
    switch dictionary["Length"] {
    case .integer(let value): declared = value
    case .reference(let number, let generation):
      // An xref stream's own length cannot be looked up while its section is being read.
      declared = entries[number] == nil ? nil : resolve(.reference(number, generation)).integer
    default: declared = nil
    }
    return bytes.withUnsafeBufferPointer { buffer -> Range<Int>? in
      if let length = declared, length >= 0, length <= buffer.count - start {
        var lexer = PDFLexer(buffer, at: start + length)
        lexer.skipWhitespace()
        if lexer.matches("endstream", at: lexer.position) || lexer.position == buffer.count {
          return start..<(start + length)
        }
      }
      // The first `endstream` at or after the start (all of them are found in one pass).
      let ends = endstreamOffsets(buffer)
      var low = 0
      var high = ends.count
      while low < high {
        let middle = (low + high) / 2
        if ends[middle] < start { low = middle + 1 } else { high = middle }
      }
      guard low < ends.count else { return nil }
      var end = ends[low]
      if end > start, buffer[end - 1] == 0x0A { end -= 1 }
      if end > start, buffer[end - 1] == 0x0D { end -= 1 }
      return start..<end
    }
  }

  /// Offsets of every `endstream` keyword, found once: looking for each stream's end on its
  /// own would be quadratic in a file whose lengths are all wrong.
  private func endstreamOffsets(_ buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
    if let known = endstreams { return known }
    let marker = Array("endstream".utf8)
    var found: [Int] = []
    var i = 0
    while i + marker.count <= buffer.count {
      if buffer[i] == marker[0] {
        var match = true
        for k in 1..<marker.count where buffer[i + k] != marker[k] {
          match = false
          break
        }
        if match { found.append(i) }
      }
      i += 1
    }
    endstreams = found
    return found
  }

  private func compressedObject(_ number: Int, in streamNumber: Int, index: Int) -> PDFObject {
    if objectStreams[streamNumber] == nil {
      guard let parsed = objectStream(streamNumber) else {
        damaged = true
        return .null
      }
      objectStreams[streamNumber] = parsed
    }
    // As in poppler, the entry's index must name this very object.
    guard let stream = objectStreams[streamNumber], index >= 0, index < stream.objects.count,
      stream.objects[index].number == number
    else {
      damaged = true
      return .null
    }
    return stream.data.withUnsafeBufferPointer { buffer in
      var lexer = PDFLexer(buffer, at: stream.objects[index].offset)
      return lexer.object() ?? .null
    }
  }

  /// Decodes object stream `number` and its table of object numbers and offsets.
  private func objectStream(_ number: Int) -> ObjectStream? {
    let object = self.object(number)
    guard case .stream(let dictionary, _) = object, dictionary["Type"]?.name == "ObjStm",
      let count = resolve(dictionary["N"]).integer, let first = resolve(dictionary["First"]).integer,
      count >= 0, count <= 1_000_000, first >= 0, let data = decodedData(of: object), first <= data.count
    else { return nil }
    var objects: [(number: Int, offset: Int)] = []
    let ok: Bool = data.withUnsafeBufferPointer { buffer in
      var lexer = PDFLexer(buffer, at: 0)
      for _ in 0..<count {
        guard case .integer(let objectNumber) = lexer.next(), case .integer(let offset) = lexer.next(), offset >= 0,
          offset < buffer.count - first
        else { return false }
        objects.append((objectNumber, first + offset))
      }
      return true
    }
    return ok ? ObjectStream(data: data, objects: objects) : nil
  }

  // MARK: Stream data

  /// A stream's data with its filters undone; nil for a filter this reader does not decode, and
  /// for data longer than `limit` bytes (counted in `oversizedStreams`).
  func decodedData(of object: PDFObject, limit: Int = Inflate.defaultLimit) -> [UInt8]? {
    guard case .stream(let dictionary, let range) = object, range.lowerBound >= 0, range.upperBound <= bytes.count
    else {
      return nil
    }
    // Forms and images drawn many times are decoded once.
    if let known = decoded[range.lowerBound] {
      guard known.count <= limit else {
        oversizedStreams += 1
        return nil
      }
      return known
    }
    let result = decode(dictionary, range, limit: limit)
    if let result, decodedBytes + result.count <= Self.maxDecodedCache {
      decoded[range.lowerBound] = result
      decodedBytes += result.count
    }
    return result
  }

  private func decode(_ dictionary: [String: PDFObject], _ range: Range<Int>, limit: Int) -> [UInt8]? {
    // Data in an external file (`/F`) is not in this one.
    guard dictionary["F"] == nil else { return nil }
    var filters: [String] = []
    switch resolve(dictionary["Filter"]) {
    case .name(let name): filters = [name]
    case .array(let items):
      for item in items {
        guard let name = resolve(item).name else { return nil }
        filters.append(name)
      }
    case .null: break
    default: return nil
    }
    var parameters: [[String: PDFObject]?] = []
    switch resolve(dictionary["DecodeParms"]) {
    case .dictionary(let single): parameters = [single]
    case .array(let items): parameters = items.map { resolve($0).dictionary }
    default: break
    }
    guard !filters.isEmpty else {
      guard range.count <= limit else {
        oversizedStreams += 1
        return nil
      }
      return Array(bytes[range])
    }
    var data: [UInt8] = []
    for (i, filter) in filters.enumerated() {
      switch filter {
      case "FlateDecode":
        var exceeded = false
        // The first filter reads the file's bytes in place.
        let inflated =
          i == 0
          ? bytes.withUnsafeBufferPointer {
            Inflate.zlib(UnsafeBufferPointer(rebasing: $0[range]), limit: limit, exceeded: &exceeded)?.output
          }
          : data.withUnsafeBufferPointer { Inflate.zlib($0, limit: limit, exceeded: &exceeded)?.output }
        if exceeded { oversizedStreams += 1 }
        guard let inflated else { return nil }
        let parms = i < parameters.count ? parameters[i] : nil
        guard let predicted = StreamPredictor(parms.map { resolveAll($0) }).decode(inflated) else { return nil }
        data = predicted
      default:
        return nil
      }
    }
    return data
  }

  private func resolveAll(_ dictionary: [String: PDFObject]) -> [String: PDFObject] {
    dictionary.mapValues { resolve($0) }
  }
}
