import Foundation

/// How a citeproc result is kept on disk between builds. Each build of a citing book reads it (six
/// languages, 300 KB each for the 1,200-page benchmark), so it is a plain length-prefixed form: read
/// in about 1 ms a language. As JSON, JSONDecoder's containers took 13 ms a language and
/// JSONSerialization's bridged objects 11 ms: most of the citation step, and most of what citing
/// added to a build.
///
///     file      = "folio-citeproc" version:u8 count:u32 (id:string citation)* count:u32 (key:string inlines)*
///     citation  = inlines note:u8 (inlines if note = 1)
///     inlines   = count:u32 inline*
///     inline    = tag:u8 then: 0 text:string | 1…5 inlines (em, strong, sc, sup, sub)
///                 | 6 url:string inlines (link) | 7 key:string inlines (entry)
///     string    = length:u32 UTF-8 bytes
///
/// Integers are little-endian. A file that is damaged, truncated, of another version or nested
/// deeper than `maximumDepth` reads as nil: citeproc then runs again.
enum CiteprocCacheFile {
    static let version: UInt8 = 2
    static let fileExtension = "citeproc"
    static let magic = Array("folio-citeproc".utf8)
    /// Citeproc nests a few levels (a title in italics in a link); a deeper file is not one folio wrote.
    static let maximumDepth = 64

    private enum Tag: UInt8 {
        case text = 0, emphasis, strong, smallCaps, superscript, `subscript`, link, entry
    }

    static func data(_ reader: CiteprocReader) -> Data {
        var writer = Writer()
        writer.bytes.append(contentsOf: magic)
        writer.bytes.append(version)
        // Sorted, so that the same result always gives the same bytes.
        let citations = reader.citations.sorted { $0.key < $1.key }
        writer.count(citations.count)
        for (id, citation) in citations {
            writer.string(id)
            writer.inlines(citation.inline)
            if let note = citation.note {
                writer.bytes.append(1)
                writer.inlines(note)
            } else {
                writer.bytes.append(0)
            }
        }
        writer.count(reader.entries.count)
        for entry in reader.entries {
            writer.string(entry.key)
            writer.inlines(entry.content)
        }
        return Data(writer.bytes)
    }

    static func reader(_ data: Data) -> CiteprocReader? {
        data.withUnsafeBytes { raw in
            var cursor = Cursor(bytes: raw.bindMemory(to: UInt8.self))
            guard cursor.take(magic.count).map(Array.init) == magic, cursor.byte() == version,
                  let citationCount = cursor.count() else { return nil }
            var citations: [String: FormattedCitation] = [:]
            citations.reserveCapacity(citationCount)
            for _ in 0..<citationCount {
                guard let id = cursor.string(), let inline = cursor.inlines(depth: 0), let hasNote = cursor.byte() else { return nil }
                switch hasNote {
                case 0: citations[id] = FormattedCitation(inline: inline, note: nil)
                case 1:
                    guard let note = cursor.inlines(depth: 0) else { return nil }
                    citations[id] = FormattedCitation(inline: inline, note: note)
                default: return nil
                }
            }
            guard let entryCount = cursor.count() else { return nil }
            var entries: [FormattedEntry] = []
            entries.reserveCapacity(entryCount)
            for _ in 0..<entryCount {
                guard let key = cursor.string(), let content = cursor.inlines(depth: 0) else { return nil }
                entries.append(FormattedEntry(key: key, content: content))
            }
            guard cursor.isAtEnd, citations.count == citationCount else { return nil }
            return CiteprocReader(citations: citations, entries: entries)
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func count(_ value: Int) {
            let value = UInt32(clamping: value)
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }

        mutating func string(_ text: String) {
            count(text.utf8.count)
            bytes.append(contentsOf: text.utf8)
        }

        mutating func inlines(_ list: [FormattedInline]) {
            count(list.count)
            for inline in list {
                switch inline {
                case .text(let text): tag(.text); string(text)
                case .emphasis(let inner): tag(.emphasis); inlines(inner)
                case .strong(let inner): tag(.strong); inlines(inner)
                case .smallCaps(let inner): tag(.smallCaps); inlines(inner)
                case .superscript(let inner): tag(.superscript); inlines(inner)
                case .subscript(let inner): tag(.subscript); inlines(inner)
                case .link(let url, let inner): tag(.link); string(url); inlines(inner)
                case .entry(let key, let inner): tag(.entry); string(key); inlines(inner)
                }
            }
        }

        private mutating func tag(_ tag: Tag) { bytes.append(tag.rawValue) }
    }

    /// Reads forward through the file; every read checks the bounds and gives nil past the end.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func take(_ length: Int) -> UnsafeBufferPointer<UInt8>? {
            guard length >= 0, length <= bytes.count - offset else { return nil }
            defer { offset += length }
            return UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)])
        }

        mutating func byte() -> UInt8? { take(1)?.first }

        /// A count or length; never more than the bytes left, since every element takes at least one.
        mutating func count() -> Int? {
            guard let four = take(4) else { return nil }
            let value = four.reversed().reduce(0) { $0 << 8 | Int($1) }
            return value <= bytes.count - offset ? value : nil
        }

        mutating func string() -> String? {
            guard let length = count(), let utf8 = take(length) else { return nil }
            return String(validating: utf8, as: UTF8.self)
        }

        mutating func inlines(depth: Int) -> [FormattedInline]? {
            guard depth < CiteprocCacheFile.maximumDepth, let count = count() else { return nil }
            var list: [FormattedInline] = []
            list.reserveCapacity(count)
            for _ in 0..<count {
                guard let raw = byte(), let tag = Tag(rawValue: raw) else { return nil }
                let inline: FormattedInline
                switch tag {
                case .text:
                    guard let text = string() else { return nil }
                    inline = .text(text)
                case .emphasis, .strong, .smallCaps, .superscript, .subscript:
                    guard let inner = inlines(depth: depth + 1) else { return nil }
                    switch tag {
                    case .emphasis: inline = .emphasis(inner)
                    case .strong: inline = .strong(inner)
                    case .smallCaps: inline = .smallCaps(inner)
                    case .superscript: inline = .superscript(inner)
                    default: inline = .subscript(inner)
                    }
                case .link, .entry:
                    guard let target = string(), let inner = inlines(depth: depth + 1) else { return nil }
                    inline = tag == .link ? .link(url: target, inner) : .entry(key: target, inner)
                }
                list.append(inline)
            }
            return list
        }
    }
}
