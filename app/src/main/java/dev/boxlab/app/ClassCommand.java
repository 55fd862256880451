package dev.boxlab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code boxlab class}: the instructor's view of a {@code boxlab serve} room, read from the file serve publishes. */
@Command(name = "class", mixinStandardHelpOptions = true,
        description = {"The room of a running boxlab serve: every attendee, their lesson and step, steps done, "
                + "the step's checks passing, commands tried on it, when they last typed, how long they have been "
                + "on this step, and who looks stuck (--stuck minutes on one step, its checks failing after --tries "
                + "commands).",
                "Refreshes every 2 seconds until Ctrl-C; --once prints the table and exits. --say, --catch-up and "
                + "--watch act on the room instead."})
final class ClassCommand implements Callable<Integer> {
    static final String RUN_DIR = "/run/boxlab-serve";
    /** What class leaves in the run directory for serve to take (read and remove) on its next round. */
    static final String SAY = "say.txt";
    static final String CATCH_UP = "catch-up.txt";

    @Option(names = "--once", description = "Print the table once and exit.")
    boolean once;

    @Option(names = "--stuck", paramLabel = "MINUTES", defaultValue = "10",
            description = "Mark an attendee stuck after this long on one step, its checks failing. "
                    + "Default: ${DEFAULT-VALUE}.")
    long stuckMinutes;

    @Option(names = "--tries", paramLabel = "N", defaultValue = "3",
            description = "... and after trying at least this many commands on it (someone away is not stuck). "
                    + "Default: ${DEFAULT-VALUE}.")
    int tries;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = RUN_DIR,
            description = "Where serve publishes the room (serve's --run-dir). Default: ${DEFAULT-VALUE}.")
    Path runDir;

    /** What class does to the room instead of showing it: one at a time (picocli refuses two). */
    static final class Act {
        @Option(names = "--say", paramLabel = "TEXT", description = "Put a one-line message on every connected "
                + "attendee's screen (within 2 s; they close it with Enter), then exit.")
        String say;

        @Option(names = "--catch-up", paramLabel = "LESSON:STEP", description = "Bring every connected attendee "
                + "not yet there to this step (a number from 1, or its id) of this lesson, their lab rebuilt up to "
                + "it; who is there or further stays. E.g. --catch-up networking:5.")
        String catchUp;

        @Option(names = "--watch", paramLabel = "NAME", description = "Watch NAME's screen, read-only, once they "
                + "allow it on their screen (they see a mark while watched); Ctrl-C stops. Your window should be "
                + "at least as large as theirs.")
        String watch;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Act act = new Act();

    @ParentCommand
    BoxlabCommand parent;

    @Spec
    CommandSpec spec;

    /** What boxlab class left for serve in {@code name}, taken (read and removed), or null. */
    static String take(Path runDir, String name) throws IOException {
        Path file = runDir.resolve(name);
        try {
            String text = Files.readString(file).strip();
            Files.delete(file);
            return text.isEmpty() ? null : text;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Leaves {@code text} for serve in {@code name} (a temporary file, then renamed: serve never sees half). */
    private void leave(String name, String text) throws IOException {
        Path file = runDir.resolve("class.json");
        if (!Files.exists(file)) {
            throw new Errors.UsageProblem("no boxlab serve is running (no " + file + ")");
        }
        Path tmp = runDir.resolve(name + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, runDir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code LESSON:STEP} as the lesson's id and the step's index, or a usage problem naming what is wrong. */
    private String[] step(String spec) {
        String[] f = spec.split(":", 2);
        if (f.length < 2) {
            throw new Errors.UsageProblem("--catch-up wants LESSON:STEP, e.g. networking:5 (got '" + spec + "')");
        }
        dev.boxlab.lessons.Lesson lesson = parent.library().find(f[0]).orElseThrow(() -> new Errors.UsageProblem(
                "no lesson '" + f[0] + "' (boxlab --list shows them)"));
        dev.boxlab.lessons.Lesson.Step step = lesson.step(f[1]).orElseThrow(() -> new Errors.UsageProblem(
                "lesson '" + f[0] + "' has no step '" + f[1] + "' (steps 1-" + lesson.steps().size() + ")"));
        return new String[] {lesson.id(), String.valueOf(lesson.indexOf(step)), step.title()};
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path file = runDir.resolve("class.json");
        Act a = act == null ? new Act() : act;
        String say = a.say;
        String catchUp = a.catchUp;
        String watch = a.watch;
        if (say != null) {
            leave(SAY, say.replaceAll("\\s+", " ").strip());
            out.println("said to the room (on every screen within 2 s): " + say);
            out.flush();
            return 0;
        }
        if (catchUp != null) {
            String[] to = step(catchUp);
            leave(CATCH_UP, to[0] + " " + to[1]);
            out.printf("within 2 s, everyone not yet there goes to step %d of %s (%s), their lab rebuilt up to it%n",
                    Integer.parseInt(to[1]) + 1, to[0], to[2]);
            out.flush();
            return 0;
        }
        if (watch != null) {
            try {
                return dev.boxlab.app.serve.Watching.watch(runDir.resolve("watch.sock"), watch, System.out, out);
            } catch (IllegalStateException e) {
                throw new Errors.UsageProblem(e.getMessage());
            }
        }
        while (true) {
            List<String> table;
            try {
                table = table(new ObjectMapper().readTree(Files.readString(file)), Instant.now(),
                        Duration.ofMinutes(stuckMinutes), tries);
            } catch (NoSuchFileException e) {
                throw new Errors.UsageProblem("no boxlab serve is running (no " + file + ")");
            } catch (IOException e) {
                table = List.of("cannot read " + file + ": " + e.getMessage());
            }
            if (!once) {
                out.print("\033[H\033[2J");
            }
            table.forEach(out::println);
            if (!once) {
                out.println("to the room, from another terminal: boxlab class --say TEXT | --catch-up LESSON:STEP | "
                        + "--watch NAME");
            }
            out.flush();
            if (once) {
                return 0;
            }
            Thread.sleep(2000);
        }
    }

    /** The room as text lines: a header, one line per attendee, and a count. */
    static List<String> table(JsonNode room, Instant now, Duration stuck, int minTries) {
        String fmt = "%-16s %-4s %-12s %-22s %5s %6s %5s %11s %8s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(fmt, "ATTENDEE", "ON", "LESSON", "STEP", "DONE", "CHECKS", "TRIES", "LAST TYPED",
                "ON STEP", ""));
        int on = 0;
        for (JsonNode a : room.path("attendees")) {
            boolean connected = a.path("connected").asBoolean();
            on += connected ? 1 : 0;
            Duration onStep = since(a.path("stepSince"), now);
            String checks = text(a.path("checks"), "-");
            int tried = a.path("tries").asInt();
            boolean isStuck = connected && onStep != null && onStep.compareTo(stuck) >= 0 && failing(checks)
                    && tried >= minTries;
            lines.add(String.format(fmt, a.path("name").asText(), connected ? "yes" : "no",
                    text(a.path("lesson"), "-"), text(a.path("step"), "-"), a.path("done").asInt(), checks,
                    connected ? String.valueOf(tried) : "-", ago(since(a.path("lastTyped"), now)),
                    ago(onStep).replace(" ago", ""), isStuck ? "STUCK?" : ""));
        }
        lines.add(on + " connected, " + (lines.size() - 1) + " known; updated "
                + ago(since(room.path("updated"), now)));
        return lines;
    }

    /** "1/3": some of the step's checks fail. */
    private static boolean failing(String checks) {
        String[] f = checks.split("/");
        return f.length == 2 && !f[0].equals(f[1]);
    }

    private static String text(JsonNode n, String otherwise) {
        return n.isTextual() && !n.asText().equals("null") ? n.asText() : otherwise;
    }

    private static Duration since(JsonNode n, Instant now) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return Duration.between(Instant.parse(n.asText()), now);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String ago(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = Math.max(0, d.getSeconds());
        return s < 60 ? s + "s ago" : s < 3600 ? s / 60 + "m ago" : s / 3600 + "h" + (s % 3600) / 60 + "m ago";
    }
}
