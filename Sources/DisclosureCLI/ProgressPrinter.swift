import DisclosureBatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Prints a batch's progress on stderr between its diagnostics: on a terminal one live line,
/// redrawn in place and cleared before each diagnostic; elsewhere a line every
/// ``periodicInterval`` seconds; nothing when quiet. Then the summary.
final class ProgressPrinter {
  /// Seconds between progress lines off a terminal.
  static let periodicInterval = 10.0
  /// Seconds between redraws of the live line.
  static let liveInterval = 0.2

  private let live: Bool
  private let periodic: Bool
  private let quiet: Bool
  private let start: Double
  private var shown = false
  private var lastDraw = -Double.infinity
  private var lastLine: Double

  /// A printer for a batch that started at `start` (``now()``).
  init(quiet: Bool, start: Double) {
    let terminal = isatty(2) == 1
    live = terminal && !quiet
    periodic = !terminal && !quiet
    self.quiet = quiet
    self.start = start
    lastLine = start
  }

  /// Seconds on a monotonic clock.
  static func now() -> Double { ProcessInfo.processInfo.systemUptime }

  /// Prints a diagnostic line without breaking the live line.
  func message(_ line: String) {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    Console.error(line)
    if shown { draw(lastText) }
  }

  private var lastText = ""

  /// Shows the progress now if it is time (or `force`).
  func update(_ progress: BatchProgress, force: Bool = false) {
    let now = Self.now()
    if live, force || now - lastDraw >= Self.liveInterval {
      lastDraw = now
      draw(progress.line(elapsed: now - start))
    } else if periodic, now - lastLine >= Self.periodicInterval {
      lastLine = now
      Console.error("disclosure: " + progress.line(elapsed: now - start))
    }
  }

  private func draw(_ text: String) {
    lastText = text
    shown = true
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
  }

  /// Clears the live line and prints the summary.
  func finish(_ progress: BatchProgress) {
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    shown = false
    if !quiet { Console.error("disclosure: " + progress.summary(elapsed: Self.now() - start)) }
  }
}
