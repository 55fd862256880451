package dev.boxlab.app;

import java.io.PrintWriter;

import dev.boxlab.lessons.LabSupply;
import dev.boxlab.lessons.Lesson;

/** The line mode and headless runs on any lab supply, for tests in other packages. */
public final class Drivers {
    private Drivers() {}

    /** The line mode, reading {@code lines} one by one; what it prints goes to {@code out}. */
    public static int lineMode(Lesson lesson, LabSupply labs, java.util.List<String> lines, PrintWriter out) {
        java.util.Iterator<String> it = lines.iterator();
        return new PlainMode(lesson, false, labs).talk(out, prompt -> it.hasNext() ? it.next() : null, out::println,
                lesson.steps().get(0), null);
    }

    public static int headless(Lesson lesson, LabSupply labs, PrintWriter out) {
        return new Headless(out, out, labs).runAll(lesson, null);
    }
}
