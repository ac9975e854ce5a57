/// Where every chapter stands, as of a date: the coordinator's view, shown by the status dashboard and
/// by `folio status`.
public struct StatusReport: Sendable {
    public struct Row: Sendable {
        public var chapter: Chapter
        public var stage: Stage?
        public var stageIndex: Int?
        /// The stage the chapter works towards, and its due date.
        public var nextStage: Stage?
        /// Days until the next stage is due (negative: late).
        public var daysToNextDue: Int?
        /// Whether the chapter is behind the latest stage due.
        public var isBehind: Bool
        public var reviews: [ReviewRecord]
        public var openReviewMarks: Int
        /// Comment threads nobody has answered yet.
        public var openComments: Int
        /// Language code → the chapter's state in that language.
        public var translations: [String: TranslationState]
    }

    public let asOf: CalendarDate
    public let timeline: Timeline
    public let languages: [String]
    public let rows: [Row]

    public init(publication: Publication, asOf: CalendarDate) {
        self.asOf = asOf
        let timeline = Timeline(stages: publication.config.stages)
        self.timeline = timeline
        languages = publication.config.languageCodes
        let latestDue = timeline.latestDue(asOf: asOf)?.index
        let source = publication.config.sourceLanguage
        rows = publication.sourceChapters.map { chapter in
            let index = chapter.stage.flatMap(timeline.index(of:))
            let next = index.flatMap(timeline.next(after:))
            var translations: [String: TranslationState] = [:]
            for language in publication.config.languageCodes {
                translations[language] = language == source ? .source
                    : TranslationState.of(translation: publication.chapter(slug: chapter.slug, language: language), source: chapter)
            }
            return Row(chapter: chapter, stage: index.map { timeline.stages[$0] }, stageIndex: index, nextStage: next,
                       daysToNextDue: next?.due.map { asOf.days(until: $0) },
                       isBehind: index.map { index in latestDue.map { index < $0 } ?? false } ?? false,
                       reviews: chapter.reviews, openReviewMarks: chapter.reviewMarks.count,
                       openComments: CommentIndex.threads(of: chapter).count(where: \.isOpen), translations: translations)
        }
    }

    /// The table `folio status` prints.
    public func terminalTable() -> String {
        var lines = [["Chapter", "Stage", "Next due", "Days", "Reviews", "Edits", "Open comments"] + languages]
        for row in rows {
            let days = row.daysToNextDue.map { $0 < 0 ? "\(-$0) late" : "\($0) left" } ?? "–"
            lines.append([
                row.chapter.fileStem,
                (row.stage?.id ?? "?") + (row.isBehind ? " (behind)" : ""),
                row.nextStage.map { "\($0.id) \($0.due?.description ?? "")" } ?? "–",
                days,
                row.reviews.map(\.stage).joined(separator: ", ").ifEmpty("–"),
                String(row.openReviewMarks),
                String(row.openComments),
            ] + languages.map { row.translations[$0]?.name ?? "" })
        }
        let widths = (0..<(lines.first?.count ?? 0)).map { column in lines.map { $0[column].count }.max() ?? 0 }
        let rendered = lines.map { cells in
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        return "Status as of \(asOf)\n" + rendered.joined(separator: "\n") + "\n"
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }

    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
