package dev.boxlab.app.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The emulator on byte streams recorded from real programs on a pty ({@code script}, TERM=xterm-256color,
 * 80x24 unless said): bash with readline, less, top, ls --color, clear, wide characters.
 */
class VtScreenTest {
    static byte[] recorded(String name) {
        try (InputStream in = VtScreenTest.class.getResourceAsStream(name + ".bytes")) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing recording " + name, e);
        }
    }

    static VtScreen fed(int cols, int rows, byte[] bytes) {
        VtScreen s = new VtScreen(cols, rows, null);
        s.feed(bytes, 0, bytes.length);
        return s;
    }

    static int indexOf(byte[] hay, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void readlineEditingAndReverseSearch() {
        VtScreen s = fed(40, 10, recorded("readline"));
        String[] lines = s.text().split("\n");
        assertEquals("lab-host# echo helo", lines[0]);
        assertEquals("helo", lines[1]);
        assertEquals("lab-host# exit", lines[2], "Ctrl-R's search line is redrawn as the prompt when Ctrl-G cancels");
        assertEquals("exit", lines[3]);
        assertTrue(s.bracketedPaste() == false);
    }

    @Test
    void lessUsesTheAlternateScreenAndLeavesTheShellsScreenIntact() {
        byte[] all = recorded("less");
        int leave = indexOf(all, "\033[?1l");
        VtScreen s = fed(80, 24, Arrays.copyOf(all, leave));
        assertTrue(s.alternateScreen());
        assertTrue(s.applicationCursorKeys(), "less asks for application cursor keys");
        assertEquals("line number 3", s.line(0).stripTrailing(), "j j scrolled two lines");
        assertEquals("line number 25", s.line(22).stripTrailing(), s.text());
        VtScreen first = fed(80, 24, Arrays.copyOf(all, indexOf(all, "\033[27m")));
        assertEquals("/tmp/lines.txt", first.line(23).stripTrailing());
        assertEquals(VtScreen.REVERSE, first.attributes(0, 23) & VtScreen.REVERSE, "the file name is in reverse video");

        s.feed(Arrays.copyOfRange(all, leave, all.length), 0, all.length - leave);
        assertFalse(s.alternateScreen());
        assertFalse(s.text().contains("line number"), s.text());
        assertTrue(s.text().startsWith("after-less"), s.text());
    }

    @Test
    void topDrawsItsSummaryWithBoldNumbers() {
        byte[] all = recorded("top");
        VtScreen s = fed(80, 24, Arrays.copyOf(all, indexOf(all, "\033[?1l")));
        String text = s.text();
        assertTrue(text.startsWith("top - "), text);
        assertFalse(s.cursorVisible(), "top hides the cursor");
        assertTrue(text.contains("Tasks:"), "[" + text + "]");
        assertTrue(text.contains("PID USER"), text);
        int y = 0;
        while (!s.line(y).startsWith("Tasks:")) {
            y++;
        }
        assertEquals(VtScreen.BOLD, s.attributes(8, y) & VtScreen.BOLD, "the task count is bold");
        assertEquals(0, s.attributes(0, y) & VtScreen.BOLD);
    }

    @Test
    void coloursFromLsAnd256AndRgb() {
        VtScreen s = fed(80, 24, recorded("colours"));
        assertEquals("/  /dev/null  /tmp", s.line(0).stripTrailing());
        assertEquals(4, s.foreground(0, 0), "directories are blue");
        assertEquals(VtScreen.BOLD, s.attributes(0, 0) & VtScreen.BOLD);
        assertEquals(2, s.background(14, 0), "/tmp, sticky and world-writable, on green");
        assertEquals(0, s.foreground(14, 0));
        assertEquals(3, s.foreground(3, 0), "a device is yellow");
        assertEquals(VtScreen.DEFAULT, s.foreground(1, 0), "reset after each name");
        assertEquals(208, s.foreground(0, 1));
        assertEquals(VtScreen.RGB | 0x0a141e, s.background(7, 1));
        assertEquals(1, s.foreground(11, 1));
        assertEquals(VtScreen.BOLD, s.attributes(11, 1) & VtScreen.BOLD);
    }

    @Test
    void clearEmptiesTheScreenAndHomesTheCursor() {
        VtScreen s = fed(80, 24, recorded("clear"));
        assertTrue(s.text().startsWith("three\n"), s.text());
        assertFalse(s.text().contains("one"));
        assertEquals(1, s.cursorRow());
        assertEquals(0, s.cursorColumn());
    }

    @Test
    void wideCharactersTakeTwoCells() {
        VtScreen s = fed(80, 24, recorded("wide"));
        assertEquals("漢字かな x", s.line(0).stripTrailing());
        assertEquals('漢', s.codePoint(0, 0));
        assertEquals(VtScreen.WIDE_TAIL, s.codePoint(1, 0));
        assertEquals('x', s.codePoint(9, 0));
        assertEquals("漢", s.line(1).stripTrailing(), "two columns back, a wide character covers a and b");
    }

    @Test
    void aWideCharacterAtTheLastColumnWrapsWhole() {
        VtScreen s = new VtScreen(5, 3, null);
        s.feed("abcd漢");
        assertEquals("abcd", s.line(0).stripTrailing());
        assertEquals("漢", s.line(1).stripTrailing());
    }

    @Test
    void cursorMovesErasesAndTheCursorPositionReport() {
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        VtScreen s = new VtScreen(20, 5, b -> replies.write(b, 0, b.length));
        s.feed("hello world\033[1;7HWORLD\033[2;3Hx\033[1;6H\033[K\033[6n");
        assertEquals("hello", s.line(0).stripTrailing());
        assertEquals("  x", s.line(1).stripTrailing());
        assertEquals("\033[1;6R", replies.toString(StandardCharsets.UTF_8));
        s.feed("\033[2J\033[3;4Habc\033[2D\033[1@Z\033[1P");
        assertEquals("   aZc", s.line(2).stripTrailing());
        s.feed("\033[?25l");
        assertFalse(s.cursorVisible());
    }

    @Test
    void autowrapAndScrolling() {
        VtScreen s = new VtScreen(10, 3, null);
        s.feed("0123456789abc\r\nline3\r\nline4");
        assertEquals("abc\nline3\nline4\n", s.text(), "the first row scrolled off");
        s.feed("\033[2;3r\033[3;1H\n\nend");
        assertEquals("abc", s.line(0).stripTrailing(), "outside the scroll region nothing moves");
        assertEquals("end", s.line(2).stripTrailing());
    }

    @Test
    void resizeKeepsTheCursorLineOnScreen() {
        VtScreen s = new VtScreen(80, 24, null);
        for (int i = 1; i <= 30; i++) {
            s.feed("row " + i + "\r\n");
        }
        s.feed("lab-host# ");
        s.resize(40, 10);
        assertEquals(40, s.columns());
        assertEquals(10, s.rows());
        assertEquals("lab-host#", s.line(9).stripTrailing());
        assertEquals("row 30", s.line(8).stripTrailing());
        assertEquals(9, s.cursorRow());
        assertEquals(10, s.cursorColumn());
        s.resize(60, 20);
        assertEquals("lab-host#", s.line(9).stripTrailing(), "growing adds rows below");
        s.feed("x");
        assertEquals("lab-host# x", s.line(9).stripTrailing());
    }

    @Test
    void unknownSequencesAreSwallowedWhole() {
        VtScreen s = new VtScreen(40, 3, null);
        s.feed("a\033]0;title\007b\033P+q544e\033\\c\033[>4;1md\033[?1000;1006he\033[5 qf");
        assertEquals("abcdef", s.line(0).stripTrailing());
        assertEquals("title", s.title());
    }

    @Test
    void utf8SplitAcrossReads() {
        VtScreen s = new VtScreen(10, 2, null);
        byte[] b = "é漢".getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            s.feed(new byte[] {x}, 0, 1);
        }
        assertEquals("é漢", s.line(0).stripTrailing());
    }

    @Test
    void decLineDrawing() {
        VtScreen s = new VtScreen(10, 2, null);
        s.feed("\033(0lqk\033(Bx");
        assertEquals("┌─┐x", s.line(0).stripTrailing());
    }

    /** Found by feeding the split emulator and the one-file one random streams: both threw here. */
    @Test
    void aWideCharacterWithoutAutowrapOnAOneColumnScreenTakesItsOnlyCell() {
        VtScreen s = new VtScreen(1, 2, null);
        s.feed("\033[?7l漢x");
        assertEquals("x", s.line(0));
        assertEquals(0, s.cursorColumn());
    }
}
