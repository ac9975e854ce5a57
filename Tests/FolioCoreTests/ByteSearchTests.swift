import Testing
@testable import FolioCore

@Suite struct ByteSearchTests {
    /// The word-at-a-time digit test against the obvious byte loop: every byte value at every position
    /// of buffers from empty to longer than two words, over a background of bytes next to the digits.
    @Test func containsDigitAgreesWithAByteLoop() {
        for background: UInt8 in [0x2F, 0x3A, 0x20, 0xB0, 0xB9, 0xFF] {
            for length in 0...19 {
                var bytes = [UInt8](repeating: background, count: length)
                #expect(!bytes.withUnsafeBufferPointer(ByteSearch.containsDigit))
                for position in 0..<length {
                    for value in UInt8.min...UInt8.max {
                        bytes[position] = value
                        let expected = value >= 0x30 && value <= 0x39
                        if bytes.withUnsafeBufferPointer(ByteSearch.containsDigit) != expected {
                            Issue.record("byte \(value) at \(position) of \(length) over \(background)")
                        }
                    }
                    bytes[position] = background
                }
            }
        }
    }

    /// The sixteen-bytes-at-a-time search for HTML's special bytes against a byte loop: every byte
    /// value at every position of buffers up to past two chunks, searched from the start and from that
    /// position, with a second special byte at the end (the first must be found).
    @Test func firstHTMLSpecialAgreesWithAByteLoop() {
        let specials: Set<UInt8> = [0x26, 0x3C, 0x3E, 0x22, 0x27]
        for background: UInt8 in [0x3D, 0xA6] {
            for length in 0...33 {
                var bytes = [UInt8](repeating: background, count: length)
                #expect(bytes.withUnsafeBufferPointer { ByteSearch.firstHTMLSpecial(in: $0) } == nil)
                if length > 0 { bytes[length - 1] = UInt8(ascii: "'") }
                for position in 0..<length {
                    let saved = bytes[position]
                    for value in UInt8.min...UInt8.max {
                        bytes[position] = value
                        for start in [0, position] {
                            let expected = (start..<length).first { specials.contains(bytes[$0]) }
                            let found = bytes.withUnsafeBufferPointer { ByteSearch.firstHTMLSpecial(in: $0, from: start) }
                            if found != expected {
                                Issue.record("byte \(value) at \(position) of \(length) from \(start) over \(background): \(String(describing: found))")
                            }
                        }
                    }
                    bytes[position] = saved
                }
            }
        }
    }

    @Test func escapingReplacesEachSpecialByteAndKeepsEverythingElse() {
        let text = String(repeating: "Città d'arte — \"Москва\" <b>&</b> 城市 ", count: 3)
        let expected = String(repeating: "Città d&#39;arte — &quot;Москва&quot; &lt;b&gt;&amp;&lt;/b&gt; 城市 ", count: 3)
        #expect(HTML.escape(text) == expected)
        #expect(TemplateEscaping().escapeText(text) == expected)
        // A quote that carries a combining mark is one Character but still a quote in HTML.
        #expect(TemplateEscaping().escapeText("title=\"\u{301}x") == "title=&quot;\u{301}x")
        #expect(HTML.escape("\"\u{301}") == "&quot;\u{301}")
        let plain = String(repeating: "Smart sustainable cities, 2030 — устойчивые города ", count: 4)
        #expect(HTML.escape(plain) == plain)
    }
}
