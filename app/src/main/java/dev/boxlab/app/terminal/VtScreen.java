package dev.boxlab.app.terminal;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The screen of an xterm as the programs in the learner's shell draw it: a grid of cells (a
 * character, colours, attributes) fed the bytes a pty gives, the way xterm reads them (ECMA-48
 * control sequences, the DEC private modes bash, readline, less, top and vi use).
 *
 * <p>Deliberately small: what TERM=xterm-256color programs send in practice (cursor moves,
 * erases, insert/delete, scroll regions, SGR with 16, 256 and RGB colours, the alternate screen,
 * wide characters, DEC line drawing), answers to the queries they wait for (cursor position,
 * device attributes), and nothing of what only a GUI terminal needs (mouse, fonts, sixels).
 * Sequences it does not know are consumed whole and ignored, so they never print as garbage.
 *
 * <p>Three parts behind this class: {@link VtParser} cuts the bytes into characters, controls and
 * sequences; {@link VtInterpreter} does what each means (modes, character sets, answers); the cells,
 * cursor and scrolling are {@link VtGrid}'s and the colours and attributes {@link VtPen}'s.
 *
 * <p>Thread-safety: all public methods are synchronized; the pty reader feeds, the GUI thread reads.
 */
public final class VtScreen {
    /** A colour value meaning "the terminal's default". */
    public static final int DEFAULT = -1;
    /** Colours at or above this are 24-bit RGB ({@code RGB | 0xRRGGBB}); below, a 256-colour index. */
    public static final int RGB = 0x1000000;
    public static final int BOLD = 1, DIM = 2, ITALIC = 4, UNDERLINE = 8, BLINK = 16, REVERSE = 32, HIDDEN = 64,
            STRIKE = 128;
    /** The code point of the right half of a wide character. */
    public static final int WIDE_TAIL = -2;

    private final VtInterpreter terminal;
    private final VtGrid grid;
    private final VtParser parser;

    /** A screen of {@code cols} by {@code rows}; {@code reply} gets the answers to the program's queries (to write to the pty). */
    public VtScreen(int cols, int rows, Consumer<byte[]> reply) {
        terminal = new VtInterpreter(cols, rows, reply);
        grid = terminal.grid;
        parser = new VtParser(terminal);
    }

    // ---- what a renderer reads

    public synchronized int columns() {
        return grid.cols;
    }

    public synchronized int rows() {
        return grid.rows;
    }

    /** The code point at a cell: a character, a space, or {@link #WIDE_TAIL}. */
    public synchronized int codePoint(int x, int y) {
        return grid.codePoint(x, y);
    }

    public synchronized int foreground(int x, int y) {
        return grid.foreground(x, y);
    }

    public synchronized int background(int x, int y) {
        return grid.background(x, y);
    }

    public synchronized int attributes(int x, int y) {
        return grid.attributes(x, y);
    }

    /** Row {@code y} as text (wide characters once, trailing spaces kept). */
    public synchronized String line(int y) {
        return grid.line(y);
    }

    /** The whole screen as text, trailing spaces trimmed, one line per row (for tests and recordings). */
    public synchronized String text() {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < grid.rows; y++) {
            sb.append(grid.line(y).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    public synchronized int cursorColumn() {
        return Math.min(grid.cx, grid.cols - 1);
    }

    public synchronized int cursorRow() {
        return grid.cy;
    }

    public synchronized boolean cursorVisible() {
        return terminal.cursorVisible;
    }

    // ---- size and input

    /** Resizes the grid; the cursor's line stays on screen (lines scroll off the top if needed). */
    public synchronized void resize(int newCols, int newRows) {
        newCols = Math.max(1, newCols);
        newRows = Math.max(1, newRows);
        if (newCols != grid.cols || newRows != grid.rows) {
            grid.resize(newCols, newRows);
        }
    }

    public void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        feed(b, 0, b.length);
    }

    /** Interprets bytes from the pty (UTF-8; a character split between two reads is fine). */
    public synchronized void feed(byte[] b, int off, int len) {
        parser.feed(b, off, len);
    }

    // ---- modes the keyboard and the frame follow

    /** True while a full-screen program (less, top, vi) has the alternate screen. */
    public synchronized boolean alternateScreen() {
        return terminal.alternate;
    }

    /** DECCKM: the arrows send {@code ESC O A} rather than {@code ESC [ A}. */
    public synchronized boolean applicationCursorKeys() {
        return terminal.appCursorKeys;
    }

    public synchronized boolean bracketedPaste() {
        return terminal.bracketedPaste;
    }

    public synchronized String title() {
        return terminal.title;
    }
}
