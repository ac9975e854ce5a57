import FolioCore
import Foundation
import Hummingbird

/// Answers every request from the engine's current snapshot, plus the live-reload script, the event
/// stream and the print view (`/__folio/print/<lang>/`) on reserved paths under `/__folio/`.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let engine: IncrementalBuilder
    let hub: LiveReloadHub
    let compilers: PrintPreviewCompilers
    /// With `folio serve --verbose`, every request is logged (method, path, status).
    var requestLog: (@Sendable (String) -> Void)?

    func respond(to request: Request, context: Context) async throws -> Response {
        let response = try await answer(request)
        requestLog?("\(request.method) \(request.uri) \(response.status.code)")
        return response
    }

    private func answer(_ request: Request) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        switch path {
        case LiveReloadScript.path:
            return text(LiveReloadScript.source, type: "text/javascript; charset=utf-8")
        case LiveReloadScript.eventsPath:
            return await events()
        case PrintViewPage.scriptPath:
            return text(PrintViewPage.script, type: "text/javascript; charset=utf-8")
        default:
            break
        }
        if path.hasPrefix(PrintViewPage.prefix) || path == String(PrintViewPage.prefix.dropLast()) {
            return await printView(path)
        }
        switch SitePathResolver.resolve(path, exists: { engine.file($0) != nil }) {
        case .notFound:
            return text("Not found\n", type: "text/plain; charset=utf-8", status: .notFound)
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "no-cache"])
        case .file(let key):
            guard var data = engine.file(key) else {
                return text("Not found\n", type: "text/plain; charset=utf-8", status: .notFound)
            }
            if key.hasSuffix(".html") { data = Self.injectLiveReload(into: data) }
            var headers: HTTPFields = [.contentType: SitePathResolver.contentType(for: key), .cacheControl: "no-cache"]
            headers[.contentLength] = String(data.count)
            let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data))
            return Response(status: .ok, headers: headers, body: body)
        }
    }

    /// `/__folio/print/<lang>/` (the view), `state.json` (its pages and sections), `pages/<hash>.svg`.
    private func printView(_ path: String) async -> Response {
        let rest = path.dropFirst(PrintViewPage.prefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let language = rest.first, !language.isEmpty, compilers.hasLanguage(language) else {
            return text("No print edition here: /__folio/print/<language>/ shows one of the site's languages.\n",
                        type: "text/plain; charset=utf-8", status: .notFound)
        }
        switch rest.count {
        case 1:
            return Response(status: .movedPermanently, headers: [.location: "\(PrintViewPage.prefix)\(language)/", .cacheControl: "no-cache"])
        case 2 where rest[1].isEmpty || rest[1] == "index.html":
            _ = await compilers.open(language)
            return text(PrintViewPage.html(language: language), type: "text/html; charset=utf-8")
        case 2 where rest[1] == "state.json":
            let state = await compilers.open(language)
            return text(LiveEvent.json(state), type: "application/json; charset=utf-8")
        case 3 where rest[1] == "pages" && rest[2].hasSuffix(".svg"):
            guard let image = await compilers.pageImage(language, hash: String(rest[2].dropLast(4))) else { break }
            // A page's address is its content's hash: it never changes, so the browser may keep it.
            let headers: HTTPFields = [.contentType: "image/svg+xml", .cacheControl: "public, max-age=31536000, immutable",
                                       .contentLength: String(image.count)]
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: image)))
        default:
            break
        }
        return text("Not found\n", type: "text/plain; charset=utf-8", status: .notFound)
    }

    /// The page with the live-reload script before `</body>` (or at the end).
    static func injectLiveReload(into page: Data) -> Data {
        let html = String(decoding: page, as: UTF8.self)
        if let range = html.range(of: "</body>", options: .backwards) {
            return Data(html.replacingCharacters(in: range, with: LiveReloadScript.tag + "\n</body>").utf8)
        }
        return Data((html + LiveReloadScript.tag).utf8)
    }

    /// `text/event-stream`: one event per rebuild, until the browser goes or the server stops.
    private func events() async -> Response {
        let stream = await hub.subscribe()
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            for await event in stream {
                try await writer.write(ByteBuffer(string: event.wire))
            }
            try await writer.finish(nil)
        })
    }

    private func text(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type, .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
