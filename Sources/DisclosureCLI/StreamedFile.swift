import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output file written in pieces to a temporary file of an ``OutputFolder`` and renamed over
/// its name when complete (flushed to disk first), so a stopped run never leaves it half-written.
final class StreamedFile {
  private let folder: OutputFolder
  private let name: String
  private let temporary: String
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private static let bufferSize = 1 << 16

  /// Creates the temporary file for `name` in `folder`.
  init(_ name: String, in folder: OutputFolder) throws(OutputFolder.WriteError) {
    self.folder = folder
    self.name = name
    temporary = folder.temporaryFile(for: name)
    descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      OutputFolder.finished(temporary)
      throw OutputFolder.WriteError(path: folder.file(name), reason: OutputFolder.errnoReason())
    }
    buffer.reserveCapacity(Self.bufferSize)
  }

  deinit {
    // Not committed: the temporary file goes.
    if descriptor >= 0 {
      close(descriptor)
      unlink(temporary)
      OutputFolder.finished(temporary)
    }
  }

  /// Appends bytes.
  func write(_ bytes: [UInt8]) throws(OutputFolder.WriteError) {
    buffer += bytes
    if buffer.count >= Self.bufferSize { try flush() }
  }

  /// Flushes, syncs, closes and renames the file to its name.
  func commit() throws(OutputFolder.WriteError) {
    try flush()
    var failure: String?
    if fsync(descriptor) != 0 { failure = OutputFolder.errnoReason() }
    if close(descriptor) != 0, failure == nil { failure = OutputFolder.errnoReason() }
    descriptor = -1
    if failure == nil, rename(temporary, folder.file(name)) != 0 { failure = OutputFolder.errnoReason() }
    OutputFolder.finished(temporary)
    if let failure {
      unlink(temporary)
      throw OutputFolder.WriteError(path: folder.file(name), reason: failure)
    }
  }

  private func flush() throws(OutputFolder.WriteError) {
    let failure = buffer.withUnsafeBytes { OutputFolder.writeAll($0, to: descriptor) }
    buffer.removeAll(keepingCapacity: true)
    if let failure { throw OutputFolder.WriteError(path: folder.file(name), reason: failure) }
  }

}
