package dev.boxlab.app.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

/** The pane drawn on Lanterna's virtual terminal from recorded pty output, and keys turned into bytes. */
class TerminalPaneTest {
    DefaultVirtualTerminal vt;
    TerminalScreen screen;
    ByteArrayOutputStream typed;
    TerminalSession session;
    TerminalPane pane;

    @BeforeEach
    void setUp() throws IOException {
        vt = new DefaultVirtualTerminal(new TerminalSize(90, 30));
        screen = new TerminalScreen(vt);
        screen.startScreen();
        typed = new ByteArrayOutputStream();
        session = TerminalSession.offline(80, 24, b -> typed.write(b, 0, b.length));
        pane = new TerminalPane(session, true);
    }

    /** Draws the pane at (5, 3), 80 x 24, as a lesson screen would, and shows the frame. */
    void draw(int w, int h) throws IOException {
        pane.draw(screen.newTextGraphics(), 5, 3, w, h, true);
        screen.setCursorPosition(pane.cursor());
        screen.refresh();
    }

    TextCharacter at(int x, int y) {
        return vt.getCharacter(5 + x, 3 + y);
    }

    String row(int y, int w) {
        StringBuilder sb = new StringBuilder();
        for (int x = 0; x < w; x++) {
            sb.append(at(x, y).getCharacterString());
        }
        return sb.toString().stripTrailing();
    }

    @Test
    void coloursAndBoldOfLs() throws IOException {
        session.feed(VtScreenTest.recorded("colours"));
        draw(80, 24);
        assertEquals("/  /dev/null  /tmp", row(0, 80));
        assertEquals(TextColor.ANSI.BLUE, at(0, 0).getForegroundColor());
        assertTrue(at(0, 0).getModifiers().contains(SGR.BOLD));
        assertEquals(TextColor.ANSI.GREEN, at(14, 0).getBackgroundColor());
        assertEquals(new TextColor.Indexed(208), at(0, 1).getForegroundColor());
        assertEquals(new TextColor.RGB(10, 20, 30), at(7, 1).getBackgroundColor());
        assertEquals(TextColor.ANSI.DEFAULT, at(6, 1).getForegroundColor());
    }

    @Test
    void withoutColourBoldAndReverseStay() throws IOException {
        pane = new TerminalPane(session, false);
        session.feed("\033[1;31mbold red\033[0m \033[7mrev\033[0m".getBytes(StandardCharsets.UTF_8));
        draw(80, 24);
        assertEquals(TextColor.ANSI.DEFAULT, at(0, 0).getForegroundColor());
        assertTrue(at(0, 0).getModifiers().contains(SGR.BOLD));
        assertTrue(at(9, 0).getModifiers().contains(SGR.REVERSE));
    }

    @Test
    void theCursorFollowsTheShell() throws IOException {
        session.feed("lab-host# ip -br a".getBytes(StandardCharsets.UTF_8));
        draw(80, 24);
        assertEquals(new TerminalPosition(5 + 18, 3), pane.cursor());
        assertEquals(new TerminalPosition(5 + 18, 3), vt.getCursorPosition());
        pane.draw(screen.newTextGraphics(), 5, 3, 80, 24, false);
        assertNull(pane.cursor(), "no cursor without focus");
        session.feed("\033[?25l".getBytes(StandardCharsets.UTF_8));
        pane.draw(screen.newTextGraphics(), 5, 3, 80, 24, true);
        assertNull(pane.cursor(), "a program hid it");
    }

    @Test
    void lessOnTheAlternateScreenThenBack() throws IOException {
        session.feed("lab-host# less /tmp/lines.txt\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] all = VtScreenTest.recorded("less");
        int leave = VtScreenTest.indexOf(all, "\033[?1049l");
        session.feed(java.util.Arrays.copyOf(all, leave));
        draw(80, 24);
        assertEquals("line number 3", row(0, 80));
        assertEquals("line number 25", row(22, 80));
        session.feed(java.util.Arrays.copyOfRange(all, leave, all.length));
        draw(80, 24);
        assertEquals("lab-host# less /tmp/lines.txt", row(0, 80), "the shell's screen is back as it was");
        assertEquals("after-less", row(1, 80));
    }

    @Test
    void clearScreen() throws IOException {
        session.feed(VtScreenTest.recorded("clear"));
        draw(80, 24);
        assertEquals("three", row(0, 80));
        assertEquals("", row(1, 80));
    }

    @Test
    void wideCharactersTakeTwoColumns() throws IOException {
        session.feed(VtScreenTest.recorded("wide"));
        draw(80, 24);
        assertEquals("漢", at(0, 0).getCharacterString());
        assertTrue(at(0, 0).isDoubleWidth());
        assertEquals("x", at(9, 0).getCharacterString());
    }

    @Test
    void thePaneSizeIsThePtySize() throws IOException {
        for (int i = 1; i <= 30; i++) {
            session.feed(("row " + i + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        draw(60, 10);
        assertEquals(60, session.screen().columns());
        assertEquals(10, session.screen().rows());
        assertEquals("row 30", row(8, 60));
        assertEquals(new TerminalPosition(5, 3 + 9), pane.cursor());
    }

    byte[] key(KeyStroke k) {
        typed.reset();
        boolean taken = pane.key(k);
        return taken ? typed.toByteArray() : null;
    }

    @Test
    void keysAreTheBytesAnXtermSends() {
        assertArrayEquals(new byte[] {3}, key(new KeyStroke('c', true, false)), "Ctrl-C");
        assertArrayEquals(new byte[] {4}, key(new KeyStroke('d', true, false)), "Ctrl-D");
        assertArrayEquals(new byte[] {0x1a}, key(new KeyStroke('z', true, false)), "Ctrl-Z");
        assertArrayEquals(new byte[] {0x12}, key(new KeyStroke('r', true, false)), "Ctrl-R");
        assertArrayEquals(new byte[] {9}, key(new KeyStroke(KeyType.Tab)));
        assertArrayEquals(new byte[] {13}, key(new KeyStroke(KeyType.Enter)));
        assertArrayEquals(new byte[] {0x7f}, key(new KeyStroke(KeyType.Backspace)));
        assertArrayEquals("\033[A".getBytes(), key(new KeyStroke(KeyType.ArrowUp)));
        assertArrayEquals("\033b".getBytes(), key(new KeyStroke('b', false, true)), "Alt-b");
        assertArrayEquals("\033[1;5C".getBytes(), key(new KeyStroke(KeyType.ArrowRight, true, false)), "Ctrl-Right");
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), key(new KeyStroke('é', false, false)));
        session.feed("\033[?1h".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("\033OA".getBytes(), key(new KeyStroke(KeyType.ArrowUp)), "application cursor keys (less, vi)");
    }

    @Test
    void functionKeysAndTheLeaveKeysAreBoxlabs() {
        for (KeyType f : new KeyType[] {KeyType.F1, KeyType.F2, KeyType.F5, KeyType.F9, KeyType.F10, KeyType.F12}) {
            assertNull(key(new KeyStroke(f)), f + " goes to boxlab");
        }
        assertNull(key(new KeyStroke(']', true, false)), "Ctrl-] leaves the terminal");
        assertTrue(Keys.isLeave(new KeyStroke(KeyType.F9)));
        assertTrue(Keys.isLeave(new KeyStroke(']', true, false)));
        assertFalse(Keys.isLeave(new KeyStroke(KeyType.Escape)), "Esc is vi's and readline's");
        assertArrayEquals(new byte[] {27}, key(new KeyStroke(KeyType.Escape)));
    }

    @Test
    void queriesAreAnsweredToThePty() {
        session.feed("ab\033[6n".getBytes(StandardCharsets.UTF_8));
        assertEquals("\033[1;3R", typed.toString(StandardCharsets.UTF_8));
    }
}
