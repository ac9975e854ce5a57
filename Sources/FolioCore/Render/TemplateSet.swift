import Foundation
import Mustache

/// The Mustache templates of `Templates/` (`layout`, `home`, `chapter`, `languages`, and partials in
/// sub-folders as `partials/name`), loaded and checked. swift-mustache renders a missing partial or
/// template as nothing, silently, so folio checks every `{{> name}}` and `{{< name}}` reference itself
/// and reports a syntax error at the template's file and line.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    /// Every `{{t.key}}` the templates use, with where: the i18n check makes sure each exists.
    public let stringKeys: [String: SourceLocation]
    /// The templates that exist (`layout`, `partials/language-switcher`, …).
    public let templateNames: Set<String>
    /// Every name a tag of the templates refers to (variables, sections, partials).
    public let names: Set<String>
    /// The tags of each template, by template name.
    let tagsByTemplate: [String: [Tag]]
    /// The partials folio renders list entries with, by name (see `EntryPartial`).
    let entryPartials: [String: EntryPartial]
    /// The element partials, by kind.
    let elements: ElementPartials

    /// Variables folio fills with entries it renders itself, each entry with a partial: a template
    /// that shows the variable needs that partial.
    static let renderedLists = LanguageLinks.variables.merging(["bookNavHTML": BookNavigation.entryTemplate,
                                                                "tocHTML": TableOfContents.entryTemplate]) { $1 }

    /// The page templates, and the element templates chapters are rendered with: without one, content
    /// would be missing from the pages.
    public static let requiredTemplates = ["layout", "home", "chapter", "languages", "kpis", "status", "lists", "changes", "comments", "terms",
                                           "references", "acronyms", "imprint", "not-found"] + ElementTemplates.all.map(\.name)

    /// The templates of a publication's `Templates/` folder, over folio's built-in defaults.
    public static func load(templates: URL, diagnostics: DiagnosticCollector) -> TemplateSet? {
        load(TemplateSource(folder: templates), diagnostics: diagnostics)
    }

    public static func load(_ templates: TemplateSource, diagnostics: DiagnosticCollector) -> TemplateSet? {
        var library = MustacheLibrary()
        TemplateEscaping.register()
        var sources: [String: (path: String, text: String)] = [:]
        for relative in templates.files(suffix: ".mustache") {
            let path = "Templates/\(relative)"
            // Templates read only what is inside Templates/: a symbolic link could point anywhere.
            if let own = templates.url(of: relative), ContentLoader.isSymbolicLink(own) {
                diagnostics.error("symbolic link: templates are read only from real files inside Templates/", at: SourceLocation(file: path))
                continue
            }
            guard let text = templates.text(relative, diagnostics: diagnostics) else { continue }
            let name = String(relative.dropLast(".mustache".count))
            do {
                library.register(try MustacheTemplate(string: TemplateEscaping.pragma + text), named: name)
                sources[name] = (path, text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error("template syntax error: \(describe(error.error))",
                                  at: SourceLocation(file: path, line: max(1, error.context.lineNumber - TemplateEscaping.pragmaLines),
                                                     column: error.context.columnNumber))
            } catch {
                diagnostics.error("template could not be read: \(error)", at: SourceLocation(file: path))
            }
        }
        for name in requiredTemplates where sources[name] == nil && !diagnostics.hasErrors {
            diagnostics.error("template '\(name)' is missing: create Templates/\(name).mustache", at: nil)
        }
        var stringKeys: [String: SourceLocation] = [:]
        var names: Set<String> = []
        var tagsByTemplate: [String: [Tag]] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let found = tags(in: source.text)
            tagsByTemplate[name] = found
            for tag in found {
                names.insert(tag.name)
                let location = SourceLocation(file: source.path, line: tag.line, column: tag.column)
                if tag.sigil == ">" || tag.sigil == "<" {
                    if sources[tag.name] == nil {
                        diagnostics.error("template '\(name)' uses the partial '\(tag.name)', which does not exist"
                                          + Suggestion.hint(for: tag.name, in: Array(sources.keys)), at: location)
                    }
                } else if let partial = renderedLists[tag.name], sources[partial] == nil {
                    diagnostics.error("template '\(name)' uses '\(tag.name)', whose entries are rendered with the partial '\(partial)', which does not exist: create Templates/\(partial).mustache",
                                      at: location)
                } else if tag.name.hasPrefix("t.") {
                    stringKeys[String(tag.name.dropFirst(2))] = stringKeys[String(tag.name.dropFirst(2))] ?? location
                }
            }
        }
        let entryPartials = Dictionary(uniqueKeysWithValues: EntryPartial.all.map { kind in
            (kind.name, EntryPartial(kind, library: library, tags: tagsByTemplate[kind.name]))
        })
        let missing = EntryPartial(.init(name: "", textFields: [], flags: []), library: library, tags: nil)
        return TemplateSet(library: library, stringKeys: stringKeys, templateNames: Set(sources.keys), names: names,
                           tagsByTemplate: tagsByTemplate, entryPartials: entryPartials,
                           elements: ElementPartials { entryPartials[$0.name] ?? missing })
    }

    /// Whether some template refers to `name` (so that pages skip building what none shows).
    public func uses(_ name: String) -> Bool { names.contains(name) }

    /// The entry partial `name` (one of `EntryPartial.all`).
    func entryPartial(_ name: String) -> EntryPartial {
        entryPartials[name] ?? EntryPartial(.init(name: name, textFields: [], flag: ""), library: library, tags: nil)
    }

    /// Renders template `name` with a page model (see Render/Pages) or, in tests, a dictionary.
    public func render(_ name: String, _ model: any MustacheParent) -> String {
        library.render(ModelReference(model: model), withTemplate: name) ?? ""
    }

    /// The page's model behind a reference: swift-mustache casts the objects it renders with for every
    /// tag it looks up, and casting a struct copies it (a page's model holds dozens of strings).
    private final class ModelReference: MustacheParent {
        let model: any MustacheParent
        init(model: any MustacheParent) { self.model = model }
        func child(named name: String) -> Any? { model.child(named: name) }
    }

    // MARK: - Scanning

    struct Tag {
        /// `#`, `^`, `/`, `>`, `&`, `<`, `$`, `!`, or `{` for `{{{name}}}`; nil for `{{name}}`.
        var sigil: Character?
        var name: String
        var line: Int
        var column: Int
    }

    /// The `{{…}}` tags of a template with their positions (default delimiters; folio's templates do
    /// not change them).
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        var line = 1
        var column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{") {
                let open = (line, column)
                guard let close = text.range(of: "}}", range: text.index(index, offsetBy: 2)..<text.endIndex) else { break }
                var inner = text[text.index(index, offsetBy: 2)..<close.lowerBound]
                var sigil: Character?
                if inner.hasPrefix("{") {
                    // `{{{name}}}`, unescaped like `{{&name}}`: its sigil is "{".
                    sigil = "{"
                    inner = inner.dropFirst()
                } else if let first = inner.first, "#^/>&<$!".contains(first) {
                    sigil = first
                    inner = inner.dropFirst()
                }
                let name = inner.trimmingCharacters(in: .whitespaces)
                tags.append(Tag(sigil: sigil, name: name, line: open.0, column: open.1))
                for character in text[index..<close.upperBound] {
                    if character == "\n" { line += 1; column = 1 } else { column += 1 }
                }
                index = close.upperBound
                continue
            }
            if text[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index = text.index(after: index)
        }
        return tags
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not finished (missing '}}')"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is never closed (missing '{{/…}}')"
        case MustacheTemplate.Error.invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }
}
