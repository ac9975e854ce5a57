import Yams

/// `front-matter:` and `expand-acronyms:` of publication.yml: which parts open the book, in which
/// order, and whether acronyms are written out at their first use.
extension PublicationConfigLoader {
    /// `front-matter: [foreword, acknowledgements, executive-summary]`: ids of `Content/<lang>/<id>.md`.
    /// Whether each names a file is checked once the files are listed (`ContentLoader`).
    static func frontMatter(_ yaml: YAMLMapping) -> [FrontMatterEntry] {
        guard let node = yaml.value("front-matter") else { return [] }
        guard let items = node.sequence else {
            yaml.diagnostics.error("front-matter must be a list of part ids (`front-matter: [foreword, executive-summary]`)",
                                   at: yaml.location(of: node))
            return []
        }
        var entries: [FrontMatterEntry] = []
        for item in items {
            guard let id = yaml.decodeNode(item, as: String.self, what: "a front-matter part") else { continue }
            let location = yaml.location(of: item)
            guard FrontMatterFileName.isValidID(id), ChapterFileName.parse("\(id).md") == nil, AnnexFileName.parse("\(id).md") == nil else {
                yaml.diagnostics.error("front-matter part '\(id)' must be a file name without '.md' in lowercase letters, digits and hyphens, "
                                       + "not numbered like a chapter or an annex (e.g. 'foreword', 'executive-summary')", at: location)
                continue
            }
            if entries.contains(where: { $0.id == id }) {
                yaml.diagnostics.error("front-matter part '\(id)' is listed twice", at: location)
                continue
            }
            entries.append(FrontMatterEntry(id: id, location: location))
        }
        return entries
    }

    /// `expand-acronyms: first-use` (write out each acronym the first time a part uses it) or `never`.
    static func expandAcronyms(_ yaml: YAMLMapping) -> Bool {
        guard let value = yaml.decode("expand-acronyms", as: String.self) else { return false }
        switch value {
        case "first-use": return true
        case "never": return false
        default:
            yaml.diagnostics.error("expand-acronyms must be 'first-use' or 'never', not '\(value)'",
                                   at: yaml.value("expand-acronyms").map(yaml.location(of:)) ?? yaml.location)
            return false
        }
    }
}
