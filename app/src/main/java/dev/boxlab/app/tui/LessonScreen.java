package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import dev.boxlab.app.StateText;
import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.SnapshotDiff;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * The lesson screen: the step (its text, commands, checks and hints) and the live state pane side
 * by side, the transcript below, the command line and the key bar at the bottom.
 *
 * <p>Everything here runs on the GUI thread. Kernel work goes through {@link Work}: the learner's
 * and the lesson's commands on the lab thread, snapshots and checks on the probe thread, and the
 * results come back with {@link Work#gui}.
 */
final class LessonScreen extends FullScreenView {
    enum Pane { STEP, STATE, TRANSCRIPT, COMMAND }

    enum LabStatus { STARTING, READY, BUSY, FAILED }

    private enum Overlay { NONE, HELP, QUIT }

    /** What the screen asks of whoever opened it. */
    interface Exit {
        /** Leave boxlab. */
        void quit();

        /** Back to the lesson list (the lab ends); null when there is no list to go back to. */
        default Runnable backToPicker() {
            return null;
        }
    }

    static final long MESSAGE_MILLIS = 6000;

    private final Lesson lesson;
    private final LabAccess lab;
    private final Work work;
    private final ProgressSource progress;
    private final boolean challenge;
    private final Exit exit;

    private final TranscriptLog transcript;
    private final StatePane state = new StatePane();
    private final CommandLine line = new CommandLine();

    /** Demo mode: the typist that types each command out, or null for a learner's screen. */
    private dev.boxlab.app.Typist demo;
    /** Demo mode: the command typed out in full, waiting for a key to run. */
    private String demoTyped;
    private Thread demoTyping;

    private int index;
    private int nextCommand;
    private int hintsShown;
    private List<CheckResult> checks;
    private boolean stepDone;
    private boolean checking;
    private boolean refreshing;
    private long ticks;

    private LabStatus status = LabStatus.STARTING;
    private String busyText = "starting the lab";
    private View view = View.NETWORK;
    private Pane focus = Pane.STEP;
    private Pane zoom;
    private Overlay overlay = Overlay.NONE;
    private Row message;
    private long messageUntil;
    private long epoch;

    private int stepScroll;
    private int stateScroll;
    private int transcriptBack;
    private boolean scrollToHint;
    private int stepPage = 10;
    private int statePage = 10;
    private int transcriptPage = 5;
    private TerminalPosition cursorAt;

    LessonScreen(Lesson lesson, LabAccess lab, Work work, ProgressSource progress, boolean challenge, Exit exit,
                 Theme theme, Glyphs glyphs) {
        super(theme, glyphs);
        this.lesson = lesson;
        this.lab = lab;
        this.work = work;
        this.progress = progress;
        this.challenge = challenge;
        this.exit = exit;
        this.transcript = new TranscriptLog(glyphs);
    }

    /**
     * Demo mode for an instructor: Space or Enter types the step's next command out at the
     * typist's pace, the next key runs it, and after the last command the next key moves on; hints
     * and check noise stay hidden, the state pane and its change marks stay.
     */
    void demo(dev.boxlab.app.Typist typist) {
        this.demo = typist;
    }

    boolean inDemo() {
        return demo != null;
    }

    // ---------------------------------------------------------------- what the screen does

    /** Shows step {@code start} at once and builds the lab for it in the background. */
    void open(int start) {
        showStep(start);
        rebuild(start);
    }

    Step step() {
        return lesson.steps().get(index);
    }

    int index() {
        return index;
    }

    View view() {
        return view;
    }

    Pane focus() {
        return focus;
    }

    LabStatus status() {
        return status;
    }

    StatePane state() {
        return state;
    }

    TranscriptLog transcript() {
        return transcript;
    }

    CommandLine commandLine() {
        return line;
    }

    List<CheckResult> checks() {
        return checks;
    }

    boolean helpShown() {
        return overlay == Overlay.HELP;
    }

    boolean quitAsked() {
        return overlay == Overlay.QUIT;
    }

    private void showStep(int i) {
        stopTyping();
        demoTyped = null;
        line.set("");
        index = i;
        nextCommand = 0;
        hintsShown = 0;
        checks = null;
        stepDone = false;
        stepScroll = 0;
        view = View.forWatch(step().watch());
        stateScroll = 0;
        epoch++;
        progress.currentStep(lesson, step().id());
        transcript.note(Row.of(Tone.HEADING, "" + glyphs.h + glyphs.h + " Step " + (i + 1) + "/" + lesson.steps().size() + ": "
                + step().title() + " " + glyphs.h + glyphs.h));
    }

    private void say(Tone tone, String text) {
        message = Row.of(tone, text);
        messageUntil = System.currentTimeMillis() + MESSAGE_MILLIS;
    }

    /** A fresh lab with the steps before {@code target} built (Lanterna keeps drawing meanwhile). */
    private void rebuild(int target) {
        status = LabStatus.STARTING;
        busyText = target == 0 ? "starting the lab" : "starting the lab and building steps 1-" + target;
        state.clearMarks();
        long myEpoch = ++epoch;
        long t0 = System.nanoTime();
        int total = lesson.steps().size();
        LessonRunner.Listener ff = new LessonRunner.Listener() {
            private int commands;

            @Override
            public void stepStarted(int i, Step s) {
                commands = 0;
                work.gui(() -> {
                    busyText = "building step " + (i + 1) + "/" + total + ": " + s.title();
                    invalidate();
                });
            }

            @Override
            public void commandStarted(String command) {
                commands++;
            }

            @Override
            public void checkFinished(CheckResult r) {
                // fast-forward passes each step's checks before the next; nothing to show per check
            }
        };
        work.lab(() -> {
            try {
                lab.rebuild(lesson, target, ff);
                Snapshot s = lab.snapshot();
                double secs = (System.nanoTime() - t0) / 1e9;
                work.gui(() -> {
                    if (myEpoch != epoch && status != LabStatus.STARTING) {
                        return;
                    }
                    status = LabStatus.READY;
                    state.network(s);
                    transcript.note(Row.of(Tone.DIM, String.format(Locale.ROOT, "lab ready in %.1f s", secs)
                            + (target > 0 ? " (steps 1-" + target + " built)" : "")
                            + ". r runs the step's commands; : types your own"));
                    refreshView();
                    checkNow();
                    invalidate();
                });
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                work.gui(() -> {
                    status = LabStatus.FAILED;
                    busyText = "no lab";
                    state.error(View.NETWORK, "no lab: " + firstLine(why));
                    transcript.note(Row.of(Tone.WARN, "The lab could not start: " + why));
                    if (why.contains("root")) {
                        transcript.note(Row.of(Tone.TEXT, "boxlab builds namespaces on this machine's kernel: run it with sudo."));
                    }
                    say(Tone.WARN, "the lab could not start (see the transcript)");
                    invalidate();
                });
            }
        });
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private boolean ready(String what) {
        switch (status) {
            case READY -> {
                return true;
            }
            case BUSY -> say(Tone.WARN, "a command is running: wait for it, or Ctrl-C stops it");
            case STARTING -> say(Tone.WARN, "the lab is still starting" + glyphs.running);
            case FAILED -> say(Tone.WARN, "there is no lab to " + what + " (it could not start)");
        }
        return false;
    }

    /** Runs commands one after another on the lab thread; the state pane follows each one. */
    private void runCommands(List<String> commands, String source, boolean stepCommands) {
        if (commands.isEmpty() || !ready("run commands in")) {
            return;
        }
        status = LabStatus.BUSY;
        busyText = commands.get(0);
        transcriptBack = 0;
        View v = view;
        Integer mountsOf = state.mountsOf();
        long myEpoch = epoch;
        // the state as last shown is the baseline: a fresh snapshot would wait for the probe shell,
        // which may be busy with a check, and the command would start late
        Snapshot shown = state.snapshot();
        work.lab(() -> {
            Snapshot before = shown != null ? shown : trySnapshot();
            List<StateText.Line> viewBefore = v == View.NETWORK ? null : tryView(v, mountsOf);
            Snapshot prev = before;
            for (String cmd : commands) {
                TranscriptLog.Entry e = transcript.detached(cmd, source);
                work.gui(() -> {
                    transcript.attach(e);
                    busyText = cmd;
                    invalidate();
                });
                CommandResult r;
                try {
                    r = lab.run(cmd, source, chunk -> work.gui(() -> {
                        e.append(chunk);
                        invalidate();
                    }));
                } catch (RuntimeException ex) {
                    String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                    work.gui(() -> {
                        e.append("[boxlab: " + why + "]\n");
                        e.finish(-1, false, List.of());
                    });
                    break;
                }
                boolean cancelled = Thread.interrupted();
                // the command is over: say so now; what it changed follows once the snapshot is in
                work.gui(() -> {
                    e.finish(r.exitCode(), r.timedOut(), List.of());
                    invalidate();
                });
                Snapshot after = trySnapshot();
                List<Change> changes = prev == null || after == null ? List.of() : SnapshotDiff.diff(prev, after);
                Snapshot base = before;
                work.gui(() -> {
                    e.finish(r.exitCode(), r.timedOut(), changes);
                    if (after != null && myEpoch == epoch) {
                        state.baseline(base);
                        state.network(after);
                    }
                    if (stepCommands && myEpoch == epoch) {
                        nextCommand = Math.min(step().run().size(), nextCommand + 1);
                    }
                    invalidate();
                });
                if (after != null) {
                    prev = after;
                }
                if (cancelled || r.timedOut()) {
                    break;
                }
            }
            List<StateText.Line> viewAfter = v == View.NETWORK ? null : tryView(v, mountsOf);
            work.gui(() -> {
                if (status == LabStatus.BUSY) {
                    status = LabStatus.READY;
                }
                if (v != View.NETWORK && myEpoch == epoch) {
                    state.baselineView(v, viewBefore);
                    if (viewAfter != null) {
                        state.lines(v, viewAfter);
                    }
                }
                checkNow();
                invalidate();
            });
        });
    }

    private Snapshot trySnapshot() {
        try {
            return lab.snapshot();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private List<StateText.Line> tryView(View v, Integer mountsOf) {
        try {
            return switch (v) {
                case NETWORK -> StateText.render(lab.snapshot());
                case MOUNTS -> StateText.mounts(lab.mounts(mountsOf));
                case CGROUPS -> StateText.cgroups(lab.cgroups());
                case PROCESSES -> StateText.processes(lab.processes());
                case LAYERS -> StateText.layers(lab.layers());
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The current step's checks, each once, on the probe thread; a step whose checks all pass is done. */
    void checkNow() {
        if (checking || (status != LabStatus.READY && status != LabStatus.BUSY)) {
            return;
        }
        checking = true;
        int at = index;
        long myEpoch = epoch;
        Step s = step();
        work.probe(() -> {
            List<CheckResult> rs = new ArrayList<>();
            boolean complete = true;
            for (Lesson.Check c : s.checks()) {
                try {
                    rs.add(lab.checkOnce(c));
                } catch (RuntimeException e) {
                    complete = false;
                    break;
                }
            }
            boolean ok = complete;
            work.gui(() -> {
                checking = false;
                if (!ok || at != index || myEpoch != epoch) {
                    return;
                }
                checks = rs;
                boolean all = rs.stream().allMatch(CheckResult::passed);
                if (all && !stepDone) {
                    stepDone = true;
                    progress.stepDone(lesson, s.id());
                    if (demo == null) { // a demo keeps check noise off the projector
                        transcript.note(Row.of(Tone.OK, glyphs.ok + " Step " + (at + 1) + " done: every check passes."
                                + (at + 1 < lesson.steps().size() ? " Press n (F8) for the next step." : " That was the last step.")));
                        say(Tone.OK, glyphs.ok + " step done" + (at + 1 < lesson.steps().size() ? "; n: next step" : ""));
                    }
                } else if (!all) {
                    stepDone = false;
                }
                invalidate();
            });
        });
    }

    /** The timer: the view and the checks again, unless a refresh is still on its way. */
    void tick() {
        if (message != null && System.currentTimeMillis() > messageUntil) {
            message = null;
            invalidate();
        }
        if (refreshing || (status != LabStatus.READY && status != LabStatus.BUSY)) {
            return;
        }
        refreshView();
        // Checks share the probe shell with snapshots, and a failing ping check takes a second:
        // on the timer they run every third tick, so the state pane stays live. After a command
        // they run at once. While the lab runs a command they wait for it to end.
        if (!stepDone && status == LabStatus.READY && ++ticks % 3 == 0) {
            checkNow();
        }
    }

    /** Reads what the current view shows, on the probe thread. */
    private void refreshView() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        View v = view;
        Integer mountsOf = state.mountsOf();
        work.probe(() -> {
            Snapshot s = v == View.NETWORK ? trySnapshot() : null;
            List<StateText.Line> lines = v == View.NETWORK ? null : tryView(v, mountsOf);
            List<dev.boxlab.sandbox.LabState.ProcessInfo> procs = null;
            if (v == View.MOUNTS) {
                try {
                    procs = lab.processes();
                } catch (RuntimeException e) {
                    procs = null;
                }
            }
            List<dev.boxlab.sandbox.LabState.ProcessInfo> p = procs;
            work.gui(() -> {
                refreshing = false;
                if (s != null) {
                    state.network(s);
                }
                if (lines != null && v == view && java.util.Objects.equals(mountsOf, state.mountsOf())) {
                    state.lines(v, lines);
                } else if (lines == null && v != View.NETWORK && v == view) {
                    state.error(v, "cannot read " + v.word + " from the lab");
                }
                if (p != null) {
                    state.processes(p);
                }
                invalidate();
            });
        });
    }

    void next() {
        if (status == LabStatus.BUSY) {
            say(Tone.WARN, "a command is running: wait for it, or Ctrl-C stops it");
            return;
        }
        if (index + 1 >= lesson.steps().size()) {
            say(Tone.TEXT, "this is the last step; p goes back, q quits");
            return;
        }
        showStep(index + 1);
        refreshView();
        checkNow();
    }

    void previous() {
        if (index == 0) {
            say(Tone.TEXT, "this is the first step");
            return;
        }
        if (status == LabStatus.BUSY || status == LabStatus.STARTING) {
            say(Tone.WARN, "wait for the lab to finish what it is doing, or Ctrl-C stops a command");
            return;
        }
        showStep(index - 1);
        transcript.note(Row.of(Tone.DIM, "rebuilding a fresh lab up to this step" + glyphs.running));
        rebuild(index);
    }

    void runStep() {
        if (nextCommand >= step().run().size()) {
            say(Tone.TEXT, "the step's commands have all run; n: next step");
            return;
        }
        runCommands(step().run().subList(nextCommand, step().run().size()), "lesson", true);
    }

    void runOne() {
        if (nextCommand >= step().run().size()) {
            say(Tone.TEXT, "the step's commands have all run; n: next step");
            return;
        }
        runCommands(List.of(step().run().get(nextCommand)), "lesson", true);
    }

    void hint() {
        List<String> hints = step().hints();
        if (hintsShown < hints.size()) {
            hintsShown++;
            scrollToHint = true;
            say(Tone.HINT, "hint " + hintsShown + "/" + hints.size() + " is at the end of the step");
        } else if (hints.isEmpty()) {
            say(Tone.TEXT, "this step has no hints; r runs its commands");
        } else {
            say(Tone.TEXT, "no more hints; r runs the step's commands, s one at a time");
        }
    }

    void nextView() {
        view = view.next();
        stateScroll = 0;
        refreshView();
    }

    void requestQuit() {
        if (lab.isRunning() || status == LabStatus.STARTING || status == LabStatus.BUSY) {
            overlay = Overlay.QUIT;
        } else {
            exit.quit();
        }
    }

    private void submit() {
        if (!line.text().strip().startsWith(":") && !line.text().isBlank() && !ready("run commands in")) {
            return; // the line stays, to run when the lab is free
        }
        String cmd = line.submit().strip();
        if (cmd.isEmpty()) {
            return;
        }
        if (cmd.startsWith(":")) {
            boxlabCommand(cmd);
            return;
        }
        runCommands(List.of(cmd), "you", false);
    }

    /** Lines starting with ':' talk to boxlab, as in the line mode. */
    private void boxlabCommand(String cmd) {
        String[] w = cmd.substring(1).strip().split("\\s+", 2);
        switch (w[0]) {
            case "hint", "h" -> hint();
            case "next", "n", "skip" -> next();
            case "back", "prev", "p" -> previous();
            case "solve", "run", "r" -> runStep();
            case "step", "s" -> runOne();
            case "check" -> checkNow();
            case "help", "?" -> overlay = Overlay.HELP;
            case "quit", "q", "exit" -> requestQuit();
            case "view", "v" -> {
                if (w.length > 1) {
                    for (View v : View.values()) {
                        if (v.word.startsWith(w[1])) {
                            view = v;
                            stateScroll = 0;
                            refreshView();
                            return;
                        }
                    }
                }
                nextView();
            }
            default -> say(Tone.WARN, "unknown " + cmd + " (:help lists them)");
        }
    }

    // ---------------------------------------------------------------- keys

    @Override
    void key(KeyStroke k) {
        KeyType t = k.getKeyType();
        if (t == KeyType.EOF) {
            exit.quit();
            return;
        }
        boolean ctrlC = t == KeyType.Character && k.isCtrlDown() && Character.toLowerCase(k.getCharacter()) == 'c';
        if (overlay == Overlay.HELP) {
            overlay = Overlay.NONE;
            return;
        }
        if (overlay == Overlay.QUIT) {
            if (ctrlC || t == KeyType.Enter || (t == KeyType.Character && "yYq".indexOf(k.getCharacter()) >= 0)) {
                overlay = Overlay.NONE;
                exit.quit();
            } else if (t == KeyType.Character && k.getCharacter() == 'b' && exit.backToPicker() != null) {
                overlay = Overlay.NONE;
                exit.backToPicker().run();
            } else {
                overlay = Overlay.NONE;
            }
            return;
        }
        if (ctrlC) {
            if (status == LabStatus.BUSY && work.interruptLab()) {
                say(Tone.WARN, "stopping the command" + glyphs.running);
            } else if (focus == Pane.COMMAND && !line.text().isEmpty()) {
                line.set("");
            } else {
                requestQuit();
            }
            return;
        }
        if (demo != null && demoKey(k)) {
            return;
        }
        if (globalKey(k)) {
            return;
        }
        if (focus == Pane.COMMAND) {
            if (t == KeyType.Enter) {
                submit();
            } else if (t == KeyType.Escape) {
                focus = Pane.STEP;
            } else if (t == KeyType.Tab) {
                focus = Pane.STEP;
            } else if (t == KeyType.ReverseTab) {
                focus = Pane.TRANSCRIPT;
            } else {
                line.edit(k);
            }
            return;
        }
        navKey(k);
    }

    /** The demo's keys: Space/Enter/→ go on, ← or p back a step, n skips ahead, v view, ? help, q quit. */
    private boolean demoKey(KeyStroke k) {
        KeyType t = k.getKeyType();
        Character c = t == KeyType.Character && !k.isCtrlDown() ? k.getCharacter() : null;
        if (t == KeyType.Enter || t == KeyType.ArrowRight || (c != null && c == ' ')) {
            demoStep();
        } else if (t == KeyType.ArrowLeft || (c != null && (c == 'p' || c == 'b'))) {
            previous();
        } else if (c != null && c == 'n') {
            next();
        } else if (c != null && c == 'v') {
            nextView();
        } else if (c != null && c == 'z') {
            zoom = zoom == null ? Pane.STATE : null;
        } else if (c != null && c == '?') {
            overlay = Overlay.HELP;
        } else if (c != null && c == 'q') {
            requestQuit();
        } else {
            return t == KeyType.Character && !k.isCtrlDown(); // other letters do nothing in a demo
        }
        return true;
    }

    /** One beat of the demo: finish typing, or run what was typed, or type the next command, or move on. */
    void demoStep() {
        if (demoTyping != null && demoTyping.isAlive()) {
            demoTyping.interrupt(); // the typist puts down the rest at once
            return;
        }
        if (demoTyped != null) {
            String cmd = demoTyped;
            demoTyped = null;
            line.set("");
            runCommands(List.of(cmd), "lesson", true);
            return;
        }
        if (!ready("run commands in")) {
            return;
        }
        if (nextCommand >= step().run().size()) {
            next();
            return;
        }
        String cmd = step().run().get(nextCommand);
        String shown = cmd.replace('\n', ' ');
        line.set("");
        focus = Pane.COMMAND;
        dev.boxlab.app.Typist typist = demo;
        long myEpoch = epoch;
        StringBuilder typed = new StringBuilder();
        demoTyped = cmd; // runs on the key after the typing is over
        demoTyping = new Thread(() -> {
            typist.type(shown, ch -> {
                typed.append(ch);
                String now = typed.toString();
                work.gui(() -> {
                    if (myEpoch == epoch) {
                        line.set(now);
                        invalidate();
                    }
                });
            });
            work.gui(this::invalidate);
        }, "boxlab-demo-typist");
        demoTyping.setDaemon(true);
        demoTyping.start();
    }

    private void stopTyping() {
        Thread t = demoTyping;
        if (t != null && t.isAlive()) {
            t.interrupt();
        }
        demoTyping = null;
    }

    /** Keys that work wherever the focus is: function keys, page keys and Ctrl keys. */
    private boolean globalKey(KeyStroke k) {
        switch (k.getKeyType()) {
            case F1 -> overlay = Overlay.HELP;
            case F2 -> hint();
            case F3 -> nextView();
            case F4 -> zoom = zoom == null ? (focus == Pane.COMMAND ? Pane.TRANSCRIPT : focus) : null;
            case F5 -> runStep();
            case F6 -> runOne();
            case F7 -> previous();
            case F8 -> next();
            case F10 -> requestQuit();
            case PageUp -> scroll(focus == Pane.COMMAND ? Pane.TRANSCRIPT : focus, -page(focus));
            case PageDown -> scroll(focus == Pane.COMMAND ? Pane.TRANSCRIPT : focus, page(focus));
            case Character -> {
                if (!k.isCtrlDown()) {
                    return false;
                }
                switch (Character.toLowerCase(k.getCharacter())) {
                    case 'q' -> requestQuit();
                    case 'n' -> next();
                    case 'p' -> previous();
                    case 'r' -> runStep();
                    case 'o' -> nextView();
                    case 'l' -> invalidate();
                    default -> {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private int page(Pane p) {
        return Math.max(1, switch (p == Pane.COMMAND ? Pane.TRANSCRIPT : p) {
            case STEP -> stepPage - 1;
            case STATE -> statePage - 1;
            default -> transcriptPage - 1;
        });
    }

    private void scroll(Pane p, int by) {
        switch (p) {
            case STEP -> stepScroll = Math.max(0, stepScroll + by);
            case STATE -> stateScroll = Math.max(0, stateScroll + by);
            default -> transcriptBack = Math.max(0, transcriptBack - by);
        }
    }

    private void navKey(KeyStroke k) {
        KeyType t = k.getKeyType();
        switch (t) {
            case Tab -> focus = cycle(1);
            case ReverseTab -> focus = cycle(-1);
            case Enter -> focus = Pane.COMMAND;
            case Escape -> zoom = null;
            case ArrowUp -> scroll(focus, -1);
            case ArrowDown -> scroll(focus, 1);
            case Home -> scroll(focus, -100000);
            case End -> scroll(focus, 100000);
            case ArrowRight -> next();
            case ArrowLeft -> previous();
            case Character -> {
                char c = k.getCharacter();
                switch (c) {
                    case ':', '/' -> focus = Pane.COMMAND;
                    case 'r' -> runStep();
                    case 's' -> runOne();
                    case 'n' -> next();
                    case 'p' -> previous();
                    case 'h' -> hint();
                    case 'v' -> nextView();
                    case '1', '2', '3', '4', '5' -> {
                        view = View.values()[c - '1'];
                        stateScroll = 0;
                        refreshView();
                    }
                    case '[' -> {
                        state.nextMountTarget(-1);
                        refreshView();
                    }
                    case ']' -> {
                        state.nextMountTarget(1);
                        refreshView();
                    }
                    case 'z' -> zoom = zoom == null ? focus : null;
                    case 'c' -> {
                        checkNow();
                        say(Tone.TEXT, "checking" + glyphs.running);
                    }
                    case 'k' -> scroll(focus, -1);
                    case 'j' -> scroll(focus, 1);
                    case 'g' -> scroll(focus, -100000);
                    case 'G' -> scroll(focus, 100000);
                    case '?' -> overlay = Overlay.HELP;
                    case 'q' -> requestQuit();
                    default -> say(Tone.TEXT, "'" + c + "' is not a key here; to type a command press : or Enter first");
                }
            }
            default -> {
                // other keys do nothing here
            }
        }
    }

    private Pane cycle(int dir) {
        Pane[] order = {Pane.STEP, Pane.STATE, Pane.TRANSCRIPT, Pane.COMMAND};
        int i = java.util.Arrays.asList(order).indexOf(focus);
        Pane p = order[Math.floorMod(i + dir, order.length)];
        if (zoom != null && p != Pane.COMMAND) {
            zoom = p;
        }
        return p;
    }

    // ---------------------------------------------------------------- drawing

    @Override
    TerminalPosition cursor() {
        return overlay == Overlay.NONE && focus == Pane.COMMAND ? cursorAt : null;
    }

    @Override
    void draw(TextGraphics g, TerminalSize size) {
        int w = size.getColumns();
        int h = size.getRows();
        clear(g, size);
        if (w < 40 || h < 12) {
            put(g, 0, 0, Row.of(Tone.WARN, "boxlab needs at least 40x12"), w);
            put(g, 0, 1, Row.text("(this terminal is " + w + "x" + h + "); q quits"), w);
            cursorAt = null;
            return;
        }
        drawTitle(g, w);
        int bodyTop = 1;
        int bodyH = h - 3;
        if (zoom != null) {
            drawPane(g, zoom, 0, bodyTop, w, bodyH, true);
        } else {
            int topH = Math.max(6, (int) Math.round(bodyH * (h >= 40 ? 0.64 : 0.58)));
            int leftW = w < 110 ? w / 2 : (int) (w * 0.42);
            drawPane(g, Pane.STEP, 0, bodyTop, leftW, topH, false);
            drawPane(g, Pane.STATE, leftW + 1, bodyTop, w - leftW - 1, topH, false);
            theme.apply(g, Tone.BORDER);
            g.setCharacter(leftW, bodyTop, glyphs.teeDown);
            for (int y = bodyTop + 1; y < bodyTop + topH; y++) {
                g.setCharacter(leftW, y, glyphs.v);
            }
            drawPane(g, Pane.TRANSCRIPT, 0, bodyTop + topH, w, bodyH - topH, false);
            theme.apply(g, Tone.BORDER);
            g.setCharacter(leftW, bodyTop + topH, glyphs.teeUp);
        }
        drawCommandLine(g, w, h - 2);
        drawStatusBar(g, w, h - 1);
        if (overlay == Overlay.HELP) {
            overlay(g, size, "boxlab keys", helpRows());
        } else if (overlay == Overlay.QUIT) {
            List<Row> rows = new ArrayList<>();
            rows.add(Row.text("Quit boxlab? The lab and everything in it goes."));
            rows.add(Row.EMPTY);
            Row keys = Row.of(Tone.KEY, "y").plus(Tone.TEXT, " quit   ").plus(Tone.KEY, "n").plus(Tone.TEXT, " stay");
            if (exit.backToPicker() != null) {
                keys = keys.plus(Tone.TEXT, "   ").plus(Tone.KEY, "b").plus(Tone.TEXT, " back to the lessons");
            }
            rows.add(keys);
            overlay(g, size, "quit?", rows);
        }
    }

    private void drawTitle(TextGraphics g, int w) {
        fill(g, 0, 0, w, Tone.BAR);
        Row left = Row.of(Tone.TITLE, " boxlab ").plus(Tone.BAR, " " + lesson.title() + "  ")
                .plus(Tone.BAR_KEY, "Step " + (index + 1) + "/" + lesson.steps().size());
        if (checks != null && !checks.isEmpty()) {
            long ok = checks.stream().filter(CheckResult::passed).count();
            left = left.plus(Tone.BAR, "  ").plus(Tone.BAR_KEY, (ok == checks.size() ? glyphs.ok + " done" : ok + "/" + checks.size() + " checks"));
        }
        String right = switch (status) {
            case READY -> "lab ready";
            case BUSY -> "running: " + busyText.replace("\n", " ");
            case STARTING -> busyText + glyphs.running;
            case FAILED -> "no lab";
        };
        int maxRight = Math.max(10, w - left.length() - 2);
        if (right.length() > maxRight) {
            right = right.substring(0, maxRight - glyphs.running.length()) + glyphs.running;
        }
        put(g, 0, 0, left, w);
        put(g, w - right.length() - 1, 0, Row.of(status == LabStatus.FAILED ? Tone.BAR_KEY : Tone.BAR, right), right.length());
    }

    private void header(TextGraphics g, int x, int y, int w, String title, String extra, boolean focused) {
        hline(g, x, y, w, focused ? Tone.FOCUS : Tone.BORDER);
        int end = put(g, x + 1, y, Row.of(focused ? Tone.FOCUS : Tone.HEADING, " " + title + " "), w - 2);
        if (extra != null && !extra.isEmpty() && end + extra.length() + 3 < x + w) {
            put(g, x + w - extra.length() - 2, y, Row.of(Tone.DIM, " " + extra + " "), extra.length() + 2);
        }
    }

    private void drawPane(TextGraphics g, Pane p, int x, int y, int w, int h, boolean zoomed) {
        boolean focused = focus == p;
        switch (p) {
            case STEP -> drawStep(g, x, y, w, h, focused);
            case STATE -> drawState(g, x, y, w, h, focused);
            default -> drawTranscript(g, x, y, w, h, focused);
        }
    }

    private void drawStep(TextGraphics g, int x, int y, int w, int h, boolean focused) {
        int cw = w - 2;
        List<Row> footer = demo != null ? new ArrayList<>() : checkRows(cw);
        List<Row> rows = stepRows(cw);
        if (h - 1 < 16 && footer.size() > 2) {
            // a short pane keeps one line of check marks in view; the full list ends the step's text
            rows.add(Row.EMPTY);
            rows.addAll(footer);
            footer = List.of(compactChecks());
        }
        int footerH = Math.min(footer.size(), Math.max(2, (h - 1) / 2));
        int bodyH = h - 1 - footerH;
        stepPage = bodyH;
        if (scrollToHint) {
            scrollToHint = false;
            stepScroll = Math.max(0, rows.size() - bodyH);
        }
        stepScroll = Math.min(stepScroll, Math.max(0, rows.size() - bodyH));
        String extra = scrollInfo(stepScroll, rows.size(), bodyH);
        header(g, x, y, w, "Step " + (index + 1) + "/" + lesson.steps().size() + " " + step().id(), extra, focused);
        for (int i = 0; i < bodyH && stepScroll + i < rows.size(); i++) {
            put(g, x + 1, y + 1 + i, rows.get(stepScroll + i), cw);
        }
        for (int i = 0; i < footerH; i++) {
            Row r = footer.get(i);
            if (i == footerH - 1 && footer.size() > footerH) {
                r = Row.of(Tone.DIM, "  " + glyphs.running + (footer.size() - footerH + 1) + " more checks");
            }
            put(g, x + 1, y + 1 + bodyH + i, r, cw);
        }
    }

    private static String scrollInfo(int top, int total, int height) {
        if (total <= height) {
            return "";
        }
        int pct = (int) Math.round(100.0 * Math.min(total, top + height) / total);
        return pct + "%";
    }

    List<Row> stepRows(int width) {
        Step s = step();
        List<Row> out = new ArrayList<>(Row.of(Tone.BOLD, s.title()).wrap(width, 0));
        out.add(Row.EMPTY);
        out.addAll(Narrative.render(s.text(), width));
        out.add(Row.EMPTY);
        if (demo != null) {
            out.add(Row.of(Tone.HEADING, "Commands").plus(Tone.DIM, "  Space: type, run, next"));
            for (int i = 0; i < s.run().size(); i++) {
                String mark = i < nextCommand ? glyphs.ok + " " : i == nextCommand ? glyphs.selected + " " : "  ";
                String first = s.run().get(i).strip().split("\n")[0];
                out.addAll(Row.of(i < nextCommand ? Tone.OK : Tone.COMMAND, mark)
                        .plus(i < nextCommand ? Tone.DIM : Tone.CODE, first).wrap(width, 2));
            }
            return out;
        } else if (challenge) {
            out.add(Row.of(Tone.HEADING, "Your turn").plus(Tone.DIM, "  (challenge: h hint, r solve)"));
        } else if (!s.run().isEmpty()) {
            out.add(Row.of(Tone.HEADING, "Commands").plus(Tone.DIM, "  r: run all  s: one"));
            for (int i = 0; i < s.run().size(); i++) {
                String mark = i < nextCommand ? glyphs.ok + " " : i == nextCommand ? glyphs.selected + " " : "  ";
                Tone mt = i < nextCommand ? Tone.OK : Tone.COMMAND;
                String[] lines = s.run().get(i).strip().split("\n");
                for (int j = 0; j < lines.length; j++) {
                    Row r = Row.of(mt, j == 0 ? mark : "  ").plus(Tone.DIM, j == 0 ? "$ " : "  ")
                            .plus(i < nextCommand ? Tone.DIM : Tone.CODE, lines[j]);
                    out.addAll(r.wrap(width, 6));
                }
            }
        }
        List<String> hints = s.hints();
        for (int i = 0; i < hintsShown && i < hints.size(); i++) {
            out.add(Row.EMPTY);
            List<Span> spans = new ArrayList<>();
            spans.add(new Span("Hint " + (i + 1) + "/" + hints.size() + ": ", Tone.HINT));
            for (Span sp : Narrative.inline(hints.get(i))) {
                spans.add(sp.tone() == Tone.TEXT ? new Span(sp.text(), Tone.HINT) : sp);
            }
            out.addAll(new Row(spans).wrap(width, 2));
        }
        return out;
    }

    private Row compactChecks() {
        if (stepDone) {
            return Row.of(Tone.OK, glyphs.ok + " Step done!").plus(Tone.TEXT,
                    index + 1 < lesson.steps().size() ? "  n: next step" : "  the lesson is complete");
        }
        Row r = Row.of(Tone.HEADING, "Checks ");
        int ok = 0;
        for (int i = 0; i < step().checks().size(); i++) {
            CheckResult c = checks != null && i < checks.size() ? checks.get(i) : null;
            r = c == null ? r.plus(Tone.PENDING, glyphs.pending + " ") : c.passed() ? r.plus(Tone.OK, glyphs.ok + " ")
                    : r.plus(Tone.FAIL, glyphs.fail + " ");
            ok += c != null && c.passed() ? 1 : 0;
        }
        return r.plus(Tone.DIM, ok + "/" + step().checks().size() + " pass " + (glyphs == Glyphs.ASCII ? "(below)" : "↓"));
    }

    private List<Row> checkRows(int width) {
        List<Row> out = new ArrayList<>();
        List<Lesson.Check> cs = step().checks();
        if (cs.isEmpty()) {
            return out;
        }
        if (stepDone) {
            out.add(Row.of(Tone.OK, glyphs.ok + " Step done!").plus(Tone.TEXT,
                    index + 1 < lesson.steps().size() ? "  n: next step" : "  the lesson is complete"));
        } else {
            out.add(Row.of(Tone.HEADING, "Checks").plus(Tone.DIM, checks == null ? "  not run yet" : "  re-checked as you work"));
        }
        for (int i = 0; i < cs.size(); i++) {
            CheckResult r = checks != null && i < checks.size() ? checks.get(i) : null;
            Row row = r == null ? Row.of(Tone.PENDING, " " + glyphs.pending + " ")
                    : r.passed() ? Row.of(Tone.OK, " " + glyphs.ok + " ") : Row.of(Tone.FAIL, " " + glyphs.fail + " ");
            row = row.plus(r != null && r.passed() ? Tone.TEXT : Tone.DIM, cs.get(i).name());
            String text = row.plain();
            if (text.length() > width) {
                row = new Row(List.of(row.spans().get(0), new Span(cs.get(i).name().substring(0,
                        Math.max(0, Math.min(cs.get(i).name().length(), width - 4 - glyphs.running.length()))) + glyphs.running,
                        row.spans().get(1).tone())));
            }
            out.add(row);
        }
        return out;
    }

    private void drawState(TextGraphics g, int x, int y, int w, int h, boolean focused) {
        int cw = w - 1;
        List<Row> rows = state.rows(view, cw, glyphs);
        int bodyH = h - 1;
        statePage = bodyH;
        stateScroll = Math.min(stateScroll, Math.max(0, rows.size() - bodyH));
        int marks = state.markCount(view);
        String extra = (marks > 0 ? marks + " changed" : "") + (rows.size() > bodyH ? (marks > 0 ? " " : "") + scrollInfo(stateScroll, rows.size(), bodyH) : "");
        header(g, x, y, w, "State: " + view.word + " (v)", extra, focused);
        for (int i = 0; i < bodyH && stateScroll + i < rows.size(); i++) {
            put(g, x + 1, y + 1 + i, rows.get(stateScroll + i), cw);
        }
    }

    private void drawTranscript(TextGraphics g, int x, int y, int w, int h, boolean focused) {
        List<Row> rows = transcript.rows(w - 2);
        int bodyH = h - 1;
        transcriptPage = bodyH;
        transcriptBack = Math.min(transcriptBack, Math.max(0, rows.size() - bodyH));
        int top = Math.max(0, rows.size() - bodyH - transcriptBack);
        String extra = transcriptBack > 0 ? transcriptBack + " lines below (End)" : "";
        header(g, x, y, w, "Transcript", extra, focused);
        for (int i = 0; i < bodyH && top + i < rows.size(); i++) {
            put(g, x + 1, y + 1 + i, rows.get(top + i), w - 2);
        }
    }

    private void drawCommandLine(TextGraphics g, int w, int y) {
        fill(g, 0, y, w, Tone.TEXT);
        String prompt = "lab-host# ";
        boolean focused = focus == Pane.COMMAND;
        int x = put(g, 0, y, Row.of(focused ? Tone.PROMPT : Tone.DIM, prompt), w);
        int avail = w - x - 1;
        String text = line.text();
        if (!focused && text.isEmpty()) {
            put(g, x, y, Row.of(Tone.DIM, "press : or Enter to type a command here"), avail);
            cursorAt = null;
            return;
        }
        int shift = Math.max(0, line.cursor() - avail + 1);
        put(g, x, y, Row.of(Tone.TEXT, text.substring(Math.min(shift, text.length()))), avail);
        cursorAt = new TerminalPosition(x + line.cursor() - shift, y);
        if (status == LabStatus.BUSY && focused) {
            String note = " running " + glyphs.running + " Ctrl-C stops it ";
            if (x + text.length() + note.length() + 2 < w) {
                put(g, w - note.length(), y, Row.of(Tone.DIM, note), note.length());
            }
        }
    }

    private void drawStatusBar(TextGraphics g, int w, int y) {
        Row lead = message == null ? Row.EMPTY
                : Row.of(Tone.BAR_KEY, " " + message.plain() + " ").plus(Tone.BAR, " " + glyphs.v);
        if (demo != null) {
            String go = demoTyping != null && demoTyping.isAlive() ? "finish typing" : demoTyped != null ? "run it"
                    : nextCommand < step().run().size() ? "type next command" : "next step";
            keyBar(g, y, w, lead, new String[][] {{"Space", go}, {"←", "back a step"}, {"n", "skip"}, {"v", "view"},
                {"z", "zoom state"}, {"?", "help"}, {"q", "quit"}});
            return;
        }
        keyBar(g, y, w, lead, focus == Pane.COMMAND
                ? new String[][] {{"Enter", "run"}, {"Esc", "keys"}, {"↑↓", "history"}, {"F5", "run step"}, {"F8", "next"},
                    {"F7", "prev"}, {"F2", "hint"}, {"F3", "view"}, {"F1", "help"}, {"F10", "quit"}}
                : new String[][] {{"r", "run step"}, {"s", "one cmd"}, {"n", "next"}, {"p", "prev"}, {"h", "hint"},
                    {"v", "view"}, {"Tab", "pane"}, {":", "type"}, {"?", "help"}, {"q", "quit"}});
    }

    private List<Row> helpRows() {
        List<Row> rows = new ArrayList<>();
        String[][] keys = {
            {"r  F5", "run the step's commands (the ones not run yet)"},
            {"s  F6", "run the next command of the step only"},
            {"n  F8  Ctrl-N", "next step (the lab stays as it is)"},
            {"p  F7  Ctrl-P", "previous step (a fresh lab, built up to it)"},
            {"h  F2", "a hint; again for a more specific one"},
            {"v  F3  1-5", "state view: network, mounts, cgroups, processes, layers"},
            {"[  ]", "mounts view: the lab host or another process"},
            {"Tab  Shift-Tab", "move between panes; arrows, j k, PgUp PgDn scroll"},
            {"z  F4", "zoom the pane in focus (again to return)"},
            {":  Enter", "the command line: type a command, Enter runs it"},
            {"Esc", "leave the command line (keys work again)"},
            {"Up  Down", "on the command line: history"},
            {"Ctrl-C", "stop the running command; else quit"},
            {"c", "re-run the checks now"},
            {"?  F1", "this help"},
            {"q  F10  Ctrl-Q", "quit (the lab and everything in it goes)"},
        };
        int kw = 16;
        for (String[] k : keys) {
            rows.add(Row.of(Tone.KEY, String.format("%-" + kw + "s", k[0])).plus(Tone.TEXT, k[1]));
        }
        rows.add(Row.EMPTY);
        rows.add(Row.of(Tone.DIM, "On the command line, :hint :next :back :solve :view mounts :quit work too."));
        rows.add(Row.of(Tone.DIM, "Marks in the state pane: + added  ~ changed  - removed (by the last command)."));
        rows.add(Row.of(Tone.DIM, "Any key closes this help."));
        return rows;
    }
}
