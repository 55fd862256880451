package dev.boxlab.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.boxlab.app.Drivers;
import dev.boxlab.lessons.Lesson;
import dev.boxlab.sandbox.Transcript;

/**
 * The screen, the line mode, the demo and a headless run are views and drivers of one session: driven through the same
 * lesson, every step's commands reach the lab through the same path, so their transcripts agree.
 */
class OnePathTest {
    static final Lesson LESSON = LessonScreenTest.LESSON;
    static final List<String> EXPECTED = List.of("lesson: ip link list", "lesson: ip route list",
            "lesson: ip link add dummy0 type dummy", "lesson: cat /proc/self/mountinfo", "you: echo mine");

    static FakeLab lab() {
        FakeLab lab = new FakeLab(Snapshots.fresh());
        LESSON.steps().forEach(s -> s.checks().forEach(c -> lab.passing.add(c.name())));
        return lab;
    }

    static List<String> commands(Transcript t) {
        return t.entries().stream().map(e -> e.source() + ": " + e.result().command()).toList();
    }

    static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theScreenTheLineModeTheDemoAndAHeadlessRunLeaveTheSameTranscript() throws IOException {
        FakeLab screenLab = lab();
        VirtualScreen v = new VirtualScreen(100, 30);
        LessonScreen s = new LessonScreen(LESSON, screenLab, Work.inline(), ProgressSource.session(), false, () -> { },
                Theme.color(), Glyphs.UNICODE);
        v.show(s);
        s.open(0);
        for (char c : "rnrnr:".toCharArray()) {
            v.press(c);
        }
        v.type("echo mine");
        v.press(com.googlecode.lanterna.input.KeyType.Enter);
        assertEquals(EXPECTED, commands(screenLab.transcript), "the screen");

        FakeLab lineLab = lab();
        StringWriter lineOut = new StringWriter();
        Drivers.lineMode(LESSON, lineLab, List.of(":solve", ":next", ":solve", ":next", ":solve", "echo mine", ":quit"),
                new PrintWriter(lineOut));
        assertEquals(EXPECTED, commands(lineLab.transcript), "the line mode: " + lineOut);

        FakeLab demoLab = lab();
        LessonScreen d = new LessonScreen(LESSON, demoLab, Work.inline(), ProgressSource.session(), false, () -> { },
                Theme.color(), Glyphs.UNICODE);
        d.demo(new dev.boxlab.app.session.Typist(1, ms -> { }));
        v.show(d);
        d.open(0);
        for (int beat = 0; beat < 40 && demoLab.transcript.entries().size() < 4; beat++) {
            v.press(' ');
            for (int i = 0; i < 200 && d.demo.next().equals("finish typing"); i++) {
                sleep();
            }
        }
        assertEquals(EXPECTED.subList(0, 4), commands(demoLab.transcript), "the demo");

        FakeLab headlessLab = lab();
        StringWriter out = new StringWriter();
        assertEquals(0, Drivers.headless(LESSON, headlessLab, new PrintWriter(out)), out.toString());
        assertEquals(EXPECTED.subList(0, 4), commands(headlessLab.transcript), "a headless run");
    }
}
