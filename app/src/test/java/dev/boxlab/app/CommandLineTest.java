package dev.boxlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without root: listing, help, validation, and clear words for bad input. */
class CommandLineTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listShowsEachLessonWithItsStepCount() {
        Run r = run("--list");
        assertEquals(0, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("networking\\s+12 steps\\s+Container networking from scratch")), r.out());
    }

    @Test
    void versionIsWhatPicocliWouldPrintWithOrWithoutItsModel() {
        StringWriter picocli = new StringWriter();
        new picocli.CommandLine(new BoxlabCommand(new PrintWriter(picocli), new PrintWriter(picocli)))
                .printVersionHelp(new PrintWriter(picocli, true));
        for (String v : new String[] {"--version", "-V"}) {
            Run r = run(v);
            assertEquals(0, r.code());
            assertEquals(picocli.toString().strip(), r.out().strip(), v);
            assertEquals("", r.err());
        }
        Run withMore = run("--version", "--list");
        assertEquals(0, withMore.code(), "with other arguments picocli answers (help and version win over the rest)");
    }

    @Test
    void theQuickReadingOfCommonStartsIsPicoclisOrLeavesThemToIt() {
        PrintWriter none = new PrintWriter(new StringWriter());
        String[][] common = {{}, {"--lesson", "networking"}, {"--lesson", "networking", "--step", "bridge"},
            {"--lessons-dir", "/tmp/x", "--lesson", "a", "--run-all"}, {"--demo", "--lesson", "n"}, {"--challenge", "--plain",
                "--lesson", "n"}, {"--list"}, {"--resume"}, {"--headless", "--lesson", "n", "--step", "3"}};
        for (String[] args : common) {
            BoxlabCommand quick = QuickArgs.parse(args, none, none);
            BoxlabCommand picocli = new BoxlabCommand(none, none);
            new picocli.CommandLine(picocli).parseArgs(args);
            String what = String.join(" ", args);
            assertTrue(quick != null, what);
            assertEquals(fields(picocli), fields(quick), what);
        }
        String[][] others = {{"--help"}, {"-h"}, {"validate", "x.yaml"}, {"--lesson=networking"}, {"--lesson"},
            {"--lesson", "--list"}, {"--lesson", "a", "--lesson", "b"}, {"--speed", "2", "--demo"}, {"--record", "f.cast"},
            {"--bogus"}, {"networking"}};
        for (String[] args : others) {
            assertEquals(null, QuickArgs.parse(args, none, none), "left to picocli: " + String.join(" ", args));
        }
    }

    private static String fields(BoxlabCommand c) {
        return java.util.Arrays.asList(c.step, c.resume, c.lesson, c.lessonsDir, c.list, c.speed, c.demo, c.challenge, c.plain,
                c.runAll, c.record, c.warmUp, c.headless).toString();
    }

    @Test
    void helpNamesTheCommandsAndExamples() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"--lesson", "--step", "--run-all", "--list", "validate", "sudo boxlab --lesson networking"}) {
            assertTrue(r.out().contains(s), "help lacks " + s + ":\n" + r.out());
        }
    }

    @Test
    void validateAcceptsTheBuiltInLessonFile() {
        Path file = Path.of("..", "lessons", "networking.yaml");
        Run r = run("validate", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ok (lesson 'networking', 12 steps)"), r.out());
    }

    @Test
    void validateReportsFileLineColumnAndExitsTwo(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "id: bad\ntitle: Bad\nsummary: s\nsteps:\n  - id: a\n    title: A\n    run: ['']\n    check: [x]\n    hnt: oops\n");
        Run r = run("validate", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":7:11: empty command in 'run'"), r.err());
        assertTrue(r.err().contains(bad + ":9:5: unknown key 'hnt' in a step (did you mean 'hint'?)"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void validateNamesAFileThatDoesNotExist() {
        Run r = run("validate", "/nonexistent/lesson.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("/nonexistent/lesson.yaml:1:1: cannot read the file"), r.err());
    }

    @Test
    void unknownLessonAndStepAreNamedWithTheChoices() {
        Run r = run("--lesson", "netwrking", "--run-all");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no lesson 'netwrking'; the lessons are: "), r.err());
        assertTrue(r.err().contains("networking"), r.err());
        Run s = run("--lesson", "networking", "--step", "42", "--run-all");
        assertEquals(2, s.code());
        assertTrue(s.err().contains("lesson 'networking' has no step '42'; its steps are 1-12: host-stack, netns"), s.err());
        Run t = run("--run-all");
        assertEquals(2, t.code());
        assertTrue(t.err().contains("--run-all needs --lesson ID"), t.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--lessn", "networking");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option") && r.err().contains("'--lessn'"), r.err());
    }

    @Test
    void aBrokenLessonDirectoryIsReportedNotThrown(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.yaml"), "id: x\ntitle: [\n");
        Run r = run("--lessons-dir", dir.toString(), "--list");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the lesson file has problems"), r.err());
        assertTrue(r.err().contains(dir.resolve("x.yaml") + ":"), r.err());
    }

    @Test
    void classActsOnTheRoomOneWayAtATime() {
        Run r = run("class", "--say", "hello", "--watch", "alice");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--say=TEXT, --watch=NAME are mutually exclusive"), r.err());
        Run none = run("class", "--say", "hello", "--run-dir", "/nonexistent-boxlab-run");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no boxlab serve is running"), none.err());
    }
}
