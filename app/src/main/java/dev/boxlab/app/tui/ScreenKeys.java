package dev.boxlab.app.tui;

import java.util.Optional;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import dev.boxlab.app.session.KeyMap;
import dev.boxlab.app.session.KeyMap.Action;
import dev.boxlab.app.session.KeyMap.Mode;
import dev.boxlab.app.session.View;
import dev.boxlab.app.tui.LessonScreen.Overlay;
import dev.boxlab.app.tui.LessonScreen.Pane;
import dev.boxlab.lessons.LessonSession.LabStatus;

/**
 * The lesson screen's keys: each key and each {@code :} word is looked up in {@link KeyMap} and
 * its action done here; only moving about (focus, scrolling, the command line's editing keys) is
 * the screen's own. Runs on the GUI thread.
 */
final class ScreenKeys {
    private final LessonScreen s;

    ScreenKeys(LessonScreen screen) {
        this.s = screen;
    }

    void key(KeyStroke k) {
        KeyType t = k.getKeyType();
        if (t == KeyType.EOF) {
            s.exit.quit();
            return;
        }
        boolean ctrlC = t == KeyType.Character && k.isCtrlDown() && Character.toLowerCase(k.getCharacter()) == 'c';
        if (s.overlay == Overlay.NONE && s.focus == Pane.COMMAND && s.hasTerminal() && terminalKey(k)) {
            return;
        }
        if (s.overlay != Overlay.NONE) {
            overlayKey(k, ctrlC);
        } else if (ctrlC) {
            stop();
        } else if (s.demo != null && demoKey(k)) {
            return;
        } else if (!globalKey(k)) {
            if (s.focus == Pane.COMMAND) {
                lineKey(k);
            } else {
                navKey(k);
            }
        }
    }

    /**
     * In the terminal every key is the shell's (Ctrl-C, Esc, Tab, letters) but the F-keys, which
     * fall through to boxlab, and F9 / Ctrl-], which leave it. In a demo the keys stay the demo's.
     */
    private boolean terminalKey(KeyStroke k) {
        if (TerminalSlot.isLeave(k)) {
            s.focus = Pane.STEP;
            s.control.say(Tone.TEXT, "boxlab's keys (? lists them); Enter goes back to the terminal");
            return true;
        }
        return s.demo == null && s.slot.key(k);
    }

    private void overlayKey(KeyStroke k, boolean ctrlC) {
        KeyType t = k.getKeyType();
        boolean quitting = s.overlay == Overlay.QUIT;
        s.overlay = Overlay.NONE;
        if (!quitting) {
            return; // any key closes the help
        }
        if (ctrlC || t == KeyType.Enter || (t == KeyType.Character && "yYq".indexOf(k.getCharacter()) >= 0)) {
            s.exit.quit();
        } else if (t == KeyType.Character && k.getCharacter() == 'b' && s.exit.backToPicker() != null) {
            s.exit.backToPicker().run();
        }
    }

    private void stop() {
        if (s.control.status() == LabStatus.BUSY && s.work.interruptLab()) {
            s.control.say(Tone.WARN, "stopping the command" + s.glyphs.running);
        } else if (s.focus == Pane.COMMAND && !s.commandLine().text().isEmpty()) {
            s.commandLine().set("");
        } else {
            s.requestQuit();
        }
    }

    /** The demo's keys: Space, Enter and → go on, ← back a step; other letters do nothing on a projector. */
    private boolean demoKey(KeyStroke k) {
        KeyType t = k.getKeyType();
        Optional<Action> a = switch (t) {
            case Enter, ArrowRight -> Optional.of(Action.DEMO_GO);
            case ArrowLeft -> Optional.of(Action.PREVIOUS);
            case Character -> k.isCtrlDown() ? Optional.empty() : KeyMap.letter(Mode.DEMO, k.getCharacter());
            default -> Optional.empty();
        };
        if (a.isPresent()) {
            act(a.get(), k);
            return true;
        }
        return t == KeyType.Character && !k.isCtrlDown();
    }

    /** Keys that work wherever the focus is: F-keys, page keys and Ctrl keys. */
    private boolean globalKey(KeyStroke k) {
        KeyType t = k.getKeyType();
        Pane p = s.focus == Pane.COMMAND ? Pane.TRANSCRIPT : s.focus;
        Optional<Action> a = Optional.empty();
        if (t.name().matches("F\\d+")) {
            a = KeyMap.fkey(Mode.SCREEN, Integer.parseInt(t.name().substring(1)));
        } else if (t == KeyType.PageUp || t == KeyType.PageDown) {
            scroll(p, t == KeyType.PageUp ? -page(p) : page(p));
            return true;
        } else if (t == KeyType.Character && k.isCtrlDown()) {
            if (Character.toLowerCase(k.getCharacter()) == 'l') {
                return true; // the screen is redrawn after every key
            }
            a = KeyMap.ctrl(Mode.SCREEN, k.getCharacter());
        }
        a.ifPresent(action -> act(action, k));
        return a.isPresent();
    }

    private void lineKey(KeyStroke k) {
        switch (k.getKeyType()) {
            case Enter -> submit();
            case Escape, Tab -> s.focus = Pane.STEP;
            case ReverseTab -> s.focus = Pane.TRANSCRIPT;
            default -> s.slot.key(k);
        }
    }

    private void navKey(KeyStroke k) {
        switch (k.getKeyType()) {
            case Tab -> s.focus = cycle(1);
            case ReverseTab -> s.focus = cycle(-1);
            case Enter -> s.focus = Pane.COMMAND;
            case Escape -> s.zoom = null;
            case ArrowUp -> scroll(s.focus, -1);
            case ArrowDown -> scroll(s.focus, 1);
            case Home -> scroll(s.focus, -100000);
            case End -> scroll(s.focus, 100000);
            case ArrowRight -> act(Action.NEXT, k);
            case ArrowLeft -> act(Action.PREVIOUS, k);
            case Character -> letter(k);
            default -> {
                // other keys do nothing here
            }
        }
    }

    private void letter(KeyStroke k) {
        char c = k.getCharacter();
        switch (c) {
            case '1', '2', '3', '4', '5' -> show(View.values()[c - '1']);
            case 'k' -> scroll(s.focus, -1);
            case 'j' -> scroll(s.focus, 1);
            case 'g' -> scroll(s.focus, -100000);
            case 'G' -> scroll(s.focus, 100000);
            default -> {
                Optional<Action> a = KeyMap.letter(Mode.SCREEN, c);
                if (a.isPresent()) {
                    act(a.get(), k);
                } else {
                    s.control.say(Tone.TEXT, "'" + c + "' is not a key here; to type a command press : or Enter first");
                }
            }
        }
    }

    /** Does what a key or word asks; {@code k} is the key (null for a word). */
    private void act(Action a, KeyStroke k) {
        LessonControl c = s.control;
        switch (a) {
            case RUN_STEP, RUN_ONE -> {
                c.runStep(a == Action.RUN_STEP ? Integer.MAX_VALUE : 1);
                if (s.hasTerminal() && s.demo == null) {
                    s.focus = Pane.TRANSCRIPT; // boxlab runs them in a shell of its own; the transcript shows them
                }
            }
            case NEXT -> c.next();
            case PREVIOUS -> c.previous();
            case REBUILD -> c.rebuildHere();
            case HINT -> {
                if (c.hint()) {
                    s.step.showLastHint();
                }
            }
            case VIEW -> show(s.live.view().next());
            case MOUNTS -> s.live.nextMountTarget(k != null && k.getCharacter() == '[' ? -1 : 1);
            case ZOOM -> s.zoom = s.zoom != null ? null : s.demo != null ? Pane.STATE
                    : s.focus == Pane.COMMAND ? Pane.TRANSCRIPT : s.focus;
            case TYPE -> s.focus = Pane.COMMAND;
            case CHECK -> {
                c.checkNow();
                c.say(Tone.TEXT, "checking" + s.glyphs.running);
            }
            case HELP -> s.overlay = Overlay.HELP;
            case QUIT -> s.requestQuit();
            case DEMO_GO -> {
                s.demo.beat();
                s.focus = Pane.COMMAND;
            }
            default -> {
                // the line mode's words (text, state) and keys the screen handles itself
            }
        }
    }

    private void submit() {
        String text = s.commandLine().text().strip();
        if (!text.startsWith(":") && !text.isEmpty() && !s.control.ready("run commands in")) {
            return; // the line stays, to run when the lab is free
        }
        String cmd = s.commandLine().submit().strip();
        if (cmd.isEmpty()) {
            return;
        }
        if (!cmd.startsWith(":")) {
            s.control.runTyped(cmd);
            return;
        }
        String[] w = cmd.substring(1).strip().split("\\s+", 2);
        Optional<Action> a = KeyMap.word(Mode.SCREEN, w[0]);
        if (a.isEmpty()) {
            s.control.say(Tone.WARN, "unknown " + cmd + " (:help lists them)");
        } else if (a.get() == Action.VIEW && w.length > 1) {
            for (View v : View.values()) {
                if (v.word.startsWith(w[1])) {
                    show(v);
                    return;
                }
            }
            show(s.live.view().next());
        } else {
            act(a.get(), null);
        }
    }

    private void show(View v) {
        s.state.top();
        s.control.view(v);
    }

    private int page(Pane p) {
        return Math.max(1, switch (p) {
            case STEP -> s.step.page() - 1;
            case STATE -> s.state.page() - 1;
            default -> s.transcript.page() - 1;
        });
    }

    private void scroll(Pane p, int by) {
        switch (p) {
            case STEP -> s.step.scroll(by);
            case STATE -> s.state.scroll(by);
            default -> s.transcript.scroll(by);
        }
    }

    private Pane cycle(int dir) {
        Pane[] order = {Pane.STEP, Pane.STATE, Pane.TRANSCRIPT, Pane.COMMAND};
        int i = java.util.Arrays.asList(order).indexOf(s.focus);
        Pane p = order[Math.floorMod(i + dir, order.length)];
        if (s.zoom != null && p != Pane.COMMAND) {
            s.zoom = p;
        }
        return p;
    }
}
