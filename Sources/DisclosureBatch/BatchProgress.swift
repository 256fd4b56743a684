/// The figures of a running batch and their one-line forms (the live line, the periodic line,
/// the summary). Pure: the caller supplies the clock.
public struct BatchProgress: Sendable {
  /// Documents to run in this invocation (after sharding and resuming).
  public var total: Int
  /// Documents skipped by `--resume`.
  public var skipped: Int = 0
  /// Documents ended, by status.
  public var counts: [ManifestEntry.Status: Int] = [:]
  /// Pages of the documents ended `ok`.
  public var pages: Int = 0

  /// A batch of `total` documents to run.
  public init(total: Int, skipped: Int = 0) {
    self.total = total
    self.skipped = skipped
  }

  /// Documents ended so far.
  public var done: Int { counts.values.reduce(0, +) }
  /// Documents ended other than `ok`.
  public var failures: Int { done - (counts[.ok] ?? 0) }

  /// Records one ended document.
  public mutating func record(_ status: ManifestEntry.Status, pages: Int?) {
    counts[status, default: 0] += 1
    if status == .ok { pages.map { self.pages += $0 } }
  }

  /// `120/1000 documents, 2 failed, 45.3 pages/s, 1m20s elapsed, about 10m left`.
  public func line(elapsed: Double) -> String {
    var parts = ["\(done)/\(total) documents", "\(failures) failed"]
    parts.append(elapsed > 0 ? "\(Self.decimal(Double(pages) / elapsed)) pages/s" : "0 pages/s")
    parts.append("\(Self.duration(elapsed)) elapsed")
    if done > 0, done < total {
      parts.append("about \(Self.duration(elapsed / Double(done) * Double(total - done))) left")
    }
    return parts.joined(separator: ", ")
  }

  /// `ingest: 1000 documents in 5m12s, 24.1 pages/s: 998 ok, 1 failed, 1 crashed (20 skipped)`.
  public func summary(elapsed: Double) -> String {
    let byStatus = ManifestEntry.Status.allCases.compactMap { status in
      counts[status].map { "\($0) \(status.rawValue)" }
    }
    var text = "\(done) documents in \(Self.duration(elapsed))"
    if pages > 0, elapsed > 0 { text += ", \(Self.decimal(Double(pages) / elapsed)) pages/s" }
    if !byStatus.isEmpty { text += ": " + byStatus.joined(separator: ", ") }
    if skipped > 0 { text += " (\(skipped) skipped: done before)" }
    return text
  }

  /// `0.4s`, `59s`, `1m20s`, `2h05m`.
  public static func duration(_ seconds: Double) -> String {
    if seconds < 10 { return "\(decimal(seconds))s" }
    let whole = Int(seconds.rounded())
    if whole < 60 { return "\(whole)s" }
    if whole < 3600 { return "\(whole / 60)m\(pad(whole % 60))s" }
    return "\(whole / 3600)h\(pad(whole / 60 % 60))m"
  }

  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  /// One decimal place.
  private static func decimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}
