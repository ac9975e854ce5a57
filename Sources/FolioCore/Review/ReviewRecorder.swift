import Foundation

/// `folio review record`: appends to each chapter's `reviews:` the review just held, with the commit the
/// reviewer read (`version:`). One of the two commands that write under Content/ (with `translations
/// mark`): it adds one line to the front matter and changes no other byte, through a temporary file and
/// a rename. Nothing is written while anything is wrong.
public enum ReviewRecorder {
    public struct Request: Sendable {
        public var files: [String]
        public var stage: String
        public var by: String
        public var date: CalendarDate?
        public var outcome: String?

        public init(files: [String], stage: String, by: String, date: CalendarDate? = nil, outcome: String? = nil) {
            self.files = files
            self.stage = stage
            self.by = by
            self.date = date
            self.outcome = outcome
        }
    }

    public struct Outcome: Sendable {
        /// One line per chapter recorded: `Content/en/05-governance.md:8: recorded unece-review by … at 1a2b3c4d5e6f`.
        public var recorded: [String]
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    public static func record(project: URL, request: Request) -> Outcome {
        let diagnostics = DiagnosticCollector()
        guard let publication = ContentLoader.load(project: project, diagnostics: diagnostics) else {
            return Outcome(recorded: [], diagnostics: diagnostics.diagnostics)
        }
        let chapters = ReviewTargets.chapters(request.files, in: publication, diagnostics: diagnostics)
        let timeline = Timeline(stages: publication.config.stages)
        let reviewStages = timeline.stages.filter(\.isReview).map(\.id)
        let configLocation = SourceLocation(file: "Content/publication.yml")
        if let stage = timeline.stage(request.stage) {
            if !stage.isReview {
                diagnostics.error("--stage \(request.stage) is not a review stage: reviews are recorded for \(reviewStages.joined(separator: ", "))",
                                  at: configLocation)
            }
        } else {
            diagnostics.error("--stage \(request.stage): unknown stage" + Suggestion.hint(for: request.stage, in: reviewStages)
                              + " (review stages: \(reviewStages.isEmpty ? "none" : reviewStages.joined(separator: ", ")))",
                              at: configLocation)
        }
        if request.by.trimmingCharacters(in: .whitespaces).isEmpty { diagnostics.error("--by names no reviewer", at: nil) }
        var history: ChapterHistory?
        switch ChapterHistory.open(project) {
        case .success(let found): history = found
        case .failure(let problem):
            diagnostics.error(ReviewTargets.message(problem, project: project, need: "a review records the commit the reviewer read"),
                              at: chapters.first?.location)
        }
        guard let history, !diagnostics.hasErrors else { return Outcome(recorded: [], diagnostics: diagnostics.diagnostics) }
        guard let commit = history.head() else {
            diagnostics.error("the repository has no commit yet: commit the chapters the reviewers read, then record the review",
                              at: chapters.first?.location)
            return Outcome(recorded: [], diagnostics: diagnostics.diagnostics)
        }
        for chapter in chapters where history.hasUncommittedChanges(chapter.path) {
            diagnostics.error("\(chapter.path) has changes that are not committed: commit the version the reviewers read first, so that `version:` names it",
                              at: chapter.location)
        }
        let date = request.date ?? Timeline.today()
        let entry = entryText(stage: request.stage, by: request.by, date: date, outcome: request.outcome, version: commit)
        var writes: [(Chapter, URL, [UInt8], Int)] = []
        for chapter in chapters where !diagnostics.hasErrors {
            let url = project.appendingPathComponent(chapter.path)
            do {
                let file = try ChapterFile(url: url)
                let (bytes, line) = try appending(entry, to: file)
                writes.append((chapter, url, bytes, line))
            } catch let problem as RecordProblem {
                diagnostics.error(problem.message, at: SourceLocation(file: chapter.path, line: problem.line))
            } catch {
                diagnostics.error("cannot read the chapter: \(ReviewTargets.reason(error))", at: chapter.location)
            }
        }
        guard !diagnostics.hasErrors else { return Outcome(recorded: [], diagnostics: diagnostics.diagnostics) }
        var recorded: [String] = []
        for (chapter, url, bytes, line) in writes {
            do {
                try ChapterFile.write(bytes, to: url)
                recorded.append("\(chapter.path):\(line): recorded \(request.stage) by \(request.by), \(date), version \(commit.prefix(12))")
            } catch {
                diagnostics.error("cannot write the review record: \(ContentLoader.reason(error))", at: chapter.location)
            }
        }
        return Outcome(recorded: recorded, diagnostics: diagnostics.diagnostics)
    }

    struct RecordProblem: Error {
        var message: String
        var line: Int
    }

    /// The flow mapping of one review, as the README writes them.
    static func entryText(stage: String, by: String, date: CalendarDate, outcome: String?, version: String) -> String {
        let plainStage = !stage.isEmpty && stage.unicodeScalars.allSatisfy { InlineSyntax.isLabelCharacter($0) }
        var fields = ["stage: \(plainStage ? stage : quoted(stage))", "by: \(quoted(by))", "date: \(date)"]
        if let outcome, !outcome.isEmpty { fields.append("outcome: \(quoted(outcome))") }
        fields.append("version: \(version)")
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// The file with `- entry` appended to its `reviews:` list (made when missing), and the file line of
    /// the new entry.
    static func appending(_ entry: String, to file: ChapterFile) throws -> ([UInt8], Int) {
        guard let yaml = file.yaml else {
            throw RecordProblem(message: "the chapter has no front matter to record the review in", line: 1)
        }
        let text = file.text
        let lines = ChapterFile.lines(Array(text[yaml])).map { ($0.lowerBound + yaml.lowerBound)..<($0.upperBound + yaml.lowerBound) }
        func string(_ range: Range<Int>) -> String { String(decoding: text[range], as: UTF8.self) }
        let newline = file.newline
        // YAML lines start on the file's line 2.
        guard let key = lines.firstIndex(where: { string($0).hasPrefix("reviews:") }) else {
            let end = yaml.upperBound
            let added = Array("reviews:".utf8) + newline + Array("  - \(entry)".utf8) + newline
            return (file.replacing([(end..<end, added)]), lines.count + 3)
        }
        let rest = string(lines[key]).dropFirst("reviews:".count).trimmingCharacters(in: .whitespaces)
        if rest == "[]" || rest == "~" || rest == "null" {
            let replaced = Array("reviews:".utf8) + newline + Array("  - \(entry)".utf8)
            return (file.replacing([(lines[key], replaced)]), key + 3)
        }
        guard rest.isEmpty || rest.hasPrefix("#") else {
            throw RecordProblem(message: "`reviews:` is written on one line (\(rest.prefix(40))…): write one review per line (`  - {stage: …}`) so that a record can be added",
                                line: key + 2)
        }
        // The list's lines: indented, or `- ` items at the key's own indentation, and blank or comment lines between.
        var last = key
        var indent = "  "
        var sawItem = false
        for index in (key + 1)..<lines.count {
            let line = string(lines[index])
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard line.first == " " || line.first == "\t" || line.hasPrefix("-") else { break }
            if !sawItem, trimmed.hasPrefix("-") {
                indent = String(line.prefix { $0 == " " || $0 == "\t" })
                sawItem = true
            }
            last = index
        }
        let end = lines[last].upperBound
        return (file.replacing([(end..<end, newline + Array("\(indent)- \(entry)".utf8))]), last + 3)
    }
}
