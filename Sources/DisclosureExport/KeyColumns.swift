/// Which columns name the amount in a given column of a table: the run of code and text columns
/// nearest left of it, past any amount columns (see ``DocumentFlattener`` step 3).
struct KeyColumns: Sendable {
  /// What names one amount.
  struct Key: Equatable {
    var label: String?
    var project: String?
    var code: String?
  }

  private let header: [String]
  private let kinds: [String]
  private let hasCodeColumn: Bool

  init(header: [String], kinds: [String]) {
    self.header = header
    self.kinds = kinds
    self.hasCodeColumn = kinds.contains("code")
  }

  /// The key of the amount in `column` of a row with `cells` and row `code`.
  func key(of column: Int, cells: [String], code: String?) -> Key {
    var index = min(column, kinds.count) - 1
    while index >= 0, kinds[index] == "amount" { index -= 1 }
    var group: [Int] = []
    while index >= 0, kinds[index] != "amount" {
      group.insert(index, at: 0)
      index -= 1
    }
    var key = Key()
    var groupHasCode = false
    for column in group where column < cells.count {
      let text = cells[column]
      if kinds[column] == "code" {
        groupHasCode = true
        continue
      }
      guard !text.isEmpty else { continue }
      if isProjectName(column) {
        if key.project == nil { key.project = text }
      } else if key.label == nil {
        key.label = text
      }
    }
    if let code {
      if groupHasCode || (!hasCodeColumn && key.label?.hasPrefix(code) == true) { key.code = code }
    }
    return key
  }

  /// Whether a column holds project names (its header ends in 项目名称).
  private func isProjectName(_ column: Int) -> Bool {
    guard column < header.count else { return false }
    return header[column].split(separator: "/").last.map { $0.hasSuffix("项目名称") } ?? false
  }
}
