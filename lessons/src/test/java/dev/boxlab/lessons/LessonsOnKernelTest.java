package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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

/**
 * Root: every built-in lesson, headless, on the real kernel. Before each step every one of its checks
 * fails (run once); after the step's commands every one passes. A lesson added to lessons/ is
 * covered here without a line of test code.
 */
@ExtendWith(MachineUnchanged.class)
class LessonsOnKernelTest {
    static Stream<String> lessons() {
        return LessonLibrary.load(null).lessons().stream().map(Lesson::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void everyCheckFailsBeforeItsStepAndPassesAfter(String id) {
        Lesson lesson = LessonLibrary.load(null).find(id).orElseThrow();
        List<String> problems = new ArrayList<>();
        try (Lab lab = Lab.start()) {
            LessonRunner runner = new LessonRunner(lesson, lab, null);
            for (Step step : lesson.steps()) {
                for (CheckResult c : runner.check(step, false)) {
                    if (c.passed()) {
                        problems.add("step '" + step.id() + "': check '" + c.check().name() + "' already passes before the step");
                    }
                }
                StepResult r = runner.runStep(step);
                for (CheckResult c : r.failed()) {
                    problems.add("step '" + step.id() + "': check '" + c.check().name() + "' fails after the step: "
                            + c.output().strip());
                }
                if (!r.passed()) {
                    break; // later steps build on this one
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Every lesson's steps already run in order above; this proves fast-forward stops where it should. */
    @Test
    void fastForwardBuildsTheStateOfTheLastStep() {
        Lesson lesson = LessonLibrary.load(null).find("networking").orElseThrow();
        int last = lesson.steps().size() - 1;
        try (Lab lab = Lab.start()) {
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
