/// Collects the bytes cairo's script surface writes, for ``ScriptRuleReader`` to read.
final class ByteSink {
  var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(1 << 16) }
}
