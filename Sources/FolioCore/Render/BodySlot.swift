import Foundation

/// Where a chapter page's body goes: the templates render a placeholder in its place, and the body's
/// bytes are spliced in when the page becomes the file's bytes. Passing the body (most of the page)
/// through Mustache as a String cost a UTF-8 validation of it and two copies.
enum BodySlot {
    /// Unique per run, so no text of a chapter or template can pose as it; letters, digits and hyphens
    /// only, so that it comes through escaping unchanged: a template that writes `{{bodyHTML}}` instead
    /// of `{{{bodyHTML}}}` still gets the body, never an empty page.
    static let placeholder = "folio-body-\(UUID().uuidString)"

    /// `page` with every occurrence of the placeholder replaced by `body`.
    static func splice(_ body: [UInt8], into page: String) -> Data {
        var page = page
        var slot = placeholder
        return page.withUTF8 { pageBytes in
            slot.withUTF8 { slotBytes in
                var data = Data(capacity: pageBytes.count + body.count)
                var copied = 0
                while let start = ByteSearch.firstIndex(of: slotBytes, in: pageBytes, from: copied) {
                    data.append(UnsafeBufferPointer(rebasing: pageBytes[copied..<start]))
                    data.append(contentsOf: body)
                    copied = start + slotBytes.count
                }
                data.append(UnsafeBufferPointer(rebasing: pageBytes[copied...]))
                return data
            }
        }
    }
}
