/// `--shard I/N`: the inputs whose SHA-256 falls in shard I of N, so N machines given the same
/// listing split it without talking to each other, whatever the order or paths of their listing.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// 1-based shard number.
  public var index: Int
  /// Number of shards.
  public var count: Int

  /// Parses `I/N` with 1 ≤ I ≤ N.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index)
    else { return nil }
    self.index = index
    self.count = count
  }

  public var description: String { "\(index)/\(count)" }

  /// Whether the input with this SHA-256 (hex) belongs to the shard: its first 60 bits, as a
  /// number, modulo N is I − 1.
  public func contains(sha256: String) -> Bool {
    Self.bucket(of: sha256, count: count) == index - 1
  }

  /// The 0-based shard of a digest among `count`.
  public static func bucket(of sha256: String, count: Int) -> Int {
    let prefix = sha256.prefix(15)
    let value = UInt64(prefix, radix: 16) ?? 0
    return Int(value % UInt64(count))
  }
}
