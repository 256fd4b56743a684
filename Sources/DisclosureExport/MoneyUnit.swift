import DisclosureKit
import Foundation

/// The money units tables print (`单位：万元`) and how many 元 one of each is: the templates'
/// `currencyUnits` (`pipelines/templates/*.json`).
public struct MoneyUnit: Sendable, Hashable {
  /// Power of ten in 元 by unit name.
  public let powers: [String: Int]

  /// Units from `powers` (元 0, 千元 3, 万元 4, 亿元 8 …).
  public init(powers: [String: Int]) {
    self.powers = powers
  }

  /// The currency units of `templates`, together (a unit two templates name differently keeps
  /// the first's power).
  public init(templates: [Template]) {
    var powers: [String: Int] = [:]
    for template in templates {
      for (unit, power) in template.currencyUnits ?? [:] where powers[unit] == nil { powers[unit] = power }
    }
    self.init(powers: powers)
  }

  /// The power of ten that turns an amount in `unit` into 元; nil for a unit not listed (then no
  /// amount in 元 is given, rather than a guess).
  public func powerOfTen(of unit: String) -> Int? {
    powers[unit.trimmingCharacters(in: .whitespaces)]
  }

  /// `amount` in 元 as exact plain text (the decimal point moved on the digits); nil when the
  /// unit is unknown.
  public func yuan(_ amount: Decimal, unit: String?) -> String? {
    guard let unit, let power = powerOfTen(of: unit) else { return nil }
    return amount.plainText(timesPowerOfTen: power)
  }
}
