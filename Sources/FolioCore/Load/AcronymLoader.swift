import Foundation

/// Reads each language's `Content/<lang>/acronyms.yml`:
///
/// ```yaml
/// acronyms:
///   - ICT: information and communication technology
///   - UNECE: United Nations Economic Commission for Europe
/// ```
///
/// One entry per list item, so that an acronym defined twice is reported at its second line.
public enum AcronymLoader {
    static func path(language: String) -> String { "Content/\(language)/acronyms.yml" }

    /// The lists of the languages that have one.
    static func load(project: URL, languages: [String], diagnostics: DiagnosticCollector) -> [String: AcronymList] {
        var lists: [String: AcronymList] = [:]
        for language in languages {
            let path = path(language: language)
            let url = project.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            guard let data = ContentLoader.readFile(url, path: path, diagnostics: diagnostics),
                  let text = SourceText.decode(data, path: path, diagnostics: diagnostics) else { continue }
            if let list = parse(text, path: path, language: language, diagnostics: diagnostics) { lists[language] = list }
        }
        return lists
    }

    public static func parse(_ text: String, path: String, language: String, diagnostics: DiagnosticCollector) -> AcronymList? {
        guard let yaml = YAMLMapping.parse(text, file: path, lineOffset: 0, what: "acronyms.yml", diagnostics: diagnostics) else { return nil }
        yaml.warnUnknownKeys(known: ["acronyms"], context: "acronyms.yml")
        guard let node = yaml.value("acronyms") else {
            diagnostics.error("acronyms.yml has no list: write `acronyms:` and one `- ICT: information and communication technology` line per acronym",
                              at: yaml.location)
            return nil
        }
        guard let items = node.sequence else {
            diagnostics.error("acronyms must be a list of `- ACRONYM: what it stands for` lines", at: yaml.location(of: node))
            return nil
        }
        var entries: [Acronym] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let mapping = item.mapping, mapping.count == 1, let pair = mapping.first else {
                diagnostics.error("each acronym is one `- ACRONYM: what it stands for` line", at: yaml.location(of: item))
                continue
            }
            let keyNode = pair.key, valueNode = pair.value
            let location = yaml.location(of: keyNode)
            guard let short = yaml.decodeNode(keyNode, as: String.self, what: "an acronym"),
                  let expansion = yaml.decodeNode(valueNode, as: String.self, what: "the expansion of '\(keyNode.string ?? "")'") else { continue }
            guard AcronymMatcher.isWellFormed(short) else {
                diagnostics.error("'\(short)' is not an acronym folio can find in the text: letters and digits, "
                                  + "joined by '-', '&' or '/', with at least one capital letter", at: location)
                continue
            }
            if expansion.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.error("'\(short)' has no expansion: write what it stands for after the colon", at: yaml.location(of: valueNode))
                continue
            }
            if let first = seen[short] {
                diagnostics.error("the acronym '\(short)' is defined twice: here and at \(first)", at: location, related: [first])
                continue
            }
            seen[short] = location
            entries.append(Acronym(short: short, expansion: expansion, location: location))
        }
        return AcronymList(language: language, path: path, entries: entries)
    }
}
