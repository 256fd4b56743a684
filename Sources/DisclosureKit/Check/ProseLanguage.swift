import Foundation

/// How a rule file's documents quote figures in their explanations: the patterns and words the
/// prose relations read (the rule file's `prose` object). A region that words its explanations
/// differently is a change to this data, not to the code.
///
/// Patterns are regular expressions. `{year}` in them stands for the document's year (a pattern
/// holding it matches nothing in a document of unknown year). `{amount}` and `{percent}` in them stand for ``amount`` and
/// ``percent`` (each one group: the number), `{term}` for a rule's term (escaped). Each pattern
/// must have the groups ``PatternName/groups`` says, in that order; reading a rule file checks it.
public struct ProseLanguage: Sendable, Hashable {
  /// The named patterns and the groups each must capture, in order.
  public enum PatternName: String, Sendable, CaseIterable {
    /// A rule's term, a few words, its amount (`{term}`). Groups: amount.
    case termAmount
    /// A run-in heading that is the term, then the sentence's first amount (`{term}`). Groups: amount.
    case runInAmount
    /// An amount and its share (`…万元，占…%`). Groups: amount, percent.
    case share
    /// An amount followed by its own share, the opening of a listed item. Groups: amount.
    case listedItem
    /// `A万元 … 大于 … B万元`. Groups: A, the word, B.
    case compare
    /// A comparison with the previous year, its change and its rate. Groups: the change's word,
    /// the change, the rate's word, the rate.
    case growth
    /// A comparison that names its base amount. Groups: the base, the word, the change, the
    /// rate's word, the rate.
    case baseGrowth
    /// A rate with no change quoted. Groups: the year compared with (none for the previous
    /// year), the words between, the word, the rate.
    case rateOnly
    /// A clause that says there is no change. Groups: none.
    case flatClause
    /// A change quoted in such a clause. Groups: the change.
    case flatChange
    /// A list of amounts after its opening word. Groups: the list.
    case listAfter
    /// A total and the list opening after it. Groups: the total.
    case listTotal
    /// An item of a list: its name, amount and the share it may quote. Groups: name, amount, share.
    case listItemAmount
    /// A clause that is one list item on its own. Groups: amount.
    case listItem
    /// A budget and its outturn, with the completion rate it may quote. Groups: the budget's
    /// word, the budget, the outturn, the rate's base word, the rate.
    case completion
    /// An outturn with the budget inside its rate. Groups: the outturn, the base word, the
    /// budget, the rate.
    case completionInRate
    /// The verdict after a completion: a comparison word, or a whole phrase saying they agree.
    /// Groups: the word, the agreeing phrase.
    case verdict
    /// A 类/款/项 path of names. Groups: 类, 款, 项.
    case itemPath
    /// A 款/项 path whose 类 is its section's heading (`（一）一般公共服务支出（类）` over
    /// `1.统计信息事务（款）行政运行（项）支出1,429.11万元`). Groups: 款, 项.
    case subItemPath
    /// A heading that names a 类 alone. Groups: 类.
    case headingItemClass
    /// The amount right after an item path. Groups: amount.
    case itemAmount
    /// A name with its classification code in brackets, then its amount. Groups: name, code, amount.
    case bracketCodedItem
    /// A code, its name and its amount. Groups: code, name, amount.
    case prefixCodedItem

    /// How many groups the pattern must capture.
    public var groups: Int {
      switch self {
      case .flatClause: 0
      case .termAmount, .runInAmount, .listedItem, .flatChange, .listAfter, .listTotal, .listItem, .itemAmount, .headingItemClass: 1
      case .share, .verdict, .subItemPath: 2
      case .compare, .listItemAmount, .itemPath, .bracketCodedItem, .prefixCodedItem: 3
      case .growth, .rateOnly, .completionInRate: 4
      case .baseGrowth, .completion: 5
      }
    }
  }

  /// The named word lists: each a plain search, a word a group may capture, or a prefix.
  public enum WordList: String, Sendable, CaseIterable {
    /// Change and rate words that mean up (the others mean down).
    case up
    /// Words that make the amount after them a change (增加…万元), not a year's figure.
    case changes
    /// Words that make a listed name a change or a comparison, not a part.
    case notParts
    /// One of them must be in a passage for the comparison patterns to be tried.
    case comparisonHints
    /// Words naming the previous year (where no year is printed).
    case previousYear
    /// Comparison words meaning greater and less (any other word means equal).
    case greater, less
    /// One of them (and ``ProseLanguage/unit``) must be in a passage for `compare` to be tried.
    case compareHints
    /// One must be in a passage for `flatClause`.
    case flatHints
    /// One must be in a passage for `share`.
    case shareHints
    /// One must be in a passage for `listTotal`.
    case listHints
    /// One must be in a passage for `listAfter`.
    case listAfterHints
    /// A word that opens a list nested in a list (the outer list ends before it).
    case nestedList
    /// Prefixes of a listed name that are not part of it.
    case listPrefixes
    /// All must be in a passage for the completion patterns.
    case completionHints
    /// The plain budget word (the budget's word when a pattern captures none; a base named by it
    /// is any budget's).
    case budget
    /// One must be in a passage for `itemPath` and `subItemPath`.
    case itemPathHints
  }

  /// The unit the explanations quote amounts in (万元); table figures are converted to it.
  public var unit: String
  /// An amount in ``unit``, one group: its number.
  public var amount: String
  /// A percentage, one group: its number.
  public var percent: String
  /// The patterns, `{amount}` and `{percent}` filled in: each a list of alternatives (one for a
  /// pattern given as a string), every one with the pattern's groups.
  public var patterns: [PatternName: [String]]
  /// The word lists.
  public var words: [WordList: [String]]

  /// No language: what a rule set made in code without one has (its prose rules skip).
  static let none = ProseLanguage(unit: "", amount: "", percent: "", patterns: [:], words: [:])

  /// Separates the alternatives of a pattern in the one string ``pattern(_:)`` gives the checks'
  /// matcher (U+001F, which no pattern may hold): it tries each and keeps the matches that do
  /// not overlap an earlier one's.
  static let alternativeSeparator: Character = "\u{1F}"
  /// ``alternativeSeparator``'s one UTF-8 byte, for the matcher's byte searches.
  static let alternativeSeparatorByte = UInt8(ascii: alternativeSeparator.unicodeScalars.first ?? "\u{1F}")

  /// The pattern named `name` as the checks' matcher takes it: its alternatives joined by
  /// ``alternativeSeparator``.
  func pattern(_ name: PatternName) -> String {
    (patterns[name] ?? []).joined(separator: String(Self.alternativeSeparator))
  }

  /// The pattern named `name` for one of a rule's terms.
  func pattern(_ name: PatternName, term: String) -> String {
    pattern(name).replacing(literal: "{term}", with: NSRegularExpression.escapedPattern(for: term))
  }

  /// The word list named `list`.
  public func words(_ list: WordList) -> [String] { words[list] ?? [] }

  /// Whether `text` contains one of the words of `list`.
  func mentions(_ list: WordList, in text: String) -> Bool {
    words(list).contains { text.contains(literal: $0) }
  }

  /// Whether `text` contains every word of `list`.
  func mentionsAll(_ list: WordList, in text: String) -> Bool {
    words(list).allSatisfy { text.contains(literal: $0) }
  }

  /// Whether `word` means up.
  func isUp(_ word: String?) -> Bool {
    word.map { words(.up).contains($0) } ?? false
  }

  /// `a` against `b` as `word` says: greater, less, or (any other word) equal.
  func holds(_ word: String, _ a: Decimal, _ b: Decimal) -> Bool {
    if words(.greater).contains(word) { return a > b }
    if words(.less).contains(word) { return a < b }
    return a == b
  }

  /// The plain budget word.
  var budgetWord: String { words(.budget).first ?? "" }

  /// Reads the `prose` object of a rule file; `error` makes the reader's error for a reason.
  static func decode(_ value: JSONValue, error: (String) -> PipelineError) throws(PipelineError) -> ProseLanguage {
    guard let object = value.objectValue else { throw error("\"prose\" must be an object") }
    let allowed: Set<String> = ["description", "unit", "amount", "percent", "patterns", "words"]
    if let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first {
      throw error("unknown key \"\(unknown)\" in \"prose\"")
    }
    func text(_ key: String) throws(PipelineError) -> String {
      guard let text = object[key]?.stringValue, !text.isEmpty else { throw error("\"prose.\(key)\" must be a non-empty string") }
      return text
    }
    let unit = try text("unit")
    let amount = try text("amount")
    let percent = try text("percent")
    for (key, pattern) in [("amount", amount), ("percent", percent)] {
      guard let expression = try? PatternCache.compile(pattern), expression.numberOfCaptureGroups == 1 else {
        throw error("\"prose.\(key)\" must be a regular expression with one group: \(pattern)")
      }
    }
    guard let patternObject = object["patterns"]?.objectValue else { throw error("\"prose.patterns\" must be an object") }
    if let unknown = patternObject.keys.filter({ PatternName(rawValue: $0) == nil }).sorted().first {
      throw error("unknown pattern \"\(unknown)\" in \"prose.patterns\"")
    }
    var patterns: [PatternName: [String]] = [:]
    for name in PatternName.allCases {
      // A pattern is a string, or a list of alternatives (each with the same groups).
      let value = patternObject[name.rawValue]
      let raws = value?.stringValue.map { [$0] } ?? value?.arrayValue?.compactMap(\.stringValue) ?? []
      guard !raws.isEmpty, raws.count == (value?.arrayValue?.count ?? 1), raws.allSatisfy({ !$0.isEmpty }) else {
        throw error("\"prose.patterns.\(name.rawValue)\" must be a non-empty string or a non-empty list of them")
      }
      var filledAlternatives: [String] = []
      for raw in raws {
        guard !raw.contains(Self.alternativeSeparator) else {
          throw error("\"prose.patterns.\(name.rawValue)\" holds a control character: \(raw)")
        }
        let filled = raw.replacingOccurrences(of: "{amount}", with: amount).replacingOccurrences(of: "{percent}", with: percent)
        let sample = filled.replacingOccurrences(of: "{term}", with: "x").replacingOccurrences(of: "{year}", with: "2026")
        guard let expression = try? PatternCache.compile(sample) else {
          throw error("\"prose.patterns.\(name.rawValue)\" is not a valid regular expression: \(raw)")
        }
        guard expression.numberOfCaptureGroups == name.groups else {
          throw error(
            "\"prose.patterns.\(name.rawValue)\" must capture \(name.groups) groups, it captures \(expression.numberOfCaptureGroups): \(raw)")
        }
        filledAlternatives.append(filled)
      }
      patterns[name] = filledAlternatives
    }
    guard let wordObject = object["words"]?.objectValue else { throw error("\"prose.words\" must be an object") }
    if let unknown = wordObject.keys.filter({ WordList(rawValue: $0) == nil }).sorted().first {
      throw error("unknown word list \"\(unknown)\" in \"prose.words\"")
    }
    var words: [WordList: [String]] = [:]
    for list in WordList.allCases {
      guard let values = wordObject[list.rawValue]?.arrayValue, case let texts = values.compactMap(\.stringValue),
        texts.count == values.count, !texts.isEmpty, texts.allSatisfy({ !$0.isEmpty })
      else { throw error("\"prose.words.\(list.rawValue)\" must be a non-empty list of strings") }
      words[list] = texts
    }
    return ProseLanguage(unit: unit, amount: amount, percent: percent, patterns: patterns, words: words)
  }
}
