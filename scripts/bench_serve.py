#!/usr/bin/env python3
"""scripts/bench serve: N scripted SSH attendees on loopback against a running `boxlab serve`.

Each client is OpenSSH's ssh on a pty of its own: it logs in, opens the first lesson, waits for its
lab, then types into the lesson screen's terminal. Reported: the memory of serve and everything it
started (its labs) before and with N attendees, and keystroke-to-echo latency (a key written to
ssh until the screen's update carrying it comes back), bounded in count and time.
usage: bench_serve.py PORT SERVE_PID N [KEYS_PER_CLIENT]
"""
import os, pty, select, subprocess, sys, time

port, serve_pid, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
keys = int(sys.argv[4]) if len(sys.argv) > 4 else 20
DEADLINE = time.time() + 240


def pss_kib(pid):
    """Proportional set size: shared pages (bash, libc) counted once across processes, unlike RSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root):
    """Memory (PSS) of root and all its descendants (KiB)."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    kids = {}
    for line in out.splitlines():
        pid, ppid = (int(x) for x in line.split())
        kids.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += pss_kib(p)
        todo.extend(kids.get(p, []))
    return total


class Client:
    def __init__(self, name):
        self.name = name
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp("ssh", ["ssh", "-p", str(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                              "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
                              f"{name}@127.0.0.1"])
        os.set_blocking(self.fd, False)
        self.buf = b""

    def read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if r:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            self.buf += data
            return data
        return b""

    def wait_for(self, text, seconds):
        end = min(time.time() + seconds, DEADLINE)
        while time.time() < end:
            if text in self.buf:
                self.buf = b""
                return True
            self.read(0.1)
        return False

    def write(self, data):
        os.write(self.fd, data)

    def close(self):
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


base = tree_rss_kib(serve_pid)
clients = []
try:
    for i in range(n):
        c = Client(f"bench{i}")
        clients.append(c)
        if not c.wait_for(b"assword:", 20):
            sys.exit(f"bench{i}: no password prompt")
        c.write(b"bench\r")
    for c in clients:
        if not c.wait_for(b"Pick a lesson", 60):
            sys.exit(f"{c.name}: no lesson list")
        c.write(b"\r")
    for c in clients:
        if not c.wait_for(b"lab ready", 120):
            sys.exit(f"{c.name}: no lab")
    time.sleep(3)
    for c in clients:
        c.read(0.05)
    with_labs = tree_rss_kib(serve_pid)
    print(f"serve alone: {base / 1024:.0f} MiB (PSS); with {n} attendees in a lesson each: {with_labs / 1024:.0f} MiB "
          f"({(with_labs - base) / 1024 / n:.1f} MiB per attendee: lab processes, shells and the JVM's screen)")
    for c in clients:  # into the screen's terminal pane
        c.write(b":")
        c.read(0.3)
    lat = []
    for k in range(keys):
        for c in clients:
            if time.time() > DEADLINE:
                break
            ch = bytes([ord("a") + k % 26])
            c.buf = b""
            t0 = time.perf_counter()
            c.write(ch)
            while time.perf_counter() - t0 < 5:
                c.read(0.05)
                if ch in c.buf:
                    lat.append((time.perf_counter() - t0) * 1000)
                    break
            time.sleep(0.02)
    for c in clients:
        c.write(b"\x15")  # Ctrl-U: the typed line away
    lat.sort()
    if lat:
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
        print(f"keystroke to echo, {n} attendees, {len(lat)} keys: p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, max {lat[-1]:.1f} ms")
finally:
    for c in clients:
        c.close()
