/// Where a content file stands in the book: front matter (foreword, acknowledgements, executive
/// summary: unnumbered, before chapter 1, in the order `front-matter:` of publication.yml gives),
/// a numbered chapter (`NN-slug.md`), or an annex (`annex-N-slug.md`, "Annex I, II …" after the
/// last chapter, as United Nations publications number them).
///
/// Every part is a `Chapter` with a number, so that parts take part in everything chapters do
/// (review stages, translations, links, cross-references, search, the dashboard). The number is
/// unique across parts, because anchors and element numbers start with it: a chapter keeps its NN
/// (1–9999), an annex is `annexBase + N`, a front-matter part `frontBase + its place`.
public enum BookPart: Int, Sendable, Hashable, Comparable {
    case front = 0
    case chapter = 1
    case annex = 2

    public static let annexBase = 10_000
    public static let frontBase = 20_000

    /// The part a chapter number belongs to (0, a landing text's, counts as a chapter).
    public static func of(number: Int) -> BookPart {
        if number > frontBase { return .front }
        if number > annexBase { return .annex }
        return .chapter
    }

    /// The number the reader sees: 4 for chapter 4, 1 for Annex I; nil for front matter.
    public static func shownNumber(_ number: Int) -> Int? {
        switch of(number: number) {
        case .front: nil
        case .annex: number - annexBase
        case .chapter: number
        }
    }

    /// The number of an annex folio adds after the content's own (the print edition's KPI annex):
    /// Annex II after `annex-1-….md`, Annex I when the content has none.
    public static func annexAfter(_ numbers: some Sequence<Int>) -> Int {
        annexBase + 1 + numbers.filter { of(number: $0) == .annex }.map { $0 - annexBase }.reduce(0, max)
    }

    /// The order of the book: front matter, chapters, annexes.
    public static func order(_ number: Int) -> (Int, Int) { (of(number: number).rawValue, number) }

    public static func < (lhs: BookPart, rhs: BookPart) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Chapter {
    /// Front matter, chapter or annex (see `BookPart`).
    public var part: BookPart { BookPart.of(number: number) }
}

/// `annex-N-slug.md`: N (1–99) numbers the annex (Annex I, II …), slug is its id, as in a chapter's name.
public enum AnnexFileName {
    public static let prefix = "annex-"

    public static func parse(_ name: String) -> (number: Int, slug: String)? {
        guard name.hasPrefix(prefix), let (number, slug) = ChapterFileName.parse(String(name.dropFirst(prefix.count))),
              (1...99).contains(number) else { return nil }
        return (number, slug)
    }
}

/// `foreword.md`: a front-matter part's file is its id, as `front-matter:` in publication.yml names it.
public enum FrontMatterFileName {
    /// The id if `name` is `<id>.md` with an id a chapter's slug could be (lowercase letters, digits, hyphens).
    public static func parse(_ name: String) -> String? {
        guard name.hasSuffix(".md") else { return nil }
        let stem = String(name.dropLast(3))
        return isValidID(stem) ? stem : nil
    }

    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.first, first.isLowercaseASCIILetterOrDigit, id.last != "-" else { return false }
        return id.allSatisfy { $0.isLowercaseASCIILetterOrDigit || $0 == "-" }
    }
}
