import DisclosureKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs documents in `_worker` processes (this binary re-executed, see ``Worker``), at most `jobs`
/// at a time, each fed one request at a time over a pipe and answering over another.
///
/// 1. Start `jobs` workers (fewer for fewer documents); give each idle one the next document.
/// 2. Wait for replies with `poll`; a reply line is the document's ``DocumentOutcome``.
/// 3. A worker whose pipe closes before it replies has died: its document is `crashed` with the
///    signal that ended it. One busy past `timeout` seconds is killed (SIGKILL): `timeout`.
///    Either way the worker is replaced while documents remain.
///
/// Workers live as long as the batch, so process start-up and pipeline loading are paid once per
/// worker, not per document. ``start(count:)`` starts them before the batch has planned its work
/// (hashing the inputs, reading the manifest), so that their start-up runs alongside it.
final class WorkerPool {
  /// How to start a worker and how long a document may take.
  struct Settings {
    /// The executable to run (this one).
    var executable: String
    /// Its arguments (`_worker …`).
    var arguments: [String]
    /// Workers at once.
    var jobs: Int
    /// Seconds a document may take before its worker is killed.
    var timeout: Double
  }

  /// The longest the pool waits between calls to `tick`.
  static let tickInterval = 0.25

  private final class Slot {
    let pid: pid_t
    let input: Int32
    let output: Int32
    var buffer: [UInt8] = []
    var current: Int?
    var started = 0.0

    init(pid: pid_t, input: Int32, output: Int32) {
      self.pid = pid
      self.input = input
      self.output = output
    }
  }

  private let settings: Settings
  private let environment: [String]
  /// The running workers, idle ones included.
  private var slots: [Slot] = []

  /// A pool with `settings`.
  init(settings: Settings) {
    self.settings = settings
    var environment = ProcessInfo.processInfo.environment
    // A crash is reported by the batch; the runtime's backtracer would only slow it and fill stderr.
    environment["SWIFT_BACKTRACE"] = "enable=no"
    self.environment = environment.map { "\($0.key)=\($0.value)" }.sorted()
  }

  /// Workers not given to `run` (the batch ended before it, say on a bad pipeline) hold no
  /// document: they are killed, not waited for while they start up.
  deinit {
    for slot in slots {
      kill(slot.pid, SIGKILL)
      close(slot.input)
      close(slot.output)
      var status: Int32 = 0
      while waitpid(slot.pid, &status, 0) < 0 && errno == EINTR {}
    }
  }

  /// Starts up to `count` workers (at most `jobs`) now, idle until `run` gives them documents. A
  /// worker that cannot start is left to `run`, which tries again and reports why.
  func start(count: Int) {
    signal(SIGPIPE, SIG_IGN)
    while slots.count < min(count, settings.jobs), case .success(let slot) = spawn() {
      slots.append(slot)
    }
  }

  /// Runs the documents `order` (indices, in the order to start them); `request(index)` is the
  /// request line for one; `finished` gets each outcome as it ends; `lost` is called after a
  /// worker died or was killed; `tick` at least every ``tickInterval`` seconds.
  func run(
    order: [Int], request: (Int) -> [UInt8], finished: (Int, DocumentOutcome) -> Void, lost: () -> Void,
    tick: () -> Void
  ) {
    signal(SIGPIPE, SIG_IGN)
    var pending = order[...]
    var remaining = order.count

    func end(_ slot: Slot, _ outcome: DocumentOutcome) {
      if let index = slot.current {
        slot.current = nil
        remaining -= 1
        finished(index, outcome)
      }
    }

    func dispose(_ slot: Slot, kill signalNumber: Int32?) -> Int32 {
      if let signalNumber { kill(slot.pid, signalNumber) }
      close(slot.input)
      close(slot.output)
      var status: Int32 = 0
      while waitpid(slot.pid, &status, 0) < 0 && errno == EINTR {}
      slots.removeAll { $0 === slot }
      lost()
      return status
    }

    while remaining > 0 {
      // 1. Feed idle workers, starting new ones up to `jobs`.
      while !pending.isEmpty {
        let slot: Slot
        if let idle = slots.first(where: { $0.current == nil }) {
          // One that died while idle (before its first document, say, while the batch hashed
          // its inputs) is replaced rather than given a document it would fail.
          var status: Int32 = 0
          if waitpid(idle.pid, &status, WNOHANG) == idle.pid {
            close(idle.input)
            close(idle.output)
            slots.removeAll { $0 === idle }
            continue
          }
          slot = idle
        } else if slots.count < settings.jobs {
          switch spawn() {
          case .success(let started): slot = started
          case .failure(let reason):
            let index = pending.removeFirst()
            remaining -= 1
            finished(index, DocumentOutcome(status: .crashed, error: "cannot start a worker: \(reason)"))
            continue
          }
          slots.append(slot)
        } else {
          break
        }
        let index = pending.removeFirst()
        slot.current = index
        slot.started = Self.now()
        let line = request(index)
        if line.withUnsafeBytes({ OutputFolder.writeAll($0, to: slot.input) }) != nil {
          // It died while idle; its pipe will say so below.
          continue
        }
      }
      guard remaining > 0 else { break }

      // 2. Wait for a reply, a death or the next deadline.
      let busy = slots.filter { $0.current != nil }
      let now = Self.now()
      let nearest = busy.map { $0.started + settings.timeout - now }.min() ?? Self.tickInterval
      let wait = max(0, min(nearest, Self.tickInterval))
      var descriptors = busy.map { pollfd(fd: $0.output, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&descriptors, nfds_t(descriptors.count), Int32((wait * 1000).rounded(.up)))
      if ready > 0 {
        for (slot, descriptor) in zip(busy, descriptors) where descriptor.revents != 0 {
          read(from: slot, end: end, dispose: dispose)
        }
      }

      // 3. Kill what ran out of time.
      let later = Self.now()
      for slot in slots where slot.current != nil && later - slot.started > settings.timeout {
        _ = dispose(slot, kill: SIGKILL)
        end(slot, DocumentOutcome(status: .timeout, error: "timed out after \(Self.seconds(settings.timeout)) s"))
      }
      tick()
    }
    for slot in slots { _ = dispose(slot, kill: nil) }
  }

  /// Reads what a worker sent: whole reply lines end their documents; end of file means it died.
  private func read(
    from slot: Slot, end: (Slot, DocumentOutcome) -> Void, dispose: (Slot, Int32?) -> Int32
  ) {
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    let count = chunk.withUnsafeMutableBytes { Glibc.read(slot.output, $0.baseAddress, $0.count) }
    if count < 0 && errno == EINTR { return }
    guard count > 0 else {
      let status = dispose(slot, nil)
      end(slot, Self.crashOutcome(status))
      return
    }
    slot.buffer += chunk[..<count]
    while let newline = slot.buffer.firstIndex(of: UInt8(ascii: "\n")) {
      let line = slot.buffer[..<newline]
      let outcome =
        DocumentOutcome(line: line)
        ?? DocumentOutcome(status: .crashed, error: "worker sent an unreadable reply")
      slot.buffer.removeSubrange(...newline)
      end(slot, outcome)
    }
  }

  /// The outcome of a worker that ended with wait status `status` while running a document.
  static func crashOutcome(_ status: Int32) -> DocumentOutcome {
    let signalNumber = status & 0x7f
    if signalNumber != 0 && signalNumber != 0x7f {
      let name = signalName(signalNumber)
      return DocumentOutcome(status: .crashed, error: "crashed: \(name)", signal: name)
    }
    return DocumentOutcome(status: .crashed, error: "crashed: worker exited with status \((status >> 8) & 0xff)")
  }

  /// `SIGSEGV` for 11, and so on for the signals a crash ends with.
  static func signalName(_ number: Int32) -> String {
    let names: [Int32: String] = [
      SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
      SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP",
      SIGPIPE: "SIGPIPE", SIGXCPU: "SIGXCPU", SIGSYS: "SIGSYS",
    ]
    return names[number] ?? "signal \(number)"
  }

  /// `300` or `0.5`.
  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }

  private static func now() -> Double { ProcessInfo.processInfo.systemUptime }

  /// Starts one worker with its stdin and stdout on fresh pipes.
  private func spawn() -> Result<Slot, SpawnError> {
    var toWorker: [Int32] = [-1, -1]
    var fromWorker: [Int32] = [-1, -1]
    guard Self.pipeClosedOnExec(&toWorker) else { return .failure(SpawnError(OutputFolder.errnoReason())) }
    guard Self.pipeClosedOnExec(&fromWorker) else {
      let reason = OutputFolder.errnoReason()
      close(toWorker[0])
      close(toWorker[1])
      return .failure(SpawnError(reason))
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toWorker[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromWorker[1], 1)
    // Signals this process ignores would stay ignored in the worker; give it the defaults.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, number) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

    let argv = ([settings.executable] + settings.arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, settings.executable, &actions, &attributes, argv, envp)
    close(toWorker[0])
    close(fromWorker[1])
    guard result == 0 else {
      close(toWorker[1])
      close(fromWorker[0])
      return .failure(SpawnError(String(cString: strerror(result)).lowercased()))
    }
    return .success(Slot(pid: pid, input: toWorker[1], output: fromWorker[0]))
  }

  /// A pipe whose ends are closed in other children (this process starts one worker per pool
  /// slot, and a worker holding another's pipe would keep it open past that one's death).
  private static func pipeClosedOnExec(_ ends: inout [Int32]) -> Bool {
    guard pipe(&ends) == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return true
  }

  struct SpawnError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  /// The path of the running executable (`/proc/self/exe` resolved), for re-executing it.
  static func currentExecutable() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 {
      return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    return CommandLine.arguments[0]
  }
}
