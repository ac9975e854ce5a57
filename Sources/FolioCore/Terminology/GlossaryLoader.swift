import Foundation
import Yams

/// Reads `Content/terms.yml`:
///
/// ```yaml
/// terms:
///   - term: smart sustainable city
///     forms: [smart sustainable cities]
///     note: Recommendation ITU-T Y.4903/L.1603.
///     fr:
///       approved: ville intelligente et durable
///       accepted: [villes intelligentes et durables]
///       forbidden: [ville intelligente durable]
/// ```
///
/// A language may also be given as its approved form alone (`fr: ville intelligente et durable`).
/// Problems are reported at their line; an entry with problems is left out, the others are kept.
public enum GlossaryLoader {
    static let entryKeys = ["term", "forms", "note"]
    static let translationKeys = ["approved", "accepted", "forbidden", "note"]

    /// Nil when the publication has no glossary (or it cannot be read at all).
    public static func load(project: URL, languages: [String], diagnostics: DiagnosticCollector) -> Glossary? {
        let url = project.appendingPathComponent(Glossary.path)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = ContentLoader.readFile(url, path: Glossary.path, diagnostics: diagnostics),
              let text = SourceText.decode(data, path: Glossary.path, diagnostics: diagnostics) else { return nil }
        return parse(text, languages: languages, diagnostics: diagnostics)
    }

    static func parse(_ text: String, languages: [String], diagnostics: DiagnosticCollector) -> Glossary? {
        guard let root = YAMLMapping.parse(text, file: Glossary.path, lineOffset: 0, what: "the glossary", diagnostics: diagnostics) else {
            return nil
        }
        root.warnUnknownKeys(known: ["terms"], context: "the glossary")
        guard let list = root.value("terms") else {
            diagnostics.error("the glossary has no 'terms:' list", at: root.location)
            return nil
        }
        guard let items = list.sequence else {
            diagnostics.error("'terms' must be a list of entries (`- term: …`)", at: root.location(of: list))
            return nil
        }
        var entries: [Glossary.Entry] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let mapping = item.mapping else {
                diagnostics.error("a glossary entry must be a mapping (`- term: …`, then a key per language)", at: root.location(of: item))
                continue
            }
            let entry = YAMLMapping(node: mapping, file: Glossary.path, lineOffset: 0, diagnostics: diagnostics)
            for key in mapping.keys.compactMap(\.string) where !entryKeys.contains(key) && !languages.contains(key) {
                diagnostics.warning("unknown key '\(key)' in a glossary entry: expected term, forms, note or a language of the publication "
                                    + "(\(languages.joined(separator: ", ")))" + Suggestion.hint(for: key, in: entryKeys + languages),
                                    at: entry.location(ofKey: key))
            }
            guard let term = entry.require("term", as: String.self, what: "the entry's source term"),
                  !term.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let line = entry.location(ofKey: "term").line
            if let first = seen[term.lowercased()] {
                diagnostics.warning("the term '\(term)' is already in the glossary at line \(first): this entry is left out",
                                    at: entry.location(ofKey: "term"))
                continue
            }
            seen[term.lowercased()] = line
            var translations: [String: Glossary.Translation] = [:]
            for language in languages {
                guard let node = entry.value(language) else { continue }
                if let approved = node.string {
                    translations[language] = Glossary.Translation(approved: approved, accepted: [], forbidden: [], note: nil)
                    continue
                }
                guard let form = node.mapping else {
                    diagnostics.error("'\(language)' must be the approved form, or a mapping with approved, accepted, forbidden and note",
                                      at: entry.location(of: node))
                    continue
                }
                let translation = YAMLMapping(node: form, file: Glossary.path, lineOffset: 0, diagnostics: diagnostics)
                translation.warnUnknownKeys(known: translationKeys, context: "the '\(language)' form of '\(term)'")
                guard let approved = translation.require("approved", as: String.self, what: "the approved \(language) form of '\(term)'") else {
                    continue
                }
                let accepted = translation.decode("accepted", as: [String].self) ?? []
                let forbidden = translation.decode("forbidden", as: [String].self) ?? []
                for variant in forbidden where ([approved] + accepted).contains(where: { TermMatcher.Text($0).scalars == TermMatcher.Text(variant).scalars }) {
                    diagnostics.warning("the forbidden \(language) variant '\(variant)' of '\(term)' is also one of its allowed forms",
                                        at: translation.location(ofKey: "forbidden"))
                }
                translations[language] = Glossary.Translation(approved: approved, accepted: accepted, forbidden: forbidden,
                                                               note: translation.decode("note", as: String.self))
            }
            entries.append(Glossary.Entry(term: term, forms: entry.decode("forms", as: [String].self) ?? [],
                                          note: entry.decode("note", as: String.self), translations: translations, line: line))
        }
        return Glossary(entries: entries)
    }
}
