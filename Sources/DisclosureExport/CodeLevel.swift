/// The level of a government budget subject code (政府收支分类科目) by its length.
public enum CodeLevel {
  /// 类 for 3 digits, 款 for 5, 项 for 7; nil for any other code.
  public static func name(of code: String) -> String? {
    guard code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    switch code.count {
    case 3: return "类"
    case 5: return "款"
    case 7: return "项"
    default: return nil
    }
  }
}
