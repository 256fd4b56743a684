import DisclosureKit
import Foundation

/// Exact decimals as plain text (`-1234.5`): money never passes through binary floating point.
public enum DecimalText {
  /// The plain text of `value` (see `Decimal.plainText(timesPowerOfTen:)`); nil for NaN.
  public static func text(of value: Decimal) -> String? {
    value.plainText()
  }
}
