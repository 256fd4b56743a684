import Foundation

/// A pipeline file (`pipelines/*.json`): which stages run and which template knowledge they use.
///
/// ```json
/// {"version": 1, "name": "default", "stages": ["extract", "normalize", "segment", "rows", "emit"],
///  "templates": ["templates/budget.json", "templates/final-account.json"],
///  "checks": ["checks/budget.json", "checks/final-account.json"]}
/// The pipeline picks, per document, the template whose kind markers (预算, 决算) it uses most.
/// ```
///
/// Template and check rule paths are relative to the pipeline file; `checks` is optional (no
/// rule files: no checks run). Reading is strict: unknown keys, unknown
/// stage names, values of the wrong type and versions newer than ``currentVersion`` are
/// ``PipelineError``s naming the file. Pure: the caller supplies the bytes of each file.
public struct PipelineDefinition: Sendable, Hashable {
  /// A stage a pipeline file may name, in the order they run.
  public enum Stage: String, Sendable, CaseIterable {
    /// Read glyphs and rules (``RawDocument``).
    case extract
    /// Rebuild lines, cells and paragraphs.
    case normalize
    /// Find sections, tables and performance tables.
    case segment
    /// Reconstruct typed rows.
    case rows
    /// Build the `disclosure/1` document.
    case emit
  }

  /// The newest format version this build reads.
  public static let currentVersion = 1

  /// The keys a pipeline file may hold.
  static let keys: Set<String> = ["version", "name", "stages", "templates", "checks", "lexicons"]

  /// Format version of the file.
  public var version: Int
  /// A short name for messages.
  public var name: String
  /// The stages, in order.
  public var stages: [Stage]
  /// Template files, relative to the pipeline file.
  public var templates: [String]
  /// Check rule files (``CheckRuleSet``), relative to the pipeline file.
  public var checks: [String]
  /// Lexicon files (``Lexicon``: the names labels read by OCR are compared with), relative to
  /// the pipeline file.
  public var lexicons: [String]

  /// Creates a definition.
  public init(
    version: Int, name: String, stages: [Stage], templates: [String], checks: [String] = [], lexicons: [String] = []
  ) {
    self.version = version
    self.name = name
    self.stages = stages
    self.templates = templates
    self.checks = checks
    self.lexicons = lexicons
  }

  /// What `pipelines/default.json` holds (a test keeps the two equal).
  public static let defaults = PipelineDefinition(
    version: 1, name: "default", stages: Stage.allCases,
    templates: ["templates/budget.json", "templates/final-account.json"],
    checks: ["checks/budget.json", "checks/final-account.json"], lexicons: ["lexicons/classification.json", "lexicons/places.json"])

  /// Reads a pipeline file's bytes; `path` is only used in errors.
  public static func decode(_ bytes: [UInt8], path: String) throws(PipelineError) -> PipelineDefinition {
    let (object, version) = try versionedObject(bytes, path: path, keys: keys, current: currentVersion)
    guard let nameValue = object["name"] else { throw .missingKey(path: path, key: "name") }
    guard let name = nameValue.stringValue, !name.isEmpty else {
      throw .badValue(path: path, key: "name", reason: "expected a non-empty string")
    }
    guard let stagesValue = object["stages"] else { throw .missingKey(path: path, key: "stages") }
    guard let stageNames = stagesValue.arrayValue else {
      throw .badValue(path: path, key: "stages", reason: "expected a list of stage names")
    }
    var stages: [Stage] = []
    for value in stageNames {
      guard let text = value.stringValue else {
        throw .badValue(path: path, key: "stages", reason: "expected a list of stage names")
      }
      guard let stage = Stage(rawValue: text) else { throw .unknownStage(path: path, name: text) }
      stages.append(stage)
    }
    guard stages == Stage.allCases else {
      throw .badValue(
        path: path, key: "stages",
        reason:
          "expected \(Stage.allCases.map(\.rawValue).joined(separator: ", ")) in this order (stages cannot be skipped yet)"
      )
    }
    guard let templates = try paths(object, "templates", path: path) else { throw .missingKey(path: path, key: "templates") }
    guard !templates.isEmpty else {
      throw .badValue(path: path, key: "templates", reason: "expected at least one template")
    }
    let checks = try paths(object, "checks", path: path) ?? []
    let lexicons = try paths(object, "lexicons", path: path) ?? []
    return PipelineDefinition(
      version: version, name: name, stages: stages, templates: templates, checks: checks, lexicons: lexicons)
  }

  /// The list of file paths under `key` (nil when the key is absent); anything but a list of
  /// non-empty strings is a bad value.
  private static func paths(_ object: [String: JSONValue], _ key: String, path: String) throws(PipelineError) -> [String]? {
    guard let value = object[key] else { return nil }
    guard let values = value.arrayValue, case let paths = values.compactMap(\.stringValue),
      paths.count == values.count, paths.allSatisfy({ !$0.isEmpty })
    else {
      throw .badValue(path: path, key: key, reason: "expected a list of file paths")
    }
    return paths
  }

  /// A versioned data file's top-level object and its version: valid JSON, an object, no key
  /// outside `keys`, a `version` from 1 to `current`. The version is checked first: a newer file
  /// may legitimately hold values this build would call bad.
  static func versionedObject(
    _ bytes: [UInt8], path: String, keys: Set<String>, current: Int
  ) throws(PipelineError) -> (object: [String: JSONValue], version: Int) {
    let json: JSONValue
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      throw .invalidJSON(path: path, reason: error.description)
    }
    guard let object = json.objectValue else { throw .invalidJSON(path: path, reason: "not a json object") }
    if let unknown = object.keys.filter({ !keys.contains($0) }).sorted().first {
      throw .unknownKey(path: path, key: unknown)
    }
    guard let versionValue = object["version"] else { throw .missingKey(path: path, key: "version") }
    guard let version = versionValue.intValue, version >= 1 else {
      throw .badValue(path: path, key: "version", reason: "expected a whole number from 1")
    }
    guard version <= current else { throw .newerVersion(path: path, version: version, supported: current) }
    return (object, version)
  }

  /// The template paths resolved against the folder of the pipeline file at `pipelinePath`.
  public func templatePaths(relativeTo pipelinePath: String) -> [String] {
    Self.resolve(templates, relativeTo: pipelinePath)
  }

  /// The lexicon paths resolved against the folder of the pipeline file at `pipelinePath`.
  public func lexiconPaths(relativeTo pipelinePath: String) -> [String] {
    Self.resolve(lexicons, relativeTo: pipelinePath)
  }

  /// The check rule paths resolved against the folder of the pipeline file at `pipelinePath`.
  public func checkPaths(relativeTo pipelinePath: String) -> [String] {
    Self.resolve(checks, relativeTo: pipelinePath)
  }

  static func resolve(_ paths: [String], relativeTo pipelinePath: String) -> [String] {
    let folder: String
    if let slash = pipelinePath.lastIndex(of: "/") {
      folder = String(pipelinePath[...slash])
    } else {
      folder = ""
    }
    return paths.map { $0.hasPrefix("/") ? $0 : folder + $0 }
  }

  /// Reads the pipeline file at `path`, its template and its check rules through `read` (which throws
  /// ``PipelineError/missing(path:)`` or ``PipelineError/unreadable(path:reason:)``) and builds
  /// the ``Pipeline`` it describes.
  public static func load(
    path: String, read: (String) throws(PipelineError) -> [UInt8]
  ) throws(PipelineError) -> (definition: PipelineDefinition, pipeline: Pipeline) {
    let definition = try decode(try read(path), path: path)
    var templates: [Template] = []
    for templatePath in definition.templatePaths(relativeTo: path) {
      let bytes = try read(templatePath)
      do {
        templates.append(try Template.decode(bytes))
      } catch {
        throw .badTemplate(path: templatePath, reason: Self.reason(error))
      }
    }
    guard !templates.isEmpty else {
      throw .badValue(path: path, key: "templates", reason: "expected a list of file paths")
    }
    var checks: [CheckRuleSet] = []
    for checkPath in definition.checkPaths(relativeTo: path) {
      checks.append(try CheckRuleSet.decode(try read(checkPath), path: checkPath))
    }
    var lexicon = Lexicon.empty
    for lexiconPath in definition.lexiconPaths(relativeTo: path) {
      lexicon = lexicon.merging(try Lexicon.decode(try read(lexiconPath), path: lexiconPath))
    }
    return (definition, Pipeline(templates: templates, checks: checks, lexicon: lexicon))
  }

  /// A one-line lowercase reason for a decoding error, with the key path where it happened.
  static func reason(_ error: any Error) -> String {
    func at(_ path: [any CodingKey]) -> String {
      path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    guard let error = error as? DecodingError else { return "\(error)".lowercased() }
    switch error {
    case .keyNotFound(let key, let context): return "missing key \"\(key.stringValue)\"\(at(context.codingPath))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "wrong type\(at(context.codingPath))"
    case .dataCorrupted(let context):
      return "invalid json\(at(context.codingPath))"
    @unknown default: return "cannot be decoded"
    }
  }
}
