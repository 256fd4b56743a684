import Foundation

/// The money units tables print (`单位：万元`) and how many 元 one of each is.
public enum MoneyUnit {
  /// The power of ten that turns an amount in `unit` into 元: 元 0, 千元 3, 万元 4, 百万元 6,
  /// 亿元 8; nil for anything else (then no amount in 元 is given, rather than a guess).
  public static func powerOfTen(of unit: String) -> Int? {
    switch unit.trimmingCharacters(in: .whitespaces) {
    case "元": 0
    case "千元": 3
    case "万元": 4
    case "百万元": 6
    case "亿元": 8
    default: nil
    }
  }

  /// `amount` in 元 as exact plain text (the decimal point moved on the digits); nil when the
  /// unit is unknown.
  public static func yuan(_ amount: Decimal, unit: String?) -> String? {
    guard let unit, let power = powerOfTen(of: unit) else { return nil }
    return amount.plainText(timesPowerOfTen: power)
  }
}
