package dev.boxlab.app;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.Lab;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.SnapshotDiff;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * A learner working through a lesson in a lab, without a screen: the current step, the hints
 * shown so far, the last known state and checks. The line mode drives it; every operation is
 * blocking kernel work, so a screen calls it off its GUI thread.
 */
final class LessonSession implements AutoCloseable {
    /** What one command did: its result and what it changed in the kernel. */
    record Outcome(CommandResult result, List<Change> changes) {}

    private final Lesson lesson;
    private final Progress progress;
    private volatile Lab lab;
    private volatile LessonRunner runner;
    private volatile int index;
    private int hintsShown;
    private Snapshot last;
    private final java.util.Set<Integer> done = java.util.concurrent.ConcurrentHashMap.newKeySet();

    LessonSession(Lesson lesson, Progress progress) {
        this.lesson = lesson;
        this.progress = progress;
    }

    Lesson lesson() {
        return lesson;
    }

    Step step() {
        return lesson.steps().get(index);
    }

    int index() {
        return index;
    }

    Lab lab() {
        return lab;
    }

    /** A fresh lab with every step before {@code target} built; the learner lands on {@code target}. */
    void goTo(int target, LessonRunner.Listener listener) {
        if (lab != null) {
            lab.close();
        }
        lab = Lab.start();
        runner = new LessonRunner(lesson, lab, listener);
        new LessonRunner(lesson, lab, null).fastForward(target);
        index = target;
        done.removeIf(i -> i >= target);
        hintsShown = 0;
        last = lab.snapshot();
        if (progress != null) {
            progress.currentStep(lesson.id(), step().id());
        }
    }

    /** Moves to the next step with the state as it is (no rebuild); false at the end. */
    boolean next() {
        if (index + 1 >= lesson.steps().size()) {
            return false;
        }
        index++;
        hintsShown = 0;
        if (progress != null) {
            progress.currentStep(lesson.id(), step().id());
        }
        return true;
    }

    /** Runs a command the learner typed, recorded in the transcript, and says what it changed. */
    Outcome run(String command, Consumer<String> onOutput) {
        CommandResult r = lab.run(command, "you", Duration.ofSeconds(60), onOutput);
        Snapshot now = lab.snapshot();
        List<Change> changes = SnapshotDiff.diff(last, now);
        last = now;
        return new Outcome(r, changes);
    }

    /** The current step's checks, each once; a step whose checks all pass is saved as done. */
    List<CheckResult> check() {
        int at = index;
        LessonRunner r = runner;
        List<CheckResult> results = r.check(lesson.steps().get(at), false);
        if (results.stream().allMatch(CheckResult::passed) && done.add(at) && progress != null) {
            progress.stepDone(lesson.id(), lesson.steps().get(at).id());
        }
        return results;
    }

    /** Whether the step's checks have passed in this session. */
    boolean isDone(int stepIndex) {
        return done.contains(stepIndex);
    }

    /** The next hint, each more specific than the last; null when there are no more. */
    String nextHint() {
        List<String> hints = step().hints();
        return hintsShown < hints.size() ? hints.get(hintsShown++) : null;
    }

    Snapshot snapshot() {
        last = lab.snapshot();
        return last;
    }

    @Override
    public void close() {
        if (lab != null) {
            lab.close();
        }
    }
}
