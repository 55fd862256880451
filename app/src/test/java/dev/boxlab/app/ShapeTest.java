package dev.boxlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The codebase's shape, measured (issue 10): small files, a thin lesson screen, no package cycle. */
class ShapeTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final int MAX_LINES = 400;

    static List<Path> mainSources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String module : List.of("sandbox", "lessons", "app")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
            }
        }
        return all;
    }

    @Test
    void noMainSourceFileIsOverFourHundredLines() throws IOException {
        List<String> over = new ArrayList<>();
        for (Path p : mainSources()) {
            String rel = ROOT.relativize(p).toString();
            long lines = Files.readAllLines(p).size();
            if (lines > MAX_LINES) {
                over.add(rel + ": " + lines + " lines");
            }
        }
        assertEquals(List.of(), over);
    }

    @Test
    void theLessonScreenOnlyWiresItsPanes() throws IOException {
        long lines = Files.readAllLines(ROOT.resolve("app/src/main/java/dev/boxlab/app/tui/LessonScreen.java")).size();
        assertTrue(lines < 250, "LessonScreen.java has " + lines + " lines");
    }

    /** The command line uses the screen; the screen uses the shared session package, never the command line. */
    @Test
    void theScreenDoesNotDependOnTheCommandLinePackage() throws IOException {
        Pattern useOfApp = Pattern.compile("dev\\.boxlab\\.app\\.([A-Z]\\w*)");
        List<String> found = new ArrayList<>();
        for (Path p : mainSources()) {
            String rel = ROOT.relativize(p).toString();
            if (!rel.contains("/app/tui/") && !rel.contains("/app/session/")) {
                continue;
            }
            Matcher m = useOfApp.matcher(Files.readString(p));
            while (m.find()) {
                found.add(rel + " uses dev.boxlab.app." + m.group(1));
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void lessonsKnowTheLabOnlyByItsPort() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path p : mainSources()) {
            String rel = ROOT.relativize(p).toString();
            if (rel.startsWith("lessons/") && Pattern.compile("\\bdev\\.boxlab\\.sandbox\\.Lab\\b").matcher(Files.readString(p)).find()) {
                found.add(rel);
            }
        }
        assertEquals(List.of(), found);
    }
}
