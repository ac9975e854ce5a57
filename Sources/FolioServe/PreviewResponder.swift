import FolioCore
import Foundation
import Hummingbird

/// Answers every request from the engine's current snapshot, plus the live-reload script and event
/// stream on reserved paths under `/__folio/`.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let engine: IncrementalBuilder
    let hub: LiveReloadHub

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        switch path {
        case LiveReloadScript.path:
            return text(LiveReloadScript.source, type: "text/javascript; charset=utf-8")
        case LiveReloadScript.eventsPath:
            return await events()
        default:
            break
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
