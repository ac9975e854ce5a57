import Foundation

/// Searches of UTF-8 bytes, built on the C library's `memchr` (vectorised) or on 64-bit words: the
/// per-byte loops they replace each cost about 2 % of a build, scanning every chapter's 40 kB a byte at a time.
enum ByteSearch {
    /// The offset of the first `byte` at or after `start`.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count else { return nil }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The offset of the first occurrence of `needle` at or after `start` (Swift does not see glibc's
    /// `memmem`: its first byte found with `memchr`, the rest compared).
    static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let first = needle.first else { return nil }
        var from = start
        while let index = firstIndex(of: first, in: bytes, from: from), index + needle.count <= bytes.count {
            if UnsafeBufferPointer(rebasing: bytes[index..<(index + needle.count)]).elementsEqual(needle) { return index }
            from = index + 1
        }
        return nil
    }

    /// The offset of the first byte at or after `start` that HTML escaping replaces (`& < > " '`),
    /// sixteen bytes at a time. Prose holds one every few hundred bytes (an apostrophe, a quote): the
    /// byte-at-a-time loop it replaces was 2.5% of a build, escaping every text node of every page.
    static func firstHTMLSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        // The comparands are made before the loop: made inside it, Swift compared lane by lane through
        // the stack, twice as slow as the byte loop.
        let ampersand = SIMD16<UInt8>(repeating: UInt8(ascii: "&")), less = SIMD16<UInt8>(repeating: UInt8(ascii: "<"))
        let greater = SIMD16<UInt8>(repeating: UInt8(ascii: ">")), quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let apostrophe = SIMD16<UInt8>(repeating: UInt8(ascii: "'"))
        var index = start
        while index + 16 <= bytes.count {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
            let found = (chunk .== ampersand) .| (chunk .== less) .| (chunk .== greater) .| (chunk .== quote) .| (chunk .== apostrophe)
            if anyLane(found) { break }
            index += 16
        }
        while index < bytes.count {
            if isHTMLSpecial(bytes[index]) { return index }
            index += 1
        }
        return nil
    }

    /// Whether any lane of a sixteen-byte comparison holds: its two halves as words. The standard
    /// `any(_:)` is sometimes left as a call that reduces the lanes one by one.
    @inline(__always)
    static func anyLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// `& < > " '`: the bytes HTML escaping replaces.
    @inline(__always)
    static func isHTMLSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }

    static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstIndex(of: byte, in: bytes) != nil
    }

    /// Whether some byte is an ASCII digit, eight bytes at a time: XOR with 0x30 turns exactly the
    /// digits into bytes below 10, and `hasless` of "Bit Twiddling Hacks" (exact as a yes or no) finds
    /// one. A byte loop over the prose's text nodes was the most expensive line of the parity check.
    static func containsDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ (ones &* 0x30)
            if (word &- ones &* 10) & ~word & (ones &* 0x80) != 0 { return true }
            index += 8
        }
        return bytes[index...].contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Whether some `lead` byte is followed by bytes that `follows` accepts (it sees the buffer and
    /// the lead byte's offset, and must check the bounds itself).
    static func containsSequence(startingWith lead: UInt8, in bytes: UnsafeBufferPointer<UInt8>,
                                 where follows: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
        var start = 0
        while let index = firstIndex(of: lead, in: bytes, from: start) {
            if follows(bytes, index) { return true }
            start = index + 1
        }
        return false
    }

    /// `body` over the string's contiguous UTF-8 (native Swift strings always have it; a bridged one
    /// is copied first).
    static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }
}
