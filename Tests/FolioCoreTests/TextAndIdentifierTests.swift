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
