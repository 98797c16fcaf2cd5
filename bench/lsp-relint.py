#!/usr/bin/env python3
"""Editor re-lint latency: drives `backlint lsp` over stdio on a project, opens one file, then
edits it N times and prints, per edit, the time from the end of the server's debounce to the
`publishDiagnostics` of that version (median and max at the end).

    python3 bench/lsp-relint.py BACKLINT PROJECT_DIR FILE [N]

FILE is relative to PROJECT_DIR. Each edit appends a comment line, so the findings stay the
same and only the re-lint is timed.
"""

import json
import os
import statistics
import subprocess
import sys
import time

DEBOUNCE_S = 0.250  # the server's debounce (src/lsp.rs DEBOUNCE)


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def read(proc):
    length = 0
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("server closed its output")
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(proc.stdout.read(length))


def wait_for(proc, predicate):
    while True:
        message = read(proc)
        if predicate(message):
            return message


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    binary, root, rel = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    edits = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    path = os.path.join(root, rel)
    uri = "file://" + path
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    comment = "#" if path.endswith(".py") else "//"
    proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root)
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"capabilities": {}, "rootUri": "file://" + root}})
    wait_for(proc, lambda m: m.get("id") == 1)
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    started = time.perf_counter()
    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    wait_for(proc, lambda m: m.get("method") == "textDocument/publishDiagnostics"
             and m["params"]["uri"] == uri)
    print(f"first lint (project read): {1000 * (time.perf_counter() - started):.0f} ms")
    samples = []
    for version in range(2, edits + 2):
        text += f"\n{comment} edit {version}\n"
        sent = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
        wait_for(proc, lambda m: m.get("method") == "textDocument/publishDiagnostics"
                 and m["params"].get("version") == version)
        samples.append(1000 * (time.perf_counter() - sent - DEBOUNCE_S))
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    wait_for(proc, lambda m: m.get("id") == 2)
    send(proc, {"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=10)
    print("re-lint after debounce, ms: " + " ".join(f"{s:.0f}" for s in samples))
    print(f"median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms")


if __name__ == "__main__":
    main()
