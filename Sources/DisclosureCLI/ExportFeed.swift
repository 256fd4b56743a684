import DisclosureExport
import DisclosureKit
import DisclosurePoppler
import Foundation

/// Reads, hashes, parses and flattens the export's input files on worker threads while the
/// caller writes: the caller gets them in input order, and no worker runs more than
/// ``capacity`` files ahead of it, so memory stays flat however many files there are.
final class ExportFeed: @unchecked Sendable {
  /// One input file's outcome.
  enum Item: Sendable {
    /// A document and the SHA-256 of its JSON file; with `csv`, its CSV records too, per table
    /// of ``ExportSchema/tables`` (made here, on the reading thread, not by the writer).
    case document(file: String, digest: String, batch: ExportBatch, csv: [[UInt8]]?)
    /// A file whose digest is already in the database, not parsed (see `init`).
    case known(file: String, digest: String)
    /// A file that is not a readable `disclosure/1` document.
    case failure(file: String, message: String)
  }

  /// Files read ahead of the writer at most.
  static let capacity = 4

  // Guarded by `condition`: outcomes waiting by input position, the next position to hand to a
  // worker and the next the caller takes.
  private var ready: [Int: Item] = [:]
  private var nextToRead = 0
  private var nextToTake = 0
  private let count: Int
  private let condition = NSCondition()

  /// Starts `workers` threads reading `files`. A file whose digest is in `known` is only hashed,
  /// not parsed, when `parseKnown` is false (an SQLite-only export skips documents it holds).
  /// With `csv`, each document's CSV records are made too.
  init(files: [String], flattener: DocumentFlattener, known: Set<String>, parseKnown: Bool, csv: Bool, workers: Int) {
    count = files.count
    for _ in 0..<max(1, min(workers, files.count)) {
      let thread = Thread { [self] in
        while let position = claim() {
          let item = Self.item(files[position], flattener: flattener, known: known, parseKnown: parseKnown, csv: csv)
          condition.lock()
          ready[position] = item
          condition.broadcast()
          condition.unlock()
        }
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  /// The next file's outcome in input order, waiting for it; nil after the last.
  func next() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    guard nextToTake < count else { return nil }
    while ready[nextToTake] == nil { condition.wait() }
    let item = ready.removeValue(forKey: nextToTake)
    nextToTake += 1
    condition.broadcast()
    return item
  }

  /// The next position for a worker, waiting while it would run too far ahead; nil when done.
  private func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while nextToRead < count && nextToRead >= nextToTake + Self.capacity { condition.wait() }
    guard nextToRead < count else { return nil }
    nextToRead += 1
    return nextToRead - 1
  }

  private static func item(
    _ file: String, flattener: DocumentFlattener, known: Set<String>, parseKnown: Bool, csv: Bool
  ) -> Item {
    let bytes: [UInt8]
    do {
      bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
    } catch {
      return .failure(file: file, message: "cannot be read: \(OutputFolder.reason(error))")
    }
    let digest = DocumentReader.sha256(bytes)
    if !parseKnown && known.contains(digest) { return .known(file: file, digest: digest) }
    do {
      let batch = try flattener.batch(of: try JSONTape(parsing: bytes).root, fileDigest: digest)
      return .document(file: file, digest: digest, batch: batch, csv: csv ? CSVExportWriter.records(of: batch) : nil)
    } catch {
      return .failure(file: file, message: "\(error)")
    }
  }
}
