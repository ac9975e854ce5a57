import Foundation
import FolioMarkdown

/// Structural parity between each translation and its source chapter: the same headings per level,
/// footnotes, tables, images and link targets, and every number of the source's prose present in the
/// translation (catches "2020" typed as "2002"). Differences are warnings at the translation's lines.
enum ParityChecker {
    /// `cache`: the preview server keeps each pair's findings while neither file changed.
    static func check(_ publication: Publication, diagnostics: DiagnosticCollector, cache: LoadCache? = nil) {
        let source = publication.config.sourceLanguage
        let originals = publication.chapters[source] ?? []
        // A source chapter's shape is made once, by the first translation that needs it (not once per
        // translation); translations are independent and checked in parallel (diagnostics are sorted
        // when read).
        let originalShapes = LockedArray<Shape?>(count: originals.count, initial: nil)
        let translations = publication.config.languageCodes.filter { $0 != source }.flatMap { publication.chapters[$0] ?? [] }
        DispatchQueue.concurrentPerform(iterations: translations.count) { index in
            let translation = translations[index]
            guard let found = publication.position(ofSlug: translation.slug, language: source) else { return }
            let original = originals[found]
            let token = LoadCache.token(translation.revision, original.revision)
            cache.reuse("parity|\(translation.path)", token: token, diagnostics: diagnostics) { collector in
                let theirs = originalShapes[found] ?? Shape(original)
                originalShapes[found] = theirs
                compare(translation, Shape(translation), with: original, theirs, diagnostics: collector)
            }
        }
    }

    /// What a chapter's structure is made of.
    struct Shape {
        var headings: [Int: [Int]] = [:]   // level → lines
        var footnotes = 0
        var tables: [Int] = []
        var images: [Int] = []
        var links: [String: Int] = [:]     // target → first line
        /// Numbers of the prose, per section (by section index), with the line of the section.
        var numbers: [[String]] = [[]]
        var sectionLines: [Int] = [1]

        init(_ chapter: Chapter) {
            let document = chapter.document
            document.walk { index, node in
                let line = node.start.line + chapter.bodyLineOffset
                switch node.kind {
                case .heading:
                    headings[node.level, default: []].append(line)
                    numbers.append([])
                    sectionLines.append(line)
                case .footnoteDefinition: footnotes += 1
                case .table: tables.append(line)
                case .image:
                    images.append(line)
                    let source = document.text(of: index)
                    links[source] = links[source] ?? line
                case .link:
                    let destination = document.text(of: index)
                    links[destination] = links[destination] ?? line
                case .text:
                    if document.withText(of: index, ByteSearch.containsDigit) {
                        numbers[numbers.count - 1] += Self.numbers(in: CriticMarkup.accepted(document.text(of: index)))
                    }
                case .codeBlock, .code, .htmlBlock, .htmlInline: return false
                default: break
                }
                return true
            }
        }

        /// Digit runs, with the grouping and decimal separators of any language removed, so that
        /// "96.67", "96,67" and "18 800" / "18,800" compare equal across languages.
        static func numbers(in text: String) -> [String] {
            // Most text nodes hold no digit at all; one byte scan settles them.
            guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
            var found: [String] = []
            var current: [UInt8] = []
            var pendingSeparator = false
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value >= 0x30, value <= 0x39 {
                    current.append(UInt8(value))
                    pendingSeparator = false
                } else if !current.isEmpty, !pendingSeparator, Self.separators.contains(value) {
                    pendingSeparator = true
                } else {
                    if !current.isEmpty { found.append(String(decoding: current, as: UTF8.self)) }
                    current.removeAll(keepingCapacity: true)
                    pendingSeparator = false
                }
            }
            if !current.isEmpty { found.append(String(decoding: current, as: UTF8.self)) }
            return found
        }

        /// Decimal and grouping separators of the UN languages: . , space, no-break spaces, Arabic ٫ ٬.
        static let separators: Set<UInt32> = [0x2E, 0x2C, 0x20, 0xA0, 0x202F, 0x66B, 0x66C]
    }

    private static func compare(_ translation: Chapter, _ mine: Shape, with original: Chapter, _ theirs: Shape,
                                diagnostics: DiagnosticCollector) {
        let related = [original.location]
        for level in Set(mine.headings.keys).union(theirs.headings.keys).sorted() {
            let (have, want) = (mine.headings[level] ?? [], theirs.headings[level] ?? [])
            if have.count != want.count {
                diagnostics.warning("\(have.count) level-\(level) heading\(have.count == 1 ? "" : "s") here, \(want.count) in the source \(original.path)",
                                    at: SourceLocation(file: translation.path, line: have.first ?? translation.bodyLineOffset + 1),
                                    related: related)
            }
        }
        func count(_ what: String, _ have: Int, _ want: Int, line: Int?) {
            guard have != want else { return }
            diagnostics.warning("\(have) \(what)\(have == 1 ? "" : "s") here, \(want) in the source \(original.path)",
                                at: SourceLocation(file: translation.path, line: line ?? translation.bodyLineOffset + 1), related: related)
        }
        count("footnote", mine.footnotes, theirs.footnotes, line: nil)
        count("table", mine.tables.count, theirs.tables.count, line: mine.tables.first)
        count("image", mine.images.count, theirs.images.count, line: mine.images.first)
        for (target, _) in theirs.links.sorted(by: { $0.value < $1.value }) where mine.links[target] == nil {
            diagnostics.warning("the source links to '\(target)', the translation does not", at: translation.location, related: related)
        }
        for (target, line) in mine.links.sorted(by: { $0.value < $1.value }) where theirs.links[target] == nil {
            diagnostics.warning("the translation links to '\(target)', the source does not",
                                at: SourceLocation(file: translation.path, line: line), related: related)
        }
        // Numbers, section by section when the sections line up, else over the whole chapter.
        let aligned = mine.numbers.count == theirs.numbers.count
        let pairs = aligned ? Array(zip(mine.numbers.indices, theirs.numbers.indices)) : [(0, 0)]
        for (mineIndex, theirIndex) in pairs {
            let have = aligned ? mine.numbers[mineIndex] : mine.numbers.flatMap { $0 }
            let want = aligned ? theirs.numbers[theirIndex] : theirs.numbers.flatMap { $0 }
            let missing = Self.missing(want, from: have)
            guard !missing.isEmpty else { continue }
            let line = aligned ? mine.sectionLines[mineIndex] : translation.bodyLineOffset + 1
            diagnostics.warning("number\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) of the source \(missing.count == 1 ? "is" : "are") not in the translation\(aligned && mineIndex > 0 ? " (this section)" : "")",
                                at: SourceLocation(file: translation.path, line: line),
                                related: [SourceLocation(file: original.path, line: aligned ? theirs.sectionLines[theirIndex] : 1)])
        }
    }

    /// The numbers of `source` that never occur in `translation`, in source order. Repeats are not
    /// counted: a translation may well say "2020" once where the source says it twice.
    static func missing(_ source: [String], from translation: [String]) -> [String] {
        let available = Set(translation)
        var seen = Set<String>()
        return source.filter { !available.contains($0) && seen.insert($0).inserted }
    }
}
