/// What a command keeps until its process exits instead of freeing it. `folio build` exits right after
/// the build: freeing the publication (every chapter's document and model, a reference at a time, on
/// one core) was the build's last 20 ms at 1,200 pages, which the system does at once by ending the
/// process. Compilers skip the same work for the same reason (clang's `-disable-free`).
enum KeptUntilExit {
    static func keep(_ value: some Any) {
        _ = Unmanaged.passRetained(Kept(value))
    }

    private final class Kept<Value> {
        let value: Value

        init(_ value: Value) {
            self.value = value
        }
    }
}
