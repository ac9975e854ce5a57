/// The imprint of the publication, from publication.yml: its identifiers (validated when read, see
/// `PublicationIdentifiers`), copyright, disclaimer and credits. Shown on the imprint page of the site
/// and of the PDF, in the PDF's metadata, in "How to cite" and in the pages' citation meta tags.
public struct Imprint: Sendable, Hashable {
    /// ISBN-13 of the print edition and of the electronic edition, as written (with hyphens).
    public var isbn: String?
    public var eisbn: String?
    public var issn: String?
    /// The United Nations sales number (`E.21.II.E.7`).
    public var salesNumber: String?
    /// The document symbol (`ECE/HBP/204`).
    public var symbol: String?
    /// The DOI, without `https://doi.org/` (`10.18356/…`).
    public var doi: String?
    /// Per-language copyright line, disclaimer and photo and illustration credits.
    public var copyright: [String: String] = [:]
    public var disclaimer: [String: String] = [:]
    public var credits: [String: String] = [:]
    /// The identifiers (their publication.yml keys) not assigned yet: shown marked as placeholders.
    public var placeholders: Set<String> = []

    public init() {}

    /// The identifiers that are set, as `(publication.yml key, value)`, in imprint order.
    public var identifiers: [(key: String, value: String)] {
        [("isbn", isbn), ("eisbn", eisbn), ("issn", issn), ("sales-number", salesNumber), ("symbol", symbol), ("doi", doi)]
            .compactMap { key, value in value.map { (key, $0) } }
    }

    public var isEmpty: Bool { identifiers.isEmpty && copyright.isEmpty && disclaimer.isEmpty && credits.isEmpty }
}
