package dev.boxlab.sandbox;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * A pseudo-terminal and the process on it, with nothing but libc (through jnr-ffi, which boxlab
 * already uses): {@code posix_openpt}, {@code grantpt}, {@code unlockpt}, {@code ptsname_r},
 * {@code ioctl(TIOCSWINSZ)}, {@code poll}, {@code read}, {@code write}. The child is started by
 * Java's ProcessBuilder with the pty's slave side as stdin, stdout and stderr, through util-linux
 * {@code setsid --ctty}, which makes the slave its controlling terminal, so job control, Ctrl-C and
 * Ctrl-Z reach the foreground program as in any terminal.
 */
public final class Pty implements AutoCloseable {
    /** The libc calls a pty needs. */
    public interface LibC {
        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        int ptsname_r(int fd, @Out byte[] buf, long len);

        @SaveError
        int ioctl(int fd, long request, @In short[] winsize);

        @SaveError
        int poll(@In @Out int[] fds, long nfds, int timeoutMillis);

        @SaveError
        long read(int fd, @Out byte[] buf, long n);

        @SaveError
        long write(int fd, @In byte[] buf, long n);

        int close(int fd);
    }

    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0x100;
    private static final long TIOCSWINSZ = 0x5414;
    private static final int POLLIN = 1;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    private static volatile LibC libc;

    private final int master;
    private final String slave;
    private final Process process;
    private volatile boolean closed;

    private Pty(int master, String slave, Process process) {
        this.master = master;
        this.slave = slave;
        this.process = process;
    }

    private static LibC libc() {
        if (libc == null) {
            synchronized (Pty.class) {
                if (libc == null) {
                    libc = LibraryLoader.create(LibC.class).load("c");
                }
            }
        }
        return libc;
    }

    /**
     * Starts {@code command} on a new pty of {@code cols} x {@code rows}, with exactly {@code environment}.
     * The command runs through {@code setsid --ctty}, so it leads a session of its own.
     */
    public static Pty start(List<String> command, Map<String, String> environment, int cols, int rows) {
        LibC c = libc();
        int fd = c.posix_openpt(O_RDWR | O_NOCTTY);
        if (fd < 0) {
            throw new LabException("cannot open a pseudo-terminal (posix_openpt failed)");
        }
        byte[] name = new byte[128];
        if (c.grantpt(fd) != 0 || c.unlockpt(fd) != 0 || c.ptsname_r(fd, name, name.length) != 0) {
            c.close(fd);
            throw new LabException("cannot set up a pseudo-terminal (grantpt/unlockpt/ptsname failed)");
        }
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        String slave = new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII);
        resize(c, fd, cols, rows);
        List<String> cmd = new java.util.ArrayList<>(List.of("setsid", "--ctty"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(environment);
        File tty = new File(slave);
        pb.redirectInput(tty).redirectOutput(tty).redirectError(tty);
        try {
            return new Pty(fd, slave, pb.start());
        } catch (IOException e) {
            c.close(fd);
            throw new LabException("cannot start " + String.join(" ", command) + " on a pseudo-terminal: " + e.getMessage());
        }
    }

    private static void resize(LibC c, int fd, int cols, int rows) {
        short[] ws = {(short) Math.max(1, rows), (short) Math.max(1, cols), 0, 0};
        c.ioctl(fd, TIOCSWINSZ, ws);
    }

    /** The slave's path, e.g. /dev/pts/3. */
    public String slavePath() {
        return slave;
    }

    public Process process() {
        return process;
    }

    /** Tells the terminal's programs its new size (they get SIGWINCH). */
    public void resize(int cols, int rows) {
        if (!closed) {
            resize(libc(), master, cols, rows);
        }
    }

    /**
     * Reads what the programs wrote, waiting at most {@code timeoutMillis}: the number of bytes,
     * 0 when nothing came in time, -1 once every program on the pty is gone (or the pty closed).
     */
    public int read(byte[] buf, int timeoutMillis) {
        LibC c = libc();
        while (!closed) {
            int[] pfd = {master, POLLIN};
            int n = c.poll(pfd, 1, timeoutMillis);
            if (n < 0) {
                if (errno() == EINTR) {
                    continue;
                }
                return -1;
            }
            if (n == 0) {
                return 0;
            }
            long r = c.read(master, buf, buf.length);
            if (r > 0) {
                return (int) r;
            }
            if (r < 0 && (errno() == EINTR || errno() == EAGAIN)) {
                continue;
            }
            return -1; // EIO: the slave side is closed by all
        }
        return -1;
    }

    /** Writes keys to the terminal, as typed. */
    public void write(byte[] bytes) {
        LibC c = libc();
        int off = 0;
        while (off < bytes.length && !closed) {
            byte[] chunk = off == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, off, bytes.length);
            long w = c.write(master, chunk, chunk.length);
            if (w < 0) {
                if (errno() == EINTR || errno() == EAGAIN) {
                    Thread.onSpinWait();
                    continue;
                }
                return;
            }
            off += (int) w;
        }
    }

    private static int errno() {
        return jnr.ffi.Runtime.getRuntime(libc()).getLastError();
    }

    /**
     * Hangs up: SIGHUP to the programs on the terminal (an interactive bash ignores SIGTERM), the
     * deepest first, SIGKILL to whatever is left after a short grace, then the master is closed.
     * The process boxlab started (nsenter, for a lab shell) is not signalled while any of them
     * lives: it reaps them and ends by itself (see LabEntry).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<ProcessHandle> inside = new java.util.ArrayList<>(process.descendants().toList());
        java.util.Collections.reverse(inside);
        for (ProcessHandle p : inside) {
            Signals.hangUp(p.pid());
        }
        // a moment to write its history, no more
        if (!inside.isEmpty() && !waitFor(process, 100)) {
            inside.forEach(ProcessHandle::destroyForcibly);
            waitFor(process, 100);
        }
        if (process.isAlive()) {
            Signals.hangUp(process.pid());
            if (!waitFor(process, 50)) {
                process.destroyForcibly();
            }
        }
        closed = true;
        libc().close(master);
    }

    private static boolean waitFor(Process p, long millis) {
        try {
            return p.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /** SIGHUP through jnr-posix, which Java's ProcessHandle cannot send. */
    private static final class Signals {
        private static final jnr.posix.POSIX POSIX = jnr.posix.POSIXFactory.getNativePOSIX();

        static void hangUp(long pid) {
            POSIX.kill((int) pid, 1);
        }
    }
}
