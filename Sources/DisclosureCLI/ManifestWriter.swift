import DisclosureBatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Appends ``ManifestEntry`` lines to `manifest.jsonl`, each with one `write` as its document
/// ends, so a killed run leaves at most one torn last line (which ``Manifest`` ignores).
final class ManifestWriter: Sendable {
  /// The manifest's name inside the output folder.
  static let name = "manifest.jsonl"

  private let descriptor: Mutex<Int32>
  /// The file's path.
  let path: String

  /// Opens `path` for appending; `startsNewLine` first ends a torn last line.
  init(path: String, startsNewLine: Bool) throws(OutputFolder.WriteError) {
    self.path = path
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw OutputFolder.WriteError(path: path, reason: OutputFolder.errnoReason()) }
    self.descriptor = Mutex(descriptor)
    if startsNewLine { try append([UInt8(ascii: "\n")]) }
  }

  deinit { descriptor.withLock { _ = close($0) } }

  /// Appends one entry.
  func append(_ entry: ManifestEntry) throws(OutputFolder.WriteError) {
    try append(entry.line)
  }

  private func append(_ bytes: [UInt8]) throws(OutputFolder.WriteError) {
    let failure = descriptor.withLock { descriptor in
      bytes.withUnsafeBytes { OutputFolder.writeAll($0, to: descriptor) }
    }
    if let failure { throw OutputFolder.WriteError(path: path, reason: failure) }
  }
}
