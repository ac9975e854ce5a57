import Foundation

/// Formats numbers and dates for one language with Foundation. Formatters are not thread-safe on
/// Linux: make one per render task, never share it.
public final class LocaleFormatter {
    public let locale: Locale
    private let dateFormatter: DateFormatter
    private let numberFormatter: NumberFormatter
    private let calendar: Calendar
    /// The fraction digits the number formatter is set to: setting them is costly, so only on change.
    private var currentDigits: (minimum: Int, maximum: Int) = (0, 6)
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
        numberFormatter = NumberFormatter()
        numberFormatter.locale = locale
        numberFormatter.numberStyle = .decimal
        numberFormatter.maximumFractionDigits = 6
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
        let digits = fractionDigits.map { ($0, $0) } ?? (0, 6)
        if digits != currentDigits {
            numberFormatter.minimumFractionDigits = digits.0
            numberFormatter.maximumFractionDigits = digits.1
            currentDigits = digits
        }
        return numberFormatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    public func integer(_ value: Int) -> String {
        if let known = integers[value] { return known }
        let text = number(Double(value), fractionDigits: 0)
        if integers.count < 10_000 { integers[value] = text }
        return text
    }
}
