/// Builds the section tree while the segmenter walks the document: a flat list of nodes with
/// parents, turned into nested ``Section`` values at the end.
struct SectionTree {
  private var nodes: [Section] = []
  private var parents: [Int?] = []
  private var open: [Int] = []

  var isEmpty: Bool { nodes.isEmpty }

  /// The open path as node indices (for finding a paragraph again).
  var path: [Int] { open }

  mutating func open(_ section: Section) {
    while let last = open.last, nodes[last].level >= section.level { open.removeLast() }
    nodes.append(section)
    parents.append(open.last)
    open.append(nodes.count - 1)
  }

  /// Gives the open section its title when it has none yet (第一部分 on one line, 部门概况 on the
  /// next): true when the open section is `number` at `level`, untitled and still empty.
  mutating func title(level: Int, number: String, title: String, line: String) -> Bool {
    guard let last = open.last, nodes[last].level == level, nodes[last].number == number, nodes[last].title.isEmpty,
      nodes[last].paragraphs.isEmpty
    else { return false }
    nodes[last].title = title
    nodes[last].heading = TextNormalization.normalize(nodes[last].heading + line)
    return true
  }

  mutating func addParagraph(_ text: String) {
    guard let last = open.last else { return }
    nodes[last].paragraphs.append(text)
  }

  mutating func removeParagraph(at path: [Int], text: String) {
    guard let last = path.last, let index = nodes[last].paragraphs.lastIndex(of: text) else { return }
    nodes[last].paragraphs.remove(at: index)
  }

  /// Tables are listed on the part (level 1) they are printed in: by their index in the
  /// document's tables until ``roots(tableNumber:)`` turns indices into numbers.
  mutating func attachTable(_ index: Int) {
    guard let part = open.first else { return }
    if !nodes[part].tables.contains(index) { nodes[part].tables.append(index) }
  }

  /// Performance tables are listed on the heading they are printed under.
  mutating func attachPerformance(_ index: Int) {
    guard let last = open.last else { return }
    nodes[last].performanceTables.append(index)
  }

  /// The sections, each listing its tables by number (`tableNumber` maps a table's index to its
  /// number, nil for a table dropped since).
  func roots(tableNumber: (Int) -> Int?) -> [Section] {
    var nodes = nodes
    for index in nodes.indices where !nodes[index].tables.isEmpty {
      var numbers: [Int] = []
      for table in nodes[index].tables {
        if let number = tableNumber(table), !numbers.contains(number) { numbers.append(number) }
      }
      nodes[index].tables = numbers
    }
    var children: [[Int]] = Array(repeating: [], count: nodes.count)
    var top: [Int] = []
    for (index, parent) in parents.enumerated() {
      if let parent { children[parent].append(index) } else { top.append(index) }
    }
    func build(_ index: Int) -> Section {
      var section = nodes[index]
      section.children = children[index].map(build)
      return section
    }
    return top.map(build)
  }
}
