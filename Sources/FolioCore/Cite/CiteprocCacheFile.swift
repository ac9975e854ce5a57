import Foundation

/// How a citeproc result is kept on disk between builds: compact JSON read with JSONSerialization.
/// The synthesized Codable form (`{"text": {"_0": …}}` per word run, through JSONDecoder) took a tenth
/// of a second per build of a citing 1,200-page book; this form is read several times faster.
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
        var citations: [String: Any] = [:]
        for (id, citation) in reader.citations {
            citations[id] = [encode(citation.inline), citation.note.map(encode) ?? NSNull()] as [Any]
        }
        let entries = reader.entries.map { [$0.key, encode($0.content)] as [Any] }
        let file: [String: Any] = ["format": format, "citations": citations, "entries": entries]
        return try? JSONSerialization.data(withJSONObject: file)
    }

    /// Nil for a file this version did not write (or a damaged one): citeproc then runs again.
    static func reader(_ data: Data) -> CiteprocReader? {
        guard let file = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              (file["format"] as? Int) == format,
              let citationsObject = file["citations"] as? [String: Any],
              let entriesArray = file["entries"] as? [Any] else { return nil }
        var citations: [String: FormattedCitation] = [:]
        citations.reserveCapacity(citationsObject.count)
        for (id, value) in citationsObject {
            guard let pair = value as? [Any], pair.count == 2, let inline = decode(pair[0]) else { return nil }
            var note: [FormattedInline]?
            if !(pair[1] is NSNull) {
                guard let decoded = decode(pair[1]) else { return nil }
                note = decoded
            }
            citations[id] = FormattedCitation(inline: inline, note: note)
        }
        var entries: [FormattedEntry] = []
        entries.reserveCapacity(entriesArray.count)
        for value in entriesArray {
            guard let pair = value as? [Any], pair.count == 2, let key = pair[0] as? String, let content = decode(pair[1]) else { return nil }
            entries.append(FormattedEntry(key: key, content: content))
        }
        return CiteprocReader(citations: citations, entries: entries)
    }

    private static func encode(_ inlines: [FormattedInline]) -> [Any] {
        inlines.map { inline -> Any in
            switch inline {
            case .text(let text): text
            case .emphasis(let inner): ["em", encode(inner)] as [Any]
            case .strong(let inner): ["strong", encode(inner)] as [Any]
            case .smallCaps(let inner): ["sc", encode(inner)] as [Any]
            case .superscript(let inner): ["sup", encode(inner)] as [Any]
            case .subscript(let inner): ["sub", encode(inner)] as [Any]
            case .link(let url, let inner): ["link", url, encode(inner)] as [Any]
            case .entry(let key, let inner): ["entry", key, encode(inner)] as [Any]
            }
        }
    }

    private static func decode(_ value: Any) -> [FormattedInline]? {
        guard let array = value as? [Any] else { return nil }
        var out: [FormattedInline] = []
        out.reserveCapacity(array.count)
        for item in array {
            if let text = item as? String {
                out.append(.text(text))
                continue
            }
            guard let parts = item as? [Any], let tag = parts.first as? String, let last = parts.last,
                  let inner = decode(last) else { return nil }
            switch (tag, parts.count) {
            case ("link", 3):
                guard let url = parts[1] as? String else { return nil }
                out.append(.link(url: url, inner))
            case ("entry", 3):
                guard let key = parts[1] as? String else { return nil }
                out.append(.entry(key: key, inner))
            case ("em", 2): out.append(.emphasis(inner))
            case ("strong", 2): out.append(.strong(inner))
            case ("sc", 2): out.append(.smallCaps(inner))
            case ("sup", 2): out.append(.superscript(inner))
            case ("sub", 2): out.append(.subscript(inner))
            default:
                return nil
            }
        }
        return out
    }
}
