package dev.boxlab.lessons;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonRunner.StepResult;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.LabException;
import dev.boxlab.sandbox.LabPort;

/**
 * A learner in a lesson, without any screen: the step they are on, the step's commands run so
 * far, the hints shown, the last checks and the steps done. Every command of a lesson and every
 * check goes through here (and on through {@link LessonRunner}); the screen, the line mode, the
 * headless runs and the demo are views and drivers of a session, told what happens by its
 * {@link Listener}s.
 *
 * <p>Kernel work blocks: {@link #build}, {@link #run}, {@link #runStepCommands}, {@link #runStep}
 * and {@link #check}. A screen calls them off its GUI thread; the rest is cheap. State is safe to
 * read from any thread; a check that was running while the learner moved on is not recorded.
 */
public final class LessonSession implements AutoCloseable {
    /** How long a learner's own command may run before it is stopped (Ctrl-C stops it sooner). */
    public static final Duration YOUR_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    public enum LabStatus { STARTING, READY, BUSY, FAILED }

    /** What happened, as it happens, on the thread that did it. Every method has a default. */
    public interface Listener extends LessonRunner.Listener {
        /** The learner is on step {@code index} now (its commands, hints and checks start afresh). */
        default void moved(int index, Step step) {}

        /** A fresh lab is building step {@code index} (to reach the step the learner is on). */
        default void building(int index, Step step) {}

        /** The lab is ready after {@code seconds}, with the steps before the current one built. */
        default void labReady(double seconds) {}

        default void labFailed(RuntimeException why) {}

        /** The current step's checks ran; {@code index} is the step they belong to. */
        default void checked(int index, List<CheckResult> results) {}

        /** Every check of step {@code index} passed, for the first time in this session. */
        default void stepDone(int index, Step step) {}

        /** The lab is free again after commands (time for checks and the state). */
        default void commandsEnded() {}
    }

    private final Lesson lesson;
    private final LabSupply labs;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Listener fire = fanout();
    private final Set<Integer> done = ConcurrentHashMap.newKeySet();

    private volatile LabPort lab;
    private volatile LessonRunner runner;
    private volatile LabStatus status = LabStatus.STARTING;
    private volatile int index;
    private volatile int commandsDone;
    private volatile int hintsShown;
    private volatile int tries;
    private volatile List<CheckResult> checks;
    /** Bumped whenever the step or the lab changes, so late results of the old ones are dropped. */
    private volatile long generation;

    public LessonSession(Lesson lesson, LabSupply labs) {
        this.lesson = lesson;
        this.labs = labs;
    }

    public LessonSession listen(Listener l) {
        listeners.add(l);
        return this;
    }

    public Lesson lesson() {
        return lesson;
    }

    public int index() {
        return index;
    }

    public Step step() {
        return lesson.steps().get(index);
    }

    public boolean isLast() {
        return index + 1 >= lesson.steps().size();
    }

    /** How many of the step's reference commands have run. */
    public int commandsDone() {
        return commandsDone;
    }

    public int hintsShown() {
        return hintsShown;
    }

    /** Commands the learner ran on this step (the command line, a shell of the lab): how much they tried. */
    public int tries() {
        return tries;
    }

    /** The current step's last checks, or null before they first ran. */
    public List<CheckResult> checks() {
        return checks;
    }

    public boolean isDone(int stepIndex) {
        return done.contains(stepIndex);
    }

    public LabStatus status() {
        return status;
    }

    /** The lab, or null before one started. */
    public LabPort lab() {
        return lab;
    }

    /** Whether a lab is up (so leaving would end it). */
    public boolean labAlive() {
        LabPort l = lab;
        return l != null && l.isAlive();
    }

    /** Shows step {@code target} at once; the lab for it is built by {@link #build}. */
    public void moveTo(int target) {
        status = LabStatus.STARTING;
        show(target);
    }

    /** A fresh lab (any previous one ends) with every step before the current one built. Blocks. */
    public void build() {
        long t0 = System.nanoTime();
        long gen = generation;
        endLab();
        status = LabStatus.STARTING;
        try {
            LabPort l = labs.open(lesson, index, new LessonRunner.Listener() {
                @Override
                public void stepStarted(int i, Step s) {
                    fire.building(i, s);
                }
            });
            lab = l;
            runner = new LessonRunner(lesson, l, fire);
            if (gen == generation) {
                status = LabStatus.READY;
            }
            fire.labReady((System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            status = LabStatus.FAILED;
            fire.labFailed(e);
        }
    }

    /** {@link #moveTo} and {@link #build}: a fresh lab, the learner on {@code target}. Throws if the lab fails. */
    public void goTo(int target) {
        List<RuntimeException> failure = new ArrayList<>();
        Listener catcher = new Listener() {
            @Override
            public void labFailed(RuntimeException why) {
                failure.add(why);
            }
        };
        listeners.add(catcher);
        try {
            moveTo(target);
            build();
        } finally {
            listeners.remove(catcher);
        }
        if (!failure.isEmpty()) {
            throw failure.get(0);
        }
    }

    /** The next step with the lab as it is (no rebuild); false on the last step. */
    public boolean next() {
        if (isLast()) {
            return false;
        }
        show(index + 1);
        return true;
    }

    private void show(int target) {
        generation++;
        index = target;
        commandsDone = 0;
        hintsShown = 0;
        tries = 0;
        checks = null;
        done.removeIf(i -> i >= target && status == LabStatus.STARTING);
        fire.moved(target, step());
    }

    /** The next hint, each more specific than the last; null when there are no more. */
    public String nextHint() {
        List<String> hints = step().hints();
        if (hintsShown >= hints.size()) {
            return null;
        }
        hintsShown++;
        return hints.get(hintsShown - 1);
    }

    /** Runs a command the learner typed, recorded in the transcript. Blocks. */
    public CommandResult run(String command) {
        LessonRunner r = busy();
        tries++;
        try {
            return r.run(command, "you", YOUR_COMMAND_TIMEOUT);
        } finally {
            idle();
        }
    }

    /**
     * Runs up to {@code max} of the step's reference commands not run yet, in order; stops after a
     * command that timed out or was stopped (the thread interrupted). Blocks.
     */
    public List<CommandResult> runStepCommands(int max) {
        LessonRunner r = busy();
        try {
            Step s = step();
            long gen = generation;
            List<CommandResult> results = r.runCommands(s.run(), commandsDone, max, () -> {
                if (gen == generation) {
                    commandsDone = Math.min(s.run().size(), commandsDone + 1);
                }
            });
            return results;
        } finally {
            idle();
        }
    }

    /**
     * A command the learner ran in a shell of their own (the terminal, {@code boxlab shell}): if it
     * is the step's next reference command, it counts as run, as if boxlab had run it.
     */
    public void commandRan(String command) {
        tries++;
        Step s = step();
        if (commandsDone < s.run().size() && s.run().get(commandsDone).strip().equals(command.strip())) {
            commandsDone++;
        }
    }

    /** The rest of the step's commands, then its checks retried until their timeouts (a headless run). */
    public StepResult runStep() {
        fire.stepStarted(index, step());
        List<CommandResult> commands = runStepCommands(Integer.MAX_VALUE);
        return new StepResult(step(), commands, record(index, generation, runner.check(step(), true)));
    }

    /** The current step's checks, each once; a step whose checks all pass is done. Blocks. */
    public List<CheckResult> check() {
        LessonRunner r = runner;
        if (r == null) {
            throw new LabException("the lab is not running");
        }
        int at = index;
        long gen = generation;
        return record(at, gen, r.check(lesson.steps().get(at), false));
    }

    private List<CheckResult> record(int at, long gen, List<CheckResult> results) {
        if (gen != generation) {
            return results;
        }
        checks = List.copyOf(results);
        fire.checked(at, checks);
        if (results.stream().allMatch(CheckResult::passed) && done.add(at)) {
            fire.stepDone(at, lesson.steps().get(at));
        }
        return results;
    }

    private LessonRunner busy() {
        LessonRunner r = runner;
        if (r == null || status == LabStatus.FAILED || status == LabStatus.STARTING) {
            throw new LabException("the lab is not running");
        }
        status = LabStatus.BUSY;
        return r;
    }

    private void idle() {
        Thread.interrupted(); // a stopped command leaves the flag set; the next blocking call must not see it
        if (status == LabStatus.BUSY) {
            status = LabStatus.READY;
        }
        fire.commandsEnded();
    }

    private void endLab() {
        LabPort l = lab;
        lab = null;
        runner = null;
        if (l != null) {
            l.close();
        }
    }

    /** Ends the lab, if any; idempotent and safe from a shutdown hook. */
    @Override
    public void close() {
        generation++;
        endLab();
    }

    /** One listener that hands every event to every listener, in the order they came. */
    private Listener fanout() {
        return (Listener) Proxy.newProxyInstance(Listener.class.getClassLoader(), new Class<?>[] {Listener.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(this, args);
                    }
                    for (Listener l : listeners) {
                        try {
                            method.invoke(l, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                    return null;
                });
    }
}
