/// Names a table's text cells print, from `pipelines/lexicons/*.json`: the national
/// classification's names by code (201 一般公共服务支出, 30207 邮电费) and the template's fixed row
/// labels (一般公共预算拨款收入); and the places department names open with (阜康市, 浈江区). What a label read by OCR is compared with
/// (``Pipeline/recognizedLabels(_:template:diagnostics:)``).
public struct Lexicon: Sendable, Hashable {
  /// The names a code's row may print, by code (the 类, 款 and 项 digits joined).
  public var names: [String: [String]]
  /// Row labels the template's tables print, without their numbering (一、, （一）).
  public var labels: [String]
  /// Names of administrative divisions by their six-digit code (652302 阜康市; the first two
  /// digits name the province, four the city): the places that open department names.
  public var places: [String: String]

  /// Creates a lexicon.
  public init(names: [String: [String]] = [:], labels: [String] = [], places: [String: String] = [:]) {
    self.names = names
    self.labels = labels
    self.places = places
  }

  /// No names: nothing is compared.
  public static let empty = Lexicon()

  /// The newest format version this build reads.
  public static let currentVersion = 1

  /// The keys a lexicon file may hold.
  static let keys: Set<String> = ["version", "description", "names", "labels", "places"]

  /// This lexicon with `other`'s names and labels added.
  public func merging(_ other: Lexicon) -> Lexicon {
    var merged = self
    for (code, names) in other.names {
      merged.names[code, default: []] += names.filter { !(merged.names[code] ?? []).contains($0) }
    }
    merged.labels += other.labels.filter { !merged.labels.contains($0) }
    merged.places.merge(other.places) { mine, _ in mine }
    return merged
  }

  /// Reads a lexicon file's bytes; `path` is only used in errors. Strict: unknown keys, codes
  /// that are not digits and empty names are refused.
  public static func decode(_ bytes: [UInt8], path: String) throws(PipelineError) -> Lexicon {
    let object = try PipelineDefinition.versionedObject(bytes, path: path, keys: keys, current: currentVersion).object
    var lexicon = Lexicon()
    if let namesValue = object["names"] {
      guard let members = namesValue.objectValue else {
        throw .badValue(path: path, key: "names", reason: "expected an object of codes and lists of names")
      }
      for (code, value) in members {
        guard !code.isEmpty, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
          throw .badValue(path: path, key: "names", reason: "code \"\(code)\" is not digits")
        }
        guard let list = value.arrayValue, case let names = list.compactMap(\.stringValue),
          names.count == list.count, !names.isEmpty, names.allSatisfy({ !$0.isEmpty })
        else {
          throw .badValue(path: path, key: "names", reason: "code \(code): expected a non-empty list of names")
        }
        lexicon.names[code] = names
      }
    }
    if let labelsValue = object["labels"] {
      guard let list = labelsValue.arrayValue, case let labels = list.compactMap(\.stringValue),
        labels.count == list.count, labels.allSatisfy({ !$0.isEmpty })
      else {
        throw .badValue(path: path, key: "labels", reason: "expected a list of labels")
      }
      lexicon.labels = labels
    }
    if let placesValue = object["places"] {
      guard let members = placesValue.objectValue else {
        throw .badValue(path: path, key: "places", reason: "expected an object of six-digit codes and place names")
      }
      for (code, value) in members {
        guard code.utf8.count == 6, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
          throw .badValue(path: path, key: "places", reason: "code \"\(code)\" is not six digits")
        }
        guard let name = value.stringValue, !name.isEmpty else {
          throw .badValue(path: path, key: "places", reason: "code \(code): expected a place name")
        }
        lexicon.places[code] = name
      }
    }
    return lexicon
  }
}
