import Foundation

/// Decides what a link or image destination written in a chapter points to, so the checker can report
/// broken ones and the renderer can rewrite them into the site's relative URLs.
///
/// Chapters link to each other by file (`03-innovation-and-economy.md#anchor`, or
/// `../fr/03-innovation-and-economy.md`) and to shared media by path (`../media/map.png`), exactly as
/// an editor previewing the Markdown files would resolve them.
public struct LinkResolver: Sendable, Equatable {
    public enum Target: Equatable, Sendable {
        /// `https:`, `mailto:` and other safe external links, left as written.
        case external(String)
        /// `#anchor` on the same page.
        case fragment(String)
        /// Another chapter: its slug and language, and an optional `#anchor`.
        case chapter(slug: String, language: String, fragment: String?)
        /// The landing page of a language.
        case home(language: String, fragment: String?)
        /// A file of `Content/media/` (path relative to that folder).
        case media(String)
        /// `javascript:`, `vbscript:`, `data:` (outside images): never emitted.
        case unsafe(String)
        /// A relative path that does not resolve to anything folio publishes; the reason says why.
        case broken(String)
        /// A path that leads out of Content/ (`../../etc/passwd`, `/etc/passwd`): never followed.
        case outside(String)
    }

    public let languages: [String]
    public let mediaFiles: Set<String>
    /// Slugs of the chapters of each language, and their numbers (to accept `NN-slug.md` names).
    public let chapterFiles: [String: [String: String]]

    /// Links of a text read on its own (no chapters, no media): the redline of a lone chapter file.
    init(standalone languages: [String]) {
        self.languages = languages
        mediaFiles = []
        chapterFiles = [:]
    }

    public init(publication: Publication) {
        languages = publication.config.languageCodes
        mediaFiles = Set(publication.mediaFiles)
        var files: [String: [String: String]] = [:]
        for (language, chapters) in publication.chapters {
            for chapter in chapters {
                files[language, default: [:]][chapter.fileName] = chapter.slug
            }
        }
        // A translation may link to a chapter it does not have yet: its page exists (source fallback).
        let source = publication.config.sourceLanguage
        for language in languages {
            for (file, slug) in files[source] ?? [:] where files[language]?[file] == nil {
                files[language, default: [:]][file] = slug
            }
        }
        chapterFiles = files
    }

    public func resolve(_ destination: String, from language: String, isImage: Bool = false) -> Target {
        if let target = resolveSibling(destination, from: language) { return target }
        let trimmed = Self.trimmingWhitespace(destination)
        // A scheme hidden behind percent-encoding (`java%09script:`) is treated as what it decodes to.
        let scheme = Self.scheme(of: trimmed)
            ?? (Self.hasPercent(trimmed) ? Self.scheme(of: Self.removingPercentEncoding(trimmed)) : nil)
        if let scheme {
            switch scheme {
            case "javascript", "vbscript": return .unsafe(trimmed)
            case "data": return isImage && trimmed.lowercased().hasPrefix("data:image/") && !trimmed.lowercased().hasPrefix("data:image/svg")
                ? .external(trimmed) : .unsafe(trimmed)
            case "file": return .unsafe(trimmed)
            default: return .external(trimmed)
            }
        }
        if trimmed.hasPrefix("//") { return .external(trimmed) }
        if trimmed.hasPrefix("#") { return .fragment(String(trimmed.dropFirst())) }
        if trimmed.isEmpty { return .broken("the link has no destination") }
        if trimmed.hasPrefix("/") { return .outside("'\(destination)' is an absolute path: link relative to the chapter file, inside Content/") }

        // Searched as bytes, not Characters: a URL's delimiters are ASCII, and grapheme breaking was
        // most of the time left in resolving a link.
        var pathPart = Substring(trimmed)
        var fragment: String?
        if let hash = trimmed.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(trimmed[trimmed.utf8.index(after: hash)...])
            pathPart = trimmed[..<hash]
        }
        if let query = pathPart.utf8.firstIndex(of: UInt8(ascii: "?")) { pathPart = pathPart[..<query] }
        let decoded = Self.removingPercentEncoding(String(pathPart))

        // Resolve against Content/<language>/ and refuse anything that climbs out of Content/.
        var components = ["Content", language]
        for part in decoded.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            switch Substring(part) {
            case ".": continue
            case "..":
                guard components.count > 1 else { return .outside("'\(destination)' points outside Content/") }
                components.removeLast()
            case let name: components.append(String(name))
            }
        }
        guard components.first == "Content", components.count >= 2 else {
            return .outside("'\(destination)' points outside Content/")
        }
        let inside = Array(components.dropFirst())
        if inside.first == "media" {
            let file = inside.dropFirst().joined(separator: "/")
            return mediaFiles.contains(file) ? .media(file) : .broken("media file 'Content/media/\(file)' does not exist")
        }
        if inside.count == 2, languages.contains(inside[0]) {
            let (folder, file) = (inside[0], inside[1])
            if file == "_index.md" || file == "index.md" { return .home(language: folder, fragment: fragment) }
            if let slug = chapterFiles[folder]?[file] { return .chapter(slug: slug, language: folder, fragment: fragment) }
            return .broken("'\(destination)' is not a chapter: no file Content/\(folder)/\(file)")
        }
        if isImage { return .broken("images must be in Content/media/: '\(destination)' is not") }
        return .broken("'\(destination)' does not point to a chapter or to Content/media/")
    }

    /// The commonest link, a chapter of the same folder by file name (`03-innovation.md#data`), decided
    /// in one pass over its bytes; nil for anything else, which `resolve` takes the long way. Gives
    /// what the long way gives: a name without a scheme, percent sign, slash, query or blank has nothing
    /// to decode, trim or climb, and resolves to `Content/<language>/<name>`.
    private func resolveSibling(_ destination: String, from language: String) -> Target? {
        guard languages.contains(language) else { return nil }
        var eligible = true
        var fragmentStart: Int?
        ByteSearch.withUTF8(destination) { bytes in
            for (offset, byte) in bytes.enumerated() {
                switch byte {
                case 0...0x20, 0x7F, 0x80...:
                    eligible = false  // blanks are trimmed, controls dropped from schemes: the long way
                case UInt8(ascii: ":"), UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: "?"):
                    if fragmentStart == nil { eligible = false }  // in the fragment they are only text
                case UInt8(ascii: "#"):
                    if fragmentStart == nil { fragmentStart = offset }
                default:
                    break
                }
                if !eligible { return }
            }
        }
        guard eligible else { return nil }
        let utf8 = destination.utf8
        let nameEnd = fragmentStart.map { utf8.index(utf8.startIndex, offsetBy: $0) } ?? utf8.endIndex
        let file = String(destination[..<nameEnd])
        guard !file.isEmpty, file != ".", file != ".." else { return nil }
        let fragment = nameEnd < utf8.endIndex ? String(destination[utf8.index(after: nameEnd)...]) : nil
        if file == "_index.md" || file == "index.md" { return .home(language: language, fragment: fragment) }
        if let slug = chapterFiles[language]?[file] { return .chapter(slug: slug, language: language, fragment: fragment) }
        return nil
    }

    /// `trimmingCharacters(in: .whitespaces)`, skipped when neither end is a space: Foundation's
    /// trimming and percent-decoding were most of the time spent resolving a link, for every link
    /// (and on Linux each use of `CharacterSet.whitespaces` builds the set anew).
    static func trimmingWhitespace(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              isWhitespace(first) || isWhitespace(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// What `CharacterSet.whitespaces` holds: the tab and the space separators (Unicode's Zs).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// The text percent-decoded (as written when it is not valid percent-encoding); without a `%`
    /// there is nothing to decode.
    static func removingPercentEncoding(_ text: String) -> String {
        guard hasPercent(text) else { return text }
        return text.removingPercentEncoding ?? text
    }

    private static func hasPercent(_ text: String) -> Bool {
        ByteSearch.withUTF8(text) { ByteSearch.contains(UInt8(ascii: "%"), in: $0) }
    }

    /// The URL scheme (`https`, `javascript`), lowercased, ignoring the whitespace and control
    /// characters browsers ignore (`java\tscript:`).
    static func scheme(of url: String) -> String? {
        // Over the contiguous bytes: any non-ASCII character ends the scheme, as it is neither skipped
        // nor allowed.
        ByteSearch.withUTF8(url) { bytes in
            var sawControl = false
            for (offset, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: ":") {
                    let prefix = UnsafeBufferPointer(rebasing: bytes[..<offset])
                    guard prefix.contains(where: { $0 >= 0x21 }) else { return nil }
                    // Most links have no tab or space to drop: the prefix is the scheme as it stands.
                    let scheme = sawControl ? String(decoding: prefix.filter { $0 >= 0x21 }, as: UTF8.self)
                                            : String(decoding: prefix, as: UTF8.self)
                    return scheme.lowercased()
                }
                if byte < 0x21 { sawControl = true; continue }
                guard isSchemeByte(byte) else { return nil }
            }
            return nil
        }
    }

    /// ASCII letters and digits, `+`, `-` and `.`.
    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

}
