/// Labels, headers and titles read by OCR, compared with the names they may print: a misread
/// character (外区支出 for 外交支出, 邮电怖 for 邮电费, 收六 for 收入) is taken as the name it is
/// closest to, when exactly one name is that close; a note says so. Only cells on pages read by
/// OCR; text extracted from a text layer is never changed.
extension Pipeline {
  /// The document with the text cells, header names and titles of its tables on OCR pages read
  /// as the names of the lexicon and the templates they are a character or two from:
  /// - a row label (after its numbering or code: 一、, （二）, 201) is compared with the names of
  ///   its code (the code printed before it, else the row's), one character off (水竟 for 水费)
  ///   and two for a name of six or more; failing that, with the lexicon's labels and every
  ///   code's names, one character off for a name of five or more;
  /// - a code that is none (oa01, or six digits) in a table's one code column, or a part that is
  ///   none (革上) of a code printed across 类, 款 and 项 columns, beside a name the lexicon gives
  ///   exactly one code, is taken as that code;
  /// - an amount printed with a point between every three figures (1.836.68, or a comma and a
  ///   point: 2,.365.80, or a colon: 1.380：29) has its thousands separators misread: it is read
  ///   as 1,836.68;
  /// - a code with one point in it (205.0102) is read without it;
  /// - a header name (each level of a grouped one) with the templates' column names and words
  ///   and the lexicon's labels, one character off;
  /// - a point between a code and its name (220.自然资源…) is dropped;
  /// - a part's opening whose colon was lost (其中公务用车购置费) gets it back;
  /// - a title that names no known table with the templates' titles, one character off at its
  ///   end (its kind is then the title's, and its number the one the contents give it when it
  ///   prints none).
  ///
  /// Never when two names are as close, and never a text that already is a name.
  func recognizedLabels(_ document: DisclosureDocument, template: Template, diagnostics: inout [Diagnostic]) -> DisclosureDocument {
    let scanned = Set(document.source.ocrPages)
    guard !scanned.isEmpty else { return document }
    let vocabulary = labelVocabulary
    let openings = (template.partOpenings ?? []).map(TextNormalization.compact).filter { !$0.isEmpty }
    var document = document
    let department = document.metadata.department.map(TextNormalization.compact) ?? ""
    for t in document.tables.indices where document.tables[t].pages.contains(where: scanned.contains) {
      var table = document.tables[t]
      let firstPage = table.pages.first { scanned.contains($0) }
      // The title.
      // Between two titles as close (收文 for 收支 or 收入), the one whose tables have two sides
      // as this one does (an expenditure group that opens with a label or code column: 支出/项目).
      let words = template.words
      let twoSided = table.header.indices.dropFirst().contains { h in
        let parts = table.header[h].split(separator: "/").map(String.init)
        guard parts.count > 1, let side = words.expenditureSide, parts[0].contains(literal: side), let leaf = parts.last else { return false }
        return words.namesLabel(leaf) || words.namesCode(table.header[h], leaf: leaf)
      }
      let fits = { (candidate: String) in
        templates.contains { template in
          template.tables.contains { ($0.twoSided ?? false) == twoSided && $0.titles.map(TextNormalization.compact).contains(candidate) }
        }
      }
      // (Also a title whose kind is known but that ends in none of the titles as printed: a
      // quote mark lost or misread, 一般公共预算“三公，经费支出表.)
      let compactTitle = TextNormalization.compact(table.title)
      // The longest template title the title ends with, as printed: a title one character from
      // a longer one (财政拨敌收支总表 ends with 收支总表, and is one from 财政拨款收支总表) is that
      // longer one misread.
      let printedEnding = vocabulary.titles.filter { compactTitle.hasSuffix($0) }.map(\.count).max() ?? 0
      let nearer = printedEnding == 0 ? nil : Self.closestEnding(of: table.title, among: vocabulary.titles.filter { $0.count > printedEnding })
      // A title another table of the document prints too, whose tables have other sides than
      // this one (收入总体情况表 on a table of two sides, and on the next), is one misread when
      // exactly one title a character from it fits.
      let sidesDiffer =
        printedEnding > 0 && !vocabulary.titles.contains { compactTitle.hasSuffix($0) && $0.count == printedEnding && fits($0) }
        && document.tables.indices.contains { $0 != t && TextNormalization.compact(document.tables[$0].title) == compactTitle }
      let fitting = sidesDiffer ? Self.closestEnding(of: table.title, among: vocabulary.titles.filter(fits), fits: fits) : nil
      // A title with more misread (一般会共预算项目文出夫): one of the titles the template gives
      // the table its printed label numbers, with at most a third of its characters other.
      let labelled = table.label.isEmpty ? [] : template.tables.filter { $0.number == table.number }.flatMap(\.titles).map(TextNormalization.compact)
      let unknown = template.kind(ofTitle: table.title) == nil
      if let (fixed, why) = nearer.map({ ($0, "a character from a longer title of the template than the one it ends with") })
        ?? fitting.map({ ($0, "the title a character from it whose tables have this table's sides (another table prints the title as read)") })
        ?? (unknown || printedEnding == 0 ? Self.closestEnding(of: table.title, among: vocabulary.titles, fits: fits) : nil).map({
          ($0, "one character from a title of the template (or two, from a title of eight or more and no other)")
        })
        ?? (unknown ? Self.misreadTitle(table.title, among: labelled) : nil).map({ ($0, "a title the template gives \(table.label), a third of its characters or fewer misread") })
      {
        diagnostics.append(
          Diagnostic(.note, .segment, "a table title read by OCR as “\(table.title)” is taken as “\(fixed)”, \(why)", page: firstPage))
        table.title = fixed
        table.kind = template.kind(ofTitle: fixed) ?? table.kind
        // A table that prints no number takes the one the contents give the title now read.
        if !table.numberPrinted,
          let number = Segmenter.contentsNumber(of: fixed, in: Segmenter.contentsNumbers(document.contents.map { ($0, nil) })),
          !document.tables.contains(where: { $0.numberPrinted && $0.number == number })
        {
          table.number = number
          table.numberFromContents = true
        }
      }
      // The header.
      if table.pages.allSatisfy(scanned.contains) {
        for h in table.header.indices {
          let parts = table.header[h].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
          let fixedParts = parts.map { part -> String in
            let compact = TextNormalization.compact(part)
            guard compact.count >= 2, !vocabulary.isName(compact) else { return part }
            return Self.closest(to: compact, among: vocabulary.columnNames, within: 1) ?? part
          }
          if fixedParts != parts {
            let fixed = fixedParts.joined(separator: "/")
            diagnostics.append(
              Diagnostic(
                .note, .segment, "\(table.name): a column name read by OCR as “\(table.header[h])” is taken as “\(fixed)”, one character from a column name of the template",
                page: firstPage))
            table.header[h] = fixed
          }
        }
        Self.repairCodeLeaves(&table, leaves: template.codeHeaderLeaves ?? [], words: words, diagnostics: &diagnostics, page: firstPage)
      }
      // The row labels.
      for r in table.rows.indices where scanned.contains(table.rows[r].page) {
        let row = table.rows[r]
        for c in row.cells.indices where c < table.columnKinds.count && table.columnKinds[c] == "text" {
          guard
            let (replaced, reason) = Self.departmentReading(row.cells[c], department: department)
              ?? labelReading(row.cells[c], row: row, twoSided: table.expenditure != nil, vocabulary: vocabulary, openings: openings)
          else { continue }
          let location = row.location(c)
          diagnostics.append(
            Diagnostic(
              .note, .rows, "\(table.name): a label read by OCR as “\(row.cells[c])” is taken as “\(replaced)”, \(reason)",
              page: location?.page ?? row.page, box: location?.box))
          table.rows[r].cells[c] = replaced
        }
        repairCode(&table, row: r, diagnostics: &diagnostics)
        repairSeparators(&table, row: r, diagnostics: &diagnostics)
      }
      document.tables[t] = table
    }
    // A table on an OCR page with no number the document gives, between tables whose labels
    // give the number before and after one (or before table 2 as the first): its own label was
    // misread (表1 as 表]), and the tables are numbered in order.
    let numbered = document.tables.indices.filter { document.tables[$0].numberPrinted && document.tables[$0].kind != "performance_target" }
    for t in document.tables.indices where !document.tables[t].numberPrinted && document.tables[t].kind != "performance_target"
      && document.tables[t].pages.contains(where: scanned.contains)
    {
      let before = numbered.last { $0 < t }.map { document.tables[$0].number } ?? 0
      guard let after = numbered.first(where: { $0 > t }).map({ document.tables[$0].number }), after == before + 2,
        !document.tables.contains(where: { $0.numberPrinted && $0.number == before + 1 })
      else { continue }
      document.tables[t].number = before + 1
      document.tables[t].numberFromNeighbours = true
      diagnostics.append(
        Diagnostic(
          .note, .segment, "\(document.tables[t].name): its label unread, numbered \(before + 1) between the tables before and after it",
          page: document.tables[t].pages.first))
    }
    return document
  }

  /// A row label as long as the department's name (the first row of a table by unit, 洛阳市偃师区
  /// 教育局) with one character other than it (俐师, 答理: the name's characters are printed
  /// the same in the whole document, and its reading in the metadata is settled from all of
  /// them): the department's name. Nil for anything else (a unit under it, 本级, is longer).
  static func departmentReading(_ cell: String, department: String) -> (String, String)? {
    let compact = Array(TextNormalization.compact(cell))
    let name = Array(department)
    guard name.count >= 4, compact.count == name.count, compact != name,
      zip(compact, name).filter({ $0 != $1 }).count == 1
    else { return nil }
    return (department, "one character from the department's name")
  }

  /// The document with its headings on OCR pages whole and read as the document prints their
  /// words elsewhere (it repeats them, and OCR misreads one in one place, not the same way in
  /// several):
  /// - a heading's wrapped end that became its first paragraph (…当年拨 ‖ 款情况说明: short,
  ///   without punctuation, and giving the heading one of `endings`, the template's heading
  ///   endings, that it lacks) is joined to it;
  /// - a year followed by a character other than the document prints twice or more after that
  ///   year, in headings or paragraphs (2024秆洛 among 2024年洛: the same year, one character
  ///   after it other), is read so; printed once will do when the character read is printed
  ///   nowhere else and the other three times or more;
  /// - an ending of six, five or four characters one character from an ending two other headings
  ///   share (拨款青况说明 among …拨款情况说明) is read so, when only one shared ending is that
  ///   close, the heading's own ending is no other heading's, and its other character is printed
  ///   nowhere else in the document (青; not 行 of 执行情况说明, a word of its own);
  /// - a character printed nowhere else in the document whose neighbourhoods (four characters
  ///   with it; two of them or more, one printed twice, and none giving another) the document
  ///   prints elsewhere with one other character in its place is that character (情襄 → 情况, 拨敌 → 拨款, 区〈乌 → 区（乌). A common character
  ///   misread as another common one (乌鲁本齐, 人为资源) is left;
  /// - a mark after a heading's word that two or more other headings print with another mark,
  ///   and none with this one (项目名称； among 项目名称：), is that mark;
  /// - before all these, a heading one or two characters from one of `phrases`, the template's
  ///   heading texts (一般公共预算当年拨款结怕情况), is read as it; no rule after takes from a
  ///   heading the phrase it ends with.
  /// A note says what each became.
  static func recognizedHeadings(
    _ document: DisclosureDocument, endings: [String] = [], phrases: [String] = [], diagnostics: inout [Diagnostic]
  ) -> DisclosureDocument {
    let scanned = Set(document.source.ocrPages)
    func all(_ sections: [Section]) -> [Section] { sections.flatMap { [$0] + all($0.children) } }
    // A heading's wrapped end read as its first paragraph (…当年拨 ‖ 款情况说明): a short
    // paragraph without a mark of punctuation that gives the heading one of the template's
    // heading endings (说明, 概况 …) it lacks.
    func joined(_ sections: [Section]) -> [Section] {
      sections.map { section in
        var section = section
        let heading = TextNormalization.compact(section.heading)
        if scanned.contains(section.page), let first = section.paragraphs.first.map(TextNormalization.compact), !first.isEmpty,
          first.count <= 16, !first.contains(where: { "。，；：、,;:".contains($0) }),
          !endings.contains(where: { heading.hasSuffix($0) }), endings.contains(where: { (heading + first).hasSuffix($0) })
        {
          diagnostics.append(
            Diagnostic(
              .note, .segment, "a heading read by OCR as “\(heading)” goes on with “\(first)”, read as its first paragraph: its wrapped end",
              page: section.page))
          section.heading = heading + first
          section.title = TextNormalization.compact(section.title) + first
          section.paragraphs.removeFirst()
        }
        section.children = joined(section.children)
        return section
      }
    }
    var document = document
    document.sections = joined(document.sections)
    let headings = all(document.sections).map { Array(TextNormalization.compact($0.heading)) }
    // A year and the two characters after it (2024年洛), as the document's other headings and
    // its paragraphs print them.
    var yearWindows: [[Character]: Int] = [:]
    let texts = headings + all(document.sections).flatMap(\.paragraphs).map { Array(TextNormalization.compact($0)) }
    var characterCounts: [Character: Int] = [:]
    for text in texts { for character in text { characterCounts[character, default: 0] += 1 } }
    for text in texts {
      for window in Self.yearWindows(text) { yearWindows[window, default: 0] += 1 }
    }
    // The headings' endings of six, five and four characters, counted once.
    var endings: [Int: [ArraySlice<Character>: Int]] = [:]
    for length in [6, 5, 4] {
      for heading in headings where heading.count >= length { endings[length, default: [:]][heading.suffix(length), default: 0] += 1 }
    }
    func endingFixed(_ heading: String) -> (fixed: String, why: String)? {
      let characters = Array(TextNormalization.compact(heading))
      for length in [6, 5, 4] where characters.count > length + 2 {
        let ending = characters.suffix(length)
        let counts = endings[length] ?? [:]
        guard counts[ending, default: 0] <= 1 else { return nil }
        let close = counts.filter { $0.value >= 2 && zip($0.key, ending).filter { $0 != $1 }.count == 1 }
        // The heading's other character is printed nowhere else in the document (青 in 青况说明;
        // not 行 of 执行情况说明, a word of its own).
        guard close.count == 1, let shared = close.first?.key,
          let other = zip(ending, shared).first(where: { $0 != $1 })?.0, characterCounts[other, default: 0] <= 1
        else { continue }
        return (String(characters.dropLast(length) + shared), "is taken as ending “\(String(shared))”, as other headings of the document end")
      }
      return nil
    }
    func yearFixed(_ heading: String) -> (fixed: String, why: String)? {
      var characters = Array(TextNormalization.compact(heading))
      var changed = false
      for (start, window) in zip(Self.yearWindowStarts(characters), Self.yearWindows(characters)) where yearWindows[window, default: 0] <= 1 {
        // The same year (another year is no misreading), one character after it other.
        // Printed twice or more; or once, when the character it differs by is printed nowhere
        // else in the document and the other one three times or more (2024秆洛阳 beside one
        // 2024年洛阳: 秆 is no word of it, 年 is).
        let close = yearWindows.filter { other in
          guard other.key.count == window.count, other.key.prefix(4) == window.prefix(4),
            let differing = zip(window, other.key).first(where: { $0 != $1 }), zip(other.key, window).filter({ $0 != $1 }).count == 1
          else { return false }
          return other.value >= 2 || other.value == 1 && characterCounts[differing.0, default: 0] <= 1 && characterCounts[differing.1, default: 0] >= 3
        }
        guard close.count == 1, let shared = close.first?.key else { continue }
        characters.replaceSubrange(start..<(start + window.count), with: shared)
        changed = true
      }
      let fixed = String(characters)
      return changed ? (fixed, "is taken as “\(fixed)”: its year and the character after it as the document prints them elsewhere") : nil
    }
    // The marks of punctuation OCR reads one for another (；for ：), and how often each
    // follows a heading's word (the four Chinese characters before it: 项目名称：).
    let marks: Set<Character> = ["：", "；", "，", "。", "、"]
    func word(_ characters: [Character], before i: Int) -> [Character]? {
      guard i >= 4 else { return nil }
      let word = Array(characters[(i - 4)..<i])
      return word.allSatisfy({ $0.unicodeScalars.allSatisfy(\.properties.isIdeographic) }) ? word : nil
    }
    var marked: [[Character]: [Character: Int]] = [:]
    for heading in headings {
      for i in heading.indices where marks.contains(heading[i]) {
        if let word = word(heading, before: i) { marked[word, default: [:]][heading[i], default: 0] += 1 }
      }
    }
    // A mark after a word that no other heading prints it after, where two or more headings
    // print one other mark (（一）项目名称；… among 项目名称：…): that mark.
    func markFixed(_ heading: String) -> (fixed: String, why: String)? {
      var characters = Array(TextNormalization.compact(heading))
      var changed = false
      for i in characters.indices where marks.contains(characters[i]) {
        guard let word = word(characters, before: i), let counts = marked[word], counts[characters[i], default: 0] <= 1 else { continue }
        let others = counts.filter { $0.key != characters[i] && $0.value >= 2 }
        guard others.count == 1, let mark = others.first?.key else { continue }
        characters[i] = mark
        changed = true
      }
      let fixed = String(characters)
      return changed ? (fixed, "is taken as “\(fixed)”: its mark after a word as the document's other headings print it") : nil
    }
    // Every four characters of the document's text with one of them left out (its place marked),
    // and the characters printed there, counted: what a rare character's neighbours are
    // elsewhere.
    var around: [[Character]: [Character: Int]] = [:]
    for text in texts where text.count >= 4 {
      for start in 0...(text.count - 4) {
        for k in 0..<4 {
          var key = Array(text[start..<(start + 4)])
          let character = key[k]
          key[k] = "\u{0}"
          around[key, default: [:]][character, default: 0] += 1
        }
      }
    }
    // A character printed nowhere else in the document, whose four-character neighbourhoods
    // the document prints elsewhere with one other character, twice or more (情襄 among 情况,
    // 拨敌 among 拨款, 区〈乌 among 区（乌): that character.
    func rareFixed(_ heading: String) -> (fixed: String, why: String)? {
      var characters = Array(TextNormalization.compact(heading))
      var changed = false
      // (Never a figure or a letter: 2023 among 2024s is another year.)
      for i in characters.indices
      where characterCounts[characters[i], default: 0] <= 1 && characters.count >= 4 && !characters[i].isASCII && !characters[i].isNumber {
        // How many of its neighbourhoods give each other character.
        var candidates: [Character: (windows: Int, most: Int)] = [:]
        for start in max(0, i - 3)...min(i, characters.count - 4) {
          var key = Array(characters[start..<(start + 4)])
          key[i - start] = "\u{0}"
          for (character, count) in around[key] ?? [:] where character != characters[i] {
            let seen = candidates[character] ?? (0, 0)
            candidates[character] = (seen.windows + 1, max(seen.most, count))
          }
        }
        // Two neighbourhoods or more (what comes before it and what comes after), one of them
        // printed twice, and no other character given by any (安全抽检: 安全监 is printed, but
        // nothing else agrees).
        guard candidates.count == 1, let (only, seen) = candidates.first, seen.windows >= 2, seen.most >= 2, !only.isASCII, !only.isNumber
        else { continue }
        characters[i] = only
        changed = true
      }
      let fixed = String(characters)
      return changed
        ? (fixed, "is taken as “\(fixed)”: a character the document prints nowhere else, among neighbours it prints elsewhere with another")
        : nil
    }
    // A heading ending one or two characters (two in a phrase of twelve or more) from one of
    // the template's heading phrases, and nearer it than any other, when it ends with none
    // (一般公共预算当年拨款结怕情况, 其他重要享项的情况说明, 财政拨款三公？经费预算情况说明).
    let phraseList = phrases.map(TextNormalization.compact).filter { $0.count >= 6 }
    func phraseFixed(_ heading: String) -> (fixed: String, why: String)? {
      let characters = Array(TextNormalization.compact(heading))
      let text = String(characters)
      guard !phraseList.contains(where: { text.hasSuffix($0) }) else { return nil }
      var best: (distance: Int, fixed: [String]) = (Int.max, [])
      for phrase in phraseList {
        let limit = phrase.count >= 12 ? 2 : 1
        var nearest: (distance: Int, fixed: String)?
        for ending in [phrase.count, phrase.count - 1, phrase.count + 1] where ending <= characters.count {
          let distance = Self.editDistance(Array(characters.suffix(ending)), Array(phrase), limit: limit)
          if distance <= limit, distance < (nearest?.distance ?? Int.max) {
            nearest = (distance, String(characters.dropLast(ending)) + phrase)
          }
        }
        guard let nearest, nearest.distance <= best.distance else { continue }
        if nearest.distance < best.distance { best = (nearest.distance, []) }
        if !best.fixed.contains(nearest.fixed) { best.fixed.append(nearest.fixed) }
      }
      guard best.fixed.count == 1 else { return nil }
      return (best.fixed[0], "is taken as “\(best.fixed[0])”: a heading of the template with \(best.distance == 1 ? "a character" : "two characters") misread")
    }
    func repaired(_ sections: [Section]) -> [Section] {
      sections.map { section in
        var section = section
        // Each rule in turn, on the heading the one before left; the title is the heading's end.
        // The template's phrases first; no rule after takes from a heading the phrase it ends with.
        for rule in [phraseFixed, yearFixed, endingFixed, rareFixed, markFixed] where scanned.contains(section.page) {
          let text = TextNormalization.compact(section.heading)
          guard let (fixed, why) = rule(section.heading),
            !phraseList.contains(where: { text.hasSuffix($0) && !fixed.hasSuffix($0) })
          else { continue }
          let compact = TextNormalization.compact(section.heading)
          diagnostics.append(Diagnostic(.note, .segment, "a heading read by OCR as “\(compact)” \(why)", page: section.page))
          let title = TextNormalization.compact(section.title)
          let grown = fixed.count - compact.count
          if compact.hasSuffix(title), title.count + grown > 0 { section.title = String(fixed.suffix(title.count + grown)) }
          section.heading = fixed
        }
        section.children = repaired(section.children)
        return section
      }
    }
    document.sections = repaired(document.sections)
    return document
  }

  /// Where each year (four figures, 19xx or 20xx, not inside a longer number) of `characters`
  /// starts, when two characters follow it.
  static func yearWindowStarts(_ characters: [Character]) -> [Int] {
    func digit(_ i: Int) -> Bool { i >= 0 && i < characters.count && characters[i].isASCII && characters[i].isNumber }
    return characters.indices.filter { i in
      i + 6 <= characters.count && (0..<4).allSatisfy { digit(i + $0) } && !digit(i - 1) && !digit(i + 4)
        && (characters[i] == "1" && characters[i + 1] == "9" || characters[i] == "2" && characters[i + 1] == "0")
    }
  }

  /// Each year of `characters` with the two characters after it (2024年洛).
  static func yearWindows(_ characters: [Character]) -> [[Character]] {
    yearWindowStarts(characters).map { Array(characters[$0..<($0 + 6)]) }
  }

  /// The classification's code lengths: 类, 款 and 项 (3, 5 and 7 figures).
  static let codeLengths = [3, 5, 7]

  /// A text cell of a row read by OCR as the name it should print, and why; nil when it stays.
  private func labelReading(
    _ cell: String, row: Row, twoSided: Bool, vocabulary: LabelVocabulary, openings: [String]
  ) -> (String, String)? {
    let (prefix, name) = Self.labelParts(cell, openings: openings)
    let compact = TextNormalization.compact(name)
    let isName = vocabulary.isName(compact)
    // Numbering in brackets OCR read as others (〈一}): the round ones Chinese print uses.
    if let open = prefix.first, let close = prefix.last, prefix.count >= 3, "〈{[【".contains(open) || "〉}]】".contains(close),
      "（(〈{[【".contains(open), isName
    {
      return ("（" + prefix.dropFirst().dropLast() + "）" + name, "its numbering's brackets round")
    }
    // A part's opening whose colon OCR dropped (其中公务用车购置费, 其中一般财力): before a name of
    // two Chinese characters or more.
    if prefix.isEmpty, let opening = openings.first(where: { compact.hasPrefix($0) }),
      case let rest = String(compact.dropFirst(opening.count)), rest.count >= 2,
      rest.unicodeScalars.prefix(2).allSatisfy({ $0.properties.isIdeographic })
    {
      return (opening + "：" + rest, "the colon after \(opening) restored")
    }
    // The code printed before the label, else the row's (not in a two-sided table, where the
    // row's code is the expenditure side's).
    let printedCode = prefix.filter(\.isASCII).filter(\.isNumber)
    // A code and its name never have a point between them (220.自然资源…: a speck).
    let pointAfterCode = Self.codeLengths.contains(printedCode.count) && (prefix.hasSuffix(".") || prefix.hasSuffix("．"))
    if pointAfterCode, vocabulary.known.contains(compact) { return (printedCode + name, "no point follows a code") }
    guard compact.count >= 2, !isName else { return nil }
    let code = printedCode.isEmpty && !twoSided ? row.code ?? "" : printedCode
    let codeNames = (lexicon.names[code] ?? []).map(TextNormalization.compact)
    let byCode = Self.closest(to: compact, among: codeNames, within: 1)
      ?? Self.closest(to: compact, among: codeNames.filter { $0.count >= 6 }, within: 2)
    // Without a code, a name of five characters or more; one of four when the text read is one
    // character longer (收入和总计: a character read in).
    let unkeyed = vocabulary.general.filter { $0.count >= 5 || ($0.count == 4 && compact.count == 5) }
    guard let fixed = byCode ?? Self.closest(to: compact, among: unkeyed, within: 1) else { return nil }
    return ((pointAfterCode ? printedCode : prefix) + fixed, byCode != nil ? "the name of code \(code)" : "a label of the lexicon")
  }

  /// The code of row `r` of `table` taken from its name, when the table has one code column,
  /// the code printed there is none (letters, or a length no level has: 3, 5 and 7 figures),
  /// and the lexicon gives the row's name (the text cell after the code) exactly one code.
  private func repairCode(_ table: inout Table, row r: Int, diagnostics: inout [Diagnostic]) {
    let codeColumns = table.columnKinds.indices.filter { table.columnKinds[$0] == "code" }
    if codeColumns.count == 2 || codeColumns.count == 3 {
      repairSplitCode(&table, row: r, columns: codeColumns, diagnostics: &diagnostics)
      return
    }
    guard codeColumns.count == 1, let column = codeColumns.first, column < table.rows[r].cells.count,
      let nameColumn = table.columnKinds.indices.first(where: { $0 > column && table.columnKinds[$0] == "text" }),
      nameColumn < table.rows[r].cells.count
    else { return }
    let printed = TextNormalization.compact(table.rows[r].cells[column])
    let isCode = { (text: String) in Self.codeLengths.contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber } }
    guard !printed.isEmpty, !isCode(printed) else { return }
    let location = table.rows[r].location(column)
    // A code with a speck read as a point in it (205.0102): no code holds one.
    let digits = printed.filter { $0 != "." }
    if printed.count - digits.count == 1, isCode(digits) {
      diagnostics.append(
        Diagnostic(
          .note, .rows, "\(table.name): a code read by OCR as “\(table.rows[r].cells[column])” is taken as \(digits): no code prints a point",
          page: location?.page ?? table.rows[r].page, box: location?.box))
      table.rows[r].cells[column] = digits
      table.rows[r].code = digits
      return
    }
    let name = TextNormalization.compact(table.rows[r].cells[nameColumn])
    let codes = labelVocabulary.codes[name] ?? []
    guard codes.count == 1, let code = codes.first else { return }
    diagnostics.append(
      Diagnostic(
        .note, .rows,
        "\(table.name): a code read by OCR as “\(table.rows[r].cells[column])” is taken as \(code), the code of “\(name)” in the classification",
        page: location?.page ?? table.rows[r].page, box: location?.box))
    table.rows[r].cells[column] = code
    table.rows[r].code = code
  }

  /// The code of row `r` of `table` printed across 类, 款 and 项 columns (3, 2 and 2 figures),
  /// when a part is none (革上 for 11, 1 for 11): the one code the lexicon gives the row's name,
  /// when the parts printed right agree with it (at least one of them printed); a part left
  /// blank (under a merged cell) stays blank.
  private func repairSplitCode(_ table: inout Table, row r: Int, columns: [Int], diagnostics: inout [Diagnostic]) {
    let cells = table.rows[r].cells
    guard let last = columns.last, last < cells.count, columns == Array(columns[0]...last),
      let nameColumn = table.columnKinds.indices.first(where: { $0 > last && table.columnKinds[$0] == "text" }),
      nameColumn < cells.count
    else { return }
    // Each part's figures: 类 3, 款 and 项 2 more each.
    let lengths = zip(Self.codeLengths, [0] + Self.codeLengths).map { $0 - $1 }
    let parts = columns.map { TextNormalization.compact(cells[$0]) }
    let valid = parts.indices.map { parts[$0].count == lengths[$0] && parts[$0].allSatisfy { $0.isASCII && $0.isNumber } }
    guard let deepest = parts.indices.last(where: { !parts[$0].isEmpty }),
      parts.indices.contains(where: { !parts[$0].isEmpty && !valid[$0] })
    else { return }
    let name = TextNormalization.compact(cells[nameColumn])
    let codes = (labelVocabulary.codes[name] ?? []).filter { $0.count == Self.codeLengths[deepest] }
    guard codes.count == 1, let code = codes.first else { return }
    let codeCharacters = Array(code)
    var offset = 0
    var expected: [String] = []
    for index in 0...deepest {
      expected.append(String(codeCharacters[offset..<(offset + lengths[index])]))
      offset += lengths[index]
    }
    // The parts printed right must be the code's, and one at least must be printed.
    guard (0...deepest).allSatisfy({ !valid[$0] || parts[$0] == expected[$0] }), (0...deepest).contains(where: { valid[$0] })
    else { return }
    var changed: [String] = []
    for index in 0...deepest where !parts[index].isEmpty && !valid[index] {
      changed.append("“\(cells[columns[index]])” as \(expected[index])")
      table.rows[r].cells[columns[index]] = expected[index]
    }
    let location = table.rows[r].location(columns[0])
    diagnostics.append(
      Diagnostic(
        .note, .rows,
        "\(table.name): a code read by OCR with \(changed.joined(separator: ", ")) is taken as \(code), the code of “\(name)” in the classification",
        page: location?.page ?? table.rows[r].page, box: location?.box))
    table.rows[r].code = code
  }

  /// The amounts of row `r` of `table` printed with a point between every three figures and
  /// before the decimals (1.836.68: no number has two decimal points) read with thousands
  /// separators (1,836.68).
  private func repairSeparators(_ table: inout Table, row r: Int, diagnostics: inout [Diagnostic]) {
    for c in table.rows[r].cells.indices where c < table.columnKinds.count && table.columnKinds[c] == "amount" {
      guard table.rows[r].values.indices.contains(c), table.rows[r].values[c] == nil else { continue }
      guard let fixed = Amounts.separatorsRead(table.rows[r].cells[c]) else { continue }
      guard let value = Amounts.decimal(from: fixed) else { continue }
      let location = table.rows[r].location(c)
      diagnostics.append(
        Diagnostic(
          .note, .rows, "\(table.name): an amount read by OCR as “\(table.rows[r].cells[c])” is taken as \(fixed): its points but the last separate thousands",
          page: location?.page ?? table.rows[r].page, box: location?.box))
      table.rows[r].cells[c] = fixed
      table.rows[r].values[c] = value
    }
  }

  /// A label's numbering, code or opening (一、, （二）, 1., 201, 其中：) and the name after it,
  /// compact. Numbering is the headings' (``Headings/numbered(_:)``); besides it, a code (with a
  /// point OCR read after it), numbering whose brackets OCR read as others (〈一}), and one of
  /// `openings` with its colon.
  static func labelParts(_ text: String, openings: [String]) -> (prefix: String, name: String) {
    let compact = TextNormalization.compact(text)
    if let numbered = Headings.numbered(compact) {
      return (String(compact.dropLast(numbered.rest.count)), numbered.rest)
    }
    let characters = Array(compact)
    var index = 0
    if let first = characters.first, first.isASCII, first.isNumber {
      while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
      if index < characters.count, ".、．".contains(characters[index]) { index += 1 }
    } else if let first = characters.first, "（(〈{[【".contains(first) {
      var end = 1
      while end < characters.count, Headings.numerals.contains(characters[end]) || characters[end].isNumber { end += 1 }
      if end > 1, end < characters.count, "）)〉}]】".contains(characters[end]) { index = end + 1 }
    } else if let opening = openings.first(where: { compact.hasPrefix($0) }), characters.count > opening.count,
      "：:".contains(characters[opening.count])
    {
      index = opening.count + 1
    }
    return (String(characters[..<index]), String(characters[index...]))
  }

  /// The one name of `names` at the smallest edit distance from `text`, when that distance is
  /// at most `within` and no other name is as close; nil else (or when `text` is one of them).
  static func closest(to text: String, among names: [String], within: Int) -> String? {
    let characters = Array(text)
    var best: String?
    var bestDistance = within + 1
    var tied = false
    for name in names {
      let candidate = Array(name)
      guard abs(candidate.count - characters.count) <= within else { continue }
      let distance = editDistance(characters, candidate, limit: within)
      if distance == 0 { return nil }
      if distance < bestDistance {
        best = name
        bestDistance = distance
        tied = false
      } else if distance == bestDistance {
        tied = true
      }
    }
    return tied ? nil : best
  }

  /// The columns of a code printed across 类, 款 and 项 (the template's `codeHeaderLeaves`, in
  /// order; or the first two, an economic code's 类 and 款) under one group, all but one read:
  /// the other's leaf, one character misread (蒜, 乏) or lost (the group's name alone), is the
  /// leaf its place gives it. A note says so.
  static func repairCodeLeaves(_ table: inout Table, leaves all: [String], words: TableWords, diagnostics: inout [Diagnostic], page: Int?) {
    for count in stride(from: all.count, through: 2, by: -1) where table.header.count >= count {
      repairCodeLeaves(&table, window: Array(all.prefix(count)), words: words, diagnostics: &diagnostics, page: page)
    }
  }

  private static func repairCodeLeaves(_ table: inout Table, window leaves: [String], words: TableWords, diagnostics: inout [Diagnostic], page: Int?) {
    for start in 0...(table.header.count - leaves.count) {
      let columns = Array(table.header[start..<(start + leaves.count)])
      // The group: from a column read as its leaf.
      guard let known = leaves.indices.first(where: { columns[$0].hasSuffix("/" + leaves[$0]) }) else { continue }
      let group = String(columns[known].dropLast(leaves[known].count + 1))
      guard words.namesCode(group, leaf: leaves[known]) else { continue }
      let misread = leaves.indices.filter { columns[$0] != group + "/" + leaves[$0] }
      guard misread.count == 1, let k = misread.first else { continue }
      let read = columns[k]
      let leaf = read.hasPrefix(group + "/") ? String(read.dropFirst(group.count + 1)) : nil
      guard read == group || (leaf.map { $0.count == 1 && !leaves.contains($0) } ?? false) else { continue }
      // A code of more parts than the window (a third part under the group after it) is not
      // one of two.
      let after = start + leaves.count
      if after < table.header.count, table.header[after].hasPrefix(group + "/"),
        table.header[after].dropFirst(group.count + 1).count == 1
      {
        continue
      }
      let fixed = group + "/" + leaves[k]
      diagnostics.append(
        Diagnostic(
          .note, .segment, "\(table.name): a column name read by OCR as “\(read)” is taken as “\(fixed)”, between the code's other parts",
          page: page))
      table.header[start + k] = fixed
    }
  }

  /// `title` with its ending taken as the one title of `titles` (compact) it is one character
  /// from, when exactly one is; else the one of the longest such titles, when one is longer
  /// than the others (“三公”经费支出表 over 支出总表 for …“三公，经费支出表: a character
  /// misread in a long title is likelier than a short title's word lost); else the one that
  /// `fits`; nil else. Before all these, the one title of eight characters or more it has two
  /// characters misread of (财政拨秋收支总委), when only one is and it agrees in more characters
  /// than any title one away.
  static func closestEnding(of title: String, among titles: [String], fits: (String) -> Bool = { _ in false }) -> String? {
    let characters = Array(TextNormalization.compact(title))
    var found: [String] = []
    var fitting: [String] = []
    var longest: (length: Int, fixed: [String]) = (0, [])
    for candidate in titles where candidate.count >= 4 {
      let length = candidate.count
      for ending in [length, length - 1, length + 1] where ending > 0 && ending <= characters.count {
        let tail = Array(characters[(characters.count - ending)...])
        if editDistance(tail, Array(candidate), limit: 1) == 1 {
          let fixed = String(characters[..<(characters.count - ending)]) + candidate
          if !found.contains(fixed) { found.append(fixed) }
          if fits(candidate), !fitting.contains(fixed) { fitting.append(fixed) }
          if length > longest.length { longest = (length, []) }
          if length == longest.length, !longest.fixed.contains(fixed) { longest.fixed.append(fixed) }
        }
      }
    }
    // Two characters misread (in their places: a title's first line, 政府性基金预算支 of a title
    // that wraps, lacks two) from one title of eight or more, and from no other (财政拨秋收支总委
    // for 财政拨款收支总表): taken when more of its characters agree than of any title one
    // character away (收支总表 in it, one misread, agrees in three).
    var twoAway: [(candidate: String, fixed: String)] = []
    for candidate in Set(titles) where candidate.count >= 8 && candidate.count <= characters.count {
      let tail = characters.suffix(candidate.count)
      if zip(tail, candidate).filter({ $0 != $1 }).count <= 2 {
        twoAway.append((candidate, String(characters.dropLast(candidate.count)) + candidate))
      }
    }
    if twoAway.count == 1, twoAway[0].candidate.count - 2 > longest.length - 1 { return twoAway[0].fixed }
    if found.count == 1 { return found[0] }
    if longest.fixed.count == 1 { return longest.fixed[0] }
    return fitting.count == 1 ? fitting[0] : nil
  }

  /// `title` with its ending taken as the one title of `titles` (compact, eight characters or
  /// more) that it prints with at most a third of the characters other, in their places, fewer
  /// than any other such title; nil when none or several are.
  static func misreadTitle(_ title: String, among titles: [String]) -> String? {
    let characters = Array(TextNormalization.compact(title))
    var best: (misread: Int, fixed: [String]) = (Int.max, [])
    for candidate in Set(titles) where candidate.count >= 8 && candidate.count <= characters.count {
      let misread = zip(characters.suffix(candidate.count), candidate).filter { $0 != $1 }.count
      guard misread * 3 <= candidate.count, misread <= best.misread else { continue }
      let fixed = String(characters.dropLast(candidate.count)) + candidate
      if misread < best.misread { best = (misread, []) }
      best.fixed.append(fixed)
    }
    return best.fixed.count == 1 ? best.fixed[0] : nil
  }

  /// The Levenshtein distance of `a` and `b`, or `limit + 1` when it is more than `limit`.
  static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...max(1, a.count) where !a.isEmpty {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...max(1, b.count) where !b.isEmpty {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        rowMinimum = min(rowMinimum, current[j])
      }
      if b.isEmpty { current[0] = i }
      if rowMinimum > limit { return limit + 1 }
      swap(&previous, &current)
    }
    let distance = a.isEmpty ? b.count : previous[b.count]
    return min(distance, limit + 1)
  }
}

/// What a label read by OCR is compared with (``Pipeline/recognizedLabels(_:template:diagnostics:)``),
/// all compact: the lexicon's names and labels, the templates' words, both sorted for a
/// deterministic search, the templates' titles, and the codes the lexicon gives each name.
struct LabelVocabulary: Sendable {
  /// The lexicon's names (of every code) and labels.
  var known: Set<String> = []
  /// The templates' words (titles, column names, totals …).
  var words: Set<String> = []
  /// `known`, sorted.
  var general: [String] = []
  /// Column names: the templates' words and the lexicon's labels (上年结转结余 heads a column as
  /// well as a row), sorted.
  var columnNames: [String] = []
  /// The templates' titles, sorted.
  var titles: [String] = []
  /// The codes whose names include each name, sorted.
  var codes: [String: [String]] = [:]

  init() {}

  init(templates: [Template], lexicon: Lexicon) {
    words = templates.reduce(into: Set<String>()) { $0.formUnion($1.cellWords) }
    let labels = Set(lexicon.labels.map(TextNormalization.compact))
    for (code, names) in lexicon.names {
      for name in Set(names.map(TextNormalization.compact)) { codes[name, default: []].append(code) }
    }
    codes = codes.mapValues { $0.sorted() }
    known = labels.union(codes.keys)
    general = known.sorted()
    columnNames = words.union(labels).sorted()
    titles = Set(templates.flatMap { $0.tables.flatMap(\.titles) }.map(TextNormalization.compact)).sorted()
  }

  /// Whether a compact text is a name of the lexicon or a word of the templates.
  func isName(_ compact: String) -> Bool {
    known.contains(compact) || words.contains(compact)
  }
}
