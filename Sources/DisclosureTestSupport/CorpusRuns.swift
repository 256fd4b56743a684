import DisclosureKit
import DisclosurePoppler
import Foundation
import Synchronization

/// Each corpus document read, and run through a pipeline, once per test process: the suites that
/// look at the same document (goldens, truth, checks, real tables) share one result instead of
/// running the pipeline again, which was most of `swift test`'s time.
///
/// A result is computed by the first test that asks for it; a test asking for the same key
/// meanwhile waits for it rather than computing it twice. Values are immutable, so sharing
/// them cannot let one test disturb another.
public enum CorpusRuns {
  /// Which pipeline a processed result went through.
  public enum Pipeline: Hashable, Sendable {
    /// `pipelines/default.json` (checks included).
    case `default`
    /// `Pipeline(template:)` with `pipelines/templates/budget.json` and no checks.
    case budgetTemplate
  }

  /// The document at `path` as `DocumentReader()` reads it.
  public static func raw(_ path: String) throws -> RawDocument {
    try raws.value(for: path) { try DocumentReader().read(path) }
  }

  /// The document at `path` read and run through `pipeline`.
  public static func processed(_ path: String, pipeline: Pipeline = .default) throws -> DisclosureDocument {
    try documents.value(for: Key(path: path, pipeline: pipeline)) {
      let raw = try raw(path)
      switch pipeline {
      case .default:
        return try Golden.defaultPipeline().process(raw)
      case .budgetTemplate:
        let template = try Template.decode(
          [UInt8](Data(contentsOf: Corpus.root.appendingPathComponent("pipelines/templates/budget.json"))))
        return DisclosureKit.Pipeline(template: template).process(raw)
      }
    }
  }

  private struct Key: Hashable, Sendable {
    var path: String
    var pipeline: Pipeline
  }

  private static let raws = Memo<String, RawDocument>()
  private static let documents = Memo<Key, DisclosureDocument>()
}

/// Values computed once per key, thread-safely; errors are remembered too.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  /// One key's slot: its own lock, held while the value is computed.
  private final class Slot: Sendable {
    let result = Mutex<Result<Value, any Error>?>(nil)
  }

  private let slots = Mutex<[Key: Slot]>([:])

  func value(for key: Key, compute: () throws -> Value) throws -> Value {
    let slot = slots.withLock { table in
      if let known = table[key] { return known }
      let made = Slot()
      table[key] = made
      return made
    }
    return try slot.result.withLock { stored -> Result<Value, any Error> in
      if let stored { return stored }
      let computed = Result { try compute() }
      stored = computed
      return computed
    }.get()
  }
}
