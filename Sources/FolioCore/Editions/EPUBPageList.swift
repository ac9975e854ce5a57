import Foundation

/// The EPUB's page list: the print edition's page numbers, so that a reader of the EPUB can go to
/// "p. 12" of the PDF a colleague cites. Typst reports the page every heading and paragraph starts on
/// (`PrintPageMarks`, named by chapter and model node); the EPUB renderer puts a page-break marker
/// before the first block that starts on each page, and the navigation document lists the markers.
///
/// A page on which no heading or paragraph starts (one taken up by a table, a figure or the middle of a
/// long paragraph, or a blank page before a chapter) is not lost: its marker joins the marker place of
/// the last block that starts before it, the block that runs over that page, so "page 13" leads to the
/// start of the paragraph that continues on page 13. The reference list's entries are marked as blocks
/// are (`ref-<key>`). Pages before the first chapter (cover, contents) and after the last annex's last
/// block (the KPI annex) are not in the EPUB's text, and not listed.
enum EPUBPageList {
    /// A page break: the PDF's physical page (1 = the cover) and the number printed on it.
    struct Break: Sendable, Equatable {
        var page: Int
        var label: String

        /// The marker's id in the EPUB (the physical page, unique however the print edition numbers its pages).
        var anchor: String { "pagebreak-\(page)" }
    }

    /// Block id → the page breaks put just before that block, from the marks in document order.
    static func breaks(_ marks: [PrintPageMarks.Mark]) -> [String: [Break]] {
        // A block rendered twice would report twice: its first place counts.
        var seen = Set<String>()
        let marks = marks.filter { seen.insert($0.id).inserted }
        guard let first = marks.first, let last = marks.max(by: { $0.page < $1.page }) else { return [:] }
        var result: [String: [Break]] = [:]
        var firstOnPage: [Int: PrintPageMarks.Mark] = [:]
        for mark in marks where firstOnPage[mark.page] == nil { firstOnPage[mark.page] = mark }
        for page in first.page...last.page {
            if let mark = firstOnPage[page] {
                result[mark.id, default: []].append(Break(page: page, label: mark.label))
                continue
            }
            // The block that runs over this page: the last one that starts before it.
            guard let carrier = marks.last(where: { $0.page < page }), let label = label(ofPage: page, marks: marks) else { continue }
            result[carrier.id, default: []].append(Break(page: page, label: label))
        }
        return result
    }

    /// The printed number of a page no mark is on: counted on from the page before it that has one,
    /// when the numbers run on unbroken to the next one (arabic numbers in the same sequence); else nil.
    static func label(ofPage page: Int, marks: [PrintPageMarks.Mark]) -> String? {
        guard let before = marks.last(where: { $0.page < page }), let number = Int(before.label) else { return nil }
        if let after = marks.first(where: { $0.page > page }), Int(after.label) != number + (after.page - before.page) { return nil }
        return String(number + (page - before.page))
    }

    /// The markers as a raw block before the block they precede; none without breaks.
    static func block(_ breaks: [Break]?) -> [PandocBlock] {
        guard let breaks, !breaks.isEmpty else { return [] }
        return [.rawBlock(format: "html", html(breaks))]
    }

    /// The markers, as XHTML that pandoc's EPUB writer passes through: empty spans that reading systems
    /// and assistive technology know as page breaks, named by their printed number.
    static func html(_ breaks: [Break]) -> String {
        breaks.map {
            "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"\($0.anchor)\" aria-label=\"\(HTML.escape($0.label))\"></span>"
        }.joined()
    }

    /// Python (run by `EPUBConformance.script`): the `<nav epub:type="page-list">` of the markers, in
    /// the spine's order, for the navigation document; hidden, as EPUB 3 allows for the page list.
    static let navScript = #"""
    import posixpath, re
    import xml.etree.ElementTree as ET
    PAGEBREAK = re.compile(r'<span epub:type="pagebreak" role="doc-pagebreak" id="(pagebreak-[0-9]+)" aria-label="([^"]*)"')
    def page_list(epub, opf_name, title):
        ns = {"opf": "http://www.idpf.org/2007/opf"}
        opf = ET.fromstring(epub.read(opf_name))
        base = posixpath.dirname(opf_name)
        items = {item.get("id"): item for item in opf.iterfind("opf:manifest/opf:item", ns)}
        nav = [item for item in items.values() if "nav" in (item.get("properties") or "").split()]
        if not nav:
            return None, None
        nav_name = posixpath.join(base, nav[0].get("href"))
        entries = []
        for ref in opf.iterfind("opf:spine/opf:itemref", ns):
            name = posixpath.join(base, items[ref.get("idref")].get("href"))
            href = posixpath.relpath(name, posixpath.dirname(nav_name) or ".")
            for anchor, label in PAGEBREAK.findall(epub.read(name).decode("utf-8")):
                entries.append(f'<li><a href="{href}#{anchor}">{label}</a></li>')
        if not entries:
            return nav_name, None
        return nav_name, ('<nav epub:type="page-list" role="doc-pagelist" id="page-list" hidden="hidden">\n'
                          f'<h1>{title}</h1>\n<ol>\n' + "\n".join(entries) + '\n</ol>\n</nav>\n')
    """#
}
