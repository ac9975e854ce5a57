import FolioMarkdown

/// `folio check` against the glossary: for each translated section whose source section uses a term,
/// a warning at the translated section's heading when it has none of the term's approved or accepted
/// forms; and a warning at its line for every forbidden variant it uses. Sections are paired in order
/// (a translation follows its source's headings); when their counts differ, whole chapters are compared.
/// Footnotes are left out: citations keep their publications' titles in the original language.
enum TerminologyChecker {
    /// The prose of one leaf block (paragraph, heading, table cell), review edits accepted.
    struct Block {
        var text: String
        var location: SourceLocation
    }

    struct Section {
        var location: SourceLocation
        var heading: String
        var blocks: [Block] = []
        var text: TermMatcher.Text { TermMatcher.Text(blocks.map(\.text).joined(separator: " \n ")) }
    }

    /// `cache`: the preview server keeps each translation's findings while it, its source and the
    /// glossary are unchanged (matching every term in every section took most of a rebuild).
    static func check(_ publication: Publication, glossary: Glossary, diagnostics: DiagnosticCollector, cache: LoadCache? = nil) {
        let source = publication.config.sourceLanguage
        let glossaryGeneration = cache.generation(of: glossary.entries, named: "glossary")
        for language in publication.config.languageCodes where language != source {
            let entries = glossary.entries.filter { $0.translations[language] != nil }
            guard !entries.isEmpty else { continue }
            for translation in publication.chapters[language] ?? [] {
                guard let original = publication.chapter(slug: translation.slug, language: source),
                      let theirs = publication.models[original.path]?.document, let mine = publication.models[translation.path]?.document else {
                    continue
                }
                let token = LoadCache.token(translation.revision, original.revision, "\(glossaryGeneration)")
                cache.reuse("terms|\(translation.path)", token: token, diagnostics: diagnostics) { found in
                    var sourceSections = sections(of: theirs, chapter: original)
                    var translatedSections = sections(of: mine, chapter: translation)
                    if sourceSections.count != translatedSections.count {
                        sourceSections = [merged(sourceSections, at: original.location)]
                        translatedSections = [merged(translatedSections, at: translation.location)]
                    }
                    for (before, after) in zip(sourceSections, translatedSections) {
                        check(after, against: before, entries: entries, language: language, diagnostics: found)
                    }
                }
            }
        }
    }

    private static func check(_ section: Section, against source: Section, entries: [Glossary.Entry], language: String,
                              diagnostics: DiagnosticCollector) {
        let sourceText = source.text
        let translatedText = section.text
        let languageName = UNLanguage.named(language)?.englishName ?? language
        // Each block's folded text, made once for every entry with forbidden variants (not once per entry).
        lazy var blockTexts = section.blocks.map { TermMatcher.Text($0.text) }
        for entry in entries {
            guard let translation = entry.translations[language] else { continue }
            if entry.sourceForms.contains(where: { sourceText.contains($0) }),
               !translation.allowed.contains(where: { translatedText.contains($0) }) {
                let forms = translation.allowed.map { "'\($0)'" }.joined(separator: ", ")
                let place = source.heading.isEmpty ? "the source" : "the source section “\(source.heading)”"
                diagnostics.warning("\(place) uses the term '\(entry.term)'; this section has none of its approved \(languageName) forms "
                                    + "(\(forms), \(Glossary.path) line \(entry.line))", at: section.location, related: [source.location])
            }
            guard !translation.forbidden.isEmpty else { continue }
            for (block, text) in zip(section.blocks, blockTexts) {
                let allowed = translation.allowed.flatMap { text.ranges(of: $0) }
                for variant in translation.forbidden {
                    for found in text.ranges(of: variant) where !allowed.contains(where: { $0.overlaps(found) }) {
                        diagnostics.warning("'\(variant)' is a forbidden \(languageName) variant of '\(entry.term)': write '\(translation.approved)'"
                                            + (translation.note.map { " (\($0))" } ?? ""), at: block.location)
                    }
                }
            }
        }
    }

    /// A chapter's sections: its text before the first top-level heading (if any), then one per top-level heading.
    static func sections(of document: MarkdownDocument, chapter: Chapter) -> [Section] {
        var sections: [Section] = []
        var topLevel = Set<MarkdownDocument.Index>()
        for block in document.blocks where document[block].kind == .heading { topLevel.insert(block) }
        document.walk { index, node in
            switch node.kind {
            case .heading, .paragraph, .tableCell:
                let location = chapter.location(of: node.start)
                if topLevel.contains(index) {
                    sections.append(Section(location: location, heading: HeadingIDs.text(ofHeading: index, in: document)))
                } else if sections.isEmpty {
                    sections.append(Section(location: SourceLocation(file: chapter.path, line: chapter.bodyLineOffset + 1), heading: ""))
                }
                sections[sections.count - 1].blocks.append(Block(text: CriticMarkup.accepted(document.plainText(of: index)), location: location))
                return false
            // Footnotes are mostly citations, which keep their publications' own titles.
            case .codeBlock, .htmlBlock, .footnoteDefinition: return false
            default: return true
            }
        }
        return sections
    }

    private static func merged(_ sections: [Section], at location: SourceLocation) -> Section {
        Section(location: location, heading: "", blocks: sections.flatMap(\.blocks))
    }
}
