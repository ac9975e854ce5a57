/// Checks the citations against the bibliography: an unknown key is an error at the citation (with
/// the closest key as a suggestion), an entry nobody cites a warning at the entry, and a translation
/// that cites other works than its source chapter a warning at the translation.
enum CitationChecker {
    static func check(_ publication: Publication, diagnostics: DiagnosticCollector) {
        let chapters = publication.config.languageCodes.flatMap { publication.chapters[$0] ?? [] }
        let cited = chapters.compactMap { publication.models[$0.path] }.flatMap(\.citations)
        guard let bibliography = publication.bibliography else {
            if let first = cited.first {
                diagnostics.warning("'\(first.written)' looks like a citation, but publication.yml names no bibliography "
                                    + "(bibliography: references.bib): \(cited.count == 1 ? "it is" : "the \(cited.count) citations are") shown as written",
                                    at: first.location)
            }
            return
        }
        // The landing text has no notes and no place in the print edition: its citations stay as written.
        for language in publication.config.languageCodes {
            if let first = publication.landingModels[language]?.citations.first {
                diagnostics.warning("'\(first.written)': citations in a landing text are shown as written; cite in a chapter", at: first.location)
            }
        }
        let keys = bibliography.keys
        var used = Set<String>()
        for citation in cited {
            for item in citation.items {
                used.insert(item.key)
                if bibliography.entry(item.key) == nil {
                    diagnostics.error("unknown citation key '@\(item.key)': \(bibliography.path) has no entry of that key"
                                      + Suggestion.hint(for: item.key, in: keys), at: item.location)
                }
            }
        }
        for entry in bibliography.entries where !used.contains(entry.key) {
            diagnostics.warning("the entry '\(entry.key)' is never cited: cite it ([@\(entry.key)]) or remove it", at: entry.location)
        }
        checkParity(publication, diagnostics: diagnostics)
    }

    /// A translation cites the works its source chapter cites.
    private static func checkParity(_ publication: Publication, diagnostics: DiagnosticCollector) {
        let source = publication.config.sourceLanguage
        for language in publication.config.languageCodes where language != source {
            for chapter in publication.chapters[language] ?? [] {
                guard let model = publication.models[chapter.path], let original = publication.chapter(slug: chapter.slug, language: source),
                      let originalModel = publication.models[original.path] else { continue }
                let mine = Set(model.citations.flatMap(\.keys)), theirs = Set(originalModel.citations.flatMap(\.keys))
                guard mine != theirs else { continue }
                var parts: [String] = []
                let missing = theirs.subtracting(mine).sorted(), extra = mine.subtracting(theirs).sorted()
                if !missing.isEmpty { parts.append("not cited here: \(missing.map { "'\($0)'" }.joined(separator: ", "))") }
                if !extra.isEmpty { parts.append("not cited in the source: \(extra.map { "'\($0)'" }.joined(separator: ", "))") }
                let at = model.citations.first { !Set($0.keys).isDisjoint(with: extra) }?.location ?? chapter.location
                let related = originalModel.citations.filter { !Set($0.keys).isDisjoint(with: missing) }.map(\.location)
                diagnostics.warning("the translation cites other works than its source chapter \(original.path): \(parts.joined(separator: "; "))",
                                    at: at, related: Array(related.prefix(5)))
            }
        }
    }
}
