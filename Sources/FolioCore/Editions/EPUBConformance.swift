import Foundation

/// EPUB Accessibility 1.1's conformance statement (`dcterms:conformsTo`, with `a11y:certifiedBy`), in
/// the package document pandoc wrote. pandoc 3.9 writes the schema.org discovery metadata
/// (`EPUBEdition.document`) but has no field for these two, and its `--epub-metadata` file takes Dublin
/// Core elements only; so they are added to `content.opf` afterwards by Python's `zipfile` (the Python
/// that runs Typst and fontTools), which copies every other entry as it was: the same order (the
/// `mimetype` first, stored), the same dates, so the same content still gives the same bytes.
enum EPUBConformance {
    /// The conformance identifier the edition claims: WCAG 2.1 AA is what the site's own checks test
    /// (axe-core's WCAG 2.1 rules in Tests/Browser), with EPUB's navigation, language and alternatives.
    static let conformsTo = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

    /// The `<meta>` elements added to the package's metadata.
    static func metadata(certifiedBy: String) -> String {
        "<meta property=\"dcterms:conformsTo\">\(HTML.escape(conformsTo))</meta>\n"
            + "<meta property=\"a11y:certifiedBy\">\(HTML.escape(certifiedBy))</meta>\n"
    }

    /// The page list's source (EPUB Accessibility 1.1, "Page source"): the print edition its numbers
    /// come from. EPUB 3.2's `dc:source` refined as the `source-of` pagination, since the Debian
    /// EPUBCheck (4.2.6) reports 1.1's newer `a11y:pageBreakSource` as an undefined property.
    static func pageSourceMetadata(_ source: String) -> String {
        "<dc:source id=\"print-edition\">\(HTML.escape(source))</dc:source>\n"
            + "<meta refines=\"#print-edition\" property=\"source-of\">pagination</meta>\n"
    }

    /// Rewrites `source` into `target` with `metadata` before the package's `</metadata>` and, when a
    /// page-list title is given, the page list (`EPUBPageList`) at the end of the navigation document.
    static let script = EPUBPageList.navScript + "\n" + """
    import sys, zipfile
    source, target, metadata, page_list_title = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    added = False
    with zipfile.ZipFile(source) as epub, zipfile.ZipFile(target, "w") as out:
        opf_name = next(name for name in epub.namelist() if name.endswith(".opf"))
        nav_name, nav = page_list(epub, opf_name, page_list_title) if page_list_title else (None, None)
        if page_list_title and nav is None:
            sys.exit(4)
        for info in epub.infolist():
            data = epub.read(info.filename)
            if info.filename == opf_name:
                text = data.decode("utf-8")
                if "</metadata>" in text:
                    data = text.replace("</metadata>", metadata + "</metadata>", 1).encode("utf-8")
                    added = True
            elif info.filename == nav_name:
                data = data.decode("utf-8").replace("</body>", nav + "</body>", 1).encode("utf-8")
            out.writestr(info, data)
    sys.exit(0 if added else 3)
    """

    /// The EPUB at `file` with the statement added (written aside, then moved over it); a warning and
    /// the EPUB as pandoc wrote it when Python cannot do it.
    /// `pageList`: the page list's title in the edition's language and the source of its page numbers
    /// (the print edition), when the EPUB carries page-break markers.
    static func add(to file: URL, certifiedBy: String, pageList: (title: String, source: String)? = nil, python: String,
                    diagnostics: DiagnosticCollector) {
        let rewritten = file.deletingLastPathComponent().appendingPathComponent("conforming-" + file.lastPathComponent)
        var metadata = metadata(certifiedBy: certifiedBy)
        if let pageList { metadata += pageSourceMetadata(pageList.source) }
        let status = PythonRun.run(python, ["-c", script, file.path, rewritten.path, metadata, pageList.map { HTML.escape($0.title) } ?? ""])
        guard status != 4 else {
            diagnostics.warning("the EPUB has no page list and no conformance statement: its navigation document or its page-break markers were not found", at: nil)
            return
        }
        guard status == 0, FileManager.default.fileExists(atPath: rewritten.path) else {
            diagnostics.warning("the EPUB carries no accessibility conformance statement (dcterms:conformsTo): "
                                + "\(python) could not rewrite its package document (exit status \(status))", at: nil)
            return
        }
        do {
            try FileManager.default.removeItem(at: file)
            try FileManager.default.moveItem(at: rewritten, to: file)
        } catch {
            diagnostics.warning("the EPUB carries no accessibility conformance statement: \(ContentLoader.reason(error))", at: nil)
        }
    }
}

/// Runs a Python (a name on PATH or a path) with arguments, its output discarded; the exit status, or
/// -1 when it could not start.
enum PythonRun {
    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = ProgramOutput.process(executable, arguments)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
