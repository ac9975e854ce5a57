import Foundation

/// Runs a short-lived program to its end, for what it prints.
package enum ProgramOutput {
    /// A process for `executable` with `arguments`: a path is run as it is; a bare name (`python3`) is
    /// found on PATH through `/usr/bin/env`, as a shell would.
    package static func process(_ executable: String, _ arguments: [String]) -> Process {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        return process
    }

    /// The program's standard output (its standard error is dropped), or nil when it cannot start or
    /// exits with a failure.
    static func of(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `process` to its end with `input` on its standard input, and gives its exit status, standard
    /// output and standard error. The input and standard error go through temporary files rather than
    /// pipes, so no other thread has to feed or drain them: a child started from a Dispatch pool whose
    /// threads all wait on children (the editions and citeproc run per language in `concurrentPerform`)
    /// once waited seconds for a pool thread to write its input.
    static func run(_ process: Process, input: Data?) throws -> (status: Int32, output: Data, errors: Data) {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("folio-run-\(UUID().uuidString)")
        let inputFile = base.appendingPathExtension("in")
        let errorFile = base.appendingPathExtension("err")
        defer {
            try? fm.removeItem(at: inputFile)
            try? fm.removeItem(at: errorFile)
        }
        if let input {
            try input.write(to: inputFile)
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        guard fm.createFile(atPath: errorFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errorFile.path])
        }
        let errors = try FileHandle(forWritingTo: errorFile)
        process.standardError = errors
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errors.close()
        (process.standardInput as? FileHandle)?.closeFile()
        return (process.terminationStatus, outputData, (try? Data(contentsOf: errorFile)) ?? Data())
    }
}
