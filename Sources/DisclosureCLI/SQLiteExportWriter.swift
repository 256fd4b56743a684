import DisclosureExport
import DisclosureKit
import DisclosureSQLite
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the tidy model into an SQLite database, replacing documents already in it.
///
/// 1. Copies the database (when it exists) to a temporary file beside it and opens that, so a
///    stopped run leaves the old database whole; ``commit()`` renames the copy over it.
/// 2. Creates the tables, indexes and full-text indexes that are missing; refuses a database
///    whose `user_version` is another model's.
/// 3. Per document: a document whose id and JSON digest are already there is left alone
///    (unchanged); one whose id is there with another digest has its rows deleted first
///    (replaced); then its rows are inserted.
///
/// The whole run is one transaction on the temporary copy: the rename is what makes it visible,
/// so per-document commits would buy nothing, and one commit lets the full-text index write
/// large segments instead of merging one small segment per document.
///
/// The full-text indexes are brought up to date once, in ``commit()``, not by their triggers
/// row by row: once an FTS5 table has joined a transaction, SQLite opens a savepoint on it for
/// every later statement, and FTS5 flushes its pending terms to disk at each one, so every
/// insert into any table wrote a small index segment (a ninth of the export's instructions).
/// The insert and delete triggers are dropped on the temporary copy while it is written, the
/// old text of replaced rows is kept in a temporary table, and ``commit()`` deletes that text
/// from the index, indexes the rows of the documents written, and creates the triggers again.
final class SQLiteExportWriter {
  /// Why the database cannot be written.
  struct Failure: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
  }

  /// Documents added, replaced and left unchanged so far.
  private(set) var added = 0
  private(set) var replaced = 0
  private(set) var unchanged = 0

  private let path: String
  private let folder: OutputFolder
  private let temporary: String
  private var connection: Connection?
  private var committed = false

  /// The open database and its prepared statements, dropped together before the rename.
  private struct Connection {
    let database: SQLiteDatabase
    let digest: SQLiteStatement
    let inserts: [String: SQLiteStatement]
    let deletes: [String: SQLiteStatement]
    /// Keeps a replaced document's indexed text until ``commit()`` deletes it from the index.
    let keepIndexed: [SQLiteStatement]
    /// Notes a document written in this run, whose rows ``commit()`` indexes.
    let noteWritten: SQLiteStatement
  }

  /// Keys of the documents written in this run (their rows are not in the full-text index yet).
  private var written: Set<Int> = []
  /// The input files of the run, and the documents the database held when opened.
  private let documents: Int
  private var held = 0
  /// Whether the secondary indexes were dropped, to be built at the commit.
  private var indexesDeferred = false

  /// Opens a temporary copy of `path` (or a new database) and prepares it for a run of
  /// `documents` input files at most.
  init(path: String, documents: Int) throws {
    self.path = path
    self.documents = documents
    let url = URL(fileURLWithPath: path)
    folder = try OutputFolder(creating: url.deletingLastPathComponent().path)
    temporary = folder.temporaryFile(for: url.lastPathComponent)
    do {
      if FileManager.default.fileExists(atPath: path) {
        try FileManager.default.copyItem(atPath: path, toPath: temporary)
      }
      let database = try SQLiteDatabase(path: temporary)
      // The temporary copy is thrown away on any failure (a failed write ends the run before
      // anything is renamed), so it needs no rollback journal, no locking between transactions
      // and no syncing until the end. The page cache is bounded (32 MB), so memory stays flat.
      try database.execute(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -32000")
      let version = try database.rows("PRAGMA user_version").first?.first?.integerValue ?? 0
      let tableCount = try database.rows("SELECT count(*) FROM sqlite_master").first?.first?.integerValue ?? 0
      if version != Int64(ExportSchema.version) && (version != 0 || tableCount != 0) {
        throw Failure(
          path: path,
          reason: "is not a disclosure export database of model version \(ExportSchema.version) (user_version \(version))")
      }
      try database.transaction {
        for statement in ExportSchema.createStatements { try database.execute(statement) }
        try database.execute("PRAGMA user_version = \(ExportSchema.version)")
      }
      for statement in ExportSchema.deferredFullTextSetup { try database.execute(statement) }
      held = Int(try database.rows("SELECT count(*) FROM documents").first?.first?.integerValue ?? 0)
      var inserts: [String: SQLiteStatement] = [:]
      var deletes: [String: SQLiteStatement] = [:]
      for table in ExportSchema.tables {
        inserts[table.name] = try database.prepare(ExportSchema.insertStatement(for: table))
        deletes[table.name] = try database.prepare(ExportSchema.deleteStatement(for: table))
      }
      connection = Connection(
        database: database, digest: try database.prepare("SELECT json_sha256 FROM documents WHERE id = ?"),
        inserts: inserts, deletes: deletes,
        keepIndexed: try ExportSchema.keepIndexedStatements.map { try database.prepare($0) },
        noteWritten: try database.prepare(ExportSchema.noteWrittenStatement))
      try database.execute("BEGIN")
    } catch let failure as Failure {
      discard()
      throw failure
    } catch {
      discard()
      throw Failure(path: path, reason: "\(error)")
    }
  }

  deinit {
    discard()
  }

  /// The JSON digests of the documents in the database when it was opened.
  var knownDigests: Set<String> {
    guard let connection, let rows = try? connection.database.rows("SELECT json_sha256 FROM documents") else { return [] }
    return Set(rows.compactMap { $0.first?.textValue })
  }

  /// Counts a document whose JSON digest is already in the database as unchanged.
  func skip() {
    unchanged += 1
  }

  /// Adds or replaces one document.
  func write(_ batch: ExportBatch, fileDigest: String) throws {
    guard let connection else { return }
    do {
      let previous = try connection.digest.rows([.text(batch.document)]).first?.first?.textValue
      if previous == fileDigest {
        unchanged += 1
        return
      }
      // The first document written decides: when the run may still write as many documents as
      // the database holds, the secondary indexes are built at the commit, from sorted rows,
      // rather than row by row (a fresh export: a third of SQLite's work). A small update to a
      // large database keeps them, and a run that writes nothing builds nothing.
      if written.isEmpty && !indexesDeferred && documents - unchanged >= held {
        for statement in ExportSchema.dropSecondaryIndexStatements { try connection.database.execute(statement) }
        indexesDeferred = true
      }
      if previous != nil {
        // Text indexed before this run leaves the index at the commit; a document written
        // earlier in this run was never indexed.
        if !written.contains(batch.key) {
          for keep in connection.keepIndexed { try keep.run([.integer(Int64(batch.key))]) }
        }
        // Children first, so the foreign keys never dangle.
        for table in ExportSchema.tables.reversed() {
          try connection.deletes[table.name]?.run([.integer(Int64(batch.key))])
        }
        replaced += 1
      } else {
        added += 1
      }
      for table in ExportSchema.tables {
        guard let insert = connection.inserts[table.name] else { continue }
        for row in batch.rows(of: table.name) { try insert.run(count: row.count) { Self.value(row[$0]) } }
      }
      if written.insert(batch.key).inserted {
        try connection.noteWritten.run([.integer(Int64(batch.key))])
      }
    } catch {
      throw Failure(path: path, reason: "\(error)")
    }
  }

  /// Closes the temporary database, flushes it to disk and renames it over the target.
  func commit() throws {
    do {
      if let database = connection?.database {
        for statement in ExportSchema.deferredFullTextCommit { try database.execute(statement) }
        for statement in ExportSchema.createStatements { try database.execute(statement) }
      }
      try connection?.database.execute("COMMIT")
      try connection?.database.execute("PRAGMA optimize")
    } catch {
      throw Failure(path: path, reason: "\(error)")
    }
    connection = nil  // closes the database: statements and connection are released here
    let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
    let synced = descriptor >= 0 && fsync(descriptor) == 0
    if descriptor >= 0 { close(descriptor) }
    guard synced, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno)).lowercased()
      discard()
      throw Failure(path: path, reason: "cannot be written: \(reason)")
    }
    committed = true
    OutputFolder.finished(temporary)
  }

  private func discard() {
    connection = nil
    guard !committed else { return }
    unlink(temporary)
    OutputFolder.finished(temporary)
  }

  private static func value(_ value: ExportValue) -> SQLiteValue {
    switch value {
    case .null: .null
    case .integer(let number): .integer(Int64(number))
    case .decimal(let text), .text(let text): .text(text)
    case .real(let number): .real(number)
    case .boolean(let flag): .integer(flag ? 1 : 0)
    }
  }
}
