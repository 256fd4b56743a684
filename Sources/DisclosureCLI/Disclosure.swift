import ArgumentParser

/// The `disclosure` command.
@main
struct Disclosure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disclosure",
    abstract: "Turn Chinese government budget and final-account disclosures into canonical JSON.",
    subcommands: [
      Ingest.self, Verify.self, Check.self, Export.self, Extract.self, Dump.self, PipelineCommand.self,
      ManifestCommand.self, Worker.self,
    ]
  )
}
