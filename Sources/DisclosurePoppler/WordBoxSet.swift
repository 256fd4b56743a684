import DisclosureKit
import Foundation

/// A document made of one word-box file per page: files in one folder whose names differ only
/// in a page number before the extension (`scan-1.hocr`, `scan-2.hocr` …; `p_000.tsv` …), two
/// or more of them numbered from 0 or 1 without a gap, each holding one page, read in the
/// numbers' order as one document named by its first file.
public enum WordBoxSet {
  /// The files of the set `path` belongs to, in page order (its first names the document);
  /// `[path]` when it belongs to none. Reads every member's text to count its pages.
  /// `names`: the folder's file names, when the caller has listed it already.
  public static func members(of path: String, names listed: [String]? = nil) -> [String] {
    let paths = numbered(path, names: listed)
    guard paths.count > 1 else { return paths }
    let texts = paths.map { member in FileManager.default.contents(atPath: member).flatMap { String(data: $0, encoding: .utf8) } }
    return onePageEach(texts) ? paths : [path]
  }

  /// The files named as pages of the same set as `path` (numbered from 0 or 1 without a gap,
  /// two or more), in page order; `[path]` when there are none. Names only: whether each holds
  /// one page is ``onePageEach(_:)``'s to say.
  static func numbered(_ path: String, names listed: [String]? = nil) -> [String] {
    let url = URL(fileURLWithPath: path)
    let ext = url.pathExtension.lowercased()
    guard DocumentReader.wordBoxExtensions.contains(ext), let key = key(of: url.lastPathComponent) else { return [path] }
    let folder = url.deletingLastPathComponent().path
    guard let names = listed ?? (try? FileManager.default.contentsOfDirectory(atPath: folder)) else { return [path] }
    var members: [(number: Int, name: String)] = []
    for name in names where !name.hasPrefix(".") {
      guard let other = Self.key(of: name), other.prefix == key.prefix, other.ext == key.ext else { continue }
      members.append((other.number, name))
    }
    members.sort { ($0.number, $0.name) < ($1.number, $1.name) }
    // Page numbers: 0 or 1 and on, each once (gen-0101.tsv and gen-0102.tsv are documents).
    guard members.count >= 2, let first = members.first?.number, first <= 1,
      members.enumerated().allSatisfy({ $0.element.number == first + $0.offset })
    else { return [path] }
    let base = path.hasSuffix(url.lastPathComponent) ? String(path.dropLast(url.lastPathComponent.count)) : folder + "/"
    return members.map { base + $0.name }
  }

  /// Whether every text (nil: unreadable) holds one page: dept-1.tsv and dept-2.tsv of many
  /// pages each are two documents.
  static func onePageEach(_ texts: [String?]) -> Bool {
    texts.allSatisfy { text in text.map { WordBoxReader.pageCount(of: $0) == 1 } ?? false }
  }

  /// The name's prefix (up to its page number), page number and extension; nil when no number
  /// stands right before the extension.
  static func key(of name: String) -> (prefix: String, number: Int, ext: String)? {
    guard var dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    // ALTO files are often named NAME.alto.xml.
    if name.lowercased().hasSuffix(".alto.xml"), let inner = name[..<dot].lastIndex(of: "."), inner != name.startIndex { dot = inner }
    let stem = name[..<dot]
    let digits = stem.reversed().prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 6, let number = Int(String(digits.reversed())) else { return nil }
    return (String(stem.dropLast(digits.count)), number, name[name.index(after: dot)...].lowercased())
  }

  /// `files` with each set's later members left out (its first file stands for it). Each
  /// folder is listed once and each set read once, however many files it has.
  public static func collapsed(_ files: [String]) -> [String] {
    var covered = Set<String>()
    var listings: [String: [String]] = [:]
    var result: [String] = []
    for file in files where !covered.contains(file) {
      let url = URL(fileURLWithPath: file)
      guard DocumentReader.wordBoxExtensions.contains(url.pathExtension.lowercased()), key(of: url.lastPathComponent) != nil else {
        covered.insert(file)
        result.append(file)
        continue
      }
      let folder = url.deletingLastPathComponent().path
      if listings[folder] == nil { listings[folder] = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }
      let members = Self.members(of: file, names: listings[folder])
      covered.formUnion(members)
      covered.insert(file)
      if let first = members.first, members.count > 1 {
        if !result.contains(first) { result.append(first) }
      } else {
        result.append(file)
      }
    }
    return result
  }
}
