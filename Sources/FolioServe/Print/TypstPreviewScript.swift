/// The Python side of a print view's compiler: one long-lived process per language that holds one
/// `typst.Compiler` (PyPI `typst`), so Typst's memoized layout carries over from one compile to the
/// next. It reads a job per line on standard input and answers a JSON line per job on standard output.
///
/// Each page is exported as SVG, hashed, and written to the pages folder under its hash only when no
/// page with that hash exists yet: a page that did not change is neither written nor fetched again.
/// The process ends when its standard input closes (serve stopped, even killed) or its parent is gone.
enum TypstPreviewScript {
    static let source = #"""
    import hashlib, json, os, resource, signal, sys, threading, time

    # Started from a Dispatch thread, the process may inherit blocked signals: unblock the ones that stop it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    parent = os.getppid()

    def orphan_watch():
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=orphan_watch, daemon=True).start()

    def say(value):
        sys.stdout.write(json.dumps(value) + "\n")
        sys.stdout.flush()

    setup = json.loads(sys.argv[1])
    if setup.get("hardLimitBytes"):
        # A backstop only: folio restarts the compiler long before, when its resident memory passes the limit.
        limit = setup["hardLimitBytes"]
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        import typst
    except ImportError as error:
        say({"status": "missing", "detail": str(error)})
        sys.exit(0)

    def report(item):
        return {"message": str(getattr(item, "message", item)), "diagnostic": str(getattr(item, "diagnostic", "") or ""),
                "hints": [str(h) for h in (getattr(item, "hints", None) or [])]}

    def resident_kib():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)

    # Where each labelled heading is: page numbers from Typst's own introspection of the laid-out document.
    HEADINGS = 'query(heading).filter(h => h.has("label")).map(h => (str(h.label), h.location().page()))'

    compiler = typst.Compiler(setup["input"], root=setup["root"], font_paths=setup["fonts"], ignore_system_fonts=True)
    pages_folder = setup["pages"]
    os.makedirs(pages_folder, exist_ok=True)
    say({"status": "ready", "pid": os.getpid()})

    for line in sys.stdin:
        job = json.loads(line)
        start = time.monotonic()
        result = {"id": job["id"]}
        pages = None
        try:
            pages, warnings = compiler.compile_with_warnings(format="svg")
            compiled = time.monotonic()
            if isinstance(pages, bytes):
                pages = [pages]
            hashes, written = [], 0
            for page in pages:
                digest = hashlib.blake2b(page, digest_size=8).hexdigest()
                hashes.append(digest)
                path = os.path.join(pages_folder, digest + ".svg")
                if not os.path.exists(path):
                    with open(path + ".part", "wb") as out:
                        out.write(page)
                    os.replace(path + ".part", path)
                    written += 1
            try:
                headings = json.loads(compiler.eval(HEADINGS, format="json"))
            except Exception as error:
                headings, result["headingsError"] = [], str(error)
            result.update({"status": "ok", "pages": hashes, "written": written, "headings": headings,
                           "warnings": [report(w) for w in warnings],
                           "typstSeconds": compiled - start})
        except typst.TypstError as error:
            result.update({"status": "error", "errors": [report(error)]})
        except Exception as error:
            result.update({"status": "error", "errors": [{"message": str(error), "diagnostic": "", "hints": []}]})
        result["seconds"] = time.monotonic() - start
        result["residentKiB"] = resident_kib()
        result["peakKiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        pages = None
        say(result)
    """#
}
