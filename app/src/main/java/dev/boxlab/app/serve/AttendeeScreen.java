package dev.boxlab.app.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * What an attendee's SSH "shell" request gets: the boxlab screen on the channel, on a thread of its
 * own, in labs of its own. When the screen ends (the attendee quits, or the connection drops and the
 * channel's input ends) its lab has ended too and the channel closes.
 */
final class AttendeeScreen implements Command {
    private final Server.Screen screen;
    private final Room room;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private volatile ChannelTerminal terminal;

    AttendeeScreen(Server.Screen screen, Room room) {
        this.screen = screen;
        this.room = room;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // the screen draws on out only
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        String name = channel.getSession().getUsername();
        Room.Seat seat = room.arrive(name, channel.getSession());
        // the attendee's keys, read as they arrive by a thread of their own that wakes the screen at
        // once (else the first key after a pause waits for the screen's next look at its input)
        PipedInputStream typed = new PipedInputStream(65536);
        Mirror mirror = new Mirror(out);
        ChannelTerminal terminal = new ChannelTerminal(typed, mirror, number(env, Environment.ENV_COLUMNS),
                number(env, Environment.ENV_LINES));
        try {
            Thread keys = new Thread(new Keys(in, new PipedOutputStream(typed), seat, terminal), "boxlab-keys-" + name);
            keys.setDaemon(true);
            keys.start();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a new pipe is always connectable
        }
        this.terminal = terminal;
        seat.terminal = terminal;
        seat.mirror = mirror;
        env.addSignalListener((ch, sig) -> terminal.resized(number(env, Environment.ENV_COLUMNS),
                number(env, Environment.ENV_LINES)), Signal.WINCH);
        Thread thread = new Thread(() -> {
            int code = 0;
            try {
                screen.run(seat, terminal);
            } catch (IOException | RuntimeException e) {
                code = 1;
            } finally {
                mirror.close();
                restore();
                room.leave(seat);
                exit.onExit(code);
            }
        }, "boxlab-attendee-" + name);
        thread.start();
    }

    /** Passes the attendee's keys on to the screen, each time waking it; their end ends the screen. */
    private record Keys(InputStream in, OutputStream screen, Room.Seat seat, ChannelTerminal terminal)
            implements Runnable {
        @Override
        public void run() {
            byte[] b = new byte[4096];
            try (screen) {
                for (int n = in.read(b); n >= 0; n = in.read(b)) {
                    for (int i = 0; i < n; i++) {
                        // no tty on this side turns the Enter key's CR into NL (ICRNL), which Lanterna expects
                        b[i] = b[i] == '\r' ? (byte) '\n' : b[i];
                    }
                    if (n > 0) {
                        seat.typed();
                        screen.write(b, 0, n);
                        screen.flush();
                        seat.control.gui(g -> { }); // wakes the screen's thread: it reads the keys first
                    }
                }
            } catch (IOException e) {
                // the connection or the screen has ended
            }
            terminal.hangUp();
        }
    }

    /**
     * The attendee's terminal as it was (attributes reset, cursor shown, the alternate screen left)
     * before the channel closes, whichever way the screen ended: when serve stops, the screen's own
     * restore can lose the race with the connection's end. Twice is harmless.
     */
    private void restore() {
        try {
            out.write(RESTORE);
            out.flush();
        } catch (IOException e) {
            // the connection is gone: nothing to restore on it
        }
    }

    static final byte[] RESTORE = "\033[0m\033[?1049l\033[?25h".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Override
    public void destroy(ChannelSession channel) {
        // the connection is gone: the screen reads EOF, quits and ends the lab
        ChannelTerminal t = terminal;
        if (t != null) {
            t.hangUp();
        }
    }

    private static int number(Environment env, String key) {
        try {
            return Integer.parseInt(env.getEnv().getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
