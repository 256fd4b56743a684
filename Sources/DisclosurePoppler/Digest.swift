internal import CCrypto

/// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions: every input is
/// hashed (for its `source`, the manifest, resume and shards), and GLib's portable C took 11 % of
/// an ingest's instructions (about 95 per byte).
enum OpenSSLDigest {
  /// SHA-256 of `bytes` in lowercase hex, or nil if libcrypto gives none.
  static func sha256(_ bytes: [UInt8]) -> String? {
    var digest = [UInt8](repeating: 0, count: 32)
    let ok = bytes.withUnsafeBytes { buffer in
      digest.withUnsafeMutableBufferPointer { out in
        disclosure_sha256(buffer.baseAddress, buffer.count, out.baseAddress) == 1
      }
    }
    guard ok else { return nil }
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    text.reserveCapacity(64)
    for byte in digest {
      text.append(hex[Int(byte >> 4)])
      text.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
