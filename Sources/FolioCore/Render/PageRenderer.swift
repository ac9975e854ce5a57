import Foundation
import FolioMarkdown

/// Everything the page templates need that is the same for many pages: computed once per build.
struct SiteContext: Sendable {
    let publication: Publication
    let templates: TemplateSet
    let strings: [String: UIStrings]
    let assets: Assets
    /// The chapters each language's site shows, in book order.
    let books: [String: [BookEntry]]
    /// Where each KPI is shown in each language's site: language → KPI code → figures.
    let figures: [String: [String: [FigureReference]]]
    /// The languages whose book has numbered figures, tables or boxes.
    let languagesWithElements: Set<String>

    /// A KPI figure as its chapter's model numbered it, and the page it is on.
    struct FigureReference: Sendable {
        let element: NumberedElement
        let slug: String
    }

    var config: PublicationConfig { publication.config }

    /// One chapter as it appears in one language's site: its own translation, or the source text.
    struct BookEntry: Sendable {
        let slug: String
        let number: Int
        /// The chapter rendered on the page (the translation, or the source chapter as fallback).
        let chapter: Chapter
        let isTranslated: Bool
    }

    /// The print edition of each language (site path of its PDF), when this build makes one.
    var printEditions: [String: String] = [:]
    /// The Word and EPUB editions this build makes of each language (pandoc), in link order.
    var editions: [String: [EditionFormat]] = [:]

    /// Every edition of `language` this build makes, PDF first: each a link's address (from the
    /// site root), its words and its MIME type.
    func editionLinks(language: String, strings: UIStrings) -> [(path: String, label: String, type: String)] {
        var links: [(path: String, label: String, type: String)] = []
        if let pdf = printEditions[language] { links.append((pdf, strings[EditionFormat.pdf.linkKey], EditionFormat.pdf.mediaType)) }
        for format in editions[language] ?? [] {
            links.append((format.file(slug: config.publicationSlug, language: language), strings[format.linkKey], format.mediaType))
        }
        return links
    }
    /// Each reviewed chapter's changes since its latest review, by chapter path (drafts in git only).
    var changes: [String: ChapterChanges] = [:]
    /// Each language's formatted citations and reference list (one citeproc run per language).
    var citations: [String: LanguageCitations] = [:]

    /// The date the review status is shown as of.
    let asOf: CalendarDate
    /// The public edition: no draft marks, no dashboard.
    let isRelease: Bool
    let timeline: Timeline

    /// Drafts carry a status dashboard; the public edition does not.
    var hasDashboard: Bool { !isRelease && !timeline.stages.isEmpty }
    /// The build makes a Pagefind index: pages get a search box and each language a search page.
    let hasSearch: Bool

    init(publication: Publication, templates: TemplateSet, strings: [String: UIStrings], assets: Assets,
         asOf: CalendarDate, isRelease: Bool, hasSearch: Bool = false) {
        self.hasSearch = hasSearch
        self.asOf = asOf
        self.isRelease = isRelease
        timeline = Timeline(stages: publication.config.stages)
        self.publication = publication
        self.templates = templates
        self.strings = strings
        self.assets = assets
        var books: [String: [BookEntry]] = [:]
        let config = publication.config
        for language in config.languageCodes {
            books[language] = publication.sourceChapters.compactMap { original in
                if let translation = publication.chapter(slug: original.slug, language: language) {
                    return BookEntry(slug: original.slug, number: original.number, chapter: translation, isTranslated: true)
                }
                guard config.untranslated == .fallback else { return nil }
                return BookEntry(slug: original.slug, number: original.number, chapter: original,
                                 isTranslated: language == config.sourceLanguage)
            }
        }
        self.books = books
        var figures: [String: [String: [FigureReference]]] = [:]
        for (language, entries) in books {
            for entry in entries {
                guard let model = publication.models[entry.chapter.path] else { continue }
                for (_, role) in model.roles.sorted(by: { $0.key < $1.key }) {
                    guard case .kpiFigure(let element, let blockIndex) = role else { continue }
                    figures[language, default: [:]][model.kpiBlocks[blockIndex].code, default: []].append(
                        FigureReference(element: element, slug: entry.slug))
                }
            }
        }
        self.figures = figures
        languagesWithElements = Set(books.compactMap { language, entries in
            entries.contains { !(publication.models[$0.chapter.path]?.elements.isEmpty ?? true) } ? language : nil
        })
    }

    /// Whether a language's book has numbered figures, tables or boxes (and so a page listing them).
    func hasElementLists(_ language: String) -> Bool { languagesWithElements.contains(language) }

    /// Whether the language has a terminology page: the glossary has a term with its form (the source language lists them all).
    func hasTerms(_ language: String) -> Bool {
        guard let glossary = publication.glossary, !glossary.entries.isEmpty else { return false }
        return language == config.sourceLanguage || glossary.entries.contains { $0.translations[language] != nil }
    }

    /// Whether a language has a reference list page: its book cites, and the list is the book's.
    func hasReferencePage(_ language: String) -> Bool {
        guard let citations = citations[language] else { return false }
        return citations.referenceList == .book && !citations.entries.isEmpty
    }

    func strings(_ language: String) -> UIStrings {
        strings[language] ?? UIStrings(language: language, values: [:])
    }

    /// The stage to show as a draft mark: none in the public edition or once the chapter is at the
    /// timeline's last stage (published). Translations show their source chapter's stage.
    func draftStage(of slug: String) -> Stage? {
        guard !isRelease, let source = publication.chapter(slug: slug, language: config.sourceLanguage),
              let id = source.stage, let index = timeline.index(of: id), index < timeline.stages.count - 1 else { return nil }
        return timeline.stages[index]
    }
}

/// Builds the model of each page (Render/Pages) and renders it with the Mustache templates. Big HTML
/// (chapter bodies) is produced by `HTMLRenderer` and given to the templates as HTML fields.
struct PageRenderer {
    let site: SiteContext
    let formatter: LocaleFormatter
    let language: String

    /// `formatter`: one for `language` lent for this page (see `LocaleFormatterPool`); by default a new one.
    init(site: SiteContext, language: String, formatter: LocaleFormatter? = nil) {
        self.site = site
        self.language = language
        self.formatter = formatter
            ?? LocaleFormatter(localeIdentifier: site.config.language(language)?.localeIdentifier ?? language)
    }

    private var strings: UIStrings { site.strings(language) }
    /// "Chapter 4", "Annex I", or nothing for front matter.
    var partLabels: PartLabels { PartLabels(strings: strings, formatter: formatter) }

    // MARK: - Pages

    /// `Public/index.html`: the language chooser.
    static func chooserPage(site: SiteContext) -> String {
        let config = site.config
        let source = config.sourceLanguage
        var layout = PageRenderer(site: site, language: source).layout(root: "", pageTitle: config.title(in: source),
                                                                       links: homeLinks(site: site, root: ""), bodyClass: "page-languages")
        // Each language has its own index: the chooser, in no one language, has no search box.
        layout.hasSearchBox = false
        let entries = config.languages.map { language in
            LanguageChooserPage.Entry(code: language.code, name: language.name, dir: language.direction,
                                      title: config.title(in: language.code), href: SitePaths.home(language: language.code, root: ""),
                                      choose: site.strings(language.code)["enter_site"])
        }
        return site.templates.render("languages", LanguageChooserPage(layout: layout, entries: entries))
    }

    /// `Public/<lang>/index.html`: the publication home in one language.
    func homePage() -> String {
        let root = "../"
        let config = site.config
        let layout = layout(root: root, pageTitle: config.title(in: language), links: Self.homeLinks(site: site, root: root),
                            current: language, bodyClass: "page-home", path: SitePaths.homeFile(language: language), kind: .home)
        let landingHTML = site.publication.landingModels[language].map { landing in
            var renderer = HTMLRenderer(context: htmlContext(root: root, language: language, slug: nil, kpiFigures: nil), model: landing)
            return renderer.render().html
        }
        let chapters = (site.books[language] ?? []).map { entry in
            HomePage.Chapter(numberLabel: partLabels.label(entry.number) ?? "",
                             title: entry.chapter.title, titleLang: entry.chapter.language, summary: entry.chapter.summary,
                             href: SitePaths.chapter(slug: entry.slug, language: language, root: root),
                             untranslated: !entry.isTranslated,
                             stage: draftStage(of: entry.slug).map { HomePage.Stage(name: $0.name(in: language), id: $0.id) })
        }
        let page = HomePage(layout: layout, title: config.title(in: language), subtitle: config.subtitle(in: language),
                            landingHTML: landingHTML, chapters: chapters)
        return site.templates.render("home", page)
    }

    /// The book navigation of this language's chapter pages (see `BookNavigation`).
    func bookNavigation() -> BookNavigation {
        let root = "../../"
        let items = (site.books[language] ?? []).map { other in
            BookNavigation.Item(numberLabel: partLabels.shortNumber(other.number), title: other.chapter.title,
                                titleLang: other.chapter.language,
                                href: SitePaths.chapter(slug: other.slug, language: language, root: root))
        }
        let needsEntries = site.templates.uses("bookNavHTML")
        return BookNavigation(items: items, pageModel: layout(root: root, pageTitle: "", links: [], bodyClass: "page-chapter"),
                              templates: needsEntries ? site.templates : nil)
    }

    /// `Public/<lang>/<slug>/index.html`: one chapter.
    func chapterPage(_ entry: SiteContext.BookEntry, index: Int, navigation: BookNavigation) -> Data {
        let root = "../../"
        let chapter = entry.chapter
        let book = site.books[language] ?? []
        let contentDirection = site.config.language(chapter.language)?.direction ?? "ltr"
        let figures = KPIFigureRenderer(catalogue: site.publication.kpiCatalogue, language: language,
                                        rightToLeft: contentDirection == "rtl", strings: strings, formatter: formatter)
        var renderer = HTMLRenderer(context: htmlContext(root: root, language: chapter.language, slug: entry.slug, kpiFigures: figures,
                                                         chapterPath: chapter.path),
                                    model: site.publication.models[chapter.path] ?? ChapterModel(document: chapter.document))
        let body = renderer.render()
        let numberLabel = partLabels.label(entry.number) ?? ""
        let draft = draftStage(of: entry.slug).map { stage in
            ChapterPage.DraftMark(mark: strings["draft_mark"], stage: strings.format("stage_label", ["stage": stage.name(in: language)]),
                                  due: stage.due.map { strings.format("stage_due", ["date": formatter.date($0)]) })
        }
        var layout = layout(root: root, pageTitle: "\(chapter.title) — \(site.config.title(in: language))",
                            links: chapterLinks(slug: entry.slug, root: root), current: language, bodyClass: "page-chapter",
                            path: SitePaths.chapterFile(slug: entry.slug, language: language), kind: .chapter(entry))
        layout.noindex = draft != nil
        let toc = TableOfContents.entries(body.headings)
        let page = ChapterPage(
            layout: layout,
            chapter: ChapterPage.Header(numberLabel: numberLabel, title: chapter.title, summary: chapter.summary,
                                        authors: chapter.authors.joined(separator: ", "),
                                        bodyHTML: BodySlot.templateValue(for: body.htmlBytes), footnotesHTML: body.footnotesHTML,
                                        referencesHTML: chapterReferencesHTML(slug: entry.slug, root: root),
                                        contentLang: chapter.language, contentDir: contentDirection),
            draft: draft,
            changes: site.changes[chapter.path].map { changes in
                ChapterPage.ChangesLink(label: changesTitle(changes), href: "changes/index.html")
            },
            stale: staleNotice(entry, root: root),
            fallback: !entry.isTranslated,
            fallbackNotice: strings.format("not_translated", ["source": site.config.language(chapter.language)?.name ?? chapter.language]),
            toc: toc,
            tocHTML: site.templates.uses("tocHTML") ? TableOfContents.html(toc, templates: site.templates, page: layout) : "",
            navSummary: strings.format("contents_position", ["n": formatter.integer(index + 1), "total": formatter.integer(book.count)]),
            bookNavHTML: navigation.html(current: index),
            nav: site.templates.uses("nav") ? navigation.entries(current: index) : [],
            previous: index > 0 ? neighbour(book[index - 1], root: root, label: "previous_chapter") : nil,
            next: index + 1 < book.count ? neighbour(book[index + 1], root: root, label: "next_chapter") : nil)
        return BodySlot.page(site.templates.render("chapter", page), body: body.htmlBytes)
    }

    /// "Changes since Review by UNECE units (UNECE Economic Cooperation and Trade Division, 18 March 2020)".
    private func changesTitle(_ changes: ChapterChanges) -> String {
        let stage = site.timeline.stage(changes.review.stage)?.name(in: language) ?? changes.review.stage
        return strings.format("changes_title", ["review": stage, "by": changes.review.by,
                                                "date": changes.review.date.map { formatter.date($0) } ?? "–"])
    }

    /// `Public/<lang>/<slug>/changes/index.html`: the chapter's changes since its latest review.
    func changesPage(_ entry: SiteContext.BookEntry) -> String? {
        let root = "../../../"
        guard let changes = site.changes[entry.chapter.path] else { return nil }
        let chapter = entry.chapter
        let title = changesTitle(changes)
        var layout = layout(root: root, pageTitle: "\(title) — \(chapter.title)", links: [], current: language, bodyClass: "page-changes")
        layout.noindex = true
        guard let model = site.publication.models[chapter.path] else { return nil }
        let diff = changes.redline(now: chapter, model: model, publication: site.publication, language: language,
                                   labels: ElementLabels(strings: site.strings(chapter.language), formatter: formatter),
                                   citations: site.citations[language], root: root, entryHref: entryHref(root: root))
        let redline = RedlineHTML(strings: strings, formatter: formatter)
        let counts = ["inserted": diff.insertedWords, "deleted": diff.deletedWords, "blocks": diff.changedBlocks]
        let summary = strings.format("changes_summary", counts.mapValues { formatter.integer($0) }, numbers: counts.mapValues(Double.init))
        let stageName = { (id: String?) in id.map { site.timeline.stage($0)?.name(in: language) ?? $0 } ?? "–" }
        let fields = diff.fields.map { field in
            field.field == "stage"
                ? ChangesPage.Field(name: strings["changes_field_stage"], old: stageName(field.old), new: stageName(field.new))
                : ChangesPage.Field(name: strings["changes_field_\(field.field)"], old: field.old ?? "–", new: field.new ?? "–")
        }
        let page = ChangesPage(
            layout: layout, title: title,
            numberLabel: partLabels.label(entry.number) ?? "",
            chapterTitle: chapter.title, chapterHref: "../index.html", backLabel: strings["changes_back"],
            summary: summary, commit: changes.commit,
            commitLabel: strings.format("changes_commit", ["commit": String(changes.commit.prefix(12))]),
            fields: fields, bodyHTML: redline.render(diff), kpisHTML: redline.kpiList(diff),
            contentLang: chapter.language, contentDir: site.config.language(chapter.language)?.direction ?? "ltr",
            hasChanges: !diff.isEmpty)
        return site.templates.render("changes", page)
    }

    /// `Public/status/comments/index.html`: every reviewer's comment thread, open ones first.
    func commentsPage() -> String {
        let root = "../../"
        var layout = layout(root: root, pageTitle: "\(strings["comments_title"]) — \(site.config.title(in: language))",
                            links: Self.homeLinks(site: site, root: root), bodyClass: "page-comments")
        layout.showsLanguages = false
        layout.noindex = true
        let index = CommentIndex(publication: site.publication)
        let threads = index.threads.filter(\.isOpen) + index.threads.filter { !$0.isOpen }
        func comment(_ entry: CommentIndex.Entry) -> CommentsPage.Comment {
            CommentsPage.Comment(author: entry.comment.author ?? strings["comments_anonymous"],
                                 date: entry.comment.date.map { formatter.date($0) } ?? "",
                                 isoDate: entry.comment.date?.description ?? "", text: entry.comment.text,
                                 line: "\(entry.location.file):\(entry.location.line):\(entry.location.column)")
        }
        let page = CommentsPage(
            layout: layout,
            summary: strings.format("comments_summary", ["threads": formatter.integer(index.threads.count), "open": formatter.integer(index.openCount)],
                                    numbers: ["threads": Double(index.threads.count), "open": Double(index.openCount)]),
            threads: threads.map { thread in
                let title = site.publication.chapter(slug: thread.slug, language: thread.language)?.title ?? thread.chapter
                return CommentsPage.Thread(chapter: title, href: SitePaths.chapter(slug: thread.slug, language: thread.language, root: root),
                                           language: thread.language, open: thread.isOpen,
                                           state: strings[thread.isOpen ? "comments_open" : "comments_answered"],
                                           first: comment(thread.first), replies: thread.replies.map(comment))
            })
        return site.templates.render("comments", page)
    }

    /// The notice on a translation whose source was revised since it was marked; nil otherwise.
    private func staleNotice(_ entry: SiteContext.BookEntry, root: String) -> ChapterPage.StaleNotice? {
        let source = site.config.sourceLanguage
        guard entry.isTranslated, language != source, let original = site.publication.chapter(slug: entry.slug, language: source),
              case .stale(let changes, _) = TranslationState.of(translation: entry.chapter, source: original) else { return nil }
        let sections = changes.map { $0.heading.isEmpty ? $0.id : "“\($0.heading)”" }.joined(separator: ", ")
        return ChapterPage.StaleNotice(notice: strings.format("stale_notice", ["sections": sections]),
                                       label: strings.format("read_original", ["language": site.config.language(source)?.name ?? source]),
                                       href: SitePaths.chapter(slug: entry.slug, language: source, root: root), sourceLang: source)
    }

    /// `Public/<lang>/kpis/index.html`: every KPI of the catalogue, grouped by dimension and
    /// sub-dimension, linked to each figure that shows it.
    func kpiIndexPage() -> String {
        let root = "../../"
        guard let catalogue = site.publication.kpiCatalogue else { return "" }
        let layout = layout(root: root, pageTitle: "\(strings["kpi_index"]) — \(site.config.title(in: language))",
                            links: site.config.languages.map { other in
                                LanguageLinks.Link(code: other.code, name: other.name,
                                                   href: SitePaths.kpiIndex(language: other.code, root: root))
                            }, current: language, bodyClass: "page-kpis", path: SitePaths.kpiIndexFile(language: language))
        let used = site.figures[language] ?? [:]
        let labels = ElementLabels(strings: strings, formatter: formatter)
        let dimensions = catalogue.dimensions.map { dimension in
            KPIIndexPage.Dimension(code: dimension.code, name: dimension.names.text(in: language), subdimensions: dimension.subdimensions.map { sub in
                let kpis = catalogue.kpis.filter { $0.dimension == dimension.code && $0.subdimension == sub.code }
                return KPIIndexPage.Subdimension(id: "\(dimension.code)-\(sub.code)".lowercased(), name: sub.names.text(in: language), kpis: kpis.map { kpi in
                    let figures = (used[kpi.code] ?? []).map { reference in
                        ElementLink(label: labels.caption(reference.element), title: reference.element.title, titleLang: language,
                                    href: SitePaths.chapter(slug: reference.slug, language: language, root: root) + "#" + reference.element.anchor)
                    }
                    return KPIIndexPage.KPI(code: kpi.code, name: kpi.names.text(in: language), category: kpi.categories.text(in: language),
                                            unit: kpi.unit.map { catalogue.unitLabel($0, in: language) } ?? "", sdgs: kpi.sdgs,
                                            type: kpi.isCore ? "core" : "advanced", typeLabel: strings[kpi.isCore ? "kpi_core" : "kpi_advanced"],
                                            figures: figures)
                })
            })
        }
        let page = KPIIndexPage(layout: layout, catalogueName: catalogue.names.text(in: language), standard: catalogue.standard,
                                dimensions: dimensions, usedCount: formatter.integer(used.count), totalCount: formatter.integer(catalogue.kpis.count))
        return site.templates.render("kpis", page)
    }

    /// `Public/<lang>/lists/index.html`: the book's figures, tables and boxes, each linked to where it is.
    func listsPage() -> String {
        let root = "../../"
        let labels = ElementLabels(strings: strings, formatter: formatter)
        let layout = layout(root: root, pageTitle: "\(strings["lists_title"]) — \(site.config.title(in: language))",
                            links: site.config.languages.filter { site.hasElementLists($0.code) }.map { other in
                                LanguageLinks.Link(code: other.code, name: other.name, href: SitePaths.lists(language: other.code, root: root))
                            }, current: language, bodyClass: "page-lists", path: SitePaths.listsFile(language: language))
        let partial = site.templates.entryPartial(ElementListsPage.entryTemplate)
        let lists = ElementLists.lists(of: site, language: language).map { list in
            let entries = list.entries.map { element, entry in
                ElementLink(label: labels.caption(element), title: element.title, titleLang: entry.chapter.language,
                            href: SitePaths.chapter(slug: entry.slug, language: language, root: root) + "#" + element.anchor)
            }
            var html = ""
            for entry in entries {
                partial.render([entry.label, entry.title, entry.titleLang, entry.href], flags: [], page: layout, into: &html)  // entryKind's order
            }
            return ElementListsPage.List(kind: list.kind.rawValue, title: strings[list.titleKey], entries: entries, entriesHTML: html)
        }
        return site.templates.render("lists", ElementListsPage(layout: layout, lists: lists))
    }

    /// `Public/<lang>/terms/index.html`: the glossary. In a translation, each term's approved form, the
    /// forms also accepted and the variants not to use; in the source language, each term's approved
    /// form in every language.
    func termsPage() -> String {
        let root = "../../"
        let config = site.config
        let source = config.sourceLanguage
        let layout = layout(root: root, pageTitle: "\(strings["terms_title"]) — \(config.title(in: language))",
                            links: config.languages.filter { site.hasTerms($0.code) }.map { other in
                                LanguageLinks.Link(code: other.code, name: other.name, href: SitePaths.terms(language: other.code, root: root))
                            }, current: language, bodyClass: "page-terms", path: SitePaths.termsFile(language: language))
        let isSource = language == source
        let others = config.languages.filter { $0.code != source }
        let entries = (site.publication.glossary?.entries ?? []).filter { isSource || $0.translations[language] != nil }
        let terms = entries.map { entry in
            let translation = entry.translations[language]
            return TermsPage.Term(
                term: entry.term, sourceLang: source, approved: translation?.approved ?? "",
                accepted: translation?.accepted.joined(separator: ", ") ?? "", forbidden: translation?.forbidden ?? [],
                approvedForms: others.map { other in
                    TermsPage.Form(code: other.code, approved: entry.translations[other.code]?.approved ?? "—", rtl: other.direction == "rtl")
                },
                note: translation?.note ?? entry.note ?? "", noteLang: translation?.note != nil ? language : source)
        }
        return site.templates.render("terms", TermsPage(layout: layout, isSource: isSource,
                                                        columns: others.map { TermsPage.Column(code: $0.code, name: $0.name) },
                                                        terms: terms))
    }

    /// `Public/<lang>/search/index.html`: Pagefind's search UI over this language's index. From `file://`
    /// search cannot load its index; the page says so (its script shows the notice).
    func searchPage() -> String {
        let root = "../../"
        var layout = layout(root: root, pageTitle: "\(strings["search_title"]) — \(site.config.title(in: language))",
                            links: site.config.languages.map { other in
                                LanguageLinks.Link(code: other.code, name: other.name,
                                                   href: root + SitePaths.searchFile(language: other.code))
                            }, current: language, bodyClass: "page-search")
        layout.hasSearchBox = false
        let page = SearchPage(layout: layout, pagefindCSS: root + SearchIndex.folder + "/pagefind-ui.css",
                              pagefindJS: root + SearchIndex.folder + "/pagefind-ui.js",
                              searchScript: site.assets.published["search.js"].map { root + $0 })
        return site.templates.render("search", page)
    }

    /// `Public/status/index.html`: the coordinator's dashboard, in the source language.
    func statusPage() -> String {
        let root = "../"
        let report = StatusReport(publication: site.publication, asOf: site.asOf)
        var layout = layout(root: root, pageTitle: "\(strings["status_title"]) — \(site.config.title(in: language))",
                            links: Self.homeLinks(site: site, root: root), bodyClass: "page-status")
        layout.showsLanguages = false
        layout.noindex = true
        let names = Dictionary(uniqueKeysWithValues: report.timeline.stages.map { ($0.id, $0.name(in: language)) })
        let rows = report.rows.map { row in
            var days = "–"
            var state = "on-time"
            if let remaining = row.daysToNextDue {
                let count = abs(remaining)
                days = strings.format(remaining < 0 ? "status_days_late" : "status_days_left", ["n": formatter.integer(count)],
                                      numbers: ["n": Double(count)])
                if remaining < 0 { state = "late" }
            }
            return StatusPage.Row(
                number: partLabels.shortNumber(row.chapter.number), title: row.chapter.title,
                href: SitePaths.chapter(slug: row.chapter.slug, language: language, root: root),
                stage: row.stage.map { $0.name(in: language) } ?? (row.chapter.stage ?? "–"),
                behind: row.isBehind,
                nextDue: row.nextStage.map { "\($0.name(in: language)) — \($0.due.map { formatter.date($0) } ?? "–")" } ?? "–",
                days: days, state: state,
                reviews: row.reviews.map { review in
                    StatusPage.Review(stage: names[review.stage] ?? review.stage, by: review.by,
                                      date: review.date.map { formatter.date($0) } ?? "", outcome: review.outcome)
                },
                edits: formatter.integer(row.openReviewMarks), hasEdits: row.openReviewMarks > 0,
                openComments: formatter.integer(row.openComments), hasOpenComments: row.openComments > 0,
                changesHref: site.changes[row.chapter.path].map { _ in root + SitePaths.changesFile(slug: row.chapter.slug, language: language) },
                translations: report.languages.map { code in
                    let value = row.translations[code] ?? .missing(words: 0)
                    var label = strings["status_\(value.name)"]
                    if case .stale(let changes, let words) = value {
                        label += " — " + strings.format("status_stale_detail", ["sections": formatter.integer(changes.count),
                                                                                  "words": formatter.integer(words)],
                                                        numbers: ["sections": Double(changes.count), "words": Double(words)])
                    }
                    return StatusPage.Translation(state: value.name, label: label,
                                                  href: SitePaths.chapter(slug: row.chapter.slug, language: code, root: root))
                })
        }
        let page = StatusPage(
            layout: layout,
            asOf: strings.format("status_as_of", ["date": formatter.date(site.asOf)]),
            timelineSVG: TimelineChart(timeline: report.timeline, asOf: site.asOf, names: names,
                                       formatDate: { [formatter] in formatter.date($0) }, todayLabel: strings["status_today"]).render(),
            stages: report.timeline.stages.map { stage in
                StatusPage.Stage(name: stage.name(in: language), id: stage.id, isReview: stage.isReview,
                                 due: stage.due.map { formatter.date($0) } ?? "–")
            },
            languageHeaders: report.languages.map { StatusPage.LanguageHeader(code: $0, name: site.config.language($0)?.name ?? $0) },
            rows: rows, commentsHref: root + SitePaths.commentsFile.dropFirst("status/".count),
            progress: translationProgress(languages: report.languages))
        return site.templates.render("status", page)
    }

    /// Per language of the dashboard: the words and units still to translate (as `folio translations`
    /// counts them) and the share of the source's words translated; a dash for the source language.
    private func translationProgress(languages: [String]) -> [String] {
        let translations = TranslationReport(publication: site.publication)
        return languages.map { code in
            guard code != site.config.sourceLanguage else { return "–" }
            let words = translations.entries.filter { $0.language == code }.reduce(0) { $0 + $1.state.words }
            let units = TranslationExporter.pendingUnits(in: site.publication, language: code)
            let percent = translations.percentTranslated(words)
            return strings.format("status_progress", ["words": formatter.integer(words), "units": formatter.integer(units),
                                                      "percent": formatter.integer(percent)],
                                  numbers: ["words": Double(words), "units": Double(units), "percent": Double(percent)])
        }
    }

    private func draftStage(of slug: String) -> Stage? {
        site.draftStage(of: slug)
    }

    /// A chapter's own reference list, when `reference-list: chapter`.
    private func chapterReferencesHTML(slug: String, root: String) -> String? {
        guard let citations = site.citations[language], citations.referenceList == .chapter else { return nil }
        let entries = citations.entries(citedIn: slug)
        return entries.isEmpty ? nil : referenceEntriesHTML(entries, root: root, onlySlug: slug)
    }

    // MARK: - Parts

    /// What every page's layout needs. `links`: the page in each language, `current` marked in the
    /// switcher.
    /// `path` (from the site root) and `kind`: the page's canonical address and citation tags, with `base-url`.
    func layout(root: String, pageTitle: String, links: [LanguageLinks.Link], current: String? = nil, bodyClass: String,
                path: String? = nil, kind: CitedKind = .page) -> PageLayout {
        let config = site.config
        var layout = PageLayout(
            lang: language,
            dir: config.language(language)?.direction ?? "ltr",
            root: root,
            pageTitle: pageTitle,
            siteTitle: config.title(in: language),
            homeHref: SitePaths.home(language: language, root: root),
            chooserHref: root + SitePaths.chooserFile,
            stylesheet: root + (site.assets.published["folio.css"] ?? "assets/folio.css"),
            publisher: config.publisher[language] ?? config.publisher[config.sourceLanguage] ?? "",
            year: config.year ?? "",
            strings: strings.values,
            hasKPIIndex: site.publication.kpiCatalogue != nil,
            kpiIndexHref: SitePaths.kpiIndex(language: language, root: root),
            hasDashboard: site.hasDashboard,
            statusHref: root + SitePaths.statusFile,
            hasLists: site.hasElementLists(language),
            listsHref: SitePaths.lists(language: language, root: root),
            hasTerms: site.hasTerms(language),
            termsHref: SitePaths.terms(language: language, root: root),
            hasReferences: site.hasReferencePage(language),
            referencesHref: SitePaths.references(language: language, root: root),
            pdfHref: site.printEditions[language].map { root + $0 },
            editionLinks: site.editionLinks(language: language, strings: strings).map {
                EditionLink(href: root + $0.path, label: $0.label, type: $0.type)
            },
            hasSearchBox: site.hasSearch,
            searchHref: root + SitePaths.searchFile(language: language),
            // Progressive enhancements: every page works without them.
            scripts: ["copy-link.js", "book-nav.js"].compactMap { site.assets.published[$0].map { root + $0 } },
            bodyClass: bodyClass,
            languages: links,
            currentLanguage: current)
        layout.hasAcronyms = site.publication.acronyms[language].map { !$0.entries.isEmpty } ?? false
        layout.acronymsHref = SitePaths.acronyms(language: language, root: root)
        layout.imprintHref = SitePaths.imprint(language: language, root: root)
        layout.howToCite = ImprintText.howToCite(config, language: language, strings: strings)
        LanguageLinks.render(into: &layout, templates: site.templates)
        if let path {
            layout.foundAndCitedHTML = foundAndCited(path: path, layout: layout, kind: kind)
            // Absolute hreflang alternates replace the relative ones.
            if !layout.foundAndCitedHTML.isEmpty { layout.alternateLinksHTML = "" }
        }
        return layout
    }

    /// Every language's home.
    private static func homeLinks(site: SiteContext, root: String) -> [LanguageLinks.Link] {
        site.config.languages.map { language in
            LanguageLinks.Link(code: language.code, name: language.name, href: SitePaths.home(language: language.code, root: root))
        }
    }

    /// The same chapter in every language whose book has it: the language switcher and the `hreflang` alternates.
    private func chapterLinks(slug: String, root: String) -> [LanguageLinks.Link] {
        site.config.languages.compactMap { other in
            guard site.books[other.code]?.contains(where: { $0.slug == slug }) == true else { return nil }
            return LanguageLinks.Link(code: other.code, name: other.name, href: SitePaths.chapter(slug: slug, language: other.code, root: root))
        }
    }

    private func neighbour(_ entry: SiteContext.BookEntry, root: String, label: String) -> ChapterPage.Neighbour {
        ChapterPage.Neighbour(label: strings[label], numberLabel: partLabels.label(entry.number) ?? "",
                              title: entry.chapter.title, titleLang: entry.chapter.language,
                              href: SitePaths.chapter(slug: entry.slug, language: language, root: root))
    }

    private func htmlContext(root: String, language contentLanguage: String, slug: String?,
                             kpiFigures: KPIFigureRenderer?, chapterPath: String? = nil) -> HTMLRenderer.Context {
        var context = HTMLRenderer.Context(root: root, language: contentLanguage, pageLanguage: language, allowRawHTML: site.config.allowRawHTML,
                                           templates: site.templates, strings: strings, textStrings: site.strings(contentLanguage),
                                           formatter: formatter, slug: slug, crossReferences: site.publication.crossReferences,
                                           kpiFigures: kpiFigures)
        context.citations = site.citations[language]
        context.chapterPath = chapterPath
        context.entryHref = entryHref(root: root)
        return context
    }

    /// Where a citation's link to its entry leads: the language's reference list, or the chapter's own.
    func entryHref(root: String) -> @Sendable (String) -> String {
        if site.citations[language]?.referenceList == .chapter { return { "#" + ReferenceAnchor.id(for: $0) } }
        let page = SitePaths.references(language: language, root: root)
        return { page + "#" + ReferenceAnchor.id(for: $0) }
    }

    /// `Public/<lang>/references/index.html`: the book's reference list, each entry linked back to
    /// where it is cited.
    func referencesPage() -> String {
        let root = "../../"
        let layout = layout(root: root, pageTitle: "\(strings["references_title"]) — \(site.config.title(in: language))",
                            links: site.config.languages.filter { site.hasReferencePage($0.code) }.map { other in
                                LanguageLinks.Link(code: other.code, name: other.name, href: SitePaths.references(language: other.code, root: root))
                            }, current: language, bodyClass: "page-references", path: SitePaths.referencesFile(language: language))
        let entries = referenceEntriesHTML(site.citations[language]?.entries ?? [], root: root, onlySlug: nil)
        return site.templates.render("references", ReferencesPage(layout: layout, entriesHTML: entries))
    }

    /// The entries as `elements/reference-entry`, with links back to their citations (only those of
    /// `onlySlug` on a chapter's own list).
    func referenceEntriesHTML(_ entries: [FormattedEntry], root: String, onlySlug: String?) -> String {
        guard let citations = site.citations[language] else { return "" }
        let html = CitationHTML(entryHref: entryHref(root: root))
        var out = HTMLBuffer()
        // "Chapter 3": worded once per chapter, not once per entry citing it.
        var chapterLabels: [String: String] = [:]
        for entry in entries {
            let places = (citations.places[entry.key] ?? []).filter { onlySlug == nil || $0.slug == onlySlug }
            var backlinks = HTMLBuffer()
            if !places.isEmpty {
                backlinks.appendEscaped(strings["references_cited_in"])
                backlinks.append(" ")
                var groups: [(slug: String, number: Int, anchors: [String])] = []
                for place in places {
                    if groups.last?.slug == place.slug { groups[groups.count - 1].anchors.append(place.anchor) } else {
                        groups.append((place.slug, place.chapterNumber, [place.anchor]))
                    }
                }
                for (position, group) in groups.enumerated() {
                    if position > 0 { backlinks.append(", ") }
                    let page = onlySlug == nil ? SitePaths.chapter(slug: group.slug, language: language, root: root) : ""
                    let label: String
                    if let known = chapterLabels[group.slug] {
                        label = known
                    } else {
                        label = partLabels.label(group.number)
                            ?? site.publication.chapter(slug: group.slug, language: language)?.title ?? group.slug
                        chapterLabels[group.slug] = label
                    }
                    // "Chapter 3 ², ³": the chapter links its first citation, a number each further one.
                    for (index, anchor) in group.anchors.enumerated() {
                        let number = formatter.integer(index + 1)
                        let text = index == 0 ? label : number
                        let name = index == 0 ? label : strings.format("references_backlink", ["chapter": label, "n": number])
                        site.templates.elements.referenceBacklink.render([page + "#" + anchor, text, name],
                                                                         flags: [index > 0, index > 1], into: &backlinks)
                    }
                }
            }
            site.templates.elements.referenceEntry.render([ReferenceAnchor.id(for: entry.key)], html: [html.html(entry.content), backlinks.string],
                                                         flags: !places.isEmpty ? [true] : [false], into: &out)
        }
        return out.string
    }
}
