package dev.boxlab.sandbox;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A long-lived bash inside a lab (entered once with nsenter), fed one command at a time.
 *
 * <p>Why one shell and not one nsenter per command: a spawn from the JVM costs milliseconds, the
 * kernel work of a step a fraction of one, and a shell keeps the working directory between commands
 * as a terminal would. Each command is sent as {@code eval $'...'} followed by an end marker that
 * carries the exit code, so any text, even a syntax error or {@code exit}, ends cleanly. A command
 * that outlives its timeout has the processes it started killed; the shell lives on.
 */
public final class LabShell implements AutoCloseable {
    private static final char MARK = '\u001e';
    private static final String END = MARK + "BXEND ";
    private static final String EOF_CHUNK = new String("\u0000EOF");
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final int labPid;
    private final String name;
    private final List<String> environment;
    private java.util.function.LongConsumer onStart;
    private Process nsenter;
    private ProcessHandle bash;
    private OutputStream stdin;
    private BlockingQueue<String> chunks;
    private long nonce;
    private StringBuilder pending = new StringBuilder();
    private boolean interruptSeen;
    private boolean starting; // the first command of a new shell: its death ends the start, not restarts it

    LabShell(int labPid, String name, List<String> environment, java.util.function.LongConsumer onStart) {
        this.labPid = labPid;
        this.name = name;
        this.environment = environment;
        this.onStart = onStart;
        start();
    }

    /** Called with the new shell's pid whenever the shell is replaced (after `exit` or a hang). */
    void onRestart(java.util.function.LongConsumer hook) {
        this.onStart = hook;
    }

    private void start() {
        List<String> inner = new ArrayList<>(List.of("env", "-i"));
        inner.addAll(environment);
        inner.addAll(List.of("bash", "--noprofile", "--norc"));
        ProcessBuilder pb = new ProcessBuilder(LabEntry.command(labPid, inner)).redirectErrorStream(true);
        try {
            nsenter = pb.start();
        } catch (IOException e) {
            throw new LabException("cannot start a shell in the lab (nsenter): " + e.getMessage());
        }
        stdin = nsenter.getOutputStream();
        // bounded: a command that prints without end (yes) blocks on its pipe instead of filling memory
        chunks = new ArrayBlockingQueue<>(64);
        pending = new StringBuilder();
        BlockingQueue<String> sink = chunks;
        Reader reader = new InputStreamReader(nsenter.getInputStream(), StandardCharsets.UTF_8);
        Thread t = new Thread(() -> pump(reader, sink), "lab-shell-" + name);
        t.setDaemon(true);
        t.start();
        // The safety net under everything: a shell that is not in the lab's network namespace must
        // never run a command. If nsenter entered the machine's own namespace (the lab died and its
        // pid was reused), stop here.
        CommandResult r;
        starting = true;
        try {
            r = run("readlink /proc/self/ns/net /proc/self/ns/cgroup /proc/self/ns/mnt", Duration.ofSeconds(5), null);
        } finally {
            starting = false;
        }
        String[] lines = r.output().strip().split("\n");
        if (!r.ok() || lines.length < 3 || lines[0].equals(Host.ownNamespace("net"))
                || lines[1].equals(Host.ownNamespace("cgroup")) || lines[2].equals(Host.ownNamespace("mnt"))) {
            kill();
            throw new LabException("the lab shell is not inside the lab's namespaces ("
                    + r.output().strip() + "); refusing to run commands");
        }
        bash = nsenter.children().findFirst().orElse(null);
        if (bash != null && onStart != null) {
            onStart.accept(bash.pid());
        }
    }

    private static void pump(Reader reader, BlockingQueue<String> sink) {
        char[] buf = new char[8192];
        try {
            int n;
            while ((n = reader.read(buf)) >= 0) {
                if (n > 0) {
                    sink.put(new String(buf, 0, n));
                }
            }
        } catch (IOException ignored) {
            // the shell went away; the EOF below tells the waiting command
        } catch (InterruptedException e) {
            return;
        }
        // never blocks for long: a shell that is gone is waited on by a command, or abandoned
        sink.offer(EOF_CHUNK);
    }

    /**
     * Runs one command; streams its output to {@code onOutput} (may be null) as it arrives. Output
     * is kept up to {@link BoundedOutput#HEAD} characters from the start and {@link BoundedOutput#TAIL}
     * from the end. An interrupt stops the command (its processes are killed, the shell lives on)
     * and is passed on to the caller once the shell is ready for the next command.
     */
    public synchronized CommandResult run(String command, Duration timeout, Consumer<String> onOutput) {
        if (nsenter == null) {
            throw new LabException("the lab shell is closed");
        }
        // A flag left set would make every wait below fail at once (and a restarted shell with it):
        // clear it while the shell works, and set it again for the caller.
        boolean interrupted = Thread.interrupted();
        interruptSeen = false;
        try {
            return runCommand(command, timeout, onOutput);
        } finally {
            if (interrupted || interruptSeen) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CommandResult runCommand(String command, Duration timeout, Consumer<String> onOutput) {
        long id = ++nonce;
        long started = System.nanoTime();
        Set<Long> before = descendants();
        String script = "eval " + ansiQuote(command) + " </dev/null\nprintf '\\036BXEND %d %d\\n' " + id + " $?\n";
        BoundedOutput out = new BoundedOutput(onOutput);
        try {
            stdin.write(script.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            return restartAfterDeath(command, out, started, false);
        }
        long deadline = started + timeout.toNanos();
        boolean stopped = false;
        String stopReason = "did not finish within " + timeout.toSeconds() + " s";
        String marker = END + id + " ";
        while (true) {
            long wait = deadline - System.nanoTime();
            String chunk;
            try {
                // short polls: a daemon the command started may hold the pipe open after the shell is
                // gone, so the shell's death is seen by watching the process, not only by EOF
                chunk = chunks.poll(Math.min(Math.max(wait, 0), POLL_NANOS), TimeUnit.NANOSECONDS);
                if (chunk == null && System.nanoTime() < deadline) {
                    if (nsenter.isAlive()) {
                        continue;
                    }
                    chunk = chunks.poll(50, TimeUnit.MILLISECONDS);
                    if (chunk == null) {
                        return restartAfterDeath(command, out, started, stopped);
                    }
                }
            } catch (InterruptedException e) {
                // stop the command now; run() sets the flag again for the caller
                stopReason = "was interrupted";
                interruptSeen = true;
                deadline = System.nanoTime();
                continue;
            }
            if (chunk == null) {
                if (!stopped) {
                    stopped = true;
                    killNewProcesses(before);
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    continue;
                }
                // the shell itself is stuck: replace it, the lab stays
                out.append("\n[boxlab: the command " + stopReason + " and was stopped]\n");
                kill();
                start();
                return new CommandResult(command, out.text(), 124, Duration.ofNanos(System.nanoTime() - started), true);
            }
            if (chunk == EOF_CHUNK) {
                return restartAfterDeath(command, out, started, stopped);
            }
            pending.append(chunk);
            int at = pending.indexOf(marker);
            if (at >= 0) {
                int eol = pending.indexOf("\n", at);
                if (eol < 0) {
                    continue;
                }
                out.append(pending.substring(0, at));
                int code = Integer.parseInt(pending.substring(at + marker.length(), eol).trim());
                pending.delete(0, eol + 1);
                if (stopped) {
                    out.append((out.endsWithNewline() ? "" : "\n") + "[boxlab: the command " + stopReason + " and was stopped]\n");
                }
                return new CommandResult(command, out.text(), stopped ? 124 : code,
                        Duration.ofNanos(System.nanoTime() - started), stopped);
            }
            // Hand on what cannot be part of a marker; hold back from the first MARK on.
            int mark = pending.indexOf(String.valueOf(MARK));
            int upto = mark < 0 ? pending.length() : mark;
            if (upto > 0) {
                out.append(pending.substring(0, upto));
                pending.delete(0, upto);
            }
        }
    }

    private CommandResult restartAfterDeath(String command, BoundedOutput out, long started, boolean timedOut) {
        // `exit` or a killed shell: the lab is fine, start a fresh shell for the next command
        out.append(pending.toString());
        pending.setLength(0);
        int code = 137;
        try {
            // nsenter exits with its shell's status a moment after the shell's output ends
            if (nsenter.waitFor(2, TimeUnit.SECONDS)) {
                code = nsenter.exitValue();
            }
        } catch (InterruptedException e) {
            interruptSeen = true;
        }
        kill();
        if (starting) {
            throw new LabException("the lab shell ended as it started (has the lab ended?)");
        }
        if (ProcessHandle.of(labPid).map(ProcessHandle::isAlive).orElse(false)) {
            start();
        } else {
            out.append((out.endsWithNewline() || out.text().isEmpty() ? "" : "\n") + "[boxlab: the lab ended]\n");
        }
        return new CommandResult(command, out.text(), code, Duration.ofNanos(System.nanoTime() - started), timedOut);
    }

    private Set<Long> descendants() {
        ProcessHandle b = bash;
        return b == null ? Set.of() : Descendants.of(b);
    }

    private void killNewProcesses(Set<Long> before) {
        Set<Long> now = new java.util.HashSet<>(descendants());
        now.removeAll(before);
        Descendants.kill(now);
    }

    /** The shell's pid as the machine sees it, or -1. */
    public long pid() {
        ProcessHandle b = bash;
        return b == null ? -1 : b.pid();
    }

    private void kill() {
        if (nsenter == null) {
            return;
        }
        ProcessHandle b = bash;
        if (b != null) {
            b.descendants().forEach(ProcessHandle::destroyForcibly);
            b.destroyForcibly();
        }
        // nsenter reaps the shell and ends by itself; killed first, it would leave the shell to
        // the machine's init (see LabEntry), so only one that does not end is killed
        LabEntry.awaitEnd(nsenter);
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        bash = null;
    }

    @Override
    public synchronized void close() {
        kill();
        nsenter = null;
    }

    /**
     * Lets go of a shell whose lab is ending: the kernel ends the shell with the lab's pid namespace,
     * and its nsenter, which must reap it (see LabEntry), then exits by itself; nothing here waits
     * for either, or kills nsenter.
     */
    void abandon() {
        Process p = nsenter;
        if (p != null) {
            try {
                p.getOutputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** Quotes any text as a bash $'...' word, so it reaches eval exactly as typed. */
    static String ansiQuote(String s) {
        StringBuilder sb = new StringBuilder("$'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }
}
