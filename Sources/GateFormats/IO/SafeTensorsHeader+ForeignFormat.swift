extension SafeTensorsHeader {
    /// What a file that is not safetensors is, told from its first bytes (NumPy, zip, pickle, text),
    /// with what to do; nil when the bytes are not recognised. Only asked once the length prefix is
    /// already known to be wrong, so it never turns a valid file away.
    static func foreignFormat(_ prefix: UnsafeRawBufferPointer) -> String? {
        let bytes = Array(prefix.prefix(8))
        let kind: String
        if bytes.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) {
            kind = "a NumPy .npy array (an input sequence? pass it with --input)"
        } else if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            kind = "a zip archive (a model? torch.save, TorchScript and .keras files are zips: open it as a model)"
        } else if bytes.count >= 2, bytes[0] == 0x80, (2...5).contains(bytes[1]) {
            kind = "a Python pickle (a legacy torch.save file?)"
        } else if bytes.count == 8, bytes.allSatisfy({ (0x20...0x7E).contains($0) || [0x09, 0x0A, 0x0D].contains($0) }) {
            kind = "text (a CSV input? pass it with --input)"
        } else {
            return nil
        }
        return "is \(kind), not safetensors; models are saved with safetensors.torch.save_file(model.state_dict(), path), traces with gatescope record"
    }
}
