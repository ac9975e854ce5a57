import Foundation

/// The page marks of each language's PDF, handed from the print step to the EPUB step that runs beside
/// it: an EPUB asks for its language's marks and waits until that PDF is typeset, or until the print
/// step has given up on it (an error, or no print step at all), which gives none.
final class PrintPages: @unchecked Sendable {
    private let condition = NSCondition()
    private var marks: [String: [PrintPageMarks.Mark]] = [:]
    private var settled: Set<String> = []
    private var closed = false

    /// The marks of `language`'s PDF (empty when it has none).
    func publish(_ marks: [PrintPageMarks.Mark], for language: String) {
        condition.lock()
        defer { condition.unlock() }
        guard settled.insert(language).inserted else { return }
        self.marks[language] = marks
        condition.broadcast()
    }

    /// No more PDFs will be typeset: every language still waiting gets none.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The marks of `language`'s PDF, once it is typeset; nil when it was not.
    func marks(for language: String) -> [PrintPageMarks.Mark]? {
        condition.lock()
        defer { condition.unlock() }
        while !settled.contains(language), !closed { condition.wait() }
        return marks[language]
    }
}
