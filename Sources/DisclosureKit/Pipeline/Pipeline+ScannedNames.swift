import Foundation

/// The department's name in a document read (partly) by OCR, read the same way everywhere: the
/// name repeats through a disclosure, and OCR misreads one of its characters differently from
/// one line to the next (阜康市交通运输局 read as 皇康市…, 息康市…).
extension Pipeline {
  /// The document with every spelling of its department's name that differs from the most
  /// frequent one in one character taken as that one (and the place that opens the name, up to
  /// the first of `placeEndings`, misread so, wherever it stands alone), in its metadata, headings, paragraphs and
  /// table titles, departments, notes and cells; a note says which spellings were changed and how often
  /// the kept one is printed. Only in documents with pages read by OCR; only for names of five
  /// characters or more; and only when the kept spelling is printed at least three times and
  /// more often than any other.
  ///
  /// A place in the name under the place named before it (偃师区 after 洛阳市), read one
  /// character away from exactly one place under it in `places` (the lexicon's divisions by
  /// code; its ending aside: 偃师市 became 偃师区), is taken as that place, also where it
  /// stands alone: OCR reads a rare character of a place name as a common one (优师区).
  static func recognizedDepartment(
    _ document: DisclosureDocument, placeEndings: [String], places known: [String: String] = [:], diagnostics: inout [Diagnostic]
  ) -> DisclosureDocument {
    guard let first = document.source.ocrPages.first, let department = document.metadata.department,
      department.count >= 5
    else { return document }
    var texts: [String] = []
    func collect(_ sections: [Section]) {
      for section in sections {
        texts.append(section.heading)
        texts += section.paragraphs
        collect(section.children)
      }
    }
    collect(document.sections)
    texts += document.tables.flatMap { [$0.title, $0.department ?? "", $0.note ?? ""] }
    // Spellings one character from the department's name as read, counted where printed.
    let length = department.count
    var counts: [String: Int] = [:]
    for text in texts {
      let characters = Array(text)
      guard characters.count >= length else { continue }
      for start in 0...(characters.count - length) {
        let window = characters[start..<(start + length)]
        if zip(window, department).filter({ $0 != $1 }).count <= 1 { counts[String(window), default: 0] += 1 }
      }
    }
    guard let kept = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), kept.value >= 3,
      counts.filter({ $0.value == kept.value }).count == 1
    else { return document }
    var variants = counts.keys.filter { $0 != kept.key && zip($0, kept.key).filter { $0 != $1 }.count == 1 }.sorted()
    let corrections = Self.placeCorrections(in: kept.key, places: known, endings: placeEndings)
    let name = corrections.reduce(kept.key) { $0.replacingOccurrences(of: $1.read, with: $1.place) }
    if name != kept.key { variants.append(kept.key) }
    guard !variants.isEmpty || name != department else { return document }
    // The place that opens the name (阜康市 of 阜康市交通运输局), misread in a variant as it is,
    // is misread so where it stands alone too (拟订皇康市交通运输发展规划, 皇康市政府): each such
    // misreading of the place is taken as the place.
    let nameCharacters = Array(name)
    let placeEnd = nameCharacters.prefix(8).firstIndex { placeEndings.contains(String($0)) }
    var places: [String] = []
    if let placeEnd, placeEnd >= 2 {
      for variant in variants {
        let characters = Array(variant)
        guard let differs = characters.indices.first(where: { characters[$0] != nameCharacters[$0] }), differs <= placeEnd
        else { continue }
        let place = String(characters[...placeEnd])
        if !places.contains(place) { places.append(place) }
      }
    }
    let place = placeEnd.map { String(nameCharacters[...$0]) } ?? ""
    func fixed(_ text: String) -> String {
      let named = variants.reduce(text) { $0.replacingOccurrences(of: $1, with: name) }
      let placed = places.reduce(named) { $0.replacingOccurrences(of: $1, with: place) }
      return corrections.reduce(placed) { $0.replacingOccurrences(of: $1.read, with: $1.place) }
    }
    func fix(_ sections: [Section]) -> [Section] {
      sections.map { section in
        var section = section
        section.heading = fixed(section.heading)
        section.title = fixed(section.title)
        section.paragraphs = section.paragraphs.map(fixed)
        section.children = fix(section.children)
        return section
      }
    }
    var document = document
    document.metadata.department = name
    document.sections = fix(document.sections)
    for index in document.tables.indices {
      document.tables[index].title = fixed(document.tables[index].title)
      document.tables[index].department = document.tables[index].department.map(fixed)
      document.tables[index].note = document.tables[index].note.map(fixed)
      for row in document.tables[index].rows.indices {
        document.tables[index].rows[row].cells = document.tables[index].rows[row].cells.map(fixed)
      }
    }
    let unique = Set([department] + variants).subtracting([name]).sorted()
    diagnostics.append(
      Diagnostic(
        .note, .segment,
        "the department's name read by OCR as \(unique.map { "“\($0)”" }.joined(separator: ", ")) is taken as “\(name)”, printed so \(kept.value) times"
          + (places.isEmpty ? "" : "; its place read as \(places.map { "“\($0)”" }.joined(separator: ", ")) is taken as “\(place)” wherever printed")
          + corrections.map { "; “\($0.read)” is no place under \($0.parent) and one character from “\($0.known)”: taken as “\($0.place)” wherever printed" }
          .joined(),
        page: first))
    return document
  }

  /// The places of a department's name that OCR misread, each with the place it is taken as:
  /// the name's places are read in turn up to each of `endings` (洛阳市 | 偃师区 | 教育局 stops
  /// at a word that is no place); a place under the one before it (its code's province or city
  /// digits) that is no known place, with exactly one known place under that one whose name is
  /// one character away (its ending aside), is taken as that one with the ending as printed.
  /// The first place is never changed (nothing names its province); nor is a known one.
  static func placeCorrections(
    in name: String, places: [String: String], endings: [String]
  ) -> [(read: String, place: String, parent: String, known: String)] {
    let endingCharacters = Set(endings.compactMap(\.first))
    guard !places.isEmpty, !endingCharacters.isEmpty else { return [] }
    func stem(_ place: String) -> Substring {
      if let last = place.last, endingCharacters.contains(last) { return place.dropLast() }
      return place[...]
    }
    let characters = Array(name)
    var corrections: [(read: String, place: String, parent: String, known: String)] = []
    // The code digits the next place's code starts with, and the name of the place before.
    var parent: (digits: String, name: String)?
    var start = 0
    while start < min(characters.count, 12) {
      guard let end = characters[start..<min(characters.count, start + 8)].firstIndex(where: { endingCharacters.contains($0) }),
        end - start >= 2
      else { break }
      let read = String(characters[start...end])
      let readStem = String(characters[start..<end])
      let under = places.filter { entry in parent.map { entry.key.hasPrefix($0.digits) } ?? true }
      var code = under.filter { stem($0.value) == readStem }.map(\.key).min()
      if code == nil, let parent {
        let near = under.filter { entry in
          let candidate = stem(entry.value)
          return candidate.count == readStem.count && zip(candidate, readStem).filter { $0 != $1 }.count == 1
        }
        guard near.count == 1, let only = near.first else { break }
        corrections.append((read, String(stem(only.value)) + String(characters[end]), parent.name, only.value))
        code = only.key
      }
      guard let code else { break }
      // A province's places share its first two digits, a city's its first four.
      if code.hasSuffix("0000") {
        parent = (String(code.prefix(2)), read)
      } else if code.hasSuffix("00") {
        parent = (String(code.prefix(4)), read)
      } else {
        break
      }
      start = end + 1
    }
    return corrections
  }
}
