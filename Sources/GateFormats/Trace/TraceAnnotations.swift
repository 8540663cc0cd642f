import GateCore

/// How annotation tracks are stored in a trace file: tensor `annotation.NAME` [T] (numbers, NaN for
/// none; or label ids, −1 for none), metadata `annotations` (a JSON array of the names, in order) and,
/// for a label track, `annotation_labels.NAME` (a JSON array of its labels, id k = label k).
public enum TraceAnnotations {
    /// The tensor name of a track.
    public static func tensorName(_ name: String) -> String { "annotation." + name }

    /// The metadata key listing the tracks.
    public static let listKey = "annotations"

    /// The metadata key of a label track's labels.
    public static func labelsKey(_ name: String) -> String { "annotation_labels." + name }

    /// Whether a metadata key belongs to the annotations (rewritten from the trace's tracks on write).
    static func isAnnotationKey(_ key: String) -> Bool { key == listKey || key.hasPrefix("annotation_labels.") }

    /// The tensors to write: name and one float per step.
    public static func tensors(_ tracks: [AnnotationTrack]) -> [(name: String, values: [Float])] {
        tracks.map { track in
            switch track.values {
            case .numbers(let numbers):
                return (tensorName(track.name), numbers)
            case .labels(let labels):
                let (keys, _) = AnnotationTrack.keys(of: labels)
                return (tensorName(track.name), keys.map(Float.init))
            }
        }
    }

    /// The metadata entries to write.
    public static func metadata(_ tracks: [AnnotationTrack]) -> [String: String] {
        guard !tracks.isEmpty else { return [:] }
        var map = [listKey: TraceMetadata.jsonArray(tracks.map(\.name))]
        for track in tracks {
            if case .labels(let labels) = track.values {
                map[labelsKey(track.name)] = TraceMetadata.jsonArray(AnnotationTrack.keys(of: labels).names)
            }
        }
        return map
    }

    /// The tracks of a trace file, from its metadata and a reader of its float tensors.
    static func read(metadata: [String: String], steps: Int, source: String,
                     tensor: (String) throws -> [Float]?) throws -> [AnnotationTrack] {
        guard let list = metadata[listKey] else { return [] }
        let names = try ModelImporter.parseStringArray(list, key: listKey, source: source)
        return try names.map { name in
            guard let values = try tensor(tensorName(name)), values.count == steps else {
                throw FormatError("annotation '\(name)' is listed but its tensor '\(tensorName(name))' is missing or not [\(steps)]; re-record the trace", source: source)
            }
            guard let labelText = metadata[labelsKey(name)] else {
                return AnnotationTrack(name: name, values: .numbers(values))
            }
            let labels = try ModelImporter.parseStringArray(labelText, key: labelsKey(name), source: source)
            let texts = values.map { value -> String in
                guard value.isFinite, value >= 0, value < Float(labels.count) else { return "" }
                return labels[Int(value)]
            }
            return AnnotationTrack(name: name, values: .labels(texts))
        }
    }
}
