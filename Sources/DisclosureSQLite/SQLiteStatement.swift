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
    defer { reset() }
    while true {
      let status = sqlite3_step(handle)
      if status == SQLITE_DONE { return }
      guard status == SQLITE_ROW else { throw database.lastError(status, sql: sql) }
    }
  }

  /// Binds `values`, collects every result row and resets the statement.
  public func rows(_ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
    try bind(values)
    defer { reset() }
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
    let expected = Int(sqlite3_bind_parameter_count(handle))
    guard values.count == expected else {
      throw SQLiteError(
        code: SQLITE_RANGE, message: "statement takes \(expected) values, \(values.count) given", sql: sql)
    }
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let status: Int32
      switch value {
      case .null: status = sqlite3_bind_null(handle, index)
      case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
      case .real(let number): status = sqlite3_bind_double(handle, index, number)
      case .text(let text): status = sqlite3_bind_text(handle, index, text, -1, disclosure_sqlite_transient())
      }
      guard status == SQLITE_OK else { throw database.lastError(status, sql: sql) }
    }
  }

  private func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
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
