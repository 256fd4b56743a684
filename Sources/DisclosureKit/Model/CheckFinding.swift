import Foundation

/// The outcome of one consistency rule at one place in a document: which figures were compared,
/// what was expected and found, and where each figure was printed.
public struct CheckFinding: Sendable, Hashable {
  /// How a comparison came out.
  public enum Status: String, Sendable, CaseIterable, Comparable {
    /// The figures disagree beyond the rule's tolerance.
    case fail
    /// The figures disagree within the tolerance: rounding in the published cells.
    case rounding
    /// The figures agree exactly.
    case pass
    /// Nothing to compare: a table is empty or absent, a column or row is missing.
    case skip

    /// Failures first, then rounding, passes, skips.
    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
      switch self {
      case .fail: 0
      case .rounding: 1
      case .pass: 2
      case .skip: 3
      }
    }
  }

  /// The rule's id in its rule file (`sum.row.basic-project`).
  public var rule: String
  /// How the comparison came out.
  public var status: Status
  /// One sentence saying what was compared and, for a failure, how it differs.
  public var message: String
  /// The figure the rule expects (a sum of parts, the other table's figure, a computed share).
  public var expected: Decimal?
  /// The figure printed where the rule looks (the total, the quoted amount, the printed share).
  public var found: Decimal?
  /// Every figure involved, each with where it came from.
  public var figures: [CheckFigure]

  /// Where the finding is: the page of its first figure that names one (the quote of a prose
  /// finding, the total of a sum).
  public var page: Int? { figures.lazy.compactMap(\.source.page).first }

  /// Creates a finding.
  public init(
    rule: String, status: Status, message: String, expected: Decimal? = nil, found: Decimal? = nil,
    figures: [CheckFigure] = []
  ) {
    self.rule = rule
    self.status = status
    self.message = message
    self.expected = expected
    self.found = found
    self.figures = figures
  }

  /// `found − expected`, when both are known.
  public var difference: Decimal? {
    guard let expected, let found else { return nil }
    return found - expected
  }
}

/// One figure a rule compared: its role, its value and where it was printed.
public struct CheckFigure: Sendable, Hashable {
  /// `total`, `part`, `left`, `right`, `quoted`, `table`, `whole`, `share`, `change` …
  public var role: String
  /// The exact value; nil for a blank cell or a figure that is not a number.
  public var value: Decimal?
  /// Where it was printed.
  public var source: CheckSource

  /// Creates a figure.
  public init(role: String, value: Decimal?, source: CheckSource) {
    self.role = role
    self.value = value
    self.source = source
  }
}

/// Where a figure was printed: a table cell, a performance table field, a sentence of prose or a
/// heading. Fields that do not apply are nil.
public struct CheckSource: Sendable, Hashable {
  /// Standard table number.
  public var table: Int?
  /// `revenue` or `expenditure` for a side of a two-sided table.
  public var side: String?
  /// The row's classification code, or its label when it has none.
  public var row: String?
  /// The column's header name, or a performance table field (`年度预算总额`).
  public var column: String?
  /// Performance table index.
  public var performanceTable: Int?
  /// Section number path (`第三部分/五/一`).
  public var section: String?
  /// The sentence or heading quoted.
  public var text: String?
  /// 1-based page.
  public var page: Int?
  /// The printed cell's box on `page`, in points (PDF input).
  public var box: Box?

  /// Creates a source.
  public init(
    table: Int? = nil, side: String? = nil, row: String? = nil, column: String? = nil, performanceTable: Int? = nil,
    section: String? = nil, text: String? = nil, page: Int? = nil, box: Box? = nil
  ) {
    self.table = table
    self.side = side
    self.row = row
    self.column = column
    self.performanceTable = performanceTable
    self.section = section
    self.text = text
    self.page = page
    self.box = box
  }
}
