/// Turns a table's cells into typed rows: codes, names, exact amounts.
public struct RowReconstructor: Sendable {
  /// Template knowledge.
  public var template: Template

  /// Creates a reconstructor.
  public init(template: Template) { self.template = template }

  /// The table with typed rows.
  public func typed(_ table: Table, diagnostics: inout [Diagnostic]) -> Table { table }
}
