internal import CSQLite

/// One open SQLite database file. The only owner of its `sqlite3` handle: the handle is closed
/// in `deinit` and never leaves this module.
///
/// Not thread-safe by design: one connection belongs to one task, like the file it writes.
public final class SQLiteDatabase {
  /// The C handle; statements keep the database alive by holding a reference to this object.
  let handle: OpaquePointer

  /// The path the database was opened at.
  public let path: String

  /// How a database is opened.
  public enum Mode: Sendable {
    /// Read only; the file must exist.
    case readOnly
    /// Read and write, creating the file when it is missing.
    case readWriteCreate
  }

  /// Configures the library once, before its first use (see the shim): no memory statistics.
  private static let configured: Bool = disclosure_sqlite_disable_memory_statistics() == SQLITE_OK

  /// Opens (or creates) the database at `path`.
  public init(path: String, mode: Mode = .readWriteCreate) throws(SQLiteError) {
    _ = Self.configured
    var pointer: OpaquePointer?
    let flags: Int32 =
      switch mode {
      case .readOnly: SQLITE_OPEN_READONLY
      case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
      }
    let status = sqlite3_open_v2(path, &pointer, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard status == SQLITE_OK, let pointer else {
      let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
      // A failed open can still allocate a handle, which must be closed.
      if let pointer { sqlite3_close_v2(pointer) }
      throw SQLiteError(code: status, message: message)
    }
    self.handle = pointer
    self.path = path
    sqlite3_extended_result_codes(pointer, 1)
  }

  deinit {
    // close_v2 defers the close until the last statement is finalized, so the order in which
    // Swift releases a database and its statements does not matter.
    sqlite3_close_v2(handle)
  }

  /// The linked library's version, such as "3.40.1".
  public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

  /// Runs one or more statements that take no parameters and return nothing of interest.
  public func execute(_ sql: String) throws(SQLiteError) {
    var message: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(handle, sql, nil, nil, &message)
    guard status == SQLITE_OK else {
      let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
      sqlite3_free(message)
      throw SQLiteError(code: status, message: text, sql: sql)
    }
  }

  /// Compiles one statement for repeated use.
  public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    try SQLiteStatement(database: self, sql: sql)
  }

  /// Every result row of `sql` run with `values` bound to its parameters.
  public func rows(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
    try prepare(sql).rows(values)
  }

  /// Runs `body` inside `BEGIN … COMMIT`; rolls back and rethrows when it throws.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// The error SQLite reports for the last call on this connection.
  func lastError(_ status: Int32, sql: String?) -> SQLiteError {
    SQLiteError(code: status, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
  }
}
