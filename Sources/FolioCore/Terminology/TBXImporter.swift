import Foundation

/// `folio terms import FILE.tbx`: adds the concepts of a TBX file (ISO 30042, what terminology databases
/// such as UNTERM export; TBX 2 `martif`/`termEntry`/`langSet`/`tig` and TBX 3 `tbx`/`conceptEntry`/
/// `langSec`/`termSec`) to `Content/terms.yml`. A concept's term in the source language is the entry's
/// term; per language, the preferred term (administrative status or normative authorization
/// "preferred", else the first) is the approved form, admitted terms are accepted, deprecated and
/// superseded ones forbidden; a definition or note becomes the entry's note. Terms the glossary has are
/// left as they are. The file is read as exchange files are (`SafeXML`: no DTD, no entity, bounded), and
/// the glossary is appended to (its comments kept) through a temporary file and a rename.
public enum TBXImporter {
    public struct Outcome: Sendable {
        public var added: [String] = []
        public var kept: [String] = []
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    public static func importFile(_ file: URL, displayPath: String, project: URL) -> Outcome {
        let diagnostics = DiagnosticCollector()
        var outcome = run(file, displayPath: displayPath, project: project, diagnostics: diagnostics)
        outcome.diagnostics = diagnostics.diagnostics
        return outcome
    }

    private static func run(_ file: URL, displayPath: String, project: URL, diagnostics: DiagnosticCollector) -> Outcome {
        var outcome = Outcome(diagnostics: [])
        let loading = DiagnosticCollector()
        guard let publication = ContentLoader.load(project: project, diagnostics: loading) else {
            diagnostics.add(contentsOf: loading.diagnostics)
            return outcome
        }
        let languages = publication.config.languageCodes
        let source = publication.config.sourceLanguage
        guard let data = try? Data(contentsOf: file) else {
            diagnostics.error("cannot read the file", at: SourceLocation(file: displayPath))
            return outcome
        }
        let root: SafeXML.Element
        switch SafeXML.parse(data, path: displayPath) {
        case .failure(let problem):
            diagnostics.add(problem)
            return outcome
        case .success(let element): root = element
        }
        guard root.name == "martif" || root.name == "tbx" else {
            diagnostics.error("this is not a TBX file: its root element is <\(root.name)>, not <martif> or <tbx>",
                              at: SourceLocation(file: displayPath, line: root.line, column: root.column))
            return outcome
        }
        let existing = GlossaryLoader.load(project: project, languages: languages, diagnostics: DiagnosticCollector())
        var known = Set((existing?.entries ?? []).map { $0.term.lowercased() })
        var yaml = ""
        for concept in descendants(of: root, named: ["termEntry", "conceptEntry"]) {
            let location = SourceLocation(file: displayPath, line: concept.line, column: concept.column)
            var forms: [String: (preferred: [String], admitted: [String], deprecated: [String])] = [:]
            for languageSet in concept.elements where languageSet.name == "langSet" || languageSet.name == "langSec" {
                let tag = (languageSet.attributes["xml:lang"] ?? languageSet.attributes["lang"] ?? "").lowercased()
                let language = String(tag.split(separator: "-").first ?? "")
                guard languages.contains(language) else { continue }
                for term in descendants(of: languageSet, named: ["tig", "ntig", "termSec"]) {
                    guard let text = descendants(of: term, named: ["term"]).first?.text.trimmingCharacters(in: .whitespacesAndNewlines),
                          !text.isEmpty else { continue }
                    let status = descendants(of: term, named: ["termNote"])
                        .first { ["administrativeStatus", "normativeAuthorization"].contains($0.attributes["type"] ?? "") }?
                        .text.lowercased() ?? ""
                    var entry = forms[language] ?? ([], [], [])
                    if status.hasPrefix("preferred") { entry.preferred.append(text) }
                    else if status.hasPrefix("deprecated") || status.hasPrefix("superseded") { entry.deprecated.append(text) }
                    else { entry.admitted.append(text) }
                    forms[language] = entry
                }
            }
            guard let sourceForms = forms[source], let term = (sourceForms.preferred + sourceForms.admitted).first else {
                diagnostics.warning("this concept has no \(source) term: left out", at: location)
                continue
            }
            guard !known.contains(term.lowercased()) else {
                outcome.kept.append(term)
                continue
            }
            known.insert(term.lowercased())
            let note = descendants(of: concept, named: ["descrip", "note"])
                .first { ["definition", nil, "note"].contains($0.attributes["type"]) }?.text
                .trimmingCharacters(in: .whitespacesAndNewlines)
            yaml += "  - term: \(YAMLQuoting.doubleQuoted(term, lineBreaks: .space))\n"
            let otherSource = (sourceForms.preferred + sourceForms.admitted).dropFirst()
            if !otherSource.isEmpty { yaml += "    forms: [\(otherSource.map { YAMLQuoting.doubleQuoted($0, lineBreaks: .space) }.joined(separator: ", "))]\n" }
            if let note, !note.isEmpty { yaml += "    note: \(YAMLQuoting.doubleQuoted(note, lineBreaks: .space))\n" }
            for language in languages where language != source {
                guard let found = forms[language], let approved = (found.preferred + found.admitted).first else { continue }
                yaml += "    \(language):\n      approved: \(YAMLQuoting.doubleQuoted(approved, lineBreaks: .space))\n"
                let accepted = (found.preferred + found.admitted).dropFirst()
                if !accepted.isEmpty { yaml += "      accepted: [\(accepted.map { YAMLQuoting.doubleQuoted($0, lineBreaks: .space) }.joined(separator: ", "))]\n" }
                if !found.deprecated.isEmpty {
                    yaml += "      forbidden: [\(found.deprecated.map { YAMLQuoting.doubleQuoted($0, lineBreaks: .space) }.joined(separator: ", "))]\n"
                }
            }
            outcome.added.append(term)
        }
        guard !outcome.added.isEmpty else { return outcome }
        let url = project.appendingPathComponent(Glossary.path)
        var text = (try? String(contentsOf: url, encoding: .utf8)) ?? "# The publication's terminology (see `folio terms import`).\nterms:\n"
        if !text.hasSuffix("\n") { text += "\n" }
        text += yaml
        // The result must read as a glossary before it replaces the file.
        let check = DiagnosticCollector()
        guard GlossaryLoader.parse(text, languages: languages, diagnostics: check) != nil, !check.hasErrors else {
            diagnostics.error("the glossary would not read back with these entries (\(check.diagnostics.first?.message ?? "")): nothing written",
                              at: SourceLocation(file: Glossary.path))
            outcome.added = []
            return outcome
        }
        do {
            try TranslationImporter.writeAtomically(text, to: url)
        } catch {
            diagnostics.error("cannot write the glossary: \(ContentLoader.reason(error))", at: SourceLocation(file: Glossary.path))
            outcome.added = []
        }
        return outcome
    }

    /// Elements named `names` inside `element`, in document order (not inside each other's matches).
    static func descendants(of element: SafeXML.Element, named names: Set<String>) -> [SafeXML.Element] {
        var found: [SafeXML.Element] = []
        for child in element.elements {
            if names.contains(child.name) { found.append(child) } else { found += descendants(of: child, named: names) }
        }
        return found
    }
}
