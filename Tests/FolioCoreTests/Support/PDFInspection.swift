import Foundation

/// A PDF looked at with poppler's tools (`pdfinfo`, `pdffonts`, `pdftotext`), as a printer or a
/// reader's software would see it.
struct PDFInspection {
    let url: URL

    struct ToolError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a tool (poppler's, unless `installedBy` names another) and returns its standard output.
    static func run(_ tool: String, _ arguments: [String],
                    installedBy hint: String = "is poppler-utils installed? `make test` installs it") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolError(description: "\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus) (\(hint))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `pdfinfo` as key → value.
    func info(boxes: Bool = false) throws -> [String: String] {
        var result: [String: String] = [:]
        for line in try Self.run("pdfinfo", (boxes ? ["-box"] : []) + [url.path]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    var pageCount: Int {
        get throws { Int(try info()["Pages"] ?? "") ?? 0 }
    }

    struct Font {
        var name: String
        var type: String
        var embedded: Bool
    }

    /// `pdffonts`: every font with its type and whether it is embedded.
    func fonts() throws -> [Font] {
        let lines = try Self.run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2)
        return lines.map { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            // name, type (one or two words), encoding, emb, sub, uni, object, id
            let embedded = columns.count >= 6 ? columns[columns.count - 5] == "yes" : false
            let type = columns.count >= 8 ? columns[1..<(columns.count - 6)].joined(separator: " ") : ""
            return Font(name: columns.first ?? "", type: type, embedded: embedded)
        }
    }

    /// The text of every page (`pdftotext`, in reading order; `layout` keeps lines as set), with the
    /// directional marks poppler adds around right-to-left runs removed.
    func pages(layout: Bool = false) throws -> [String] {
        let text = try Self.run("pdftotext", (layout ? ["-layout"] : []) + ["-enc", "UTF-8", url.path, "-"])
        var pages = text.components(separatedBy: "\u{0C}").map(Self.withoutBidiMarks)
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    static func withoutBidiMarks(_ text: String) -> String {
        String(text.unicodeScalars.filter {
            !(0x200E...0x200F).contains($0.value) && !(0x202A...0x202E).contains($0.value) && !(0x2066...0x2069).contains($0.value)
        }.map(Character.init))
    }

    /// Text with line breaks and runs of spaces made single spaces, and words a line break split at
    /// a hyphen joined again: what to search for a phrase in.
    static func collapsed(_ text: String) -> String {
        var joined = ""
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            if !joined.isEmpty, !joined.hasSuffix("-") { joined += " " }
            joined += trimmed
        }
        return joined.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A comparison key for a title: no spaces or hyphens (poppler adds spaces between Chinese and
    /// Latin, and drops a hyphen that ends a line), and no Arabic lam, alef or yeh, whose ligatures
    /// poppler extracts out of order from bold Arabic type (a poppler matter, not the PDF's).
    /// Vowel marks go too: poppler sometimes repeats them, and they would cling to the letter before.
    static func key(_ text: String) -> String {
        let dropped: Set<Unicode.Scalar> = ["ل", "ا", "أ", "إ", "آ", "ى", "ي", "ٱ", "-", "\u{00AD}"]
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace && !dropped.contains(scalar)
            && scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The page number printed at the foot of a page (its last non-empty line), if it is a number.
    static func folio(of page: String) -> String? {
        let last = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty }
        guard let last, !last.isEmpty, last.count <= 6,
              last.allSatisfy({ $0.isNumber || "ivxlc".contains($0) }) else { return nil }
        return last
    }

    /// An entry of the table of contents: its title (or the end of a wrapped title) and page number, as
    /// printed: arabic in the body, roman ("v") in the front matter.
    struct ContentsEntry {
        var title: String
        var page: String
    }

    /// A page number as the contents print it: digits, or a lower-case roman numeral.
    static func pageNumber(_ token: String) -> String? {
        guard !token.isEmpty, token.allSatisfy(\.isNumber) || token.allSatisfy({ "ivxlc".contains($0) }) else { return nil }
        return token
    }

    /// The entries of the contents: lines of the front matter with a dot leader and a page number.
    /// In a left-to-right line the number follows the leader. In a right-to-left line poppler puts
    /// the number just before the leader, and any number ending the title after it.
    static func contents(_ layoutPages: [String]) -> [ContentsEntry] {
        var entries: [ContentsEntry] = []
        for page in layoutPages {
            // The front matter ends where the arabic page numbers start.
            if folio(of: page) == "1" { break }
            for line in page.split(separator: "\n") {
                let tokens = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                // A long title leaves room for only a dot or two of leader.
                guard let leaderStart = tokens.firstIndex(where: { $0 == "." }) else { continue }
                let leaderEnd = tokens[leaderStart...].firstIndex { $0 != "." } ?? tokens.endIndex
                var before = Array(tokens[..<leaderStart])
                let after = Array(tokens[leaderEnd...])
                let rightToLeft = line.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
                if rightToLeft, let last = before.last, let number = pageNumber(last) {
                    before.removeLast()
                    entries.append(ContentsEntry(title: (before + after).joined(separator: " "), page: number))
                } else if !rightToLeft, after.count == 1, let number = pageNumber(after[0]) {
                    entries.append(ContentsEntry(title: before.joined(separator: " "), page: number))
                }
            }
        }
        return entries
    }
}
