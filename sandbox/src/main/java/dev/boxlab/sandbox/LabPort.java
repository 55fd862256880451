package dev.boxlab.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What lessons and screens may ask of a lab: run a command, evaluate a check, read the state. The
 * real {@link Lab} answers on this machine's kernel; tests pass a fake, so the lesson engine and
 * the screens are tested without root. Every method may block: callers keep it off a GUI thread.
 */
public interface LabPort extends AutoCloseable {
    String id();

    /** Whether the lab is up (so ending boxlab would end it). */
    boolean isAlive();

    /** Every command run on the learner's behalf, in order. */
    Transcript transcript();

    /** Runs a command in the lab host's shell, recorded in the transcript; {@code source} is "you" or "lesson". */
    CommandResult run(String command, String source, Duration timeout, Consumer<String> onOutput);

    /** A read of state in a shell of its own, not recorded: it never waits behind a learner's command. */
    CommandResult probe(String command, Duration timeout);

    /** A lesson's check, in a shell of its own, not recorded. */
    CommandResult check(String command, Duration timeout);

    /** What the kernel holds now, in every namespace of the lab. */
    Snapshot snapshot();

    /** The mount table of the lab host (pid null) or of one process of the lab, by its pid in the lab. */
    List<LabState.MountEntry> mounts(Integer pidInLab);

    /** Every process of the lab, pids as the lab sees them, with its namespaces. */
    List<LabState.ProcessInfo> processes();

    /** The lab's cgroup tree with limits and usage. */
    LabState.CgroupState cgroups();

    /** The lab host's overlay mounts, each with its layer directories read. */
    default List<Layers.Stack> layers() {
        return Layers.stacks(this, null);
    }

    /**
     * What a learner broke in the lab's fixtures (its uplink, its /run, the lab itself), in their
     * words; empty while the lab is whole. A check that fails in a broken lab fails because of this.
     */
    default List<String> problems() {
        return List.of();
    }

    /**
     * Tells {@code onChange}, on a thread of its own, whenever the kernel says the lab's network
     * changed, until the returned handle is closed or the lab ends. A lab that cannot tell returns
     * a handle that does nothing (callers keep a slow poll for what events do not cover).
     */
    default Watch watch(Runnable onChange) {
        return Watch.NONE;
    }

    /** What {@link #watch} returns: closing it stops the events. */
    interface Watch extends AutoCloseable {
        /** No events: the caller polls. */
        Watch NONE = new Watch() {
            @Override
            public boolean live() {
                return false;
            }

            @Override
            public void close() {}
        };

        /** Whether events still come (they end with the lab). */
        boolean live();

        @Override
        void close();
    }

    /** Ends the lab; idempotent and safe from a shutdown hook. */
    @Override
    void close();
}
