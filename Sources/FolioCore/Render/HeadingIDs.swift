import FolioMarkdown

/// Gives headings stable, unique ids that are valid in every script: letters and digits of any
/// language are kept (lowercased), everything else becomes a hyphen. "Governance of SSCs" →
/// `governance-of-sscs`, "Введение" → `введение`, "城市" → `城市`. A repeated heading gets `-2`, `-3`.
public struct HeadingIDs {
    private var used: Set<String>

    /// `reserved`: ids the page templates already use, which headings must not take.
    public init(reserved: Set<String> = HeadingIDs.templateIDs) {
        used = reserved
    }

    /// Ids that the layout and chapter templates put on the page.
    public static let templateIDs: Set<String> = ["main", "top", "site-header", "book-nav", "page-toc", "footnotes",
                                                  "language-switcher", "search", "footnotes-heading",
                                                  "page-toc-heading", "contents-heading", "references",
                                                  "references-heading", "how-to-cite-heading"]

    /// A heading's text as ids, contents and section fingerprints take it: plain, reviewers' edits
    /// accepted, without its label (`{#sec-…}`).
    public static func text(ofHeading index: MarkdownDocument.Index, in document: MarkdownDocument) -> String {
        let text = CriticMarkup.accepted(document.plainText(of: index))
        guard text.utf8.last == UInt8(ascii: "}") || text.utf8.last == UInt8(ascii: " ") else { return text }
        return InlineSyntax.trailingLabel(in: text).map(\.rest) ?? text
    }

    public mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    public static func slug(_ text: String) -> String {
        // Built as UTF-8 bytes: appending scalar by scalar to a String re-checked its storage each time.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        let classes = ScalarClass.Table.shared
        for scalar in text.unicodeScalars {
            // ASCII, most headings' text, without asking Unicode properties or allocating a string per
            // letter: letters (lowercased) and digits are kept, everything else separates words.
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if pendingHyphen, !out.isEmpty { out.append(UInt8(ascii: "-")) }
                    pendingHyphen = false
                    out.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
                default:
                    pendingHyphen = true
                }
                continue
            }
            // Other scripts' letters, digits and marks, from the table rather than one property lookup each.
            let found = classes.of(scalar.value)
            if found & (ScalarClass.wordCharacter | ScalarClass.mark) != 0 {
                if pendingHyphen, !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                if found & ScalarClass.uppercase != 0 {
                    out.append(contentsOf: String(scalar).lowercased().utf8)
                } else {
                    UTF8.encode(scalar) { out.append($0) }
                }
            } else {
                // Spaces, punctuation and symbols separate words; they never appear in the id.
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "section" : String(decoding: out, as: UTF8.self)
    }
}
