package dev.boxlab.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every key and {@code :} word of boxlab, in one table: the screen's keys (a letter, an F-key, a
 * Ctrl key), the words both command lines understand (the screen's and the line mode's), what the
 * help says and what the key bar says. The help overlay, the key bars, the line mode's help and
 * both {@code :} parsers are generated from it, so they cannot disagree.
 */
public final class KeyMap {
    /** What a key or word asks for. */
    public enum Action {
        RUN_STEP, RUN_ONE, NEXT, PREVIOUS, HINT, VIEW, MOUNTS, PANE, ZOOM, TYPE, LEAVE_LINE, HISTORY, STOP, CHECK,
        TEXT, STATE, HELP, QUIT, DEMO_GO, REBUILD, CHOOSE, OPEN
    }

    /** Where a binding works: the lesson screen, the screen in demo mode, the line mode, the lesson list. */
    public enum Mode { SCREEN, DEMO, LINE, PICKER }

    /**
     * One binding. {@code keys} is how help shows the keys; {@code letters} the plain keys that do
     * it, {@code fkey} its F-key (0: none), {@code ctrl} its Ctrl letter (0: none); {@code words} the
     * {@code :} words (the first is the name); {@code bar} the key bar's label (null: not on the bar).
     */
    public record Binding(Action action, List<Mode> modes, String keys, String letters, int fkey, char ctrl,
                          List<String> words, String help, String lineHelp, String bar) {
        public boolean in(Mode m) {
            return modes.contains(m);
        }

        /** The key the bar shows: the first of the keys as help writes them. */
        public String barKey() {
            return keys.split(" {2}")[0];
        }
    }

    private static final List<Mode> SCREEN = List.of(Mode.SCREEN);
    private static final List<Mode> BOTH = List.of(Mode.SCREEN, Mode.LINE);
    private static final List<Mode> LESSON = List.of(Mode.SCREEN, Mode.LINE);
    private static final List<Mode> DEMO = List.of(Mode.DEMO);
    private static final List<Mode> ALL = List.of(Mode.SCREEN, Mode.DEMO, Mode.LINE, Mode.PICKER);
    private static final List<Mode> PICKER = List.of(Mode.PICKER);

    private static final List<Binding> BINDINGS = List.of(
            new Binding(Action.CHOOSE, PICKER, "↑↓  j k", "jk", 0, '\0', List.of(),
                    "choose a lesson", null, "choose"),
            new Binding(Action.OPEN, PICKER, "Enter", "", 0, '\0', List.of(),
                    "open it (a lab starts)", null, "open"),
            new Binding(Action.OPEN, PICKER, "1-9", "123456789", 0, '\0', List.of(),
                    "open a lesson by its number", null, "open by number"),
            new Binding(Action.RUN_STEP, BOTH, "r  F5", "r", 5, 'r', List.of("solve", "run", "r"),
                    "run the step's commands (the ones not run yet)", "show and run the step's commands", "run step"),
            new Binding(Action.RUN_ONE, BOTH, "s  F6", "s", 6, '\0', List.of("step", "s"),
                    "run the next command of the step only", "run the step's next command", "one cmd"),
            new Binding(Action.DEMO_GO, DEMO, "Space  Enter  →", " ", 0, '\0', List.of(),
                    "type the next command out, run it, then the next step", null, "type next command"),
            new Binding(Action.PREVIOUS, DEMO, "←  p  b", "pb", 0, '\0', List.of(),
                    "back a step (a fresh lab, built up to it)", null, "back a step"),
            new Binding(Action.NEXT, DEMO, "n", "n", 0, '\0', List.of(), "skip to the next step", null, "skip"),
            new Binding(Action.NEXT, LESSON, "n  F8  Ctrl-N", "n", 8, 'n', List.of("next", "n", "skip"),
                    "next step (the lab stays as it is)", "the next step (:skip too)", "next"),
            new Binding(Action.PREVIOUS, LESSON, "p  F7  Ctrl-P", "pb", 7, 'p', List.of("back", "prev", "p", "b"),
                    "previous step (a fresh lab, built up to it)", "the previous step, rebuilt in a fresh lab", "prev"),
            new Binding(Action.REBUILD, BOTH, "R", "R", 0, '\0', List.of("rebuild"),
                    "rebuild this step in a fresh lab (when the lab is broken)", "rebuild this step in a fresh lab", null),
            new Binding(Action.HINT, BOTH, "h  F2", "h", 2, '\0', List.of("hint", "h"),
                    "a hint; again for a more specific one", "a hint (ask again for a more specific one)", "hint"),
            new Binding(Action.VIEW, List.of(Mode.SCREEN, Mode.DEMO), "v  F3  1-5", "v", 3, 'o', List.of("view", "v"),
                    "state view: network, mounts, cgroups, processes, layers", null, "view"),
            new Binding(Action.MOUNTS, SCREEN, "[  ]", "[]", 0, '\0', List.of(),
                    "mounts view: the lab host or another process", null, null),
            new Binding(Action.PANE, SCREEN, "Tab  Shift-Tab", "", 0, '\0', List.of(),
                    "move between panes; arrows, j k, PgUp PgDn scroll", null, "pane"),
            new Binding(Action.ZOOM, DEMO, "z", "z", 0, '\0', List.of(), "zoom the state pane (again to return)", null,
                    "zoom state"),
            new Binding(Action.ZOOM, SCREEN, "z  F4", "z", 4, '\0', List.of(),
                    "zoom the pane in focus (again to return)", null, null),
            new Binding(Action.TYPE, SCREEN, ":  Enter", ":/", 0, '\0', List.of(),
                    "the command line: type a command, Enter runs it", null, "type"),
            new Binding(Action.LEAVE_LINE, SCREEN, "Esc", "", 0, '\0', List.of(),
                    "leave the command line (keys work again)", null, null),
            new Binding(Action.HISTORY, SCREEN, "Up  Down", "", 0, '\0', List.of(),
                    "on the command line: history", null, null),
            new Binding(Action.STOP, SCREEN, "Ctrl-C", "", 0, 'c', List.of(),
                    "stop the running command; else quit", null, null),
            new Binding(Action.CHECK, BOTH, "c", "c", 0, '\0', List.of("check", "c"),
                    "re-run the checks now", "run the step's checks", null),
            new Binding(Action.TEXT, List.of(Mode.LINE), "", "", 0, '\0', List.of("text"),
                    null, "the step's text again", null),
            new Binding(Action.STATE, List.of(Mode.LINE), "", "", 0, '\0', List.of("state"),
                    null, "what the lab holds now", null),
            new Binding(Action.HELP, ALL, "?  F1", "?", 1, '\0', List.of("help", "?"),
                    "this help", "this help", "help"),
            new Binding(Action.QUIT, List.of(Mode.SCREEN, Mode.DEMO, Mode.LINE), "q  F10  Ctrl-Q", "q", 10, 'q', List.of("quit", "q", "exit"),
                    "quit (the lab and everything in it goes)", "leave (the lab and everything in it goes)", "quit"),
            new Binding(Action.QUIT, PICKER, "q  Esc  F10", "q", 10, 'q', List.of(), "quit", null, "quit"));

    private KeyMap() {}

    public static List<Binding> all() {
        return BINDINGS;
    }

    public static List<Binding> in(Mode m) {
        return BINDINGS.stream().filter(b -> b.in(m)).toList();
    }

    /** The action of a {@code :} word (without the colon) in a mode, if any. */
    public static Optional<Action> word(Mode m, String word) {
        return in(m).stream().filter(b -> b.words().contains(word)).map(Binding::action).findFirst();
    }

    /** The action of a plain key (no Ctrl) in a mode. */
    public static Optional<Action> letter(Mode m, char c) {
        return in(m).stream().filter(b -> b.letters().indexOf(c) >= 0).map(Binding::action).findFirst();
    }

    public static Optional<Action> fkey(Mode m, int n) {
        return in(m).stream().filter(b -> b.fkey() == n).map(Binding::action).findFirst();
    }

    public static Optional<Action> ctrl(Mode m, char c) {
        return in(m).stream().filter(b -> b.ctrl() == Character.toLowerCase(c)).map(Binding::action).findFirst();
    }

    /** The line mode's help: each word with what it does, two to a line. */
    public static String lineHelp() {
        List<String> cells = new ArrayList<>();
        for (Binding b : in(Mode.LINE)) {
            cells.add(String.format("%-9s%s", ":" + b.words().get(0), b.lineHelp()));
        }
        StringBuilder sb = new StringBuilder("Type shell commands: they run as root on the lab host. "
                + "Lines that start with ':' talk to boxlab:");
        for (int i = 0; i < cells.size(); i += 2) {
            sb.append("\n  ").append(i + 1 < cells.size() ? String.format("%-52s%s", cells.get(i), cells.get(i + 1))
                    : cells.get(i));
        }
        return sb.toString();
    }

    /** A mode's keys as its key bar shows them, in one line ("Space type next command, ← back a step, ..."). */
    public static String barLine(Mode m) {
        return String.join(", ", in(m).stream().filter(b -> b.bar() != null).map(b -> b.barKey() + " " + b.bar()).toList());
    }

    /** The {@code :} words the screen's command line understands, for its help's last lines. */
    public static String screenWords() {
        StringBuilder sb = new StringBuilder();
        for (Binding b : in(Mode.SCREEN)) {
            if (!b.words().isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(':').append(b.words().get(0))
                        .append(b.action() == Action.VIEW ? " mounts" : "");
            }
        }
        return sb.toString();
    }
}
