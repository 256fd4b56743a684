internal import CTesseract
import DisclosureKit
#if canImport(Glibc)
  import Glibc
#endif

/// Tesseract behind DisclosureKit's `TextRecognizer`: one engine (a `TessBaseAPI`) per instance,
/// loaded once with its language model. Not thread-safe: use one per thread. The library is
/// opened when the first engine is made (see the CTesseract shim: OpenMP's thread limit).
public final class TesseractRecognizer: TextRecognizer {
  /// Why an engine could not be made.
  public enum InitError: Error, CustomStringConvertible {
    /// libtesseract.so.5 is not installed (Debian: `libtesseract5`).
    case missingLibrary
    /// The language's model is not installed (Debian: `tesseract-ocr-chi-sim`).
    case missingLanguage(String, dataPath: String?)

    public var description: String {
      switch self {
      case .missingLibrary:
        "libtesseract.so.5 cannot be loaded (is libtesseract5 installed?)"
      case .missingLanguage(let language, let dataPath):
        "Tesseract cannot load the \(language) model\(dataPath.map { " from \($0)" } ?? "") (is tesseract-ocr-chi-sim installed?)"
      }
    }
  }

  private let api: DisclosureTesseractAPI
  private let handle: OpaquePointer
  private let language: String
  /// The characters the language model can give (its LSTM unicharset), nil when its file cannot
  /// be read so; read from the file when first asked for.
  public private(set) lazy var characters: Set<Character>? = api.getDatapath(handle).flatMap { folder in
    let path = String(cString: folder)
    return Self.modelCharacters(path: path + (path.hasSuffix("/") ? "" : "/") + language + ".traineddata")
  }

  /// Loads `language` (Tesseract's name: `chi_sim`) from `dataPath`, else Tesseract's default
  /// tessdata folder (or `TESSDATA_PREFIX`).
  public init(language: String = "chi_sim", dataPath: String? = nil) throws(InitError) {
    guard let loaded = disclosure_tesseract() else { throw .missingLibrary }
    api = loaded.pointee
    guard let made = api.create() else { throw .missingLibrary }
    handle = made
    // Tesseract's own messages (resolution guesses, empty regions) are not the document's.
    _ = api.setVariable(handle, "debug_file", "/dev/null")
    guard api.init3(handle, dataPath, language) == 0 else {
      api.destroy(handle)
      throw .missingLanguage(language, dataPath: dataPath)
    }
    self.language = language
  }

  deinit {
    api.end(handle)
    api.destroy(handle)
  }

  public func recognize(_ image: GrayImage, regions: [RecognitionRegion]) -> [[RecognizedSymbol]] {
    guard image.width > 0, image.height > 0, image.pixels.count == image.width * image.height, !regions.isEmpty else {
      return regions.map { _ in [] }
    }
    return image.pixels.withUnsafeBufferPointer { pixels -> [[RecognizedSymbol]] in
      guard let base = pixels.baseAddress else { return regions.map { _ in [] } }
      api.setImage(handle, base, Int32(image.width), Int32(image.height), 1, Int32(image.width))
      _ = api.setVariable(handle, "user_defined_dpi", String(Int(image.dpi.rounded())))
      defer { api.clear(handle) }
      return regions.map { region in recognize(region) }
    }
  }

  private func recognize(_ region: RecognitionRegion) -> [RecognizedSymbol] {
    let mode: TessPageSegMode =
      switch region.layout {
      case .line: PSM_SINGLE_LINE
      case .block: PSM_SINGLE_BLOCK
      case .page: PSM_AUTO
      case .character: PSM_SINGLE_CHAR
      }
    api.setPageSegMode(handle, mode)
    _ = api.setVariable(handle, "tessedit_char_whitelist", region.characters ?? "")
    api.setRectangle(handle, Int32(region.rect.x), Int32(region.rect.y), Int32(region.rect.width), Int32(region.rect.height))
    guard api.recognize(handle, nil) == 0, let results = api.getIterator(handle) else { return [] }
    defer { api.resultIteratorDelete(results) }
    guard let page = api.resultIteratorGetPageIterator(results) else { return [] }
    var symbols: [RecognizedSymbol] = []
    var lineBox = PixelRect(x: 0, y: 0, width: 0, height: 0)
    var line = 0
    var word = 0
    repeat {
      if api.pageIteratorIsAtBeginningOf(page, RIL_WORD) != 0 { word += 1 }
      if api.pageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 {
        var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
        if api.pageIteratorBoundingBox(page, RIL_TEXTLINE, &left, &top, &right, &bottom) != 0 {
          lineBox = PixelRect(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top))
          line += 1
        }
      }
      guard let text = api.resultIteratorGetUTF8Text(results, RIL_SYMBOL) else { continue }
      defer { api.deleteText(text) }
      var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
      guard api.pageIteratorBoundingBox(page, RIL_SYMBOL, &left, &top, &right, &bottom) != 0 else { continue }
      symbols.append(
        RecognizedSymbol(
          text: String(cString: text),
          rect: PixelRect(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top)),
          line: line, lineRect: lineBox, word: word, confidence: Double(api.resultIteratorConfidence(results, RIL_SYMBOL))))
    } while api.resultIteratorNext(results, RIL_SYMBOL) != 0
    return symbols
  }

  /// The characters of the LSTM model in a `.traineddata` file: the file is Tesseract's
  /// container (an entry count, then each entry's offset, −1 for none, then the entries), and its
  /// entry 21, the LSTM unicharset, lists one character per line after a count. Reads only the
  /// header and that entry. Nil for anything else (an older model without that entry, a file
  /// that is not one).
  static func modelCharacters(path: String) -> Set<Character>? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    func read(_ count: Int, at offset: Int64) -> [UInt8]? {
      guard count >= 0, offset >= 0, fseeko(file, off_t(offset), SEEK_SET) == 0 else { return nil }
      var bytes = [UInt8](repeating: 0, count: count)
      guard bytes.withUnsafeMutableBytes({ fread($0.baseAddress, 1, count, file) }) == count else { return nil }
      return bytes
    }
    func integer(_ bytes: ArraySlice<UInt8>) -> Int64 {
      bytes.reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }
    let unicharsetEntry = 21
    guard let head = read(4, at: 0) else { return nil }
    let entries = Int(Int32(truncatingIfNeeded: integer(head[...])))
    guard entries > unicharsetEntry, entries < 1000, let table = read(8 * entries, at: 4),
      fseeko(file, 0, SEEK_END) == 0
    else { return nil }
    let size = Int64(ftello(file))
    let offsets = (0..<entries).map { integer(table[(8 * $0)..<(8 * $0 + 8)]) }
    let start = offsets[unicharsetEntry]
    let end = offsets[(unicharsetEntry + 1)...].first { $0 > 0 } ?? size
    guard start > 0, end > start, end - start < 16 << 20, let entry = read(Int(end - start), at: start) else { return nil }
    let lines = String(decoding: entry, as: UTF8.self).split(separator: "\n").dropFirst()
    let characters = Set(lines.compactMap { line in line.split(separator: " ").first.flatMap { $0.count == 1 ? $0.first : nil } })
    return characters.isEmpty ? nil : characters
  }
}
