#!/usr/bin/env python3
"""Edit-to-reload latency of `folio serve`: the time from a chapter file being saved (atomically, as
editors do) to the live-reload event reaching a connected browser, over many one-paragraph edits.

usage: serve_latency.py FOLIO_BINARY PROJECT_FOLDER CHAPTER_FILE [--edits N]
The project is copied to a temporary folder first; the original is never touched."""
import argparse, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folio")
    parser.add_argument("project")
    parser.add_argument("chapter", help="path of the chapter to edit, relative to the project")
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="folio-latency-")
    try:
        for name in ("Content", "Templates"):
            shutil.copytree(os.path.join(args.project, name), os.path.join(work, name))
        server = subprocess.Popen([os.path.abspath(args.folio), "serve", "--port", "0"], cwd=work,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            port = None
            deadline = time.monotonic() + 300
            while port is None and time.monotonic() < deadline:
                line = server.stdout.readline()
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if match:
                    port = int(match.group(1))
            if port is None:
                sys.exit("folio serve did not start")
            events = socket.create_connection(("127.0.0.1", port))
            events.sendall(b"GET /__folio/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            events.settimeout(10)
            buffer = b""
            while b": connected" not in buffer:
                buffer += events.recv(4096)
            path = os.path.join(work, args.chapter)
            with open(path, encoding="utf-8") as f:
                original = f.read()
            latencies = []
            for edit in range(args.edits):
                time.sleep(0.3)
                text = original.replace("\n\n", f"\n\nRevision {edit} of this paragraph.\n\n", 1)
                temporary = path + ".tmp-save"
                with open(temporary, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(temporary, path)          # an editor's atomic save
                saved = time.monotonic()
                buffer = b""
                while b"event: reload" not in buffer:
                    buffer += events.recv(4096)
                latencies.append((time.monotonic() - saved) * 1000)
            latencies.sort()
            print(f"edits: {len(latencies)}")
            print(f"median: {statistics.median(latencies):.1f} ms")
            print(f"p90: {latencies[int(len(latencies) * 0.9) - 1]:.1f} ms")
            print(f"min: {latencies[0]:.1f} ms  max: {latencies[-1]:.1f} ms")
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
