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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Integer.toString(labPid),
                "-m", "-u", "-i", "-n", "-p", "-C", "--", "env", "-i"));
        cmd.addAll(environment);
        cmd.addAll(List.of("bash", "--noprofile", "--norc"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        try {
            nsenter = pb.start();
        } catch (IOException e) {
            throw new LabException("cannot start a shell in the lab (nsenter): " + e.getMessage());
        }
        stdin = nsenter.getOutputStream();
        chunks = new LinkedBlockingQueue<>();
        pending = new StringBuilder();
        BlockingQueue<String> sink = chunks;
        Reader reader = new InputStreamReader(nsenter.getInputStream(), StandardCharsets.UTF_8);
        Thread t = new Thread(() -> pump(reader, sink), "lab-shell-" + name);
        t.setDaemon(true);
        t.start();
        // The safety net under everything: a shell that is not in the lab's network namespace must
        // never run a command. If nsenter entered the machine's own namespace (the lab died and its
        // pid was reused), stop here.
        CommandResult r = run("readlink /proc/self/ns/net /proc/self/ns/cgroup /proc/self/ns/mnt", Duration.ofSeconds(5), null);
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
                    sink.add(new String(buf, 0, n));
                }
            }
        } catch (IOException ignored) {
            // the shell went away; the EOF below tells the waiting command
        }
        sink.add(EOF_CHUNK);
    }

    /** Runs one command; streams its output to {@code onOutput} (may be null) as it arrives. */
    public synchronized CommandResult run(String command, Duration timeout, Consumer<String> onOutput) {
        if (nsenter == null) {
            throw new LabException("the lab shell is closed");
        }
        long id = ++nonce;
        long started = System.nanoTime();
        Set<Long> before = descendants();
        String script = "eval " + ansiQuote(command) + " </dev/null\nprintf '\\036BXEND %d %d\\n' " + id + " $?\n";
        StringBuilder out = new StringBuilder();
        try {
            stdin.write(script.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            return restartAfterDeath(command, out, started, false);
        }
        long deadline = started + timeout.toNanos();
        boolean timedOut = false;
        String marker = END + id + " ";
        while (true) {
            long wait = deadline - System.nanoTime();
            String chunk;
            try {
                // short polls: a daemon the command started may hold the pipe open after the shell is
                // gone, so the shell's death is seen by watching the process, not only by EOF
                chunk = chunks.poll(Math.min(Math.max(wait, 0), POLL_NANOS), TimeUnit.NANOSECONDS);
                if (chunk == null && System.nanoTime() < deadline) {
                    if (!nsenter.isAlive()) {
                        chunk = chunks.poll(50, TimeUnit.MILLISECONDS);
                        if (chunk == null) {
                            return restartAfterDeath(command, out, started, timedOut);
                        }
                    } else {
                        continue;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killNewProcesses(before);
                timedOut = true;
                chunk = null;
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            }
            if (chunk == null) {
                if (!timedOut) {
                    timedOut = true;
                    killNewProcesses(before);
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    continue;
                }
                // the shell itself is stuck: replace it, the lab stays
                String msg = "\n[boxlab: the command did not finish within " + timeout.toSeconds() + " s and was stopped]\n";
                emit(onOutput, out, msg);
                kill();
                start();
                return new CommandResult(command, out.toString(), 124, Duration.ofNanos(System.nanoTime() - started), true);
            }
            if (chunk == EOF_CHUNK) {
                return restartAfterDeath(command, out, started, timedOut);
            }
            pending.append(chunk);
            int at = pending.indexOf(marker);
            if (at >= 0) {
                int eol = pending.indexOf("\n", at);
                if (eol < 0) {
                    continue;
                }
                emit(onOutput, out, pending.substring(0, at));
                int code = Integer.parseInt(pending.substring(at + marker.length(), eol).trim());
                pending.delete(0, eol + 1);
                if (timedOut) {
                    String msg = "[boxlab: the command did not finish within " + timeout.toSeconds() + " s and was stopped]\n";
                    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                        msg = "\n" + msg;
                    }
                    emit(onOutput, out, msg);
                }
                return new CommandResult(command, out.toString(), timedOut ? 124 : code,
                        Duration.ofNanos(System.nanoTime() - started), timedOut);
            }
            // Hand on what cannot be part of a marker; hold back from the first MARK on.
            int mark = pending.indexOf(String.valueOf(MARK));
            int upto = mark < 0 ? pending.length() : mark;
            if (upto > 0) {
                emit(onOutput, out, pending.substring(0, upto));
                pending.delete(0, upto);
            }
        }
    }

    private CommandResult restartAfterDeath(String command, StringBuilder out, long started, boolean timedOut) {
        // `exit` or a killed shell: the lab is fine, start a fresh shell for the next command
        out.append(pending);
        pending.setLength(0);
        int code = 0;
        try {
            code = nsenter.waitFor(2, TimeUnit.SECONDS) ? nsenter.exitValue() : 137;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        start();
        return new CommandResult(command, out.toString(), code, Duration.ofNanos(System.nanoTime() - started), timedOut);
    }

    private static void emit(Consumer<String> onOutput, StringBuilder out, String text) {
        if (text.isEmpty()) {
            return;
        }
        out.append(text);
        if (onOutput != null) {
            onOutput.accept(text);
        }
    }

    private Set<Long> descendants() {
        ProcessHandle b = bash;
        if (b == null) {
            return Set.of();
        }
        return b.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private void killNewProcesses(Set<Long> before) {
        ProcessHandle b = bash;
        if (b == null) {
            return;
        }
        b.descendants().filter(p -> !before.contains(p.pid())).forEach(ProcessHandle::destroyForcibly);
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
        nsenter.destroyForcibly();
        try {
            nsenter.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
