import Foundation

/// The publication's bibliography (`Content/references.bib`, or CSL-JSON or CSL-YAML) and citation
/// style (`Templates/csl/<name>.csl`), read and checked: what the citation checks and the citeproc run
/// need. The fields themselves are pandoc's to interpret.
public struct Bibliography: Sendable {
    public enum Format: String, Sendable {
        case biblatex
        case cslJSON = "csljson"
        case cslYAML = "cslyaml"
    }

    /// One entry: its key, where it is written, and when the source was issued as written
    /// (BibLaTeX `date` or `year`, CSL `issued`: "2020-09", "2021"), for the chronology check.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var location: SourceLocation
        public var issued: String?

        public init(key: String, location: SourceLocation, issued: String? = nil) {
            self.key = key
            self.location = location
            self.issued = issued
        }
    }

    /// `Content/references.bib`, as diagnostics name it.
    public var path: String
    /// The file itself (pandoc reads it from there).
    public var url: URL
    public var format: Format
    /// The file's text: part of the content hash that decides whether citeproc runs again.
    public var text: String
    /// The entries in file order.
    public var entries: [Entry]
    public var style: CitationStyle
    public var referenceList: ReferenceListPlacement

    private var byKey: [String: Int] = [:]

    init(path: String, url: URL, format: Format, text: String, entries: [Entry], style: CitationStyle,
         referenceList: ReferenceListPlacement) {
        self.path = path
        self.url = url
        self.format = format
        self.text = text
        self.entries = entries
        self.style = style
        self.referenceList = referenceList
        for (index, entry) in entries.enumerated() where byKey[entry.key] == nil { byKey[entry.key] = index }
    }

    public func entry(_ key: String) -> Entry? { byKey[key].map { entries[$0] } }

    public var keys: [String] { entries.map(\.key) }
}

/// A CSL style: its text (given to pandoc) and whether it sets citations in notes.
public struct CitationStyle: Sendable, Hashable {
    /// Its name in `Templates/csl/`.
    public var name: String
    public var text: String
    /// `class="note"`: citations become footnotes, numbered with the chapter's own.
    public var isNoteStyle: Bool

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        isNoteStyle = Self.styleClass(of: text) == "note"
    }

    /// The `class` attribute of the root `<style>` element (`note` or `in-text`).
    static func styleClass(of text: String) -> String? {
        guard let open = text.range(of: "<style") else { return nil }
        guard let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = text[open.upperBound..<close]
        for quote in ["\"", "'"] {
            if let start = tag.range(of: "class=\(quote)") {
                let rest = tag[start.upperBound...]
                if let end = rest.firstIndex(of: Character(quote)) { return String(rest[..<end]) }
            }
        }
        return nil
    }
}
