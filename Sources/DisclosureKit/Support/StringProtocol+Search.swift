import Foundation

extension StringProtocol {
  /// Whether `other` occurs in this text, comparing Unicode scalars literally (their UTF-8
  /// bytes); false for an empty `other`, as with Foundation.
  ///
  /// Foundation's `contains(_:)` bridges both strings to `NSString` on Linux and runs
  /// `CFStringFind` with character-cluster folding: about a twentieth of `ingest` went there, as
  /// the checks and the segmenter test paragraphs and cells for words many times over. Unlike it,
  /// this does not treat canonically equivalent sequences (a precomposed é and e + U+0301) as
  /// equal, which nothing in the pipeline relies on.
  func contains<T: StringProtocol>(literal other: T) -> Bool {
    withUTF8(of: other) { UTF8Search.match($0, $1, from: 0) != nil }
  }

  /// Whether this text starts with `prefix`, comparing UTF-8 bytes as `contains(literal:)`
  /// does (a prefix that ends inside a character still counts).
  func hasPrefix<T: StringProtocol>(literal prefix: T) -> Bool { utf8.starts(with: prefix.utf8) }

  /// Whether this text ends with `suffix`, comparing UTF-8 bytes as `contains(literal:)` does.
  func hasSuffix<T: StringProtocol>(literal suffix: T) -> Bool {
    let count = suffix.utf8.count
    return utf8.count >= count && utf8.suffix(count).elementsEqual(suffix.utf8)
  }

  /// How many times `other` occurs in this text, without overlaps, comparing UTF-8 bytes as
  /// `contains(literal:)` does; 0 for an empty `other`.
  func occurrences<T: StringProtocol>(literal other: T) -> Int {
    withUTF8(of: other, UTF8Search.count)
  }

  /// The first occurrence of `other` in this text, comparing UTF-8 bytes as
  /// `contains(literal:)` does; nil when there is none or `other` is empty. Foundation's
  /// `range(of:)` bridges to `NSString` on Linux.
  func range<T: StringProtocol>(ofLiteral other: T) -> Range<String.Index>? {
    guard let at = withUTF8(of: other, { UTF8Search.match($0, $1, from: 0) }) else { return nil }
    let start = utf8.index(utf8.startIndex, offsetBy: at)
    return start..<utf8.index(start, offsetBy: other.utf8.count)
  }

  /// `body` on the UTF-8 bytes of this text and of `other`, copied only when a string does not
  /// store them contiguously.
  private func withUTF8<T: StringProtocol, R>(
    of other: T, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    let result = utf8.withContiguousStorageIfAvailable { text in
      other.utf8.withContiguousStorageIfAvailable { word in body(text, word) }
    }
    if let result = result ?? nil { return result }
    return Array(utf8).withUnsafeBufferPointer { text in
      Array(other.utf8).withUnsafeBufferPointer { word in body(text, word) }
    }
  }
}

/// Byte-string search.
enum UTF8Search {
  /// The start of the first occurrence of `word` in `text` at or after `start`; nil when there
  /// is none or `word` is empty.
  static func match(_ text: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    let m = word.count
    guard m > 0, m <= text.count else { return nil }
    let first = word[0]
    var i = start
    let last = text.count - m
    while i <= last {
      if text[i] == first {
        var j = 1
        while j < m, text[i + j] == word[j] { j += 1 }
        if j == m { return i }
      }
      i += 1
    }
    return nil
  }

  /// How many times `word` occurs in `text`, without overlaps; 0 for an empty `word`.
  static func count(_ text: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Int {
    var found = 0
    var start = 0
    while let at = match(text, word, from: start) {
      found += 1
      start = at + word.count
    }
    return found
  }
}

extension String {
  /// This text with every occurrence of `word` replaced by `replacement`, comparing UTF-8 bytes
  /// as `contains(literal:)` does; the text itself when `word` is empty or absent.
  ///
  /// Foundation's `replacingOccurrences(of:with:)` bridges to `NSString` on Linux: the checks
  /// fill `{year}` and `{term}` into their patterns thousands of times a document.
  func replacing(literal word: String, with replacement: String) -> String {
    var text = self
    var word = word
    var replacement = replacement
    return text.withUTF8 { bytes in
      word.withUTF8 { pattern in
        guard var at = UTF8Search.match(bytes, pattern, from: 0) else { return self }
        return replacement.withUTF8 { insert in
          var result: [UInt8] = []
          result.reserveCapacity(bytes.count + insert.count)
          var start = 0
          while true {
            result.append(contentsOf: bytes[start..<at])
            result.append(contentsOf: insert)
            start = at + pattern.count
            guard let next = UTF8Search.match(bytes, pattern, from: start) else { break }
            at = next
          }
          result.append(contentsOf: bytes[start...])
          return String(decoding: result, as: UTF8.self)
        }
      }
    }
  }
}

/// A string hashed and compared by its UTF-8 bytes, as a dictionary key.
///
/// `String`'s own hashing and equality work on the text's canonical (NFC) form, which costs a
/// thousand instructions or more for a Chinese label or a long pattern. A cache keyed by what a
/// rule file or a stage wrote needs no such equivalence: two spellings that differ only in
/// normalization are two keys, which costs a second computation, never a wrong answer.
struct UTF8Key: Hashable, Sendable {
  let text: String

  init(_ text: String) { self.text = text }

  static func == (left: UTF8Key, right: UTF8Key) -> Bool {
    var left = left.text
    var right = right.text
    return left.withUTF8 { a in
      right.withUTF8 { b in
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
      }
    }
  }

  /// The length and at most the first and last 48 bytes: keys are whole paragraphs and long
  /// patterns, and equality (a `memcmp`) settles the rare keys that share them.
  func hash(into hasher: inout Hasher) {
    var text = text
    text.withUTF8 { bytes in
      hasher.combine(bytes.count)
      guard bytes.count > 96 else { return hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }
      hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(48))))
      hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(48))))
    }
  }
}
