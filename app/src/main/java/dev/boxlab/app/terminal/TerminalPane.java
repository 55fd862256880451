package dev.boxlab.app.terminal;

import java.util.EnumSet;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * The terminal pane of the lesson screen: draws a {@link TerminalSession}'s screen into a
 * rectangle of the Lanterna screen (colours, attributes, wide characters, the cursor), resizes the
 * pty when the rectangle changes, and forwards keys as the bytes an xterm would send.
 *
 * <p>It is drawn by the screen that owns it (the lesson screen's layout gives it its rows), and
 * asks for a redraw through {@code onChange} when the programs in it write something.
 */
public final class TerminalPane {
    private volatile TerminalSession session;
    private final boolean colour;
    private final java.util.List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private TerminalPosition cursor;

    /** {@code colour} false draws in the terminal's default colours (NO_COLOR), keeping bold and reverse. */
    public TerminalPane(TerminalSession session, boolean colour) {
        this.colour = colour;
        attach(session);
    }

    public TerminalSession session() {
        return session;
    }

    /** Shows another session (a fresh lab has a shell of its own); the old one is the caller's to close. */
    public void attach(TerminalSession s) {
        this.session = s;
        s.onChange(() -> {
            if (session == s) {
                changeListeners.forEach(Runnable::run);
            }
        });
        changeListeners.forEach(Runnable::run);
    }

    /** Redraws when the programs wrote something (called on the pty's reader thread). */
    public void onChange(Runnable r) {
        changeListeners.add(r);
    }

    /**
     * Draws the terminal into {@code w} x {@code h} cells at ({@code left}, {@code top}); the pty
     * follows the size. {@code focused} shows the cursor (a pane without focus has none).
     */
    public void draw(TextGraphics g, int left, int top, int w, int h, boolean focused) {
        if (w < 2 || h < 1) {
            cursor = null;
            return;
        }
        TerminalSession current = session;
        current.resize(w, h);
        VtScreen s = current.screen();
        synchronized (s) {
            int cols = Math.min(w, s.columns());
            int rows = Math.min(h, s.rows());
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    int cp = s.codePoint(x, y);
                    if (cp == VtScreen.WIDE_TAIL) {
                        continue;
                    }
                    if (cp >= 0x10000 || Character.isSurrogate((char) cp)) {
                        cp = '?'; // Lanterna cells hold one UTF-16 char
                    }
                    if (x == cols - 1 && x + 1 < s.columns() && s.codePoint(x + 1, y) == VtScreen.WIDE_TAIL) {
                        cp = ' ';
                    }
                    g.setCharacter(left + x, top + y, cell((char) cp, s.foreground(x, y), s.background(x, y),
                            s.attributes(x, y)));
                }
            }
            cursor = focused && s.cursorVisible()
                    ? new TerminalPosition(left + Math.min(s.cursorColumn(), w - 1), top + Math.min(s.cursorRow(), h - 1))
                    : null;
        }
    }

    /** Where the text cursor is after the last draw, or null. */
    public TerminalPosition cursor() {
        return cursor;
    }

    /**
     * Sends a key to the shell; false if it is not the terminal's to take (a function key, or the
     * key that leaves the terminal), so the screen handles it.
     */
    public boolean key(KeyStroke k) {
        byte[] b = Keys.bytes(k, session.screen().applicationCursorKeys());
        if (b == null) {
            return false;
        }
        session.send(b);
        return true;
    }

    /** Pasted text: bracketed when the shell asked for it, so a paste never runs half a command. */
    public void paste(String text) {
        boolean bracketed = session.screen().bracketedPaste();
        session.type((bracketed ? "\033[200~" : "") + text.replace("\n", "\r") + (bracketed ? "\033[201~" : ""));
    }

    private TextCharacter cell(char c, int fg, int bg, int at) {
        EnumSet<SGR> sgr = EnumSet.noneOf(SGR.class);
        if ((at & VtScreen.BOLD) != 0) {
            sgr.add(SGR.BOLD);
        }
        if ((at & VtScreen.UNDERLINE) != 0) {
            sgr.add(SGR.UNDERLINE);
        }
        if ((at & VtScreen.REVERSE) != 0) {
            sgr.add(SGR.REVERSE);
        }
        if ((at & VtScreen.BLINK) != 0) {
            sgr.add(SGR.BLINK);
        }
        if ((at & VtScreen.ITALIC) != 0 && colour) {
            sgr.add(SGR.ITALIC);
        }
        if ((at & VtScreen.STRIKE) != 0 && colour) {
            sgr.add(SGR.CROSSED_OUT);
        }
        if ((at & VtScreen.HIDDEN) != 0) {
            c = ' ';
        }
        return TextCharacter.fromCharacter(c, colour(fg), colour(bg), sgr.toArray(new SGR[0]))[0];
    }

    private TextColor colour(int c) {
        if (!colour || c == VtScreen.DEFAULT) {
            return TextColor.ANSI.DEFAULT;
        }
        if (c >= VtScreen.RGB) {
            return new TextColor.RGB((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff);
        }
        if (c < 16) {
            return TextColor.ANSI.values()[c < 8 ? c : c - 8 + 9];
        }
        return new TextColor.Indexed(c);
    }
}
