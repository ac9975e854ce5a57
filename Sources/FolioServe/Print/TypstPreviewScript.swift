/// The Python side of a print view's compiler: one long-lived process per language that holds one
/// `typst.Compiler` (PyPI `typst`), so Typst's memoized layout carries over from one compile to the
/// next. It reads a job per line on standard input and answers a JSON line per job on standard output.
///
/// Each job compiles to PDF: the `typst` module has no page selection, and exporting every page as SVG
/// costs seconds on a 300-page book where the PDF costs a fraction of one. Each page of the PDF gets a
/// fingerprint (pikepdf) of what it draws: its content streams and its resources (fonts, images,
/// charts), followed through their references, so that object numbers do not matter. Only pages whose
/// fingerprint has no image yet are rendered, as `<fingerprint>.svg` in the pages folder: by poppler's
/// `pdftocairo`, one process per page, in parallel; or, when so many pages are new that it is cheaper
/// (the first compile), by Typst's own export of all pages. A page that did not change is neither
/// rendered nor fetched again. The labelled headings' pages are read from the named destinations Typst
/// writes for them. Without pikepdf or pdftocairo every compile exports all pages with Typst.
/// The process ends when its standard input closes (serve stopped, even killed) or its parent is gone,
/// and takes its `pdftocairo` children with it.
enum TypstPreviewScript {
    static let source = #"""
    import concurrent.futures, hashlib, json, math, os, resource, shutil, signal, subprocess, sys, threading, time

    # Started from a Dispatch thread, the process may inherit blocked signals: unblock the ones that stop it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    STOPPING = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    for number in STOPPING:
        signal.signal(number, signal.SIG_DFL)
    parent = os.getppid()
    children, children_lock = set(), threading.Lock()

    def end(*_):
        # Stopped while pages are rendered: the renderers go too, so that nothing outlives serve.
        with children_lock:
            for child in children:
                try:
                    child.kill()
                except OSError:
                    pass
        os._exit(0)

    def orphan_watch():
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                end()

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
    try:
        import pikepdf
    except ImportError:
        pikepdf = None
    pdftocairo = shutil.which("pdftocairo")
    slow_path = None if pikepdf and pdftocairo else (
        "pikepdf is missing (`pip install pikepdf`)" if not pikepdf else "pdftocairo is missing (Debian's poppler-utils)")

    def report(item):
        return {"message": str(getattr(item, "message", item)), "diagnostic": str(getattr(item, "diagnostic", "") or ""),
                "hints": [str(h) for h in (getattr(item, "hints", None) or [])]}

    def resident_kib():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)

    def read_pages(path):
        """The PDF at `path`: a fingerprint per page of what it shows, whatever its objects' numbers; and
        [label, page] of each labelled heading in page order, from the named destinations Typst makes for
        them (none when it made none)."""
        digests = {}

        def digest(value):
            if not isinstance(value, pikepdf.Object):
                return repr(value).encode()
            key = value.objgen if value.is_indirect else None
            if key:
                if key in digests:
                    return digests[key]
                digests[key] = b"cycle"
            h = hashlib.blake2b(digest_size=16)
            if isinstance(value, pikepdf.Stream):
                h.update(b"S")
                h.update(value.read_raw_bytes())
                for name in sorted(value.keys()):
                    h.update(name.encode())
                    h.update(digest(value[name]))
            elif isinstance(value, pikepdf.Dictionary):
                h.update(b"D")
                for name in sorted(value.keys()):
                    h.update(name.encode())
                    h.update(digest(value[name]))
            elif isinstance(value, pikepdf.Array):
                h.update(b"A")
                for item in value:
                    h.update(digest(item))
            else:
                h.update(repr(value).encode())
            result = h.digest()
            if key:
                digests[key] = result
            return result

        # Annotations (links) are left out: poppler draws none of them, and a link's target leads to other pages.
        drawn = ("/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate", "/Group")
        inherited = {"/Resources", "/MediaBox", "/CropBox", "/Rotate"}
        with pikepdf.open(path) as pdf:
            result, numbers = [], {}
            for number, page in enumerate(pdf.pages, start=1):
                numbers[page.obj.objgen] = number
                h = hashlib.blake2b(digest_size=8)
                for name in drawn:
                    node = page.obj
                    while name not in node and name in inherited and "/Parent" in node:
                        node = node.Parent
                    if name in node:
                        h.update(name.encode())
                        h.update(digest(node[name]))
                result.append(h.hexdigest())
            places = []
            names = pdf.Root.get("/Names")
            if names is not None and "/Dests" in names:
                for label, target in pikepdf.NameTree(names.Dests).items():
                    if isinstance(target, pikepdf.Dictionary):
                        target = target.get("/D")
                    if not isinstance(target, pikepdf.Array) or len(target) < 1:
                        continue
                    number = numbers.get(target[0].objgen) if isinstance(target[0], pikepdf.Object) else None
                    top = target[3] if len(target) > 3 and target[1] == "/XYZ" else None
                    if number:
                        places.append((number, -float(top) if top is not None else 0.0, len(places), str(label)))
            return result, [[label, number] for number, _, _, label in sorted(places)]

    # Seconds per page of each way to render, as last measured: Typst exports all pages, poppler only the
    # new ones, one process per page, as many at once as there are cores.
    cost = {"typst": 0.01, "poppler": 0.15}
    cores = max(os.cpu_count() or 1, 1)

    def render_with_poppler(pdf_path, jobs):
        def one(job):
            number, target = job
            part = target + ".part"
            with children_lock:
                child = subprocess.Popen([pdftocairo, "-svg", "-f", str(number), "-l", str(number), pdf_path, part],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                children.add(child)
            try:
                _, errors = child.communicate()
            finally:
                with children_lock:
                    children.discard(child)
            if child.returncode != 0:
                raise RuntimeError(f"pdftocairo could not render page {number}: {errors.decode(errors='replace').strip()}")
            os.replace(part, target)

        # Only while they run does a stop wait for Python to end them; otherwise it ends the process at once
        # (a Python handler would wait for a Typst compile to return).
        for number in STOPPING:
            signal.signal(number, end)
        try:
            with concurrent.futures.ThreadPoolExecutor(max_workers=min(cores, len(jobs))) as pool:
                list(pool.map(one, jobs))
        finally:
            for number in STOPPING:
                signal.signal(number, signal.SIG_DFL)

    def render_with_typst(jobs):
        pages = compiler.compile(format="svg")
        if isinstance(pages, bytes):
            pages = [pages]
        for number, target in jobs:
            with open(target + ".part", "wb") as out:
                out.write(pages[number - 1])
            os.replace(target + ".part", target)

    def render(pdf_path, jobs, page_count, result):
        """Writes the page images `jobs` asks for ([page number, file]); returns the renderer it used."""
        if not jobs:
            return None
        by_poppler = math.ceil(len(jobs) / cores) * cost["poppler"]
        renderer = setup.get("renderer") or ("poppler" if by_poppler <= page_count * cost["typst"] else "typst")
        start = time.monotonic()
        if renderer == "poppler":
            try:
                render_with_poppler(pdf_path, jobs)
                per_page = (time.monotonic() - start) / math.ceil(len(jobs) / cores)
            except Exception as error:
                # The pages are still shown, from Typst's export; serve logs why.
                result["renderProblem"] = str(error)
                render_with_typst(jobs)
                return "typst"
        else:
            render_with_typst(jobs)
            per_page = (time.monotonic() - start) / page_count
        cost[renderer] = (cost[renderer] + per_page) / 2
        return renderer

    # Where each labelled heading is, from Typst's own introspection of the laid-out document: asked only
    # when the PDF has no named destinations (a query costs a compile's memoized pass, 0.14 s on 300 pages).
    HEADINGS = 'query(heading).filter(h => h.has("label")).map(h => (str(h.label), h.location().page()))'

    compiler = typst.Compiler(setup["input"], root=setup["root"], font_paths=setup["fonts"], ignore_system_fonts=True)
    pages_folder = setup["pages"]
    pdf_path = setup["pdf"]
    os.makedirs(pages_folder, exist_ok=True)
    say({"status": "ready", "pid": os.getpid(), "slowPath": slow_path})

    for line in sys.stdin:
        job = json.loads(line)
        start = time.monotonic()
        result = {"id": job["id"]}
        svgs = None
        try:
            if slow_path is None:
                # Untagged: the tags serve readers of the published PDF, not the page images, and cost 0.1 s on 300 pages.
                pdf, warnings = compiler.compile_with_warnings(format="pdf", pdf_tags=False)
                compiled = time.monotonic()
                with open(pdf_path + ".part", "wb") as out:
                    out.write(pdf)
                os.replace(pdf_path + ".part", pdf_path)
                pdf = None
                hashes, headings = read_pages(pdf_path)
            else:
                svgs, warnings = compiler.compile_with_warnings(format="svg")
                compiled = time.monotonic()
                svgs = [svgs] if isinstance(svgs, bytes) else svgs
                hashes = [hashlib.blake2b(page, digest_size=8).hexdigest() for page in svgs]
                headings = []
            fingerprinted = time.monotonic()
            jobs, wanted = [], set()
            for number, digest in enumerate(hashes, start=1):
                target = os.path.join(pages_folder, digest + ".svg")
                if digest not in wanted and not os.path.exists(target):
                    wanted.add(digest)
                    jobs.append((number, target))
            if slow_path is None:
                renderer = render(pdf_path, jobs, len(hashes), result)
            else:
                for number, target in jobs:
                    with open(target + ".part", "wb") as out:
                        out.write(svgs[number - 1])
                    os.replace(target + ".part", target)
                renderer, svgs = "typst" if jobs else None, None
            rendered = time.monotonic()
            if not headings:
                try:
                    headings = json.loads(compiler.eval(HEADINGS, format="json"))
                except Exception as error:
                    headings, result["headingsError"] = [], str(error)
            result.update({"status": "ok", "pages": hashes, "written": len(jobs), "renderer": renderer,
                           "headings": headings, "warnings": [report(w) for w in warnings],
                           "typstSeconds": compiled - start, "fingerprintSeconds": fingerprinted - compiled,
                           "renderSeconds": rendered - fingerprinted, "headingsSeconds": time.monotonic() - rendered})
        except typst.TypstError as error:
            result.update({"status": "error", "errors": [report(error)]})
        except Exception as error:
            result.update({"status": "error", "errors": [{"message": str(error), "diagnostic": "", "hints": []}]})
        result["seconds"] = time.monotonic() - start
        result["residentKiB"] = resident_kib()
        result["peakKiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        say(result)
    """#
}
