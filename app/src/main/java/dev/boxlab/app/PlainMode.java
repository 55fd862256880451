package dev.boxlab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.sandbox.Host;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * The line mode ({@code --plain}): the lesson as a conversation in any terminal, a screen reader's
 * included. Type shell commands to run them in the lab; lines starting with ':' talk to boxlab.
 * After each command it prints what the command changed and whether the step is done.
 */
final class PlainMode {
    static final String HELP = """
            Type shell commands: they run as root on the lab host. Lines that start with ':' talk to boxlab:
              :hint    a hint (ask again for a more specific one)    :solve   show and run the step's commands
              :check   run the step's checks                          :next    the next step (:skip too)
              :back    the previous step, rebuilt in a fresh lab      :state   what the lab holds now
              :text    the step's text again                          :help    this help
              :quit    leave (the lab and everything in it goes)""";

    private final Lesson lesson;
    private final boolean challenge;
    private final Style style;

    PlainMode(Lesson lesson, boolean challenge) {
        this.lesson = lesson;
        this.challenge = challenge;
        this.style = Style.forStdout();
    }

    /**
     * The instructor's demo in line mode: each command typed out at a readable pace, a key before
     * it runs and before the next step; no hints or check noise, but what each command changed.
     * Keys: Enter or Space go on, b goes back a step (rebuilt in a fresh lab), q quits.
     */
    int demo(Step start, double speed) throws IOException {
        Host.preflight(lesson.requires());
        Typist typist = new Typist(speed);
        try (Terminal terminal = TerminalBuilder.builder().system(true).build();
             LessonSession session = new LessonSession(lesson, null)) {
            PrintWriter out = terminal.writer();
            terminal.enterRawMode();
            out.println(style.dim("starting a lab...") + "\r");
            out.flush();
            session.goTo(lesson.indexOf(start), null);
            while (true) {
                Step step = session.step();
                out.print("\r\n" + style.bold("Step " + (session.index() + 1) + "/" + lesson.steps().size() + ": "
                        + step.title()) + "\r\n\r\n" + step.text().strip().replace("\n", "\r\n") + "\r\n\r\n");
                out.flush();
                for (String c : step.run()) {
                    out.print(style.cyan("lab-host# "));
                    out.flush();
                    typist.type(c.replace("\n", "\r\n  "), t -> {
                        out.print(style.cyan(t));
                        out.flush();
                    });
                    int key = waitKey(terminal);
                    if (key == 'q') {
                        return 0;
                    }
                    out.print("\r\n");
                    LessonSession.Outcome o = session.run(c, t -> {
                        out.print(t.replace("\n", "\r\n"));
                        out.flush();
                    });
                    if (!o.result().output().isEmpty() && !o.result().output().endsWith("\n")) {
                        out.print("\r\n");
                    }
                    for (var ch : o.changes().subList(0, Math.min(o.changes().size(), 8))) {
                        out.print(style.cyan("  " + ch.describe()) + "\r\n");
                    }
                    out.flush();
                }
                out.print(style.dim(session.index() + 1 < lesson.steps().size()
                        ? "[Enter] next step   [b] back a step   [q] quit" : "[q] quit   [b] back a step") + "\r\n");
                out.flush();
                int key = waitKey(terminal);
                if (key == 'q' || (key != 'b' && !session.next())) {
                    return 0;
                }
                if (key == 'b' && session.index() > 0) {
                    out.print(style.dim("rebuilding the previous step in a fresh lab...") + "\r\n");
                    out.flush();
                    session.goTo(session.index() - 1, null);
                }
            }
        }
    }

    /** Waits for Enter, Space, b or q; other keys are ignored. */
    private static int waitKey(Terminal terminal) throws IOException {
        while (true) {
            int k = terminal.reader().read();
            if (k < 0 || k == 'q' || k == 'Q' || k == 3) {
                return 'q';
            }
            if (k == '\r' || k == '\n' || k == ' ') {
                return '\n';
            }
            if (k == 'b' || k == 'B') {
                return 'b';
            }
        }
    }

    int run(Step start) throws IOException {
        Host.preflight(lesson.requires());
        try (Terminal terminal = TerminalBuilder.builder().system(true).build();
             LessonSession session = new LessonSession(lesson, Progress.load(Progress.defaultFile()))) {
            PrintWriter out = terminal.writer();
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("boxlab").build();
            out.println(style.dim("starting a lab" + (lesson.indexOf(start) > 0 ? " and building the steps before this one" : "") + "..."));
            out.flush();
            session.goTo(lesson.indexOf(start), null);
            showStep(out, session);
            startWatcher(session, reader);
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt(session));
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C clears the line, as in a shell
                } catch (EndOfFileException e) {
                    return 0;
                }
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (!line.startsWith(":")) {
                    LessonSession.Outcome o = session.run(line, text -> {
                        out.print(text);
                        out.flush();
                    });
                    finishCommand(out, o);
                    reportChecks(out, session);
                    continue;
                }
                switch (line) {
                    case ":quit", ":q", ":exit" -> {
                        return 0;
                    }
                    case ":help", ":h", ":?" -> out.println(HELP);
                    case ":text" -> showStep(out, session);
                    case ":hint" -> {
                        String h = session.nextHint();
                        out.println(h == null ? style.dim("no more hints; :solve shows the commands") : style.cyan("hint: ") + h);
                    }
                    case ":check" -> reportChecks(out, session);
                    case ":solve" -> {
                        for (String c : session.step().run()) {
                            out.println(style.cyan("$ " + c.replace("\n", "\n  ")));
                            out.flush();
                            finishCommand(out, session.run(c, text -> {
                                out.print(text);
                                out.flush();
                            }));
                        }
                        reportChecks(out, session);
                    }
                    case ":next", ":skip", ":n" -> {
                        if (session.next()) {
                            showStep(out, session);
                        } else {
                            out.println(style.green("That was the last step of '" + lesson.id() + "'."));
                        }
                    }
                    case ":back", ":prev" -> {
                        if (session.index() == 0) {
                            out.println("this is the first step");
                        } else {
                            out.println(style.dim("rebuilding the lab up to the previous step..."));
                            out.flush();
                            session.goTo(session.index() - 1, null);
                            showStep(out, session);
                        }
                    }
                    case ":state" -> StateText.render(session.snapshot()).forEach(l -> out.println(l.text()));
                    default -> out.println("unknown: " + line + " (:help lists what boxlab understands)");
                }
                out.flush();
            }
        }
    }

    /**
     * Re-runs the step's checks every couple of seconds, so commands typed elsewhere (a second
     * terminal with {@code boxlab shell}) count: the step turns done by itself, announced above the prompt.
     */
    private void startWatcher(LessonSession session, LineReader reader) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(2000);
                    int at = session.index();
                    if (session.isDone(at)) {
                        continue;
                    }
                    List<CheckResult> results = session.check();
                    if (session.index() == at && results.stream().allMatch(CheckResult::passed)) {
                        reader.printAbove(style.green("✓ Step " + (at + 1) + " done: every check passes.") + " :next when you are ready.");
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the lab is being rebuilt (:back) or has ended: try again later
                }
            }
        }, "boxlab-check-watcher");
        t.setDaemon(true);
        t.start();
    }

    private String prompt(LessonSession s) {
        return "[" + (s.index() + 1) + "/" + lesson.steps().size() + " " + s.step().id() + "] lab-host# ";
    }

    private void showStep(PrintWriter out, LessonSession s) {
        Step step = s.step();
        out.println();
        out.println(style.bold("Step " + (s.index() + 1) + "/" + lesson.steps().size() + ": " + step.title()));
        out.println();
        out.println(step.text().strip());
        out.println();
        if (challenge) {
            out.println(style.dim("Your turn: build it with your own commands (:hint if stuck, :solve to see them)."));
        } else {
            out.println(style.bold("Commands") + style.dim(" (type them, or :solve to run them all)") + ":");
            step.run().forEach(c -> out.println("  " + c.replace("\n", "\n  ")));
        }
        out.println(style.dim(":help for help"));
        out.flush();
    }

    private void finishCommand(PrintWriter out, LessonSession.Outcome o) {
        String text = o.result().output();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.println();
        }
        if (o.result().exitCode() != 0) {
            out.println(style.dim("(exit " + o.result().exitCode() + ")"));
        }
        List<Change> changes = o.changes();
        for (Change c : changes.subList(0, Math.min(changes.size(), 12))) {
            out.println(style.cyan("  " + c.describe()));
        }
        if (changes.size() > 12) {
            out.println(style.dim("  ... and " + (changes.size() - 12) + " more changes (:state shows everything)"));
        }
        out.flush();
    }

    private void reportChecks(PrintWriter out, LessonSession s) {
        List<CheckResult> results = s.check();
        boolean all = results.stream().allMatch(CheckResult::passed);
        for (CheckResult r : results) {
            out.println((r.passed() ? style.green("  ✓ ") : style.dim("  · ")) + r.check().name());
        }
        if (all) {
            out.println(style.green("Step done!") + " :next when you are ready.");
        }
        out.flush();
    }
}
