package dev.boxlab.lessons;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.boxlab.sandbox.CgroupLayout;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.LabPort;
import dev.boxlab.sandbox.LabState;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.Transcript;

/**
 * A lab without a kernel: commands "run" by adding their text to a set of facts, and a check passes
 * when its command is one of the facts. Enough to test the lesson engine without root.
 */
class ScriptedLab implements LabPort {
    final Transcript transcript = new Transcript();
    final Set<String> facts = new HashSet<>();
    int checksRun;
    boolean alive = true;

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    @Override
    public CommandResult run(String command, String source, Duration timeout, Consumer<String> onOutput) {
        facts.add(command);
        if (onOutput != null) {
            onOutput.accept("ran " + command + "\n");
        }
        CommandResult r = new CommandResult(command, "ran " + command + "\n", 0, Duration.ofMillis(1), false);
        transcript.add(source, r);
        return r;
    }

    @Override
    public CommandResult probe(String command, Duration timeout) {
        return new CommandResult(command, "", 0, Duration.ZERO, false);
    }

    @Override
    public CommandResult check(String command, Duration timeout) {
        checksRun++;
        boolean ok = facts.contains(command);
        return new CommandResult(command, ok ? "yes" : "no", ok ? 0 : 1, Duration.ZERO, false);
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(List.of());
    }

    @Override
    public List<LabState.MountEntry> mounts(Integer pidInLab) {
        return List.of();
    }

    @Override
    public List<LabState.ProcessInfo> processes() {
        return List.of();
    }

    @Override
    public LabState.CgroupState cgroups() {
        return new LabState.CgroupState(CgroupLayout.Version.V2, List.of());
    }

    @Override
    public void close() {
        alive = false;
    }
}
