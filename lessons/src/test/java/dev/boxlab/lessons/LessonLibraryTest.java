package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lessons boxlab knows: all of them, or one at once and the rest when asked for. */
class LessonLibraryTest {
    static final String OWN = """
            id: networking
            title: An author's own networking
            summary: one step
            steps:
              - id: one
                title: one
                run: [hostname]
                check: [test "$(hostname)" = lab-host]
            """;

    @Test
    void aLazyLibraryFindsTheSameLessonAndListsTheSameLessons() {
        LessonLibrary all = LessonLibrary.load(null);
        LessonLibrary lazy = LessonLibrary.lazy(null, "networking");
        Lesson eager = all.find("networking").orElseThrow();
        Lesson one = lazy.find("networking").orElseThrow();
        assertEquals(eager.title(), one.title());
        assertEquals(eager.steps().size(), one.steps().size());
        assertEquals(ids(all.lessons()), ids(lazy.lessons()), "the list, read when asked for");
        assertTrue(LessonLibrary.lazy(null, "no-such-lesson").find("no-such-lesson").isEmpty());
        assertTrue(LessonLibrary.lazy(null, "../networking").find("../networking").isEmpty());
    }

    @Test
    void anAuthorsLessonWinsOverTheBuiltInOneWithItsIdEitherWay(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), OWN);
        assertEquals("An author's own networking", LessonLibrary.lazy(dir, "networking").find("networking").orElseThrow().title());
        assertEquals("An author's own networking", LessonLibrary.load(dir).find("networking").orElseThrow().title());
        assertEquals(ids(LessonLibrary.load(dir).lessons()), ids(LessonLibrary.lazy(dir, "networking").lessons()));
    }

    private static List<String> ids(List<Lesson> lessons) {
        return lessons.stream().map(Lesson::id).toList();
    }
}
