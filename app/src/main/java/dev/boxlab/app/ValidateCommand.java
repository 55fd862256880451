package dev.boxlab.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LessonError;
import dev.boxlab.lessons.LessonFileException;
import dev.boxlab.lessons.LessonLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code boxlab validate FILE...}: every problem in each lesson file, with its line and column. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check lesson files: YAML syntax, known keys, ids, commands, checks and references. "
                + "Needs no root and touches nothing.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Lesson YAML files.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int bad = 0;
        for (Path f : files) {
            try {
                Lesson l = LessonLoader.load(f);
                out.println(f + ": ok (lesson '" + l.id() + "', " + l.steps().size() + " steps)");
            } catch (LessonFileException e) {
                bad++;
                for (LessonError x : e.errors()) {
                    err.println(x);
                }
            }
        }
        out.flush();
        err.flush();
        return bad == 0 ? 0 : Errors.BAD_INPUT;
    }
}
