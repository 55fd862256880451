package dev.boxlab.app;

import java.io.PrintWriter;
import java.util.List;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonRunner.StepResult;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.Host;
import dev.boxlab.sandbox.Lab;

/** Lessons without a screen: for CI, for authors, and for recordings. */
final class Headless {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;

    Headless(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        this.style = Style.forStdout();
    }

    /** Runs every step from {@code from} (or the first) to the end; non-zero if a step's checks fail. */
    int runAll(Lesson lesson, Step from) {
        Host.preflight(lesson.requires());
        try (Lab lab = Lab.start()) {
            LessonRunner runner = new LessonRunner(lesson, lab, new Printer(lesson));
            int start = from == null ? 0 : lesson.indexOf(from);
            if (start > 0) {
                out.println(style.dim("(building steps 1-" + start + " first)"));
                new LessonRunner(lesson, lab, null).fastForward(start);
            }
            int passed = 0;
            for (int i = start; i < lesson.steps().size(); i++) {
                StepResult r = runner.runStep(lesson.steps().get(i));
                if (!r.passed()) {
                    out.println();
                    out.println(style.red("FAILED") + " at step " + (i + 1) + " '" + r.step().id() + "': "
                            + String.join("; ", r.failed().stream().map(c -> c.check().name()).toList()));
                    out.println(passed + " passed, 1 failed");
                    out.flush();
                    return Errors.CHECK_FAILED;
                }
                passed++;
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
        Host.preflight(lesson.requires());
        try (Lab lab = Lab.start()) {
            int index = lesson.indexOf(step);
            if (index > 0) {
                out.println(style.dim("building steps 1-" + index + " of '" + lesson.id() + "' in a fresh lab..."));
                out.flush();
                new LessonRunner(lesson, lab, null).fastForward(index);
            }
            out.println(style.bold("Step " + (index + 1) + "/" + lesson.steps().size() + ": " + step.title()));
            out.println();
            out.println(step.text().strip());
            out.println();
            out.println(style.bold("Commands:"));
            step.run().forEach(c -> out.println("  $ " + c.replace("\n", "\n    ")));
            out.println();
            out.println(style.bold("The lab now holds:"));
            StateText.render(lab.snapshot()).forEach(l -> out.println("  " + l.text()));
            out.flush();
            return 0;
        }
    }

    /** Prints a running lesson as it goes. */
    private final class Printer implements LessonRunner.Listener {
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
