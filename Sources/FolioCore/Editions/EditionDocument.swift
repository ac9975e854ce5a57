import Foundation

/// One language's Word and EPUB edition as a pandoc document: the metadata (title, language,
/// direction, publisher, date), a draft mark on drafts, the imprint, and every chapter of that
/// language's book in order (the list of acronyms between the front matter and the chapters), each
/// with its number, title, summary, authors and body from the chapter models, then the reference
/// list. The DOCX and the EPUB are written from this one document.
struct EditionDocument: Sendable {
    let language: String
    let document: PandocDocument
    let assets: EditionAssets
    /// The edition's date, the same as the print edition's (`PrintEdition.contentDate`).
    let date: CalendarDate

    /// Builds the edition of `language` (the checks have already reported every content problem).
    /// `pageBreaks`: the print edition's page breaks, for an EPUB with a page list.
    static func make(site: SiteContext, language: String, pageBreaks: [String: [EPUBPageList.Break]] = [:]) -> EditionDocument {
        let config = site.config
        let strings = site.strings(language)
        let formatter = LocaleFormatter(localeIdentifier: config.language(language)?.localeIdentifier ?? language)
        let book = site.books[language] ?? []
        let date = PrintEdition.contentDate(of: site.publication)

        var anchors = EditionAnchors()
        for entry in book {
            if let model = site.publication.models[entry.chapter.path] { anchors.chapters[entry.slug] = (entry.number, model) }
        }
        var blocks: [PandocBlock] = []
        if !site.isRelease {
            let mark = "\(strings["draft_mark"]) · \(strings.format("status_as_of", ["date": formatter.date(site.asOf)]))"
            blocks.append(.div(.style(EditionStyles.draftMark, classes: ["draft-mark"]), [.para(PandocInline.text(mark))]))
        }
        blocks += imprint(site: site, language: language, strings: strings, contentYear: date.year)
        var assets = EditionAssets()
        var nextCommentID = 0
        // Front matter, then the acronyms, then the chapters and annexes, as in print (`startMainMatter`).
        var listedAcronyms = false
        func listAcronyms() {
            guard !listedAcronyms else { return }
            blocks += acronyms(site: site, language: language, strings: strings)
            listedAcronyms = true
        }
        // The reference list closes the main text, before the annexes, as in print: citeproc's one result for the language.
        var listedReferences = false
        func listReferences() {
            guard !listedReferences else { return }
            listedReferences = true
            guard let citations = site.citations[language] else { return }
            let references = CitationPandoc(citations).referenceList(citations, title: strings["references_title"]) { key in
                EPUBPageList.block(pageBreaks[PrintPageMarks.id(referenceEntry: key)])
            }
            if !references.isEmpty { blocks.append(.div(PandocAttr(classes: ["references-section"]), references)) }
        }
        for entry in book {
            let chapter = entry.chapter
            if BookPart.of(number: entry.number) != .front { listAcronyms() }
            if BookPart.of(number: entry.number) == .annex { listReferences() }
            // "Chapter 4", "Annex I"; front matter is not numbered.
            let label = PartLabels(strings: strings, formatter: formatter).label(entry.number)
            let numberInlines: [PandocInline] = label.map { [.span(PandocAttr(classes: ["chapter-number"]), PandocInline.text($0)), .lineBreak] } ?? []
            var chapterBlocks: [PandocBlock] = [
                .header(level: 1, PandocAttr(id: EditionAnchors.chapter(entry.number)), numberInlines + PandocInline.text(chapter.title)),
            ]
            if let summary = chapter.summary {
                chapterBlocks.append(.div(.style(EditionStyles.chapterSummary, classes: ["chapter-summary"]), [.para(PandocInline.text(summary))]))
            }
            if !chapter.authors.isEmpty {
                chapterBlocks.append(.div(.style(EditionStyles.authors, classes: ["chapter-authors"]),
                                          [.para(PandocInline.text(chapter.authors.joined(separator: ", ")))]))
            }
            if let stage = site.draftStage(of: entry.slug) {
                var text = "\(strings["draft_mark"]) — \(strings.format("stage_label", ["stage": stage.name(in: language)]))"
                if let due = stage.due { text += " (\(strings.format("stage_due", ["date": formatter.date(due)])))" }
                chapterBlocks.append(.div(.style(EditionStyles.draftMark, classes: ["draft-mark"]), [.para(PandocInline.text(text))]))
            }
            if !entry.isTranslated {
                let notice = strings.format("not_translated", ["source": config.language(chapter.language)?.name ?? chapter.language])
                // The notice is in the edition's language, inside a chapter in another.
                chapterBlocks.append(.div(PandocAttr(classes: ["notice"], attributes: [("custom-style", EditionStyles.notice), ("lang", language)]),
                                          [.para(PandocInline.text(notice))]))
            }
            if let model = anchors.chapters[entry.slug]?.model {
                var context = EditionRenderer.Context(
                    chapter: chapter, model: model, number: entry.number, language: language, allowRawHTML: config.allowRawHTML,
                    strings: strings, textStrings: site.strings(chapter.language), formatter: formatter, anchors: anchors,
                    crossReferences: site.publication.crossReferences, baseURL: config.baseURL,
                    catalogue: site.publication.kpiCatalogue, reviewer: reviewer(of: chapter, strings: strings, date: date))
                context.citations = site.citations[language]
                context.pageBreaks = pageBreaks
                var renderer = EditionRenderer(context: context, assets: assets, nextCommentID: nextCommentID)
                chapterBlocks += renderer.render()
                assets = renderer.assets
                nextCommentID = renderer.nextCommentID
            }
            // A chapter shown in the source language says so, for Word's proofing and screen readers.
            let attributes = chapter.language == language ? [] : [("lang", chapter.language), ("dir", direction(of: chapter.language))]
            blocks.append(.div(PandocAttr(classes: ["chapter"], attributes: attributes), chapterBlocks))
        }
        listAcronyms()
        listReferences()

        var meta: [String: PandocMetaValue] = [
            "title": .inlines(PandocInline.text(config.title(in: language))),
            "lang": .string(languageTag(language)),
            "dir": .string(direction(of: language)),
            "date": .string(date.description),
            "toc-title": .inlines(PandocInline.text(strings["contents"])),
            "rights": .inlines(PandocInline.text(ImprintText.copyright(config, language: language, strings: strings, contentYear: date.year))),
        ]
        // The electronic editions carry the eISBN (else the ISBN) as their identifier (EPUB's dc:identifier).
        if let isbn = config.imprint.eisbn ?? config.imprint.isbn {
            meta["identifier"] = .string("urn:isbn:" + isbn.filter(\.isNumber))
        }
        if let subtitle = config.subtitle(in: language) { meta["subtitle"] = .inlines(PandocInline.text(subtitle)) }
        if let publisher = config.publisher[language] ?? config.publisher[config.sourceLanguage] {
            meta["publisher"] = .inlines(PandocInline.text(publisher))
            meta["creator"] = .inlines(PandocInline.text(publisher))
        }
        return EditionDocument(language: language, document: PandocDocument(meta: meta, blocks: blocks), assets: assets, date: date)
    }

    /// The BCP 47 tag of the edition's language: Chinese is written in simplified characters, and
    /// pandoc's own words (Word's "Figure", EPUB landmarks) exist for `zh-Hans`, not for `zh`.
    static func languageTag(_ language: String) -> String {
        language == "zh" ? "zh-Hans" : language
    }

    private static func direction(of language: String) -> String {
        UNLanguage.named(language)?.direction ?? "ltr"
    }

    /// Who a chapter's CriticMarkup is attributed to: the reviewer of its latest recorded review, on
    /// that review's date; without a review record, "Reviewer" in the edition's language, on the
    /// edition's date (CriticMarkup itself names no one).
    static func reviewer(of chapter: Chapter, strings: UIStrings, date: CalendarDate) -> (name: String, date: String) {
        let latest = chapter.reviews.enumerated().max { a, b in
            (a.element.date ?? .epoch, a.offset) < (b.element.date ?? .epoch, b.offset)
        }?.element
        if let latest, !latest.by.isEmpty {
            return (latest.by, "\((latest.date ?? date).description)T00:00:00Z")
        }
        return (strings["edition_reviewer"], "\(date.description)T00:00:00Z")
    }
}
