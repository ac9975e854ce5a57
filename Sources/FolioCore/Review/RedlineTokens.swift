/// A block's text cut for the redline: words, and punctuation marks on their own (so that "planning."
/// and "planning," differ by their mark, not by the word), each with the space written after it. A
/// cross-reference or a citation is one token, as it reads ("section 1.2"), with where it leads: it
/// changed when its words or its target did.
struct RedlineTokens: Sendable, Hashable {
    var texts: [String] = []
    /// The whitespace after each token: " " or "" (runs of spaces and line breaks are one space).
    var spaces: [String] = []
    /// Where each token leads: nil for words and marks, a link for a reference or a citation.
    var links: [RedlineLink?] = []

    /// Marks that are tokens of their own, CriticMarkup's braces and signs included.
    private static let punctuation: Set<Character> = [".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "{", "}", "\"", "“", "”",
                                                      "«", "»", "„", "…", "—", "–", "<", ">", "~", "+", "=", "|", "*", "、", "。", "，", "；", "："]

    init() {}

    init(_ text: String) {
        append(text)
    }

    /// One token standing for a reference or a citation, as it reads.
    mutating func appendAtom(_ text: String, link: RedlineLink?) {
        texts.append(text)
        spaces.append("")
        links.append(link)
    }

    /// Text cut into words and marks after the tokens so far (a space it starts with follows the last).
    mutating func append(_ text: String) {
        var word = ""
        func flush(space: Bool) {
            if !word.isEmpty {
                texts.append(word)
                spaces.append("")
                links.append(nil)
                word = ""
            }
            if space, !spaces.isEmpty { spaces[spaces.count - 1] = " " }
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            // A decimal point or separator between digits belongs to its number (`81.79`, `1,5`).
            let inNumber = (character == "." || character == ",") && word.last?.isNumber == true
                && index + 1 < characters.count && characters[index + 1].isNumber
            if character.isWhitespace {
                flush(space: true)
            } else if Self.punctuation.contains(character), !inNumber {
                flush(space: false)
                texts.append(String(character))
                spaces.append("")
                links.append(nil)
            } else {
                word.append(character)
            }
        }
        flush(space: false)
    }

    /// How many of the tokens are words (hold a letter or a digit), in `range`.
    func wordCount(_ range: Range<Int>) -> Int {
        texts[range].count { $0.contains { $0.isLetter || $0.isNumber } }
    }

    var wordCount: Int { wordCount(0..<texts.count) }

    /// The tokens of `range` written out, with their spaces.
    func written(_ range: Range<Int>) -> String {
        range.map { texts[$0] + spaces[$0] }.joined()
    }

    /// What two tokens are compared by: their text, and for a reference or a citation its target too.
    private var keys: [String] {
        guard links.contains(where: { $0 != nil }) else { return texts }
        return zip(texts, links).map { text, link in link.map { "\(text)\u{1}\($0.href)" } ?? text }
    }

    /// The differences from `old` to `new`: unchanged runs, removed runs (as they were written) and added
    /// runs, each with its tokens (of `new` for unchanged and added runs, of `old` for removed ones).
    static func diff(_ old: RedlineTokens, _ new: RedlineTokens) -> [RedlinePiece] {
        var removals = Set<Int>()
        var insertions = Set<Int>()
        for change in new.keys.difference(from: old.keys) {
            switch change {
            case .remove(let offset, _, _): removals.insert(offset)
            case .insert(let offset, _, _): insertions.insert(offset)
            }
        }
        var pieces: [RedlinePiece] = []
        var i = 0
        var j = 0
        while i < old.texts.count || j < new.texts.count {
            let removedStart = i
            while i < old.texts.count, removals.contains(i) { i += 1 }
            let addedStart = j
            while j < new.texts.count, insertions.contains(j) { j += 1 }
            if i > removedStart {
                // The old text had a space before the removed words where the new text has none (a word
                // replaced by a comma): it goes before the deletion, so that the words stay apart.
                var text = old.written(removedStart..<i)
                if removedStart > 0, old.spaces[removedStart - 1] == " ", case .same(let before, _)? = pieces.last, !before.hasSuffix(" ") {
                    text = " " + text
                }
                pieces.append(.removed(text, words: old.wordCount(removedStart..<i), tokens: removedStart..<i))
            }
            if j > addedStart {
                pieces.append(.added(new.written(addedStart..<j), words: new.wordCount(addedStart..<j), tokens: addedStart..<j))
            }
            if i == removedStart, j == addedStart {
                guard i < old.texts.count, j < new.texts.count else { break }
                let start = j
                while i < old.texts.count, j < new.texts.count, !removals.contains(i), !insertions.contains(j) {
                    i += 1
                    j += 1
                }
                pieces.append(.same(new.written(start..<j), tokens: start..<j))
            }
        }
        return pieces
    }
}

/// A run of a redlined block: its text as written out, and its tokens' range (in the new block's
/// tokens, or the old block's for a removed run).
public enum RedlinePiece: Sendable, Hashable {
    case same(String, tokens: Range<Int>)
    case removed(String, words: Int, tokens: Range<Int>)
    case added(String, words: Int, tokens: Range<Int>)
}
