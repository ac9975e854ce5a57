import Foundation

/// How a citeproc result is kept on disk between builds: compact JSON, read by JSONDecoder straight
/// into the formatted types. Each build of a citing book reads it (six languages, 300 KB each for the
/// 1,200-page benchmark): the synthesized Codable form, `{"text": {"_0": …}}` per run of words and a
/// third larger, took a tenth of a second of the build; this one about a third of that.
///
///     {"format": 1,
///      "citations": {"c-0-1": [inline, note or null], …},
///      "entries": [[key, content], …]}
///
/// An inline list is an array of inlines; an inline is its text as a string, or an array: `["em",
/// inlines]` (also "strong", "sc", "sup", "sub"), `["link", url, inlines]`, `["entry", key, inlines]`.
enum CiteprocCacheFile {
    static let format = 1

    static func data(_ reader: CiteprocReader) -> Data? {
        try? JSONEncoder().encode(File(format: format, citations: reader.citations, entries: reader.entries))
    }

    /// Nil for a file this version did not write (or a damaged one): citeproc then runs again.
    static func reader(_ data: Data) -> CiteprocReader? {
        guard let file = try? JSONDecoder().decode(File.self, from: data), file.format == format else { return nil }
        return CiteprocReader(citations: file.citations, entries: file.entries)
    }

    private struct File: Codable {
        var format: Int
        var citations: [String: FormattedCitation]
        var entries: [FormattedEntry]
    }
}

extension FormattedInline: Codable {
    private enum Tag: String, Codable {
        case em, strong, sc, sup, sub, link, entry
    }

    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .text(text)
            return
        }
        var parts = try decoder.unkeyedContainer()
        let tag = try parts.decode(Tag.self)
        switch tag {
        case .em: self = .emphasis(try parts.decode([FormattedInline].self))
        case .strong: self = .strong(try parts.decode([FormattedInline].self))
        case .sc: self = .smallCaps(try parts.decode([FormattedInline].self))
        case .sup: self = .superscript(try parts.decode([FormattedInline].self))
        case .sub: self = .subscript(try parts.decode([FormattedInline].self))
        case .link:
            let url = try parts.decode(String.self)
            self = .link(url: url, try parts.decode([FormattedInline].self))
        case .entry:
            let key = try parts.decode(String.self)
            self = .entry(key: key, try parts.decode([FormattedInline].self))
        }
        guard parts.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: parts, debugDescription: "more parts than a '\(tag.rawValue)' has")
        }
    }

    public func encode(to encoder: Encoder) throws {
        if case .text(let text) = self {
            var single = encoder.singleValueContainer()
            try single.encode(text)
            return
        }
        var parts = encoder.unkeyedContainer()
        switch self {
        case .text: break
        case .emphasis(let inner): try parts.encode(Tag.em); try parts.encode(inner)
        case .strong(let inner): try parts.encode(Tag.strong); try parts.encode(inner)
        case .smallCaps(let inner): try parts.encode(Tag.sc); try parts.encode(inner)
        case .superscript(let inner): try parts.encode(Tag.sup); try parts.encode(inner)
        case .subscript(let inner): try parts.encode(Tag.sub); try parts.encode(inner)
        case .link(let url, let inner): try parts.encode(Tag.link); try parts.encode(url); try parts.encode(inner)
        case .entry(let key, let inner): try parts.encode(Tag.entry); try parts.encode(key); try parts.encode(inner)
        }
    }
}

/// `[inline, note or null]`.
extension FormattedCitation: Codable {
    public init(from decoder: Decoder) throws {
        var parts = try decoder.unkeyedContainer()
        let inline = try parts.decode([FormattedInline].self)
        self.init(inline: inline, note: try parts.decodeNil() ? nil : try parts.decode([FormattedInline].self))
    }

    public func encode(to encoder: Encoder) throws {
        var parts = encoder.unkeyedContainer()
        try parts.encode(inline)
        if let note { try parts.encode(note) } else { try parts.encodeNil() }
    }
}

/// `[key, content]`.
extension FormattedEntry: Codable {
    public init(from decoder: Decoder) throws {
        var parts = try decoder.unkeyedContainer()
        let key = try parts.decode(String.self)
        self.init(key: key, content: try parts.decode([FormattedInline].self))
    }

    public func encode(to encoder: Encoder) throws {
        var parts = encoder.unkeyedContainer()
        try parts.encode(key)
        try parts.encode(content)
    }
}
