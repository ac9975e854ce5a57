import Foundation

/// Formats numbers and dates for one language with Foundation. Formatters are not thread-safe on
/// Linux: make one per render task, never share it.
///
/// Foundation's formatters are costly to set up (ICU) and rebuild their ICU formatter whenever a
/// property changes, so each is made on first use and one number formatter is kept per fraction-digit
/// setting instead of being reconfigured for every number.
public final class LocaleFormatter {
    public let locale: Locale
    private let calendar: Calendar
    private lazy var dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        return formatter
    }()
    /// Keyed by the fixed number of fraction digits; nil: 0 to 6 digits, as needed.
    private var numberFormatters: [Int?: NumberFormatter] = [:]
    /// Numbers already formatted: a KPI figure shows each value three times (chart, table, text).
    private var formatted: [FormattedNumber: String] = [:]

    private static let memoLimit = 4096

    private struct FormattedNumber: Hashable {
        let bits: UInt64
        let fractionDigits: Int?
    }

    public init(localeIdentifier: String) {
        locale = Locale(identifier: localeIdentifier)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        self.calendar = calendar
    }

    /// "31 March 2020", "31 mars 2020", "31 марта 2020 г.".
    public func date(_ date: CalendarDate) -> String {
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        guard let value = calendar.date(from: components) else { return date.description }
        return dateFormatter.string(from: value)
    }

    /// "1,234.5" / "1 234,5" with the locale's grouping and decimal separator.
    public func number(_ value: Double, fractionDigits: Int? = nil) -> String {
        let key = FormattedNumber(bits: value.bitPattern, fractionDigits: fractionDigits)
        if let text = formatted[key] { return text }
        let text = numberFormatter(fractionDigits: fractionDigits).string(from: NSNumber(value: value)) ?? String(value)
        // Bounded: a formatter lives through a whole build (see LocaleFormatterPool).
        if formatted.count >= Self.memoLimit { formatted.removeAll(keepingCapacity: true) }
        formatted[key] = text
        return text
    }

    public func integer(_ value: Int) -> String { number(Double(value), fractionDigits: 0) }

    private func numberFormatter(fractionDigits: Int?) -> NumberFormatter {
        if let formatter = numberFormatters[fractionDigits] { return formatter }
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = fractionDigits ?? 0
        formatter.maximumFractionDigits = fractionDigits ?? 6
        numberFormatters[fractionDigits] = formatter
        return formatter
    }
}
