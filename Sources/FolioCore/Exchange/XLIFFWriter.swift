/// Writes an export as XLIFF 1.2 (what OmegaT, memoQ and Trados all read): one `<file>` per chapter,
/// one `<group>` per section, one `<trans-unit>` per unit. Placeholders are `<bpt>`/`<ept>` pairs and
/// `<ph>` elements holding the Markdown they stand for; a stale unit's previous source and current
/// translation are an `<alt-trans alttranstype="previous-version">`; glossary terms are `<note>`s.
enum XLIFFWriter {
    static func write(_ export: ExchangeExport) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">

        """
        for chapter in export.chapters {
            out += "  <file original=\"\(attribute(chapter.original))\" source-language=\"\(attribute(export.sourceLanguage))\" "
                + "target-language=\"\(attribute(export.targetLanguage))\" datatype=\"x-markdown\" tool-id=\"folio\">\n"
            out += "    <header>\n      <tool tool-id=\"folio\" tool-name=\"folio\"/>\n"
            out += "      <note>\(text("\(export.publication): \(Self.part(chapter.number)), “\(chapter.title)”"))</note>\n    </header>\n"
            out += "    <body>\n"
            var openGroup: String?
            for entry in chapter.entries {
                let unit = entry.unit
                if openGroup != unit.sectionID {
                    if openGroup != nil { out += "      </group>\n" }
                    let name = unit.sectionID == "_meta" ? "front matter" : unit.sectionHeading.isEmpty ? "opening text" : unit.sectionHeading
                    out += "      <group id=\"\(attribute(chapter.original + "#" + unit.sectionID))\" resname=\"\(attribute(name))\">\n"
                    openGroup = unit.sectionID
                }
                // A current translation is approved; a stale one, or a source copy, is there to be worked on.
                let approved = entry.target != nil && !entry.stale ? " approved=\"yes\"" : ""
                out += "        <trans-unit id=\"\(attribute(unit.id))\" resname=\"\(attribute(unit.id))\" extype=\"\(attribute(unit.role))\"\(approved) xml:space=\"preserve\">\n"
                out += "          <source>\(inline(unit.text, unit))</source>\n"
                if let target = entry.target {
                    let state = entry.stale ? "needs-review-translation" : "translated"
                    out += "          <target state=\"\(state)\">\(inline(target, unit))</target>\n"
                } else {
                    // A copy of the source to translate over, as OmegaT (which translates the target element) needs.
                    out += "          <target state=\"new\">\(inline(unit.text, unit))</target>\n"
                }
                out += "          <context-group purpose=\"location\"><context context-type=\"sourcefile\">\(text(chapter.original))</context>"
                    + "<context context-type=\"linenumber\">\(unit.line)</context></context-group>\n"
                out += "          <note from=\"folio\" annotates=\"general\">\(text(ExchangeExport.context(of: entry, in: chapter)))</note>\n"
                for term in entry.terms {
                    out += "          <note from=\"glossary\" annotates=\"source\">\(text(term))</note>\n"
                }
                if let previous = entry.previousSource {
                    out += "          <alt-trans alttranstype=\"previous-version\">\n            <source>\(inline(previous, unit))</source>\n"
                    if let target = entry.target { out += "            <target>\(inline(target, unit))</target>\n" }
                    out += "          </alt-trans>\n"
                }
                out += "        </trans-unit>\n"
            }
            if openGroup != nil { out += "      </group>\n" }
            out += "    </body>\n  </file>\n"
        }
        out += "</xliff>\n"
        return out
    }

    /// A unit's text with its placeholders as XLIFF 1.2 inline elements.
    static func inline(_ text: UnitText, _ unit: TranslationUnit) -> String {
        var out = ""
        for piece in text.pieces {
            switch piece {
            case .text(let value): out += Self.text(value)
            case .open(let id):
                let placeholder = unit.placeholder(id)
                out += "<bpt id=\"\(id)\" ctype=\"\(placeholder?.kind.xliffType ?? "x-markup")\">\(Self.text(CriticMarkup.decode(placeholder?.opening ?? "")))</bpt>"
            case .close(let id):
                out += "<ept id=\"\(id)\">\(Self.text(CriticMarkup.decode(unit.placeholder(id)?.closing ?? "")))</ept>"
            case .standalone(let id):
                let placeholder = unit.placeholder(id)
                out += "<ph id=\"\(id)\" ctype=\"\(placeholder?.kind.xliffType ?? "x-markup")\">\(Self.text(CriticMarkup.decode(placeholder?.opening ?? "")))</ph>"
            }
        }
        return out
    }

    /// Character data: `&`, `<`, `>` escaped; characters XML 1.0 cannot carry never occur (chapters refuse them).
    static func text(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func attribute(_ value: String) -> String {
        text(value).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;")
    }

    /// "chapter 4", "annex I" or "front matter", as the translator's note names the part.
    static func part(_ number: Int) -> String {
        switch BookPart.of(number: number) {
        case .front: "front matter"
        case .annex: "annex \(ICUCollation.roman(number - BookPart.annexBase))"
        case .chapter: "chapter \(number)"
        }
    }
}
