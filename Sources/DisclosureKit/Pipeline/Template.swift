import Foundation

/// Template knowledge, loaded from `pipelines/templates/*.json`: the standard tables of budgets
/// and final accounts (titles and variants, kinds, columns) and the heading patterns.
public struct Template: Sendable, Hashable, Codable {
  /// One standard table.
  public struct TableEntry: Sendable, Hashable, Codable {
    /// Kind name written to output (`expense_summary` …).
    public var kind: String
    /// Table number in the template.
    public var number: Int
    /// Title variants, without department prefix and year.
    public var titles: [String]
    /// Whether the table is two-sided (revenue on the left, expenditure on the right).
    public var twoSided: Bool?
    /// Expected leaf column names, when fixed.
    public var columns: [String]?
  }

  /// `budget` or `final_account`.
  public var kind: String
  /// Words in a document title that mark this kind (预算, 决算).
  public var markers: [String]
  /// The standard tables.
  public var tables: [TableEntry]
  /// Titles of performance target tables.
  public var performanceTitles: [String]
  /// Notes that mark an empty table (此表为空表 …).
  public var emptyMarkers: [String]
  /// Words a numbered heading ends with (说明, 情况 …): in text input, where lines carry no
  /// geometry, they tell a heading from the paragraph that follows it.
  public var headingEndings: [String]?

  /// Decodes a template from JSON bytes.
  public static func decode(_ bytes: [UInt8]) throws -> Template {
    try JSONDecoder().decode(Template.self, from: Data(bytes))
  }
}
