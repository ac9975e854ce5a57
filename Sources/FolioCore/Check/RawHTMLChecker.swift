import Foundation
import FolioMarkdown

/// Raw HTML that is not shown as written. Unless `allow-raw-html: true`, the page shows it as text (the
/// tags visible), which a contributor who wrote `<sup>` or `<div>` does not expect. An HTML comment is
/// not reported: it is a note to the other contributors (see the README for what happens to it).
/// With raw HTML allowed, the print edition reports the blocks it leaves out itself.
enum RawHTMLChecker {
    static func check(_ document: MarkdownDocument, allowRawHTML: Bool, locate: (SourcePoint) -> SourceLocation,
                      diagnostics: DiagnosticCollector) {
        guard !allowRawHTML else { return }
        document.walk { index, node in
            switch node.kind {
            case .htmlBlock, .htmlInline:
                let raw = document.text(of: index).trimmingCharacters(in: .whitespacesAndNewlines)
                if !raw.hasPrefix("<!--") {
                    diagnostics.warning("raw HTML '\(excerpt(raw))' is shown as text, tags and all: write it in Markdown, "
                                        + "or set `allow-raw-html: true` in publication.yml", at: locate(node.start))
                }
                return false
            default:
                return true
            }
        }
    }

    /// The first line of `raw`, at most 40 characters.
    private static func excerpt(_ raw: String) -> String {
        let line = raw.split(whereSeparator: \.isNewline).first.map(String.init) ?? raw
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }
}
