package dev.boxlab.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The common starts ({@code boxlab}, {@code boxlab --lesson ID}, with --step, --lessons-dir and the
 * plain flags) read without picocli, whose model of every command and option costs each start
 * ~150 ms (its Java 5 classes are outside AppCDS). Anything else (a subcommand, help, --speed,
 * --record, {@code --opt=value}, a repeated option, a value that looks like an option) returns null
 * and goes to picocli, which also says what is wrong with bad input. CommandLineTest checks that
 * both read the same arguments into the same fields.
 */
final class QuickArgs {
    private QuickArgs() {}

    /** The command with {@code args} read into it, or null when picocli must read them. */
    static BoxlabCommand parse(String[] args, PrintWriter out, PrintWriter err) {
        BoxlabCommand c = new BoxlabCommand(out, err);
        c.speed = 1; // the option's defaultValue
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!seen.add(a)) {
                return null;
            }
            switch (a) {
                case "--demo" -> c.demo = true;
                case "--challenge" -> c.challenge = true;
                case "--plain" -> c.plain = true;
                case "--run-all" -> c.runAll = true;
                case "--list" -> c.list = true;
                case "--resume" -> c.resume = true;
                case "--headless" -> c.headless = true;
                case "--lesson", "--step", "--lessons-dir" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                        return null;
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--lesson" -> c.lesson = v;
                        case "--step" -> c.step = v;
                        default -> c.lessonsDir = Path.of(v);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return c;
    }
}
