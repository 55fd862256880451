package dev.boxlab.app.terminal;

import static dev.boxlab.app.terminal.VtScreen.DEFAULT;
import static dev.boxlab.app.terminal.VtScreen.WIDE_TAIL;

import java.util.Arrays;

import org.jline.utils.WCWidth;

/**
 * The cells of an xterm and what edits them: the main and the alternate buffer (rows of a code
 * point, colours and attributes per cell), the cursor, the scroll region, the tab stops; writing a
 * character (wide ones take two cells), scrolling, erasing, inserting and deleting. New and erased
 * cells take the {@link VtPen}'s background, as on xterm.
 *
 * <p>Not thread-safe: its screen calls it under its own lock.
 */
final class VtGrid {
    private final VtPen pen;
    int cols;
    int rows;
    private VtLine[] main;
    private VtLine[] alt;
    private VtLine[] lines;
    private boolean onAlternate;
    /** The cursor; {@code cx} may stand at {@code cols} only as {@code cols - 1} with {@link #wrapPending}. */
    int cx;
    int cy;
    /** The last column was written: the next character wraps first (xterm's deferred wrap). */
    boolean wrapPending;
    /** The scroll region, inclusive rows. */
    int top;
    int bottom;
    private boolean[] tabStops;

    VtGrid(int cols, int rows, VtPen pen) {
        this.pen = pen;
        this.cols = Math.max(1, cols);
        this.rows = Math.max(1, rows);
        reset();
    }

    /** Both buffers blank, the main one shown, the cursor home, the whole screen the scroll region, tabs every 8. */
    void reset() {
        main = blank(rows);
        alt = blank(rows);
        lines = main;
        onAlternate = false;
        cx = 0;
        cy = 0;
        top = 0;
        bottom = rows - 1;
        resetTabs();
    }

    private VtLine[] blank(int n) {
        VtLine[] ls = new VtLine[n];
        for (int i = 0; i < n; i++) {
            ls[i] = new VtLine(cols, DEFAULT);
        }
        return ls;
    }

    private void resetTabs() {
        tabStops = new boolean[cols];
        for (int i = 8; i < cols; i += 8) {
            tabStops[i] = true;
        }
    }

    int codePoint(int x, int y) {
        return lines[y].cp[x];
    }

    int foreground(int x, int y) {
        return lines[y].fg[x];
    }

    int background(int x, int y) {
        return lines[y].bg[x];
    }

    int attributes(int x, int y) {
        return lines[y].at[x];
    }

    /** Row {@code y} as text (wide characters once, trailing spaces kept). */
    String line(int y) {
        StringBuilder sb = new StringBuilder();
        for (int x = 0; x < cols; x++) {
            int c = lines[y].cp[x];
            if (c != WIDE_TAIL) {
                sb.appendCodePoint(c);
            }
        }
        return sb.toString();
    }

    /** Resizes both buffers; the cursor's line stays on screen (lines scroll off the top if needed). */
    void resize(int newCols, int newRows) {
        int shift = Math.max(0, cy - (newRows - 1));
        main = resizeBuffer(main, newCols, newRows, onAlternate ? 0 : shift);
        alt = resizeBuffer(alt, newCols, newRows, onAlternate ? shift : 0);
        lines = onAlternate ? alt : main;
        cols = newCols;
        rows = newRows;
        cy = Math.max(0, cy - shift);
        cx = Math.min(cx, cols - 1);
        wrapPending = false;
        top = 0;
        bottom = rows - 1;
        resetTabs();
    }

    private static VtLine[] resizeBuffer(VtLine[] buf, int newCols, int newRows, int shift) {
        VtLine[] out = new VtLine[newRows];
        for (int i = 0; i < newRows; i++) {
            int from = i + shift;
            VtLine l = from < buf.length ? buf[from] : new VtLine(newCols, DEFAULT);
            l.resize(newCols);
            out[i] = l;
        }
        return out;
    }

    /** Shows the alternate buffer, cleared, or the main one again as it was left. */
    void useAlternate(boolean on) {
        onAlternate = on;
        lines = on ? alt : main;
        if (on) {
            for (VtLine l : alt) {
                l.clear(0, cols, DEFAULT);
            }
        }
        wrapPending = false;
    }

    /**
     * Writes {@code c} at the cursor with the pen and moves the cursor on; a wide character takes two
     * cells. False for a character of no width (a combining mark: the base character stands for both).
     */
    boolean print(int c, boolean autoWrap, boolean insertMode) {
        int w = WCWidth.wcwidth(c);
        if (w < 0) {
            w = 1;
        }
        if (w == 0) {
            return false;
        }
        if (wrapPending || cx + w > cols) {
            if (autoWrap) {
                cx = 0;
                lineFeed();
            } else {
                cx = Math.max(0, cols - w); // a wide character on a one-column screen: its left half
            }
            wrapPending = false;
        }
        VtLine l = lines[cy];
        if (insertMode) {
            for (int x = cols - 1; x >= cx + w; x--) {
                l.copyCell(x - w, x);
            }
        }
        breakWide(l, cx);
        if (w == 2 && cx + 1 < cols) {
            breakWide(l, cx + 1);
        }
        put(l, cx, c);
        if (w == 2 && cx + 1 < cols) {
            put(l, cx + 1, WIDE_TAIL);
        }
        cx += w;
        if (cx >= cols) {
            cx = cols - 1;
            wrapPending = true;
        }
        return true;
    }

    /** Overwriting either half of a wide character blanks the other half. */
    private void breakWide(VtLine l, int x) {
        if (l.cp[x] == WIDE_TAIL && x > 0) {
            l.cp[x - 1] = ' ';
        } else if (x + 1 < cols && l.cp[x + 1] == WIDE_TAIL) {
            l.cp[x + 1] = ' ';
        }
    }

    private void put(VtLine l, int x, int c) {
        l.cp[x] = c;
        l.fg[x] = pen.fg;
        l.bg[x] = pen.bg;
        l.at[x] = pen.attrs;
    }

    /** DECALN: the screen full of E. */
    void fillWithE() {
        for (VtLine l : lines) {
            Arrays.fill(l.cp, 'E');
        }
    }

    void backspace() {
        if (cx > 0) {
            cx = Math.min(cx, cols - 1) - (wrapPending ? 0 : 1);
            cx = Math.max(0, cx);
        }
        wrapPending = false;
    }

    void lineFeed() {
        wrapPending = false;
        if (cy == bottom) {
            scrollUp(top, bottom, 1);
        } else if (cy < rows - 1) {
            cy++;
        }
    }

    void reverseIndex() {
        wrapPending = false;
        if (cy == top) {
            scrollDown(top, bottom, 1);
        } else if (cy > 0) {
            cy--;
        }
    }

    void scrollUp(int from, int to, int n) {
        n = Math.min(n, to - from + 1);
        for (int k = 0; k < n; k++) {
            VtLine first = lines[from];
            System.arraycopy(lines, from + 1, lines, from, to - from);
            first.clear(0, cols, pen.bg);
            lines[to] = first;
        }
    }

    void scrollDown(int from, int to, int n) {
        n = Math.min(n, to - from + 1);
        for (int k = 0; k < n; k++) {
            VtLine last = lines[to];
            System.arraycopy(lines, from, lines, from + 1, to - from);
            last.clear(0, cols, pen.bg);
            lines[from] = last;
        }
    }

    /** IL and DL: lines in or out at the cursor's row, within the scroll region. */
    void insertOrDeleteLines(int n, boolean insert) {
        if (cy >= top && cy <= bottom) {
            if (insert) {
                scrollDown(cy, bottom, n);
            } else {
                scrollUp(cy, bottom, n);
            }
            cx = 0;
        }
    }

    void moveTo(int x, int y) {
        cx = Math.max(0, x);
        cy = Math.max(0, Math.min(rows - 1, y));
        wrapPending = false;
    }

    /** The next tab stop to the right, or the last column. */
    void tab() {
        wrapPending = false;
        int x = cx + 1;
        while (x < cols - 1 && !tabStops[x]) {
            x++;
        }
        cx = Math.min(cols - 1, x);
    }

    /** CBT: the tab stop to the left, or the first column. */
    void backTab() {
        int x = cx - 1;
        while (x > 0 && !tabStops[x]) {
            x--;
        }
        cx = Math.max(0, x);
    }

    void setTabStop() {
        if (cx < cols) {
            tabStops[cx] = true;
        }
    }

    /** TBC: 0 clears the cursor's tab stop, 3 all of them. */
    void clearTabStops(int mode) {
        if (mode == 3) {
            Arrays.fill(tabStops, false);
        } else if (mode == 0 && cx < cols) {
            tabStops[cx] = false;
        }
    }

    void insertChars(int n) {
        VtLine l = lines[cy];
        int x0 = Math.min(cx, cols - 1);
        n = Math.min(n, cols - x0);
        for (int x = cols - 1; x >= x0 + n; x--) {
            l.copyCell(x - n, x);
        }
        l.clear(x0, x0 + n, pen.bg);
        wrapPending = false;
    }

    void deleteChars(int n) {
        VtLine l = lines[cy];
        int x0 = Math.min(cx, cols - 1);
        n = Math.min(n, cols - x0);
        for (int x = x0; x < cols - n; x++) {
            l.copyCell(x + n, x);
        }
        l.clear(cols - n, cols, pen.bg);
        wrapPending = false;
    }

    /** ECH: {@code n} cells from the cursor blanked, nothing moves. */
    void eraseChars(int n) {
        int x0 = Math.min(cx, cols - 1);
        lines[cy].clear(x0, Math.min(cols, x0 + n), pen.bg);
    }

    /** ED: 0 from the cursor to the end, 1 from the start to the cursor, 2 and 3 all. */
    void eraseDisplay(int mode) {
        int x0 = Math.min(cx, cols - 1);
        switch (mode) {
            case 0 -> {
                lines[cy].clear(x0, cols, pen.bg);
                for (int y = cy + 1; y < rows; y++) {
                    lines[y].clear(0, cols, pen.bg);
                }
            }
            case 1 -> {
                lines[cy].clear(0, x0 + 1, pen.bg);
                for (int y = 0; y < cy; y++) {
                    lines[y].clear(0, cols, pen.bg);
                }
            }
            case 2, 3 -> {
                for (VtLine l : lines) {
                    l.clear(0, cols, pen.bg);
                }
            }
            default -> { }
        }
    }

    /** EL: 0 from the cursor to the end of its line, 1 from the line's start to the cursor, 2 the whole line. */
    void eraseLine(int mode) {
        int x0 = Math.min(cx, cols - 1);
        switch (mode) {
            case 0 -> lines[cy].clear(x0, cols, pen.bg);
            case 1 -> lines[cy].clear(0, x0 + 1, pen.bg);
            case 2 -> lines[cy].clear(0, cols, pen.bg);
            default -> { }
        }
    }
}
