import Foundation
import Testing

/// Every command's `--help` reads cleanly at 80 columns: the argument parser re-wraps each line of a
/// discussion to the terminal width, so a line broken by hand past 78 columns in the middle of a
/// sentence comes out ragged ("… w what-if, D cell diagram,\nc/C clamp …").
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct HelpTextTests {
    /// Each command's name and discussion, from the parser's own JSON dump of the help.
    static func discussions() throws -> [(command: String, text: String)] {
        let result = try HardeningEndToEndTests.run(["--experimental-dump-help"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        var found: [(String, String)] = []
        func walk(_ command: [String: Any], _ path: String) {
            let name = path.isEmpty ? (command["commandName"] as? String ?? "") : path + " " + (command["commandName"] as? String ?? "")
            if let text = command["discussion"] as? String { found.append((name, text)) }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, name) }
        }
        walk(try #require(json["command"] as? [String: Any]), "")
        return found
    }

    @Test func everyDiscussionLineFitsOrIsAWholeParagraph() throws {
        let all = try Self.discussions()
        #expect(all.count >= 10)
        for (command, text) in all {
            for line in text.split(separator: "\n") where line.count > 78 {
                // A long line is re-wrapped by the parser: fine only when it ends a paragraph.
                #expect(line.hasSuffix("."), "\(command): line broken inside a sentence past 78 columns: \(line)")
            }
        }
    }

    /// `explore --help`'s key line came out as "… ? help, q" and "quit." at 80 columns: now two whole lines
    /// at every width.
    @Test(arguments: ["80", "120", "200"])
    func exploreHelpKeepsEachKeyWithWhatItDoes(columns: String) throws {
        let result = try HardeningEndToEndTests.run(["explore", "--help"], environment: ["COLUMNS": columns])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Keys:") }, "\(lines)")
        #expect(Array(lines[start...].prefix(3)) == [
            "Keys: ←/→ step, space play, ↑/↓ unit, s sort, tab panel, i inspector,",
            "? help (every key), q quit.",
            "USAGE: gatescope explore <options>",
        ])
        let discussion = lines.prefix { !$0.hasPrefix("USAGE:") }
        #expect(discussion.allSatisfy { $0.count <= Int(columns)! }, "\(discussion)")
    }

    @Test func lessonHelpAtEightyColumnsHasTheKeysAsOneParagraph() throws {
        let result = try HardeningEndToEndTests.run(["lesson", "--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0, "\(result.stderr)")
        let all = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        // The overview and discussion, above the usage line (which the parser never wraps).
        let lines = Array(all.prefix { !$0.hasPrefix("USAGE:") })
        #expect(lines.count > 8)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        // The paragraph about keys is filled to the width: no short orphan line inside it.
        let start = try #require(lines.firstIndex { $0.hasPrefix("Keys besides the explorer's") })
        let end = try #require(lines[start...].firstIndex { $0.hasSuffix("bookmarks.") })
        #expect(end > start)
        for line in lines[start..<end] { #expect(line.count > 60, "ragged line in the keys paragraph: \(line)") }
    }
}
