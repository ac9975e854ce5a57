import Mustache

/// HTML escaping for the templates' `{{ }}` tags: the same output as swift-mustache's own escaping,
/// which looks every Character up in a dictionary. That was a third of a chapter page's rendering
/// (the navigation list alone escapes some 30,000 characters a page). Here a byte scan returns the
/// value untouched when it holds nothing to escape, which is nearly always; otherwise the same
/// Character-by-Character replacement runs, so even unusual text (a quote carrying a combining mark)
/// comes out exactly as before.
struct TemplateEscaping: MustacheContentType {
    static let name = "FOLIO_HTML"

    /// Put before every template's text, on a line of its own (which Mustache removes like any
    /// standalone tag), so that the template, its partials and its layout escape with this type.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"
    /// Lines the pragma adds before a template's own first line (for error positions).
    static let pragmaLines = 1

    /// Makes the content type known to the template parser; registering again is harmless.
    static func register() {
        MustacheContentTypes.register(TemplateEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String {
        guard ByteSearch.withUTF8(text, { ByteSearch.firstHTMLSpecial(in: $0) != nil }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
