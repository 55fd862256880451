package dev.boxlab.app.tui;

import dev.boxlab.app.session.Typist;
import dev.boxlab.lessons.LessonSession;

/**
 * Demo mode for an instructor: each beat (Space) types the step's next command out on the command
 * line at the typist's pace, the next beat runs it, and after the last command the next beat moves
 * on. Drives the same session and control as the learner's keys.
 */
final class DemoDriver {
    private final Typist typist;
    private final LessonSession session;
    private final LessonControl control;
    private final CommandLine line;
    private final Work work;
    private final Runnable redraw;
    private final LessonScreen screen;
    /** The command typed out in full, waiting for a beat to run. */
    private String typed;
    /** In the terminal: the command sent with Enter, until the hook says the prompt is back. */
    private String running;
    private int doneBefore;
    /** Every character is out (the typist still pauses after the last one). */
    private volatile boolean sentAll;
    private Thread typing;
    private long shown;

    DemoDriver(Typist typist, LessonScreen screen) {
        this.typist = typist;
        session = screen.session;
        control = screen.control;
        line = screen.commandLine();
        work = screen.work;
        redraw = screen::invalidate;
        this.screen = screen;
    }

    /** With a terminal in the slot, commands are typed into the learner's shell and run there. */
    private dev.boxlab.app.terminal.TerminalPane terminal() {
        return screen.slot instanceof TerminalSlot ts ? ts.pane() : null;
    }

    /** The terminal's shell finished a command: the one the demo sent counts as the step's, whatever history made of it. */
    void ran() {
        if (running == null) {
            return;
        }
        if (session.commandsDone() == doneBefore) {
            session.commandRan(running);
        }
        running = null;
        redraw.run();
    }

    /** What the next beat does, for the key bar. */
    String next() {
        return typing != null && typing.isAlive() && !sentAll ? "finish typing" : typed != null ? "run it"
                : running != null ? "running" + "\u2026" : session.commandsDone() < session.step().run().size() ? "type next command" : "next step";
    }

    /** The learner is on another step: whatever was typed goes. */
    void reset() {
        Thread t = typing;
        if (t != null && t.isAlive()) {
            t.interrupt();
        }
        if (terminal() != null && typed != null) {
            terminal().session().type("\u0015"); // Ctrl-U: readline drops the half-typed line
        }
        typing = null;
        typed = null;
        running = null;
        shown++;
        line.set("");
    }

    /** One beat: finish typing, or run what was typed, or type the next command, or move on. */
    void beat() {
        if (typing != null && typing.isAlive() && !sentAll) {
            typing.interrupt(); // the typist puts down the rest at once
            return;
        }
        if (typed != null && terminal() != null) {
            running = typed;
            doneBefore = session.commandsDone();
            typed = null;
            terminal().session().type("\r");
            return;
        }
        if (running != null) {
            return; // still running in the terminal
        }
        if (typed != null) {
            typed = null;
            line.set("");
            control.runStep(1);
            return;
        }
        if (!control.ready("run commands in")) {
            return;
        }
        if (session.commandsDone() >= session.step().run().size()) {
            control.next();
            return;
        }
        String cmd = session.step().run().get(session.commandsDone());
        line.set("");
        long mine = shown;
        StringBuilder sofar = new StringBuilder();
        typed = cmd; // runs on the beat after the typing is over
        dev.boxlab.app.terminal.TerminalPane term = terminal();
        if (term != null) {
            // typed into the shell as such: a command of several lines gets bash's > prompt
            sentAll = false;
            int[] sent = {0};
            typing = new Thread(() -> {
                // the lab's shell may still be starting (the pane shows a stand-in until it is there)
                long until = System.currentTimeMillis() + 5000;
                while (!(term.session().isLive() && term.session().awaitPrompt(100)) && System.currentTimeMillis() < until) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                typist.type(cmd, ch -> {
                    if (mine == shown) {
                        term.session().type(ch.replace("\n", "\r"));
                        sent[0] += ch.length();
                        sentAll = sent[0] >= cmd.length();
                        work.gui(redraw);
                    }
                });
            }, "boxlab-demo-typist");
            typing.setDaemon(true);
            typing.start();
            return;
        }
        typing = new Thread(() -> {
            typist.type(cmd.replace('\n', ' '), ch -> {
                sofar.append(ch);
                String now = sofar.toString();
                work.gui(() -> {
                    if (mine == shown) {
                        line.set(now);
                        redraw.run();
                    }
                });
            });
            work.gui(redraw);
        }, "boxlab-demo-typist");
        typing.setDaemon(true);
        typing.start();
    }
}
