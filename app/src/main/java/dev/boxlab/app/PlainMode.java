package dev.boxlab.app;

import dev.boxlab.app.session.Progress;
import dev.boxlab.app.session.Typist;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import dev.boxlab.app.session.KeyMap;
import dev.boxlab.app.session.KeyMap.Action;
import dev.boxlab.app.session.LiveState;
import dev.boxlab.app.session.StateText;
import dev.boxlab.lessons.LabSupply;
import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * The line mode ({@code --plain}): the lesson as a conversation in any terminal, a screen reader's
 * included. Type shell commands to run them in the lab; lines starting with ':' talk to boxlab (the
 * words of {@link KeyMap}). After each command it prints what the command changed and whether the
 * step is done. A view and driver of a {@link LessonSession}, like the screen.
 */
final class PlainMode {
    private final Lesson lesson;
    private final boolean challenge;
    private final LabSupply labs;
    private final Style style;

    PlainMode(Lesson lesson, boolean challenge, LabSupply labs) {
        this.lesson = lesson;
        this.challenge = challenge;
        this.labs = labs;
        this.style = Style.forStdout();
    }

    /** Prints what the session does: output as it streams, then each command's exit code and changes. */
    final class Printer implements LessonSession.Listener, LiveState.Listener {
        private final PrintWriter out;
        private final String newline;
        /** Whether a step's command is shown before it runs (:solve), or was typed out already (the demo). */
        boolean echo = true;
        /** The session's live state, for :state. */
        LiveState live;

        Printer(PrintWriter out, String newline) {
            this.out = out;
            this.newline = newline;
        }

        @Override
        public void commandStarted(String command, String source) {
            if (echo && "lesson".equals(source)) {
                out.print(style.cyan("$ " + command.replace("\n", newline + "  ")) + newline);
                out.flush();
            }
        }

        @Override
        public void output(String text) {
            out.print(text.replace("\n", newline));
            out.flush();
        }

        @Override
        public void commandChanged(CommandResult r, List<Change> changes) {
            if (!r.output().isEmpty() && !r.output().endsWith("\n")) {
                out.print(newline);
            }
            if (r.exitCode() != 0) {
                out.print(style.dim("(exit " + r.exitCode() + ")") + newline);
            }
            for (Change c : changes.subList(0, Math.min(changes.size(), 12))) {
                out.print(style.cyan("  " + c.describe()) + newline);
            }
            if (changes.size() > 12) {
                out.print(style.dim("  ... and " + (changes.size() - 12) + " more changes (:state shows everything)") + newline);
            }
            out.flush();
        }
    }

    Printer printer(PrintWriter out, String newline) {
        return new Printer(out, newline);
    }

    Style style() {
        return style;
    }

    Lesson lesson() {
        return lesson;
    }

    LessonSession open(Printer printer, Progress progress) {
        LessonSession session = new LessonSession(lesson, labs);
        LiveState live = new LiveState(session::lab, Runnable::run).listen(printer);
        printer.live = live;
        session.listen(printer).listen(live);
        if (progress != null) {
            session.listen(new LessonSession.Listener() {
                @Override
                public void moved(int index, Step step) {
                    progress.currentStep(lesson.id(), step.id());
                }

                @Override
                public void stepDone(int index, Step step) {
                    progress.stepDone(lesson.id(), step.id());
                }
            });
        }
        return session;
    }

    /**
     * The instructor's demo in line mode: each command typed out at a readable pace, a key before
     * it runs and before the next step; no hints or check noise, but what each command changed.
     * Keys: Enter or Space go on, b goes back a step (rebuilt in a fresh lab), q quits.
     */
    int demo(Step start, double speed) throws IOException {
        Typist typist = new Typist(speed);
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintWriter out = terminal.writer();
            Printer printer = new Printer(out, "\r\n");
            printer.echo = false;
            terminal.enterRawMode();
            out.println(style.dim("starting a lab...") + "\r");
            out.flush();
            try (LessonSession session = open(printer, null)) {
                session.goTo(lesson.indexOf(start));
                while (true) {
                    Step step = session.step();
                    out.print("\r\n" + style.bold("Step " + (session.index() + 1) + "/" + lesson.steps().size() + ": "
                            + step.title()) + "\r\n\r\n" + step.text().strip().replace("\n", "\r\n") + "\r\n\r\n");
                    out.flush();
                    while (session.commandsDone() < step.run().size()) {
                        out.print(style.cyan("lab-host# "));
                        out.flush();
                        typist.type(step.run().get(session.commandsDone()).replace("\n", "\r\n  "), t -> {
                            out.print(style.cyan(t));
                            out.flush();
                        });
                        if (waitKey(terminal) == 'q') {
                            return 0;
                        }
                        out.print("\r\n");
                        session.runStepCommands(1);
                    }
                    out.print(style.dim(session.isLast() ? "[q] quit   [b] back a step"
                            : "[Enter] next step   [b] back a step   [q] quit") + "\r\n");
                    out.flush();
                    int key = waitKey(terminal);
                    if (key == 'q' || (key != 'b' && !session.next())) {
                        return 0;
                    }
                    if (key == 'b' && session.index() > 0) {
                        out.print(style.dim("rebuilding the previous step in a fresh lab...") + "\r\n");
                        out.flush();
                        session.goTo(session.index() - 1);
                    }
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
        if (PlainShell.usable()) {
            return new PlainShell(this).run(start, Progress.load(Progress.defaultFile()));
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return run(terminal, start, Progress.load(Progress.defaultFile()));
        }
    }

    /** The conversation on {@code terminal}, from step {@code start}; returns when the learner quits. */
    int run(Terminal terminal, Step start, Progress progress) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("boxlab").build();
        return talk(terminal.writer(), prompt -> {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                return ""; // Ctrl-C clears the line, as in a shell
            } catch (EndOfFileException e) {
                return null;
            }
        }, reader::printAbove, start, progress);
    }

    /** Where the conversation's lines come from: the next line after {@code prompt}, null at the end. */
    interface Lines {
        String read(String prompt);
    }

    /**
     * The conversation: lines from {@code in}, answers to {@code out}, and what happens between
     * lines (a step done from another terminal) to {@code above}.
     */
    int talk(PrintWriter out, Lines in, java.util.function.Consumer<String> above, Step start, Progress progress) {
        Printer printer = new Printer(out, "\n");
        try (LessonSession session = open(printer, progress)) {
            out.println(style.dim("starting a lab" + (lesson.indexOf(start) > 0 ? " and building the steps before this one" : "") + "..."));
            out.flush();
            session.goTo(lesson.indexOf(start));
            showStep(out, session);
            startWatcher(session, above);
            while (true) {
                String line = in.read(prompt(session));
                if (line == null) {
                    return 0;
                }
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (!line.startsWith(":")) {
                    session.run(line);
                    reportChecks(out, session);
                    reportBroken(out, session);
                    continue;
                }
                Optional<Action> a = KeyMap.word(KeyMap.Mode.LINE, line.substring(1).strip());
                if (a.isEmpty()) {
                    out.println("unknown: " + line + " (:help lists what boxlab understands)");
                } else if (a.get() == Action.QUIT) {
                    return 0;
                } else {
                    act(a.get(), out, session, printer.live);
                }
                out.flush();
            }
        }
    }

    void act(Action a, PrintWriter out, LessonSession session, LiveState live) {
        switch (a) {
            case HELP -> out.println(KeyMap.lineHelp());
            case TEXT -> showStep(out, session);
            case HINT -> {
                String h = session.nextHint();
                out.println(h == null ? style.dim("no more hints; :solve shows the commands") : style.cyan("hint: ") + h);
            }
            case CHECK -> reportChecks(out, session);
            case RUN_STEP, RUN_ONE -> {
                session.runStepCommands(a == Action.RUN_ONE ? 1 : Integer.MAX_VALUE);
                reportChecks(out, session);
            }
            case NEXT -> {
                if (session.next()) {
                    showStep(out, session);
                } else {
                    out.println(style.green("That was the last step of '" + lesson.id() + "'."));
                }
            }
            case PREVIOUS -> {
                if (session.index() == 0) {
                    out.println("this is the first step");
                } else {
                    out.println(style.dim("rebuilding the lab up to the previous step..."));
                    out.flush();
                    session.goTo(session.index() - 1);
                    showStep(out, session);
                }
            }
            case STATE -> StateText.render(live.readNetwork()).forEach(l -> out.println(l.text()));
            case REBUILD -> {
                out.println(style.dim("rebuilding this step in a fresh lab..."));
                out.flush();
                session.goTo(session.index());
                showStep(out, session);
            }
            default -> out.println(":" + a.name().toLowerCase(java.util.Locale.ROOT) + " is for the screen");
        }
    }

    /** After a command: if it broke the lab's fixtures, says what and how to get a whole lab back. */
    void reportBroken(PrintWriter out, LessonSession session) {
        var lab = session.lab();
        List<String> problems = lab == null ? List.of() : lab.problems();
        if (!problems.isEmpty()) {
            out.println(style.yellow("the lab is broken: " + String.join("; ", problems)
                    + ". :rebuild builds this step again in a fresh lab."));
        }
    }

    /**
     * Re-runs the step's checks every couple of seconds, so commands typed elsewhere (a second
     * terminal with {@code boxlab shell}) count: the step turns done by itself, announced above the prompt.
     */
    private void startWatcher(LessonSession session, java.util.function.Consumer<String> above) {
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
                        above.accept(style.green("✓ Step " + (at + 1) + " done: every check passes.") + " :next when you are ready.");
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

    String prompt(LessonSession s) {
        return "[" + (s.index() + 1) + "/" + lesson.steps().size() + " " + s.step().id() + "] lab-host# ";
    }

    void showStep(PrintWriter out, LessonSession s) {
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

    void reportChecks(PrintWriter out, LessonSession s) {
        List<CheckResult> results = s.check();
        for (CheckResult r : results) {
            out.println((r.passed() ? style.green("  ✓ ") : style.dim("  · ")) + r.check().name());
        }
        if (results.stream().allMatch(CheckResult::passed)) {
            out.println(style.green("Step done!") + " :next when you are ready.");
        }
        out.flush();
    }
}
