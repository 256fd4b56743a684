import Foundation
import Synchronization

/// Runs `count` independent jobs on `jobs` threads and hands the results back in index order
/// as soon as each one and all before it are done, so what is printed is the same whatever the
/// number of threads and the order in which jobs finish. Jobs start in `start` order (largest
/// input first keeps one long document from running alone at the end of a batch).
///
/// Plain threads rather than Swift tasks: each job is long, synchronous C work (poppler), which
/// would otherwise block the cooperative pool, and whose width would ignore `--jobs`.
enum Workers {
  static func run<Result: Sendable>(
    count: Int, jobs: Int, start: [Int]? = nil, job: @escaping @Sendable (Int) -> Result,
    deliver: (Int, Result) -> Void
  ) {
    guard count > 0 else { return }
    let order = start.flatMap { $0.count == count && Set($0) == Set(0..<count) ? $0 : nil } ?? Array(0..<count)
    let board = Board<Result>(count: count)
    let next = Atomic<Int>(0)
    for _ in 0..<max(1, min(jobs, count)) {
      let thread = Thread {
        while true {
          let position = next.add(1, ordering: .relaxed).oldValue
          guard position < count else { return }
          let index = order[position]
          board.post(job(index), at: index)
        }
      }
      // Poppler and the pipeline recurse modestly; the default 512 KiB secondary-thread stack
      // is smaller than the main thread's 8 MiB, so give workers the same room.
      thread.stackSize = 8 << 20
      thread.start()
    }
    for index in 0..<count {
      deliver(index, board.take(at: index))
    }
  }

  /// Indices of `paths` by file size, largest first (ties and unreadable sizes in input order).
  static func largestFirst(_ paths: [String]) -> [Int] {
    let sizes = paths.map { path in
      ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
    return paths.indices.sorted { (sizes[$1], $0) < (sizes[$0], $1) }
  }

  /// Result slots with a condition to wait on.
  private final class Board<Result: Sendable>: @unchecked Sendable {
    // Guarded by `condition`.
    private var slots: [Result?]
    private let condition = NSCondition()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func post(_ result: Result, at index: Int) {
      condition.lock()
      slots[index] = result
      condition.broadcast()
      condition.unlock()
    }

    func take(at index: Int) -> Result {
      condition.lock()
      defer { condition.unlock() }
      while true {
        if let result = slots[index] {
          slots[index] = nil
          return result
        }
        condition.wait()
      }
    }
  }
}
