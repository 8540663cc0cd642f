import GateCore

/// A network loaded from a weights file, with an account of which tensors it used.
public struct ImportedModel: Sendable {
    /// The network, validated and ready to run.
    public var network: RecurrentNetwork
    /// The recurrent module that was loaded.
    public var module: RecurrentModuleInfo
    /// Every recurrent module in the file (the loaded one included).
    public var modules: [RecurrentModuleInfo]
    /// The head's prefix (`fc`, `decoder`), when a head was attached.
    public var headPrefix: String?
    /// Other tensors that would also fit as a head (choose with `--head`).
    public var otherHeadCandidates: [String]
    /// The embedding tensor's name, when one was attached.
    public var embeddingName: String?
    /// Tensor names the network was built from.
    public var usedTensors: [String]
    /// Tensor names in the file that gatescope did not use (optimizer state, other layers, …).
    public var ignoredTensors: [String]
    /// The file's `__metadata__`.
    public var fileMetadata: [String: String]
    /// `note: …` lines about choices made while importing (which of several modules, inputs taken as
    /// zero); commands print them on standard error.
    public var notes: [String] = []
}
