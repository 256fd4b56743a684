import DisclosureKit
import Foundation

/// A small JSON Schema (draft 2020-12) validator for the keywords our schemas use: `type`,
/// `properties`, `required`, `additionalProperties`, `items`, `minItems`, `enum`, `const`,
/// `minimum`, `pattern` and `$ref` to `#/$defs/…`; `$schema`, `$id`, `title`, `description` and
/// `$defs` are accepted as annotations. A schema using any other keyword is rejected when the
/// validator is made, so nothing is silently left unchecked.
public struct JSONSchemaValidator {
  /// Why a schema cannot be used.
  public struct SchemaError: Error, CustomStringConvertible {
    /// Where in the schema, as a JSON pointer.
    public var path: String
    /// What is wrong.
    public var reason: String
    /// `schema at PATH: REASON`.
    public var description: String { "schema at \(path.isEmpty ? "/" : path): \(reason)" }
  }

  static let keywords: Set<String> = [
    "$schema", "$id", "title", "description", "$defs", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "enum", "const", "minimum", "pattern", "$ref",
  ]
  static let types: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]

  private let root: JSONValue
  private var patterns: [String: NSRegularExpression] = [:]

  /// Checks that `schema` only uses supported keywords and that every `$ref` resolves.
  public init(schema: JSONValue) throws(SchemaError) {
    root = schema
    try check(schema, at: "")
  }

  /// Every way `instance` breaks the schema, as `/json/pointer: reason`; empty when it is valid.
  public func errors(in instance: JSONValue) -> [String] {
    var errors: [String] = []
    validate(instance, against: root, at: "", errors: &errors, depth: 0)
    return errors
  }

  // MARK: Checking the schema

  private mutating func check(_ schema: JSONValue, at path: String) throws(SchemaError) {
    if case .bool = schema { return }
    guard let object = schema.objectValue else {
      throw SchemaError(path: path, reason: "a schema must be an object or a boolean")
    }
    for key in object.keys.sorted() where !Self.keywords.contains(key) {
      throw SchemaError(path: path, reason: "unsupported keyword \"\(key)\"")
    }
    if let type = object["type"] {
      let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
      guard !names.isEmpty, names.allSatisfy(Self.types.contains),
        type.stringValue != nil || names.count == type.arrayValue?.count
      else { throw SchemaError(path: path + "/type", reason: "bad type") }
    }
    for key in ["$defs", "properties"] {
      guard let members = object[key] else { continue }
      guard let members = members.objectValue else {
        throw SchemaError(path: path + "/" + key, reason: "must be an object")
      }
      for (name, sub) in members.sorted(by: { $0.key < $1.key }) { try check(sub, at: path + "/" + key + "/" + name) }
    }
    for key in ["items", "additionalProperties"] {
      if let sub = object[key] { try check(sub, at: path + "/" + key) }
    }
    if let required = object["required"], required.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
      throw SchemaError(path: path + "/required", reason: "must be a list of names")
    }
    if let values = object["enum"], values.arrayValue == nil {
      throw SchemaError(path: path + "/enum", reason: "must be a list")
    }
    for key in ["minimum", "minItems"] where object[key] != nil && object[key]?.decimalValue == nil {
      throw SchemaError(path: path + "/" + key, reason: "must be a number")
    }
    if let pattern = object["pattern"] {
      guard let text = pattern.stringValue, let regex = try? NSRegularExpression(pattern: text) else {
        throw SchemaError(path: path + "/pattern", reason: "not a regular expression")
      }
      patterns[text] = regex
    }
    if let reference = object["$ref"] {
      guard let text = reference.stringValue, resolve(text) != nil else {
        throw SchemaError(path: path + "/$ref", reason: "unresolved reference")
      }
    }
  }

  private func resolve(_ reference: String) -> JSONValue? {
    let prefix = "#/$defs/"
    guard reference.hasPrefix(prefix) else { return nil }
    return root["$defs"]?[String(reference.dropFirst(prefix.count))]
  }

  // MARK: Validating

  private func validate(
    _ value: JSONValue, against schema: JSONValue, at path: String, errors: inout [String], depth: Int
  ) {
    let location = path.isEmpty ? "/" : path
    if case .bool(let allowed) = schema {
      if !allowed { errors.append("\(location): not allowed") }
      return
    }
    guard let schema = schema.objectValue else { return }
    guard depth < 200 else {
      errors.append("\(location): schema references nest too deep")
      return
    }
    if let reference = schema["$ref"]?.stringValue, let target = resolve(reference) {
      validate(value, against: target, at: path, errors: &errors, depth: depth + 1)
    }
    if let type = schema["type"] {
      let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
      if !names.contains(where: { Self.matches(value, type: $0) }) {
        errors.append("\(location): expected \(names.joined(separator: " or ")), got \(Self.typeName(of: value))")
        return
      }
    }
    if let constant = schema["const"], constant != value {
      errors.append("\(location): expected \(Self.text(constant)), got \(Self.text(value))")
    }
    if let options = schema["enum"]?.arrayValue, !options.contains(value) {
      errors.append("\(location): \(Self.text(value)) is not one of \(Self.text(.array(options)))")
    }
    if let minimum = schema["minimum"]?.decimalValue, let number = value.decimalValue, number < minimum {
      errors.append("\(location): \(Self.text(value)) is below the minimum \(Self.text(.number(minimum)))")
    }
    if let pattern = schema["pattern"]?.stringValue, let text = value.stringValue, let regex = patterns[pattern] {
      let range = NSRange(text.startIndex..., in: text)
      if regex.firstMatch(in: text, range: range) == nil {
        errors.append("\(location): \(Self.text(value)) does not match \(pattern)")
      }
    }
    if case .array(let elements) = value {
      if let minimum = schema["minItems"]?.intValue, elements.count < minimum {
        errors.append("\(location): expected at least \(minimum) items, got \(elements.count)")
      }
      if let items = schema["items"] {
        for (index, element) in elements.enumerated() {
          validate(element, against: items, at: "\(path)/\(index)", errors: &errors, depth: depth + 1)
        }
      }
    }
    if case .object(let members) = value {
      for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
        errors.append("\(location): missing \"\(name)\"")
      }
      let properties = schema["properties"]?.objectValue ?? [:]
      for (name, member) in members.sorted(by: { $0.key < $1.key }) {
        let memberPath = "\(path)/\(Self.escape(name))"
        if let sub = properties[name] {
          validate(member, against: sub, at: memberPath, errors: &errors, depth: depth + 1)
        } else if let additional = schema["additionalProperties"] {
          if case .bool(false) = additional {
            errors.append("\(location): unexpected key \"\(name)\"")
          } else {
            validate(member, against: additional, at: memberPath, errors: &errors, depth: depth + 1)
          }
        }
      }
    }
  }

  private static func matches(_ value: JSONValue, type: String) -> Bool {
    switch (type, value) {
    case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("string", .string),
      ("number", .number):
      true
    case ("integer", .number(let number)):
      // Draft 2020-12: any number with a zero fractional part is an integer (1.0 included).
      number.isFinite && number == number.rounded()
    default:
      false
    }
  }

  private static func typeName(of value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  private static func escape(_ name: String) -> String {
    name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }

  private static func text(_ value: JSONValue) -> String {
    String(CanonicalJSON.string(value).dropLast())
  }
}

extension Decimal {
  /// Rounded to a whole number, ties away from zero.
  fileprivate func rounded() -> Decimal {
    var copy = self
    var result = Decimal()
    NSDecimalRound(&result, &copy, 0, .plain)
    return result
  }
}
