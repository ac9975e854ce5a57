import Testing
@testable import FolioCore

@Suite struct ByteSearchTests {
    /// The word-at-a-time digit test against the obvious byte loop: every byte value at every position
    /// of buffers from empty to longer than two words, over a background of bytes next to the digits.
    @Test func containsDigitAgreesWithAByteLoop() {
        for background: UInt8 in [0x2F, 0x3A, 0x20, 0xB0, 0xB9, 0xFF] {
            for length in 0...19 {
                var bytes = [UInt8](repeating: background, count: length)
                #expect(!bytes.withUnsafeBufferPointer(ByteSearch.containsDigit))
                for position in 0..<length {
                    for value in UInt8.min...UInt8.max {
                        bytes[position] = value
                        let expected = value >= 0x30 && value <= 0x39
                        if bytes.withUnsafeBufferPointer(ByteSearch.containsDigit) != expected {
                            Issue.record("byte \(value) at \(position) of \(length) over \(background)")
                        }
                    }
                    bytes[position] = background
                }
            }
        }
    }
}
