extension FileKind {
    /// What to do when a file of this kind was given where a model was expected.
    public var modelAdvice: String {
        let save = "save the weights with torch.save(model.state_dict(), 'm.pt') or safetensors.torch.save_file(model.state_dict(), 'm.safetensors')"
        switch self {
        case .legacyTorch:
            return "save it again with a current PyTorch: torch.save(torch.load(path), 'm.pt')"
        case .pickle:
            return "gatescope reads torch.save zip archives, not bare pickles; \(save)"
        case .onnx:
            return "give the file a .onnx extension so gatescope reads it as ONNX"
        case .npy, .npz:
            return "an input sequence? pass it with --input; for the model, \(save)"
        case .text:
            return "a CSV input? pass it with --input; for the model, \(save)"
        case .hdf5, .kerasArchive:
            return "gatescope reads Keras .keras, .weights.h5 and .h5 model files as models (see docs/formats.md)"
        case .damagedZip:
            return "download or save the file again"
        case .safetensors, .torchCheckpoint, .torchScript, .zip, .unknown:
            return save
        }
    }
}
