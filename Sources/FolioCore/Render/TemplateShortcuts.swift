import Foundation
import Mustache

// Template shortcuts: the three places where folio renders templates faster than swift-mustache
// alone would, each exact to what swift-mustache renders (differential tests: EntryPartialTests,
// ByteSearchTests, and TemplateShortcutsTests, which builds whole sites both ways):
//
//   EntryPartial   entries rendered many times a page (navigation, language links, the chapter's
//                  elements) are cut once per build and filled in, instead of rendered tag by tag;
//   TemplateEscaping  `{{ }}` escaping that returns text with nothing to escape untouched;
//   BodySlot       a chapter's body is spliced into its page as bytes, not passed through Mustache.
//
// Kept because of what dropping them costs (`FOLIO_PLAIN_TEMPLATES=1` renders with swift-mustache
// alone; `make bench BENCH_ARGS="--baseline Benchmarks/plain-templates.sh"` times both):
// on the 1,200-page benchmark corpus, swift-mustache alone took 6.26 s against 3.17 s with them,
// 1.97× (medians of five interleaved runs, 2026-12-07, on a 2-core machine shared with other builds);
// the entry stencils alone account for 1.5× (below).
//
// Everything else about pages (their typed models in Render/Pages, the layout, the templates) is
// plain swift-mustache.

/// Whether this run renders with the shortcuts (the default) or with swift-mustache alone.
enum TemplateShortcuts {
    static let isEnabled = ProcessInfo.processInfo.environment["FOLIO_PLAIN_TEMPLATES"] != "1"
}

// MARK: - Entry partials

/// A partial that folio renders many times a page with different values: the entries of the book
/// navigation (`partials/book-nav-entry`), the language links (`partials/alternate-link`,
/// `partials/language-switcher-entry`) and the table of contents (`partials/toc-entry`), and the
/// elements of a chapter's body (`elements/heading`, `elements/figure`, `elements/box`, …). An entry
/// has text fields (escaped), HTML fields (folio's own markup, shown with `{{{name}}}`) and booleans.
///
/// Rendered by Mustache, an entry costs a microsecond or two per tag, mostly swift-mustache looking
/// the name up and casting the value; a build renders hundreds of thousands of entries. But a partial
/// that shows its text fields only as `{{name}}`, its HTML fields only as `{{{name}}}` and tests its
/// booleans only with `{{#flag}}`/`{{^flag}}` renders, for every entry, the same text with the values
/// in the same places. Such a partial is rendered once per combination of its booleans with
/// stand-ins for the values (`EntryStencil`), and each entry's values are put in their places. Any
/// other partial (one that shows a page variable or a partial of its own) is rendered by Mustache for
/// each entry, and then also sees the page's variables: same result, slower.
///
/// Kept, not replaced by Mustache for every entry, because of what that costs: on the 1,200-page
/// benchmark corpus, with each of these partials made to need Mustache (a section on a value no entry
/// has), the build took 1.5× the time and CPU (3.18 s against 2.13 s, medians of five interleaved
/// runs, 2026-12-07).
struct EntryPartial: Sendable {
    /// A partial's name and what an entry gives it.
    struct Kind: Sendable {
        let name: String
        /// The entry's text fields, in the order `render` takes their values.
        let textFields: [String]
        /// Fields that hold HTML made by folio, in the order `render` takes them.
        let htmlFields: [String]
        /// The booleans, in the order `render` takes them (at most four).
        let flags: [String]

        init(name: String, textFields: [String], htmlFields: [String] = [], flags: [String]) {
            self.name = name
            self.textFields = textFields
            self.htmlFields = htmlFields
            self.flags = flags
        }

        init(name: String, textFields: [String], flag: String) {
            self.init(name: name, textFields: textFields, flags: [flag])
        }
    }

    /// The entry partials of folio's lists and elements (each declared beside the values it gives).
    static let all = [BookNavigation.entryKind, LanguageLinks.alternateKind, LanguageLinks.entryKind, TableOfContents.entryKind,
                      ElementListsPage.entryKind]
        + ElementTemplates.all

    let kind: Kind
    var name: String { kind.name }
    var textFields: [String] { kind.textFields }
    private let library: MustacheLibrary
    /// The partial cut at its stand-ins for each combination of flags (bit i: flag i); nil when
    /// Mustache renders each entry.
    private let stencils: [EntryStencil]?

    /// `tags`: the partial's tags (nil when it does not exist: every entry then renders as nothing,
    /// which the template checks report).
    init(_ kind: Kind, library: MustacheLibrary, tags: [TemplateSet.Tag]?) {
        self.kind = kind
        self.library = library
        let fixed = tags.map { $0.allSatisfy { Self.isFixed($0, kind: kind) } } ?? false
        let fields = kind.textFields + kind.htmlFields
        stencils = fixed && TemplateShortcuts.isEnabled ? (0..<(1 << kind.flags.count)).map { combination in
            EntryStencil(fields: fields.count, htmlFrom: kind.textFields.count) { standIns in
                var model: [String: Any] = Dictionary(uniqueKeysWithValues: zip(fields, standIns))
                for (bit, flag) in kind.flags.enumerated() { model[flag] = combination & (1 << bit) != 0 }
                return library.render(model, withTemplate: kind.name) ?? ""
            }
        } : nil
    }

    /// Whether this partial is cut once per build instead of rendered by Mustache for each entry.
    var isStencilled: Bool { stencils != nil }

    /// One entry. `texts`: the values of `textFields`, in order; `page`: what else the partial may
    /// refer to, when Mustache renders it.
    func render(_ texts: [String], flag flagValue: Bool, page: (any MustacheParent)? = nil) -> String {
        var html = ""
        render(texts, flags: [flagValue], page: page, into: &html)
        return html
    }

    func render(_ texts: [String], flag flagValue: Bool, page: (any MustacheParent)? = nil, into html: inout String) {
        render(texts, flags: [flagValue], page: page, into: &html)
    }

    /// One element: its text fields, HTML fields and flags, each in the kind's order.
    func render(_ texts: [String], html htmlValues: [String] = [], flags: [Bool], page: (any MustacheParent)? = nil, into html: inout String) {
        if let stencils {
            stencils[Self.combination(of: flags)].fill(texts + htmlValues, into: &html)
            return
        }
        var entry: [String: Any] = Dictionary(uniqueKeysWithValues: zip(kind.textFields + kind.htmlFields, texts + htmlValues))
        for (flag, value) in zip(kind.flags, flags) { entry[flag] = value }
        html += (page.map { library.render(LayeredModel(entry: entry, page: $0), withTemplate: kind.name) }
                 ?? library.render(entry, withTemplate: kind.name)) ?? ""
    }

    /// One element, appended to HTML being written (straight into its bytes when the partial is cut).
    func render(_ texts: [String], html htmlValues: [String] = [], flags: [Bool], into out: inout HTMLBuffer) {
        guard let stencils else {
            var html = ""
            render(texts, html: htmlValues, flags: flags, into: &html)
            out.append(html)
            return
        }
        stencils[Self.combination(of: flags)].fill(texts: texts, html: htmlValues, into: &out)
    }

    /// The stencil index of a set of flags: bit i for flag i.
    private static func combination(of flags: [Bool]) -> Int {
        flags.enumerated().reduce(0) { $0 | ($1.element ? 1 << $1.offset : 0) }
    }

    /// Whether a tag renders the same for every entry but for the values it shows: a text field as
    /// `{{name}}`, an HTML field as `{{{name}}}` or `{{&name}}`, a section on a flag, or a comment.
    private static func isFixed(_ tag: TemplateSet.Tag, kind: Kind) -> Bool {
        switch tag.sigil {
        case nil: kind.textFields.contains(tag.name)
        case "{", "&": kind.htmlFields.contains(tag.name)
        case "#", "^", "/": kind.flags.contains(tag.name)
        case "!": true
        default: false
        }
    }
}

/// An entry partial's output cut where the stand-ins for its text fields came out: literal text and
/// fields, in order.
struct EntryStencil: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case field(Int)
    }

    let pieces: [Piece]

    /// Unique to this run and made of letters, digits and hyphens: escaping leaves the stand-ins as
    /// they are, and no template text holds them.
    private static let token = UUID().uuidString
    /// Fields from this index on are HTML, inserted as they are.
    private let htmlFrom: Int

    /// `render`: the partial's output with the given stand-ins as the fields' values.
    init(fields: Int, htmlFrom: Int? = nil, render: ([String]) -> String) {
        self.htmlFrom = htmlFrom ?? fields
        let standIns = (0..<fields).map { "folio-field-\($0)-\(Self.token)" }
        var pieces: [Piece] = []
        var rest = Substring(render(standIns))
        while let (field, range) = standIns.indices.compactMap({ field in rest.range(of: standIns[field]).map { (field, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            if range.lowerBound > rest.startIndex { pieces.append(.literal(String(rest[..<range.lowerBound]))) }
            pieces.append(.field(field))
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        self.pieces = pieces
    }

    /// Appends the entry's text fields, escaped as `{{name}}` escapes them, and its HTML fields.
    func fill(texts: [String], html: [String], into out: inout HTMLBuffer) {
        let escaping = TemplateEscaping()
        for piece in pieces {
            switch piece {
            case .literal(let literal): out.append(literal)
            case .field(let index): out.append(index < htmlFrom ? escaping.escapeText(texts[index]) : html[index - htmlFrom])
            }
        }
    }

    /// Appends the entry with these values, escaped as `{{name}}` escapes them.
    func fill(_ values: [String], into html: inout String) {
        let escaping = TemplateEscaping()
        for piece in pieces {
            switch piece {
            case .literal(let literal): html += literal
            case .field(let index): html += index < htmlFrom ? escaping.escapeText(values[index]) : values[index]
            }
        }
    }
}

/// What a list entry's partial sees when Mustache renders it on its own (an `EntryPartial` that uses
/// more than its fields): the entry's fields, then the page's, as inside a `{{#list}}` section.
/// Looked up in turn rather than merged: merging copied the whole page model for every entry.
struct LayeredModel: MustacheParent {
    let entry: [String: Any]
    let page: any MustacheParent

    func child(named name: String) -> Any? { entry[name] ?? page.child(named: name) }
}

// MARK: - Escaping

/// HTML escaping for the templates' `{{ }}` tags: the chapter body's escaping (`HTML.escape`), byte by
/// byte. swift-mustache's own looks every Character up in a dictionary: that was a third of a chapter
/// page's rendering (the navigation list alone escapes some 30,000 characters a page), and it leaves a
/// quote that carries a combining mark unescaped, since `"` + U+0301 is one Character: in an attribute
/// value, the text after it would leak out of the attribute. That one case is the only output that
/// differs from swift-mustache's.
struct TemplateEscaping: MustacheContentType {
    static let name = "FOLIO_HTML"

    /// Put before every template's text, on a line of its own (which Mustache removes like any
    /// standalone tag), so that the template, its partials and its layout escape with this type.
    static let pragma = TemplateShortcuts.isEnabled ? "{{% CONTENT_TYPE: \(name)}}\n" : ""
    /// Lines the pragma adds before a template's own first line (for error positions).
    static let pragmaLines = TemplateShortcuts.isEnabled ? 1 : 0

    /// Makes the content type known to the template parser; registering again is harmless.
    static func register() {
        MustacheContentTypes.register(TemplateEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}

// MARK: - The body slot

/// Where a chapter page's body goes: the templates render a placeholder in its place, and the body's
/// bytes are spliced in when the page becomes the file's bytes. Passing the body (most of the page)
/// through Mustache as a String cost a UTF-8 validation of it and two copies.
enum BodySlot {
    /// Unique per run, so no text of a chapter or template can pose as it; letters, digits and hyphens
    /// only, so that it comes through escaping unchanged: a template that writes `{{bodyHTML}}` instead
    /// of `{{{bodyHTML}}}` still gets the body, never an empty page.
    static let placeholder = "folio-body-\(UUID().uuidString)"

    /// What the template is given as `bodyHTML`: the placeholder, or the body itself without shortcuts.
    static func templateValue(for body: [UInt8]) -> String {
        TemplateShortcuts.isEnabled ? placeholder : String(decoding: body, as: UTF8.self)
    }

    /// The page's bytes, with the body in its slot.
    static func page(_ page: String, body: [UInt8]) -> Data {
        TemplateShortcuts.isEnabled ? splice(body, into: page) : Data(page.utf8)
    }

    /// `page` with every occurrence of the placeholder replaced by `body`.
    static func splice(_ body: [UInt8], into page: String) -> Data {
        var page = page
        var slot = placeholder
        return page.withUTF8 { pageBytes in
            slot.withUTF8 { slotBytes in
                var data = Data(capacity: pageBytes.count + body.count)
                var copied = 0
                while let start = ByteSearch.firstIndex(of: slotBytes, in: pageBytes, from: copied) {
                    data.append(UnsafeBufferPointer(rebasing: pageBytes[copied..<start]))
                    data.append(contentsOf: body)
                    copied = start + slotBytes.count
                }
                data.append(UnsafeBufferPointer(rebasing: pageBytes[copied...]))
                return data
            }
        }
    }
}
