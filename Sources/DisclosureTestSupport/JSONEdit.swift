import DisclosureKit

/// One step into a JSON value: a member name or an array position.
public enum JSONStep: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  /// A member of an object.
  case key(String)
  /// An element of an array.
  case index(Int)

  /// A member step from a string literal.
  public init(stringLiteral value: String) { self = .key(value) }
  /// An element step from an integer literal.
  public init(integerLiteral value: Int) { self = .index(value) }
}

extension JSONValue {
  /// A copy with the value at `path` replaced by `new`, or removed when `new` is nil (a step
  /// that does not exist leaves the value unchanged): for editing documents in tests.
  public func replacing(_ path: [JSONStep], with new: JSONValue?) -> JSONValue {
    guard let step = path.first else { return new ?? .null }
    let rest = Array(path.dropFirst())
    switch (self, step) {
    case (.object(var members), .key(let key)):
      if rest.isEmpty {
        members[key] = new
      } else if let member = members[key] {
        members[key] = member.replacing(rest, with: new)
      }
      return .object(members)
    case (.array(var elements), .index(let index)) where elements.indices.contains(index):
      if rest.isEmpty {
        if let new { elements[index] = new } else { elements.remove(at: index) }
      } else {
        elements[index] = elements[index].replacing(rest, with: new)
      }
      return .array(elements)
    default:
      return self
    }
  }

  /// The value at `path`, if there is one.
  public func value(at path: [JSONStep]) -> JSONValue? {
    var current: JSONValue? = self
    for step in path {
      switch step {
      case .key(let key): current = current?[key]
      case .index(let index):
        guard let elements = current?.arrayValue, elements.indices.contains(index) else { return nil }
        current = elements[index]
      }
    }
    return current
  }
}
