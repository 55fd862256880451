package dev.boxlab.app;

import dev.boxlab.app.session.Progress;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LessonLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code boxlab progress}: what you have done, and resetting a step or a lesson. */
@Command(name = "progress", mixinStandardHelpOptions = true,
        description = "Show your progress per lesson, or reset a lesson (--reset networking) or one step "
                + "(--reset networking:bridge).")
final class ProgressCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Option(names = "--reset", paramLabel = "LESSON[:STEP]", description = "Forget a lesson's progress, or one step's.")
    String reset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        LessonLibrary library = LessonLibrary.load(null);
        Progress progress = Progress.load(Progress.defaultFile());
        if (reset != null) {
            String[] parts = reset.split(":", 2);
            Lesson l = library.find(parts[0]).orElseThrow(() -> new Errors.UsageProblem("no lesson '" + parts[0] + "'"));
            if (parts.length == 2) {
                Lesson.Step s = l.step(parts[1]).orElseThrow(() -> new Errors.UsageProblem(
                        "lesson '" + l.id() + "' has no step '" + parts[1] + "'"));
                progress.resetStep(l.id(), s.id());
                out.println("reset step '" + s.id() + "' of '" + l.id() + "'");
            } else {
                progress.resetLesson(l.id());
                out.println("reset lesson '" + l.id() + "'");
            }
            out.flush();
            return 0;
        }
        for (Lesson l : library.lessons()) {
            var p = progress.of(l.id());
            if (p.isEmpty()) {
                out.printf("%-12s not started%n", l.id());
            } else {
                long done = l.steps().stream().filter(s -> p.get().done().containsKey(s.id())).count();
                out.printf("%-12s %d/%d steps done, at step '%s', last used %s%n", l.id(), done, l.steps().size(),
                        progress.resumeStep(l).id(), WHEN.format(p.get().updated()));
            }
        }
        out.println("(" + progress.file() + ")");
        out.flush();
        return 0;
    }
}
