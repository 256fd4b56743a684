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

  /// Appends one document's rows.
  func write(_ batch: ExportBatch) throws(OutputFolder.WriteError) {
    for table in ExportSchema.tables {
      guard let file = files[table.name] else { continue }
      var bytes: [UInt8] = []
      for row in batch.rows(of: table.name) { CSVFormat.append(row, to: &bytes) }
      try file.write(bytes)
    }
  }

  /// Renames every CSV file into place, then writes `datapackage.json`.
  func commit() throws(OutputFolder.WriteError) {
    for table in ExportSchema.tables { try files[table.name]?.commit() }
    files = [:]
    try folder.write(CanonicalJSON.data(DataPackage.descriptor(), pretty: true), to: "datapackage.json")
  }
}
