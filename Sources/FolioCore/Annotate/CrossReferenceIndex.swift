/// Every label of the publication, per language's book: what `@label` leads to on that language's
/// site and in its print edition. Built once from the chapter models; the renderers only look up.
public struct CrossReferenceIndex: Sendable {
    /// A labelled element and the chapter page it is on.
    public struct Target: Sendable, Hashable {
        public var element: NumberedElement
        public var slug: String
        /// The language of the site the page belongs to.
        public var language: String
    }

    /// Book language → label → target.
    public private(set) var targets: [String: [String: Target]] = [:]

    public init() {}

    /// `books`: for each language, the chapter models its book shows (its own, or the source's where
    /// it has no translation), with each chapter's slug and number.
    init(books: [String: [(slug: String, number: Int, title: String, model: ChapterModel, location: SourceLocation)]]) {
        for (language, chapters) in books {
            var labels: [String: Target] = [:]
            for chapter in chapters {
                // Each chapter is `@sec-<slug>`: "chapter 3".
                let own = NumberedElement(kind: .chapter, label: "sec-\(chapter.slug)", number: [chapter.number],
                                          anchor: "", title: chapter.title, location: chapter.location)
                labels["sec-\(chapter.slug)"] = Target(element: own, slug: chapter.slug, language: language)
                for (label, element) in chapter.model.labels where labels[label] == nil {
                    labels[label] = Target(element: element, slug: chapter.slug, language: language)
                }
            }
            targets[language] = labels
        }
    }

    public func target(_ label: String, in language: String) -> Target? {
        targets[language]?[label]
    }

    /// The labels of one language's book.
    func labels(in language: String) -> [String] {
        targets[language].map { Array($0.keys).sorted() } ?? []
    }
}
