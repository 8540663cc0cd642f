import GateCanvas
import Testing
@testable import GateExplorer

/// CellBuffer: writing text, clipping, wide graphemes, fills, plain text and diffs.
@Suite struct CanvasBufferTests {
    @Test func putBlanksExactlyTheControlCharacters() {
        // Against Unicode's own property table: a character is blanked iff its category is Cc.
        for value in UInt32(0)...0x2FF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var buffer = CellBuffer(width: 2, height: 1)
            buffer.put(String(Character(scalar)), x: 0, y: 0)
            let isControl = scalar.properties.generalCategory == .control
            #expect((buffer[0, 0].grapheme == " ") == (isControl || scalar == " "), "U+\(String(value, radix: 16))")
        }
        var pair = CellBuffer(width: 2, height: 1)
        pair.put("\r\n", x: 0, y: 0)
        #expect(pair[0, 0].grapheme == " ")
    }

    @Test func putWritesTextAndReturnsNextColumn() {
        var buffer = CellBuffer(width: 10, height: 2)
        let end = buffer.put("gate", x: 1, y: 0, style: CellStyle(bold: true))
        #expect(end == 5)
        #expect(buffer.plainText() == " gate\n")
        #expect(buffer[1, 0] == Cell("g", style: CellStyle(bold: true)))
    }

    @Test func putClipsAtEveryEdge() {
        var buffer = CellBuffer(width: 5, height: 2)
        buffer.put("abcdefgh", x: 2, y: 0)
        buffer.put("xyz", x: -2, y: 1)
        buffer.put("never", x: 0, y: 2)
        buffer.put("never", x: 0, y: -1)
        #expect(buffer.plainText() == "  abc\nz")
    }

    @Test func wideGraphemesTakeTwoCellsAndAreCutCleanly() {
        var buffer = CellBuffer(width: 5, height: 3)
        #expect(buffer.put("界a", x: 0, y: 0) == 3)
        #expect(buffer[0, 0].grapheme == "界" && buffer[1, 0].isContinuation && buffer[2, 0].grapheme == "a")
        buffer.put("界", x: 4, y: 1)          // only the left half fits: a space instead
        #expect(buffer[4, 1].grapheme == " ")
        buffer.put("界", x: -1, y: 2)         // only the right half is visible
        #expect(buffer[0, 2].grapheme == " ")
        buffer.put("b", x: 1, y: 0)           // overwriting the right half blanks the left half
        #expect(buffer.plainText() == " ba\n\n")
    }

    @Test func combiningMarksStayWithTheirBase() {
        var buffer = CellBuffer(width: 4, height: 1)
        #expect(buffer.put("e\u{301}x", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].grapheme == "e\u{301}")
    }

    @Test func fillIsClippedToTheBuffer() {
        var buffer = CellBuffer(width: 4, height: 3)
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: Cell("#"))
        #expect(buffer.plainText() == "\n  ##\n  ##")
    }

    @Test func plainTextTrimsTrailingSpacesOnly() {
        var buffer = CellBuffer(width: 6, height: 2)
        buffer.put(" a b  ", x: 0, y: 0)
        #expect(buffer.plainText() == " a b\n")
    }

    @Test func changesListOnlyDifferingCells() {
        var old = CellBuffer(width: 4, height: 2)
        old.put("abcd", x: 0, y: 0)
        var new = old
        new.put("X", x: 2, y: 0)
        new.put("Y", x: 1, y: 1, style: CellStyle(underline: true))
        let changes = new.changes(from: old)
        #expect(changes.map { "\($0.x),\($0.y),\($0.cell.grapheme)" } == ["2,0,X", "1,1,Y"])
        #expect(new.changes(from: new).isEmpty)
        var styled = old
        styled[0, 0] = Cell("a", style: CellStyle(foreground: .indexed(3)))
        #expect(styled.changes(from: old).count == 1)
    }

    @Test func changesAfterResizeCoverEveryCell() {
        let old = CellBuffer(width: 3, height: 2)
        let new = CellBuffer(width: 4, height: 2)
        #expect(new.changes(from: old).count == 8)
    }

    @Test func outOfRangeSubscriptIsHarmless() {
        var buffer = CellBuffer(width: 2, height: 2)
        buffer[5, 5] = Cell("x")
        #expect(buffer[5, 5] == .blank)
        #expect(buffer.plainText() == "\n")
    }

    @Test func rectIntersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(a.intersection(Rect(x: 8, y: 3, width: 5, height: 5)) == Rect(x: 8, y: 3, width: 2, height: 2))
        #expect(a.intersection(Rect(x: 20, y: 0, width: 1, height: 1)).isEmpty)
    }
}
