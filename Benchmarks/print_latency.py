#!/usr/bin/env python3
"""Edit-to-page latency of `folio serve`'s print view: the time from a chapter file being saved
(atomically, as editors do) to the `print` event naming the changed pages AND the first changed page's
new image having been fetched from the server, over many one-sentence edits; side by side with a full
`folio build --pdf-only` of the same content.

usage: print_latency.py FOLIO_BINARY PROJECT_FOLDER CHAPTER_FILE [--lang en] [--edits 20] [--builds 3]
The project is copied to a temporary folder first; the original is never touched. A 300-page edition:
    Benchmarks/generate_corpus.py /tmp/corpus --chapters 24 --languages 1
    print_latency.py .build/release/folio /tmp/corpus/folio Content/en/07-<slug>.md
"""
import argparse, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request


class Events:
    """The server's Server-Sent Events, read from a plain socket."""

    def __init__(self, port):
        self.socket = socket.create_connection(("127.0.0.1", port))
        self.socket.sendall(b"GET /__folio/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
        self.socket.settimeout(600)
        self.buffer = b""
        while b": connected" not in self.buffer:
            self.buffer += self.socket.recv(65536)
        self.buffer = self.buffer[self.buffer.index(b": connected") + len(b": connected\n\n"):]

    def next(self):
        """(name, data) of the next event (HTTP chunk framing lines are skipped)."""
        while b"\n\n" not in self.buffer:
            self.buffer += self.socket.recv(65536)
        raw, self.buffer = self.buffer.split(b"\n\n", 1)
        name, data = None, []
        for line in raw.decode("utf-8").split("\n"):
            line = line.strip("\r")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
        return name, "\n".join(data)

    def wait_print(self, lang):
        while True:
            name, data = self.next()
            if name == "print" and json.loads(data)["lang"] == lang:
                return json.loads(data)
            if name == "print-errors" and json.loads(data)["lang"] == lang:
                sys.exit("the print view has errors:\n" + "\n".join(json.loads(data)["errors"]))
            if name == "errors":
                sys.exit("the site has errors:\n" + data)


def get(url):
    with urllib.request.urlopen(url, timeout=600) as reply:
        return reply.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folio")
    parser.add_argument("project")
    parser.add_argument("chapter", help="path of the chapter to edit, relative to the project")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--builds", type=int, default=3, help="runs of `folio build --pdf-only` to compare with")
    args = parser.parse_args()
    folio = os.path.abspath(args.folio)

    work = tempfile.mkdtemp(prefix="folio-print-latency-")
    try:
        for name in ("Content", "Templates"):
            if os.path.isdir(os.path.join(args.project, name)):
                shutil.copytree(os.path.join(args.project, name), os.path.join(work, name))
        build_times = []
        for _ in range(args.builds):
            start = time.monotonic()
            run = subprocess.run([folio, "build", "--pdf-only", "--lang", args.lang, "--output", os.path.join(work, "out")],
                                 cwd=work, capture_output=True, text=True)
            build_times.append((time.monotonic() - start) * 1000)
            if run.returncode != 0:
                sys.exit("folio build --pdf-only failed:\n" + run.stderr)
        shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)

        server = subprocess.Popen([folio, "serve", "--port", "0", "--lang", args.lang, "--verbose"], cwd=work,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        log = []

        def pump():
            # The log is read all along: --verbose writes a line per request, and a full pipe would block serve.
            for line in server.stdout:
                log.append(line)

        threading.Thread(target=pump, daemon=True).start()
        try:
            port = None
            deadline = time.monotonic() + 600
            while port is None and time.monotonic() < deadline:
                match = next((m for m in map(re.compile(r"http://127\.0\.0\.1:(\d+)/").search, list(log)) if m), None)
                if match:
                    port = int(match.group(1))
                else:
                    time.sleep(0.05)
            if port is None:
                sys.exit("folio serve did not start:\n" + "".join(log))
            base = f"http://127.0.0.1:{port}/__folio/print/{args.lang}/"
            events = Events(port)
            start = time.monotonic()
            state = json.loads(get(base + "state.json"))
            if not state["pages"]:
                state = events.wait_print(args.lang)
            first = (time.monotonic() - start) * 1000
            pages = len(state["pages"])

            path = os.path.join(work, args.chapter)
            with open(path, encoding="utf-8") as f:
                original = f.read()
            latencies, changed_counts = [], []
            for edit in range(args.edits):
                time.sleep(0.3)
                text = original.replace("\n\n", f"\n\nRevision {edit} of this paragraph.\n\n", 1)
                temporary = path + ".tmp-save"
                with open(temporary, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(temporary, path)
                saved = time.monotonic()
                state = events.wait_print(args.lang)
                if state["changed"]:
                    image = get(base + "pages/" + state["pages"][state["changed"][0] - 1] + ".svg")
                    assert image.startswith(b"<svg") or b"<svg" in image[:200]
                latencies.append((time.monotonic() - saved) * 1000)
                changed_counts.append(len(state["changed"]))
        finally:
            server.terminate()
            server.wait(timeout=30)
        latencies.sort()
        # serve's own account of each compile: "print en: 312 ms (Typst 250 ms, fingerprints 20 ms, rendering
        # 30 ms by poppler, headings 10 ms), …; compiler memory 180 MiB"
        compiles = [re.search(r"^print \S+: (\d+) ms \(Typst (\d+) ms, fingerprints (\d+) ms, rendering (\d+) ms"
                              r"(?: by (\w+))?, headings (\d+) ms\).*compiler memory (\d+) MiB", line) for line in log]
        compiles = [m for m in compiles if m][1:]
        print(f"print edition ({args.lang}): {pages} pages")
        print(f"first view (compiler start + full compile): {first:.0f} ms")
        print(f"edits: {len(latencies)}; changed pages per edit: median {statistics.median(changed_counts):.0f}, "
              f"max {max(changed_counts)}")
        print(f"edit -> print event -> page image: median {statistics.median(latencies):.1f} ms, "
              f"p90 {latencies[max(int(len(latencies) * 0.9) - 1, 0)]:.1f} ms, "
              f"min {latencies[0]:.1f} ms, max {latencies[-1]:.1f} ms")
        rebuilds = [int(m.group(1)) for m in map(re.compile(r"^Rebuilt in (\d+) ms").search, log) if m]
        if rebuilds:
            print(f"serve's site rebuild before each compile: median {statistics.median(rebuilds)} ms")
        if compiles:
            def median(group):
                return statistics.median(int(m.group(group)) for m in compiles)
            renderers = sorted({m.group(5) for m in compiles if m.group(5)})
            print(f"serve's print compile (document, PDF, changed pages rendered): median {median(1)} ms, of which "
                  f"Typst's PDF {median(2)} ms, fingerprints {median(3)} ms, rendering {median(4)} ms "
                  f"(by {', '.join(renderers) or 'none'}), headings {median(6)} ms; compiler memory at the end "
                  f"{compiles[-1].group(7)} MiB")
        print(f"folio build --pdf-only --lang {args.lang}: median {statistics.median(build_times):.0f} ms "
              f"over {len(build_times)} runs")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
