/// The shapes of a publication's identifiers, as the ISBN agency, the ISSN network, the United Nations
/// and the DOI Foundation define them. Each check gives nil for a valid identifier, else what is wrong.
public enum PublicationIdentifiers {
    /// ISBN-13: 13 digits (hyphens or spaces between groups), prefix 978 or 979, and the check digit
    /// (weights 1 and 3 alternately; the sum is a multiple of 10).
    public static func isbnProblem(_ text: String) -> String? {
        guard text.allSatisfy({ $0.isASCIIDigit || $0 == "-" || $0 == " " }) else {
            return "an ISBN is 13 digits with hyphens between its groups (e.g. 978-92-1-117245-3), not '\(text)'"
        }
        let digits = text.compactMap { $0.wholeNumberValue }
        guard digits.count == 13 else {
            return "an ISBN-13 has 13 digits, '\(text)' has \(digits.count)"
        }
        guard digits.prefix(3) == [9, 7, 8] || digits.prefix(3) == [9, 7, 9] else {
            return "an ISBN-13 starts with 978 or 979, not '\(text)'"
        }
        let expected = isbnCheckDigit(Array(digits.prefix(12)))
        guard digits[12] == expected else {
            return "the check digit of ISBN '\(text)' is \(digits[12]), but its first 12 digits give \(expected): a digit is mistyped"
        }
        return nil
    }

    /// The check digit of the first 12 digits of an ISBN-13.
    public static func isbnCheckDigit(_ twelve: [Int]) -> Int {
        let sum = twelve.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return (10 - sum % 10) % 10
    }

    /// ISSN: `NNNN-NNNC`, C the check digit (weights 8 … 2, modulo 11; 10 is written X).
    public static func issnProblem(_ text: String) -> String? {
        let characters = Array(text)
        guard characters.count == 9, characters[4] == "-",
              characters[0..<4].allSatisfy(\.isASCIIDigit), characters[5..<8].allSatisfy(\.isASCIIDigit),
              characters[8].isASCIIDigit || characters[8] == "X" else {
            return "an ISSN is written NNNN-NNNC (e.g. 2411-8524), not '\(text)'"
        }
        let digits = (characters[0..<4] + characters[5..<8]).compactMap(\.wholeNumberValue)
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * (8 - $1.offset) }
        let check = (11 - sum % 11) % 11
        let written = characters[8] == "X" ? 10 : characters[8].wholeNumberValue ?? -1
        guard written == check else {
            return "the check digit of ISSN '\(text)' is \(characters[8]), but its first 7 digits give \(check == 10 ? "X" : String(check))"
        }
        return nil
    }

    /// A United Nations sales number: language letter, year, category in roman numerals, an optional
    /// subcategory letter and the serial number (`E.21.II.E.7`, `E.07.IV.2`).
    public static func salesNumberProblem(_ text: String) -> String? {
        guard text.wholeMatch(of: #/[AECFRS]\.[0-9]{2}\.[IVX]{1,5}(\.[A-Z])?\.[0-9]{1,3}/#) != nil else {
            return "a United Nations sales number is written like E.21.II.E.7 (language, year, category, subcategory, number), not '\(text)'"
        }
        return nil
    }

    /// A United Nations document symbol: the body, then its parts, separated by slashes (`ECE/HBP/204`).
    public static func symbolProblem(_ text: String) -> String? {
        guard text.wholeMatch(of: #/[A-Z]{2,}(/[A-Za-z0-9.\-]+)+/#) != nil else {
            return "a United Nations document symbol is written like ECE/HBP/204 (the body in capitals, then its parts after slashes), not '\(text)'"
        }
        return nil
    }

    /// A DOI: the directory indicator `10.`, the registrant's code (the United Nations' is 18356), a
    /// slash and the item's suffix; without `https://doi.org/`.
    public static func doiProblem(_ text: String) -> String? {
        if text.hasPrefix("http") || text.lowercased().hasPrefix("doi:") {
            return "write the DOI without its resolver or 'doi:' (e.g. 10.18356/9789210054744), not '\(text)'"
        }
        guard text.wholeMatch(of: #/10\.[0-9]{4,9}(\.[0-9]+)*/[^\s]+/#) != nil else {
            return "a DOI starts with the prefix 10.<registrant> and a slash (e.g. 10.18356/9789210054744), not '\(text)'"
        }
        return nil
    }
}
