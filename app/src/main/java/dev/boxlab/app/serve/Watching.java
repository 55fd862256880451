package dev.boxlab.app.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.screen.Screen;

/**
 * The instructor watching one attendee's screen, read-only, once the attendee allowed it on their own
 * screen. {@code boxlab class --watch NAME} connects to serve's {@code RUN-DIR/watch.sock} (root only),
 * sends the name and reads one answer line: {@code ABSENT}, or {@code ASKING} then {@code NO} or
 * {@code YES COLSxROWS} followed by everything the attendee's screen draws, until either side leaves.
 * Nothing the watcher sends after the name is read by anyone: it cannot type into the attendee's screen.
 */
public final class Watching implements AutoCloseable {
    /** How long the attendee has to answer before it counts as a no. */
    static final long ANSWER_SECONDS = 120;

    private final ServerSocketChannel server;
    private final Path socket;
    private final Room room;

    private Watching(Path socket, Room room) throws IOException {
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        this.socket = socket;
        this.room = room;
    }

    /** Listens on {@code socket} (only root may connect) for instructors asking to watch someone in {@code room}. */
    public static Watching listen(Path socket, Room room) throws IOException {
        Watching w = new Watching(socket, room);
        daemon(w::accept, "boxlab-watch");
        return w;
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                daemon(() -> watch(c), "boxlab-watcher");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void watch(SocketChannel c) {
        Room.Seat seat = null;
        Mirror.Copy copy = null;
        AtomicReference<Window> mark = new AtomicReference<>();
        try (c) {
            seat = room.seat(readLine(c));
            Mirror mirror = seat == null ? null : seat.mirror;
            if (mirror == null) {
                send(c, "ABSENT\n");
                return;
            }
            send(c, "ASKING\n");
            CompletableFuture<Boolean> allowed = new CompletableFuture<>();
            OnScreen.ask(seat.control, "The instructor asks to watch your screen, read-only (they cannot type "
                    + "into it). WATCHED shows top left while they watch.", allowed::complete);
            if (!allowed.get(ANSWER_SECONDS, TimeUnit.SECONDS)) {
                send(c, "NO\n");
                return;
            }
            send(c, "YES " + seat.size() + "\n");
            copy = mirror.add(c);
            seat.control.gui(g -> {
                mark.set(OnScreen.watched(g));
                try {
                    g.getScreen().refresh(Screen.RefreshType.COMPLETE); // the whole screen, for the watcher
                } catch (IOException e) {
                    // the attendee's connection is going
                }
            });
            ByteBuffer ignored = ByteBuffer.allocate(256);
            while (c.read(ignored) >= 0) {
                ignored.clear(); // whatever the watcher sends goes nowhere; its end ends the watch
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            // the watcher or the attendee left, or no answer came: not watched
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (seat != null && seat.mirror != null) {
                seat.mirror.remove(copy);
            }
            if (seat != null) {
                seat.control.gui(g -> {
                    Window w = mark.get();
                    if (w != null) {
                        w.close();
                    }
                });
            }
        }
    }

    private static String readLine(SocketChannel c) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder line = new StringBuilder();
        while (line.length() < 64 && c.read(one) > 0) {
            char ch = (char) one.get(0);
            if (ch == '\n') {
                return line.toString();
            }
            line.append(ch);
            one.clear();
        }
        return line.toString();
    }

    private static void send(SocketChannel c, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }

    /**
     * The instructor's side ({@code boxlab class --watch NAME}): asks serve at {@code socket}, tells
     * {@code say} how it goes, and copies the attendee's screen to {@code screen} (in its alternate
     * screen, left again at the end) until the attendee leaves or the instructor presses Ctrl-C.
     * Returns 0 when watched, 1 when refused; throws {@link IllegalStateException} with the reason otherwise.
     */
    public static int watch(Path socket, String name, PrintStream screen, java.io.PrintWriter say) throws IOException {
        SocketChannel c;
        try {
            c = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach boxlab serve at " + socket + " (is it running? as root?): "
                    + e.getMessage());
        }
        try (c) {
            send(c, name + "\n");
            String answer = readLine(c);
            if (!answer.equals("ASKING")) {
                throw new IllegalStateException(name + " is not connected");
            }
            say.println("asking " + name + " on their screen (they answer Allow or Refuse there)...");
            say.flush();
            answer = readLine(c);
            if (!answer.startsWith("YES")) {
                say.println(name + " said no (or did not answer): not watching");
                say.flush();
                return 1;
            }
            String leave = "\033[0m\033[?1049l\033[?25h";
            Thread restore = new Thread(() -> {
                screen.print(leave);
                screen.flush();
            });
            Runtime.getRuntime().addShutdownHook(restore); // Ctrl-C: the instructor's terminal back as it was
            screen.print("\033[?1049h\033[H\033[2J");
            screen.flush();
            ByteBuffer b = ByteBuffer.allocate(65536);
            while (c.read(b) >= 0) {
                screen.write(b.array(), 0, b.position());
                screen.flush();
                b.clear();
            }
            screen.print(leave);
            screen.flush();
            Runtime.getRuntime().removeShutdownHook(restore);
            say.println("watched " + name + " (screen " + answer.substring(3).strip() + "); their screen has closed");
            say.flush();
            return 0;
        }
    }
}
