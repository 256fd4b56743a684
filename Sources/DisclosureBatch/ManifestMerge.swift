import DisclosureKit

/// `disclosure manifest merge DIR...`: the manifests of a batch's shards as one.
///
/// 1. Take the last attempt per input (sha256 and output name) in each manifest.
/// 2. An input done in more than one manifest is a duplicate; when those attempts disagree (one
///    `ok`, one failed) or write different outputs it is also a conflict.
/// 3. One output name written for different input bytes is a conflict.
/// 4. The manifests form one batch when they share one pipeline digest and have no conflicts.
public struct ManifestMerge: Sendable {
  /// An input done in more than one manifest.
  public struct Duplicate: Sendable, Hashable {
    /// The input's SHA-256.
    public var sha256: String
    /// The manifests (as named to ``init(manifests:)``) holding it, in order.
    public var manifests: [String]
    /// The attempts' statuses, in the same order.
    public var statuses: [ManifestEntry.Status]
  }

  /// The last attempt of each input, sorted by output name then input path.
  public private(set) var entries: [ManifestEntry] = []
  /// Inputs done in more than one manifest.
  public private(set) var duplicates: [Duplicate] = []
  /// Human-readable conflicts, one line each.
  public private(set) var conflicts: [String] = []
  /// The pipeline digests seen, sorted.
  public private(set) var pipelines: [String] = []
  /// Entries and ignored lines read per manifest.
  public private(set) var lineCounts: [(name: String, entries: Int, ignored: Int)] = []

  /// Merges named manifests.
  public init(manifests: [(name: String, manifest: Manifest)]) {
    struct Seen {
      var entry: ManifestEntry
      var manifest: String
    }
    var byInput: [String: [Seen]] = [:]
    var order: [String] = []
    var digests = Set<String>()
    for (name, manifest) in manifests {
      lineCounts.append((name, manifest.entries.count, manifest.ignoredLines))
      var last: [String: ManifestEntry] = [:]
      var keys: [String] = []
      for entry in manifest.entries {
        digests.insert(entry.pipeline)
        let key = entry.sha256 + "\u{0}" + Self.outputName(of: entry)
        if last[key] == nil { keys.append(key) }
        last[key] = entry
      }
      for key in keys {
        if byInput[key] == nil { order.append(key) }
        byInput[key, default: []].append(Seen(entry: last[key]!, manifest: name))
      }
    }
    pipelines = digests.sorted()
    var outputs: [String: String] = [:]
    for key in order {
      let seen = byInput[key]!
      // The merged line: an ok attempt if there is one, else the last one.
      let chosen = seen.last { $0.entry.status == .ok } ?? seen.last!
      entries.append(chosen.entry)
      if seen.count > 1 {
        duplicates.append(
          Duplicate(sha256: chosen.entry.sha256, manifests: seen.map(\.manifest), statuses: seen.map(\.entry.status)))
        if Set(seen.map(\.entry.status)).count > 1 {
          conflicts.append(
            "\(chosen.entry.input): "
              + seen.map { "\($0.entry.status.rawValue) in \($0.manifest)" }.joined(separator: ", "))
        }
      }
      if let output = chosen.entry.output, chosen.entry.status == .ok {
        if let other = outputs[output], other != chosen.entry.sha256 {
          conflicts.append(
            "\(output): written for sha256 \(other.prefix(12))… and \(chosen.entry.sha256.prefix(12))… (\(chosen.entry.input))")
        }
        outputs[output] = chosen.entry.sha256
      }
    }
    entries.sort { (Self.outputName(of: $0), $0.input) < (Self.outputName(of: $1), $1.input) }
  }

  /// Whether the manifests form one batch: one pipeline digest and no conflicts.
  public var isOneBatch: Bool { pipelines.count <= 1 && conflicts.isEmpty }

  /// Counts of the merged entries by status.
  public var statusCounts: [ManifestEntry.Status: Int] {
    entries.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
  }

  /// The report: one summary line, then a line per duplicate and conflict.
  public var report: [String] {
    let counts = statusCounts
    let byStatus = ManifestEntry.Status.allCases.compactMap { status in
      counts[status].map { "\($0) \(status.rawValue)" }
    }.joined(separator: ", ")
    let digest = pipelines.count == 1 ? "pipeline \(pipelines[0].prefix(12))…" : "\(pipelines.count) pipelines"
    var lines = [
      "\(lineCounts.count) manifests, \(isOneBatch ? "one batch" : "not one batch") (\(digest)): "
        + "\(entries.count) documents\(byStatus.isEmpty ? "" : ": " + byStatus); "
        + "\(duplicates.count) duplicates, \(conflicts.count) conflicts"
    ]
    for duplicate in duplicates {
      lines.append(
        "duplicate: sha256 \(duplicate.sha256.prefix(12))… in \(duplicate.manifests.joined(separator: ", "))")
    }
    for conflict in conflicts { lines.append("conflict: \(conflict)") }
    for (name, _, ignored) in lineCounts where ignored > 0 {
      lines.append("\(name): \(ignored) incomplete or unreadable lines ignored")
    }
    return lines
  }

  /// The output name an entry has or was meant to have (its input's stem + `.json`).
  public static func outputName(of entry: ManifestEntry) -> String {
    entry.output ?? CorpusLayout.stem(of: entry.input) + ".json"
  }
}
