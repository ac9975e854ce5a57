import Foundation

/// Formats numbers and dates for one language with Foundation. Formatters are not thread-safe on
/// Linux: make one per render task, never share it.
public final class LocaleFormatter {
    public let locale: Locale
    private let dateFormatter: DateFormatter
    private let calendar: Calendar
    /// One number formatter per fraction-digit setting (-1: up to six): changing a formatter's digits
    /// is costly in Foundation on Linux, and a KPI table mixes values with 0, 1 and 2 decimals.
    private var numberFormatters: [Int: NumberFormatter] = [:]
    /// Small integers (chapter and figure numbers) are formatted over and over: remember them.
    private var integers: [Int: String] = [:]

    public init(localeIdentifier: String) {
        locale = Locale(identifier: localeIdentifier)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        self.calendar = calendar
        dateFormatter = DateFormatter()
        dateFormatter.locale = locale
        dateFormatter.calendar = calendar
        dateFormatter.timeZone = calendar.timeZone
        dateFormatter.dateStyle = .long
        dateFormatter.timeStyle = .none
    }

    private func numberFormatter(digits: Int?) -> NumberFormatter {
        let key = digits ?? -1
        if let known = numberFormatters[key] { return known }
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = digits ?? 0
        formatter.maximumFractionDigits = digits ?? 6
        numberFormatters[key] = formatter
        return formatter
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
        numberFormatter(digits: fractionDigits).string(from: NSNumber(value: value)) ?? String(value)
    }

    public func integer(_ value: Int) -> String {
        if let known = integers[value] { return known }
        let text = number(Double(value), fractionDigits: 0)
        if integers.count < 10_000 { integers[value] = text }
        return text
    }
}
