import Foundation

/// Lends each render task a `LocaleFormatter` for its page's language and takes it back afterwards, so
/// that a build sets up a few formatters per language instead of one per page (ICU's setup was most of
/// the time spent formatting numbers), and their memo of formatted numbers carries over from page to
/// page. A formatter is never used by two tasks at once.
final class LocaleFormatterPool: @unchecked Sendable {
    private let site: SiteContext
    private let lock = NSLock()
    private var idle: [String: [LocaleFormatter]] = [:]

    init(site: SiteContext) {
        self.site = site
    }

    func withFormatter<T>(for language: String, _ body: (LocaleFormatter) -> T) -> T {
        let formatter = lock.withLock { idle[language]?.popLast() }
            ?? LocaleFormatter(localeIdentifier: site.config.language(language)?.localeIdentifier ?? language)
        defer { lock.withLock { idle[language, default: []].append(formatter) } }
        return body(formatter)
    }
}
