package dev.boxlab.app.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * The foot of the lesson screen where the learner types: today the command line
 * ({@link CommandSlot}); a real terminal pane ({@code dev.boxlab.app.terminal.TerminalPane}, a pty
 * in the lab) takes the same place by implementing this. The screen gives it rows, draws it, puts
 * the cursor where it says, and hands it the keys while it has focus (F-keys and Ctrl-C stay the screen's).
 */
interface Slot {
    /** How many rows it takes on a screen this tall. */
    int rows(int screenRows);

    /** The component the screen places. */
    Region<?> region();

    /** Where the cursor is on the screen, or null when it is hidden. */
    TerminalPosition cursor();

    /** A key while the slot has focus; false when it did not use it. */
    boolean key(KeyStroke k);

    /** The lab is running a command (a line editor says so; a terminal shows it anyway). */
    default void busy(boolean on) {}
}
