package dev.boxlab.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A progress file that cannot be written is told to whoever asked, never printed over a screen. */
class ProgressProblemsTest {
    @Test
    void aFailedSaveGoesToTheProblemHandler(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "a file where the progress directory would be");
        Progress p = Progress.load(blocker.resolve("progress.json"));
        List<String> told = new ArrayList<>();
        p.onProblem(told::add);
        p.currentStep("networking", "netns");
        assertEquals(1, told.size(), told.toString());
        assertTrue(told.get(0).startsWith("boxlab: cannot save progress to "), told.get(0));
    }
}
