/// The changes page's body: the chapter's blocks in their new order, unchanged ones as they read,
/// insertions in `<ins>` and deletions in `<del>` around exactly the words that changed, whole blocks
/// added or removed wrapped the same way, moved sections named. Cross-references and citations read as
/// on the chapter page, linked (`RedlineLink`). Every text is escaped.
struct RedlineHTML {
    let strings: UIStrings
    let formatter: LocaleFormatter

    func render(_ diff: ChapterDiff) -> String {
        var out = ""
        var open: DiffBlock.Kind?  // a list being written
        func close() {
            if open == .listItem { out += "</ul>\n" }
            open = nil
        }
        for change in diff.changes {
            let block: DiffBlock
            let body: String
            var state: String
            var note = ""
            switch change {
            case .same(let b):
                block = b
                body = Self.whole(b)
                state = "same"
            case .added(let b):
                block = b
                body = "<ins>\(Self.whole(b))</ins>"
                state = "added"
            case .removed(let b):
                block = b
                body = "<del>\(Self.whole(b))</del>"
                state = "removed"
            case .moved(let b, let from):
                block = b
                body = Self.whole(b)
                state = "moved"
                note = strings.format("changes_moved", ["line": formatter.integer(from.line)])
            case .changed(let old, let new, let pieces):
                block = new
                body = pieces.map { piece in
                    switch piece {
                    case .same(let text, let range):
                        Self.linked(new.tokens, range) ? Self.tokens(new.tokens, range) : HTML.escape(text)
                    case .removed(let text, _, let range):
                        Self.linked(old.tokens, range) ? Self.wrap("del", old.tokens, range, leading: text.hasPrefix(" ")) : Self.wrap("del", text)
                    case .added(let text, _, let range):
                        Self.linked(new.tokens, range) ? Self.wrap("ins", new.tokens, range, leading: text.hasPrefix(" ")) : Self.wrap("ins", text)
                    }
                }.joined()
                state = new.kind == .heading ? "renamed" : "changed"
                if new.kind == .heading { note = strings["changes_renamed"] }
            }
            if block.kind != .listItem || open != .listItem { close() }
            let noteHTML = note.isEmpty ? "" : "<span class=\"redline-note\">\(HTML.escape(note))</span> "
            switch block.kind {
            case .heading:
                let level = min(max(block.level, 2), 6)
                out += "<h\(level) class=\"redline-\(state)\">\(noteHTML)\(body)</h\(level)>\n"
            case .listItem:
                if open != .listItem {
                    out += "<ul class=\"redline-list\">\n"
                    open = .listItem
                }
                out += "<li class=\"redline-\(state)\">\(noteHTML)\(body)</li>\n"
            case .code, .kpi, .html:
                out += "<div class=\"redline-\(state) redline-code\">\(noteHTML)<pre>\(body)</pre></div>\n"
            case .tableRow:
                out += "<p class=\"redline-\(state) redline-row\">\(noteHTML)\(body)</p>\n"
            case .paragraph, .footnote:
                out += "<p class=\"redline-\(state)\">\(noteHTML)\(body)</p>\n"
            }
        }
        close()
        return out
    }

    /// A whole block: its text as written out (a code block keeps its lines), or, when it holds a
    /// reference or a citation, its tokens with their links.
    private static func whole(_ block: DiffBlock) -> String {
        let all = 0..<block.tokens.texts.count
        return linked(block.tokens, all) ? tokens(block.tokens, all) : HTML.escape(block.text)
    }

    private static func linked(_ tokens: RedlineTokens, _ range: Range<Int>) -> Bool {
        tokens.links[range].contains { $0 != nil }
    }

    /// Tokens as HTML, each reference or citation a link (`dropLastSpace`: the space after the last
    /// token is left to the caller).
    private static func tokens(_ tokens: RedlineTokens, _ range: Range<Int>, dropLastSpace: Bool = false) -> String {
        var out = ""
        for index in range {
            let text = HTML.escape(tokens.texts[index])
            if let link = tokens.links[index] {
                out += "<a href=\"\(HTML.escape(link.href))\" class=\"redline-\(link.kind.rawValue)\">\(text)</a>"
            } else {
                out += text
            }
            if !(dropLastSpace && index == range.upperBound - 1) { out += tokens.spaces[index] }
        }
        return out
    }

    /// `<ins>…</ins>` around tokens, the space after them outside the element.
    private static func wrap(_ element: String, _ tokens: RedlineTokens, _ range: Range<Int>, leading: Bool) -> String {
        let trailing = range.isEmpty ? "" : tokens.spaces[range.upperBound - 1]
        return (leading ? " " : "") + "<\(element)>\(Self.tokens(tokens, range, dropLastSpace: true))</\(element)>" + trailing
    }

    /// `<ins>words</ins>` with the space after the words outside the element: it marks exactly the words.
    private static func wrap(_ element: String, _ text: String) -> String {
        let leading = text.hasPrefix(" ") ? " " : ""
        let trailing = text.count > 1 && text.hasSuffix(" ") ? " " : ""
        let words = text.dropFirst(leading.count).dropLast(trailing.count)
        return leading + "<\(element)>\(HTML.escape(String(words)))</\(element)>" + trailing
    }

    /// The KPI figures that changed, one item each: "Karmøy, 2020: 97.0 → 98.0".
    func kpiList(_ diff: ChapterDiff) -> String {
        guard !diff.kpis.isEmpty else { return "" }
        var out = "<ul class=\"redline-kpis\">\n"
        for kpi in diff.kpis {
            let old = kpi.old.map { "<del>\(HTML.escape($0))</del>" } ?? "–"
            let new = kpi.new.map { "<ins>\(HTML.escape($0))</ins>" } ?? "–"
            out += "<li><span class=\"redline-kpi-code\">\(HTML.escape(kpi.code))</span> — \(HTML.escape(kpi.city)), \(String(kpi.year)): \(old) → \(new)</li>\n"
        }
        return out + "</ul>\n"
    }
}
