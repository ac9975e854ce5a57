import Yams

/// The imprint's keys of publication.yml: identifiers (each checked at its line, see
/// `PublicationIdentifiers`), per-language copyright, disclaimer and credits, and which identifiers
/// are placeholders until the real ones are assigned.
enum ImprintLoader {
    static let identifierKeys = ["isbn", "eisbn", "issn", "sales-number", "symbol", "doi"]
    static let keys = identifierKeys + ["copyright", "disclaimer", "credits", "placeholder-identifiers"]

    static func load(_ yaml: YAMLMapping, codes: [String]) -> Imprint {
        var imprint = Imprint()
        imprint.isbn = identifier(yaml, "isbn", PublicationIdentifiers.isbnProblem)
        imprint.eisbn = identifier(yaml, "eisbn", PublicationIdentifiers.isbnProblem)
        imprint.issn = identifier(yaml, "issn", PublicationIdentifiers.issnProblem)
        imprint.salesNumber = identifier(yaml, "sales-number", PublicationIdentifiers.salesNumberProblem)
        imprint.symbol = identifier(yaml, "symbol", PublicationIdentifiers.symbolProblem)
        imprint.doi = identifier(yaml, "doi", PublicationIdentifiers.doiProblem)
        imprint.copyright = PublicationConfigLoader.localized(yaml, key: "copyright", codes: codes)
        imprint.disclaimer = PublicationConfigLoader.localized(yaml, key: "disclaimer", codes: codes)
        imprint.credits = PublicationConfigLoader.localized(yaml, key: "credits", codes: codes)
        imprint.placeholders = placeholders(yaml)
        return imprint
    }

    /// The identifier under `key`, or nil (with an error at its value) when `problem` finds it malformed.
    private static func identifier(_ yaml: YAMLMapping, _ key: String, _ problem: (String) -> String?) -> String? {
        guard let node = yaml.value(key), let text = yaml.decodeNode(node, as: String.self, what: "'\(key)'") else { return nil }
        if let message = problem(text) {
            yaml.diagnostics.error("\(key): \(message)", at: yaml.location(of: node))
            return nil
        }
        return text
    }

    /// `placeholder-identifiers: [isbn, sales-number]`: keys of identifiers that stand in for real ones.
    private static func placeholders(_ yaml: YAMLMapping) -> Set<String> {
        guard let node = yaml.value("placeholder-identifiers") else { return [] }
        guard let items = node.sequence else {
            yaml.diagnostics.error("placeholder-identifiers must be a list of identifier keys (\(identifierKeys.joined(separator: ", ")))",
                                   at: yaml.location(of: node))
            return []
        }
        var keys: Set<String> = []
        for item in items {
            guard let key = yaml.decodeNode(item, as: String.self, what: "a placeholder identifier") else { continue }
            guard identifierKeys.contains(key) else {
                yaml.diagnostics.error("'\(key)' is not an identifier of the imprint (\(identifierKeys.joined(separator: ", ")))"
                                       + Suggestion.hint(for: key, in: identifierKeys), at: yaml.location(of: item))
                continue
            }
            if !yaml.has(key) {
                yaml.diagnostics.warning("'\(key)' is marked a placeholder but publication.yml does not set it", at: yaml.location(of: item))
            }
            keys.insert(key)
        }
        return keys
    }
}
