#!/usr/bin/env python3
"""scripts/bench serve: N scripted SSH attendees on loopback against a running `boxlab serve`.

Each attendee is OpenSSH's ssh on a pty of its own (100x30): it logs in, opens the first lesson and
waits for its lab. Then, with everyone in a lesson:
  - memory (PSS: shared pages counted once) of serve and everything it started, before and after;
  - CPU of serve and everything it started (its labs, their shells and commands; the reaped ones
    too) while nobody types, and while everyone works at a person's pace at once: into the lesson
    screen's terminal pane, the line `V=1 ls /proc >/dev/null # QZXJ` and Enter (a command that forks)
    at a key every 150-250 ms, then 5-15 s of reading (PAUSE=0: typing without a pause);
  - keystroke to echo under that load: from writing an upper-case marker key to ssh until the
    screen's update carrying it comes back (markers Q Z X J V, which nothing else on that screen
    draws; V is the first key typed after a pause, the others come while typing).
A lab is ready when serve's class view (RUN_DIR/class.json) shows its step's checks: they run only
in a ready lab (the screen's bytes cannot tell: it sends only the cells that changed).
usage: bench_serve.py PORT SERVE_PID N RUN_DIR [LOAD_SECONDS [PAUSE]]
"""
import fcntl, json, os, pty, random, select, struct, subprocess, sys, termios, time

port, serve_pid, n, run_dir = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
load_seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 30
pause = float(sys.argv[6]) if len(sys.argv) > 6 else 10  # mean seconds of reading between commands
DEADLINE = time.time() + 900
LINE = b"V=1 ls /proc >/dev/null # QZXJ"  # V: the first key after a pause, the others mid-line
MARKERS = b"QZXJV"
HZ = os.sysconf("SC_CLK_TCK")


def children():
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    kids = {}
    for line in out.splitlines():
        pid, ppid = (int(x) for x in line.split())
        kids.setdefault(ppid, []).append(pid)
    return kids


def tree(root):
    kids, todo, seen = children(), [root], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(kids.get(p, []))
    return seen


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kib(root):
    return sum(pss_kib(p) for p in tree(root))


def ticks(pid, reaped=True):
    """CPU ticks of a process (utime stime), with its reaped children's (cutime cstime) when asked."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15 if reaped else 13])
    except (OSError, IndexError, ValueError):
        return 0


def tree_ticks(root):
    """CPU ticks of root and its descendants, the reaped ones included; and of root's own threads alone."""
    return sum(ticks(p) for p in tree(root)), ticks(root, reaped=False)


def machine_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v) - v[3] - v[4], sum(v)  # busy (all but idle, iowait), total


class Client:
    def __init__(self, name):
        self.name = name
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp("ssh", ["ssh", "-F", "/dev/null", "-p", str(port), "-o", "StrictHostKeyChecking=no",
                              "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no",
                              "-o", "PreferredAuthentications=password", f"{name}@127.0.0.1"])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.set_blocking(self.fd, False)
        self.buf = b""
        self.pending = {}  # marker -> when it was typed
        self.typed = 0
        self.next_key = 0.0

    def close(self):
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


clients, by_fd, latencies, first_keys = [], {}, [], []


def pump(timeout):
    """Reads whatever any client's ssh wrote (never leave one unread: its screen would stall)."""
    r, _, _ = select.select(list(by_fd), [], [], timeout)
    now = time.perf_counter()
    for fd in r:
        c = by_fd[fd]
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        c.buf = (c.buf + data)[-65536:]
        for m in list(c.pending):
            if bytes([m]) in data:
                latencies.append((now - c.pending.pop(m)) * 1000)
                if m == LINE[0]:
                    first_keys.append(latencies[-1])


def wait_all(text, seconds, what):
    end = min(time.time() + seconds, DEADLINE)
    left = set(clients)
    while left and time.time() < end:
        pump(0.1)
        for c in list(left):
            if text in c.buf:
                c.buf = b""
                left.discard(c)
    if left:
        sys.exit(f"{len(left)} attendees: no {what} within {seconds} s (e.g. {next(iter(left)).name})")


def labs_ready(seconds):
    """Until class.json shows every attendee's checks (run only in a ready lab)."""
    end = min(time.time() + seconds, DEADLINE)
    ready = 0
    while time.time() < end:
        quiet(1)
        try:
            with open(os.path.join(run_dir, "class.json")) as f:
                room = json.load(f)["attendees"]
        except (OSError, ValueError, KeyError):
            continue
        ready = sum(1 for a in room if a.get("connected") and a.get("checks"))
        if ready >= n:
            return
    sys.exit(f"only {ready} of {n} labs ready within {seconds} s")


def quiet(seconds):
    end = time.time() + seconds
    while time.time() < end:
        pump(0.1)


def measure_cpu(seconds, during):
    """% of one core: serve and everything it started, the JVM alone, the whole machine (2 cores: 200%)."""
    (t0, j0), (b0, a0), w0 = tree_ticks(serve_pid), machine_busy(), time.time()
    during(seconds)
    (t1, j1), (b1, a1), w1 = tree_ticks(serve_pid), machine_busy(), time.time()
    pct = lambda t: t / HZ / (w1 - w0) * 100
    return f"serve and its labs {pct(t1 - t0):.0f}% of one core (the JVM {pct(j1 - j0):.0f}%, {pct(t1 - t0) / n:.1f}% " \
           f"per attendee); the whole machine {(b1 - b0) / max(1, a1 - a0) * 100 * os.cpu_count():.0f}% (2 cores: 200%)"


def typing(seconds):
    end = time.time() + seconds
    for c in clients:
        c.next_key = time.time() + random.uniform(0, 0.2)
    while time.time() < end:
        now = time.time()
        for c in clients:
            if now >= c.next_key:
                k = LINE[c.typed % (len(LINE) + 1)] if c.typed % (len(LINE) + 1) < len(LINE) else ord("\r")
                if k in MARKERS:
                    c.pending[k] = time.perf_counter()
                os.write(c.fd, bytes([k]))
                c.typed += 1
                c.next_key = now + random.uniform(0.15, 0.25) + (random.uniform(pause / 2, pause * 1.5) if k == 13 else 0)
        pump(0.01)


load0 = open("/proc/loadavg").read().split()[:3]
base = tree_pss_kib(serve_pid)
t_start = time.time()
try:
    for i in range(n):
        c = Client(f"bench{i}")
        clients.append(c)
        by_fd[c.fd] = c
        end = time.time() + 30
        while b"assword:" not in c.buf and time.time() < end:
            pump(0.1)
        if b"assword:" not in c.buf:
            sys.exit(f"bench{i}: no password prompt")
        c.buf = b""
        os.write(c.fd, b"bench\r")
    wait_all(b"Pick a lesson", 120, "lesson list")
    for c in clients:
        os.write(c.fd, b"\r")
    labs_ready(600)
    ready = time.time() - t_start
    quiet(5)
    with_labs = tree_pss_kib(serve_pid)
    print(f"{n} attendees connected, each in a lesson with its lab ready, {ready:.0f} s after the first connected")
    print(f"memory (PSS): serve alone {base / 1024:.0f} MiB; with {n} attendees {with_labs / 1024:.0f} MiB "
          f"= {(with_labs - base) / 1024 / n:.1f} MiB per attendee (lab processes, shells, the JVM's screen)")
    print(f"CPU, 20 s with nobody typing: {measure_cpu(20, quiet)}")
    for c in clients:  # the keys into the screen's terminal pane
        os.write(c.fd, b":")
    quiet(1)
    keys0 = sum(c.typed for c in clients)
    cpu = measure_cpu(load_seconds, typing)
    rate = (sum(c.typed for c in clients) - keys0) / load_seconds
    print(f"CPU, {load_seconds:.0f} s with everyone at work (a forking command typed at a key per ~200 ms, then "
          f"~{pause:.0f} s of reading; {rate:.0f} keys/s in all): {cpu}")
    quiet(2)
    lost = sum(len(c.pending) for c in clients)
    pct = lambda xs, q: sorted(xs)[min(len(xs) - 1, int(q * len(xs)))]
    if latencies:
        print(f"keystroke to echo, {n} attendees at work at once, {len(latencies)} keys ({lost} not echoed within 2 s "
              f"of the end): p50 {pct(latencies, 0.5):.0f} ms, p95 {pct(latencies, 0.95):.0f} ms, "
              f"p99 {pct(latencies, 0.99):.0f} ms, max {max(latencies):.0f} ms")
    if first_keys:
        print(f"  of which the first key after a pause ({len(first_keys)} keys): p50 {pct(first_keys, 0.5):.0f} ms, "
              f"p95 {pct(first_keys, 0.95):.0f} ms, max {max(first_keys):.0f} ms")
    print(f"load average (1, 5, 15 min) before: {' '.join(load0)}; after: "
          f"{' '.join(open('/proc/loadavg').read().split()[:3])}")
finally:
    for c in clients:
        c.close()
