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

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code boxlab class}: the instructor's view of a {@code boxlab serve} room, read from the file serve publishes. */
@Command(name = "class", mixinStandardHelpOptions = true,
        description = {"The room of a running boxlab serve: every attendee, their lesson and step, steps done, "
                + "when they last typed, how long they have been on this step, and who looks stuck.",
                "Refreshes every 2 seconds until Ctrl-C; --once prints the table and exits."})
final class ClassCommand implements Callable<Integer> {
    static final String RUN_DIR = "/run/boxlab-serve";

    @Option(names = "--once", description = "Print the table once and exit.")
    boolean once;

    @Option(names = "--stuck", paramLabel = "MINUTES", defaultValue = "10",
            description = "Mark an attendee stuck after this long on one step. Default: ${DEFAULT-VALUE}.")
    long stuckMinutes;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = RUN_DIR,
            description = "Where serve publishes the room (serve's --run-dir). Default: ${DEFAULT-VALUE}.")
    Path runDir;

    @Option(names = "--say", paramLabel = "TEXT", description = "Put a one-line message on every connected "
            + "attendee's screen (within 2 s; they close it with Enter), then exit.")
    String say;

    @Spec
    CommandSpec spec;

    /** The message boxlab class left for serve, taken (read and removed), or null. */
    static String takeMessage(Path runDir) throws IOException {
        Path file = runDir.resolve("say.txt");
        try {
            String text = Files.readString(file).strip();
            Files.delete(file);
            return text.isEmpty() ? null : text;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path file = runDir.resolve("class.json");
        if (say != null) {
            if (!Files.exists(file)) {
                throw new Errors.UsageProblem("no boxlab serve is running (no " + file + ")");
            }
            Path tmp = runDir.resolve("say.txt.tmp");
            Files.writeString(tmp, say.replaceAll("\\s+", " ").strip());
            Files.move(tmp, runDir.resolve("say.txt"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            out.println("said to the room (on every screen within 2 s): " + say);
            out.flush();
            return 0;
        }
        while (true) {
            List<String> table;
            try {
                table = table(new ObjectMapper().readTree(Files.readString(file)), Instant.now(),
                        Duration.ofMinutes(stuckMinutes));
            } catch (NoSuchFileException e) {
                throw new Errors.UsageProblem("no boxlab serve is running (no " + file + ")");
            } catch (IOException e) {
                table = List.of("cannot read " + file + ": " + e.getMessage());
            }
            if (!once) {
                out.print("\033[H\033[2J");
            }
            table.forEach(out::println);
            out.flush();
            if (once) {
                return 0;
            }
            Thread.sleep(2000);
        }
    }

    /** The room as text lines: a header, one line per attendee, and a count. */
    static List<String> table(JsonNode room, Instant now, Duration stuck) {
        String fmt = "%-16s %-4s %-12s %-22s %5s %6s %11s %8s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(fmt, "ATTENDEE", "ON", "LESSON", "STEP", "DONE", "CHECKS", "LAST TYPED", "ON STEP",
                ""));
        int on = 0;
        for (JsonNode a : room.path("attendees")) {
            boolean connected = a.path("connected").asBoolean();
            on += connected ? 1 : 0;
            Duration onStep = since(a.path("stepSince"), now);
            boolean isStuck = connected && onStep != null && onStep.compareTo(stuck) >= 0;
            lines.add(String.format(fmt, a.path("name").asText(), connected ? "yes" : "no",
                    text(a.path("lesson"), "-"), text(a.path("step"), "-"), a.path("done").asInt(), text(a.path("checks"), "-"),
                    ago(since(a.path("lastTyped"), now)), ago(onStep).replace(" ago", ""), isStuck ? "STUCK?" : ""));
        }
        lines.add(on + " connected, " + (lines.size() - 1) + " known; updated "
                + ago(since(room.path("updated"), now)));
        return lines;
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
