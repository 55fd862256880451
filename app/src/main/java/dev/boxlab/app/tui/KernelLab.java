package dev.boxlab.app.tui;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Check;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.Host;
import dev.boxlab.sandbox.Lab;
import dev.boxlab.sandbox.LabException;
import dev.boxlab.sandbox.LabState.CgroupState;
import dev.boxlab.sandbox.LabState.MountEntry;
import dev.boxlab.sandbox.LabState.ProcessInfo;
import dev.boxlab.sandbox.Snapshot;

/** {@link LabAccess} on a real {@link Lab}: namespaces, veths and rules on this machine's kernel. */
final class KernelLab implements LabAccess {
    /** How long a learner's command may run before it is stopped (Ctrl-C stops it sooner). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private volatile Lab lab;
    private volatile LessonRunner checker;

    @Override
    public void rebuild(Lesson lesson, int index, LessonRunner.Listener listener) {
        close();
        Host.preflight(lesson.requires());
        Lab l = Lab.start();
        lab = l;
        checker = new LessonRunner(lesson, l, null);
        new LessonRunner(lesson, l, listener).fastForward(index);
    }

    private Lab lab() {
        Lab l = lab;
        if (l == null) {
            throw new LabException("the lab is not running");
        }
        return l;
    }

    @Override
    public CommandResult run(String command, String source, Consumer<String> onOutput) {
        return lab().run(command, source, "lesson".equals(source) ? LessonRunner.COMMAND_TIMEOUT : COMMAND_TIMEOUT,
                onOutput);
    }

    @Override
    public CheckResult checkOnce(Check check) {
        lab();
        return checker.checkOnce(check);
    }

    @Override
    public Snapshot snapshot() {
        return lab().snapshot();
    }

    @Override
    public List<dev.boxlab.sandbox.Layers.Stack> layers() {
        return dev.boxlab.sandbox.Layers.stacks(lab(), null);
    }

    @Override
    public List<MountEntry> mounts(Integer pidInLab) {
        return lab().mounts(pidInLab);
    }

    @Override
    public CgroupState cgroups() {
        return lab().cgroups();
    }

    @Override
    public List<ProcessInfo> processes() {
        return lab().processes();
    }

    @Override
    public boolean isRunning() {
        Lab l = lab;
        return l != null && l.isAlive();
    }

    @Override
    public void close() {
        Lab l = lab;
        lab = null;
        if (l != null) {
            l.close();
        }
    }
}
