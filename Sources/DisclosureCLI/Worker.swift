import ArgumentParser
import DisclosureKit
import DisclosurePoppler
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `disclosure _worker`: the process an `ingest --out` batch runs its documents in, one at a time.
///
/// Reads one request per line on stdin (`{"path": …, "output": …, "ocrJobs": …}`), writes the output file into
/// `--out` and answers with one ``DocumentOutcome`` line on stdout. A document that crashes, hangs
/// or runs out of memory ends only this process; the batch reports it and starts another.
struct Worker: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "_worker", abstract: "Run documents for an ingest batch (internal).", shouldDisplay: false)

  @Option var out: String
  @Option var pipeline: String?
  @Flag var pretty = false
  @Option var ocr: DocumentReader.OCRMode = .auto
  @Option(name: .customLong("ocr-jobs")) var ocrJobs = 1
  @Option(name: .customLong("max-memory")) var maxMemory: UInt64 = 0

  /// How often the worker looks whether its batch is still there.
  static let parentCheckInterval: UInt32 = 200_000  // microseconds

  func run() throws {
    // Replies get a descriptor of their own; anything a library prints to stdout goes to stderr.
    let replies = dup(1)
    dup2(2, 1)
    OutputFolder.removePartialsOnSignals()
    Self.exitWithParent()

    let loaded: Pipeline
    do {
      loaded = try PipelineSource(path: pipeline).load().pipeline
    } catch {
      // The batch loads the pipeline too and reports a bad one itself (this worker was started
      // before it knew): say it only if a document comes all the same.
      if readLine() != nil { Console.error("disclosure: error: \(error)") }
      throw ExitCode(1)
    }
    // The cap last: under it, libdispatch's threads (the signal sources, above) could not start,
    // and it waits for memory forever instead of failing; a document's allocations fail and crash.
    if maxMemory > 0 {
      var limit = rlimit(rlim_cur: rlim_t(maxMemory), rlim_max: rlim_t(maxMemory))
      setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
    }
    let folder = OutputFolder(existing: out)
    while let line = readLine() {
      guard let request = (try? JSONParser.parse(line))?.objectValue,
        let path = request["path"]?.stringValue, let output = request["output"]?.stringValue
      else {
        Console.error("disclosure: error: worker: bad request \(line)")
        throw ExitCode(2)
      }
      // Fault injection for the isolation tests: a document whose path contains
      // DISCLOSURE_WORKER_FAULT crashes its worker the way a segfault in poppler would.
      if let fault = ProcessInfo.processInfo.environment["DISCLOSURE_WORKER_FAULT"], !fault.isEmpty,
        path.contains(fault)
      {
        raise(SIGSEGV)
      }
      // DISCLOSURE_WORKER_RUNAWAY: a document whose path contains it makes its worker allocate
      // (and touch) memory without end, as a runaway allocation in poppler would, until the
      // --max-memory cap makes an allocation fail.
      if let runaway = ProcessInfo.processInfo.environment["DISCLOSURE_WORKER_RUNAWAY"], !runaway.isEmpty,
        path.contains(runaway)
      {
        var hoard: [[UInt8]] = []
        while true { hoard.append([UInt8](repeating: UInt8(truncatingIfNeeded: hoard.count + 1), count: 64 << 20)) }
      }
      // DISCLOSURE_WORKER_STALL: a document whose path contains it makes its worker wait without
      // end, as a stalled parse would, until --timeout kills it.
      if let stall = ProcessInfo.processInfo.environment["DISCLOSURE_WORKER_STALL"], !stall.isEmpty, path.contains(stall) {
        while true { sleep(3600) }
      }
      let jobs = request["ocrJobs"]?.intValue ?? ocrJobs
      let outcome = DocumentOutcome(
        path: path, output: output, pipeline: loaded, folder: folder, pretty: pretty, ocr: ocr, ocrJobs: max(1, jobs))
      let failure = outcome.line.withUnsafeBytes { OutputFolder.writeAll($0, to: replies) }
      if failure != nil { throw ExitCode(1) }
    }
  }

  /// Ends this process, removing its temporary files, once the batch that started it is gone
  /// (killed with SIGKILL, say): its documents would otherwise finish unrecorded.
  private static func exitWithParent() {
    let parent = getppid()
    let thread = Thread {
      while getppid() == parent { usleep(parentCheckInterval) }
      OutputFolder.removeInFlight()
      _exit(1)
    }
    thread.start()
  }
}
