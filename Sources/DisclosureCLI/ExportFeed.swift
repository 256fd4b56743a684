import DisclosureExport
import DisclosureKit
import Foundation

/// Reads, hashes, parses and flattens the export's input files on a thread of its own, in input
/// order, while the caller writes the previous ones: reading and writing overlap on two cores,
/// and at most ``capacity`` documents wait, so memory stays flat however many files there are.
final class ExportFeed: @unchecked Sendable {
  /// One input file's outcome.
  enum Item: Sendable {
    /// A document and the SHA-256 of its JSON file.
    case document(file: String, digest: String, batch: ExportBatch)
    /// A file whose digest is already in the database, not parsed (see `init`).
    case known(file: String, digest: String)
    /// A file that is not a readable `disclosure/1` document.
    case failure(file: String, message: String)
  }

  /// Documents read ahead of the writer at most.
  static let capacity = 4

  // Guarded by `condition`.
  private var queue: [Item] = []
  private var finished = false
  private let condition = NSCondition()

  /// Starts reading `files`. A file whose digest is in `known` is only hashed, not parsed, when
  /// `parseKnown` is false (an SQLite-only export skips documents it already holds).
  init(files: [String], known: Set<String>, parseKnown: Bool) {
    let thread = Thread { [self] in
      let flattener = DocumentFlattener()
      for file in files {
        put(Self.item(file, flattener: flattener, known: known, parseKnown: parseKnown))
      }
      condition.lock()
      finished = true
      condition.broadcast()
      condition.unlock()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The next file's outcome in input order, waiting for it; nil after the last.
  func next() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && !finished { condition.wait() }
    guard !queue.isEmpty else { return nil }
    let item = queue.removeFirst()
    condition.broadcast()
    return item
  }

  private func put(_ item: Item) {
    condition.lock()
    while queue.count >= Self.capacity { condition.wait() }
    queue.append(item)
    condition.broadcast()
    condition.unlock()
  }

  private static func item(_ file: String, flattener: DocumentFlattener, known: Set<String>, parseKnown: Bool) -> Item {
    let bytes: [UInt8]
    do {
      bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
    } catch {
      return .failure(file: file, message: "cannot be read: \(OutputFolder.reason(error))")
    }
    let digest = SHA256.hex(bytes)
    if !parseKnown && known.contains(digest) { return .known(file: file, digest: digest) }
    do {
      let batch = try flattener.batch(of: try JSONParser.parse(bytes), fileDigest: digest)
      return .document(file: file, digest: digest, batch: batch)
    } catch {
      return .failure(file: file, message: "\(error)")
    }
  }
}
