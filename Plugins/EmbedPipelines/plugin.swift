import Foundation
import PackagePlugin

/// Builds the files of `pipelines/` into the `disclosure` binary, so an installed binary needs no
/// data folder beside it: the data files stay the one place the knowledge lives, and the build
/// copies their bytes (base64) into a generated Swift file, again whenever one changes.
@main
struct EmbedPipelines: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = context.package.directoryURL.appending(path: "pipelines")
    var names: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    while let name = enumerator?.nextObject() as? String {
      if name.hasSuffix(".json") && !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
        names.append(name)
      }
    }
    names.sort()
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPipelineFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(names.count) pipeline files",
        executable: try context.tool(named: "DisclosureEmbed").url,
        arguments: [folder.path, output.path] + names,
        inputFiles: names.map { folder.appending(path: $0) },
        outputFiles: [output])
    ]
  }
}
