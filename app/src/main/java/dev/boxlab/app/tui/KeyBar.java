package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;

import dev.boxlab.app.session.KeyMap;
import dev.boxlab.app.session.KeyMap.Binding;
import dev.boxlab.app.session.KeyMap.Mode;

/**
 * The key bar at the foot of the lesson screen (the message of the moment, then the keys that
 * matter now) and the help overlay, both generated from {@link KeyMap}.
 */
final class KeyBar extends Region<KeyBar> {
    private final Paint paint;

    private Row message;
    private boolean typing;
    private String demoGo;
    private boolean terminal;

    KeyBar(Paint paint) {
        this.paint = paint;
    }

    /** What the next draw shows: the message, whether the learner is typing, what Space does in a demo (else null). */
    KeyBar show(Row message, boolean typing, String demoGo) {
        this.message = message;
        this.typing = typing;
        this.demoGo = demoGo;
        return this;
    }

    /** Whether the slot is a terminal: typing there, only the F-keys are boxlab's. */
    KeyBar terminal(boolean on) {
        terminal = on;
        return this;
    }

    @Override
    void render(TextGraphics g, int w, int h, boolean focused) {
        int y = 0;
        Row lead = message == null ? Row.EMPTY
                : Row.of(Tone.BAR_KEY, " " + message.plain() + " ").plus(Tone.BAR, " " + paint.glyphs.v);
        paint.keyBar(g, y, w, lead, demoGo != null ? demoKeys(demoGo)
                : typing && terminal ? terminalKeys() : typing ? lineKeys() : screenKeys());
    }

    private static String[][] screenKeys() {
        return keys(Mode.SCREEN);
    }

    /** The key bar of a mode: each binding with a label, its key and label. */
    static String[][] keys(Mode m) {
        List<String[]> keys = new ArrayList<>();
        for (Binding b : KeyMap.in(m)) {
            if (b.bar() != null) {
                keys.add(new String[] {b.barKey(), b.bar()});
            }
        }
        return keys.toArray(new String[0][]);
    }

    /** Help rows of a mode: each binding's keys and what it does. */
    static List<Row> keyRows(Mode m) {
        return keyRows(m, b -> true);
    }

    private static List<Row> keyRows(Mode m, java.util.function.Predicate<Binding> shown) {
        List<Row> rows = new ArrayList<>();
        int width = KeyMap.in(m).stream().mapToInt(b -> b.keys().length() + 1).max().orElse(0);
        for (Binding b : KeyMap.in(m)) {
            if (b.help() != null && shown.test(b)) {
                rows.add(Row.of(Tone.KEY, String.format("%-" + Math.max(16, width) + "s", b.keys())).plus(Tone.TEXT, b.help()));
            }
        }
        return rows;
    }

    /** While typing, letters are text: the bar shows the editing keys and the F-keys. */
    private static String[][] lineKeys() {
        List<String[]> keys = new ArrayList<>(List.of(new String[] {"Enter", "run"}, new String[] {"Esc", "keys"},
                new String[] {"↑↓", "history"}));
        for (Binding b : KeyMap.in(Mode.SCREEN)) {
            if (b.bar() != null && b.fkey() > 0) {
                keys.add(new String[] {"F" + b.fkey(), b.bar()});
            }
        }
        return keys.toArray(new String[0][]);
    }

    /** In the terminal every key is the shell's but the F-keys: the bar says how to reach boxlab. */
    private static String[][] terminalKeys() {
        List<String[]> keys = new ArrayList<>();
        keys.add(new String[] {"F9", "boxlab keys"});
        for (Binding b : KeyMap.in(Mode.SCREEN)) {
            if (b.bar() != null && b.fkey() > 0) {
                keys.add(new String[] {"F" + b.fkey(), b.bar()});
            }
        }
        return keys.toArray(new String[0][]);
    }

    /** The demo's bar: what Space does now, then the demo's other keys. */
    private static String[][] demoKeys(String go) {
        String[][] keys = keys(Mode.DEMO);
        keys[0] = new String[] {keys[0][0], go};
        return keys;
    }

    /** The help overlay's rows: every key of the screen with what it does. */
    static List<Row> helpRows(boolean demo, boolean terminal) {
        List<Row> rows = new ArrayList<>();
        if (terminal && !demo) {
            rows.add(Row.text("The terminal is a real shell in the lab: every key goes to it but the F-keys."));
            rows.add(Row.of(Tone.KEY, String.format("%-16s", "F9  Ctrl-]")).plus(Tone.TEXT, "leave the terminal: boxlab's letter keys work"));
            rows.add(Row.of(Tone.KEY, String.format("%-16s", "Enter  :")).plus(Tone.TEXT, "(from boxlab's keys) back to the terminal"));
            rows.add(Row.EMPTY);
        }
        // beside a terminal there is no command line: its keys (type, Esc, history) are left out
        rows.addAll(keyRows(demo ? Mode.DEMO : Mode.SCREEN, b -> !terminal || (b.action() != KeyMap.Action.TYPE
                && b.action() != KeyMap.Action.LEAVE_LINE && b.action() != KeyMap.Action.HISTORY)));
        rows.add(Row.EMPTY);
        if (!terminal) {
            rows.add(Row.of(Tone.DIM, "On the command line, " + KeyMap.screenWords() + " work too."));
        }
        rows.add(Row.of(Tone.DIM, "Marks in the state pane: + added  ~ changed  - removed (by the last command)."));
        rows.add(Row.of(Tone.DIM, "Any key closes this help."));
        return rows;
    }

    /** The question before quitting; {@code canGoBack} offers the lesson list. */
    void askQuit(TextGraphics g, TerminalSize size, boolean canGoBack) {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.text("Quit boxlab? The lab and everything in it goes."));
        rows.add(Row.EMPTY);
        Row keys = Row.of(Tone.KEY, "y").plus(Tone.TEXT, " quit   ").plus(Tone.KEY, "n").plus(Tone.TEXT, " stay");
        if (canGoBack) {
            keys = keys.plus(Tone.TEXT, "   ").plus(Tone.KEY, "b").plus(Tone.TEXT, " back to the lessons");
        }
        rows.add(keys);
        paint.overlay(g, size, "quit?", rows);
    }
}
