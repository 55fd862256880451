package dev.boxlab.app.tui;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;

import dev.boxlab.app.terminal.Keys;
import dev.boxlab.app.terminal.LabTerminal;
import dev.boxlab.app.terminal.TerminalPane;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.lessons.LessonSession.LabStatus;
import dev.boxlab.sandbox.CommandHook;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.Lab;

/**
 * The learner's terminal in the lesson screen's slot: a real bash in the lab on a pty
 * ({@link LabTerminal}), drawn under a title line that says how to reach boxlab's keys. Every key
 * is the shell's but the F-keys and F9 / Ctrl-] (which leave it). It follows the session's lab (a
 * fresh lab, a fresh shell), and each command the hook reports from a shell of the lab is handled
 * as if boxlab had run it: a transcript entry, the state pane's marks, the checks.
 */
final class TerminalSlot extends Region<TerminalSlot> implements Slot {
    private final LabTerminal terminal;
    private final Paint paint;
    private final AtomicBoolean redrawQueued = new AtomicBoolean();

    TerminalSlot(LabTerminal terminal, Paint paint) {
        this.terminal = terminal;
        this.paint = paint;
    }

    TerminalPane pane() {
        return terminal.pane();
    }

    /** Connects the terminal to the screen's session, control and redraws. */
    void wire(LessonScreen s) {
        s.session.listen(new LessonSession.Listener() {
            @Override
            public void labReady(double seconds) {
                if (s.session.lab() instanceof Lab lab) {
                    try {
                        terminal.enter(lab);
                    } catch (RuntimeException e) {
                        s.control.say(Tone.WARN, "no terminal: " + e.getMessage());
                    }
                }
            }
        });
        terminal.onCommand(e -> s.work.probe(() -> ran(s, e)));
        terminal.pane().onChange(() -> {
            if (redrawQueued.compareAndSet(false, true)) {
                s.work.gui(() -> {
                    redrawQueued.set(false);
                    s.invalidate();
                });
            }
        });
    }

    /** On the probe thread: a command finished in a shell of the lab, told as if the session had run it. */
    private static void ran(LessonScreen s, CommandHook.Event e) {
        LabStatus st = s.session.status();
        if (st != LabStatus.READY && st != LabStatus.BUSY) {
            return;
        }
        String source = CommandHook.LAB_HOST.equals(e.where()) ? "you" : "you in " + e.where();
        CommandResult r = new CommandResult(e.command(), "", e.exitCode(), Duration.ZERO, false);
        s.session.commandRan(e.command());
        s.control.commandStarted(e.command(), source);
        s.live.commandStarted(e.command(), source);
        s.control.commandFinished(r);
        s.live.commandFinished(r);
        s.live.commandsEnded();
        s.control.commandsEnded();
        if (s.demo != null) {
            s.work.gui(() -> s.demo.ran());
        }
    }

    /** How the learner gets out of the terminal to boxlab's letter keys. */
    static boolean isLeave(KeyStroke k) {
        return Keys.isLeave(k);
    }

    @Override
    public int rows(int screenRows) {
        return Math.max(6, screenRows * 2 / 5);
    }

    @Override
    public Region<?> region() {
        return this;
    }

    /** Every key but the F-keys and the leaving keys is the shell's. */
    @Override
    public boolean key(KeyStroke k) {
        return terminal.pane().key(k);
    }

    @Override
    void render(TextGraphics g, int w, int h, boolean focused) {
        paint.header(g, 0, 0, w, "Terminal: a root shell in the lab",
                focused ? "F9 or Ctrl-] boxlab's keys" : "Enter: type here", focused);
        terminal.pane().draw(g, 0, 1, w, h - 1, focused);
        cursorAt(terminal.pane().cursor());
    }
}
