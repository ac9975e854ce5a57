/// Writes an export as a gettext PO file: one entry per unit, `msgctxt` its chapter and id, numbered
/// tags for placeholders (`<1>…</1>`, `<2/>`, explained in an extracted comment), the source line as a
/// reference, glossary terms as comments, and for a stale unit the `fuzzy` flag, the previous source
/// as `#| msgid` and the current translation as `msgstr`.
enum POWriter {
    static func write(_ export: ExchangeExport) -> String {
        var out = """
        # \(comment("\(export.publication): translation from \(export.sourceLanguage) into \(export.targetLanguage), exported by folio."))
        # \(comment("Import with: folio translations import FILE"))
        msgid ""
        msgstr ""
        "Project-Id-Version: \(escape(export.publication))\\n"
        "Report-Msgid-Bugs-To: \\n"
        "PO-Revision-Date: 2000-01-01 00:00+0000\\n"
        "Last-Translator: \\n"
        "Language-Team: \(escape(export.targetLanguage))\\n"
        "Language: \(escape(export.targetLanguage))\\n"
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Content-Transfer-Encoding: 8bit\\n"
        "X-Generator: folio\\n"
        "X-Folio-Source-Language: \(escape(export.sourceLanguage))\\n"

        """
        for chapter in export.chapters {
            for entry in chapter.entries {
                let unit = entry.unit
                out += "\n#. \(comment(ExchangeExport.context(of: entry, in: chapter)))\n"
                if let legend = ExchangeExport.legend(of: unit) { out += "#. Tags: \(comment(legend))\n" }
                for term in entry.terms { out += "#. Glossary: \(comment(term))\n" }
                out += "#: \(chapter.original.replacingOccurrences(of: " ", with: "\u{2007}")):\(unit.line)\n"
                if entry.stale { out += "#, fuzzy\n" }
                if let previous = entry.previousSource {
                    out += "#| msgctxt \"\(escape(context(chapter, unit)))\"\n"
                    out += "#| msgid \"\(escape(previous.tagged))\"\n"
                }
                out += "msgctxt \"\(escape(context(chapter, unit)))\"\n"
                out += "msgid \"\(escape(unit.text.tagged))\"\n"
                out += "msgstr \"\(escape(entry.target?.tagged ?? ""))\"\n"
            }
        }
        return out
    }

    /// `en/01-introduction.md|cities-and-the-2030-agenda/p1`: unique across the file, and the import's key.
    static func context(_ chapter: ExchangeExport.Chapter, _ unit: TranslationUnit) -> String {
        "\(chapter.original)|\(unit.id)"
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func comment(_ value: String) -> String {
        value.replacingOccurrences(of: "\n", with: " ")
    }
}
