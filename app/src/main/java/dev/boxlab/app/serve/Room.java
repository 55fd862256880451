package dev.boxlab.app.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.boxlab.app.session.Progress;
import dev.boxlab.app.tui.Seat.Control;
import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.lessons.LessonSession;

/**
 * The attendees of a {@code boxlab serve}: who is connected, when each last typed, and where each
 * is (read from their progress file). One seat per name: a name that connects again (wifi dropped,
 * the old connection not yet timed out) takes the seat over and the old connection is closed.
 * {@link #publish(Path)} writes the room as JSON for {@code boxlab class}.
 */
public final class Room {
    /** One attendee's connection. */
    public static final class Seat implements dev.boxlab.app.tui.Seat {
        private static final Control NO_SCREEN = new Control() {
            @Override
            public void gui(java.util.function.Consumer<com.googlecode.lanterna.gui2.WindowBasedTextGUI> r) {
                // no screen yet
            }

            @Override
            public void open(Lesson lesson, int index) {
                // no screen yet
            }
        };

        final String name;
        final AutoCloseable connection;
        final Instant since = Instant.now();
        volatile Instant lastTyped;
        /** The lesson the attendee has open now, if any: where they are and how its checks stand. */
        volatile LessonSession session;
        /** How serve acts on the attendee's screen, once it is up. */
        volatile Control control = NO_SCREEN;
        /** What the screen draws, copied to an instructor watching (set once the screen's terminal is). */
        volatile Mirror mirror;
        volatile ChannelTerminal terminal;

        Seat(String name, AutoCloseable connection) {
            this.name = name;
            this.connection = connection;
        }

        public String name() {
            return name;
        }

        @Override
        public void opened(LessonSession s) {
            session = s;
        }

        @Override
        public void control(Control c) {
            control = c;
        }

        void typed() {
            lastTyped = Instant.now();
        }

        /** The attendee's window, COLSxROWS. */
        String size() {
            ChannelTerminal t = terminal;
            return t == null ? "?" : t.size().getColumns() + "x" + t.size().getRows();
        }
    }

    /** A row of the class view, as written to the JSON file. */
    public record Attendee(String name, boolean connected, String connectedSince, String lastTyped,
                           String lesson, String step, int done, String stepSince, String checks, int tries) {}

    private final Path progressDir;
    private final Map<String, Seat> seats = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastTyped = new ConcurrentHashMap<>();
    /** When each attendee's lesson:step was first seen, for "same step for N minutes". */
    private final Map<String, Map.Entry<String, Instant>> onStep = new ConcurrentHashMap<>();

    public Room(Path progressDir) {
        this.progressDir = progressDir;
    }

    /** An attendee's progress file on the server. */
    public Path progressFile(String name) {
        return progressDir.resolve(name + ".json");
    }

    Seat arrive(String name, AutoCloseable connection) {
        Seat seat = new Seat(name, connection);
        Seat old = seats.put(name, seat);
        if (old != null) {
            try {
                old.connection.close();
            } catch (Exception e) {
                // it was going anyway
            }
        }
        return seat;
    }

    void leave(Seat seat) {
        if (seat.lastTyped != null) {
            lastTyped.put(seat.name, seat.lastTyped);
        }
        seats.remove(seat.name, seat);
    }

    /** A one-line message from the instructor on every connected attendee's screen; how many got it. */
    public int broadcast(String text) {
        seats.values().forEach(seat -> OnScreen.say(seat.control, text));
        return seats.size();
    }

    /**
     * "Catch up to step N": every connected attendee not yet at step {@code index} of {@code lesson}
     * (on an earlier step, another lesson or the list) gets that step, their lab rebuilt up to it
     * (fast-forward), and a message saying why. Who is already there or further stays. How many moved.
     */
    public int catchUp(Lesson lesson, int index) {
        int moved = 0;
        for (Seat seat : seats.values()) {
            LessonSession s = seat.session;
            if (s != null && s.lesson().id().equals(lesson.id()) && s.index() >= index) {
                continue;
            }
            seat.control.open(lesson, index);
            OnScreen.say(seat.control, "The instructor brought the room to step " + (index + 1) + " of '"
                    + lesson.title() + "': your lab was rebuilt up to there.");
            moved++;
        }
        return moved;
    }

    /** The seat of a connected attendee, or null. */
    Seat seat(String name) {
        return name == null ? null : seats.get(name);
    }

    public boolean isSeated(String name) {
        return seats.containsKey(name);
    }

    public int connected() {
        return seats.size();
    }

    /** Every attendee with a progress file or a connection, connected ones first, by name. */
    public List<Attendee> attendees() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(seats.keySet());
        try (var files = Files.list(progressDir)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).filter(n -> Attendees.NAME.matcher(n).matches())
                    .forEach(names::add);
        } catch (IOException e) {
            // no progress yet
        }
        List<Attendee> rows = new ArrayList<>();
        for (String name : names) {
            Seat seat = seats.get(name);
            Progress.LessonProgress last = Files.exists(progressFile(name))
                    ? Progress.load(progressFile(name)).last().orElse(null) : null;
            String lesson = last == null ? null : last.lesson();
            String step = last == null ? null : last.current();
            String checks = null;
            int tries = 0;
            LessonSession open = seat == null ? null : seat.session;
            if (open != null) {
                tries = open.tries();
                // the open lesson says where the attendee is now (the file, where they were last saved)
                lesson = open.lesson().id();
                step = open.step().id();
                checks = checksOf(open.checks());
            }
            String where = lesson + ":" + step;
            Map.Entry<String, Instant> seen = onStep.compute(name, (k, v) ->
                    v != null && v.getKey().equals(where) ? v : Map.entry(where, Instant.now()));
            Instant typed = seat != null && seat.lastTyped != null ? seat.lastTyped : lastTyped.get(name);
            rows.add(new Attendee(name, seat != null, seat == null ? null : seat.since.toString(),
                    typed == null ? null : typed.toString(), lesson, step, last == null ? 0 : last.doneCount(),
                    seen.getValue().toString(), checks, tries));
        }
        rows.sort(java.util.Comparator.comparing((Attendee a) -> !a.connected()).thenComparing(Attendee::name));
        return rows;
    }

    /** "2/3" checks passing, or null before the first check ran. */
    static String checksOf(List<LessonRunner.CheckResult> checks) {
        if (checks == null || checks.isEmpty()) {
            return null;
        }
        return checks.stream().filter(LessonRunner.CheckResult::passed).count() + "/" + checks.size();
    }

    static ObjectMapper json() {
        return new ObjectMapper();
    }

    /** Writes the room to {@code file} (a temporary file, then renamed: a reader never sees half of it). */
    public void publish(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        json().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), Map.of("updated", Instant.now().toString(),
                "attendees", attendees()));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
