package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.boxlab.lessons.Lesson.Check;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonSession.LabStatus;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.LabException;
import dev.boxlab.sandbox.Transcript;

/** The lesson engine on a scripted lab: no root, no kernel. */
class LessonSessionTest {
    static final Lesson LESSON = new Lesson("t", "Test", "a test", 1, List.of(), List.of(
            new Step("one", "One", "First.", List.of("a", "b"), List.of(new Check("b ran", "b", null, 0)),
                    List.of("vague", "specific"), List.of()),
            new Step("two", "Two", "Second.", List.of("c"), List.of(new Check("c ran", "c", "yes", 0)),
                    List.of(), List.of())), "test");

    final List<ScriptedLab> labs = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    LessonSession session() {
        LessonSession s = new LessonSession(LESSON, LabSupply.startingWith(l -> {
            ScriptedLab lab = new ScriptedLab();
            labs.add(lab);
            return lab;
        }));
        s.listen(new LessonSession.Listener() {
            @Override
            public void moved(int index, Step step) {
                events.add("moved " + index);
            }

            @Override
            public void commandStarted(String command, String source) {
                events.add(source + " " + command);
            }

            @Override
            public void stepDone(int index, Step step) {
                events.add("done " + index);
            }

            @Override
            public void labReady(double seconds) {
                events.add("ready");
            }
        });
        return s;
    }

    static List<String> commands(Transcript t) {
        return t.entries().stream().map(e -> e.source() + ": " + e.result().command()).toList();
    }

    @Test
    void aStepsCommandsRunInOrderOneAtATimeOrAllAndTheChecksSayDone() {
        LessonSession s = session();
        s.goTo(0);
        assertEquals(LabStatus.READY, s.status());
        assertNull(s.checks());
        assertFalse(s.check().get(0).passed());
        s.runStepCommands(1);
        assertEquals(1, s.commandsDone());
        s.runStepCommands(Integer.MAX_VALUE);
        assertEquals(2, s.commandsDone());
        assertTrue(s.check().stream().allMatch(CheckResult::passed));
        assertTrue(s.isDone(0));
        s.check();
        assertEquals(List.of("moved 0", "ready", "lesson a", "lesson b", "done 0"), events, "done is told once");
        assertEquals(List.of("lesson: a", "lesson: b"), commands(labs.get(0).transcript));
    }

    @Test
    void goingToAStepBuildsTheEarlierOnesInAFreshLabAndNextKeepsTheLab() {
        LessonSession s = session();
        s.goTo(1);
        assertEquals(List.of("lesson: a", "lesson: b"), commands(labs.get(0).transcript));
        s.run("c");
        assertTrue(s.check().get(0).passed(), "a learner's own command counts");
        assertFalse(s.next(), "the last step has no next");
        s.goTo(0);
        assertEquals(2, labs.size());
        assertFalse(labs.get(0).alive, "the old lab ended");
        assertFalse(s.isDone(1), "a fresh lab forgets what was done after it");
        assertEquals(List.of("you: c"), commands(labs.get(0).transcript).subList(2, 3));
    }

    @Test
    void hintsComeOneAtATimeAndStartAgainOnTheNextStep() {
        LessonSession s = session();
        s.goTo(0);
        assertEquals("vague", s.nextHint());
        assertEquals("specific", s.nextHint());
        assertNull(s.nextHint());
        assertEquals(2, s.hintsShown());
        s.next();
        assertEquals(0, s.hintsShown());
    }

    @Test
    void aHeadlessStepRunsTheRestAndRetriesChecks() {
        LessonSession s = session();
        s.goTo(0);
        s.runStepCommands(1);
        LessonRunner.StepResult r = s.runStep();
        assertEquals(List.of("b"), r.commands().stream().map(CommandResult::command).toList());
        assertTrue(r.passed());
    }

    @Test
    void checksOfAStepLeftBehindAreNotRecorded() {
        LessonSession s = session();
        s.goTo(0);
        s.runStepCommands(2);
        s.listen(new LessonSession.Listener() {
            @Override
            public void checkFinished(CheckResult r) {
                s.next(); // the learner moves on while the check runs
            }
        });
        s.check();
        assertNull(s.checks(), "step two shows no result of step one's check");
        assertFalse(s.isDone(0));
    }

    @Test
    void aLabThatCannotStartIsFailedAndSaysWhy() {
        LessonSession s = new LessonSession(LESSON, (l, i, b) -> {
            throw new LabException("boxlab needs root");
        });
        LabException e = assertThrows(LabException.class, () -> s.goTo(0));
        assertEquals("boxlab needs root", e.getMessage());
        assertEquals(LabStatus.FAILED, s.status());
        assertThrows(LabException.class, () -> s.run("a"));
    }

    @Test
    void aStoppedCommandEndsTheRunAndLeavesNoInterruptBehind() {
        LessonSession s = session();
        s.goTo(0);
        s.listen(new LessonSession.Listener() {
            @Override
            public void output(String text) {
                Thread.currentThread().interrupt(); // Ctrl-C during the first command
            }
        });
        assertEquals(1, s.runStepCommands(Integer.MAX_VALUE).size());
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(LabStatus.READY, s.status());
    }

    @Test
    void aFailingEarlierStepEndsItsLabAndNamesTheStep() {
        LessonSession s = new LessonSession(LESSON, LabSupply.startingWith(l -> {
            ScriptedLab lab = new ScriptedLab() {
                @Override
                public CommandResult check(String command, java.time.Duration timeout) {
                    return new CommandResult(command, "", 1, java.time.Duration.ZERO, false);
                }
            };
            labs.add(lab);
            return lab;
        }));
        RuntimeException e = assertThrows(LessonRunner.StepFailedException.class, () -> s.goTo(1));
        assertTrue(e.getMessage().contains("step 1 'one'"), e.getMessage());
        assertFalse(labs.get(0).alive);
    }
}
