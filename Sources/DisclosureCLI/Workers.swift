import Foundation
import Synchronization

/// Runs `count` independent jobs on `jobs` threads and hands the results back in index order
/// as soon as each one and all before it are done, so what is printed is the same whatever the
/// number of threads and the order in which jobs finish.
///
/// Plain threads rather than Swift tasks: each job is long, synchronous C work (poppler), which
/// would otherwise block the cooperative pool, and whose width would ignore `--jobs`.
enum Workers {
  static func run<Result: Sendable>(
    count: Int, jobs: Int, job: @escaping @Sendable (Int) -> Result, deliver: (Int, Result) -> Void
  ) {
    guard count > 0 else { return }
    let board = Board<Result>(count: count)
    let next = Atomic<Int>(0)
    for _ in 0..<max(1, min(jobs, count)) {
      let thread = Thread {
        while true {
          let index = next.add(1, ordering: .relaxed).oldValue
          guard index < count else { return }
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
