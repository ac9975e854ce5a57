import FolioMarkdown

/// Marks every use of a language's acronyms in its parts' models (an `.acronym` segment, which the
/// site shows as `<abbr title="…">` and, at a part's first use when publication.yml asks for it, every
/// output writes out), and warns, at their place, about words that look like acronyms but are not in
/// the list, and about entries of the list no part uses. Languages without `acronyms.yml` are left as
/// they are.
enum AcronymAnnotator {
    static func annotate(_ publication: inout Publication, diagnostics: DiagnosticCollector) {
        let expand = publication.config.expandAcronymsOnFirstUse
        for language in publication.config.languageCodes {
            guard let list = publication.acronyms[language] else { continue }
            let matcher = AcronymMatcher(list.entries)
            var used: Set<String> = []
            for chapter in publication.chapters[language] ?? [] {
                guard var model = publication.models[chapter.path] else { continue }
                used.formUnion(mark(&model, matcher: matcher, expandFirstUse: expand, locate: chapter.locate, diagnostics: diagnostics))
                publication.models[chapter.path] = model
            }
            if let landing = publication.landings[language], var model = publication.landingModels[language] {
                let locate = { (point: SourcePoint) in
                    SourceLocation(file: landing.path, line: point.line + landing.bodyLineOffset, column: point.column)
                }
                used.formUnion(mark(&model, matcher: matcher, expandFirstUse: false, locate: locate, diagnostics: diagnostics))
                publication.landingModels[language] = model
            }
            for entry in list.entries where !used.contains(entry.short) {
                diagnostics.warning("the acronym '\(entry.short)' is defined but no part of the \(UNLanguage.named(language)?.englishName ?? language) text uses it",
                                    at: entry.location)
            }
        }
    }

    /// Splits the text segments of `model` at its acronyms; returns the acronyms it uses.
    private static func mark(_ model: inout ChapterModel, matcher: AcronymMatcher, expandFirstUse: Bool,
                             locate: (SourcePoint) -> SourceLocation, diagnostics: DiagnosticCollector) -> Set<String> {
        let document = model.document
        var used: Set<String> = []
        var expanded: Set<String> = []
        for index in document.nodes.indices where document[index].kind == .text {
            let start = locate(document[index].start)
            for unknown in matcher.scan(document.text(of: index)).unknown {
                diagnostics.warning("'\(unknown.word)' looks like an acronym but is not in the language's acronyms.yml: add it there, "
                                    + "with what it stands for", at: SourceLocation(file: start.file, line: start.line, column: start.column + unknown.start))
            }
            let segments = model.segments[index] ?? [.text(document.text(of: index))]
            var result: [InlineSegment] = []
            var found = false
            for segment in segments {
                guard case .text(let text) = segment else {
                    result.append(segment)
                    continue
                }
                let matches = matcher.scan(text).matches
                guard !matches.isEmpty else {
                    result.append(segment)
                    continue
                }
                found = true
                let bytes = Array(text.utf8)
                var cursor = 0
                for match in matches {
                    if match.start > cursor { result.append(.text(String(decoding: bytes[cursor..<match.start], as: UTF8.self))) }
                    used.insert(match.acronym.short)
                    // Written out at the first singular use: "Sustainable Development Goal (SDG)s" would be wrong.
                    // An acronym in parentheses follows its expansion, written by the author: it counts as written out.
                    let inParentheses = match.start > 0 && bytes[match.start - 1] == UInt8(ascii: "(")
                    let expand = expandFirstUse && !match.plural && expanded.insert(match.acronym.short).inserted && !inParentheses
                    result.append(.acronym(AcronymUse(short: match.acronym.short, expansion: match.acronym.expansion, expanded: expand)))
                    cursor = match.end
                }
                if cursor < bytes.count { result.append(.text(String(decoding: bytes[cursor...], as: UTF8.self))) }
            }
            if found { model.segments[index] = result }
        }
        return used
    }
}
