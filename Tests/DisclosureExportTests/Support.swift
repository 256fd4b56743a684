import DisclosureKit
import DisclosureTestSupport
import Foundation

/// The golden `disclosure/1` documents in `output/`, parsed with exact decimals.
enum Goldens {
  static var files: [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Golden.folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map { Golden.folder.appendingPathComponent($0) }
  }

  static func documents() throws -> [JSONValue] {
    try files.map { try JSONParser.parse([UInt8](Data(contentsOf: $0))) }
  }
}

extension JSONValue {
  /// The elements of the array at `key`, or none.
  func list(_ key: String) -> [JSONValue] { self[key]?.arrayValue ?? [] }

  /// Every section of a section tree in reading order.
  var sectionsInOrder: [JSONValue] {
    list("sections").flatMap { $0.withDescendants }
  }

  private var withDescendants: [JSONValue] {
    [self] + list("children").flatMap { $0.withDescendants }
  }
}

/// Reads RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
func csvRecords(_ text: String) -> [[String]] {
  var records: [[String]] = []
  var record: [String] = []
  var field = ""
  var quoted = false
  var iterator = text.unicodeScalars.makeIterator()
  var pending: Unicode.Scalar? = nil
  func next() -> Unicode.Scalar? {
    if let scalar = pending {
      pending = nil
      return scalar
    }
    return iterator.next()
  }
  while let scalar = next() {
    if quoted {
      if scalar == "\"" {
        let following = next()
        if following == "\"" {
          field.unicodeScalars.append("\"")
        } else {
          quoted = false
          pending = following
        }
      } else {
        field.unicodeScalars.append(scalar)
      }
      continue
    }
    switch scalar {
    case "\"": quoted = true
    case ",":
      record.append(field)
      field = ""
    case "\r": break
    case "\n":
      record.append(field)
      records.append(record)
      record = []
      field = ""
    default: field.unicodeScalars.append(scalar)
    }
  }
  if !field.isEmpty || !record.isEmpty {
    record.append(field)
    records.append(record)
  }
  return records
}
