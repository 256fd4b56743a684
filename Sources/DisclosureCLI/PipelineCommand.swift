import ArgumentParser
import Foundation

/// `disclosure pipeline --print | --write DIR`: the pipeline built into the binary, to read or to
/// copy and change (then pass the copy with `--pipeline`).
struct PipelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pipeline",
    abstract: "Show or copy the built-in pipeline (its pipeline, template and check rule files).",
    discussion: """
      The built-in pipeline is pipelines/ of the source tree at build time. --print prints its \
      pipeline file; --write DIR writes it with its templates and rules (DIR/default.json, \
      DIR/templates/*.json, DIR/checks/*.json) to change and use with --pipeline DIR/default.json. \
      --print FILE prints one of them (e.g. templates/budget.json); --list names them.
      """)

  @Flag(help: "Print the built-in pipeline file.")
  var print = false

  @Option(help: "Print one built-in file by its relative name instead.")
  var file: String?

  @Flag(help: "List the built-in files.")
  var list = false

  @Option(help: "Write every built-in file into this folder (existing files are kept: refused).")
  var write: String?

  func validate() throws {
    guard print || file != nil || list || write != nil else {
      throw ValidationError("give --print, --file NAME, --list or --write DIR")
    }
  }

  func run() throws {
    let files = PipelineSource.builtinFiles
    if list {
      for name in files.keys.sorted() { Console.write(name + "\n") }
    }
    if print || file != nil {
      let name = file ?? "default.json"
      guard let bytes = files[name] else {
        Console.error("disclosure: error: no built-in pipeline file \(name) (see --list)")
        throw ExitCode(1)
      }
      Console.write(bytes)
    }
    if let write {
      for name in files.keys.sorted() {
        let target = URL(fileURLWithPath: write).appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: target.path) {
          Console.error("disclosure: error: \(target.path): already exists; not overwritten")
          throw ExitCode(1)
        }
      }
      do {
        for name in files.keys.sorted() {
          let target = URL(fileURLWithPath: write).appendingPathComponent(name)
          try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data(files[name]!).write(to: target)
        }
      } catch {
        Console.error("disclosure: error: \(write): cannot be written: \(OutputFolder.reason(error))")
        throw ExitCode(1)
      }
      Console.error("wrote \(files.count) files to \(write); use --pipeline \(write)/default.json")
    }
  }
}
