package dev.boxlab.app.serve;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
        // there is no tty on this side to turn the Enter key's CR into NL (ICRNL), which Lanterna expects
        InputStream typed = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                for (int i = off; i < off + n; i++) {
                    b[i] = b[i] == '\r' ? (byte) '\n' : b[i];
                }
                if (n > 0) {
                    seat.typed();
                }
                return n;
            }
        };
        Mirror mirror = new Mirror(out);
        ChannelTerminal terminal = new ChannelTerminal(typed, mirror, number(env, Environment.ENV_COLUMNS),
                number(env, Environment.ENV_LINES));
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
