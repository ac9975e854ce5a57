import ArgumentParser
import FolioCore
import Foundation

/// A path given on the command line, relative to the current folder.
func commandLineURL(_ path: String) -> URL {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a publication that builds at once (publication.yml, an example chapter, .gitignore).",
        discussion: "The folder must be new or empty. The publication uses folio's built-in templates and KPI catalogue; `folio templates eject` copies them in for editing.")

    @Argument(help: "The folder to create the publication in.", completion: .directory)
    var path: String

    @Option(help: "The publication's title, in the source language.")
    var title: String?

    @Option(help: "The languages, source language first, separated by commas (any of ar, en, es, fr, ru, zh).")
    var languages: String = "en"

    func run() throws {
        let codes = languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let folder = commandLineURL(path)
        let problems = Scaffold.create(.init(folder: folder, title: title, languages: codes))
        guard problems.isEmpty else {
            report(problems, format: .text, success: nil)
            throw ExitCode.failure
        }
        print("""
        Created a publication in \(folder.path).
        Next: folio build \(path)       (the site and the PDFs in \(path)/Public)
              folio serve \(path)       (a preview that reloads on every save)
        """)
    }
}

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The built-in templates, strings, stylesheet, scripts, print design and KPI catalogue.",
        subcommands: [List.self, Eject.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which files the publication overrides, which are folio's defaults, and which overrides are older than the current default.")

        @Argument(help: "The publication folder (default: the current folder).", completion: .directory)
        var path: String = "."

        func run() throws {
            let entries = TemplateInventory(project: commandLineURL(path)).list()
            let width = entries.map(\.state.rawValue.count).max() ?? 0
            for entry in entries {
                print(entry.state.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + entry.path)
            }
        }
    }

    struct Eject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy folio's defaults into the publication for editing.",
            discussion: "NAME is a file (layout.mustache, i18n/fr.yml, print/folio.typ, assets/folio.css, kpis.yml), a template's name (partials/toc-entry) or a folder (i18n, partials, print, assets); without NAME, every default. The last argument is the publication folder when it is an existing folder and not a default's name.")

        @Argument(help: "The defaults to copy, then the publication folder (default: the current folder).", completion: .file())
        var arguments: [String] = []

        @Flag(help: "Replace files the publication already has with the default.")
        var force = false

        func run() throws {
            var names = arguments
            var project = commandLineURL(".")
            if let last = names.last {
                let inventory = TemplateInventory(project: project)
                var isFolder: ObjCBool = false
                let url = commandLineURL(last)
                if inventory.select([last]).paths.isEmpty || !inventory.select([last]).diagnostics.isEmpty,
                   FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                    project = url
                    names.removeLast()
                }
            }
            let outcome = TemplateInventory(project: project).eject(names, replace: force)
            for path in outcome.written { print("ejected \(path)") }
            if !outcome.diagnostics.isEmpty {
                report(outcome.diagnostics, format: .text, success: nil)
                throw ExitCode.failure
            }
            if outcome.written.isEmpty { print("nothing to eject: the publication has its own copy of every file asked for") }
        }
    }
}

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the external parts folio uses (Swift runtime, Python and Typst, Pagefind, pandoc, git, Noto fonts, Chromium), their versions and where they are.",
        discussion: "For a missing part it says what is affected and how to install it. Exits 1 when the print edition cannot be built. With PATH, only the fonts of that publication's languages are required.")

    @Argument(help: "A publication folder: check the fonts of its languages only.", completion: .directory)
    var path: String?

    func run() throws {
        let report = FolioCore.Doctor.examine(project: path.map(commandLineURL))
        print("folio \(FolioVersion.description)")
        print(report.text, terminator: "")
        if !report.healthy { throw ExitCode.failure }
    }
}
