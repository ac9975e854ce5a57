/// Generated Typst source, written piece by piece, that remembers where each of its lines comes from
/// in our own files (a chapter's line, publication.yml, the template), so that a Typst error in the
/// generated document is reported at the place a consultant can fix.
struct TypstSource {
    private(set) var text = ""
    /// The origin of each finished line (index 0 is line 1).
    private(set) var origins: [SourceLocation] = []
    /// Where the text being written now comes from.
    private(set) var origin: SourceLocation
    /// The origin of the line being written, fixed by its first character.
    private var lineOrigin: SourceLocation?
    /// The last thing written ends an embedded expression (`#emph[x]`), which a following `(`, `[` or
    /// `.` would continue.
    private var afterExpression = false

    init(origin: SourceLocation) {
        self.origin = origin
    }

    /// Text from now on comes from `location`.
    mutating func move(to location: SourceLocation) {
        origin = location
    }

    /// Generated code or markup (never user text).
    mutating func code(_ piece: String) {
        guard !piece.isEmpty else { return }
        startLine()
        text += piece
        afterExpression = false
    }

    /// Generated code that closes an embedded expression (`]` of `#emph[`, `)` of `#raw(`).
    mutating func closeExpression(_ piece: String) {
        code(piece)
        afterExpression = true
    }

    /// User text, escaped as markup.
    mutating func markup(_ raw: String) {
        guard !raw.isEmpty else { return }
        let atLineStart = text.isEmpty || text.utf8.last == UInt8(ascii: "\n") || text.utf8.last == UInt8(ascii: "[")
        startLine()
        text += TypstEscaping.markup(raw, atLineStart: atLineStart, afterExpression: afterExpression)
        afterExpression = false
    }

    /// User text as a string literal.
    mutating func string(_ raw: String) {
        code(TypstEscaping.string(raw))
    }

    /// Ends the line; the next one comes from `next` (default: the same origin).
    mutating func newline(next: SourceLocation? = nil) {
        origins.append(lineOrigin ?? origin)
        text += "\n"
        lineOrigin = nil
        afterExpression = false
        if let next { origin = next }
    }

    /// A paragraph break (an empty line), unless one was just written.
    mutating func blankLine() {
        if text.isEmpty { return }
        if !text.hasSuffix("\n") { newline() }
        if !text.hasSuffix("\n\n") { newline() }
    }

    /// Where line `line` (1-based) of the generated text comes from.
    func origin(ofLine line: Int) -> SourceLocation? {
        if line >= 1, line <= origins.count { return origins[line - 1] }
        if line == origins.count + 1 { return lineOrigin ?? origin }
        return nil
    }

    /// The finished text, with every line's origin recorded.
    mutating func finish() -> String {
        if !text.hasSuffix("\n") { newline() }
        return text
    }

    private mutating func startLine() {
        if lineOrigin == nil { lineOrigin = origin }
    }
}
