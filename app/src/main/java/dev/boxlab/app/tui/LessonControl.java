package dev.boxlab.app.tui;

import java.util.List;
import java.util.Locale;

import dev.boxlab.app.session.LiveState;
import dev.boxlab.app.session.View;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.lessons.LessonSession.LabStatus;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * What the lesson screen's keys do, and how the session's events reach the screen. Kernel work
 * goes to the session on {@link Work}'s lab thread (commands, a fresh lab) or probe thread
 * (checks); events come back on those threads and are handed to the GUI thread, where this lives.
 */
final class LessonControl implements LessonSession.Listener, LiveState.Listener {
    static final long MESSAGE_MILLIS = 6000;

    private final LessonSession session;
    private final LiveState live;
    private final Work work;
    private final ProgressSource progress;
    private final TranscriptLog transcript;
    private final Glyphs glyphs;
    private final Runnable redraw;
    /** Told when the learner is on another step (the panes go back to their tops). */
    private final Runnable moved;
    private final LabWatch events; // the kernel's word that the lab's network changed
    private boolean quiet;

    private String busyText = "starting the lab";
    /** Commands handed to the lab thread and not over yet: the lab is busy from the key on. */
    private boolean queued;
    private boolean checking;
    private long ticks;
    private Row message;
    private long messageUntil;
    /** The transcript entry of the command running now (the lab thread's). */
    private volatile TranscriptLog.Entry current;

    LessonControl(LessonSession session, LiveState live, Work work, ProgressSource progress, TranscriptLog transcript,
                  Glyphs glyphs, Runnable redraw, Runnable moved) {
        this.session = session;
        this.live = live;
        this.work = work;
        this.progress = progress;
        this.transcript = transcript;
        this.glyphs = glyphs;
        this.redraw = redraw;
        this.moved = moved;
        session.listen(this);
        live.listen(this);
        session.listen(live);
        events = new LabWatch(session, this::changed);
        session.listen(events);
    }

    /** A demo keeps check noise off the projector. */
    void quiet(boolean on) {
        quiet = on;
    }

    boolean quiet() {
        return quiet;
    }

    /** The lab's state as read for the screen (what a learner broke, among the rest). */
    LiveState live() {
        return live;
    }

    LessonSession session() {
        return session;
    }

    LabStatus status() {
        return queued && session.status() == LabStatus.READY ? LabStatus.BUSY : session.status();
    }

    String busyText() {
        return busyText;
    }

    /** Whether a message is up, timed out or not (the next draw drops a timed-out one). */
    boolean messageUp() {
        return message != null;
    }

    Row message() {
        if (message != null && System.currentTimeMillis() > messageUntil) {
            message = null;
        }
        return message;
    }

    void say(Tone tone, String text) {
        message = Row.of(tone, text);
        messageUntil = System.currentTimeMillis() + MESSAGE_MILLIS;
    }

    /** Whether leaving would end a lab (or interrupt one starting or busy). */
    boolean labInUse() {
        return session.labAlive() || status() == LabStatus.STARTING || status() == LabStatus.BUSY;
    }

    // ---------------------------------------------------------------- actions

    /** Shows step {@code start} at once and builds the lab for it in the background. */
    void open(int start) {
        session.moveTo(start);
        rebuild(start);
    }

    private void rebuild(int target) {
        busyText = target == 0 ? "starting the lab" : "starting the lab and building steps 1-" + target;
        work.lab(session::build);
    }

    boolean ready(String what) {
        switch (status()) {
            case READY -> {
                return true;
            }
            case BUSY -> say(Tone.WARN, "a command is running: wait for it, or Ctrl-C stops it");
            case STARTING -> say(Tone.WARN, "the lab is still starting" + glyphs.running);
            case FAILED -> say(Tone.WARN, "there is no lab to " + what + " (it could not start)");
        }
        return false;
    }

    void next() {
        if (status() == LabStatus.BUSY) {
            say(Tone.WARN, "a command is running: wait for it, or Ctrl-C stops it");
        } else if (!session.next()) {
            say(Tone.TEXT, "this is the last step; p goes back, q quits");
        } else {
            live.refresh();
            checkNow();
        }
    }

    void previous() {
        if (session.index() == 0) {
            say(Tone.TEXT, "this is the first step");
        } else if (status() == LabStatus.BUSY || status() == LabStatus.STARTING) {
            say(Tone.WARN, "wait for the lab to finish what it is doing, or Ctrl-C stops a command");
        } else {
            session.moveTo(session.index() - 1);
            transcript.note(Row.of(Tone.DIM, "rebuilding a fresh lab up to this step" + glyphs.running));
            rebuild(session.index());
        }
    }

    /** This step again in a fresh lab: what a learner does after breaking the lab (eth0 deleted, /run unmounted). */
    void rebuildHere() {
        if (status() == LabStatus.BUSY || status() == LabStatus.STARTING) {
            say(Tone.WARN, "wait for the lab to finish what it is doing, or Ctrl-C stops a command");
        } else {
            session.moveTo(session.index());
            transcript.note(Row.of(Tone.DIM, "rebuilding this step in a fresh lab" + glyphs.running));
            rebuild(session.index());
        }
    }

    /** Runs up to {@code max} of the step's commands not run yet. */
    void runStep(int max) {
        if (session.commandsDone() >= session.step().run().size()) {
            say(Tone.TEXT, "the step's commands have all run; n: next step");
        } else if (ready("run commands in")) {
            onLab(() -> session.runStepCommands(max));
        }
    }

    /** Runs a command the learner typed. */
    void runTyped(String command) {
        if (ready("run commands in")) {
            onLab(() -> session.run(command));
        }
    }

    private void onLab(Runnable commands) {
        queued = true;
        transcript.follow();
        work.lab(() -> {
            current = null;
            try {
                commands.run();
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                TranscriptLog.Entry entry = current;
                work.gui(() -> {
                    if (entry != null) {
                        entry.append("[boxlab: " + why + "]\n");
                        entry.finish(-1, false, List.of());
                    } else {
                        say(Tone.WARN, why);
                    }
                    queued = false;
                    redraw.run();
                });
            }
        });
    }

    /** Shows the next hint; false when there is none. */
    boolean hint() {
        List<String> hints = session.step().hints();
        if (session.nextHint() != null) {
            say(Tone.HINT, "hint " + session.hintsShown() + "/" + hints.size() + " is at the end of the step");
            return true;
        }
        if (hints.isEmpty()) {
            say(Tone.TEXT, "this step has no hints; r runs its commands");
        } else {
            say(Tone.TEXT, "no more hints; r runs the step's commands, s one at a time");
        }
        return false;
    }

    void view(View v) {
        live.show(v);
    }

    /** The current step's checks, each once, on the probe thread. */
    void checkNow() {
        LabStatus s = status();
        if (checking || (s != LabStatus.READY && s != LabStatus.BUSY)) {
            return;
        }
        checking = true;
        work.probe(() -> {
            try {
                session.check();
            } catch (RuntimeException e) {
                // the lab went (a rebuild, the end): the next check will tell
            } finally {
                work.gui(() -> {
                    checking = false;
                    redraw.run();
                });
            }
        });
    }

    /** A command ended in a lab shell (the terminal pane's, {@code boxlab shell}'s), as the hook tells it. Any thread. */
    void commandElsewhere() {
        events.happened();
        changed();
    }

    /** The lab changed (a command, the kernel's events): the state and the checks follow at once. Any thread. */
    private void changed() {
        live.refresh();
        work.gui(this::checkNow);
    }

    /** The timer: a poll of the state, and of the checks every third tick while the lab is idle. */
    void tick() {
        LabStatus s = status();
        if (s != LabStatus.READY && s != LabStatus.BUSY) {
            return;
        }
        // commands (the session's, and every lab shell's through the hook) and the kernel's network
        // events refresh the state and checks themselves: the timer polls each tick only for 10 s after
        // a command (for what it set going; not the network while events come), then a slow safety poll
        long n = ++ticks;
        boolean calm = events.calm(live.view());
        if (calm && n % events.safetyTicks() != 0) {
            return;
        }
        live.refresh();
        // checks share the probe shell with snapshots and a failing ping check takes a second, so
        // on the timer they run every third tick and the state pane stays live
        List<CheckResult> checks = session.checks();
        boolean done = checks != null && checks.stream().allMatch(CheckResult::passed);
        if (!done && s == LabStatus.READY && (calm || n % 3 == 0)) {
            checkNow();
        }
    }

    // ---------------------------------------------------------------- the session's events

    @Override
    public void moved(int index, Step step) {
        events.happened();
        work.gui(() -> {
            moved.run();
            progress.currentStep(session.lesson(), step.id());
            transcript.note(Row.of(Tone.HEADING, "" + glyphs.h + glyphs.h + " Step " + (index + 1) + "/"
                    + session.lesson().steps().size() + ": " + step.title() + " " + glyphs.h + glyphs.h));
        });
    }

    @Override
    public void building(int index, Step step) {
        work.gui(() -> {
            busyText = "building step " + (index + 1) + "/" + session.lesson().steps().size() + ": " + step.title();
            redraw.run();
        });
    }

    @Override
    public void labReady(double seconds) {
        events.happened();
        int built = session.index();
        work.gui(() -> {
            transcript.note(Row.of(Tone.DIM, String.format(Locale.ROOT, "lab ready in %.1f s", seconds)
                    + (built > 0 ? " (steps 1-" + built + " built)" : "") + ". r runs the step's commands; : types your own"));
            checkNow();
            redraw.run();
        });
    }

    @Override
    public void labFailed(RuntimeException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        work.gui(() -> {
            busyText = "no lab";
            transcript.note(Row.of(Tone.WARN, "The lab could not start: " + why));
            if (why.contains("root")) {
                transcript.note(Row.of(Tone.TEXT, "boxlab builds namespaces on this machine's kernel: run it with sudo."));
            }
            say(Tone.WARN, "the lab could not start (see the transcript)");
            redraw.run();
        });
    }

    @Override
    public void commandStarted(String command, String source) {
        events.happened();
        TranscriptLog.Entry e = transcript.detached(command, source);
        current = e;
        work.gui(() -> {
            transcript.attach(e);
            busyText = command;
            redraw.run();
        });
    }

    @Override
    public void output(String text) {
        TranscriptLog.Entry e = current;
        work.gui(() -> {
            e.append(text);
            redraw.run();
        });
    }

    /** The command is over: say so now; what it changed follows once the snapshot is in. */
    @Override
    public void commandFinished(CommandResult r) {
        commandChanged(r, List.of());
    }

    @Override
    public void commandChanged(CommandResult r, List<Change> changes) {
        TranscriptLog.Entry e = current;
        work.gui(() -> {
            e.finish(r.exitCode(), r.timedOut(), changes);
            redraw.run();
        });
    }

    @Override
    public void commandsEnded() {
        events.happened();
        work.gui(() -> {
            queued = false;
            checkNow();
            redraw.run();
        });
    }

    @Override
    public void stepDone(int index, Step step) {
        progress.stepDone(session.lesson(), step.id());
        if (quiet) {
            return;
        }
        boolean last = index + 1 >= session.lesson().steps().size();
        work.gui(() -> {
            transcript.note(Row.of(Tone.OK, glyphs.ok + " Step " + (index + 1) + " done: every check passes."
                    + (last ? " That was the last step." : " Press n (F8) for the next step.")));
            say(Tone.OK, glyphs.ok + " step done" + (last ? "" : "; n: next step"));
        });
    }

    @Override
    public void published() {
        work.gui(redraw);
    }
}
