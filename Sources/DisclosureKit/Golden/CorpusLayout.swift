/// Which files of a corpus folder are corpus documents, and the names their outputs take.
///
/// Corpus documents are the `.pdf` and `.txt` files under `public/` (synthetic, with truth
/// files) and `real/` (real disclosures, without), and the `.txt` files at the top of the
/// corpus folder. Everything else is not: `bad/` holds deliberately broken inputs
/// (covered by error tests, not goldens) and `templates/` blank official templates.
public enum CorpusLayout {
  /// The corpus documents among `relativePaths` (paths relative to the corpus folder, `/`
  /// separated), sorted.
  public static func documents(among relativePaths: [String]) -> [String] {
    relativePaths.filter { path in
      let parts = path.split(separator: "/", omittingEmptySubsequences: false)
      let ext = fileExtension(of: path)
      if parts.count == 1 { return ext == "txt" }
      return (parts.first == "public" || parts.first == "real") && (ext == "pdf" || ext == "txt")
    }.sorted()
  }

  /// Whether `path` names a file `ingest` reads from a folder: `.pdf` or `.txt`, or word boxes
  /// (`.tsv`, `.hocr`, `.alto`, `.alto.xml`), any case. Other `.xml` and `.html` files are read
  /// only when named (a folder's may be anything).
  public static func isDocument(_ path: String) -> Bool {
    let ext = fileExtension(of: path)
    return ext == "pdf" || ext == "txt" || ext == "tsv" || ext == "hocr" || ext == "alto"
      || (ext == "xml" && path.lowercased().hasSuffix(".alto.xml"))
  }

  /// The file name without folders and without its last extension: `public/gen-0101.pdf` →
  /// `gen-0101`. Outputs are named `<stem>.json`.
  public static func stem(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  /// The lowercased last extension, or "".
  static func fileExtension(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }
}
