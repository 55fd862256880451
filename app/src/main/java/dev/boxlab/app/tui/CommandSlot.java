package dev.boxlab.app.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * The command line at the foot of the lesson screen, where the learner types a command for the lab
 * host. This is the slot a real terminal pane (a pty with a VT emulator) takes: it is given the
 * rows at the foot, draws there, says where its cursor is, and receives the keys while it has focus.
 */
final class CommandSlot extends Region<CommandSlot> implements Slot {
    private final CommandLine line = new CommandLine();
    private final Paint paint;
    private boolean busy;

    CommandSlot(Paint paint) {
        this.paint = paint;
    }

    CommandLine line() {
        return line;
    }

    @Override
    public int rows(int screenRows) {
        return 1;
    }

    @Override
    public Region<?> region() {
        return this;
    }

    /** Enter, Esc and Tab are the screen's; every other key edits the line. */
    @Override
    public boolean key(KeyStroke k) {
        return line.edit(k);
    }

    @Override
    void render(TextGraphics g, int w, int h, boolean focused) {
        int y = 0;
        paint.fill(g, 0, y, w, Tone.TEXT);
        int x = paint.put(g, 0, y, Row.of(focused ? Tone.PROMPT : Tone.DIM, "lab-host# "), w);
        int avail = w - x - 1;
        String text = line.text();
        if (!focused && text.isEmpty()) {
            paint.put(g, x, y, Row.of(Tone.DIM, "press : or Enter to type a command here"), avail);
            cursorAt(null);
            return;
        }
        int shift = Math.max(0, line.cursor() - avail + 1);
        paint.put(g, x, y, Row.of(Tone.TEXT, text.substring(Math.min(shift, text.length()))), avail);
        cursorAt(new TerminalPosition(x + line.cursor() - shift, y));
        if (busy && focused) {
            String note = " running " + paint.glyphs.running + " Ctrl-C stops it ";
            if (x + text.length() + note.length() + 2 < w) {
                paint.put(g, w - note.length(), y, Row.of(Tone.DIM, note), note.length());
            }
        }
    }

    /** Adds the "running, Ctrl-C stops it" note while the lab runs a command. */
    @Override
    public void busy(boolean on) {
        busy = on;
    }
}
