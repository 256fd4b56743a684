import Foundation

/// Writes to stdout and stderr without buffering surprises.
enum Console {
  /// Writes `text` to stdout as is.
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Writes one line to stderr.
  static func error(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
