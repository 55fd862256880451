package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The loader and validator on good and bad lesson files: every error names its line, column and problem. */
class LessonLoaderTest {
    private static final String GOOD = """
            id: demo
            title: A demo
            summary: Two steps
            requires: [ip]
            checks:
              has-ns:
                run: ip netns list
                expect: netns0
            steps:
              - id: one
                title: First
                text: Some text
                run:
                  - ip netns add netns0
                check:
                  - use: has-ns
                  - ip -n netns0 link show lo
                hint: [vague, specific]
                watch: [network, processes]
              - id: two
                title: Second
                run: ['echo "a: b"']
                check:
                  - name: custom
                    run: "true"
                    timeout: 1.5
                hint: one hint
            """;

    /** The single error a text produces; fails if it produced none or several. */
    private static LessonError onlyError(String yaml) {
        LessonFileException e = assertThrows(LessonFileException.class, () -> LessonLoader.parse("x.yaml", yaml));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    private static void assertError(String yaml, int line, int column, String messagePart) {
        LessonError e = onlyError(yaml);
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.toString());
        assertTrue(e.message().contains(messagePart), "message was: " + e.message());
        assertTrue(e.toString().startsWith("x.yaml:" + line + ":" + column + ": "), e.toString());
    }

    @Test
    void aGoodFileLoadsIntoTheModel() {
        Lesson l = LessonLoader.parse("x.yaml", GOOD);
        assertEquals("demo", l.id());
        assertEquals(List.of("ip"), l.requires());
        assertEquals(2, l.steps().size());
        Lesson.Step one = l.steps().get(0);
        assertEquals(List.of("ip netns add netns0"), one.run());
        assertEquals("ip netns list", one.checks().get(0).run());
        assertEquals("netns0", one.checks().get(0).expect());
        assertEquals("has-ns", one.checks().get(0).name());
        assertEquals("ip -n netns0 link show lo", one.checks().get(1).name());
        assertEquals(List.of("vague", "specific"), one.hints());
        assertEquals(List.of("network", "processes"), one.watch());
        Lesson.Step two = l.steps().get(1);
        assertEquals(List.of("echo \"a: b\""), two.run());
        assertEquals(1.5, two.checks().get(0).timeoutSeconds());
        assertEquals(List.of("one hint"), two.hints());
        assertEquals(List.of("network"), two.watch());
        assertEquals(two, l.step("2").orElseThrow());
        assertEquals(two, l.step("two").orElseThrow());
        assertTrue(l.step("3").isEmpty());
    }

    @Test
    void unknownKeySaysWhereAndSuggests() {
        assertError(GOOD.replace("    title: First", "    titel: First"), 11, 5,
                "unknown key 'titel' in a step (did you mean 'title'?)");
    }

    @Test
    void unknownTopLevelKeyListsTheExpectedOnes() {
        assertError(GOOD + "author: me\n", 28, 1, "expected one of: id, title, summary, order, requires, checks, steps");
    }

    @Test
    void duplicateStepId() {
        assertError(GOOD.replace("  - id: two", "  - id: one"), 20, 9, "duplicate step id 'one' (first used at line 10)");
    }

    @Test
    void duplicateKey() {
        assertError(GOOD.replace("    text: Some text", "    text: Some text\n    text: again"), 13, 5, "duplicate key 'text'");
    }

    @Test
    void emptyCommand() {
        assertError(GOOD.replace("      - ip netns add netns0", "      - ''"), 14, 9, "empty command in 'run'");
    }

    @Test
    void emptyCheckCommand() {
        assertError(GOOD.replace("      - ip -n netns0 link show lo", "      - ' '"), 17, 9, "empty check command");
    }

    @Test
    void unknownNamedCheckReference() {
        assertError(GOOD.replace("use: has-ns", "use: has-nss"), 16, 14, "unknown check 'has-nss' in use; expected one of: has-ns");
    }

    @Test
    void unknownView() {
        assertError(GOOD.replace("[network, processes]", "[network, proceses]"), 19, 22, "unknown view 'proceses'");
    }

    @Test
    void badRegularExpression() {
        assertError(GOOD.replace("expect: netns0", "expect: 'netns0('"), 8, 13, "expect is not a valid regular expression");
    }

    @Test
    void missingCheck() {
        String noCheck = GOOD.replace("""
                    check:
                      - name: custom
                        run: "true"
                        timeout: 1.5
                """, "");
        assertError(noCheck, 20, 5, "step 'two' has no 'check'");
    }

    @Test
    void missingRequiredField() {
        assertError(GOOD.replace("summary: Two steps\n", ""), 1, 1, "lesson is missing 'summary'");
    }

    @Test
    void unquotedColonInACommandReadsAsAMapping() {
        assertError(GOOD.replace("      - ip netns add netns0", "      - echo note: this"), 14, 9, "put it in quotes");
    }

    @Test
    void wrongTypes() {
        assertError(GOOD.replace("    run:\n      - ip netns add netns0", "    run: ip netns add netns0"), 13, 10,
                "'run' must be a list of commands, found 'ip netns add netns0'");
        assertError(GOOD.replace("timeout: 1.5", "timeout: soon"), 26, 18, "timeout must be a number of seconds");
        assertError(GOOD.replace("id: demo", "id: Demo Lesson"), 1, 5, "lesson id 'Demo Lesson' must be lower-case");
    }

    @Test
    void yamlSyntaxErrorHasAPosition() {
        LessonError e = onlyError("id: x\ntitle: [unclosed\nsummary: y\n");
        assertEquals(3, e.line());
        assertTrue(e.message().startsWith("not valid YAML"), e.message());
    }

    @Test
    void emptyFileAndEmptySteps() {
        assertError("", 1, 1, "the file is empty");
        assertError("id: x\ntitle: t\nsummary: s\nsteps: []\n", 4, 8, "'steps' is empty");
    }

    @Test
    void everyProblemIsReportedInFileOrder() {
        String bad = GOOD.replace("titel", "title").replace("    title: First", "    titel: First")
                .replace("  - id: two", "  - id: one").replace("use: has-ns", "use: nope");
        LessonFileException e = assertThrows(LessonFileException.class, () -> LessonLoader.parse("x.yaml", bad));
        assertEquals(List.of(11, 16, 20), e.errors().stream().map(LessonError::line).toList(), e.getMessage());
    }

    /** GOOD with variants and shortcuts on step two; they start at line 28. */
    private static final String ALTERNATIVES = GOOD + """
                variants:
                  - name: printf
                    run: ['printf x']
                  - ['echo other', 'true']
                shortcuts:
                  - name: nothing useful
                    run: ["false"]
            """;

    @Test
    void variantsAndShortcutsLoadWithNames() {
        Lesson.Step two = LessonLoader.parse("x.yaml", ALTERNATIVES).steps().get(1);
        assertEquals(List.of(new Lesson.Alternative("printf", List.of("printf x")),
                new Lesson.Alternative("variant 2", List.of("echo other", "true"))), two.variants());
        assertEquals(List.of(new Lesson.Alternative("nothing useful", List.of("false"))), two.shortcuts());
        assertEquals(List.of(), LessonLoader.parse("x.yaml", GOOD).steps().get(0).variants());
    }

    @Test
    void badVariantsAndShortcutsSayWhere() {
        assertError(ALTERNATIVES.replace("    run: ['printf x']", "    rnu: ['printf x']"), 30, 9,
                "unknown key 'rnu' in a variant (did you mean 'run'?)");
        assertError(ALTERNATIVES.replace("    run: ['printf x']", ""), 29, 9, "variant 'printf' is missing 'run'");
        assertError(ALTERNATIVES.replace("name: nothing useful", "name: printf").replace("shortcuts:\n", "variants2:\n"), 32, 5,
                "unknown key 'variants2'");
        assertError(ALTERNATIVES.replace("  - ['echo other', 'true']", "  - name: printf\n        run: [x]"), 31, 15,
                "duplicate variant name 'printf' (first used at line 29)");
        assertError(ALTERNATIVES.replace("'printf x'", "'echo \"a: b\"'"), 30, 14, "is the step's own 'run'; it proves nothing");
        assertError(ALTERNATIVES.replace("run: [\"false\"]", "run: []"), 34, 14, "shortcut 'nothing useful' has no commands");
        assertError(GOOD + "    shortcuts: rm -rf /tmp/x\n", 28, 16, "'shortcuts' must be a list of shortcuts");
        assertError(GOOD + "    variants: []\n", 28, 15, "'variants' is empty");
        assertError(ALTERNATIVES.replace("'printf x'", "''"), 30, 15, "empty command in 'run'");
    }

    /** The suite proves checks with variants (see LessonsOnKernelTest), so every built-in step needs one. */
    @Test
    void everyBuiltInStepHasAVariant() {
        List<String> missing = LessonLibrary.load(null).lessons().stream()
                .flatMap(l -> l.steps().stream().filter(s -> s.variants().isEmpty()).map(s -> l.id() + "/" + s.id()))
                .toList();
        assertEquals(List.of(), missing, "steps without a variant");
    }

    @Test
    void theBuiltInLessonsAreValid() {
        List<Lesson> all = LessonLibrary.load(null).lessons();
        assertTrue(all.stream().anyMatch(l -> l.id().equals("networking") && l.steps().size() == 12));
    }
}
