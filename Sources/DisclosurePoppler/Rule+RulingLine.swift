import DisclosureKit
internal import PDFStructure

extension Rule {
  /// The pipeline's rule for a ruling line PDFStructure read: the same edges, orientation and
  /// paint, so that rules read from the content streams and from cairo's script surface
  /// (`ScriptRuleReader`) are one type.
  init(_ line: RulingLine) {
    let orientation: Orientation =
      switch line.orientation {
      case .horizontal: .horizontal
      case .vertical: .vertical
      }
    let source: Source =
      switch line.paint {
      case .stroke: .stroke
      case .fill: .fill
      }
    let box = Box(x0: line.x0, top: line.top, x1: line.x1, bottom: line.bottom)
    self.init(box: box, orientation: orientation, source: source)
  }
}
