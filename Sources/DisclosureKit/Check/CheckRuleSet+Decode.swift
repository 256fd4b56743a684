import Foundation

extension CheckRuleSet {
  /// The keys a rule file may hold.
  static let keys: Set<String> = [
    "version", "kind", "tolerance", "percentTolerance", "description", "otherSubjects", "prose", "rules",
  ]

  /// The keys a rule may hold.
  static let ruleKeys: Set<String> = [
    "id", "relation", "description", "tables", "side", "total", "parts", "until", "columns", "compare", "levels",
    "left", "right", "rightAlternatives", "rightWhenMissing", "sections", "terms", "figure", "patterns", "tolerance", "subjects", "budgetFigure", "otherSubjects",
    "yearOffset", "within", "indentHeaders",
  ]

  /// Reads a rule file's bytes; `path` is only used in errors.
  public static func decode(_ bytes: [UInt8], path: String) throws(PipelineError) -> CheckRuleSet {
    let json: JSONValue
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      throw .badChecks(path: path, reason: "not valid json: \(error.description)")
    }
    var reader = RuleReader(path: path, place: "")
    let object = try reader.object(json, keys: keys)
    let version = try reader.int(object["version"], key: "version", required: true) ?? 0
    guard version >= 1 else { throw reader.error("\"version\" must be a whole number from 1") }
    guard version <= currentVersion else {
      throw reader.error("version \(version) is newer than this build reads (\(currentVersion))")
    }
    guard let kind = try reader.string(object["kind"], key: "kind"), !kind.isEmpty else {
      throw reader.error("missing key \"kind\"")
    }
    var set = CheckRuleSet(kind: kind, rules: [])
    if let tolerance = try reader.decimal(object["tolerance"], key: "tolerance") { set.tolerance = tolerance }
    if let tolerance = try reader.decimal(object["percentTolerance"], key: "percentTolerance") {
      set.percentTolerance = tolerance
    }
    _ = try reader.string(object["description"], key: "description")
    set.otherSubjects = try reader.strings(object["otherSubjects"], key: "otherSubjects") ?? []
    if let prose = object["prose"] {
      set.prose = try ProseLanguage.decode(prose, error: reader.error)
    }
    guard let rules = object["rules"]?.arrayValue else { throw reader.error("\"rules\" must be a list of rules") }
    var ids = Set<String>()
    for (index, value) in rules.enumerated() {
      reader.place = "rules[\(index)]"
      let rule = try reader.rule(value)
      guard ids.insert(rule.id).inserted else { throw reader.error("rule id \"\(rule.id)\" is used twice") }
      if rule.relation.readsProse && set.prose == nil {
        throw reader.error("relation \"\(rule.relation.rawValue)\" reads the explanations: the file needs a \"prose\" object")
      }
      set.rules.append(rule)
    }
    return set
  }
}

/// Strict reading of rule file values, with errors naming the file and the rule.
private struct RuleReader {
  let path: String
  var place: String

  func error(_ reason: String) -> PipelineError {
    .badChecks(path: path, reason: place.isEmpty ? reason : "\(place): \(reason)")
  }

  func object(_ value: JSONValue?, keys: Set<String>, key: String = "") throws(PipelineError) -> [String: JSONValue] {
    guard let object = value?.objectValue else {
      throw error(key.isEmpty ? "expected a json object" : "\"\(key)\" must be an object")
    }
    if let unknown = object.keys.filter({ !keys.contains($0) }).sorted().first {
      throw error("unknown key \"\(unknown)\"\(key.isEmpty ? "" : " in \"\(key)\"")")
    }
    return object
  }

  func string(_ value: JSONValue?, key: String) throws(PipelineError) -> String? {
    guard let value, value != .null else { return nil }
    guard let text = value.stringValue else { throw error("\"\(key)\" must be a string") }
    return text
  }

  func int(_ value: JSONValue?, key: String, required: Bool = false) throws(PipelineError) -> Int? {
    guard let value, value != .null else {
      if required { throw error("missing key \"\(key)\"") }
      return nil
    }
    guard let number = value.intValue else { throw error("\"\(key)\" must be a whole number") }
    return number
  }

  func decimal(_ value: JSONValue?, key: String) throws(PipelineError) -> Decimal? {
    guard let value, value != .null else { return nil }
    guard let number = value.decimalValue, number >= 0 else { throw error("\"\(key)\" must be a number from 0") }
    return number
  }

  func strings(_ value: JSONValue?, key: String) throws(PipelineError) -> [String]? {
    guard let value, value != .null else { return nil }
    if let text = value.stringValue, !text.isEmpty { return [text] }
    guard let list = value.arrayValue, case let texts = list.compactMap(\.stringValue), texts.count == list.count,
      !texts.isEmpty, texts.allSatisfy({ !$0.isEmpty })
    else { throw error("\"\(key)\" must be a non-empty string or list of strings") }
    return texts
  }

  func pattern(_ text: String, key: String) throws(PipelineError) -> String {
    do {
      _ = try PatternCache.compile(text)
    } catch {
      throw self.error("\"\(key)\" is not a valid regular expression: \(text)")
    }
    return text
  }

  func table(_ value: JSONValue) throws(PipelineError) -> CheckRule.TableReference {
    if let number = value.intValue, number >= 1 { return .number(number) }
    if let kind = value.stringValue, !kind.isEmpty { return .kind(kind) }
    throw error("a table is a template kind or a table number")
  }

  func side(_ value: JSONValue?) throws(PipelineError) -> String? {
    guard let side = try string(value, key: "side") else { return nil }
    guard side == "revenue" || side == "expenditure" else {
      throw error("\"side\" must be \"revenue\" or \"expenditure\"")
    }
    return side
  }

  func row(_ value: JSONValue?, key: String) throws(PipelineError) -> CheckRule.RowSelector? {
    guard let value, value != .null else { return nil }
    let object = try self.object(
      value, keys: ["label", "name", "pattern", "codeLength", "level", "position", "occurrence", "year", "otherwise"], key: key)
    guard !object.isEmpty else {
      throw error("\"\(key)\" must name at least one of label, name, pattern, codeLength, level, position, year")
    }
    var selector = CheckRule.RowSelector()
    selector.label = try strings(object["label"], key: "\(key).label")
    selector.name = try strings(object["name"], key: "\(key).name")
    if let text = try string(object["pattern"], key: "\(key).pattern") {
      selector.pattern = try pattern(text, key: "\(key).pattern")
    }
    selector.codeLength = try int(object["codeLength"], key: "\(key).codeLength")
    selector.level = try int(object["level"], key: "\(key).level")
    if let level = selector.level, level < 1 { throw error("\"\(key).level\" must be from 1") }
    selector.position = try int(object["position"], key: "\(key).position")
    if let position = selector.position, position < 1 { throw error("\"\(key).position\" must be from 1") }
    selector.occurrence = try int(object["occurrence"], key: "\(key).occurrence")
    if let occurrence = selector.occurrence, occurrence < 1 { throw error("\"\(key).occurrence\" must be from 1") }
    if let year = try string(object["year"], key: "\(key).year") {
      guard year == "document" else { throw error("\"\(key).year\" must be \"document\"") }
      selector.documentYear = true
    }
    if let otherwise = try row(object["otherwise"], key: "\(key).otherwise") { selector.otherwise = [otherwise] }
    return selector
  }

  /// A column is a name or a list of alternative names; `parts` is a list of such.
  func columnList(_ value: JSONValue?, key: String) throws(PipelineError) -> [[String]]? {
    guard let value, value != .null else { return nil }
    guard let list = value.arrayValue, !list.isEmpty else { throw error("\"\(key)\" must be a non-empty list of columns") }
    var columns: [[String]] = []
    for item in list {
      guard let names = try strings(item, key: key) else { throw error("\"\(key)\" must be a list of columns") }
      columns.append(names)
    }
    return columns
  }

  func figure(_ value: JSONValue, key: String) throws(PipelineError) -> CheckRule.FigureReference {
    let object = try self.object(value, keys: ["table", "side", "row", "column", "performance", "byName"], key: key)
    var reference = CheckRule.FigureReference()
    if let performance = try string(object["performance"], key: "\(key).performance") {
      guard ["total", "fiscal", "other"].contains(performance) else {
        throw error("\"\(key).performance\" must be total, fiscal or other")
      }
      guard object.count == 1 else { throw error("\"\(key)\": a performance figure has no table, side, row or column") }
      reference.performance = performance
      return reference
    }
    guard let table = object["table"] else { throw error("\"\(key)\" needs \"table\" or \"performance\"") }
    reference.table = try self.table(table)
    reference.side = try side(object["side"])
    reference.row = try row(object["row"], key: "\(key).row")
    reference.column = try strings(object["column"], key: "\(key).column")
    if let byName = object["byName"] {
      guard case .bool(let flag) = byName else { throw error("\"\(key).byName\" must be true or false") }
      reference.byName = flag
    }
    return reference
  }

  /// A term: one reference, or `{"anyOf": [reference, …]}`.
  func alternatives(_ value: JSONValue, key: String) throws(PipelineError) -> [CheckRule.FigureReference] {
    if let object = value.objectValue, let anyOf = object["anyOf"] {
      guard object.count == 1, let list = anyOf.arrayValue, !list.isEmpty else {
        throw error("\"\(key)\": anyOf must be the only key and hold a non-empty list")
      }
      var references: [CheckRule.FigureReference] = []
      for item in list { references.append(try figure(item, key: key)) }
      return references
    }
    return [try figure(value, key: key)]
  }

  func terms(_ value: JSONValue?, key: String) throws(PipelineError) -> [[CheckRule.FigureReference]] {
    guard let list = value?.arrayValue, !list.isEmpty else { throw error("\"\(key)\" must be a non-empty list of figures") }
    var terms: [[CheckRule.FigureReference]] = []
    for item in list { terms.append(try alternatives(item, key: key)) }
    return terms
  }

  mutating func rule(_ value: JSONValue) throws(PipelineError) -> CheckRule {
    let object = try self.object(value, keys: CheckRuleSet.ruleKeys)
    guard let id = try string(object["id"], key: "id"), !id.isEmpty else { throw error("missing key \"id\"") }
    place += " (\(id))"
    guard let relationName = try string(object["relation"], key: "relation") else {
      throw error("missing key \"relation\"")
    }
    guard let relation = CheckRule.Relation(rawValue: relationName) else {
      throw error(
        "unknown relation \"\(relationName)\" (known: \(CheckRule.Relation.allCases.map(\.rawValue).joined(separator: ", ")))"
      )
    }
    var rule = CheckRule(id: id, relation: relation)
    rule.description = try string(object["description"], key: "description")
    if let tables = object["tables"] {
      guard let list = tables.arrayValue, !list.isEmpty else { throw error("\"tables\" must be a non-empty list") }
      for item in list { rule.tables.append(try table(item)) }
    }
    rule.side = try side(object["side"])
    rule.tolerance = try decimal(object["tolerance"], key: "tolerance")
    if let compare = try string(object["compare"], key: "compare") {
      guard let comparison = CheckRule.Comparison(rawValue: compare) else {
        throw error("\"compare\" must be \"equal\" or \"at-most\"")
      }
      rule.comparison = comparison
    }
    rule.columns = try columnList(object["columns"], key: "columns")
    if let sections = object["sections"] {
      let selector = try self.object(sections, keys: ["title", "exclude"], key: "sections")
      guard let title = try strings(selector["title"], key: "sections.title") else {
        throw error("\"sections\" needs \"title\"")
      }
      rule.sections = .init(title: title, exclude: try strings(selector["exclude"], key: "sections.exclude") ?? [])
    }
    func require(_ key: String) throws(PipelineError) {
      guard object[key] != nil else { throw error("relation \(relation.rawValue) needs \"\(key)\"") }
    }
    switch relation {
    case .rowSum:
      try require("tables")
      rule.totalColumn = try strings(object["total"], key: "total")
      try require("total")
      if object["parts"]?.stringValue == "others" {
        rule.partColumns = nil
      } else {
        rule.partColumns = try columnList(object["parts"], key: "parts")
        try require("parts")
      }
    case .columnSum:
      try require("tables")
      rule.totalRow = try row(object["total"], key: "total")
      try require("total")
      guard let parts = object["parts"]?.arrayValue, !parts.isEmpty else {
        throw error("\"parts\" must be a non-empty list of row selectors (alternatives)")
      }
      for (index, part) in parts.enumerated() {
        if let selector = try row(part, key: "parts[\(index)]") { rule.partRows.append(selector) }
      }
      rule.until = try row(object["until"], key: "until")
    case .codeTree:
      try require("tables")
      rule.totalRow = try row(object["total"], key: "total")
      guard let levels = object["levels"]?.arrayValue?.compactMap(\.intValue), levels.count >= 2,
        levels == levels.sorted(), Set(levels).count == levels.count, levels.allSatisfy({ $0 > 0 })
      else { throw error("\"levels\" must list at least two increasing code lengths") }
      rule.levels = levels
      rule.indentHeaders = try strings(object["indentHeaders"], key: "indentHeaders") ?? []
    case .equal, .atMost:
      rule.left = try terms(object["left"], key: "left")
      rule.right = try terms(object["right"], key: "right")
      for key in ["rightAlternatives", "rightWhenMissing"] {
        guard let alternatives = object[key] else { continue }
        guard let list = alternatives.arrayValue, !list.isEmpty else {
          throw error("\"\(key)\" must be a non-empty list of right sides")
        }
        for (index, item) in list.enumerated() {
          let side = try terms(item, key: "\(key)[\(index)]")
          if key == "rightAlternatives" { rule.rightAlternatives.append(side) } else { rule.rightWhenMissing.append(side) }
        }
      }
    case .requiredTables, .emptyTables:
      break
    case .proseAmount:
      try require("terms")
      rule.terms = try strings(object["terms"], key: "terms") ?? []
      rule.otherSubjects = try strings(object["otherSubjects"], key: "otherSubjects") ?? []
      rule.within = try strings(object["within"], key: "within") ?? []
      try require("figure")
      rule.figure = try alternatives(object["figure"] ?? .null, key: "figure")
    case .proseShare, .proseList, .proseItem, .proseCodedItem:
      try require("figure")
      rule.figure = try alternatives(object["figure"] ?? .null, key: "figure")
    case .proseGrowth, .proseWords, .proseListTotal, .proseListShare:
      break
    case .proseCompletion:
      rule.subjects = try strings(object["subjects"], key: "subjects") ?? []
      if let figure = object["figure"] { rule.figure = try alternatives(figure, key: "figure") }
      if let figure = object["budgetFigure"] { rule.budgetFigure = try alternatives(figure, key: "budgetFigure") }
    case .headingMetadata, .templateText, .proseDates:
      try require("patterns")
      for text in try strings(object["patterns"], key: "patterns") ?? [] {
        rule.patterns.append(try pattern(text, key: "patterns"))
      }
      rule.yearOffset = try int(object["yearOffset"], key: "yearOffset") ?? 0
    }
    // Keys given for another relation are mistakes, not options.
    let used: [CheckRule.Relation: Set<String>] = [
      .rowSum: ["tables", "side", "total", "parts", "compare"],
      .columnSum: ["tables", "side", "total", "parts", "until", "columns", "compare"],
      .codeTree: ["tables", "side", "total", "columns", "levels", "indentHeaders"],
      .equal: ["left", "right", "rightAlternatives", "rightWhenMissing"],
      .atMost: ["left", "right", "rightAlternatives", "rightWhenMissing"],
      .requiredTables: ["tables"], .emptyTables: [],
      .proseAmount: ["sections", "terms", "figure", "otherSubjects", "within"], .proseShare: ["sections", "figure"],
      .proseGrowth: ["sections"], .proseWords: ["sections"], .proseListTotal: ["sections"], .proseListShare: ["sections"], .proseList: ["sections", "figure"],
      .headingMetadata: ["patterns"], .templateText: ["patterns"], .proseDates: ["patterns", "yearOffset"],
      .proseCompletion: ["sections", "subjects", "figure", "budgetFigure"], .proseItem: ["sections", "figure"],
      .proseCodedItem: ["sections", "figure"],
    ]
    let common: Set<String> = ["id", "relation", "description", "tolerance"]
    if let stray = object.keys.filter({ !common.contains($0) && !(used[relation] ?? []).contains($0) }).sorted().first {
      throw error("\"\(stray)\" does not apply to relation \(relation.rawValue)")
    }
    return rule
  }
}
