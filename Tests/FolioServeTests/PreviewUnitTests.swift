import Foundation
import Testing
@testable import FolioServe

@Suite struct SitePathResolverTests {
    let files: Set<String> = ["index.html", "en/index.html", "en/governance/index.html", "assets/folio.css", "media/a b.png"]

    private func resolve(_ path: String) -> SitePathResolver.Resolution {
        SitePathResolver.resolve(path) { files.contains($0) }
    }

    @Test func servesFilesAndFolderIndexes() {
        #expect(resolve("/") == .file("index.html"))
        #expect(resolve("/en/") == .file("en/index.html"))
        #expect(resolve("/en/governance/index.html?x=1") == .file("en/governance/index.html"))
        #expect(resolve("/media/a%20b.png") == .file("media/a b.png"))
        #expect(resolve("/en/governance") == .redirect("/en/governance/"))
    }

    @Test func refusesEverythingOutsideTheSnapshot() {
        for path in ["/../Package.swift", "/en/../../etc/passwd", "/%2e%2e/Package.swift", "/en/%2E%2E/%2e%2e/x",
                     "/en%2fgovernance/index.html", "/en%2Fgovernance/index.html", "/..%5c..%5cx", "/en/./index.html",
                     "//etc/passwd", "/en/governance/index.html%00.css", "relative", "/missing.html", "/%zz"] {
            #expect(resolve(path) == .notFound, "\(path)")
        }
    }

    @Test func contentTypesCarryACharsetForText() {
        #expect(SitePathResolver.contentType(for: "en/index.html") == "text/html; charset=utf-8")
        #expect(SitePathResolver.contentType(for: "assets/folio.1.css") == "text/css; charset=utf-8")
        #expect(SitePathResolver.contentType(for: "media/map.PNG") == "image/png")
        #expect(SitePathResolver.contentType(for: "en/report.pdf") == "application/pdf")
    }
}

@Suite struct LiveReloadTests {
    @Test func eventsAreWrittenInTheServerSentEventsFormat() {
        #expect(LiveEvent.reload(3).wire == "event: reload\ndata: 3\n\n")
        #expect(LiveEvent(name: "x", data: "a\nb").wire == "event: x\ndata: a\ndata: b\n\n")
        #expect(LiveEvent.errors(["Content/en/01.md:3:1: error: x"]).data == "[\"Content/en/01.md:3:1: error: x\"]")
    }

    @Test func theScriptIsInjectedBeforeTheBodyEnds() {
        let page = Data("<html><body><p>x</p></body></html>".utf8)
        let injected = String(decoding: PreviewResponder.injectLiveReload(into: page), as: UTF8.self)
        #expect(injected == "<html><body><p>x</p>\(LiveReloadScript.tag)\n</body></html>")
    }

    @Test func aNewSubscriberLearnsTheCurrentErrors() async {
        let hub = LiveReloadHub()
        await hub.broadcast(.errors(["a"]))
        let stream = await hub.subscribe()
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == .errors(["a"]))
        await hub.broadcast(.reload(2))
        #expect(await iterator.next() == .reload(2))
        await hub.close()
        #expect(await iterator.next() == nil)
    }
}
