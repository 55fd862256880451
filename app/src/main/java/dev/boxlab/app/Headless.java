package dev.boxlab.app;

import java.io.PrintWriter;
import java.util.List;

import dev.boxlab.app.session.KernelLabs;
import dev.boxlab.app.session.StateText;
import dev.boxlab.lessons.LabSupply;
import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonRunner.StepResult;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.sandbox.CommandResult;

/** Lessons without a screen: for CI, for authors, and for recordings. */
final class Headless {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private final LabSupply labs;

    Headless(PrintWriter out, PrintWriter err) {
        this(out, err, KernelLabs.supply());
    }

    Headless(PrintWriter out, PrintWriter err, LabSupply labs) {
        this.out = out;
        this.err = err;
        this.labs = labs;
        this.style = Style.forStdout();
    }

    /** Runs every step from {@code from} (or the first) to the end; non-zero if a step's checks fail. */
    int runAll(Lesson lesson, Step from) {
        try (LessonSession session = new LessonSession(lesson, labs).listen(new Printer(lesson))) {
            int start = from == null ? 0 : lesson.indexOf(from);
            if (start > 0) {
                out.println(style.dim("(building steps 1-" + start + " first)"));
            }
            session.goTo(start);
            int passed = 0;
            while (true) {
                StepResult r = session.runStep();
                if (!r.passed()) {
                    out.println();
                    out.println(style.red("FAILED") + " at step " + (session.index() + 1) + " '" + r.step().id() + "': "
                            + String.join("; ", r.failed().stream().map(c -> c.check().name()).toList()));
                    out.println(passed + " passed, 1 failed");
                    out.flush();
                    return Errors.CHECK_FAILED;
                }
                passed++;
                if (!session.next()) {
                    break;
                }
            }
            out.println();
            out.println(style.green("lesson '" + lesson.id() + "' passed: ") + passed + " steps");
            out.println(passed + " passed, 0 failed");
            out.flush();
            return 0;
        }
    }

    /** Builds the state a learner has at the start of {@code step} and prints it. */
    int showStep(Lesson lesson, Step step) {
        try (LessonSession session = new LessonSession(lesson, labs)) {
            int index = lesson.indexOf(step);
            if (index > 0) {
                out.println(style.dim("building steps 1-" + index + " of '" + lesson.id() + "' in a fresh lab..."));
                out.flush();
            }
            session.goTo(index);
            out.println(style.bold("Step " + (index + 1) + "/" + lesson.steps().size() + ": " + step.title()));
            out.println();
            out.println(step.text().strip());
            out.println();
            out.println(style.bold("Commands:"));
            step.run().forEach(c -> out.println("  $ " + c.replace("\n", "\n    ")));
            out.println();
            out.println(style.bold("The lab now holds:"));
            StateText.render(session.lab().snapshot()).forEach(l -> out.println("  " + l.text()));
            out.flush();
            return 0;
        }
    }

    /** Prints a running lesson as it goes. */
    private final class Printer implements LessonSession.Listener {
        private final Lesson lesson;
        private boolean midLine;

        Printer(Lesson lesson) {
            this.lesson = lesson;
        }

        @Override
        public void stepStarted(int index, Step step) {
            out.println();
            out.println(style.bold("== Step " + (index + 1) + "/" + lesson.steps().size() + ": " + step.title())
                    + style.dim(" [" + step.id() + "]"));
            out.flush();
        }

        @Override
        public void commandStarted(String command) {
            out.println(style.cyan("$ " + command.replace("\n", "\n  ")));
            out.flush();
            midLine = false;
        }

        @Override
        public void output(String text) {
            out.print(text);
            midLine = !text.endsWith("\n");
            out.flush();
        }

        @Override
        public void commandFinished(CommandResult r) {
            if (midLine) {
                out.println();
                midLine = false;
            }
            if (r.exitCode() != 0) {
                out.println(style.dim("(exit " + r.exitCode() + ")"));
            }
            out.flush();
        }

        @Override
        public void checkFinished(CheckResult r) {
            if (r.passed()) {
                out.println(style.green("  ✓ ") + r.check().name());
            } else {
                out.println(style.red("  ✗ ") + r.check().name());
                out.println(style.dim("      $ " + r.check().run()));
                List<String> lines = r.output().strip().lines().limit(8).toList();
                lines.forEach(l -> out.println(style.dim("      " + l)));
                out.println(style.dim("      (exit " + r.exitCode() + ")"));
            }
            out.flush();
        }
    }
}
