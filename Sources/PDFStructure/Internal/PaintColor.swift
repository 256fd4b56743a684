/// A fill or stroke colour, reduced to what decides whether its paint can be a rule: light
/// colours (every RGB component above 0.85, as poppler converts the colour) and nearly
/// transparent ones (alpha below 0.2) are not rules, and pattern paint is not a plain fill.
struct PaintColor {
  /// The colour space, as far as conversion to RGB goes.
  enum Space: Equatable {
    case gray, rgb, cmyk
    /// A space whose colours are not converted here (separation, indexed, Lab…): never light.
    case other(components: Int)
    case pattern

    /// How many operands `sc`/`scn` take in this space.
    var components: Int {
      switch self {
      case .gray: 1
      case .rgb: 3
      case .cmyk: 4
      case .other(let components): components
      case .pattern: 0
      }
    }
  }

  var space = Space.gray
  /// Whether the colour converts to RGB with every component above 0.85.
  var light = false
  /// The opacity (`CA`/`ca`).
  var alpha = 1.0

  /// Whether this paint yields no rule.
  var yieldsNoRule: Bool { light || alpha < 0.2 }

  /// A colour in `space` from its first components (as many as the space has; the rest are
  /// ignored), judged as poppler converts it to RGB: components truncated to 16.16 fixed point
  /// and clipped to [0, 1]; CMYK through poppler's matrix.
  static func device(
    _ space: Space, _ components: (Double, Double, Double, Double), alpha: Double
  ) -> PaintColor {
    let (c0, c1, c2, c3) = components
    func component(_ value: Double) -> Double {
      let fixed = (value * 65536).rounded(.towardZero)
      return fixed.isFinite ? max(0, min(65536, fixed)) / 65536 : 0
    }
    func light(_ r: Double, _ g: Double, _ b: Double) -> Bool { r > 0.85 && g > 0.85 && b > 0.85 }
    let isLight: Bool
    switch space {
    case .gray:
      isLight = component(c0) > 0.85
    case .rgb:
      isLight = light(component(c0), component(c1), component(c2))
    case .cmyk:
      let (r, g, b) = cmykToRGB(component(c0), component(c1), component(c2), component(c3))
      isLight = light(component(r), component(g), component(b))
    case .other, .pattern:
      isLight = false
    }
    return PaintColor(space: space, light: isLight, alpha: alpha)
  }

  /// poppler's DeviceCMYK to RGB conversion (`cmykToRGBMatrixMultiplication`), term by term in
  /// its order so the result matches to the last bit.
  static func cmykToRGB(_ c: Double, _ m: Double, _ y: Double, _ k: Double) -> (Double, Double, Double) {
    let c1 = 1 - c
    let m1 = 1 - m
    let y1 = 1 - y
    let k1 = 1 - k
    var x = c1 * m1 * y1 * k1
    var r = x
    var g = x
    var b = x
    x = c1 * m1 * y1 * k
    r += 0.1373 * x
    g += 0.1216 * x
    b += 0.1255 * x
    x = c1 * m1 * y * k1
    r += x
    g += 0.9490 * x
    x = c1 * m1 * y * k
    r += 0.1098 * x
    g += 0.1020 * x
    x = c1 * m * y1 * k1
    r += 0.9255 * x
    b += 0.5490 * x
    x = c1 * m * y1 * k
    r += 0.1412 * x
    x = c1 * m * y * k1
    r += 0.9294 * x
    g += 0.1098 * x
    b += 0.1412 * x
    x = c1 * m * y * k
    r += 0.1333 * x
    x = c * m1 * y1 * k1
    g += 0.6784 * x
    b += 0.9373 * x
    x = c * m1 * y1 * k
    g += 0.0588 * x
    b += 0.1412 * x
    x = c * m1 * y * k1
    g += 0.6510 * x
    b += 0.3137 * x
    x = c * m1 * y * k
    g += 0.0745 * x
    x = c * m * y1 * k1
    r += 0.1804 * x
    g += 0.1922 * x
    b += 0.5725 * x
    x = c * m * y1 * k
    b += 0.0078 * x
    x = c * m * y * k1
    r += 0.2118 * x
    g += 0.2119 * x
    b += 0.2235 * x
    return (r, g, b)
  }
}
