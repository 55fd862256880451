package dev.boxlab.app.terminal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.boxlab.sandbox.Pty;

/**
 * The learner's interactive shell on a pseudo-terminal, and the screen its programs draw
 * ({@link VtScreen}). Bytes from the pty are read on a thread of its own and fed to the screen;
 * keys go the other way with {@link #send}. When the shell ends (one {@code exit} too many, or
 * Ctrl-D) a new one starts in its place, so the pane always has a shell.
 */
public final class TerminalSession implements AutoCloseable {
    /** The terminal type the pane emulates: what TERM says to the programs in it. */
    public static final String TERM = "xterm-256color";

    private final List<String> command;
    private final Map<String, String> environment;
    private final VtScreen screen;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<byte[]>> outputListeners = new CopyOnWriteArrayList<>();
    private volatile Pty pty;
    private volatile boolean closed;
    private final Thread reader;
    private final Consumer<byte[]> offline;
    private volatile java.util.function.BooleanSupplier labAlive = () -> true;
    private int quickExits;
    /** The shell has written something (its first prompt): readline is reading keys. */
    private volatile boolean spoke;
    /** Keys typed before the shell's first prompt, sent once it is there (bash starting can drop them). */
    private final java.io.ByteArrayOutputStream early = new java.io.ByteArrayOutputStream();

    private TerminalSession(List<String> command, Map<String, String> environment, int cols, int rows,
                            Consumer<byte[]> offline) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.screen = new VtScreen(cols, rows, this::send);
        this.offline = offline;
        this.pty = offline == null ? Pty.start(this.command, this.environment, cols, rows) : null;
        this.reader = new Thread(this::readLoop, "boxlab-terminal");
        reader.setDaemon(true);
    }

    /**
     * A session with no pty (screen tests, the start-up warm-up): what is typed goes to {@code typed},
     * and {@link #feed} plays the part of the programs' output.
     */
    public static TerminalSession offline(int cols, int rows, Consumer<byte[]> typed) {
        return new TerminalSession(List.of(), Map.of(), cols, rows, typed);
    }

    /** Output as if the programs had written it (an offline session's stand-in for the pty). */
    public void feed(byte[] bytes) {
        screen.feed(bytes, 0, bytes.length);
        outputListeners.forEach(l -> l.accept(bytes));
        changed();
    }

    /** Starts {@code command} (e.g. {@code Lab.shellCommand(TERM)}) on a pty of {@code cols} x {@code rows}. */
    public static TerminalSession start(List<String> command, int cols, int rows) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TERM", TERM);
        TerminalSession s = new TerminalSession(command, env, cols, rows, null);
        s.reader.start();
        return s;
    }

    /** Whether the lab the shell runs in is still there: when it is not, no new shell is started. */
    public TerminalSession whileAlive(java.util.function.BooleanSupplier alive) {
        labAlive = alive;
        return this;
    }

    public VtScreen screen() {
        return screen;
    }

    /** Called (on the reader thread) after the screen changed. */
    public void onChange(Runnable r) {
        changeListeners.add(r);
    }

    /** Called (on the reader thread) with every chunk of bytes the programs wrote, e.g. for a recording. */
    public void onOutput(Consumer<byte[]> c) {
        outputListeners.add(c);
    }

    /** Sends bytes to the shell as if typed. */
    public void send(byte[] bytes) {
        if (offline != null) {
            offline.accept(bytes);
            return;
        }
        synchronized (early) {
            if (!spoke) {
                early.write(bytes, 0, bytes.length);
                return;
            }
        }
        Pty p = pty;
        if (!closed && p != null) {
            p.write(bytes);
        }
    }

    /** The shell spoke (its first prompt): what was typed meanwhile goes now, in order. */
    private void firstOutput() {
        synchronized (early) {
            spoke = true;
            Pty p = pty;
            if (early.size() > 0 && p != null) {
                p.write(early.toByteArray()); // under the lock: nothing typed now can overtake it
            }
            early.reset();
        }
    }

    public void type(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Resizes the screen and tells the programs (SIGWINCH), e.g. when the pane is resized. */
    public void resize(int cols, int rows) {
        if (cols == screen.columns() && rows == screen.rows()) {
            return;
        }
        screen.resize(cols, rows);
        Pty p = pty;
        if (p != null) {
            p.resize(cols, rows);
        }
        changed();
    }

    /** The pid of the process on the pty (setsid, then nsenter), for tests. */
    public long pid() {
        Pty p = pty;
        return p == null ? -1 : p.process().pid();
    }

    private void readLoop() {
        byte[] buf = new byte[16384];
        while (!closed) {
            Pty p = pty;
            int n = p.read(buf, 250);
            if (n > 0) {
                if (!spoke) {
                    firstOutput();
                }
                screen.feed(buf, 0, n);
                if (!outputListeners.isEmpty()) {
                    byte[] copy = java.util.Arrays.copyOf(buf, n);
                    outputListeners.forEach(l -> l.accept(copy));
                }
                changed();
            } else if (n < 0 && !closed) {
                restart(p);
            }
        }
    }

    /** The shell ended: say so on the screen and start another, unless it keeps dying at once. */
    private void restart(Pty old) {
        long started = old.process().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        old.close();
        if (!labAlive.getAsBoolean()) {
            screen.feed("\r\n\033[2m[the lab ended]\033[0m\r\n");
            closed = true;
            changed();
            return;
        }
        boolean quick = System.currentTimeMillis() - started < 1500;
        quickExits = quick ? quickExits + 1 : 0;
        if (quickExits >= 3) {
            screen.feed("\r\n\033[1mThe shell cannot start in the lab (it ended at once three times).\033[0m\r\n");
            changed();
            closed = true;
            return;
        }
        screen.feed("\r\n\033[2m[the shell ended; a new one starts]\033[0m\r\n");
        synchronized (early) {
            spoke = false;
        }
        try {
            pty = Pty.start(command, environment, screen.columns(), screen.rows());
        } catch (RuntimeException e) {
            screen.feed("\r\n" + e.getMessage() + "\r\n");
            closed = true;
        }
        changed();
    }

    /**
     * Waits (at most {@code millis}) until the shell has shown its first prompt: keys typed while
     * bash is still starting can be lost. True if it did; an offline session always has.
     */
    public boolean awaitPrompt(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (offline == null && !spoke && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return offline != null || spoke;
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }

    /** Whether a real shell is behind it (not an offline stand-in, as before the lab is up). */
    public boolean isLive() {
        return offline == null;
    }

    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Pty p = pty;
        if (p != null) {
            p.close();
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
