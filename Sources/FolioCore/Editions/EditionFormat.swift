/// What `folio build --formats` can make: the site, the print edition (PDF, Typst), and the Word and
/// EPUB editions (pandoc).
public enum EditionFormat: String, Sendable, Hashable, CaseIterable, Comparable {
    case site, pdf, docx, epub

    /// The editions written by pandoc.
    public static let pandocFormats: Set<EditionFormat> = [.docx, .epub]

    /// The file of one language's edition in the site: `en/smart-cities-en.docx`.
    public func file(slug: String, language: String) -> String { "\(language)/\(slug)-\(language).\(rawValue)" }

    /// The MIME type a download link announces.
    public var mediaType: String {
        switch self {
        case .site: "text/html"
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .epub: "application/epub+zip"
        }
    }

    /// The interface string of its download link.
    var linkKey: String { "\(rawValue)_download" }

    /// Site, PDF, DOCX, EPUB: the order links and messages name them in.
    private var rank: Int {
        switch self {
        case .site: 0
        case .pdf: 1
        case .docx: 2
        case .epub: 3
        }
    }

    public static func < (lhs: EditionFormat, rhs: EditionFormat) -> Bool { lhs.rank < rhs.rank }

    /// `site,pdf,docx,epub` → the formats, or the unknown name (with a suggestion).
    public static func parse(_ list: String) -> Result<Set<EditionFormat>, FormatListError> {
        var formats: Set<EditionFormat> = []
        for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let format = EditionFormat(rawValue: name) else {
                return .failure(FormatListError(message: "--formats: '\(name)' is not a format; use a comma-separated list of "
                                                + allCases.map(\.rawValue).joined(separator: ", ")
                                                + Suggestion.hint(for: name, in: allCases.map(\.rawValue))))
            }
            formats.insert(format)
        }
        guard !formats.isEmpty else {
            return .failure(FormatListError(message: "--formats needs at least one of " + allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return .success(formats)
    }

    public struct FormatListError: Error, Sendable {
        public var message: String
    }
}
