internal import CPoppler
import DisclosureKit
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Routes poppler's GLib log messages (domain "Poppler") to the document being read on the
/// calling thread, so they become diagnostics instead of lines on stdout.
enum PopplerLog {
  private static let messages = Mutex<[UInt: [String]]>([:])
  private static let installed: Bool = {
    _ = g_log_set_handler(
      "Poppler", disclosure_all_log_levels(),
      { _, _, message, _ in
        guard let message else { return }
        PopplerLog.record(String(cString: message))
      }, nil)
    return true
  }()

  /// Installs the handler (once); messages from threads that are not collecting are dropped.
  static func install() { _ = installed }

  /// Starts collecting messages for the calling thread.
  static func begin() {
    install()
    let id = UInt(pthread_self())
    messages.withLock { $0[id] = [] }
  }

  /// Stops collecting and returns what poppler said on this thread since `begin()`.
  static func end() -> [String] {
    let id = UInt(pthread_self())
    return messages.withLock { $0.removeValue(forKey: id) ?? [] }
  }

  /// Takes the messages collected so far, leaving collection on.
  static func drain() -> [String] {
    let id = UInt(pthread_self())
    return messages.withLock { table in
      let taken = table[id] ?? []
      if table[id] != nil { table[id] = [] }
      return taken
    }
  }

  private static func record(_ message: String) {
    let id = UInt(pthread_self())
    messages.withLock { table in
      // Messages from a thread nobody listens on are dropped: stdout stays clean.
      // Appended in place: a copy taken out and written back made each message copy the list.
      guard let count = table[id]?.count, count < 1000 else { return }
      table[id]?.append(message)
    }
  }
}
