package dev.boxlab.app.tui;

import java.util.List;
import java.util.function.Consumer;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Check;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.LabState.CgroupState;
import dev.boxlab.sandbox.LabState.MountEntry;
import dev.boxlab.sandbox.LabState.ProcessInfo;
import dev.boxlab.sandbox.Snapshot;

/**
 * What the screens need from a lab, and nothing more: the real one ({@link KernelLab}) does kernel
 * work; tests pass a fake. Every method may block; the screens call them off the GUI thread.
 */
public interface LabAccess {
    /**
     * A fresh lab (any previous one ends) with every step of {@code lesson} before {@code index}
     * built; {@code listener} hears the commands as they run.
     */
    void rebuild(Lesson lesson, int index, LessonRunner.Listener listener);

    /** Runs a command on the lab host, recorded; {@code source} is "you" or "lesson". */
    CommandResult run(String command, String source, Consumer<String> onOutput);

    CheckResult checkOnce(Check check);

    Snapshot snapshot();

    /** The mount table of the lab (pid null) or of one of its processes. */
    List<MountEntry> mounts(Integer pidInLab);

    CgroupState cgroups();

    List<ProcessInfo> processes();

    /** The lab host's overlay mounts, each with its layer directories read (sizes, entries, whiteouts). */
    List<dev.boxlab.sandbox.Layers.Stack> layers();

    /** Whether a lab is up (so quitting would end it). */
    boolean isRunning();

    /** Ends the lab, if any; idempotent and safe from a shutdown hook. */
    void close();
}
