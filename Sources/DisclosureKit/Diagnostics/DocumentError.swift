/// What stops a document from being read at all. Everything else is a ``Diagnostic``.
public enum DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No file at the path.
  case missing(path: String)
  /// The file exists but cannot be read (permissions, a folder, an I/O error).
  case unreadable(path: String, reason: String)
  /// The file is not a PDF (no `%PDF-` header) or not a text layer.
  case notPDF(path: String)
  /// The file claims to be a PDF but poppler cannot parse it.
  case damaged(path: String, reason: String)
  /// The PDF is encrypted and no password was given.
  case encrypted(path: String)
  /// The PDF is encrypted and the given password does not open it.
  case wrongPassword(path: String)
  /// The document opened but has no pages.
  case noPages(path: String)
  /// The file's kind is not one we read (by extension).
  case unsupported(path: String, reason: String)
  /// A text input that is not UTF-8 text.
  case notText(path: String, reason: String)

  /// The path the error is about.
  public var path: String {
    switch self {
    case .missing(let p), .unreadable(let p, _), .notPDF(let p), .damaged(let p, _),
      .encrypted(let p), .wrongPassword(let p), .noPages(let p), .unsupported(let p, _),
      .notText(let p, _):
      p
    }
  }

  /// `path: reason`, lowercase, no trailing period.
  public var description: String {
    switch self {
    case .missing(let p): "\(p): no such file"
    case .unreadable(let p, let r): "\(p): cannot be read: \(r)"
    case .notPDF(let p): "\(p): not a pdf (no %PDF- header)"
    case .damaged(let p, let r): "\(p): damaged pdf: \(r)"
    case .encrypted(let p): "\(p): encrypted pdf: a password is needed"
    case .wrongPassword(let p): "\(p): encrypted pdf: the password is wrong"
    case .noPages(let p): "\(p): the document has no pages"
    case .unsupported(let p, let r): "\(p): unsupported input: \(r)"
    case .notText(let p, let r): "\(p): not a text layer: \(r)"
    }
  }
}
