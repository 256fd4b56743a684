import DisclosureKit

/// The integer that stands for a document in every table but `documents`: the first 15 hex
/// digits of its source SHA-256 (60 bits, so it fits any signed 64-bit integer).
///
/// A 64-character text key in every row and index made the database 40 % larger. Derived from
/// the digest rather than numbered, so the SQLite database and the CSV files of any run agree.
/// Two documents whose digests share 15 hex digits (about one chance in 10^10 among 100,000
/// documents) cannot be stored together: `documents.key` is a primary key, so the second is
/// refused, not merged.
public enum DocumentKey {
  /// The key of the document whose source SHA-256 is `id`; an id that is not hex is hashed first.
  public static func key(of id: String) -> Int {
    let hex = id.count == 64 && id.allSatisfy(\.isHexDigit) ? id : SHA256.hex(Array(id.utf8))
    return Int(hex.prefix(15), radix: 16) ?? 0
  }
}
