import Foundation

/// What pandoc's EPUB 3 writer is given besides the document: the stylesheet and page template of
/// `Templates/epub/`, a fixed identifier, the accessibility metadata EPUB Accessibility 1.1 asks for,
/// and the fonts a script needs that e-readers may lack (Arabic, Chinese).
enum EPUBEdition {
    static let stylesheet = "epub/folio.css"
    static let template = "epub/epub3.xhtml"

    /// Debian's Noto fonts (fonts-noto-core) embedded whole for Arabic text.
    static let arabicFonts = ["/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
                              "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf"]
    /// Noto Serif CJK (fonts-noto-cjk): a collection of 26 MB, so only the glyphs the edition uses are
    /// embedded, cut out of its Simplified Chinese face by fontTools.
    static let chineseCollection = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
    static let chineseFaceIndex = 2
    static let chineseSubset = "NotoSerifCJKsc-Subset.otf"

    /// The document as the EPUB shows it: reviewers' comments become visible notes (Word's comment
    /// ranges carry numeric ids that would repeat in XHTML), and the metadata gains the reading
    /// direction and the accessibility statement.
    /// `pageList`: the EPUB carries the print edition's page breaks and page list.
    static func document(_ edition: EditionDocument, strings: UIStrings, pageList: Bool = false) -> PandocDocument {
        var document = edition.document.mapInlines { inline in
            guard case .span(let attr, let content) = inline else { return [inline] }
            if attr.classes == ["comment-start"] {
                return [.span(PandocAttr(classes: ["comment"], attributes: attr.attributes), content)]
            }
            if attr.classes == ["comment-end"] { return [] }
            return [inline]
        }
        let rightToLeft = UNLanguage.named(edition.language)?.isRightToLeft ?? false
        document.meta["page-progression-direction"] = .string(rightToLeft ? "rtl" : "ltr")
        // EPUB Accessibility 1.1's discovery metadata (schema.org): how the content can be perceived,
        // what makes it accessible, that it has no hazards, and a summary in the edition's language.
        document.meta["accessModes"] = .list([.string("textual"), .string("visual")])
        document.meta["accessModeSufficient"] = .list([.string("textual")])
        let pageFeatures = pageList ? ["pageBreakMarkers", "pageNavigation"] : []
        document.meta["accessibilityFeatures"] = .list((["alternativeText", "displayTransformability"] + pageFeatures
                                                        + ["readingOrder", "structuralNavigation", "tableOfContents"]).map(PandocMetaValue.string))
        document.meta["accessibilityHazards"] = .list([.string("none")])
        document.meta["accessibilitySummary"] = .string(strings["epub_accessibility_summary"])
        return document
    }

    /// `--epub-metadata`: the identifier (pandoc would make a random one).
    static func metadataXML(identifier: String) -> String {
        "<dc:identifier id=\"pub-id\">\(HTML.escape(identifier))</dc:identifier>\n"
    }

    /// A stable identifier of one language's edition: a UUID (version 8, RFC 9562) derived from the
    /// publication's slug, its source-language title and the language, so that every build of the
    /// same publication names the EPUB the same way and each language differently.
    static func identifier(slug: String, title: String, language: String) -> String {
        var bytes: [UInt8] = []
        for seed in ["folio-epub-1", "folio-epub-2"] {
            var hash = FNV1a()
            hash.add("\(seed)\u{0}\(slug)\u{0}\(title)\u{0}\(language)".utf8)
            withUnsafeBytes(of: hash.value.bigEndian) { bytes += $0 }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return "urn:uuid:" + parts.joined(separator: "-")
    }

    /// The fonts to embed for `language` (files in `folder` or on the system) and their `@font-face`
    /// rules; nothing for scripts every reader has fonts for. A missing font is a warning.
    static func fonts(language: String, text: Data, in folder: URL, python: String,
                      diagnostics: DiagnosticCollector) -> (files: [String], css: String) {
        switch language {
        case "ar":
            let found = arabicFonts.filter { FileManager.default.fileExists(atPath: $0) }
            guard found.count == arabicFonts.count else {
                diagnostics.warning("the Arabic EPUB embeds no font: Noto Naskh Arabic is not installed (apt-get install fonts-noto-core)", at: nil)
                return ([], "")
            }
            let css = found.enumerated().map { index, path in
                fontFace(family: "Noto Naskh Arabic", file: (path as NSString).lastPathComponent, bold: index == 1)
            }.joined()
            return (found, css + ":root:lang(ar), [lang|=\"ar\"] { font-family: \"Noto Naskh Arabic\", serif; }\n")
        case "zh":
            guard FileManager.default.fileExists(atPath: chineseCollection) else {
                diagnostics.warning("the Chinese EPUB embeds no font: Noto Serif CJK is not installed (apt-get install fonts-noto-cjk)", at: nil)
                return ([], "")
            }
            let textFile = folder.appendingPathComponent("subset-text.txt")
            let output = folder.appendingPathComponent(chineseSubset)
            do {
                try text.write(to: textFile)
            } catch {
                diagnostics.warning("the Chinese EPUB embeds no font: \(ContentLoader.reason(error))", at: nil)
                return ([], "")
            }
            // fontTools (PyPI `fonttools`, installed by make) keeps the glyphs of the edition's text.
            let status = PythonRun.run(python, ["-m", "fontTools.subset", chineseCollection, "--font-number=\(chineseFaceIndex)",
                                      "--text-file=\(textFile.path)", "--output-file=\(output.path)", "--layout-features=*",
                                      "--name-IDs=*", "--no-hinting"])
            guard status == 0, FileManager.default.fileExists(atPath: output.path) else {
                diagnostics.warning("the Chinese EPUB embeds no font: fontTools could not subset Noto Serif CJK "
                                    + "(\(python) -m pip install \(fontToolsPackage); `make site` installs it)", at: nil)
                return ([], "")
            }
            return ([output.path], fontFace(family: "Noto Serif CJK SC", file: chineseSubset, bold: false)
                    + ":root:lang(zh), [lang|=\"zh\"] { font-family: \"Noto Serif CJK SC\", serif; }\n")
        default:
            return ([], "")
        }
    }

    /// The fontTools version folio is tested with (`make` installs it).
    static let fontToolsPackage = "fonttools==4.61.1"

    private static func fontFace(family: String, file: String, bold: Bool) -> String {
        "@font-face { font-family: \"\(family)\"; font-weight: \(bold ? "bold" : "normal"); font-style: normal; src: url(\"../fonts/\(file)\"); }\n"
    }
}
