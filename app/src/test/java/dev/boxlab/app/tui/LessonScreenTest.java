package dev.boxlab.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.googlecode.lanterna.input.KeyType;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Check;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.sandbox.LabException;

/** The lesson screen on a virtual terminal, against a fake lab: what a learner sees and what keys do. */
class LessonScreenTest {
    static final Lesson LESSON = new Lesson("net", "Container networking from scratch", "netns, veth, bridge", 1,
            List.of(), List.of(
                    new Step("host-stack", "Look at the host's network stack",
                            "A container's network is built from the same parts as the host's own.\n\n"
                                    + "This lab has:\n- `lo`, the loopback device;\n- `eth0`, its uplink, with the\n"
                                    + "  address `192.0.2.10/24`.\n",
                            List.of("ip link list", "ip route list"),
                            List.of(new Check("eth0 is there", "ip link show eth0", null, 1)),
                            List.of("Try `ip link`.", "ip link list"), List.of("network")),
                    new Step("dummy", "Add a device", "Add a dummy device.",
                            List.of("ip link add dummy0 type dummy"),
                            List.of(new Check("dummy0 exists", "ip link show dummy0", null, 1)),
                            List.of(), List.of("network")),
                    new Step("mounts", "Look at mounts", "Mounts.", List.of("cat /proc/self/mountinfo"),
                            List.of(), List.of(), List.of("mounts"))),
            "test");

    final FakeLab lab = new FakeLab(Snapshots.fresh());
    final ProgressSource progress = ProgressSource.session();
    final AtomicInteger quits = new AtomicInteger();

    LessonScreen screen(Theme theme) {
        lab.effects.put("ip link add dummy0 type dummy",
                s -> Snapshots.withHostLink(s, Snapshots.link("dummy0", "dummy", null, null)));
        lab.outputs.put("ip link list", "1: lo: <LOOPBACK,UP>\n2: eth0@if2: <BROADCAST,UP>\n");
        return new LessonScreen(LESSON, lab, Work.inline(), progress, false, quits::incrementAndGet, theme, Glyphs.UNICODE);
    }

    VirtualScreen open(int cols, int rows, int step) throws IOException {
        return open(cols, rows, step, Theme.color());
    }

    VirtualScreen open(int cols, int rows, int step, Theme theme) throws IOException {
        VirtualScreen v = new VirtualScreen(cols, rows);
        LessonScreen s = screen(theme);
        v.show(s);
        s.open(step);
        v.draw();
        return v;
    }

    @Test
    void atEightyByTwentyFourEverythingHasItsPlace() throws IOException {
        VirtualScreen v = open(80, 24, 0);
        String t = v.text();
        assertTrue(v.line(0).contains("boxlab") && v.line(0).contains("Step 1/3"), v.line(0));
        assertTrue(v.line(0).contains("lab ready"), v.line(0));
        assertTrue(t.contains("Look at the host's network stack"), t);
        // the step's text reflows at the pane's width; inline code loses its backticks
        assertTrue(t.contains("A container's network is built"), t);
        assertFalse(t.contains("`"), t);
        // the state pane: the host with its uplink, from the snapshot
        assertTrue(t.contains("lab-host"), t);
        assertTrue(t.contains("192.0.2.10/24"), t);
        assertTrue(t.contains("outside: router 192.0.2.1"), t);
        // panes, command line, key bar
        assertTrue(v.line(1).contains("Step 1/3") && v.line(1).contains("State: network"), v.line(1));
        assertTrue(t.contains("Transcript"), t);
        assertTrue(v.line(22).startsWith("lab-host# "), v.line(22));
        assertTrue(v.line(23).contains("r run step") && v.line(23).contains("q quit"), v.line(23));
        assertEquals(List.of("net@0"), lab.rebuilds);
    }

    @Test
    void aLargeTerminalShowsTheWholeStepAndTheDetails() throws IOException {
        VirtualScreen v = open(160, 50, 0);
        String t = v.text();
        assertTrue(t.contains("• lo, the loopback device;"), t);
        assertTrue(t.contains("• eth0, its uplink, with the address 192.0.2.10/24."), t);
        assertTrue(t.contains("$ ip link list"), t);
        assertTrue(t.contains("$ ip route list"), t);
        assertTrue(t.contains("Checks"), t);
        assertTrue(t.contains("eth0 is there"), t);
        assertTrue(t.contains("route default via 192.0.2.1 dev eth0"), t);
        int divider = v.line(1).indexOf('┬');
        assertTrue(divider > 60 && divider < 80, "the step pane takes about 42% of a wide screen: " + divider);
    }

    @Test
    void followsAResize() throws IOException {
        VirtualScreen v = open(80, 24, 0);
        v.resize(120, 40);
        assertTrue(v.line(39).contains("q quit"), v.line(39));
        assertTrue(v.line(38).startsWith("lab-host# "), v.line(38));
        v.resize(80, 24);
        assertTrue(v.line(23).contains("q quit"), v.line(23));
    }

    @Test
    void aTypedCommandRunsInTheLabAndItsChangesAreMarked() throws IOException {
        VirtualScreen v = open(100, 40, 1);
        v.command("ip link add dummy0 type dummy");
        assertEquals(List.of("you: ip link add dummy0 type dummy"), lab.commands);
        String t = v.text();
        assertTrue(t.contains("lab-host# ip link add dummy0 type dummy"), t);
        // the transcript says what changed, the state pane marks it: in the drawing and in the details
        assertTrue(t.contains("+ lab-host: link dummy0"), t);
        assertTrue(t.contains("│+dummy0 dummy"), t);
        assertTrue(t.contains("+   dummy0 dummy UP"), t);
        assertTrue(v.line(1).contains("1 changed"), v.line(1));
    }

    @Test
    void removedThingsAreListedWithAMinus() throws IOException {
        lab.state = Snapshots.bridge();
        VirtualScreen v = open(120, 60, 1);
        lab.effects.put("ip link del veth1", s -> Snapshots.fresh());
        v.command("ip link del veth1");
        String t = v.text();
        assertTrue(t.contains("-   link veth1  (removed)"), t);
        assertTrue(t.contains("-   netns1 (namespace)  (removed)"), t);
    }

    @Test
    void withoutColourChangesStillCarryTheirSigns() throws IOException {
        VirtualScreen v = open(100, 40, 1, Theme.mono());
        v.command("ip link add dummy0 type dummy");
        String t = v.text();
        assertTrue(t.contains("+ lab-host: link dummy0"), t);
        assertTrue(t.contains("+dummy0"), t);
    }

    @Test
    void lettersGoToTheCommandLineWhileItHasFocus() throws IOException {
        VirtualScreen v = open(80, 24, 0);
        v.press(':');
        v.type("qrn");
        assertTrue(v.line(22).startsWith("lab-host# qrn"), v.line(22));
        assertTrue(lab.commands.isEmpty());
        assertTrue(v.line(0).contains("Step 1/3"));
        v.press(KeyType.Escape);
        v.press('q');
        assertTrue(v.text().contains("Quit boxlab? The lab and everything in it goes."), v.text());
        v.press('n');
        assertFalse(v.text().contains("Quit boxlab?"));
        assertEquals(0, quits.get());
        v.press('q');
        v.press('y');
        assertEquals(1, quits.get());
    }

    @Test
    void historyOnUpAndDown() throws IOException {
        VirtualScreen v = open(80, 24, 0);
        v.press(KeyType.Enter);
        v.type("echo one");
        v.press(KeyType.Enter);
        v.type("echo two");
        v.press(KeyType.Enter);
        v.press(KeyType.ArrowUp);
        assertTrue(v.line(22).startsWith("lab-host# echo two"), v.line(22));
        v.press(KeyType.ArrowUp);
        assertTrue(v.line(22).startsWith("lab-host# echo one"), v.line(22));
        v.press(KeyType.ArrowDown);
        v.press(KeyType.ArrowDown);
        assertEquals("lab-host#", v.line(22).strip());
    }

    @Test
    void runningTheStepRunsItsCommandsInOrderAndTheChecksTurnGreen() throws IOException {
        VirtualScreen v = open(100, 40, 0);
        lab.passing.add("eth0 is there");
        v.press('r');
        assertEquals(List.of("lesson: ip link list", "lesson: ip route list"), lab.commands);
        String t = v.text();
        assertTrue(t.contains("lesson# ip link list"), t);
        assertTrue(t.contains("2: eth0@if2: <BROADCAST,UP>"), t);
        assertTrue(t.contains("✓ Step done!"), t);
        assertTrue(t.contains("✓ eth0 is there"), t);
        assertTrue(t.contains("✓ $ ip link list"), t);
        assertEquals(1, progress.done(LESSON));
        v.press('n');
        assertTrue(v.line(0).contains("Step 2/3"), v.line(0));
        assertTrue(v.text().contains("✗ dummy0 exists"), v.text());
    }

    @Test
    void theChecksPassFromTheLearnersOwnCommandsOnTheTimer() throws IOException {
        VirtualScreen v = open(100, 40, 1);
        LessonScreen s = (LessonScreen) v.window.getComponent();
        assertTrue(v.text().contains("✗ dummy0 exists"), v.text());
        lab.passing.add("dummy0 exists");
        for (int i = 0; i < 3; i++) {
            s.tick(); // the timer re-checks every third tick
        }
        v.draw();
        assertTrue(v.text().contains("✓ dummy0 exists"), v.text());
        assertTrue(v.line(0).contains("done"), v.line(0));
    }

    @Test
    void theKernelsEventsBringTheStateAndChecksAndTheTimerOnlyPollsSlowly() throws IOException {
        lab.events = true;
        VirtualScreen v = open(100, 40, 1);
        LessonScreen s = (LessonScreen) v.window.getComponent();
        assertTrue(v.text().contains("✗ dummy0 exists"), v.text());
        // no command: a background job adds the link, and the kernel says the network changed
        lab.state = Snapshots.withHostLink(lab.state, Snapshots.link("dummy0", "dummy", null, null));
        lab.passing.add("dummy0 exists");
        lab.watcher.run();
        v.draw();
        assertTrue(v.text().contains("dummy0"), v.text());
        assertTrue(v.text().contains("✓ dummy0 exists"), v.text());
        // while events come, the timer reads the network only as a slow safety poll
        int before = lab.snapshots;
        for (int i = 1; i < LabWatch.SAFETY_TICKS_WITH_EVENTS; i++) {
            s.tick();
        }
        assertEquals(before, lab.snapshots, "no snapshot between events");
        s.tick();
        assertEquals(before + 1, lab.snapshots, "the safety poll");
    }

    @Test
    void hintsComeOnRequestOneAtATime() throws IOException {
        VirtualScreen v = open(100, 40, 0);
        assertFalse(v.text().contains("Hint 1/2"));
        v.press('h');
        assertTrue(v.text().contains("Hint 1/2: Try ip link."), v.text());
        assertFalse(v.text().contains("Hint 2/2"));
        v.press(KeyType.F2);
        assertTrue(v.text().contains("Hint 2/2: ip link list"), v.text());
    }

    @Test
    void theHelpOverlayListsTheKeysAndAnyKeyClosesIt() throws IOException {
        VirtualScreen v = open(80, 24, 0);
        v.press('?');
        String t = v.text();
        assertTrue(t.contains("boxlab keys"), t);
        assertTrue(t.contains("run the step's commands"), t);
        assertTrue(t.contains("quit (the lab and everything in it goes)"), t);
        v.press('x');
        assertFalse(v.text().contains("boxlab keys"));
        v.press(KeyType.F1);
        assertTrue(v.text().contains("boxlab keys"));
    }

    @Test
    void viewsSwitchWithAKeyAndTheStepPicksTheFirst() throws IOException {
        VirtualScreen v = open(100, 30, 0);
        v.press('v');
        assertTrue(v.line(1).contains("State: mounts"), v.line(1));
        assertTrue(v.text().contains("/run  tmpfs  lab-run"), v.text());
        v.press('v');
        assertTrue(v.line(1).contains("State: cgroups"), v.line(1));
        assertTrue(v.text().contains("/lab/"), v.text());
        v.press('v');
        assertTrue(v.line(1).contains("State: processes"), v.line(1));
        assertTrue(v.text().contains("7 bash"), v.text());
        v.press('v');
        assertTrue(v.line(1).contains("State: layers"), v.line(1));
        assertTrue(v.text().contains("no overlay mounts on the lab host"), v.text());
        v.press('v');
        assertTrue(v.line(1).contains("State: network"), v.line(1));
        v.press('n');
        v.press('n');
        assertTrue(v.line(1).contains("State: mounts"), "step 3 watches mounts: " + v.line(1));
    }

    @Test
    void aLabThatCannotStartSaysWhy() throws IOException {
        lab.failStart = new LabException("boxlab needs root to build a lab");
        VirtualScreen v = open(100, 30, 0);
        String t = v.text();
        assertTrue(v.line(0).contains("no lab"), v.line(0));
        assertTrue(t.contains("The lab could not start: boxlab needs root"), t);
        assertTrue(t.contains("run it with sudo"), t);
        v.press('q');
        assertEquals(1, quits.get(), "no lab: quitting does not ask");
    }

    @Test
    void demoTypesACommandOutWaitsForAKeyThenRunsItAndMovesOn() throws Exception {
        VirtualScreen v = new VirtualScreen(100, 30);
        LessonScreen s = screen(Theme.color());
        List<Long> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
        s.demo(new dev.boxlab.app.session.Typist(1, pauses::add));
        v.show(s);
        s.open(1);
        v.draw();
        assertTrue(v.line(29).contains("Space") && v.line(29).contains("type next command"), v.line(29));
        v.press(' ');
        for (int i = 0; i < 100 && !s.commandLine().text().equals("ip link add dummy0 type dummy"); i++) {
            Thread.sleep(10);
        }
        v.draw();
        assertEquals("ip link add dummy0 type dummy", s.commandLine().text());
        assertEquals("ip link add dummy0 type dummy".length(), pauses.size(), "one pause per character typed");
        assertTrue(lab.commands.isEmpty(), "nothing runs before the key: " + lab.commands);
        assertTrue(v.line(29).contains("run it"), v.line(29));
        v.press(' ');
        v.draw();
        assertEquals(List.of("lesson: ip link add dummy0 type dummy"), lab.commands);
        assertTrue(v.text().contains("+dummy0"), v.text());
        // no check noise on a projector
        assertFalse(v.text().contains("Checks"), v.text());
        v.press(' ');
        v.draw();
        assertEquals(2, s.index(), "after the last command, the key moves to the next step");
    }
}
