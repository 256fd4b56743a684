/// Why SQLite refused an operation: its result code, its message and the statement, if any.
public struct SQLiteError: Error, CustomStringConvertible, Equatable {
  /// SQLite's primary or extended result code.
  public let code: Int32
  /// SQLite's message (`sqlite3_errmsg`), or what this module found wrong.
  public let message: String
  /// The SQL being prepared or run, when there was one.
  public let sql: String?

  /// Creates an error from a result code and message.
  public init(code: Int32, message: String, sql: String? = nil) {
    self.code = code
    self.message = message
    self.sql = sql
  }

  /// `sqlite error CODE: message` and the statement's first line, lowercase as the package's errors are.
  public var description: String {
    var text = "sqlite error \(code): \(message)"
    if let sql, let line = sql.split(separator: "\n").first { text += " (in \(line.prefix(80)))" }
    return text
  }
}
