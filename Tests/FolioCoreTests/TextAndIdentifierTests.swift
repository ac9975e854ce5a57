import Foundation
import Testing
@testable import FolioCore

@Suite struct FrontMatterTests {
    @Test func splitsYAMLAndBodyAndCountsLines() throws {
        let split = try FrontMatter.split("---\ntitle: A\nstage: outline\n---\n# Body\n").get()
        #expect(split.yaml == "title: A\nstage: outline\n")
        #expect(split.body == "# Body\n")
        #expect(split.bodyLineOffset == 4)
    }

    @Test func acceptsDotsAsClosingFenceAndTrailingSpaces() throws {
        let split = try FrontMatter.split("---  \ntitle: A\n...\nBody").get()
        #expect(split.yaml == "title: A\n")
        #expect(split.body == "Body")
    }

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let split = try FrontMatter.split("# Just text\n---\n").get()
        #expect(split.yaml == nil)
        #expect(split.bodyLineOffset == 0)
        #expect(split.body == "# Just text\n---\n")
    }

    /// Splitting a file's bytes directly gives what decoding them and splitting the text gives, and
    /// declines (nil) whatever decoding would change or report.
    @Test func splittingAcceptedBytesAgreesWithDecodingFirst() throws {
        let accepted = ["---\ntitle: A\n---\n# Body\n", "---  \ntitle: Заголовок\n...\nТекст — «да»", "# Just text\n---\n",
                        "---\ntitle: A\nno end\n", "---", "", "\u{FEFF}---\ntitle: عنوان\n---\n中文\n", "---\n---\n"]
        for text in accepted {
            let data = Data(text.utf8)
            let direct = try #require(FrontMatter.split(acceptedData: data), "declined: \(text.debugDescription)")
            let decoded = try SourceText.decode(data).get()
            #expect(direct == FrontMatter.split(decoded), "\(text.debugDescription)")
        }
        let declined: [Data] = [Data("---\r\ntitle: A\r\n---\r\nBody".utf8), Data("---\ntitle: A\n---\nBo\u{7}dy".utf8),
                                Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0xFF, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A]),
                                Data([0x2D, 0x2D, 0x2D, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A, 0xC3, 0x28])]
        for data in declined { #expect(FrontMatter.split(acceptedData: data) == nil) }
    }

    @Test func unterminatedFrontMatterIsAProblem() {
        #expect(FrontMatter.split("---\ntitle: A\nno end\n") == .failure(.unterminated))
        #expect(FrontMatter.split("---") == .failure(.unterminated))
    }

    @Test func emptyFrontMatterAndEmptyFile() throws {
        #expect(try FrontMatter.split("---\n---\nBody").get().yaml == "")
        #expect(try FrontMatter.split("").get().body == "")
    }
}

@Suite struct SourceTextTests {
    @Test func stripsByteOrderMarkAndNormalizesLineEndings() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("a\r\nb\rc\n".utf8))
        #expect(try SourceText.decode(data).get() == "a\nb\nc\n")
    }

    @Test func reportsTheFirstInvalidByte() {
        var data = Data("line one\nline two\nab".utf8)
        data.append(0xFF)
        #expect(SourceText.decode(data) == .failure(.invalidUTF8(line: 3, column: 3)))
    }

    @Test func countsColumnsInCharactersNotBytes() {
        var data = Data("Ålesund é".utf8)
        data.append(0xC3)
        #expect(SourceText.decode(data) == .failure(.invalidUTF8(line: 1, column: 10)))
    }

    @Test func reportsBinaryFiles() {
        #expect(SourceText.decode(Data([0x41, 0x0A, 0x42, 0x00])) == .failure(.binary(line: 2, column: 2)))
    }

    /// What HTML forbids in a page (found by fuzzing the chapter pipeline: a U+0001 went into the page).
    @Test func reportsCharactersAWebPageCannotCarry() {
        // Swift string literals refuse the noncharacters: those are built from their values.
        func nonCharacter(_ value: UInt32) -> (Unicode.Scalar, String) {
            let scalar = Unicode.Scalar(value) ?? "?"
            return (scalar, String(Character(scalar)))
        }
        let (fdd0, fdd0Text) = nonCharacter(0xFDD0), (fffe, fffeText) = nonCharacter(0xFFFE), (last, lastText) = nonCharacter(0x10FFFF), (plane1, plane1Text) = nonCharacter(0x1FFFF)
        let cases: [(String, Unicode.Scalar, Int, Int)] = [
            ("Karmøy\nva\u{01}lue", "\u{01}", 2, 3), ("a\u{0B}b", "\u{0B}", 1, 2), ("a\u{0C}", "\u{0C}", 1, 2),
            ("x\u{7F}", "\u{7F}", 1, 2), ("l\u{92}Europe", "\u{92}", 1, 2), ("ab" + fdd0Text, fdd0, 1, 3),
            (fffeText, fffe, 1, 1), ("智慧\n城市" + lastText, last, 2, 3), (plane1Text, plane1, 1, 1),
        ]
        for (text, scalar, line, column) in cases {
            #expect(SourceText.decode(Data(text.utf8)) == .failure(.forbiddenCharacter(scalar, line: line, column: column)), "\(scalar.codePoint)")
        }
        // Tabs, line endings, the no-break space, fullwidth forms, emoji and the BOM are text.
        let text = "\u{FEFF}a\tb\r\nc\u{A0}d，\u{FDCF}\u{FDF0}\u{FFFD}😀𠀀"
        #expect(SourceText.decode(Data(text.utf8)) == .success("a\tb\nc\u{A0}d，\u{FDCF}\u{FDF0}\u{FFFD}😀𠀀"))
        #expect(SourceText.Problem.forbiddenCharacter("\u{92}", line: 1, column: 1).message.contains("converted from Windows-1252 wrongly (there it is '’')"))
        #expect(SourceText.Problem.forbiddenCharacter("\u{01}", line: 1, column: 1).message == "invisible character U+0001 cannot appear in a web page: remove it")
    }
}

@Suite struct HeadingIDTests {
    @Test func slugsKeepLettersOfEveryScript() {
        #expect(HeadingIDs.slug("Governance of SSCs") == "governance-of-sscs")
        #expect(HeadingIDs.slug("Введение: города ЕЭК") == "введение-города-еэк")
        #expect(HeadingIDs.slug("المدن الذكية المستدامة") == "المدن-الذكية-المستدامة")
        #expect(HeadingIDs.slug("智慧可持续城市") == "智慧可持续城市")
        #expect(HeadingIDs.slug("Cities — and SSCs — in 2020!") == "cities-and-sscs-in-2020")
        #expect(HeadingIDs.slug("«  »") == "section")
    }

    @Test func repeatedHeadingsAndReservedIDsGetSuffixes() {
        var ids = HeadingIDs()
        #expect(ids.id(for: "Key messages") == "key-messages")
        #expect(ids.id(for: "Key messages") == "key-messages-2")
        #expect(ids.id(for: "Key messages") == "key-messages-3")
        #expect(ids.id(for: "Main") == "main-2")
        #expect(ids.id(for: "Footnotes") == "footnotes-2")
    }
}

@Suite struct CalendarDateTests {
    @Test func parsesOnlyValidISODates() {
        #expect(CalendarDate(iso: "2020-02-29")?.description == "2020-02-29")
        #expect(CalendarDate(iso: "2019-02-29") == nil)
        #expect(CalendarDate(iso: "2020-13-01") == nil)
        #expect(CalendarDate(iso: "2020-4-30") == nil)
        #expect(CalendarDate(iso: "30/04/2020") == nil)
        // Digits only: a sign is read by `Int` but is no ISO date (the attribution fuzz target found `2020-+4-20`).
        #expect(CalendarDate(iso: "2020-+4-20") == nil)
        #expect(CalendarDate(iso: "+020-04-20") == nil)
        #expect(CalendarDate(iso: "2020-04--1") == nil)
    }

    @Test func countsDaysAcrossMonthsAndLeapYears() throws {
        let due = try #require(CalendarDate(iso: "2020-04-30"))
        let asOf = try #require(CalendarDate(iso: "2020-05-10"))
        #expect(due.days(until: asOf) == 10)
        #expect(try #require(CalendarDate(iso: "2020-02-28")).days(until: try #require(CalendarDate(iso: "2020-03-01"))) == 2)
        #expect(due < asOf)
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsCloseCandidatesOnly() {
        #expect(Suggestion.closest(to: "sumary", in: ["title", "summary", "stage"]) == "summary")
        #expect(Suggestion.closest(to: "frist-draft", in: ["outline", "first-draft"]) == "first-draft")
        #expect(Suggestion.closest(to: "zzzzzz", in: ["title", "summary"]) == nil)
        #expect(Suggestion.hint(for: "titel", in: ["title"]) == " (did you mean 'title'?)")
    }
}

@Suite struct HTMLEscapingTests {
    @Test func escapesTextAndAttributeCharacters() {
        #expect(HTML.escape("<script>\"x\" & 'y'</script>") == "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;")
        #expect(HTML.escape("Ålesund — 97 %") == "Ålesund — 97 %")
        #expect(HTML.escape("{{title}}") == "{{title}}")
    }
}

@Suite struct ScalarClassTests {
    /// The table is built from one category lookup and the properties that category can hold; over the
    /// whole Basic Multilingual Plane it must agree with asking every property of every character.
    @Test func categoryFirstClassificationAgreesWithAskingEverything() {
        var disagreements: [String] = []
        for value in UInt32(0)..<0x10000 where ScalarClass.classify(value) != ScalarClass.classifyAskingEverything(value) {
            disagreements.append(String(value, radix: 16))
        }
        #expect(disagreements.isEmpty, "U+\(disagreements.prefix(10).joined(separator: ", U+"))")
        #expect(ScalarClass.of("A") == ScalarClass.wordCharacter | ScalarClass.uppercase)
        #expect(ScalarClass.of("\u{3000}") == ScalarClass.whitespace)
        #expect(ScalarClass.of("城") == ScalarClass.wordCharacter | ScalarClass.ideographic)
        #expect(ScalarClass.of("\u{064E}") & ScalarClass.mark != 0)  // Arabic fatha
    }

    /// The sixteen-bytes-at-a-time scan for forbidden characters against the byte check it guards:
    /// every byte value at every position of buffers around one and two chunks, followed by each byte
    /// that decides a C1 control or a noncharacter, over plain text and over fullwidth punctuation.
    @Test func forbiddenCharacterScanAgreesWithTheByteCheck() {
        for background: [UInt8] in [[0x61], [0xEF, 0xBC, 0x8C]] {
            for length in [0, 1, 2, 15, 16, 17, 18, 31, 32, 33, 34] {
                var bytes = (0..<length).map { background[$0 % background.count] }
                for position in 0..<length {
                    let saved = Array(bytes[position..<min(position + 2, length)])
                    for value in UInt8.min...UInt8.max {
                        for following: UInt8 in [0x61, 0x9F, 0xA0, 0xB7, 0xBF] {
                            bytes[position] = value
                            if position + 1 < length { bytes[position + 1] = following }
                            bytes.withUnsafeBufferPointer { buffer in
                                let expected = buffer.indices.contains { SourceText.startsForbiddenCharacter(buffer, at: $0) }
                                if SourceText.mayHoldForbiddenCharacter(buffer) != expected {
                                    Issue.record("\(value) then \(following) at \(position) of \(length) over \(background)")
                                }
                            }
                        }
                    }
                    bytes.replaceSubrange(position..<min(position + 2, length), with: saved)
                }
            }
        }
    }
}
