import Foundation
import Testing

/// The newcomer's commands through the real executable: `--version`, `new`, `templates`, `doctor`.
/// (The whole `make install` path is Tests/Install/test-install.sh, which `make test` runs.)
@Suite struct NewcomerTests {
    let cli = CommandLineTests()

    @Test func versionNamesTheCommit() throws {
        let run = try cli.folio(["--version"], in: FileManager.default.temporaryDirectory)
        #expect(run.status == 0)
        #expect(run.stdout.range(of: #"^\d+\.\d+\.\d+ \(commit ([0-9a-f]{7,}(-dirty)?|unknown)\)\n$"#, options: .regularExpression) != nil,
                "\(run.stdout)")
    }

    @Test func newThenTemplatesListAndEject() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-newcomer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let new = try cli.folio(["new", "pub", "--title", "Cities", "--languages", "en,ru"], in: folder)
        #expect(new.status == 0, "\(new.stderr)")
        let refused = try cli.folio(["new", "pub"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("folio: error: \(folder.appendingPathComponent("pub").path) is not empty"), "\(refused.stderr)")
        let check = try cli.folio(["check", "pub", "--no-pdf"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        let eject = try cli.folio(["templates", "eject", "chapter", "i18n/ru.yml", "pub"], in: folder)
        #expect(eject.status == 0, "\(eject.stderr)")
        #expect(eject.stdout == "ejected Templates/chapter.mustache\nejected Templates/i18n/ru.yml\n")
        let list = try cli.folio(["templates", "list"], in: folder.appendingPathComponent("pub"))
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("same as default Templates/chapter.mustache"))
        #expect(lines.contains("default Templates/layout.mustache"))
        #expect(lines.contains("default Content/kpis.yml"))
        let unknown = try cli.folio(["templates", "eject", "nothing-like-it", "pub"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("error: 'nothing-like-it' is not one of folio's default files"))
    }

    @Test func doctorListsEveryPartWithWhereItWasFound() throws {
        let run = try cli.folio(["doctor"], in: FileManager.default.temporaryDirectory, environment: ["PATH": "/nonexistent"])
        // No Python on this PATH: the print edition cannot be built.
        #expect(run.status == 1)
        for part in ["Swift runtime", "Python", "Typst", "Pagefind", "pandoc", "git", "Noto fonts, Latin and Cyrillic",
                     "Noto fonts, Arabic", "Noto fonts, Chinese", "Chromium"] {
            #expect(run.stdout.contains(" \(part)"), "\(part) missing from \(run.stdout)")
        }
        #expect(run.stdout.contains("missing  Typst: the print edition (PDF)"))
        #expect(run.stdout.contains("Install: python3 -m pip install typst==0.15.2"))
        #expect(run.stdout.hasSuffix("The print edition cannot be built: install what is missing above.\n"))
    }
}
