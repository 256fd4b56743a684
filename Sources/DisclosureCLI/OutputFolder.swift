import DisclosurePoppler
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder that receives output files atomically: each file is written to a hidden temporary
/// file in the same folder (`.NAME.PID.N.partial`), flushed to disk and renamed over `NAME`, so a
/// reader never sees a half-written `NAME`.
///
/// A run stopped by SIGINT, SIGTERM or SIGHUP removes its temporary files on the way out (see
/// ``removePartialsOnSignals()``); one killed outright (SIGKILL, power loss) can leave a
/// `.partial` file behind, never a damaged output, and the next run into the folder removes
/// partial files whose process is gone.
struct OutputFolder: Sendable {
  /// Why a file could not be written.
  struct WriteError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): cannot be written: \(reason)" }
  }

  /// The folder's path as given.
  let path: String

  /// Temporary files being written right now, removed if a signal stops the run.
  private static let inFlight = Mutex<Set<String>>([])
  private static let counter = Atomic<Int>(0)

  /// Creates the folder when needed and removes stale partial files in it.
  init(creating path: String) throws(WriteError) {
    self.path = path
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw WriteError(path: path, reason: Self.reason(error))
    }
    removeStalePartials()
  }

  /// Opens an existing folder without creating it (for reading goldens).
  init(existing path: String) {
    self.path = path
  }

  /// `path/name`.
  func file(_ name: String) -> String {
    path.hasSuffix("/") ? path + name : path + "/" + name
  }

  /// Writes `bytes` to `name` atomically.
  func write(_ bytes: [UInt8], to name: String) throws(WriteError) {
    let target = file(name)
    let number = Self.counter.add(1, ordering: .relaxed).newValue
    let temporary = file(".\(name).\(getpid()).\(number).partial")
    Self.inFlight.withLock { _ = $0.insert(temporary) }
    defer { Self.inFlight.withLock { _ = $0.remove(temporary) } }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw WriteError(path: target, reason: Self.errnoReason()) }
    var failure = bytes.withUnsafeBytes { Self.writeAll($0, to: descriptor) }
    if failure == nil, fsync(descriptor) != 0 { failure = Self.errnoReason() }
    if close(descriptor) != 0, failure == nil { failure = Self.errnoReason() }
    if failure == nil, rename(temporary, target) != 0 { failure = Self.errnoReason() }
    if let failure {
      unlink(temporary)
      throw WriteError(path: target, reason: failure)
    }
  }

  /// A fresh temporary path for `name` in the folder (`.NAME.PID.N.partial`), removed by a signal
  /// that stops the run until ``finished(_:)`` is called with it; for outputs written in pieces
  /// (a database, a CSV file) rather than by ``write(_:to:)``.
  func temporaryFile(for name: String) -> String {
    let number = Self.counter.add(1, ordering: .relaxed).newValue
    let temporary = file(".\(name).\(getpid()).\(number).partial")
    Self.inFlight.withLock { _ = $0.insert(temporary) }
    return temporary
  }

  /// Forgets a path from ``temporaryFile(for:)`` once it is renamed or removed.
  static func finished(_ temporary: String) {
    inFlight.withLock { _ = $0.remove(temporary) }
  }

  /// Names of the regular files in the folder (not recursive), sorted; empty when it is missing.
  func fileNames() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { name in
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: file(name), isDirectory: &isDirectory) && !isDirectory.boolValue
    }.sorted()
  }

  /// Removes `.NAME.PID.N.partial` files whose process no longer runs (a killed run's, or a
  /// worker's that crashed or timed out).
  func removeStalePartials() {
    for name in fileNames() where name.hasPrefix(".") && name.hasSuffix(".partial") {
      let parts = name.split(separator: ".")
      guard parts.count >= 4, let pid = pid_t(parts[parts.count - 3]) else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink(file(name)) }
    }
  }

  /// Removes the temporary files being written right now (a worker whose batch is gone).
  static func removeInFlight() {
    inFlight.withLock { paths in
      for path in paths { unlink(path) }
    }
  }

  /// Stops the process on SIGINT, SIGTERM and SIGHUP after removing the temporary files being
  /// written, with the shell's exit status for a signal (128 + number).
  static func removePartialsOnSignals() {
    for number in [SIGINT, SIGTERM, SIGHUP] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        inFlight.withLock { paths in
          for path in paths { unlink(path) }
        }
        _exit(128 + number)
      }
      source.resume()
      signalSources.append(source)
    }
  }

  /// Keeps the signal sources alive for the life of the process; only touched by
  /// ``removePartialsOnSignals()``, which commands call once from the main thread.
  nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

  /// The reason the last system call failed, lowercased.
  static func errnoReason() -> String {
    String(cString: strerror(errno)).lowercased()
  }

  /// Writes every byte to the descriptor, retrying interrupted writes; the reason it failed, or
  /// nil.
  static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
    var offset = 0
    while offset < bytes.count, let base = bytes.baseAddress {
      let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errnoReason()
      }
      offset += written
    }
    return nil
  }

  static func reason(_ error: any Error) -> String {
    DocumentReader.reason(of: error)
  }
}
