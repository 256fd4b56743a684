import DisclosureKit

/// The identity of what turns an input into an output: the bytes of the pipeline file, of every
/// template and rule file it names, and of the tool, hashed together.
///
/// Each part is hashed with its role and length in front, so moving bytes from one file to the
/// next changes the digest. A resumed batch re-runs an input when the digest changed.
public struct PipelineDigest: Sendable {
  private var parts: [UInt8] = []

  /// An empty digest to add parts to.
  public init() {}

  /// Adds one part: `role` names it (`pipeline`, `file templates/budget.json`, `tool`).
  public mutating func add(_ role: String, _ bytes: [UInt8]) {
    let head = "\(role)\u{0}\(bytes.count)\u{0}"
    parts += Array(head.utf8)
    parts += Array(SHA256.hex(bytes).utf8)
  }

  /// Adds a part by its SHA-256 (hex), for a large part hashed elsewhere (the executable).
  public mutating func add(_ role: String, sha256: String) {
    parts += Array("\(role)\u{0}sha256\u{0}\(sha256)".utf8)
  }

  /// Adds a part by the executable's build ID (hex), which names its contents as a hash would.
  public mutating func add(_ role: String, buildID: String) {
    parts += Array("\(role)\u{0}build-id\u{0}\(buildID)".utf8)
  }

  /// The digest, 64 lowercase hex digits.
  public var hex: String { SHA256.hex(parts) }
}
