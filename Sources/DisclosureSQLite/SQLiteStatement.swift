internal import CSQLite

/// A compiled statement, finalized in `deinit`. Holds its database so the connection outlives it.
public final class SQLiteStatement {
  private let database: SQLiteDatabase
  private let handle: OpaquePointer
  /// The statement's SQL as given.
  public let sql: String

  init(database: SQLiteDatabase, sql: String) throws(SQLiteError) {
    var pointer: OpaquePointer?
    let status = sqlite3_prepare_v2(database.handle, sql, -1, &pointer, nil)
    guard status == SQLITE_OK, let pointer else { throw database.lastError(status, sql: sql) }
    self.database = database
    self.handle = pointer
    self.sql = sql
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// Binds `values` to the parameters in order, runs the statement to its end and resets it.
  public func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
    try bind(values)
    try step()
  }

  /// Binds `count` values to the parameters in order, each made by `value(index)` as it is
  /// bound (no array of them is built), then runs the statement to its end and resets it: the
  /// bulk-insert path, one call per row.
  public func run(count: Int, _ value: (Int) -> SQLiteValue) throws(SQLiteError) {
    try checkCount(count)
    for offset in 0..<count { try bind(value(offset), at: Int32(offset + 1)) }
    try step()
  }

  /// Steps the bound statement to its end and resets it (bindings stay until rebound: every
  /// run binds every parameter).
  private func step() throws(SQLiteError) {
    defer { sqlite3_reset(handle) }
    while true {
      let status = sqlite3_step(handle)
      if status == SQLITE_DONE { return }
      guard status == SQLITE_ROW else { throw database.lastError(status, sql: sql) }
    }
  }

  /// Binds `values`, collects every result row and resets the statement.
  public func rows(_ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
    try bind(values)
    defer { sqlite3_reset(handle) }
    var rows: [[SQLiteValue]] = []
    while true {
      let status = sqlite3_step(handle)
      if status == SQLITE_DONE { return rows }
      guard status == SQLITE_ROW else { throw database.lastError(status, sql: sql) }
      rows.append((0..<sqlite3_column_count(handle)).map(column))
    }
  }

  /// The names of the result columns.
  public var columnNames: [String] {
    (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
  }

  private func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
    try checkCount(values.count)
    for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
  }

  private func checkCount(_ count: Int) throws(SQLiteError) {
    let expected = Int(sqlite3_bind_parameter_count(handle))
    guard count == expected else {
      throw SQLiteError(code: SQLITE_RANGE, message: "statement takes \(expected) values, \(count) given", sql: sql)
    }
  }

  private func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
    let status: Int32
    switch value {
    case .null: status = sqlite3_bind_null(handle, index)
    case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
    case .real(let number): status = sqlite3_bind_double(handle, index, number)
    case .text(var text):
      // The string's own UTF-8 bytes, counted, which SQLite copies once (passing the String
      // would build a C string and measure it first); a bridged string is made native first.
      text.makeContiguousUTF8()
      if text.isEmpty {
        status = sqlite3_bind_text(handle, index, "", 0, disclosure_sqlite_transient())
      } else {
        status =
          text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
              sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), disclosure_sqlite_transient())
            }
          } ?? SQLITE_MISUSE
      }
    }
    guard status == SQLITE_OK else { throw database.lastError(status, sql: sql) }
  }

  private func column(_ index: Int32) -> SQLiteValue {
    switch sqlite3_column_type(handle, index) {
    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
    case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
    case SQLITE_NULL: return .null
    default:
      // Text and blobs alike come back as UTF-8 text: this package stores no binary data.
      guard let bytes = sqlite3_column_text(handle, index) else { return .null }
      let count = Int(sqlite3_column_bytes(handle, index))
      return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
    }
  }
}
