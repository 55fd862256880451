package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonRunner.StepResult;
import dev.boxlab.sandbox.MachineUnchanged;
import dev.boxlab.sandbox.Lab;
import dev.boxlab.sandbox.LabLimits;

/**
 * Root: every built-in lesson, headless, on the real kernel. Before each step every one of its checks
 * fails (run once); after the step's commands every one passes. A lesson added to lessons/ is
 * covered here without a line of test code.
 */
@ExtendWith(MachineUnchanged.class)
class LessonsOnKernelTest {
    // three, not more: on two cores more labs at once only make the lessons' timing checks flaky
    private static final int LABS_AT_ONCE = 3;

    /** Every built-in lesson, or those named in -Dboxlab.lessons=a,b (for an author iterating on one). */
    static Stream<String> lessons() {
        String only = System.getProperty("boxlab.lessons", "");
        List<String> wanted = only.isBlank() ? List.of() : List.of(only.split(","));
        return LessonLibrary.load(null).lessons().stream().map(Lesson::id)
                .filter(id -> wanted.isEmpty() || wanted.contains(id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void everyCheckFailsBeforeItsStepAndPassesAfter(String id) {
        Lesson lesson = LessonLibrary.load(null).find(id).orElseThrow();
        List<String> problems = new ArrayList<>();
        walk(lesson, -1, problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Runs a lesson in a fresh lab, step by step: the reference commands (chain -1, where every check
     * must also fail before its step) or each step's variant number {@code chain} where it has one.
     */
    private static void walk(Lesson lesson, int chain, List<String> problems) {
        try (Lab lab = Lab.start(LabLimits.NONE, LabCommands.all())) {
            LessonRunner runner = new LessonRunner(lesson, lab, null);
            int last = chain < 0 ? lesson.steps().size() - 1 : 0;
            for (int i = 0; i < lesson.steps().size(); i++) {
                if (lesson.steps().get(i).variants().size() > chain) {
                    last = i;
                }
            }
            for (Step step : lesson.steps().subList(0, last + 1)) { // a chain ends with its last variant
                if (chain < 0) {
                    for (CheckResult c : runner.check(step, false)) {
                        if (c.passed()) {
                            problems.add("step '" + step.id() + "': check '" + c.check().name()
                                    + "' already passes before the step");
                        }
                    }
                }
                boolean variant = chain >= 0 && chain < step.variants().size();
                String how = variant ? "variant '" + step.variants().get(chain).name() + "'"
                        : chain < 0 ? "reference" : "reference, in variant chain " + (chain + 1);
                StepResult r = runner.runStep(step, variant ? step.variants().get(chain).run() : step.run());
                for (CheckResult c : r.failed()) {
                    problems.add("step '" + step.id() + "' (" + how + "): check '" + c.check().name()
                            + "' fails after the step: " + c.output().strip() + failedCommands(r));
                }
                if (!r.passed()) {
                    break; // later steps build on this one
                }
            }
        }
    }

    /**
     * Every variant passes every check of its step, from a state earlier variants built: chain k runs
     * each step's k-th variant (the reference commands where a step has fewer), so one lab covers
     * the first variant of every step, and a state reached by variants is the next one's start.
     *
     * Every shortcut leaves at least one check of its step failing (after the check's retries), from
     * a lab fast-forwarded to that step: the checks test the idea, not just the look of it.
     *
     * Each chain and each shortcut needs a lab of its own. The labs mostly wait (pings, timeouts), so
     * all of them, for every lesson, share one pool of a few at once, the longest first.
     */
    @Test
    void everyVariantPassesAndEveryShortcutFails() throws InterruptedException {
        record Job(int weight, Runnable work) {}
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Job> jobs = new ArrayList<>();
        for (String id : lessons().toList()) {
            Lesson lesson = LessonLibrary.load(null).find(id).orElseThrow();
            int chains = lesson.steps().stream().mapToInt(s -> s.variants().size()).max().orElse(0);
            for (int k = 0; k < chains; k++) {
                int chain = k;
                jobs.add(new Job(lesson.steps().size(), () -> {
                    List<String> found = new ArrayList<>();
                    walk(lesson, chain, found);
                    found.forEach(p -> problems.add(id + ": " + p));
                }));
            }
            for (int i = 0; i < lesson.steps().size(); i++) {
                int index = i;
                Step step = lesson.steps().get(i);
                for (Lesson.Alternative shortcut : step.shortcuts()) {
                    jobs.add(new Job(index, () -> {
                        String what = id + ": step '" + step.id() + "' shortcut '" + shortcut.name() + "'";
                        try (Lab lab = Lab.start(LabLimits.NONE, LabCommands.all())) {
                            LessonRunner runner = new LessonRunner(lesson, lab, null);
                            runner.fastForward(index);
                            runner.runCommands(step, shortcut.run());
                            if (!runner.rejects(step)) {
                                problems.add(what + " passes every check");
                            }
                        }
                    }));
                }
            }
        }
        jobs.sort(java.util.Comparator.comparingInt(Job::weight).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(LABS_AT_ONCE);
        try {
            for (Job job : jobs) {
                pool.submit(() -> {
                    try {
                        job.work().run();
                    } catch (RuntimeException e) {
                        problems.add(String.valueOf(e.getMessage()));
                    }
                });
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(20, TimeUnit.MINUTES), "the variant and shortcut labs did not finish");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static String failedCommands(StepResult r) {
        StringBuilder sb = new StringBuilder();
        for (var c : r.commands()) {
            if (!c.ok()) {
                sb.append("\n    command failed (").append(c.exitCode()).append("): ").append(c.command())
                        .append("\n      ").append(c.output().strip().replace("\n", "\n      "));
            }
        }
        return sb.toString();
    }

    /** Every lesson's steps already run in order above; this proves fast-forward stops where it should. */
    @Test
    void fastForwardBuildsTheStateOfTheLastStep() {
        Lesson lesson = LessonLibrary.load(null).find("networking").orElseThrow();
        int last = lesson.steps().size() - 1;
        try (Lab lab = Lab.start(LabLimits.NONE, LabCommands.all())) {
            LessonRunner runner = new LessonRunner(lesson, lab, null);
            List<StepResult> built = runner.fastForward(last);
            assertEquals(last, built.size());
            assertTrue(built.stream().allMatch(StepResult::passed));
            // the last step is not done yet: its checks still fail
            assertFalse(runner.check(lesson.steps().get(last), false).stream().anyMatch(CheckResult::passed),
                    "fast-forward went past the step it should stop at");
        }
    }
}
