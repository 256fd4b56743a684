import ArgumentParser
import DisclosureExport
import DisclosureKit
import Foundation

/// `disclosure export INPUT... [--sqlite FILE] [--csv DIR]`: `disclosure/1` JSON documents to an
/// SQLite database (with Datasette metadata) and CSV files (with a Frictionless descriptor).
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export disclosure/1 JSON documents to SQLite (full-text search, Datasette) and CSV (Frictionless).",
    discussion: """
      Reads one document at a time. --sqlite FILE adds the documents to FILE (created when \
      missing): a document already in it (same source sha256) is replaced when its JSON changed \
      and left alone when it did not, so exporting again never duplicates. It also writes \
      metadata.json beside FILE for `datasette FILE -m metadata.json`. --csv DIR writes one CSV \
      file per table of the given documents (UTF-8 with a byte order mark) and datapackage.json. \
      Every output is written to a temporary file and renamed into place at the end. A file that \
      is not a disclosure/1 document does not stop the others: the failures are listed at the end \
      and the exit status is 1.
      """)

  @Argument(help: "disclosure/1 JSON files, or folders (searched recursively for *.json).")
  var inputs: [String]

  @Option(help: "SQLite database to add the documents to (metadata.json is written beside it).")
  var sqlite: String?

  @Option(help: "Folder for one CSV file per table and datapackage.json (created when missing).")
  var csv: String?

  @Option(
    help:
      "Pipeline file whose templates name the money units that amount_yuan converts from. (default: the pipeline built into disclosure)"
  )
  var pipeline: String?

  func run() throws {
    guard sqlite != nil || csv != nil else { throw ValidationError("nothing to write: give --sqlite FILE, --csv DIR or both") }
    let files = Self.expand(inputs)
    guard !files.isEmpty else { throw ValidationError("no .json files in \(inputs.joined(separator: ", "))") }

    let units: MoneyUnit
    do {
      units = MoneyUnit(templates: try PipelineSource(path: pipeline).load().pipeline.templates)
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }

    OutputFolder.removePartialsOnSignals()
    let database: SQLiteExportWriter?
    let tables: CSVExportWriter?
    do {
      database = try sqlite.map { try SQLiteExportWriter(path: $0, documents: files.count) }
      tables = try csv.map { try CSVExportWriter(folder: $0) }
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }

    let feed = ExportFeed(
      files: files, flattener: DocumentFlattener(units: units), known: database?.knownDigests ?? [], parseKnown: tables != nil, csv: tables != nil,
      workers: ProcessInfo.processInfo.activeProcessorCount)
    var failures: [String] = []
    var firstFile: [String: String] = [:]
    var exported = 0
    while let item = feed.next() {
      switch item {
      case .failure(let file, let message):
        failures.append("\(file): \(message)")
      case .known(let file, let digest):
        // Same bytes as a document in the database: nothing to write.
        guard firstOccurrence(of: digest, in: file, "JSON file", &firstFile) else { continue }
        database?.skip()
        exported += 1
      case .document(let file, let digest, let batch, let records):
        // One run writes a document once; a copy under another name would break the CSV keys.
        guard firstOccurrence(of: batch.document, in: file, "source document", &firstFile) else { continue }
        do {
          try database?.write(batch, fileDigest: digest)
          if let records { try tables?.write(records) }
        } catch {
          // The outputs are no longer whole: nothing is renamed into place.
          Console.error("disclosure: error: \(error)")
          throw ExitCode(1)
        }
        exported += 1
      }
    }

    do {
      if let database, let sqlite {
        try database.commit()
        let url = URL(fileURLWithPath: sqlite)
        let name = url.deletingPathExtension().lastPathComponent
        let metadata = DatasetteMetadata.metadata(database: name)
        try OutputFolder(creating: url.deletingLastPathComponent().path)
          .write(CanonicalJSON.data(metadata, pretty: true), to: "metadata.json")
        Console.error(
          "\(sqlite): \(database.added) added, \(database.replaced) replaced, \(database.unchanged) unchanged")
      }
      if let tables, let csv {
        try tables.commit()
        Console.error("\(csv): \(exported) \(exported == 1 ? "document" : "documents")")
      }
    } catch {
      Console.error("disclosure: error: \(error)")
      throw ExitCode(1)
    }

    guard failures.isEmpty else {
      let noun = files.count == 1 ? "file" : "files"
      Console.error("\(failures.count) of \(files.count) \(noun) failed:")
      for failure in failures { Console.error("  \(failure)") }
      throw ExitCode(1)
    }
  }

  /// Whether `key` (the SHA-256 of a source document or a JSON file) is new in this run; warns
  /// when it is not.
  private func firstOccurrence(
    of key: String, in file: String, _ what: String, _ firstFile: inout [String: String]
  ) -> Bool {
    if let first = firstFile[key] {
      Console.error("\(file): warning: [export] same \(what) (sha256 \(key.prefix(12))…) as \(first); skipped")
      return false
    }
    firstFile[key] = file
    return true
  }

  /// Files as given, and `*.json` files under folders (recursive, sorted, hidden ones skipped).
  static func expand(_ inputs: [String]) -> [String] {
    InputFiles.expand(inputs) { $0.hasSuffix(".json") }
  }
}
