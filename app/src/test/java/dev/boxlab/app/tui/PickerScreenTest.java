package dev.boxlab.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.googlecode.lanterna.input.KeyType;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;

class PickerScreenTest {
    static Lesson lesson(String id, String title, String summary, int steps) {
        List<Step> s = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            s.add(new Step("s" + i, "Step " + i, "text", List.of(), List.of(), List.of(), List.of()));
        }
        return new Lesson(id, title, summary, 1, List.of(), s, "test");
    }

    final List<Lesson> lessons = List.of(
            lesson("processes", "Containers are just Linux processes", "namespaces one at a time", 5),
            lesson("networking", "Container networking from scratch", "netns, veth, bridge, routing, NAT", 9));
    final List<Lesson> opened = new ArrayList<>();
    final AtomicInteger quits = new AtomicInteger();

    @Test
    void listsEveryLessonWithItsProgressAndOpensOneOnEnter() throws IOException {
        ProgressSource progress = ProgressSource.session();
        progress.stepDone(lessons.get(1), "s0");
        progress.stepDone(lessons.get(1), "s1");
        progress.currentStep(lessons.get(1), "s2");
        VirtualScreen v = new VirtualScreen(80, 24);
        v.show(new PickerScreen(lessons, progress, opened::add, quits::incrementAndGet, Theme.color(), Glyphs.UNICODE));
        String t = v.text();
        assertTrue(t.contains("Pick a lesson"), t);
        assertTrue(v.line(4).contains("▸ 1. Containers are just Linux processes"), t);
        assertTrue(v.line(4).contains("processes   5 steps  not started"), t);
        assertTrue(v.line(5).contains("2. Container networking from scratch"), t);
        assertTrue(v.line(5).contains("networking  9 steps  2/9 done"), t);
        // the chosen lesson's details under the list
        assertTrue(t.contains("namespaces one at a time"), t);
        assertTrue(v.line(23).contains("Enter open") && v.line(23).contains("q quit"), v.line(23));
        v.press(KeyType.ArrowDown);
        t = v.text();
        assertTrue(v.line(5).contains("▸ 2. Container networking from scratch"), t);
        assertTrue(t.contains("─ Container networking from scratch ─"), t);
        assertTrue(t.contains("Steps: 1 s0 ✓ · 2 s1 ✓ · 3 s2"), t);
        assertTrue(t.contains("Progress: 2/9 steps done, at step s2"), t);
        v.press(KeyType.Enter);
        assertEquals(List.of(lessons.get(1)), opened);
        v.press('q');
        assertEquals(1, quits.get());
    }
}
