package dev.boxlab.lessons;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.boxlab.lessons.Lesson.Check;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.LabPort;
import dev.boxlab.sandbox.Timeouts;

/**
 * Runs a lesson's steps against a lab: the reference commands, then the checks, each reported to
 * a listener as it happens. Knows nothing about screens.
 */
public final class LessonRunner {
    /** How long one reference command may run before it is stopped. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final long RETRY_MILLIS = 200;
    /** Check timeouts stretch on a slow machine (BOXLAB_TIMEOUT_SCALE, see {@link Timeouts}). */
    private static final double TIMEOUT_SCALE = Timeouts.SCALE;

    /** What happened, as it happens. Every method has a default, so a listener implements what it shows. */
    public interface Listener {
        default void stepStarted(int index, Step step) {}

        default void commandStarted(String command) {}

        /** A command starts; {@code source} is "lesson" (a step's own) or "you" (typed by the learner). */
        default void commandStarted(String command, String source) {
            commandStarted(command);
        }

        default void output(String text) {}

        default void commandFinished(CommandResult result) {}

        default void checkFinished(CheckResult result) {}
    }

    /** How a check's output starts when it failed in a lab a learner broke (see {@link LabPort#problems()}). */
    public static final String BROKEN = "the lab is broken: ";

    public record CheckResult(Check check, boolean passed, String output, int exitCode) {
        /** True when the check failed because the lab is broken, not because the step is not done yet. */
        public boolean labBroken() {
            return !passed && output.startsWith(BROKEN);
        }
    }

    public record StepResult(Step step, List<CommandResult> commands, List<CheckResult> checks) {
        public boolean passed() {
            return checks.stream().allMatch(CheckResult::passed);
        }

        public List<CheckResult> failed() {
            return checks.stream().filter(c -> !c.passed()).toList();
        }
    }

    private final Lesson lesson;
    private final LabPort lab;
    private final Listener listener;

    public LessonRunner(Lesson lesson, LabPort lab, Listener listener) {
        this.listener = listener == null ? new Listener() {} : listener;
        this.lesson = lesson;
        this.lab = lab;
    }

    public Lesson lesson() {
        return lesson;
    }

    /** Runs the step's reference commands, then its checks (retried until each one's timeout). */
    public StepResult runStep(Step step) {
        return runStep(step, step.run());
    }

    /**
     * Runs other commands in the step's place (a variant or a shortcut, see {@link Lesson.Alternative}),
     * then the step's checks.
     */
    public StepResult runStep(Step step, List<String> run) {
        List<CommandResult> commands = runCommands(step, run);
        return new StepResult(step, commands, check(step, true));
    }

    /** Runs commands for a step without checking it. */
    public List<CommandResult> runCommands(Step step, List<String> run) {
        listener.stepStarted(lesson.indexOf(step), step);
        return runCommands(run, 0, Integer.MAX_VALUE, () -> {});
    }

    /**
     * Runs up to {@code max} of {@code run} from {@code from} on, in order, calling {@code afterEach}
     * after each; stops early after one that timed out or was stopped (the thread interrupted, the
     * learner's Ctrl-C), since what follows it would build on nothing.
     */
    public List<CommandResult> runCommands(List<String> run, int from, int max, Runnable afterEach) {
        List<CommandResult> results = new ArrayList<>();
        for (int i = from; i < run.size() && results.size() < max; i++) {
            CommandResult r = run(run.get(i), "lesson", COMMAND_TIMEOUT);
            results.add(r);
            afterEach.run();
            if (r.timedOut() || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return results;
    }

    /**
     * The one place a command runs on a lab for a lesson: a step's own ({@code source} "lesson") or
     * one the learner typed ("you"), recorded in the lab's transcript and told to the listener.
     */
    public CommandResult run(String command, String source, Duration timeout) {
        listener.commandStarted(command, source);
        CommandResult r = lab.run(command, source, timeout, listener::output);
        // a stopped command (Ctrl-C interrupts the thread) leaves the flag set, and listeners read the
        // state with blocking calls that would throw at once: cleared for them, set again for the caller
        boolean stopped = Thread.interrupted();
        listener.commandFinished(r);
        if (stopped) {
            Thread.currentThread().interrupt();
        }
        return r;
    }

    /**
     * Evaluates every check of a step. With {@code retry}, a failing check is tried again until its
     * timeout; without, each runs once (what the live pane and "fails before" tests want).
     */
    public List<CheckResult> check(Step step, boolean retry) {
        List<CheckResult> results = new ArrayList<>();
        for (Check c : step.checks()) {
            CheckResult r = retry ? checkUntil(c) : checkOnce(c);
            listener.checkFinished(r);
            results.add(r);
        }
        return results;
    }

    /** The one place a check is evaluated: its command in the lab's check shell, its exit code and {@code expect}. */
    public CheckResult checkOnce(Check c) {
        long timeoutMillis = Math.max(1000, (long) (c.timeoutSeconds() * TIMEOUT_SCALE * 1000) + 2000);
        CommandResult r = lab.check(c.run(), Duration.ofMillis(timeoutMillis));
        boolean passed = r.ok() && (c.expect() == null || Pattern.compile(c.expect(), Pattern.MULTILINE)
                .matcher(r.output()).find());
        if (!passed) {
            // a check that fails in a broken lab fails because of the lab, not "not yet": say so
            List<String> broken = lab.problems();
            if (!broken.isEmpty()) {
                return new CheckResult(c, false, BROKEN + String.join("; ", broken) + "\n" + r.output(), r.exitCode());
            }
        }
        return new CheckResult(c, passed, r.output(), r.exitCode());
    }

    /**
     * Whether the step's checks reject the state as it is: true as soon as one check still fails
     * after being retried until its timeout (what a learner's screen would do), false if all pass.
     */
    public boolean rejects(Step step) {
        for (Check c : step.checks()) {
            CheckResult r = checkUntil(c);
            listener.checkFinished(r);
            if (!r.passed()) {
                return true;
            }
        }
        return false;
    }

    private CheckResult checkUntil(Check c) {
        long deadline = System.nanoTime() + (long) (c.timeoutSeconds() * TIMEOUT_SCALE * 1e9);
        while (true) {
            CheckResult r = checkOnce(c);
            if (r.passed() || System.nanoTime() >= deadline) {
                return r;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    /**
     * Builds the state a learner has at the start of step {@code index} (counted from 0): runs every
     * earlier step's commands and checks in order. Throws if an earlier step does not pass, naming it.
     */
    public List<StepResult> fastForward(int index) {
        List<StepResult> results = new ArrayList<>();
        for (int i = 0; i < index && i < lesson.steps().size(); i++) {
            StepResult r = runStep(lesson.steps().get(i));
            results.add(r);
            if (!r.passed()) {
                throw new StepFailedException(lesson, i, r);
            }
        }
        return results;
    }

    /** A step whose checks did not pass after its reference commands ran. */
    public static final class StepFailedException extends RuntimeException {
        private final transient StepResult result;
        private final int index;

        public StepFailedException(Lesson lesson, int index, StepResult result) {
            super("step " + (index + 1) + " '" + result.step().id() + "' of lesson '" + lesson.id() + "' failed: "
                    + String.join("; ", result.failed().stream().map(c -> c.check().name()).toList()));
            this.result = result;
            this.index = index;
        }

        public StepResult result() {
            return result;
        }

        public int index() {
            return index;
        }
    }
}
