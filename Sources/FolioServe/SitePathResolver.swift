import Foundation

/// Turns a request path into a key of the in-memory site, or refuses it. Only files of the current
/// snapshot can ever be served: there is no file system access, so no `..`, absolute path or symbolic
/// link can lead out of the site.
enum SitePathResolver {
    enum Resolution: Equatable {
        case file(String)
        /// A folder requested without its trailing slash: redirect so relative links work.
        case redirect(String)
        case notFound
    }

    static func resolve(_ rawPath: String, exists: (String) -> Bool) -> Resolution {
        let path = rawPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let lowered = path.lowercased()
        // Encoded slashes, backslashes and NUL never name a file of the site.
        if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") || path.contains("\\") { return .notFound }
        guard path.hasPrefix("/"), let decoded = path.removingPercentEncoding else { return .notFound }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) || decoded.contains("\0") { return .notFound }
        var key = segments.joined(separator: "/")
        if key.isEmpty || key.hasSuffix("/") {
            key += "index.html"
            return exists(key) ? .file(key) : .notFound
        }
        if exists(key) { return .file(key) }
        if exists(key + "/index.html") { return .redirect(path + "/") }
        return .notFound
    }

    static func contentType(for key: String) -> String {
        switch (key as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "svg": "image/svg+xml; charset=utf-8"
        case "txt", "md": "text/plain; charset=utf-8"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        default: "application/octet-stream"
        }
    }
}
