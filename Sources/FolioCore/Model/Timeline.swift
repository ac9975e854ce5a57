import Foundation

/// The publication's review stages in order, and the questions the checks and the dashboard ask of them.
public struct Timeline: Sendable {
    public let stages: [Stage]

    public init(stages: [Stage]) {
        self.stages = stages
    }

    public var ids: [String] { stages.map(\.id) }

    public func index(of id: String) -> Int? { stages.firstIndex { $0.id == id } }

    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }

    /// The last stage whose due date has passed by `date` (on the due date itself, it is due).
    public func latestDue(asOf date: CalendarDate) -> (index: Int, stage: Stage)? {
        var found: (Int, Stage)?
        for (index, stage) in stages.enumerated() {
            if let due = stage.due, due <= date { found = (index, stage) }
        }
        return found
    }

    /// The first stage from which translations are planned (`translations: true`).
    public var translationStage: (index: Int, stage: Stage)? {
        stages.enumerated().first { $0.element.startsTranslation }.map { ($0.offset, $0.element) }
    }

    /// The stage a chapter must reach for the public edition: the translation stage, or else the last but one.
    public var releaseStage: (index: Int, stage: Stage)? {
        translationStage ?? (stages.count >= 2 ? (stages.count - 2, stages[stages.count - 2]) : stages.first.map { (0, $0) })
    }

    /// The stage after `index`, the one a chapter works towards.
    public func next(after index: Int) -> Stage? {
        index + 1 < stages.count ? stages[index + 1] : nil
    }

    /// Today, as a calendar date in UTC.
    public static func today() -> CalendarDate {
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: Date())
        return CalendarDate(year: components.year ?? 2000, month: components.month ?? 1, day: components.day ?? 1)
            ?? CalendarDate.epoch
    }
}
