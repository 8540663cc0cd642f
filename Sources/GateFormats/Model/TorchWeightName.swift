import GateCore

/// The last component of a PyTorch recurrent parameter name, taken apart:
/// `weight_hh_l1_reverse` → base `weight_hh`, layer 1, reverse.
struct TorchWeightName: Hashable {
    /// `weight_ih`, `weight_hh`, `weight_hr`, `bias_ih`, `bias_hh`, or gatescope's `peephole`.
    var base: String
    /// The layer for `nn.LSTM`-style names; nil for `nn.LSTMCell`-style names.
    var layer: Int?
    /// The `_reverse` direction.
    var reverse: Bool

    /// The parameter bases a recurrent module can hold.
    static let bases = ["weight_ih", "weight_hh", "weight_hr", "bias_ih", "bias_hh", "peephole"]

    /// Parses a last name component; nil when it is not a recurrent parameter name.
    init?(_ text: String) {
        for base in TorchWeightName.bases where text.hasPrefix(base) {
            let rest = text.dropFirst(base.count)
            if rest.isEmpty {
                self.init(base: base, layer: nil, reverse: false)
                return
            }
            guard rest.hasPrefix("_l") else { continue }
            var digits = rest.dropFirst(2)
            var reverse = false
            if digits.hasSuffix("_reverse") {
                reverse = true
                digits = digits.dropLast("_reverse".count)
            }
            guard !digits.isEmpty, digits.count < 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let layer = Int(digits) else { continue }
            self.init(base: base, layer: layer, reverse: reverse)
            return
        }
        return nil
    }

    /// A name from its parts.
    init(base: String, layer: Int?, reverse: Bool) {
        self.base = base
        self.layer = layer
        self.reverse = reverse
    }

    /// The component as PyTorch writes it.
    var text: String {
        guard let layer else { return base }
        return "\(base)_l\(layer)" + (reverse ? "_reverse" : "")
    }
}
