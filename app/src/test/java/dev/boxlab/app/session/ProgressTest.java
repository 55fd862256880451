package dev.boxlab.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LessonLibrary;

/** Progress survives a restart, resumes at the right step, resets, and never leaves half a file. */
class ProgressTest {
    private final Lesson networking = LessonLibrary.load(null).find("networking").orElseThrow();

    @Test
    void progressSurvivesARestartAndResumesAtTheCurrentStep(@TempDir Path dir) {
        Path file = dir.resolve("state/boxlab/progress.json");
        Progress p = Progress.load(file);
        assertTrue(p.last().isEmpty());
        assertEquals("host-stack", p.resumeStep(networking).id());
        p.currentStep("networking", "host-stack");
        p.stepDone("networking", "host-stack");
        p.stepDone("networking", "netns");
        p.currentStep("networking", "veth");

        Progress again = Progress.load(file);
        assertEquals("networking", again.last().orElseThrow().lesson());
        assertEquals(2, again.of("networking").orElseThrow().doneCount());
        assertEquals("veth", again.resumeStep(networking).id());
        assertFalse(Files.exists(file.resolveSibling("progress.json.tmp")), "the temporary file was left behind");
    }

    @Test
    void resetOneStepThenTheLesson(@TempDir Path dir) {
        Path file = dir.resolve("progress.json");
        Progress p = Progress.load(file);
        p.stepDone("networking", "host-stack");
        p.stepDone("networking", "netns");
        p.resetStep("networking", "netns");
        Progress q = Progress.load(file);
        assertEquals(1, q.of("networking").orElseThrow().doneCount());
        assertEquals("netns", q.resumeStep(networking).id());
        q.resetLesson("networking");
        assertTrue(Progress.load(file).of("networking").isEmpty());
    }

    @Test
    void withoutACurrentStepResumeTakesTheFirstStepNotDone(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("progress.json");
        Files.writeString(file, "{\"version\":1,\"lessons\":{\"networking\":{\"done\":{\"host-stack\":\"2026-11-24T09:00:00Z\","
                + "\"netns\":\"2026-11-24T09:05:00Z\"},\"updated\":\"2026-11-24T09:05:00Z\"}}}");
        assertEquals("veth", Progress.load(file).resumeStep(networking).id());
    }

    @Test
    void anUnreadableFileIsSetAsideNotLost(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("progress.json");
        Files.writeString(file, "{ not json");
        Progress p = Progress.load(file);
        assertTrue(p.last().isEmpty());
        assertEquals("{ not json", Files.readString(dir.resolve("progress.json.unreadable")));
    }
}
