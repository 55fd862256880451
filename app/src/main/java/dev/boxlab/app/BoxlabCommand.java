package dev.boxlab.app;

import dev.boxlab.app.session.KeyMap;
import dev.boxlab.app.session.Progress;
import dev.boxlab.app.session.Recorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LessonLibrary;
import dev.boxlab.sandbox.LabException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code boxlab}: the lesson picker and lesson screen by default; headless runs with --run-all. */
@Command(name = "boxlab", mixinStandardHelpOptions = true, version = BoxlabCommand.VERSION,
        description = {"A terminal playground for Linux container internals.",
                "Each lesson builds namespaces, veth pairs, bridges, NAT rules, overlay mounts and cgroups "
                        + "step by step on the real kernel, inside a lab that vanishes when boxlab exits."},
        subcommands = {ValidateCommand.class, ShellCommand.class, ProgressCommand.class, ServeCommand.class,
            ClassCommand.class},
        footer = {"", "Examples:",
                "  sudo boxlab                                  pick a lesson",
                "  sudo boxlab --lesson networking              open a lesson",
                "  sudo boxlab --lesson networking --step bridge  start at a step, earlier ones built",
                "  sudo boxlab --lesson networking --run-all    run a whole lesson headless",
                "  sudo boxlab --resume                         continue where you stopped",
                "  sudo boxlab shell                            a shell in the running lab (second terminal)",
                "  sudo boxlab serve --passphrase WORD          a room over SSH (ssh -p 2222 NAME@HOST)",
                "  sudo boxlab class                            the room's attendees, for the instructor",
                "  boxlab --list                                list the lessons",
                "  boxlab validate lessons/networking.yaml      check a lesson file"})
final class BoxlabCommand implements Callable<Integer> {
    /** What --version prints (Main answers a lone --version with it before picocli builds its model). */
    static final String VERSION = "boxlab 0.1.0";

    // what to open (the help lists options by name; this order only keeps alike declarations apart)
    @Option(names = "--step", paramLabel = "STEP", description = "Start at this step (an id or a number from 1): "
            + "a fresh lab with the earlier steps already built.")
    String step;

    @Option(names = "--resume", description = "Continue where you stopped: the lesson you used last, at its step "
            + "(the lab is rebuilt up to there).")
    boolean resume;

    @Option(names = "--lesson", paramLabel = "ID", description = "The lesson to open (see --list).")
    String lesson;

    @Option(names = "--lessons-dir", paramLabel = "DIR", description = "Also load lessons from this directory "
            + "(they win over built-in lessons with the same id).")
    Path lessonsDir;

    @Option(names = "--list", description = "List the lessons with their step counts.")
    boolean list;

    // how the learner meets it: the screen (by default) or --plain, as a demo or a challenge
    @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "Typing speed in demo mode "
            + "(1 is about 22 characters a second; 2 is twice as fast). Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--demo", description = "Instructor mode: each command is typed out at a readable pace and "
            + "runs when you press a key; no hints or check noise. Keys: "
            + "${sys:boxlab.demo.keys}.")
    boolean demo;

    static {
        // for --help: the demo's keys as the key map has them, so the help cannot disagree with the screen
        System.setProperty("boxlab.demo.keys", KeyMap.barLine(KeyMap.Mode.DEMO));
    }

    @Option(names = "--challenge", description = "Hide each step's commands: build the state yourself; hints and "
            + "solve are there when you need them.")
    boolean challenge;

    @Option(names = "--plain", description = "Line mode instead of the screen: the lesson as a conversation, "
            + "for any terminal (screen readers too). Needs --lesson or --resume.")
    boolean plain;

    // without a learner: a whole run (recorded or not), a state
    @Option(names = "--run-all", description = "Run the lesson headless: every step's commands and checks; "
            + "exits non-zero naming the first step whose checks fail.")
    boolean runAll;

    @Option(names = "--record", paramLabel = "FILE.cast", description = "Record the session as an asciicast v2 file "
            + "(play it with asciinema play FILE.cast); works with --run-all too.")
    Path record;

    /** For the build: draw the screens once on a virtual terminal while the JVM records an AppCDS archive. */
    @Option(names = "--warm-up", hidden = true)
    boolean warmUp;

    @Option(names = "--headless", description = "No terminal UI: with --step, build the state up to that step, "
            + "print it and exit.")
    boolean headless;

    private final PrintWriter out;
    private final PrintWriter err;

    BoxlabCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    LessonLibrary library() {
        return LessonLibrary.load(lessonsDir);
    }

    /**
     * Modes that cannot go together are refused by name: one way to run (the screen, --plain,
     * --headless, --run-all, --list) and one way to learn (--demo or --challenge).
     */
    private void refuseContradictions() {
        String[][] ways = {{"--plain", String.valueOf(plain)}, {"--headless", String.valueOf(headless)},
            {"--run-all", String.valueOf(runAll)}, {"--list", String.valueOf(list)}};
        List<String> chosen = java.util.Arrays.stream(ways).filter(w -> w[1].equals("true")).map(w -> w[0]).toList();
        if (chosen.size() > 1) {
            throw new Errors.UsageProblem(String.join(" and ", chosen) + " cannot go together: each is a way to run "
                    + "boxlab (pick one)");
        }
        if (demo && challenge) {
            throw new Errors.UsageProblem("--demo and --challenge cannot go together: a demo shows every command, "
                    + "a challenge hides them (pick one)");
        }
        String teaching = demo ? "--demo" : challenge ? "--challenge" : null;
        if (teaching != null && (runAll || headless || list)) {
            throw new Errors.UsageProblem(teaching + " is for a learner's screen or --plain, not " + chosen.get(0));
        }
        if (record != null && (plain || headless || list)) {
            throw new Errors.UsageProblem("--record records the screen or --run-all, not " + chosen.get(0));
        }
    }

    @Override
    public Integer call() {
        refuseContradictions();
        // a run that opens one lesson reads only it at once (the list, for the picker, when asked for)
        LessonLibrary library = lesson != null && !list && !warmUp ? LessonLibrary.lazy(lessonsDir, lesson) : library();
        if (warmUp) {
            try {
                dev.boxlab.app.tui.WarmUp.run(library.lessons());
            } catch (java.io.IOException e) {
                throw new LabException("warm-up failed: " + e.getMessage());
            }
            return 0;
        }
        if (list) {
            listLessons(library.lessons());
            return 0;
        }
        if (resume && lesson == null) {
            Progress progress = Progress.load(Progress.defaultFile());
            Progress.LessonProgress last = progress.last().orElseThrow(() -> new Errors.UsageProblem(
                    "nothing to resume yet (no progress in " + progress.file() + "); pick a lesson with --lesson ID"));
            Lesson l = library.find(last.lesson()).orElseThrow(() -> new Errors.UsageProblem(
                    "the lesson you used last, '" + last.lesson() + "', is not available any more; see --list"));
            lesson = l.id();
            if (step == null) {
                step = progress.resumeStep(l).id();
            }
        }
        Lesson chosen = null;
        if (lesson != null) {
            chosen = library.find(lesson).orElseThrow(() -> new Errors.UsageProblem("no lesson '" + lesson
                    + "'; the lessons are: " + String.join(", ", library.lessons().stream().map(Lesson::id).toList())));
        } else if (runAll || step != null) {
            throw new Errors.UsageProblem((runAll ? "--run-all" : "--step") + " needs --lesson ID");
        }
        Lesson.Step start = null;
        if (step != null) {
            final Lesson l = chosen;
            start = chosen.step(step).orElseThrow(() -> new Errors.UsageProblem("lesson '" + l.id() + "' has no step '"
                    + step + "'; its steps are 1-" + l.steps().size() + ": "
                    + String.join(", ", l.steps().stream().map(Lesson.Step::id).toList())));
        }
        if (runAll) {
            if (record == null) {
                return new Headless(out, err).runAll(chosen, start);
            }
            try (Recorder recorder = openRecorder(chosen)) {
                PrintWriter recorded = new PrintWriter(recorder.tee(out), true);
                return new Headless(recorded, err).runAll(chosen, start);
            }
        }
        if (!(speed > 0) || speed > 100) {
            throw new Errors.UsageProblem("--speed must be above 0 and at most 100, got " + speed);
        }
        if (plain) {
            if (chosen == null) {
                throw new Errors.UsageProblem("--plain needs --lesson ID (or --resume)");
            }
            try {
                PlainMode mode = new PlainMode(chosen, challenge, dev.boxlab.app.session.KernelLabs.supply());
                Lesson.Step first = start == null ? chosen.steps().get(0) : start;
                return demo ? mode.demo(first, speed) : mode.run(first);
            } catch (java.io.IOException e) {
                throw new LabException("cannot use this terminal: " + e.getMessage());
            }
        }
        Headless headlessRun = new Headless(out, err);
        if (headless || System.console() == null) {
            if (chosen == null) {
                listLessons(library.lessons());
                return 0;
            }
            return headlessRun.showStep(chosen, start == null ? chosen.steps().get(0) : start);
        }
        try {
            // the progress file is read while the first frame is drawn
            return dev.boxlab.app.tui.Tui.run(library.lessons(), chosen, start, () -> Progress.load(Progress.defaultFile()),
                    challenge, demo ? speed : null, record);
        } catch (java.io.IOException e) {
            throw new LabException("cannot use this terminal: " + e.getMessage());
        }
    }

    private Recorder openRecorder(Lesson l) {
        try {
            return new Recorder(record, 100, 30, "boxlab: " + l.title(), true);
        } catch (java.io.IOException e) {
            throw new Errors.UsageProblem("cannot write the recording " + record + ": " + e.getMessage());
        }
    }

    private void listLessons(List<Lesson> lessons) {
        int w = lessons.stream().mapToInt(l -> l.id().length()).max().orElse(2);
        for (Lesson l : lessons) {
            out.printf("%-" + w + "s  %2d steps  %s%n", l.id(), l.steps().size(), l.title());
        }
        out.flush();
    }
}
