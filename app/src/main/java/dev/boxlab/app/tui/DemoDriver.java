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
    /** The command typed out in full, waiting for a beat to run. */
    private String typed;
    private Thread typing;
    private long shown;

    DemoDriver(Typist typist, LessonScreen screen) {
        this.typist = typist;
        session = screen.session;
        control = screen.control;
        line = screen.commandLine();
        work = screen.work;
        redraw = screen::invalidate;
    }

    /** What the next beat does, for the key bar. */
    String next() {
        return typing != null && typing.isAlive() ? "finish typing" : typed != null ? "run it"
                : session.commandsDone() < session.step().run().size() ? "type next command" : "next step";
    }

    /** The learner is on another step: whatever was typed goes. */
    void reset() {
        Thread t = typing;
        if (t != null && t.isAlive()) {
            t.interrupt();
        }
        typing = null;
        typed = null;
        shown++;
        line.set("");
    }

    /** One beat: finish typing, or run what was typed, or type the next command, or move on. */
    void beat() {
        if (typing != null && typing.isAlive()) {
            typing.interrupt(); // the typist puts down the rest at once
            return;
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
