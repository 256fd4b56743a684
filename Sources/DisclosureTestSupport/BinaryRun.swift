import Foundation

/// Runs the built `disclosure` binary and captures what it prints.
public struct Run {
  /// The exit status.
  public var status: Int32
  /// Standard output.
  public var stdout: String
  /// Standard error.
  public var stderr: String

  /// Runs the binary (`executable`, the built one by default) with `arguments` in `directory`
  /// (the repository root by default), with `environment` added to this process's.
  public init(
    _ arguments: [String], environment: [String: String]? = nil, directory: URL = Corpus.root,
    executable: URL = Corpus.binary
  ) throws {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    if let environment {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes at once, before waiting: a child that fills one pipe (64 KB of warnings
    // on stderr) while the other is read to its end would block for ever.
    let errorRead = DispatchGroup()
    let errorBox = DataBox()
    let errorHandle = err.fileHandleForReading
    DispatchQueue.global().async(group: errorRead) { errorBox.data = errorHandle.readDataToEndOfFile() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errorRead.wait()
    let errData = errorBox.data
    process.waitUntilExit()
    status = process.terminationStatus
    stdout = String(decoding: outData, as: UTF8.self)
    stderr = String(decoding: errData, as: UTF8.self)
  }
}

/// A fresh temporary folder, removed when the value goes away.
public final class TemporaryFolder {
  /// Where it is.
  public let url: URL
  /// Its path.
  public var path: String { url.path }

  /// Creates the folder.
  public init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("disclosure-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// The path of `relative` inside the folder.
  public func file(_ relative: String) -> String { url.appendingPathComponent(relative).path }

  /// Every name in `relative`, hidden ones included, sorted.
  public func names(in relative: String = "") throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: file(relative)).sorted()
  }

  /// Copies a corpus file to `relative` inside the folder.
  public func copy(corpus file: String, to relative: String) throws {
    let target = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Corpus.path(file), toPath: target.path)
  }

  /// Every file below `relative`, as relative path → bytes.
  public func files(in relative: String) throws -> [String: [UInt8]] {
    let folder = url.appendingPathComponent(relative)
    var files: [String: [UInt8]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      files[name] = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
    }
    return files
  }
}

/// Bytes read on another thread, handed back once it is done (the dispatch group's wait orders
/// the write before the read).
private final class DataBox: @unchecked Sendable {
  var data = Data()
}
