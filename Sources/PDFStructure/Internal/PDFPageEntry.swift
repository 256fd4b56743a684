/// One page of the page tree with its inherited attributes resolved, as poppler resolves them.
struct PDFPageEntry {
  /// The page dictionary.
  var dictionary: [String: PDFObject]
  /// `/Resources`, inherited when the page has none.
  var resources: [String: PDFObject]?
  /// `/MediaBox` (x1, y1, x2, y2), normalised; US Letter when missing, as poppler assumes.
  var mediaBox: (Double, Double, Double, Double)
  /// `/CropBox` clipped to the media box; the media box when missing.
  var cropBox: (Double, Double, Double, Double)
  /// `/Rotate` normalised to 0, 90, 180 or 270 (other values draw as 0).
  var rotate: Int

  /// Most pages and tree nodes visited, and deepest nesting, before the tree is judged broken.
  static let maxNodes = 200_000
  static let maxDepth = 64

  private struct Inherited {
    var resources: [String: PDFObject]?
    var mediaBox: (Double, Double, Double, Double)?
    var cropBox: (Double, Double, Double, Double)?
    var rotate: Int?
  }

  /// The document's pages in order; nil when the tree cannot be walked (a loop, a missing
  /// node, a count that is not a number).
  static func pages(in file: PDFFile) -> [PDFPageEntry]? {
    guard let catalog = file.resolve(file.trailer["Root"]).dictionary,
      let root = file.resolve(catalog["Pages"]).dictionary
    else { return nil }
    // poppler trusts /Count for the number of pages and walks the tree for the rest.
    guard let count = file.resolve(root["Count"]).number else { return nil }
    var pages: [PDFPageEntry] = []
    var visited = Set<Int>()
    if case .reference(let number, _) = catalog["Pages"] { visited.insert(number) }
    var nodes = 0
    guard walk(root, inherited: Inherited(), depth: 0, file: file, visited: &visited, nodes: &nodes, into: &pages)
    else { return nil }
    let wanted = count.isFinite ? Int(max(0, min(count, Double(pages.count)))) : 0
    return Array(pages.prefix(wanted))
  }

  private static func walk(
    _ node: [String: PDFObject], inherited: Inherited, depth: Int, file: PDFFile, visited: inout Set<Int>,
    nodes: inout Int, into pages: inout [PDFPageEntry]
  ) -> Bool {
    nodes += 1
    guard depth < maxDepth, nodes < maxNodes else { return false }
    var here = inherited
    if let resources = file.resolve(node["Resources"]).dictionary { here.resources = resources }
    if let box = box(file.resolve(node["MediaBox"]), file: file) { here.mediaBox = box }
    if let box = box(file.resolve(node["CropBox"]), file: file) { here.cropBox = box }
    if case .integer(let rotate) = file.resolve(node["Rotate"]) { here.rotate = rotate }
    // A node is a page when typed so, or when it has no /Kids array (poppler's rule).
    let kids = file.resolve(node["Kids"]).array
    if node["Type"]?.name == "Page" || kids == nil {
      pages.append(page(node, here))
      return true
    }
    for kid in kids ?? [] {
      if case .reference(let number, _) = kid {
        guard !visited.contains(number) else { return false }
        visited.insert(number)
      }
      guard let child = file.resolve(kid).dictionary else { return false }
      guard walk(child, inherited: here, depth: depth + 1, file: file, visited: &visited, nodes: &nodes, into: &pages)
      else { return false }
    }
    return true
  }

  private static func page(_ dictionary: [String: PDFObject], _ attributes: Inherited) -> PDFPageEntry {
    let media = attributes.mediaBox ?? (0, 0, 612, 792)
    var crop = attributes.cropBox ?? media
    // poppler: a crop box wider or taller than the media box takes the media box's extent…
    if crop.2 - crop.0 > media.2 - media.0 {
      crop.0 = media.0
      crop.2 = media.2
    }
    if crop.3 - crop.1 > media.3 - media.1 {
      crop.1 = media.1
      crop.3 = media.3
    }
    // …and is then clipped to it.
    crop = (max(crop.0, media.0), max(crop.1, media.1), min(crop.2, media.2), min(crop.3, media.3))
    var rotate = attributes.rotate ?? 0
    rotate %= 360
    if rotate < 0 { rotate += 360 }
    if rotate % 90 != 0 { rotate = 0 }
    return PDFPageEntry(
      dictionary: dictionary, resources: attributes.resources, mediaBox: media, cropBox: crop, rotate: rotate)
  }

  /// A rectangle array, normalised so x1 ≤ x2 and y1 ≤ y2; nil when malformed.
  private static func box(_ object: PDFObject, file: PDFFile) -> (Double, Double, Double, Double)? {
    guard let items = object.array, items.count == 4 else { return nil }
    let values = items.compactMap { file.resolve($0).number }
    guard values.count == 4, values.allSatisfy(\.isFinite) else { return nil }
    return (min(values[0], values[2]), min(values[1], values[3]), max(values[0], values[2]), max(values[1], values[3]))
  }

  /// The page size as poppler reports it: the crop box, width and height swapped at 90°/270°.
  var size: (width: Double, height: Double) {
    let width = cropBox.2 - cropBox.0
    let height = cropBox.3 - cropBox.1
    return rotate == 90 || rotate == 270 ? (height, width) : (width, height)
  }
}
