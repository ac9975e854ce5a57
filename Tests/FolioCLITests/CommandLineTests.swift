import Foundation
import Testing

/// Runs the real `folio` executable the way a user does, and checks exit codes and what it prints.
@Suite struct CommandLineTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `folio` built beside this test bundle by `swift test`.
    static var executable: URL? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            beside.appendingPathComponent("folio"),
            beside.deletingLastPathComponent().appendingPathComponent("folio"),
            repository.appendingPathComponent(".build/debug/folio"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `asNobody`: run as the unprivileged user 65534 (through util-linux's setpriv), for what root
    /// never meets, such as a file it may not read.
    func folio(_ arguments: [String], in folder: URL, environment: [String: String]? = nil, asNobody: Bool = false) throws -> Run {
        let process = Process()
        if let environment { process.environment = environment }
        guard let executable = Self.executable else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "folio executable not found beside the tests"])
        }
        if asNobody {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A copy of a minimal publication with the repository's templates.
    func makeProject() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/en"), withIntermediateDirectories: true)
        try "title: {en: Test}\nsource-language: en\nlanguages: [en]\n"
            .write(to: root.appendingPathComponent("Content/publication.yml"), atomically: true, encoding: .utf8)
        try "---\ntitle: Introduction\n---\nText.\n"
            .write(to: root.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func buildSucceedsAndWritesTheSite() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try folio(["build", "--no-search"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Built "))
        #expect(run.stderr.contains("0 errors, 0 warnings"))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("Public/en/introduction/index.html").path))
    }

    /// A chapter folio may not read is an error at the file; the rest is still checked. Root reads
    /// every file whatever its permissions, so as root the run drops to an unprivileged user.
    @Test func unreadableChapterIsAnErrorAtTheFile() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let chapter = project.appendingPathComponent("Content/en/02-governance.md")
        try "---\ntitle: Governance\n---\nText with a [broken link](nowhere.md).\n".write(to: chapter, atomically: true, encoding: .utf8)
        try "---\ntitle: Introduction\nsummray: typo\n---\nText.\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: chapter.path)
        let run = try folio(["check", project.path], in: FileManager.default.temporaryDirectory, asNobody: getuid() == 0)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Content/en/02-governance.md:1:1: error: cannot read the file: Permission denied"), "\(run.stderr)")
        #expect(run.stderr.contains("Content/en/01-introduction.md:3:1: warning: unknown key 'summray'"), "\(run.stderr)")
        #expect(run.stderr.contains("1 error, 1 warning"), "\(run.stderr)")
    }

    @Test func brokenFrontMatterPrintsPathLineColumnAndExitsOneLeavingPublicAsItWas() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try folio(["build", project.path, "--no-search"], in: FileManager.default.temporaryDirectory).status == 0)
        let page = project.appendingPathComponent("Public/en/introduction/index.html")
        let before = try Data(contentsOf: page)

        try "---\ntitle: Introduction\nsummary: [oops\n---\nChanged text.\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        let run = try folio(["build", "--no-search"], in: project)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Content/en/01-introduction.md:4:1: error: YAML syntax error"), "\(run.stderr)")
        #expect(run.stderr.contains("1 error, 0 warnings"))
        #expect(!run.stderr.contains("Fatal error"))
        #expect(try Data(contentsOf: page) == before)
    }

    @Test func checkWritesNothingAndJSONListsDiagnostics() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        try "---\ntitle: Intro\nstatus: draft\n---\nText.\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        let run = try folio(["check", "--format", "json"], in: project)
        #expect(run.status == 0)
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("Public").path))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["severity"] as? String == "warning")
        #expect(entries.first?["file"] as? String == "Content/en/01-introduction.md")
        #expect(entries.first?["line"] as? Int == 3)
        #expect((entries.first?["message"] as? String)?.contains("unknown key 'status'") == true)
    }

    @Test func missingContentFolderIsAClearError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("folio-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try folio(["build", "--output", empty.appendingPathComponent("out").path], in: empty)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: no Content/ folder in"))
    }

    @Test func pdfFlagsChooseWhatIsBuiltAndExcludeEachOther() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let pdf = project.appendingPathComponent("Public/en/test-en.pdf")
        let both = try folio(["build", "--no-pdf", "--pdf-only"], in: project)
        #expect(both.status == 64)
        #expect(both.stderr.contains("--no-pdf and --pdf-only exclude each other"))

        let site = try folio(["build", "--no-pdf"], in: project)
        #expect(site.status == 0, "\(site.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pdf.path))

        let print = try folio(["build", "--pdf-only", "--timings"], in: project)
        #expect(print.status == 0, "\(print.stderr)")
        #expect(FileManager.default.fileExists(atPath: pdf.path))
        #expect(print.stdout.contains("Built 1 files"))
        // The benchmark reads these lines: generation against compile time, per language and in total.
        #expect(print.stderr.contains("print en: generate "))
        #expect(print.stderr.contains("print total: generate "))
        #expect(print.stderr.contains("% of compile"))
    }
}
