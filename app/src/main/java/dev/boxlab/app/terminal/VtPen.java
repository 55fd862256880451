package dev.boxlab.app.terminal;

import static dev.boxlab.app.terminal.VtScreen.BLINK;
import static dev.boxlab.app.terminal.VtScreen.BOLD;
import static dev.boxlab.app.terminal.VtScreen.DEFAULT;
import static dev.boxlab.app.terminal.VtScreen.DIM;
import static dev.boxlab.app.terminal.VtScreen.HIDDEN;
import static dev.boxlab.app.terminal.VtScreen.ITALIC;
import static dev.boxlab.app.terminal.VtScreen.REVERSE;
import static dev.boxlab.app.terminal.VtScreen.RGB;
import static dev.boxlab.app.terminal.VtScreen.STRIKE;
import static dev.boxlab.app.terminal.VtScreen.UNDERLINE;

/**
 * What the next character is written with: a foreground and a background colour (a 256-colour index,
 * {@code RGB | 0xRRGGBB}, or {@link VtScreen#DEFAULT}) and the attribute bits; SGR ({@code ESC [ … m})
 * changes it. The background is also what erased cells get.
 */
final class VtPen {
    int fg = DEFAULT;
    int bg = DEFAULT;
    int attrs;

    void reset() {
        fg = DEFAULT;
        bg = DEFAULT;
        attrs = 0;
    }

    /** SGR with its numbers: attributes on and off, 8/16 colours, {@code 38;5;n}, {@code 38;2;r;g;b} (and 48). */
    void sgr(int[] n) {
        for (int i = 0; i < n.length; i++) {
            int p = n[i];
            switch (p) {
                case 0 -> reset();
                case 1 -> attrs |= BOLD;
                case 2 -> attrs |= DIM;
                case 3 -> attrs |= ITALIC;
                case 4 -> attrs |= UNDERLINE;
                case 5, 6 -> attrs |= BLINK;
                case 7 -> attrs |= REVERSE;
                case 8 -> attrs |= HIDDEN;
                case 9 -> attrs |= STRIKE;
                case 21, 22 -> attrs &= ~(BOLD | DIM);
                case 23 -> attrs &= ~ITALIC;
                case 24 -> attrs &= ~UNDERLINE;
                case 25 -> attrs &= ~BLINK;
                case 27 -> attrs &= ~REVERSE;
                case 28 -> attrs &= ~HIDDEN;
                case 29 -> attrs &= ~STRIKE;
                case 39 -> fg = DEFAULT;
                case 49 -> bg = DEFAULT;
                case 38, 48 -> i = extendedColour(n, i);
                default -> basicColour(p);
            }
        }
    }

    /** {@code 38;5;n} or {@code 38;2;r;g;b} (48 for the background) at {@code n[i]}; the index of its last number. */
    private int extendedColour(int[] n, int i) {
        int colour = DEFAULT;
        int last;
        if (i + 2 < n.length && n[i + 1] == 5) {
            colour = Math.max(0, Math.min(255, n[i + 2]));
            last = i + 2;
        } else if (i + 4 < n.length && n[i + 1] == 2) {
            colour = RGB | (clamp(n[i + 2]) << 16) | (clamp(n[i + 3]) << 8) | clamp(n[i + 4]);
            last = i + 4;
        } else {
            last = n.length;
        }
        if (n[i] == 38) {
            fg = colour;
        } else {
            bg = colour;
        }
        return last;
    }

    private void basicColour(int p) {
        if (p >= 30 && p <= 37) {
            fg = p - 30;
        } else if (p >= 40 && p <= 47) {
            bg = p - 40;
        } else if (p >= 90 && p <= 97) {
            fg = p - 90 + 8;
        } else if (p >= 100 && p <= 107) {
            bg = p - 100 + 8;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
