package dev.boxlab.app.terminal;

import static dev.boxlab.app.terminal.VtScreen.DEFAULT;

import java.util.Arrays;

/** A row of an xterm's cells: per column a code point, a foreground, a background and attribute bits. */
final class VtLine {
    int[] cp;
    int[] fg;
    int[] bg;
    int[] at;

    VtLine(int cols, int bgColour) {
        cp = new int[cols];
        fg = new int[cols];
        bg = new int[cols];
        at = new int[cols];
        clear(0, cols, bgColour);
    }

    void clear(int from, int to, int bgColour) {
        Arrays.fill(cp, from, to, ' ');
        Arrays.fill(fg, from, to, DEFAULT);
        Arrays.fill(bg, from, to, bgColour);
        Arrays.fill(at, from, to, 0);
    }

    void resize(int cols) {
        int old = cp.length;
        cp = Arrays.copyOf(cp, cols);
        fg = Arrays.copyOf(fg, cols);
        bg = Arrays.copyOf(bg, cols);
        at = Arrays.copyOf(at, cols);
        if (cols > old) {
            clear(old, cols, DEFAULT);
        }
    }

    void copyCell(int from, int to) {
        cp[to] = cp[from];
        fg[to] = fg[from];
        bg[to] = bg[from];
        at[to] = at[from];
    }
}
