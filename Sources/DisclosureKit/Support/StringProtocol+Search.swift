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
    let found = utf8.withContiguousStorageIfAvailable { text in
      other.utf8.withContiguousStorageIfAvailable { word in UTF8Search.contains(text, word) }
    }
    if let found = found ?? nil { return found }
    return Array(utf8).withUnsafeBufferPointer { text in
      Array(other.utf8).withUnsafeBufferPointer { word in UTF8Search.contains(text, word) }
    }
  }

  /// How many times `other` occurs in this text, without overlaps, comparing UTF-8 bytes as
  /// `contains(literal:)` does; 0 for an empty `other`.
  func occurrences<T: StringProtocol>(literal other: T) -> Int {
    let found = utf8.withContiguousStorageIfAvailable { text in
      other.utf8.withContiguousStorageIfAvailable { word in UTF8Search.count(text, word) }
    }
    if let found = found ?? nil { return found }
    return Array(utf8).withUnsafeBufferPointer { text in
      Array(other.utf8).withUnsafeBufferPointer { word in UTF8Search.count(text, word) }
    }
  }
}

/// Byte-string search.
enum UTF8Search {
  /// How many times `word` occurs in `text`, without overlaps; 0 for an empty `word`.
  static func count(_ text: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Int {
    let m = word.count
    guard m > 0, m <= text.count else { return 0 }
    var found = 0
    var i = 0
    let last = text.count - m
    while i <= last {
      var j = 0
      while j < m, text[i + j] == word[j] { j += 1 }
      if j == m {
        found += 1
        i += m
      } else {
        i += 1
      }
    }
    return found
  }

  /// Whether `word` occurs in `text`; false for an empty `word`.
  static func contains(_ text: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
    let m = word.count
    guard m > 0, m <= text.count else { return false }
    let first = word[0]
    var i = 0
    let last = text.count - m
    while i <= last {
      if text[i] == first {
        var j = 1
        while j < m, text[i + j] == word[j] { j += 1 }
        if j == m { return true }
      }
      i += 1
    }
    return false
  }
}
