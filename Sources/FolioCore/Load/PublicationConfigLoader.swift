import Foundation
import Yams

/// Reads and validates `Content/publication.yml` (the contract is in README.md, "Content format").
enum PublicationConfigLoader {
    static let knownKeys = ["title", "subtitle", "publisher", "year", "source-language", "languages", "stages",
                            "base-url", "allow-raw-html", "untranslated", "status-date", "slug",
                            "print-page-references", "print-line-numbers", "bibliography", "csl", "reference-list",
                            "front-matter", "expand-acronyms"] + ImprintLoader.keys
    static let stageKeys = ["id", "name", "starts", "due", "review", "translations"]

    static func load(text: String, file: String, diagnostics: DiagnosticCollector) -> PublicationConfig? {
        guard let yaml = YAMLMapping.parse(text, file: file, lineOffset: 0, what: "publication.yml",
                                           diagnostics: diagnostics) else { return nil }
        yaml.warnUnknownKeys(known: knownKeys, context: "publication.yml")

        let languages = loadLanguages(yaml)
        let codes = languages.map(\.code)
        var source = yaml.decode("source-language", as: String.self) ?? codes.first ?? "en"
        if yaml.has("source-language"), !codes.isEmpty, !codes.contains(source) {
            diagnostics.error("source-language '\(source)' is not one of the languages (\(codes.joined(separator: ", ")))",
                              at: yaml.location(ofKey: "source-language"))
            source = codes.first ?? source
        }
        let titles = localized(yaml, key: "title", codes: codes)
        if !yaml.has("title") {
            diagnostics.error("publication.yml has no title: add `title: {\(source): …}`", at: yaml.location)
        } else if titles[source] == nil {
            diagnostics.error("title has no text in the source language '\(source)'", at: yaml.location(ofKey: "title"))
        }
        let untranslated: UntranslatedChapters
        switch yaml.decode("untranslated", as: String.self) {
        case nil: untranslated = .fallback
        case let value?:
            if let choice = UntranslatedChapters(rawValue: value) {
                untranslated = choice
            } else {
                diagnostics.error("untranslated must be 'fallback' or 'omit', not '\(value)'",
                                  at: yaml.location(ofKey: "untranslated"))
                untranslated = .fallback
            }
        }
        var config = PublicationConfig(
            titles: titles,
            subtitles: localized(yaml, key: "subtitle", codes: codes),
            sourceLanguage: source,
            languages: languages,
            stages: loadStages(yaml, codes: codes),
            baseURL: yaml.decode("base-url", as: String.self),
            allowRawHTML: yaml.decode("allow-raw-html", as: Bool.self) ?? false,
            untranslated: untranslated,
            publisher: localized(yaml, key: "publisher", codes: codes),
            year: yaml.decode("year", as: String.self),
            statusDate: date(yaml, "status-date"),
            slug: slug(yaml)
        )
        config.printPageReferences = yaml.decode("print-page-references", as: Bool.self) ?? false
        config.printLineNumbers = yaml.decode("print-line-numbers", as: Bool.self) ?? true
        config.bibliography = bibliography(yaml)
        config.frontMatter = frontMatter(yaml)
        config.imprint = ImprintLoader.load(yaml, codes: codes)
        config.expandAcronymsOnFirstUse = expandAcronyms(yaml)
        return config
    }

    /// `bibliography: references.bib` (a file of `Content/`), `csl: <name>` (a style of `Templates/csl/`)
    /// and `reference-list: book | chapter`.
    private static func bibliography(_ yaml: YAMLMapping) -> BibliographySettings? {
        if !yaml.has("bibliography") {
            for key in ["csl", "reference-list"] where yaml.has(key) {
                yaml.diagnostics.warning("'\(key)' has no effect without 'bibliography: <file under Content/>'", at: yaml.location(ofKey: key))
            }
            return nil
        }
        guard let file = yaml.decode("bibliography", as: String.self) else { return nil }
        let fileLocation = yaml.value("bibliography").map(yaml.location(of:)) ?? yaml.location
        let extensions = ["bib", "json", "yaml", "yml"]
        let fileExtension = (file as NSString).pathExtension.lowercased()
        guard !file.isEmpty, !file.hasPrefix("/"), !file.split(separator: "/").contains(".."), extensions.contains(fileExtension) else {
            yaml.diagnostics.error("bibliography must name a BibLaTeX (.bib), CSL-JSON (.json) or CSL-YAML (.yaml) file under Content/, not '\(file)'",
                                   at: fileLocation)
            return nil
        }
        var style = BibliographySettings.defaultStyle
        var styleLocation = yaml.location
        if let named = yaml.decode("csl", as: String.self) {
            styleLocation = yaml.value("csl").map(yaml.location(of:)) ?? yaml.location
            style = named.hasSuffix(".csl") ? String(named.dropLast(4)) : named
            if style.isEmpty || style.contains("/") || style.hasPrefix(".") {
                yaml.diagnostics.error("csl must name a style of Templates/csl/ (such as '\(BibliographySettings.defaultStyle)'), not '\(named)'",
                                       at: styleLocation)
                return nil
            }
        }
        var placement = ReferenceListPlacement.book
        if let value = yaml.decode("reference-list", as: String.self) {
            guard let chosen = ReferenceListPlacement(rawValue: value) else {
                yaml.diagnostics.error("reference-list must be 'book' (one page per language) or 'chapter' (at the end of each chapter), not '\(value)'",
                                       at: yaml.value("reference-list").map(yaml.location(of:)) ?? yaml.location)
                return nil
            }
            placement = chosen
        }
        return BibliographySettings(file: file, fileLocation: fileLocation, style: style, styleLocation: styleLocation,
                                    referenceList: placement)
    }

    /// `slug: ssc-2020`: lowercase ASCII letters, digits and hyphens, as it names files and URLs.
    private static func slug(_ yaml: YAMLMapping) -> String? {
        guard let text = yaml.decode("slug", as: String.self) else { return nil }
        let valid = !text.isEmpty && text.first != "-" && text.last != "-"
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard valid else {
            yaml.diagnostics.error("slug must be lowercase ASCII letters, digits and hyphens (e.g. 'smart-cities-2020'), not '\(text)'",
                                   at: yaml.value("slug").map(yaml.location(of:)) ?? yaml.location)
            return nil
        }
        return text
    }

    /// `languages: [en, fr]` or `languages: [{code: fr, name: Français}]`, in publication order.
    private static func loadLanguages(_ yaml: YAMLMapping) -> [PublicationLanguage] {
        guard let node = yaml.value("languages") else {
            yaml.diagnostics.error("publication.yml has no languages: add `languages: [en]`", at: yaml.location)
            return []
        }
        guard let items = node.sequence else {
            yaml.diagnostics.error("languages must be a list of language codes (ar, en, es, fr, ru, zh)",
                                   at: yaml.location(of: node))
            return []
        }
        var result: [PublicationLanguage] = []
        for item in items {
            var code: String?
            var name: String?
            if let mapping = item.mapping {
                let entry = YAMLMapping(node: mapping, file: yaml.file, lineOffset: yaml.lineOffset, diagnostics: yaml.diagnostics)
                entry.warnUnknownKeys(known: ["code", "name"], context: "a language entry")
                code = entry.require("code", as: String.self, what: "the language's code")
                name = entry.decode("name", as: String.self)
            } else {
                code = yaml.decodeNode(item, as: String.self, what: "a language code")
            }
            guard let code else { continue }
            guard let known = UNLanguage.named(code) else {
                yaml.diagnostics.error("'\(code)' is not one of the six UN languages (ar, en, es, fr, ru, zh)"
                                       + Suggestion.hint(for: code, in: UNLanguage.codes), at: yaml.location(of: item))
                continue
            }
            if result.contains(where: { $0.code == code }) {
                yaml.diagnostics.error("language '\(code)' is listed twice", at: yaml.location(of: item))
                continue
            }
            result.append(PublicationLanguage(code: code, name: name ?? known.nativeName, direction: known.direction,
                                              localeIdentifier: known.localeIdentifier))
        }
        return result
    }

    /// A per-language text (`{en: …, fr: …}`), or one text for every language.
    static func localized(_ yaml: YAMLMapping, key: String, codes: [String]) -> [String: String] {
        guard let node = yaml.value(key) else { return [:] }
        if node.scalar != nil {
            guard let text = yaml.decodeNode(node, as: String.self, what: "'\(key)'") else { return [:] }
            return Dictionary(uniqueKeysWithValues: codes.map { ($0, text) })
        }
        guard let nested = yaml.mapping(key, what: "'\(key)'") else { return [:] }
        var result: [String: String] = [:]
        for language in nested.keys {
            if !codes.isEmpty, !codes.contains(language) {
                yaml.diagnostics.warning("'\(key)' has a text in '\(language)', which is not one of the languages"
                                         + Suggestion.hint(for: language, in: codes), at: nested.location(ofKey: language))
            }
            result[language] = nested.decode(language, as: String.self, what: "'\(key).\(language)'")
        }
        return result
    }

    private static func loadStages(_ yaml: YAMLMapping, codes: [String]) -> [Stage] {
        guard let node = yaml.value("stages") else { return [] }
        guard let items = node.sequence else {
            yaml.diagnostics.error("stages must be a list of stages (`- id: outline`)", at: yaml.location(of: node))
            return []
        }
        var stages: [Stage] = []
        for item in items {
            guard let mapping = item.mapping else {
                yaml.diagnostics.error("a stage must be a mapping with at least an id", at: yaml.location(of: item))
                continue
            }
            let entry = YAMLMapping(node: mapping, file: yaml.file, lineOffset: yaml.lineOffset, diagnostics: yaml.diagnostics)
            entry.warnUnknownKeys(known: stageKeys, context: "a stage")
            guard let id = entry.require("id", as: String.self, what: "the stage's id") else { continue }
            if stages.contains(where: { $0.id == id }) {
                yaml.diagnostics.error("stage '\(id)' is listed twice", at: entry.location(ofKey: "id"))
                continue
            }
            stages.append(Stage(
                id: id,
                names: LocalizedText(localized(entry, key: "name", codes: codes)),
                starts: date(entry, "starts"),
                due: date(entry, "due"),
                isReview: entry.decode("review", as: Bool.self) ?? false,
                startsTranslation: entry.decode("translations", as: Bool.self) ?? false,
                location: entry.location(ofKey: "id")
            ))
        }
        return stages
    }

    /// A `YYYY-MM-DD` value; anything else is an error at the value.
    static func date(_ yaml: YAMLMapping, _ key: String) -> CalendarDate? {
        guard let text = yaml.decode(key, as: String.self) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            yaml.diagnostics.error("'\(key)' must be a date written YYYY-MM-DD, not '\(text)'",
                                   at: yaml.value(key).map(yaml.location(of:)) ?? yaml.location)
            return nil
        }
        return date
    }
}
