/// Undoes a FlateDecode predictor (ISO 32000-1 §7.4.4.4): TIFF predictor 2 and the PNG filters
/// (predictors 10–15, one filter-type byte per row), as cross-reference streams use them.
struct StreamPredictor {
  var predictor = 1
  var colors = 1
  var bitsPerComponent = 8
  var columns = 1

  /// Reads `/Predictor`, `/Colors`, `/BitsPerComponent` and `/Columns` (resolved values).
  init(_ parameters: [String: PDFObject]?) {
    guard let parameters else { return }
    predictor = parameters["Predictor"]?.integer ?? 1
    colors = parameters["Colors"]?.integer ?? 1
    bitsPerComponent = parameters["BitsPerComponent"]?.integer ?? 8
    columns = parameters["Columns"]?.integer ?? 1
  }

  /// The data with the predictor undone; nil for parameters out of range.
  func decode(_ data: [UInt8]) -> [UInt8]? {
    if predictor <= 1 { return data }
    guard (1...32).contains(colors), [1, 2, 4, 8, 16].contains(bitsPerComponent), columns >= 1, columns <= 1 << 20
    else { return nil }
    let bitsPerPixel = colors * bitsPerComponent
    let rowLength = (columns * bitsPerPixel + 7) / 8
    let pixelBytes = max(1, bitsPerPixel / 8)
    if predictor == 2 {
      // TIFF horizontal differencing; only whole-byte components occur in practice.
      guard bitsPerComponent == 8 else { return nil }
      var out = data
      var rowStart = 0
      while rowStart < out.count {
        let rowEnd = min(out.count, rowStart + rowLength)
        var i = rowStart + pixelBytes
        while i < rowEnd {
          out[i] = out[i] &+ out[i - pixelBytes]
          i += 1
        }
        rowStart += rowLength
      }
      return out
    }
    guard predictor >= 10 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(data.count)
    var previous = [UInt8](repeating: 0, count: rowLength)
    var row = [UInt8](repeating: 0, count: rowLength)
    var i = 0
    while i < data.count {
      let type = data[i]
      i += 1
      let available = min(rowLength, data.count - i)
      for k in 0..<rowLength { row[k] = k < available ? data[i + k] : 0 }
      i += available
      for k in 0..<rowLength {
        let left: UInt8 = k >= pixelBytes ? row[k - pixelBytes] : 0
        let up = previous[k]
        let upLeft: UInt8 = k >= pixelBytes ? previous[k - pixelBytes] : 0
        switch type {
        case 0: break
        case 1: row[k] = row[k] &+ left
        case 2: row[k] = row[k] &+ up
        case 3: row[k] = row[k] &+ UInt8((Int(left) + Int(up)) / 2)
        case 4:
          let p = Int(left) + Int(up) - Int(upLeft)
          let pa = abs(p - Int(left))
          let pb = abs(p - Int(up))
          let pc = abs(p - Int(upLeft))
          let predicted = pa <= pb && pa <= pc ? left : (pb <= pc ? up : upLeft)
          row[k] = row[k] &+ predicted
        default: return nil
        }
      }
      out.append(contentsOf: row[0..<available])
      swap(&previous, &row)
    }
    return out
  }
}
