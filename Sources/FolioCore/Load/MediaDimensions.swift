import Foundation

/// The pixel size of the images in `Content/media/`, read from their headers, so that a figure's
/// `<img>` carries `width` and `height` and the page does not shift while it loads.
enum MediaDimensions {
    struct Size: Sendable, Hashable {
        var width: Int
        var height: Int
    }

    /// The file types a figure may show.
    static let figureExtensions: Set<String> = ["svg", "png", "jpg", "jpeg"]

    static func isFigureImage(_ file: String) -> Bool {
        figureExtensions.contains((file as NSString).pathExtension.lowercased())
    }

    /// The size of each figure image of `files` (paths under `media`) that could be read.
    static func read(_ files: [String], in media: URL) -> [String: Size] {
        var sizes: [String: Size] = [:]
        for file in files where isFigureImage(file) {
            guard let handle = try? FileHandle(forReadingFrom: media.appendingPathComponent(file)) else { continue }
            defer { try? handle.close() }
            // The size is in the first few hundred bytes of a PNG or SVG; a JPEG's frame header can
            // follow large metadata blocks, so up to 1 MiB is read.
            guard let head = try? handle.read(upToCount: 1 << 20) else { continue }
            if let size = size(of: [UInt8](head), fileName: file) { sizes[file] = size }
        }
        return sizes
    }

    static func size(of bytes: [UInt8], fileName: String) -> Size? {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "png": png(bytes)
        case "jpg", "jpeg": jpeg(bytes)
        case "svg": svg(String(decoding: bytes.prefix(8192), as: UTF8.self))
        default: nil
        }
    }

    /// PNG: the IHDR chunk follows the 8-byte signature; width and height are its first two
    /// big-endian 32-bit words.
    static func png(_ bytes: [UInt8]) -> Size? {
        guard bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        let width = bigEndian(bytes, at: 16, count: 4), height = bigEndian(bytes, at: 20, count: 4)
        return width > 0 && height > 0 ? Size(width: width, height: height) : nil
    }

    /// JPEG: the first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC) holds height, then width.
    static func jpeg(_ bytes: [UInt8]) -> Size? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            let length = bigEndian(bytes, at: index + 2, count: 2)
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let height = bigEndian(bytes, at: index + 5, count: 2), width = bigEndian(bytes, at: index + 7, count: 2)
                return width > 0 && height > 0 ? Size(width: width, height: height) : nil
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    /// SVG: the root element's `width` and `height` (in pixels or unitless), else its `viewBox`.
    static func svg(_ text: String) -> Size? {
        guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[open.upperBound..<close])
        func attribute(_ name: String) -> String? {
            for quote in ["\"", "'"] {
                guard let start = tag.range(of: " \(name)=\(quote)") ?? tag.range(of: "\n\(name)=\(quote)"),
                      let end = tag[start.upperBound...].firstIndex(of: Character(quote)) else { continue }
                return String(tag[start.upperBound..<end])
            }
            return nil
        }
        func pixels(_ value: String?) -> Int? {
            guard var value = value?.trimmingCharacters(in: .whitespaces) else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            guard let number = Double(value), number > 0, number < 100_000 else { return nil }
            return Int(number.rounded())
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")) { return Size(width: width, height: height) }
        let box = (attribute("viewBox") ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        guard box.count == 4, box[2] > 0, box[3] > 0, box[2] < 100_000, box[3] < 100_000 else { return nil }
        return Size(width: Int(box[2].rounded()), height: Int(box[3].rounded()))
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }
}
