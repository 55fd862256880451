package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LabSupply;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.sandbox.CgroupLayout;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.LabPort;
import dev.boxlab.sandbox.LabState.CgroupDir;
import dev.boxlab.sandbox.LabState.CgroupState;
import dev.boxlab.sandbox.LabState.MountEntry;
import dev.boxlab.sandbox.LabState.ProcessInfo;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.Transcript;

/**
 * A lab without a kernel (and its own supply), for tests of the screens and the session: it records what it is asked, answers commands with
 * scripted output and state changes, and passes the checks a test says pass.
 */
final class FakeLab implements LabPort, LabSupply {
    final List<String> commands = new ArrayList<>();
    final List<String> rebuilds = new ArrayList<>();
    final Set<String> passing = new HashSet<>();
    final Map<String, UnaryOperator<Snapshot>> effects = new HashMap<>();
    final Map<String, String> outputs = new HashMap<>();
    List<MountEntry> mounts = List.of(
            new MountEntry(1, 0, "/", "/", "ext4", "/dev/sda1", "rw,relatime", "rw"),
            new MountEntry(2, 1, "/run", "/", "tmpfs", "lab-run", "rw", "rw"));
    CgroupState cgroups = new CgroupState(CgroupLayout.Version.V2, List.of(
            new CgroupDir("unified", "/", Map.of("procs", "0")),
            new CgroupDir("unified", "/lab/", Map.of("procs", "3", "memory.max", "max"))));
    List<ProcessInfo> processes = List.of(
            new ProcessInfo(1, 0, Map.of("net", "1", "mnt", "2"), "boxlab-lab-x"),
            new ProcessInfo(7, 1, Map.of("net", "1", "mnt", "2"), "bash"));
    List<dev.boxlab.sandbox.Layers.Stack> layers = List.of();
    Snapshot state;
    boolean running;
    RuntimeException failStart;
    /** What a learner broke, as {@link #problems()} says it. */
    List<String> problems = List.of();
    final Transcript transcript = new Transcript();
    /** Each check's command, by the check's name. */
    private final Map<String, String> checkNames = new HashMap<>();

    FakeLab(Snapshot initial) {
        this.state = initial;
    }

    /** A fresh lab "built" up to {@code index}: the fake runs nothing for the earlier steps. */
    @Override
    public LabPort open(Lesson lesson, int index, LessonRunner.Listener building) {
        rebuilds.add(lesson.id() + "@" + index);
        if (failStart != null) {
            throw failStart;
        }
        lesson.steps().forEach(s -> s.checks().forEach(c -> checkNames.put(c.run(), c.name())));
        running = true;
        return this;
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public CommandResult probe(String command, java.time.Duration timeout) {
        return new CommandResult(command, "", 0, java.time.Duration.ofMillis(1), false);
    }

    @Override
    public CommandResult run(String command, String source, java.time.Duration timeout, Consumer<String> onOutput) {
        commands.add(source + ": " + command);
        String out = outputs.getOrDefault(command, "");
        if (onOutput != null && !out.isEmpty()) {
            onOutput.accept(out);
        }
        UnaryOperator<Snapshot> effect = effects.get(command);
        if (effect != null) {
            state = effect.apply(state);
        }
        CommandResult r = new CommandResult(command, out, 0, java.time.Duration.ofMillis(1), false);
        transcript.add(source, r);
        return r;
    }

    @Override
    public CommandResult check(String command, java.time.Duration timeout) {
        boolean pass = passing.contains(checkNames.get(command));
        return new CommandResult(command, "", pass ? 0 : 1, java.time.Duration.ofMillis(1), false);
    }

    @Override
    public Snapshot snapshot() {
        snapshots++;
        return state;
    }

    /** Snapshots read so far. */
    int snapshots;
    /** Whether the lab tells its changes ({@link #watch}), and who to tell. */
    boolean events;
    Runnable watcher;

    @Override
    public Watch watch(Runnable onChange) {
        if (!events) {
            return Watch.NONE;
        }
        watcher = onChange;
        return new Watch() {
            @Override
            public boolean live() {
                return running && watcher == onChange;
            }

            @Override
            public void close() {
                watcher = null;
            }
        };
    }

    @Override
    public List<MountEntry> mounts(Integer pidInLab) {
        return mounts;
    }

    @Override
    public CgroupState cgroups() {
        return cgroups;
    }

    @Override
    public List<ProcessInfo> processes() {
        return processes;
    }

    @Override
    public boolean isAlive() {
        return running;
    }

    @Override
    public void close() {
        running = false;
    }

    @Override
    public List<dev.boxlab.sandbox.Layers.Stack> layers() {
        return layers;
    }

    @Override
    public List<String> problems() {
        return problems;
    }
}
