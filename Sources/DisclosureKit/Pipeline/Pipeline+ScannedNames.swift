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
  /// more often than any other, or when the spellings printed most often each name the same place
  /// misread (see `placeCorrections`).
  ///
  /// A place in the name under the place named before it (偃师区 after 洛阳市), read one
  /// character away from exactly one place under it in `places` (the lexicon's divisions by
  /// code; its ending aside: 偃师市 became 偃师区), is taken as that place, also where it
  /// stands alone: OCR reads a rare character of a place name as a common one (优师区).
  static func recognizedDepartment(
    _ document: DisclosureDocument, placeEndings: [String], places known: [String: String] = [:], printable: Set<Character>? = nil,
    diagnostics: inout [Diagnostic]
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
    guard let best = counts.values.max(), best >= 3 else { return document }
    var top = counts.filter { $0.value == best }.map(\.key).sorted()
    // Of spellings printed equally often (阜康市… and 皇康市… fifteen times each), the one that
    // opens with a known place (of three characters or more), when only one does.
    if top.count > 1 {
      let named = top.filter { spelling in known.values.contains { $0.count >= 3 && spelling.hasPrefix($0) } }
      if named.count == 1 { top = named }
    }
    func corrected(_ spelling: String) -> (corrections: [Correction], name: String) {
      let corrections = Self.placeCorrections(in: spelling, places: known, endings: placeEndings, printable: printable) { place in
        texts.contains { $0.contains(place) }
      }
      return (corrections, corrections.reduce(spelling) { $0.replacingOccurrences(of: $1.read, with: $1.place) })
    }
    // Spellings printed equally often are kept only when each is the same place misread (浈江区,
    // a character chi_sim lacks, read as 尖江区 nine times and 汗江区 nine times): then the name is
    // that place's.
    let each = top.map(corrected)
    guard let kept = top.first, let (corrections, name) = each.first,
      top.count == 1 || (Set(each.map(\.name)).count == 1 && each.allSatisfy { !$0.corrections.isEmpty })
    else { return document }
    var variants = counts.keys.filter { $0 != kept && zip($0, kept).filter { $0 != $1 }.count == 1 }.sorted()
    if name != kept { variants.append(kept) }
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
        "the department's name read by OCR as \(unique.map { "“\($0)”" }.joined(separator: ", ")) is taken as “\(name)”, printed so \(best) times"
          + (places.isEmpty ? "" : "; its place read as \(places.map { "“\($0)”" }.joined(separator: ", ")) is taken as “\(place)” wherever printed")
          + corrections.map { correction in
            let near =
              correction.missing.map { missing in
                "one character from “\(correction.known)”, whose \(missing) OCR's model cannot read ("
                  + (correction.within.map { "the only place that near with such a character in \($0), which the document names" }
                    ?? "no other place that near has such a character") + ")"
              } ?? "one character from “\(correction.known)”"
            return "; “\(correction.read)” is no place\(correction.parent.map { " under \($0)" } ?? "") and \(near): taken as “\(correction.place)” wherever printed"
          }
          .joined(),
        page: first))
    return document
  }

  /// A place of the name as read, the place it is taken as, the place before it (nil for the
  /// first), the known place's name (its ending may differ) and, when the model's characters
  /// decided it, the character the model cannot give and, when several places have such a
  /// character, the province or city the document names that holds the one taken.
  typealias Correction = (read: String, place: String, parent: String?, known: String, missing: Character?, within: String?)

  /// The places of a department's name that OCR misread, each with the place it is taken as:
  /// the name's places are read in turn up to each of `endings` (洛阳市 | 偃师区 | 教育局 stops
  /// at a word that is no place); a place under the one before it (its code's province or city
  /// digits) that is no known place, with exactly one known place under that one whose name is
  /// one character away (its ending aside), is taken as that one with the ending as printed.
  /// With `printable`, the characters OCR's model can give: a place (the first too, with no
  /// place before it, then among all places) that is no known place, one character from known
  /// places of which exactly one name holds, there, a character the model cannot give, is taken
  /// as that one. OCR never reads that character, and reads it as a different common one from
  /// line to line (浈江区 as 沉江区, 汗江区, 涉江区 …, while 武江区 and 曲江区 would be read). When
  /// several such places are that near (弋江区, 浈江区, 邗江区), the one in a province or city for
  /// which `named` is true (the document prints it: 广东省) is taken, if it is the only one.
  /// Without `printable` the first place is never changed (nothing names its province); a known
  /// place never is.
  static func placeCorrections(
    in name: String, places: [String: String], endings: [String], printable: Set<Character>? = nil,
    named: (String) -> Bool = { _ in false }
  ) -> [Correction] {
    let endingCharacters = Set(endings.compactMap(\.first))
    guard !places.isEmpty, !endingCharacters.isEmpty else { return [] }
    func stem(_ place: String) -> Substring {
      if let last = place.last, endingCharacters.contains(last) { return place.dropLast() }
      return place[...]
    }
    let characters = Array(name)
    var corrections: [Correction] = []
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
      if code == nil {
        let near = under.filter { entry in
          let candidate = stem(entry.value)
          return candidate.count == readStem.count && zip(candidate, readStem).filter { $0 != $1 }.count == 1
        }
        // The character OCR's model cannot give that a place one character away holds.
        func missing(_ entry: (key: String, value: String)) -> Character? {
          zip(stem(entry.value), readStem).first { $0 != $1 }.flatMap { printable?.contains($0.0) == false ? $0.0 : nil }
        }
        // The province or city of a place that the document names (广东省 for 浈江区), if any.
        func namedAbove(_ entry: (key: String, value: String)) -> String? {
          [String(entry.key.prefix(2)) + "0000", String(entry.key.prefix(4)) + "00"].lazy
            .compactMap { places[$0] }.first(where: named)
        }
        func names(_ entries: [String: String]) -> Int { Set(entries.values.map(stem)).count }
        let only: (key: String, value: String)
        var character: Character?
        var within: String?
        if parent != nil, near.count == 1, let first = near.first {
          only = first
        } else {
          var unprintable = near.filter { missing($0) != nil }
          let several = names(unprintable) > 1
          if several { unprintable = unprintable.filter { namedAbove($0) != nil } }
          guard names(unprintable) == 1, let first = unprintable.min(by: { $0.key < $1.key }) else { break }
          only = first
          character = missing(first)
          within = several ? namedAbove(first) : nil
        }
        corrections.append((read, String(stem(only.value)) + String(characters[end]), parent?.name, only.value, character, within))
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
