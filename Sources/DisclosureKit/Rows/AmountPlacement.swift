import Foundation

/// Decides which column each amount of a row is in, when the text gives a row's amounts in
/// reading order but not their columns (a text layer has no positions: `787.71 787.71` under
/// 合计 / 基本支出 / 项目支出 could be any two of the three).
///
/// 1. Candidates: every order-keeping placement of a row's amounts in the side's amount columns
///    that satisfies the table's row sums (合计 = 基本支出 + 项目支出 …). A row that no placement
///    satisfies is *open*: its cells are left to step 4.
/// 2. Groups: a parent code's row and its children's rows (类 → 款 → 项), and a total or
///    department row with the top-level rows; in every group and every column the parent
///    equals the sum of its children.
/// 3. Search: depth-first over the rows, each group tested as soon as its last row is placed;
///    every placement of the whole table that satisfies all groups is kept (up to a cap).
/// 4. An open row that is the only open row of a group gets its cells from the group's sums
///    (a child: the parent less its siblings; a parent: the sum of its children). Among the
///    solutions, those whose derived cells repeat the row's own printed amounts most closely
///    win; a derived cell that is not printed is reported.
/// 5. A cell that is the same in every remaining solution is decided; a printed amount whose
///    column differs between solutions is left unplaced, never guessed.
///
/// Diagnoses (as notes for the caller): open rows, derived cells, undecided amounts, tables
/// whose sums hold under no placement.
struct AmountPlacement {
  /// A row sum: the amount column `total` equals the sum of the `parts` (indices into the
  /// side's amount columns).
  struct Sum: Hashable {
    var total: Int
    var parts: [Int]
  }

  /// What a row is in the table's arithmetic.
  enum Role {
    /// An item with a code, or a plain item.
    case item
    /// A 合计 / 总计 row: the sum of the top-level rows.
    case total
    /// The department's own row above the items: the sum of the top-level rows too.
    case department
  }

  /// One printed row of one side.
  struct Item {
    /// The printed amounts, in reading order.
    var amounts: [Decimal]
    /// The full classification code, when printed.
    var code: String?
    /// Its role.
    var role: Role
  }

  /// A placed cell.
  enum Cell: Hashable {
    /// Nothing printed.
    case empty
    /// The item's printed amount with this index.
    case printed(Int)
    /// A value the table's sums give, where the text shows none that fits.
    case derived(Decimal)
  }

  /// The outcome for one table side.
  struct Result {
    /// Per item, per amount column.
    var cells: [[Cell]]
    /// Per item, indices of printed amounts whose column could not be decided.
    var unplaced: [[Int]]
    /// What happened, for diagnostics: (item index, message, and whether it says that several
    /// placements leave an amount's column open — which the checks across tables may still decide).
    var notes: [(item: Int?, message: String, undecided: Bool)]
    /// Every placement that satisfies the sums equally well (one or more when the sums hold).
    var winners: [[[Cell]]] = []
  }

  /// Number of amount columns on this side.
  var columnCount: Int
  /// Row sums.
  var sums: [Sum]
  /// Code lengths of the levels (功能分类 3, 5, 7; 经济分类 3, 5).
  var levels: [Int] = [3, 5, 7]
  /// Largest gap still taken as equal (published tables round every cell).
  var tolerance = Decimal(string: "0.015") ?? 0
  /// Most complete placements kept.
  var solutionCap = 400
  /// Most search steps.
  var stepCap = 300_000

  /// Places the amounts of `items`.
  func place(_ items: [Item]) -> Result {
    let candidates = items.map(candidates(for:))
    let open = Set(items.indices.filter { candidates[$0].isEmpty })
    let groups = groups(of: items)
    var notes: [(item: Int?, message: String, undecided: Bool)] = []
    for i in open.sorted() where !items[i].amounts.isEmpty {
      notes.append((i, "its amounts satisfy the row's sums in no column placement", false))
    }

    var solutions = search(items: items, candidates: candidates, open: open, groups: groups)
    if solutions.placements.isEmpty && !solutions.exhausted {
      notes.append((nil, "the amounts add up under no column placement", false))
    } else if solutions.exhausted {
      notes.append((nil, "too many column placements to decide", false))
      solutions.placements = []
    }

    // Open rows: cells from the groups' sums, scored against the printed amounts.
    let derivable = derivableGroups(open: open, groups: groups)
    var scored: [(cells: [[Cell]], cost: Int)] = []
    for placement in solutions.placements {
      var cells = placement
      var cost = 0
      for i in open.sorted() {
        guard let derived = derive(i, cells: cells, items: items, groups: derivable[i] ?? []) else {
          cells[i] = Array(repeating: .empty, count: columnCount)
          continue
        }
        var remaining = Array(items[i].amounts.enumerated())
        var row: [Cell] = []
        for value in derived {
          if value == 0 {
            row.append(.empty)
          } else if let k = remaining.firstIndex(where: { Self.close($0.element, value, tolerance) }) {
            row.append(.printed(remaining[k].offset))
            remaining.remove(at: k)
          } else {
            row.append(.derived(value))
            cost += value < 0 ? 10 : 1
          }
        }
        cells[i] = row
      }
      scored.append((cells, cost))
    }
    let best = scored.map(\.cost).min()
    let winners = scored.filter { $0.cost == best }.map(\.cells)

    var result = Result(
      cells: items.map { _ in Array(repeating: .empty, count: columnCount) },
      unplaced: items.map { _ in [] }, notes: notes, winners: winners)
    for i in items.indices {
      var placed = Set<Int>()
      for c in 0..<columnCount {
        let values = Set(winners.map { $0[i][c] })
        if values.count == 1, let cell = values.first {
          result.cells[i][c] = cell
          switch cell {
          case .printed(let k): placed.insert(k)
          case .derived(let value):
            result.notes.append((i, "\(Self.text(value)) in amount column \(c + 1) comes from the table's sums; the text shows no such amount there", false))
          case .empty: break
          }
        }
      }
      let missing = items[i].amounts.indices.filter { !placed.contains($0) }
      if !missing.isEmpty {
        result.unplaced[i] = missing
        if !winners.isEmpty, !open.contains(i) {
          result.notes.append((i, "the text does not show which columns hold \(missing.map { Self.text(items[i].amounts[$0]) }.joined(separator: ", ")) (\(winners.count) placements satisfy every sum)", true))
        } else if open.contains(i), winners.isEmpty || result.cells[i].allSatisfy({ $0 == .empty }) {
          result.notes.append((i, "\(missing.count) amounts left unplaced", false))
        } else if open.contains(i) {
          result.notes.append((i, "\(missing.map { Self.text(items[i].amounts[$0]) }.joined(separator: ", ")) printed in this row fits no column of the table's sums", false))
        }
      }
    }
    return result
  }

  // MARK: - Steps

  /// Order-keeping placements of the row's amounts that satisfy every row sum.
  private func candidates(for item: Item) -> [[Cell]] {
    let k = item.amounts.count
    guard k <= columnCount else { return [] }
    var result: [[Cell]] = []
    var chosen: [Int] = []
    func walk(_ start: Int) {
      if chosen.count == k {
        var row = Array(repeating: Cell.empty, count: columnCount)
        for (index, column) in chosen.enumerated() { row[column] = .printed(index) }
        if sumsHold(values(of: row, item)) { result.append(row) }
        return
      }
      let needed = k - chosen.count
      guard start <= columnCount - needed else { return }
      for column in start...(columnCount - needed) {
        chosen.append(column)
        walk(column + 1)
        chosen.removeLast()
      }
    }
    walk(0)
    return result
  }

  private func sumsHold(_ values: [Decimal]) -> Bool {
    sums.allSatisfy { sum in
      guard sum.total < values.count, sum.parts.allSatisfy({ $0 < values.count }) else { return true }
      let parts = sum.parts.reduce(Decimal(0)) { $0 + values[$1] }
      return Self.close(values[sum.total], parts, tolerance)
    }
  }

  private func values(of row: [Cell], _ item: Item) -> [Decimal] {
    row.map { cell in
      switch cell {
      case .empty: 0
      case .printed(let k): item.amounts[k]
      case .derived(let value): value
      }
    }
  }

  /// Parent–children groups: codes one level apart, and total or department rows over the
  /// top-level rows.
  private func groups(of items: [Item]) -> [(parent: Int, children: [Int])] {
    var groups: [(Int, [Int])] = []
    var childrenOf: [Int: [Int]] = [:]
    var latest: [Int: Int] = [:]  // level index → item
    var topLevel: [Int] = []
    for (i, item) in items.enumerated() {
      guard let code = item.code, let level = levels.firstIndex(of: code.count) else { continue }
      if level == 0 {
        topLevel.append(i)
      } else if let parent = latest[level - 1], let parentCode = items[parent].code, code.hasPrefix(parentCode) {
        childrenOf[parent, default: []].append(i)
      }
      latest[level] = i
      for deeper in (level + 1)..<max(level + 1, levels.count) { latest[deeper] = nil }
    }
    for parent in childrenOf.keys.sorted() { groups.append((parent, childrenOf[parent] ?? [])) }
    if !topLevel.isEmpty {
      for (i, item) in items.enumerated() where item.role != .item { groups.append((i, topLevel)) }
    }
    return groups
  }

  private struct Solutions {
    var placements: [[[Cell]]] = []
    var exhausted = false
  }

  /// Depth-first search over the rows (step 3). The sums are tested on the amounts as integers
  /// in a common decimal scale (exact, and some fifty times faster than `Decimal`); a table whose
  /// amounts do not fit that scale is searched with `Decimal` arithmetic instead. Both visit the
  /// same placements in the same order, so the step and solution caps cut at the same place.
  private func search(
    items: [Item], candidates: [[[Cell]]], open: Set<Int>, groups: [(parent: Int, children: [Int])]
  ) -> Solutions {
    // Each group is tested at its last member that is not open; a group with an open member
    // is left to derivation.
    var testAt: [[Int]] = Array(repeating: [], count: items.count)
    for (g, group) in groups.enumerated() {
      let members = [group.parent] + group.children
      guard !members.contains(where: open.contains), let last = members.max() else { continue }
      testAt[last].append(g)
    }
    guard let scaled = ScaledAmounts(items: items, tolerance: tolerance) else {
      return decimalSearch(items: items, candidates: candidates, open: open, groups: groups, testAt: testAt)
    }
    // Each candidate's value per column, all in one array: candidate j of item i at
    // `values[offsets[i] + j * columnCount + c]`. The walk's state lives in buffers of its own,
    // so the inner loops pay no exclusivity checks on captured arrays.
    var flat: [Int64] = []
    var offsets: [Int] = []
    for i in items.indices {
      offsets.append(flat.count)
      for candidate in candidates[i] {
        for cell in candidate {
          switch cell {
          case .printed(let k): flat.append(scaled.amounts[i][k])
          case .empty, .derived: flat.append(0)  // Candidates hold printed amounts only.
          }
        }
      }
    }
    let columns = columnCount
    let count = items.count
    let values = UnsafeMutableBufferPointer<Int64>.allocate(capacity: max(1, flat.count))
    _ = values.initialize(from: flat)
    let chosen = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, count))
    chosen.initialize(repeating: -1)
    let total = UnsafeMutableBufferPointer<Int64>.allocate(capacity: max(1, columns))
    defer {
      values.deallocate()
      chosen.deallocate()
      total.deallocate()
    }
    let isOpen = items.indices.map(open.contains)
    let tests = testAt
    let groupList = groups
    let tolerance = scaled.tolerance
    func holds(_ g: Int) -> Bool {
      let group = groupList[g]
      for c in 0..<columns { total[c] = 0 }
      for child in group.children {
        let j = chosen[child]
        guard j >= 0 else { continue }
        let base = offsets[child] + j * columns
        for c in 0..<columns { total[c] &+= values[base + c] }
      }
      let slack = tolerance * Int64(max(1, group.children.count))
      let parent = chosen[group.parent]
      let base = parent < 0 ? -1 : offsets[group.parent] + parent * columns
      for c in 0..<columns {
        let d = (base < 0 ? 0 : values[base + c]) &- total[c]
        if d > slack || -d > slack { return false }
      }
      return true
    }
    return walk(candidates: candidates, isOpen: isOpen, tests: tests, chosen: chosen, holds: holds)
  }

  /// The search with `Decimal` arithmetic, for amounts `ScaledAmounts` cannot hold.
  private func decimalSearch(
    items: [Item], candidates: [[[Cell]]], open: Set<Int>, groups: [(parent: Int, children: [Int])],
    testAt: [[Int]]
  ) -> Solutions {
    let chosen = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, items.count))
    chosen.initialize(repeating: -1)
    defer { chosen.deallocate() }
    let empty = Array(repeating: Cell.empty, count: columnCount)
    func cells(_ i: Int) -> [Cell] { chosen[i] < 0 ? empty : candidates[i][chosen[i]] }
    func holds(_ g: Int) -> Bool {
      let group = groups[g]
      let parent = values(of: cells(group.parent), items[group.parent])
      var total = Array(repeating: Decimal(0), count: columnCount)
      for child in group.children {
        let v = values(of: cells(child), items[child])
        for c in 0..<columnCount { total[c] += v[c] }
      }
      let slack = tolerance * Decimal(max(1, group.children.count))
      return (0..<columnCount).allSatisfy { Self.close(parent[$0], total[$0], slack) }
    }
    return walk(candidates: candidates, isOpen: items.indices.map(open.contains), tests: testAt, chosen: chosen, holds: holds)
  }

  /// The walk both searches share: row by row, an open row skipped, each of a row's candidates
  /// chosen in turn (`chosen[i]`, -1 for none), going deeper while every group tested at that
  /// row `holds`; a complete placement is recorded. The step and solution caps end it.
  private func walk(
    candidates: [[[Cell]]], isOpen: [Bool], tests: [[Int]], chosen: UnsafeMutableBufferPointer<Int>,
    holds: (Int) -> Bool
  ) -> Solutions {
    let count = candidates.count
    let candidateCounts = candidates.map(\.count)
    let empty = Array(repeating: Cell.empty, count: columnCount)
    let stepCap = self.stepCap
    let solutionCap = self.solutionCap
    var solutions = Solutions()
    var steps = 0
    func walk(_ i: Int) {
      if solutions.exhausted { return }
      steps += 1
      if steps > stepCap || solutions.placements.count >= solutionCap {
        solutions.exhausted = true
        return
      }
      if i == count {
        solutions.placements.append((0..<count).map { chosen[$0] < 0 ? empty : candidates[$0][chosen[$0]] })
        return
      }
      if isOpen[i] {
        walk(i + 1)
        return
      }
      for j in 0..<candidateCounts[i] {
        chosen[i] = j
        if tests[i].allSatisfy(holds) { walk(i + 1) }
        if solutions.exhausted { return }
      }
      chosen[i] = -1
    }
    walk(0)
    return solutions
  }

  /// Per open row, the groups in which it is the only open row, in the groups' order. Made once
  /// per table: a row repeated thousands of times on one line (found by fuzzing) is thousands of
  /// open department rows, each with a group of its own, and looking every open row's groups up
  /// again for every placement made the derivation quadratic in the rows.
  private func derivableGroups(
    open: Set<Int>, groups: [(parent: Int, children: [Int])]
  ) -> [Int: [(parent: Int, children: [Int])]] {
    var result: [Int: [(parent: Int, children: [Int])]] = [:]
    for group in groups {
      let openMembers = ([group.parent] + group.children).filter(open.contains)
      if openMembers.count == 1 { result[openMembers[0], default: []].append(group) }
    }
    return result
  }

  /// An open row's values from `groups`, those in which it is the only open row.
  private func derive(
    _ i: Int, cells: [[Cell]], items: [Item], groups: [(parent: Int, children: [Int])]
  ) -> [Decimal]? {
    for group in groups {
      var sum = Array(repeating: Decimal(0), count: columnCount)
      for child in group.children where child != i {
        let v = values(of: cells[child], items[child])
        for c in 0..<columnCount { sum[c] += v[c] }
      }
      var derived: [Decimal]
      if group.parent == i {
        derived = sum
      } else {
        let parent = values(of: cells[group.parent], items[group.parent])
        derived = (0..<columnCount).map { parent[$0] - sum[$0] }
      }
      if sumsHold(derived) { return derived }
    }
    return nil
  }

  static func close(_ a: Decimal, _ b: Decimal, _ tolerance: Decimal) -> Bool {
    let d = a - b
    return d <= tolerance && -d <= tolerance
  }

  static func text(_ value: Decimal) -> String { "\(value)" }
}
