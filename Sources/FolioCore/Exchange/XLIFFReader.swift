import Foundation

/// Reads an XLIFF 1.2 file back: each `<trans-unit>` of each `<file>`, its source and target with their
/// inline tags (`<bpt>`/`<ept>`/`<ph>` as written, and the `<g>`, `<x/>`, `<bx/>`/`<ex/>`, `<it>` some
/// tools turn them into; `<mrk>` is transparent). The tags' content is ignored: the import puts back the
/// source's own Markdown for each id.
enum XLIFFReader {
    /// States that say the target is not a translation yet: such a target counts only when it differs
    /// from the source (a CAT tool that translated over the copy may leave the state as it was).
    static let untranslatedStates: Set<String> = ["new", "needs-translation"]

    static func read(_ data: Data, path: String, diagnostics: DiagnosticCollector) -> ImportedFile? {
        let root: SafeXML.Element
        switch SafeXML.parse(data, path: path) {
        case .failure(let problem):
            diagnostics.add(problem)
            return nil
        case .success(let element): root = element
        }
        guard root.name == "xliff" else {
            diagnostics.error("this is not an XLIFF file: its root element is <\(root.name)>, not <xliff>",
                              at: SourceLocation(file: path, line: root.line, column: root.column))
            return nil
        }
        if let version = root.attributes["version"], !version.hasPrefix("1.") {
            diagnostics.error("XLIFF \(version) is not read: folio reads XLIFF 1.2 (export with --format xliff)",
                              at: SourceLocation(file: path, line: root.line, column: root.column))
            return nil
        }
        var file = ImportedFile(sourceLanguage: nil, targetLanguage: nil, units: [])
        for chapter in root.elements where chapter.name == "file" {
            let location = SourceLocation(file: path, line: chapter.line, column: chapter.column)
            guard let original = chapter.attributes["original"] else {
                diagnostics.error("<file> has no 'original' attribute naming its source chapter", at: location)
                continue
            }
            file.sourceLanguage = file.sourceLanguage ?? chapter.attributes["source-language"]
            if let target = chapter.attributes["target-language"] {
                if let known = file.targetLanguage, known != target {
                    diagnostics.error("this <file> is in '\(target)', an earlier one in '\(known)': one language per exchange file", at: location)
                }
                file.targetLanguage = file.targetLanguage ?? target
            }
            collectUnits(in: chapter, original: original, path: path, into: &file.units, diagnostics: diagnostics)
        }
        return file
    }

    private static func collectUnits(in element: SafeXML.Element, original: String, path: String, into units: inout [ImportedUnit],
                                     diagnostics: DiagnosticCollector) {
        for child in element.elements {
            switch child.name {
            case "body", "group": collectUnits(in: child, original: original, path: path, into: &units, diagnostics: diagnostics)
            case "trans-unit":
                let location = SourceLocation(file: path, line: child.line, column: child.column)
                guard let id = child.attributes["id"] else {
                    diagnostics.error("<trans-unit> has no id", at: location)
                    continue
                }
                var unit = ImportedUnit(chapter: original, id: id, source: nil, target: nil, location: location)
                do {
                    if let source = child.first("source") { unit.source = try pieces(of: source) }
                    if let target = child.first("target") {
                        let text = try pieces(of: target)
                        let copy = untranslatedStates.contains(target.attributes["state"] ?? "") && text == unit.source
                        if !text.pieces.isEmpty, !copy { unit.target = text }
                    }
                } catch {
                    diagnostics.error("unit '\(id)': \(error.message)", at: location)
                    continue
                }
                units.append(unit)
            default: continue
            }
        }
    }

    /// An inline content's text and tags.
    static func pieces(of element: SafeXML.Element) throws(TagProblem) -> UnitText {
        var text = UnitText()
        try append(element.children, to: &text)
        return text
    }

    private static func append(_ children: [SafeXML.Node], to text: inout UnitText) throws(TagProblem) {
        for child in children {
            switch child {
            case .text(let value): text.append(.text(value))
            case .element(let element):
                switch element.name {
                case "bpt", "bx": text.append(.open(try number(element)))
                case "ept", "ex": text.append(.close(try number(element)))
                case "ph", "x": text.append(.standalone(try number(element)))
                case "it":
                    text.append(element.attributes["pos"] == "close" ? .close(try number(element)) : .open(try number(element)))
                case "g":
                    let id = try number(element)
                    text.append(.open(id))
                    try append(element.children, to: &text)
                    text.append(.close(id))
                case "mrk": try append(element.children, to: &text)
                default: throw TagProblem(message: "unknown inline element <\(element.name)> at line \(element.line)")
                }
            }
        }
    }

    /// `<ept>` pairs with its `<bpt>` by `rid` in some tools, by `id` in others.
    private static func number(_ element: SafeXML.Element) throws(TagProblem) -> Int {
        let value = element.attributes["rid"] ?? element.attributes["id"] ?? ""
        guard let id = Int(value), id > 0 else {
            throw TagProblem(message: "the tag <\(element.name) id=\"\(value)\"> is not one of this unit's placeholders (placeholder added)")
        }
        return id
    }
}
