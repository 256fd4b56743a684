import ArgumentParser
import DisclosureBatch
import Foundation

/// `disclosure manifest merge DIR...`: the manifests of a batch's shards as one.
struct ManifestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "manifest", abstract: "Work with the manifest.jsonl of ingest --out folders.",
    subcommands: [Merge.self])

  /// `disclosure manifest merge DIR...`.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge the manifests of several ingest --out folders (the shards of a batch).",
      discussion: """
        Reads DIR/manifest.jsonl of each folder (or a manifest file given directly), keeps the \
        last attempt of each input, and writes the merged lines (one per input, sorted by output \
        name) to --out or stdout. Reports on stderr how many documents ended how, whether the \
        manifests form one batch (one pipeline digest, no conflicts), inputs done in more than one \
        manifest (duplicates) and conflicts (an input ok in one and failed in another; one output \
        name written for different inputs). Exits 1 when they are not one batch.
        """)

    @Argument(help: "ingest --out folders or manifest.jsonl files.")
    var manifests: [String]

    @Option(help: "Write the merged manifest here instead of stdout.")
    var out: String?

    func run() throws {
      var read: [(name: String, manifest: Manifest)] = []
      for path in manifests {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let file = exists && isDirectory.boolValue ? OutputFolder(existing: path).file(ManifestWriter.name) : path
        guard let data = FileManager.default.contents(atPath: file) else {
          Console.error("disclosure: error: \(file): no such file")
          throw ExitCode(1)
        }
        read.append((path, Manifest(bytes: [UInt8](data))))
      }
      let merge = ManifestMerge(manifests: read)
      let bytes = merge.entries.flatMap(\.line)
      if let out {
        do {
          try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
          Console.error("disclosure: error: \(out): cannot be written: \(OutputFolder.reason(error))")
          throw ExitCode(1)
        }
      } else {
        Console.write(bytes)
      }
      for line in merge.report { Console.error(line) }
      if !merge.isOneBatch { throw ExitCode(1) }
    }
  }
}
