import Foundation

extension AmountPlacement {
  /// A table's amounts and tolerance as integers in one decimal scale (0.015 at scale 3 is 15),
  /// so that the search adds and compares machine integers. Exact: built only when every amount
  /// is a whole number at the scale and every sum of a table's rows stays far from overflow.
  struct ScaledAmounts {
    /// Per item, its printed amounts times 10^scale.
    var amounts: [[Int64]]
    /// The tolerance times 10^scale.
    var tolerance: Int64

    /// Most decimal places held; amounts with more are searched with `Decimal`.
    static let maxScale = 12
    /// Largest scaled magnitude accepted: a sum of 9,000 rows of them still fits in `Int64`.
    static let maxMagnitude: Int64 = 1_000_000_000_000_000

    init?(items: [Item], tolerance: Decimal) {
      guard items.count < 9_000 else { return nil }
      var scale = Self.places(tolerance)
      for item in items { for amount in item.amounts { scale = max(scale, Self.places(amount)) } }
      guard scale <= Self.maxScale, let tolerance = Self.scaled(tolerance, scale) else { return nil }
      var amounts: [[Int64]] = []
      amounts.reserveCapacity(items.count)
      for item in items {
        var row: [Int64] = []
        row.reserveCapacity(item.amounts.count)
        for amount in item.amounts {
          guard let value = Self.scaled(amount, scale) else { return nil }
          row.append(value)
        }
        amounts.append(row)
      }
      self.amounts = amounts
      self.tolerance = tolerance
    }

    /// Decimal places of `value` as stored (its negative exponent).
    private static func places(_ value: Decimal) -> Int {
      value.isNaN ? maxScale + 1 : max(0, -Int(value.exponent))
    }

    /// `value` times 10^scale as an integer, when that is whole and small enough.
    private static func scaled(_ value: Decimal, _ scale: Int) -> Int64? {
      guard !value.isNaN else { return nil }
      var shifted = value
      for _ in 0..<scale { shifted *= 10 }
      // The canonical text of a whole Decimal has no point; anything else is refused.
      guard let result = Int64("\(shifted)"), result.magnitude <= maxMagnitude.magnitude else { return nil }
      return result
    }
  }
}
