package dev.boxlab.app.session;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.boxlab.lessons.Lesson;

/**
 * What a learner has done: per lesson, the steps completed and when, and the step they were on.
 * Kept in the XDG state directory of the person who ran sudo (SUDO_USER), owned by them, written
 * whole to a temporary file and renamed, so a crash never leaves half a file.
 */
public final class Progress {
    /** One lesson's progress: completed step ids with the time each was completed, and the current step. */
    public record LessonProgress(String lesson, Map<String, Instant> done, String current, Instant updated) {
        public int doneCount() {
            return done.size();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, LessonProgress> lessons = new LinkedHashMap<>();

    private Progress(Path file) {
        this.file = file;
    }

    /** The progress file of the person at the keyboard: ~SUDO_USER/.local/state/boxlab/progress.json under sudo. */
    public static Path defaultFile() {
        String override = System.getenv("BOXLAB_PROGRESS");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String sudoUser = System.getenv("SUDO_USER");
        if (sudoUser != null && !sudoUser.isBlank() && !sudoUser.equals("root")) {
            Optional<Path> home = homeOf(sudoUser);
            if (home.isPresent()) {
                return home.get().resolve(".local/state/boxlab/progress.json");
            }
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("boxlab").resolve("progress.json");
    }

    static Optional<Path> homeOf(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length >= 6 && f[0].equals(user)) {
                    return Optional.of(Path.of(f[5]));
                }
            }
        } catch (IOException e) {
            // no passwd file: fall back to the XDG path of the current user
        }
        return Optional.empty();
    }

    /** Reads the file; a missing file is no progress, an unreadable one is set aside rather than lost. */
    public static Progress load(Path file) {
        Progress p = new Progress(file);
        if (!Files.exists(file)) {
            return p;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (var it = root.path("lessons").fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode l = e.getValue();
                Map<String, Instant> done = new LinkedHashMap<>();
                for (var d = l.path("done").fields(); d.hasNext(); ) {
                    var s = d.next();
                    done.put(s.getKey(), Instant.parse(s.getValue().asText()));
                }
                p.lessons.put(e.getKey(), new LessonProgress(e.getKey(), done, l.path("current").asText(null),
                        Instant.parse(l.path("updated").asText(Instant.EPOCH.toString()))));
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // leave it; we start afresh in memory
            }
        }
        return p;
    }

    public Path file() {
        return file;
    }

    public Optional<LessonProgress> of(String lesson) {
        return Optional.ofNullable(lessons.get(lesson));
    }

    /** Where a failed save is told (stderr unless a screen that owns the terminal says otherwise). */
    private volatile java.util.function.Consumer<String> problems = System.err::println;

    public void onProblem(java.util.function.Consumer<String> to) {
        problems = to;
    }

    /** The lesson touched last, to resume. */
    public Optional<LessonProgress> last() {
        return lessons.values().stream().max(Comparator.comparing(LessonProgress::updated));
    }

    public synchronized void stepDone(String lesson, String step) {
        LessonProgress l = lessons.getOrDefault(lesson, new LessonProgress(lesson, new LinkedHashMap<>(), step, Instant.now()));
        Map<String, Instant> done = new LinkedHashMap<>(l.done());
        done.putIfAbsent(step, Instant.now());
        lessons.put(lesson, new LessonProgress(lesson, done, l.current(), Instant.now()));
        save();
    }

    public synchronized void currentStep(String lesson, String step) {
        LessonProgress l = lessons.getOrDefault(lesson, new LessonProgress(lesson, new LinkedHashMap<>(), step, Instant.now()));
        lessons.put(lesson, new LessonProgress(lesson, l.done(), step, Instant.now()));
        save();
    }

    public synchronized void resetStep(String lesson, String step) {
        LessonProgress l = lessons.get(lesson);
        if (l != null) {
            Map<String, Instant> done = new LinkedHashMap<>(l.done());
            done.remove(step);
            lessons.put(lesson, new LessonProgress(lesson, done, step, Instant.now()));
            save();
        }
    }

    public synchronized void resetLesson(String lesson) {
        if (lessons.remove(lesson) != null) {
            save();
        }
    }

    /** Where to resume a lesson: its current step if known, else the first step not done. */
    public Lesson.Step resumeStep(Lesson lesson) {
        LessonProgress l = lessons.get(lesson.id());
        if (l == null) {
            return lesson.steps().get(0);
        }
        if (l.current() != null) {
            Optional<Lesson.Step> s = lesson.step(l.current());
            if (s.isPresent()) {
                return s.get();
            }
        }
        return lesson.steps().stream().filter(s -> !l.done().containsKey(s.id())).findFirst()
                .orElse(lesson.steps().get(lesson.steps().size() - 1));
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            ObjectNode root = JSON.createObjectNode();
            root.put("version", 1);
            ObjectNode ls = root.putObject("lessons");
            for (LessonProgress l : lessons.values()) {
                ObjectNode n = ls.putObject(l.lesson());
                ObjectNode done = n.putObject("done");
                l.done().forEach((k, v) -> done.put(k, v.toString()));
                if (l.current() != null) {
                    n.put("current", l.current());
                }
                n.put("updated", l.updated().toString());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            giveToSudoUser(List.of(tmp));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // progress is a convenience: a read-only home must not stop a lesson
            problems.accept("boxlab: cannot save progress to " + file + ": " + e.getMessage());
        }
    }

    /** Under sudo, the file and the directories we made belong to the learner, not to root. */
    private void giveToSudoUser(List<Path> extra) {
        String user = System.getenv("SUDO_USER");
        if (user == null || user.isBlank() || user.equals("root")) {
            return;
        }
        Optional<Path> home = homeOf(user);
        List<Path> paths = new ArrayList<>(extra);
        for (Path p = file.getParent(); p != null && home.isPresent() && p.startsWith(home.get()) && !p.equals(home.get());
             p = p.getParent()) {
            paths.add(p);
        }
        try {
            UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user);
            String gid = System.getenv("SUDO_GID");
            GroupPrincipal group = gid == null ? null : lookup.lookupPrincipalByGroupName(groupName(gid));
            for (Path p : paths) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                if (view != null) {
                    view.setOwner(owner);
                    if (group != null) {
                        view.setGroup(group);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // leave them root's: still readable by boxlab under sudo
        }
    }

    private static String groupName(String gid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/group"))) {
            String[] f = line.split(":");
            if (f.length >= 3 && f[2].equals(gid)) {
                return f[0];
            }
        }
        return gid;
    }
}
