extension ZipArchive {
    /// `NAME/` of the shortest `NAME/data.pkl` member (`""` when `data.pkl` is at the top): where a
    /// torch.save or TorchScript archive keeps its records; nil when there is none.
    public var torchRecordPrefix: String? {
        let candidates = entries.map(\.name).filter { $0 == "data.pkl" || $0.hasSuffix("/data.pkl") }
        guard let shortest = candidates.min(by: { $0.utf8.count < $1.utf8.count }) else { return nil }
        return String(shortest.dropLast("data.pkl".count))
    }

    /// The first few member names, quoted and escaped, for messages.
    public var memberList: String {
        let names = entries.map(\.name)
        if names.isEmpty { return "no members" }
        let shown = names.prefix(5).map { "'\(ZipArchive.printable($0))'" }.joined(separator: ", ")
        return names.count > 5 ? shown + ", … \(names.count) in all" : shown
    }
}
