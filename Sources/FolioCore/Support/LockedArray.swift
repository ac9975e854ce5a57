import Foundation

/// A fixed-size array that parallel tasks fill by index (`DispatchQueue.concurrentPerform`).
final class LockedArray<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element]

    init(count: Int, initial: Element) {
        storage = Array(repeating: initial, count: count)
    }

    subscript(index: Int) -> Element {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Element] { lock.withLock { storage } }
}
