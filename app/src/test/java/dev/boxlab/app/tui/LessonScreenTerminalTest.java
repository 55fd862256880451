package dev.boxlab.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import dev.boxlab.app.terminal.LabTerminal;
import dev.boxlab.app.terminal.TerminalSession;
import dev.boxlab.sandbox.CommandHook;

/**
 * The lesson screen with its terminal pane, on a virtual terminal against a fake lab and an offline
 * terminal (what is typed is captured; the hook's reports are delivered by hand).
 */
class LessonScreenTerminalTest {
    final FakeLab lab = new FakeLab(Snapshots.fresh());
    final AtomicInteger quits = new AtomicInteger();
    final ByteArrayOutputStream typed = new ByteArrayOutputStream();
    final TerminalSession shell = TerminalSession.offline(80, 10, b -> typed.write(b, 0, b.length));
    final LabTerminal terminal = LabTerminal.of(shell, true);
    LessonScreen screen;

    VirtualScreen open(int cols, int rows) throws IOException {
        VirtualScreen v = new VirtualScreen(cols, rows);
        screen = new LessonScreen(LessonScreenTest.LESSON, lab, Work.inline(), ProgressSource.session(), false,
                quits::incrementAndGet, Theme.color(), Glyphs.UNICODE);
        screen.terminal(terminal);
        v.show(screen);
        screen.open(0);
        shell.feed("lab-host# ".getBytes(StandardCharsets.UTF_8));
        v.draw();
        return v;
    }

    String typed() {
        String s = typed.toString(StandardCharsets.UTF_8);
        typed.reset();
        return s;
    }

    @Test
    void theTerminalTakesTheFootOfTheScreenAndEnterFocusesIt() throws IOException {
        VirtualScreen v = open(80, 24);
        assertEquals(LessonScreen.Pane.STEP, screen.focus(), "the screen opens on boxlab's keys");
        assertTrue(v.text().contains("Enter: type here"), v.text());
        v.press(KeyType.Enter);
        String t = v.text();
        assertTrue(t.contains("Terminal"), t);
        assertFalse(t.contains("Transcript"), "the terminal stands where the transcript was:\n" + t);
        int row = v.rowOf("lab-host# ");
        assertTrue(row > 10 && row < 23, t);
        assertTrue(v.line(23).startsWith(" F9 boxlab keys"), v.line(23));
        assertEquals(LessonScreen.Pane.COMMAND, screen.focus());
        assertEquals(row, v.terminal.getCursorPosition().getRow(), "the cursor is at the shell's prompt");
        assertEquals(10, v.terminal.getCursorPosition().getColumn());
    }

    @Test
    void everyKeyButTheFKeysGoesToTheShell() throws IOException {
        VirtualScreen v = open(80, 24);
        v.press(KeyType.Enter);
        v.type("nq?");
        v.press(new KeyStroke('c', true, false));
        v.press(new KeyStroke('r', true, false));
        v.press(KeyType.Tab);
        v.press(KeyType.Enter);
        assertEquals("nq?\u0003\u0012\t\r", typed());
        assertEquals(0, screen.index(), "n was the shell's");
        assertEquals(0, quits.get());
        assertFalse(screen.quitAsked(), "Ctrl-C was the shell's");
        v.press(KeyType.F8);
        assertEquals(1, screen.index(), "F8 is boxlab's: next step");
        assertEquals("", typed());
    }

    @Test
    void f9OrCtrlBracketLeavesEnterComesBack() throws IOException {
        VirtualScreen v = open(80, 24);
        v.press(KeyType.Enter);
        v.press(KeyType.F9);
        assertEquals(LessonScreen.Pane.STEP, screen.focus());
        assertTrue(v.line(23).contains("Enter goes back to the terminal"), v.line(23));
        v.press('n');
        assertEquals(1, screen.index(), "n is boxlab's again");
        v.press(KeyType.Enter);
        assertEquals(LessonScreen.Pane.COMMAND, screen.focus());
        v.press(new KeyStroke(']', true, false));
        assertEquals(LessonScreen.Pane.STEP, screen.focus());
        v.press(':');
        assertEquals(LessonScreen.Pane.COMMAND, screen.focus());
        assertEquals("", typed(), "none of these reached the shell");
    }

    @Test
    void helpSaysHowToLeaveTheTerminal() throws IOException {
        VirtualScreen v = open(100, 40);
        v.press(':');
        v.press(KeyType.F1);
        String t = v.text();
        assertTrue(t.contains("every key goes to it but the F-keys"), t);
        assertTrue(t.contains("F9  Ctrl-]"), t);
        assertFalse(t.contains("history"), "no command-line keys in the help: " + t);
    }

    @Test
    void aCommandFinishedInAShellIsMarkedAndCounts() throws IOException {
        VirtualScreen v = open(100, 30);
        lab.state = Snapshots.withHostLink(lab.state, Snapshots.link("dummy0", "dummy", null, null));
        terminal.deliver(new CommandHook.Event(Instant.now(), 42, "lab-host", "ip link list", 0));
        v.draw();
        assertEquals(1, screen.session().commandsDone(), "the step's first command, typed by the learner, counts");
        assertTrue(v.text().contains("+dummy0") || v.text().contains("dummy0"), v.text());
        assertTrue(screen.transcript().rows(98).stream().anyMatch(r -> r.plain().contains("ip link list")),
                "the transcript has it");
    }

    @Test
    void theShellsOutputIsDrawnAsItComes() throws IOException {
        VirtualScreen v = open(80, 24);
        shell.feed("ip -br link\r\nlo  UNKNOWN\r\n\033[1;32mlab-host\033[0m# ".getBytes(StandardCharsets.UTF_8));
        v.draw();
        assertTrue(v.text().contains("lo  UNKNOWN"), v.text());
    }
}
