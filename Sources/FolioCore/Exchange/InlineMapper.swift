import FolioMarkdown

/// Turns a run of inline nodes of the chapter model into a unit's text: text pieces, and placeholders
/// holding the exact Markdown of the markup between them. Works from cmark-gfm's source positions,
/// checked against the text they claim (a text node's position is trusted only when its bytes spell
/// its text; else it is looked for after the previous piece). Nodes cmark-gfm gives no position
/// (soft and hard line breaks, bare autolinks) and code spans (whose position leaves out the backticks)
/// take the bytes between their neighbours. Throws when the bytes cannot be accounted for exactly:
/// the unit is then not offered, rather than offered wrong.
struct InlineMapper {
    struct Unmappable: Error {}

    private let document: MarkdownDocument
    private let model: ChapterModel
    private let body: BodyBytes
    /// Where the unit's bytes must end (the block's end, exclusive).
    private let limit: Int

    private(set) var text = UnitText()
    private(set) var placeholders: [Placeholder] = []
    /// The first piece's start and the last piece's end: the unit's bytes.
    private(set) var start: Int?
    private(set) var end: Int?
    private var cursor: Int
    /// Floating nodes waiting for the next anchored piece to know their bytes: a soft break (nil) or a placeholder id.
    private var pending: [Int?] = []

    init(document: MarkdownDocument, model: ChapterModel, body: BodyBytes, from start: Int, limit: Int) {
        self.document = document
        self.model = model
        self.body = body
        self.limit = limit
        var cursor = start
        while cursor < limit, BodyBytes.isSpace(body.bytes[cursor]) { cursor += 1 }
        self.cursor = cursor
    }

    /// Maps `nodes` (siblings, in order) and closes the unit.
    static func map(_ nodes: [MarkdownDocument.Index], document: MarkdownDocument, model: ChapterModel, body: BodyBytes,
                    from start: Int, limit: Int) throws(Unmappable) -> InlineMapper {
        var mapper = InlineMapper(document: document, model: model, body: body, from: start, limit: limit)
        for node in nodes { try mapper.map(node) }
        try mapper.finish()
        return mapper
    }

    private mutating func map(_ index: MarkdownDocument.Index) throws(Unmappable) {
        let node = document[index]
        switch node.kind {
        case .text:
            try mapText(index)
        case .softBreak:
            text.append(.text(" "))
            pending.append(nil)
        case .lineBreak, .code:
            let id = newPlaceholder(node.kind == .code ? .code : .lineBreak, opening: "")
            text.append(.standalone(id))
            pending.append(id)
        case .footnoteReference, .htmlInline:
            let literal = CriticMarkup.decode(document.text(of: index))
            guard let (from, to) = locate(index, { bytes in
                node.kind == .footnoteReference ? bytes.starts(with: "[^".utf8) && bytes.last == UInt8(ascii: "]")
                    : CriticMarkup.decode(String(decoding: bytes, as: UTF8.self)) == literal
            }) else { throw Unmappable() }
            let original = body.string(from..<to)
            try anchor(at: from)
            let id = newPlaceholder(node.kind == .footnoteReference ? .footnote : .html, opening: original)
            text.append(.standalone(id))
            advance(from: from, to: to)
        case .image:
            guard let (from, to) = locate(index, { $0.starts(with: "![".utf8) && ($0.last == UInt8(ascii: ")") || $0.last == UInt8(ascii: "]")) })
            else { throw Unmappable() }
            try anchor(at: from)
            let id = newPlaceholder(.image, opening: body.string(from..<to))
            text.append(.standalone(id))
            advance(from: from, to: to)
        case .link where isAutolink(index):
            let id = newPlaceholder(.url, opening: "")
            if document.end(of: index) != nil, let (from, to) = locate(index, { $0.first == UInt8(ascii: "<") || $0.first == UInt8(ascii: "h") || $0.first == UInt8(ascii: "w") }) {
                try anchor(at: from)
                placeholders[placeholders.count - 1].opening = body.string(from..<to)
                advance(from: from, to: to)
            } else {
                pending.append(id)
            }
            text.append(.standalone(id))
        case .emphasis, .strong, .strikethrough, .link:
            try mapContainer(index)
        default:
            throw Unmappable()
        }
    }

    private mutating func mapContainer(_ index: MarkdownDocument.Index) throws(Unmappable) {
        let node = document[index]
        let opening: UInt8 = switch node.kind {
        case .strikethrough: UInt8(ascii: "~")
        case .link: UInt8(ascii: "[")
        default: 0
        }
        guard let (from, to) = locate(index, { bytes in
            guard let first = bytes.first else { return false }
            if opening != 0 { return first == opening && (node.kind != .link || bytes.last == UInt8(ascii: ")") || bytes.last == UInt8(ascii: "]")) }
            return first == UInt8(ascii: "*") || first == UInt8(ascii: "_")
        }) else { throw Unmappable() }
        let bytes = body.bytes
        let opener: Int
        switch node.kind {
        case .emphasis: opener = 1
        case .strong: opener = 2
        case .strikethrough:
            opener = from + 1 < bytes.count && bytes[from + 1] == UInt8(ascii: "~") ? 2 : 1
        default: opener = 1
        }
        guard from + opener <= bytes.count else { throw Unmappable() }
        let mark = bytes[from]
        switch node.kind {
        case .emphasis, .strong:
            guard bytes[from..<(from + opener)].allSatisfy({ $0 == mark }), mark == UInt8(ascii: "*") || mark == UInt8(ascii: "_") else { throw Unmappable() }
        case .strikethrough:
            guard bytes[from..<(from + opener)].allSatisfy({ $0 == UInt8(ascii: "~") }) else { throw Unmappable() }
        default:
            guard mark == UInt8(ascii: "[") else { throw Unmappable() }
        }
        try anchor(at: from)
        let kind: Placeholder.Kind = switch node.kind {
        case .emphasis: .emphasis
        case .strong: .strong
        case .strikethrough: .strikethrough
        default: .link
        }
        let id = newPlaceholder(kind, opening: body.string(from..<(from + opener)))
        text.append(.open(id))
        advance(from: from, to: from + opener)
        for child in document.children(of: index) { try map(child) }
        try settlePending(before: nil)
        let closeEnd: Int
        if node.kind == .link {
            guard to > cursor, bytes[cursor] == UInt8(ascii: "]") else { throw Unmappable() }
            closeEnd = to
        } else {
            closeEnd = cursor + opener
            guard closeEnd <= bytes.count, bytes[cursor..<closeEnd].allSatisfy({ $0 == mark }) else { throw Unmappable() }
        }
        placeholders[id - 1].closing = body.string(cursor..<closeEnd)
        text.append(.close(id))
        advance(from: cursor, to: closeEnd)
    }

    private mutating func mapText(_ index: MarkdownDocument.Index) throws(Unmappable) {
        let literal = document.withText(of: index) { Array($0) }
        var map: [Int]?
        if pending.isEmpty, start != nil {
            // Right after the previous piece: it can only be here.
            map = body.align(literal, from: cursor, limit: limit)
        } else if let (from, to) = nominal(index), from >= cursor,
                  let found = body.align(literal, from: from, limit: limit), found.last == to {
            map = found
        }
        if map == nil, !(pending.isEmpty && start != nil) {
            var candidate = cursor
            while candidate < limit, map == nil {
                map = body.align(literal, from: candidate, limit: limit)
                candidate += 1
            }
        }
        guard let map, let nodeStart = map.first else { throw Unmappable() }
        try anchor(at: nodeStart)
        // An acronym is text to translate, as written (its `<abbr>` is the site's).
        guard let segments = model.segments[index].map({ $0.map { segment -> InlineSegment in
            if case .acronym(let use) = segment { return .text(use.short) }
            return segment
        } }) else {
            if !literal.isEmpty {
                text.append(.text(String(decoding: literal, as: UTF8.self)))
                note(map[0], map[literal.count])
            }
            cursor = map[literal.count]
            return
        }
        // Text shown differently from how it is written: a caption's `Table:`, a box's `[!BOX]`, a
        // trailing `{#label}` and the brackets of `[see @fig-x]` are left out; cross-references and
        // review marks become placeholders.
        var offset = 0
        for prefix in [ChapterAnnotator.boxMarker] + ChapterAnnotator.captionPrefixes where segments.first.map(isText) == true {
            if literal.starts(with: Array(prefix.utf8)), case .text(let first)? = segments.first, !literal.starts(with: Array(first.utf8)) {
                offset = prefix.utf8.count
                while offset < literal.count, BodyBytes.isSpace(literal[offset]) { offset += 1 }
                break
            }
        }
        for segment in segments {
            switch segment {
            case .text(let shown):
                let bytes = Array(shown.utf8)
                offset = try skipDropped(literal, from: offset, until: bytes)
                text.append(.text(shown))
                note(map[offset], map[offset + bytes.count])
                offset += bytes.count
            case .reference(let reference):
                let written = "@" + (reference.capitalized ? reference.label.prefix(1).uppercased() + reference.label.dropFirst() : reference.label)
                let bytes = Array(written.utf8)
                offset = try skipDropped(literal, from: offset, until: bytes)
                let id = newPlaceholder(.reference, opening: written)
                text.append(.standalone(id))
                note(map[offset], map[offset + bytes.count])
                offset += bytes.count
            case .mark(let delimiter):
                let bytes = delimiter.utf8
                offset = try skipDropped(literal, from: offset, until: bytes)
                let id = newPlaceholder(.review, opening: String(delimiter.rawValue))
                text.append(.standalone(id))
                note(map[offset], map[offset + bytes.count])
                offset += bytes.count
            case .citation(let citation):
                // Keys and locators are not for translating: a citation is locked, as written.
                let bytes = Array(citation.written.utf8)
                offset = try skipDropped(literal, from: offset, until: bytes)
                let id = newPlaceholder(.reference, opening: citation.written)
                text.append(.standalone(id))
                note(map[offset], map[offset + bytes.count])
                offset += bytes.count
            case .attribution(let attribution):
                // A reviewer's name and date (`FLHD 2020-03-27: `) are not for translating: locked.
                let bytes = Array(attribution.written.utf8)
                offset = try skipDropped(literal, from: offset, until: bytes)
                let id = newPlaceholder(.review, opening: attribution.written)
                text.append(.standalone(id))
                note(map[offset], map[offset + bytes.count])
                offset += bytes.count
            case .acronym:
                break  // made text above
            }
        }
        cursor = map[literal.count]
    }

    private func isText(_ segment: InlineSegment) -> Bool {
        if case .text = segment { return true }
        return false
    }

    /// Skips what the model leaves out before `next` (a bracket of `[see @fig-x]`, spaces before a label).
    private func skipDropped(_ literal: [UInt8], from offset: Int, until next: [UInt8]) throws(Unmappable) -> Int {
        var offset = offset
        while offset + next.count <= literal.count {
            if literal[offset..<(offset + next.count)].elementsEqual(next) { return offset }
            let byte = literal[offset]
            guard byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || BodyBytes.isSpace(byte) else { break }
            offset += 1
        }
        throw Unmappable()
    }

    private func isAutolink(_ index: MarkdownDocument.Index) -> Bool {
        let destination = document.text(of: index)
        let shown = document.plainText(of: index)
        return destination == shown || destination == "mailto:" + shown || destination == "http://" + shown
    }

    /// A node's bytes from cmark-gfm's positions (end exclusive), when it has them.
    private func nominal(_ index: MarkdownDocument.Index) -> (Int, Int)? {
        guard let endPoint = document.end(of: index), let from = body.offset(document[index].start),
              let last = body.offset(endPoint), last + 1 >= from, last < body.bytes.count || last + 1 == from else { return nil }
        return (from, last + 1)
    }

    /// A node's bytes: where the previous piece ended, when nothing floats between; else where cmark-gfm
    /// says, when `check` holds there; else after the line end and the next line's prefix (cmark-gfm
    /// miscounts positions after a backslash line break). Its length is cmark-gfm's either way.
    private func locate(_ index: MarkdownDocument.Index, _ check: (ArraySlice<UInt8>) -> Bool) -> (Int, Int)? {
        guard let (nominalStart, nominalEnd) = nominal(index) else { return nil }
        let length = nominalEnd - nominalStart
        var candidates = [cursor]
        if !(pending.isEmpty && start != nil) {
            var skipped = cursor
            while skipped < limit, [0x20, 0x09, 0x0A, UInt8(ascii: ">"), UInt8(ascii: "\\")].contains(body.bytes[skipped]) { skipped += 1 }
            candidates = [nominalStart, skipped]
        }
        for from in candidates where from >= cursor && from + length <= min(limit, body.bytes.count) && length > 0 {
            if check(body.bytes[from..<(from + length)]) { return (from, from + length) }
        }
        return nil
    }

    private mutating func newPlaceholder(_ kind: Placeholder.Kind, opening: String) -> Int {
        let id = placeholders.count + 1
        placeholders.append(Placeholder(id: id, kind: kind, opening: opening, closing: nil))
        return id
    }

    /// The next anchored piece starts at `offset`: the floating nodes before it take the bytes between.
    private mutating func anchor(at offset: Int) throws(Unmappable) {
        // Bytes between two pieces belong to a floating node; with none waiting, nothing may be skipped.
        guard offset >= cursor, !(pending.isEmpty && start != nil && offset != cursor) else { throw Unmappable() }
        try settlePending(before: offset)
        cursor = offset
    }

    private mutating func advance(from: Int, to: Int) {
        note(from, to)
        cursor = to
    }

    private mutating func note(_ from: Int, _ to: Int) {
        if start == nil { start = from }
        end = max(end ?? to, to)
    }

    /// Gives the floating nodes the bytes from the cursor to `offset` (nil: the end of the block).
    private mutating func settlePending(before offset: Int?) throws(Unmappable) {
        guard !pending.isEmpty else { return }
        var stop = offset ?? limit
        if offset == nil {
            while stop > cursor, body.bytes[stop - 1] == 0x0A || BodyBytes.isSpace(body.bytes[stop - 1]) { stop -= 1 }
        }
        guard stop >= cursor else { throw Unmappable() }
        let gap = Array(body.bytes[cursor..<stop])
        var parts: [Range<Int>] = []
        if pending.count == 1 {
            parts = [0..<gap.count]
        } else if pending.count == 2, pending.contains(where: { $0 == nil }) {
            // A soft break and one other floating node: the break is the line end and the next line's indentation.
            if pending[0] == nil {
                var split = 0
                while split < gap.count, gap[split] == 0x0A || BodyBytes.isSpace(gap[split]) || gap[split] == UInt8(ascii: ">") { split += 1 }
                parts = [0..<split, split..<gap.count]
            } else {
                guard let newline = gap.lastIndex(of: 0x0A) else { throw Unmappable() }
                var split = newline
                while split > 0, BodyBytes.isSpace(gap[split - 1]) { split -= 1 }
                parts = [0..<split, split..<gap.count]
            }
        } else {
            throw Unmappable()
        }
        for (waiting, part) in zip(pending, parts) {
            let bytes = Array(gap[part])
            guard let id = waiting else {
                guard bytes.contains(0x0A) else { throw Unmappable() }
                continue
            }
            guard !bytes.isEmpty else { throw Unmappable() }
            let kind = placeholders[id - 1].kind
            if kind == .code { guard bytes.first == UInt8(ascii: "`"), bytes.last == UInt8(ascii: "`") else { throw Unmappable() } }
            if kind == .lineBreak { guard bytes.contains(0x0A) else { throw Unmappable() } }
            placeholders[id - 1].opening = String(decoding: bytes, as: UTF8.self)
        }
        if start == nil { start = cursor }
        end = max(end ?? stop, stop)
        pending.removeAll()
        cursor = stop
    }

    private mutating func finish() throws(Unmappable) {
        try settlePending(before: nil)
    }
}
