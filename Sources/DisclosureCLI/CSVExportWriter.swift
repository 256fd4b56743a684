import DisclosureExport
import DisclosureKit

/// Writes the tidy model as CSV files, one per table (RFC 4180, UTF-8 with a byte order mark),
/// and the Frictionless `datapackage.json` describing them. Each file is streamed to a temporary
/// file and renamed into place only by ``commit()``.
final class CSVExportWriter {
  private let folder: OutputFolder
  private var files: [String: StreamedFile] = [:]

  /// Opens the temporary files in `path` (created when missing) and writes their headers.
  init(folder path: String) throws(OutputFolder.WriteError) {
    folder = try OutputFolder(creating: path)
    for table in ExportSchema.tables {
      let file = try StreamedFile(DataPackage.fileName(of: table), in: folder)
      try file.write(CSVFormat.byteOrderMark + CSVFormat.record(table.columns.map(\.name)))
      files[table.name] = file
    }
  }

  /// One document's CSV records, per table of ``ExportSchema/tables`` (what ``write(_:)``
  /// appends; made apart so that reading threads can make them).
  static func records(of batch: ExportBatch) -> [[UInt8]] {
    ExportSchema.tables.map { table in
      var bytes: [UInt8] = []
      for row in batch.rows(of: table.name) { CSVFormat.append(row, to: &bytes) }
      return bytes
    }
  }

  /// Appends one document's records, as ``records(of:)`` makes them.
  func write(_ records: [[UInt8]]) throws(OutputFolder.WriteError) {
    for (table, bytes) in zip(ExportSchema.tables, records) where !bytes.isEmpty {
      try files[table.name]?.write(bytes)
    }
  }

  /// Renames every CSV file into place, then writes `datapackage.json`.
  func commit() throws(OutputFolder.WriteError) {
    for table in ExportSchema.tables { try files[table.name]?.commit() }
    files = [:]
    try folder.write(CanonicalJSON.data(DataPackage.descriptor(), pretty: true), to: "datapackage.json")
  }
}
