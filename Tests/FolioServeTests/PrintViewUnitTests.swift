import Foundation
import Testing
@testable import FolioServe

@Suite struct PrintViewUnitTests {
    @Test func thePrintViewsEventsLeaveTheSitesErrorsCurrent() async {
        let hub = LiveReloadHub()
        await hub.broadcast(.errors(["Content/en/01-introduction.md:3:1: error: x"]))
        await hub.broadcast(LiveEvent.printErrors(language: "en", lines: ["Content/en/01-introduction.md:6:1: error: y"]))
        // A tab that connects now still learns that the site has errors.
        let stream = await hub.subscribe()
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == .errors(["Content/en/01-introduction.md:3:1: error: x"]))
        await hub.close()
    }

    @Test func thePrintEventCarriesTheChangedPagesAndTheErrorsEventItsLanguage() throws {
        let state = PrintPreviewCompilers.ViewState(lang: "en", version: 4, pages: ["00000000000000aa", "00000000000000bb"],
                                                    changed: [2], sections: [.init(page: 2, href: "/en/introduction/#context",
                                                                                   title: "Context", level: 2)],
                                                    errors: [], compiling: false)
        let event = LiveEvent.print(state)
        #expect(event.name == "print")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
        #expect(decoded["changed"] as? [Int] == [2])
        #expect(decoded["pages"] as? [String] == ["00000000000000aa", "00000000000000bb"])
        #expect(!event.data.contains("\n"), "one data line")
        let errors = LiveEvent.printErrors(language: "fr", lines: ["a:1:1: error: b"])
        #expect(errors.data == #"{"errors":["a:1:1: error: b"],"lang":"fr"}"#)
    }

    @Test func theCompilersAnswerIsReadWithItsHeadingsPages() throws {
        let line = #"{"id": 3, "status": "ok", "pages": ["0123456789abcdef"], "written": 1, "headings": [["ch-1", 3], ["h-1-2", 4]], "warnings": [], "seconds": 0.2, "typstSeconds": 0.1, "fingerprintSeconds": 0.01, "renderSeconds": 0.03, "headingsSeconds": 0, "renderer": "poppler", "residentKiB": 204800, "peakKiB": 307200}"#
        let reply = try JSONDecoder().decode(TypstPreviewWorker.Reply.self, from: Data(line.utf8))
        #expect(reply.headings?.map(\.label) == ["ch-1", "h-1-2"])
        #expect(reply.headings?.map(\.page) == [3, 4])
        #expect(reply.residentKiB == 204800)
        #expect(reply.renderer == "poppler" && reply.renderSeconds == 0.03)
    }

    @Test func theViewAndTheDraftPagesLinkEachOther() {
        let html = PrintViewPage.html(language: "en")
        #expect(html.contains(#"<body data-lang="en">"#))
        #expect(html.contains(PrintViewPage.scriptPath))
        #expect(html.contains(#"id="folio-print-follow""#))
        #expect(PrintViewPage.html(language: "<x>").contains("&lt;x&gt;"))
        #expect(LiveReloadScript.source.contains("folio-show-in-print"))
        #expect(LiveReloadScript.source.contains("/__folio/print/"))
    }
}
