/// The six official languages of the United Nations, the languages folio publishes in.
public struct UNLanguage: Sendable, Hashable {
    public let code: String
    /// The language named in itself, as the language chooser shows it.
    public let nativeName: String
    public let englishName: String
    public let isRightToLeft: Bool
    /// The locale Foundation formats dates and numbers with.
    public let localeIdentifier: String

    public var direction: String { isRightToLeft ? "rtl" : "ltr" }

    public static let all: [UNLanguage] = [
        UNLanguage(code: "ar", nativeName: "العربية", englishName: "Arabic", isRightToLeft: true, localeIdentifier: "ar@numbers=latn"),
        UNLanguage(code: "zh", nativeName: "中文", englishName: "Chinese", isRightToLeft: false, localeIdentifier: "zh_Hans"),
        UNLanguage(code: "en", nativeName: "English", englishName: "English", isRightToLeft: false, localeIdentifier: "en_GB"),
        UNLanguage(code: "fr", nativeName: "Français", englishName: "French", isRightToLeft: false, localeIdentifier: "fr_FR"),
        UNLanguage(code: "ru", nativeName: "Русский", englishName: "Russian", isRightToLeft: false, localeIdentifier: "ru_RU"),
        UNLanguage(code: "es", nativeName: "Español", englishName: "Spanish", isRightToLeft: false, localeIdentifier: "es_ES"),
    ]

    public static let codes: [String] = all.map(\.code)

    public static func named(_ code: String) -> UNLanguage? {
        all.first { $0.code == code }
    }
}
