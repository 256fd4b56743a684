import ArgumentParser

/// The `disclosure` command.
@main
struct Disclosure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disclosure",
    abstract: "Turn Chinese government budget and final-account disclosures into canonical JSON.",
    subcommands: [Extract.self, Ingest.self, Verify.self]
  )
}
