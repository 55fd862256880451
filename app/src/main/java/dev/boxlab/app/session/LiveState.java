package dev.boxlab.app.session;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.LabPort;
import dev.boxlab.sandbox.LabState.ProcessInfo;
import dev.boxlab.sandbox.Snapshot;
import dev.boxlab.sandbox.SnapshotDiff;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/**
 * What the lab holds, as every view of a session shows it: the probes (a network snapshot, or the
 * lines of the mounts, cgroups, processes or layers view), when they are read, and what changed
 * since just before the last commands (the baseline). Screens draw what it publishes and nothing else.
 *
 * <p>Reads happen on two occasions. Around commands, on the session's own thread (it listens to
 * the session): the state as shown is the baseline, a snapshot after each command says what that
 * command changed. And on {@link #refresh()}, which anything may call from any thread (a timer as
 * a slow safety poll, the end of commands, and later a shell hook's "command finished" or netlink
 * events): refreshes are read on the probe executor and coalesced, so a burst of events costs one read.
 */
public final class LiveState implements LessonSession.Listener {
    public enum Mark { ADDED, CHANGED, REMOVED }

    /** Told on the thread that read it; a screen hands it to its GUI thread. */
    public interface Listener {
        /** Something new to draw. */
        default void published() {}

        /** What the command that just ended changed in the network. */
        default void commandChanged(CommandResult result, List<Change> changes) {}
    }

    private final Supplier<LabPort> lab;
    private final Executor probe;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    // what is shown (guarded by this)
    private View view = View.NETWORK;
    private Snapshot snapshot;
    private Snapshot baseline;
    private List<Change> changes = List.of();
    private final Map<String, Mark> marks = new LinkedHashMap<>();
    private final Map<View, List<StateText.Line>> lines = new EnumMap<>(View.class);
    private final Map<View, Map<String, String>> baselines = new EnumMap<>(View.class);
    private final Map<View, String> errors = new EnumMap<>(View.class);
    private final MountTargets mountTargets = new MountTargets();
    /** What a learner broke in the lab ({@link LabPort#problems()}), as of the last read. */
    private List<String> problems = List.of();
    private boolean refreshing;
    /** A refresh was asked for while a read was under way. */
    private boolean again;

    // the commands running now (the session's thread)
    private boolean inCommands;
    private Snapshot before;
    private Snapshot previous;
    private View commandsView;
    private Integer commandsMountsOf;
    private List<StateText.Line> viewBefore;

    public LiveState(Supplier<LabPort> lab, Executor probe) {
        this.lab = lab;
        this.probe = probe;
    }

    public LiveState listen(Listener l) {
        listeners.add(l);
        return this;
    }

    // ---------------------------------------------------------------- what is shown

    public synchronized View view() {
        return view;
    }

    public synchronized Snapshot snapshot() {
        return snapshot;
    }

    /** What the network changed since the baseline. */
    public synchronized List<Change> changes() {
        return changes;
    }

    public synchronized Mark mark(String key) {
        return marks.get(key);
    }

    public synchronized List<StateText.Line> lines(View v) {
        return lines.get(v);
    }

    /** The view's lines before the last commands, by key; null when there is nothing to compare. */
    public synchronized Map<String, String> baseline(View v) {
        return baselines.get(v);
    }

    public synchronized String error(View v) {
        return errors.get(v);
    }

    public synchronized Integer mountsOf() {
        return mountTargets.pid();
    }

    public synchronized String mountsLabel() {
        return mountTargets.label();
    }

    /** What a learner broke in the lab (its uplink, its /run...), read with the state; empty when whole. */
    public synchronized List<String> problems() {
        return problems;
    }

    // ---------------------------------------------------------------- what the learner picks

    /** Shows {@code v}, read afresh. */
    public void show(View v) {
        synchronized (this) {
            view = v;
        }
        refresh();
    }

    /** The mounts view: the lab host, then each process with a mount namespace of its own. */
    public void nextMountTarget(int dir) {
        synchronized (this) {
            mountTargets.next(dir);
            lines.remove(View.MOUNTS);
            baselines.remove(View.MOUNTS);
        }
        refresh();
    }

    // ---------------------------------------------------------------- reads

    /**
     * Reads what the view shows, on the probe executor. A refresh asked for while one is queued is
     * covered by it; one asked for while a read is under way (which may have read too early) reads
     * once more after it, so a burst of events costs at most two reads.
     */
    public void refresh() {
        synchronized (this) {
            if (refreshing) {
                again = true;
                return;
            }
            refreshing = true;
        }
        probe.execute(this::refreshNow);
    }

    private void refreshNow() {
        View v;
        Integer mountsOf;
        synchronized (this) {
            again = false;
            v = view;
            mountsOf = mountTargets.pid();
        }
        boolean more;
        try {
            read(v, mountsOf);
        } finally {
            synchronized (this) {
                more = again;
                refreshing = more;
            }
        }
        publish();
        if (more) {
            probe.execute(this::refreshNow);
        }
    }

    private void read(View v, Integer mountsOf) {
        Snapshot s = v == View.NETWORK ? trySnapshot() : null;
        List<StateText.Line> l = v == View.NETWORK ? null : tryView(v, mountsOf);
        List<ProcessInfo> procs = v == View.MOUNTS ? tryRead(LabPort::processes) : null;
        List<String> broken = tryProblems();
        synchronized (this) {
            problems = broken;
            if (s != null) {
                network(s);
            }
            if (l != null && v == view && Objects.equals(mountsOf, mountTargets.pid())) {
                lines.put(v, l);
                errors.remove(v);
            } else if (l == null && v != View.NETWORK && v == view) {
                errors.put(v, "cannot read " + v.word + " from the lab");
            }
            if (procs != null) {
                mountTargets.processes(procs);
            }
        }
    }

    /** A network snapshot read now, in the caller's thread (the line mode's {@code :state}). */
    public Snapshot readNetwork() {
        Snapshot s = lab.get().snapshot();
        synchronized (this) {
            network(s);
        }
        return s;
    }

    private void network(Snapshot s) {
        snapshot = s;
        errors.remove(View.NETWORK);
        remark();
    }

    private void remark() {
        marks.clear();
        changes = baseline == null || snapshot == null ? List.of() : SnapshotDiff.diff(baseline, snapshot);
        for (Change c : changes) {
            Mark m = switch (c.kind()) {
                case ADDED -> Mark.ADDED;
                case REMOVED -> Mark.REMOVED;
                case CHANGED -> Mark.CHANGED;
            };
            marks.put(StateText.key(c.namespace(), c.category(), c.subject().replaceAll(" #\\d+$", "")), m);
        }
    }

    /** What {@code read} finds in the lab now, or null when there is no lab or it cannot be read. */
    private <T> T tryRead(Function<LabPort, T> read) {
        try {
            LabPort l = lab.get();
            return l == null ? null : read.apply(l);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Snapshot trySnapshot() {
        return tryRead(LabPort::snapshot);
    }

    private List<String> tryProblems() {
        List<String> p = tryRead(LabPort::problems);
        return p == null ? List.of() : List.copyOf(p);
    }

    private List<StateText.Line> tryView(View v, Integer mountsOf) {
        return tryRead(l -> switch (v) {
            case NETWORK -> StateText.render(l.snapshot());
            case MOUNTS -> StateText.mounts(l.mounts(mountsOf));
            case CGROUPS -> StateText.cgroups(l.cgroups());
            case PROCESSES -> StateText.processes(l.processes());
            case LAYERS -> StateText.layers(l.layers());
        });
    }

    private void publish() {
        listeners.forEach(Listener::published);
    }

    // ---------------------------------------------------------------- the session's events

    @Override
    public void moved(int index, Step step) {
        synchronized (this) {
            view = View.forWatch(step.watch());
        }
    }

    @Override
    public void labReady(double seconds) {
        Snapshot s = trySnapshot();
        List<String> broken = tryProblems();
        previous = s;
        synchronized (this) {
            problems = broken;
            baseline = null;
            baselines.clear();
            if (s != null) {
                network(s);
            } else {
                remark();
            }
        }
        publish();
        refresh();
    }

    @Override
    public void labFailed(RuntimeException why) {
        String text = why.getMessage() == null ? why.toString() : why.getMessage();
        int nl = text.indexOf('\n');
        synchronized (this) {
            problems = List.of();
            errors.put(View.NETWORK, "no lab: " + (nl < 0 ? text : text.substring(0, nl)));
        }
        publish();
    }

    /** The first command of a run: the state after the last run (or as shown) is the baseline; events may have shown this run's changes already. */
    @Override
    public void commandStarted(String command, String source) {
        if (inCommands) {
            return;
        }
        inCommands = true;
        Snapshot shown;
        synchronized (this) {
            shown = snapshot;
            commandsView = view;
            commandsMountsOf = mountTargets.pid();
        }
        before = previous != null ? previous : shown != null ? shown : trySnapshot();
        previous = before;
        viewBefore = commandsView == View.NETWORK ? null : tryView(commandsView, commandsMountsOf);
    }

    @Override
    public void commandFinished(CommandResult r) {
        Snapshot after = trySnapshot();
        List<Change> changed = previous == null || after == null ? List.of() : SnapshotDiff.diff(previous, after);
        if (after != null) {
            synchronized (this) {
                baseline = before;
                network(after);
            }
            previous = after;
        }
        listeners.forEach(l -> l.commandChanged(r, changed));
        publish();
    }

    @Override
    public void commandsEnded() {
        if (!inCommands) {
            return;
        }
        inCommands = false;
        View v = commandsView;
        if (v != View.NETWORK) {
            List<StateText.Line> after = tryView(v, commandsMountsOf);
            synchronized (this) {
                if (viewBefore == null) {
                    baselines.remove(v);
                } else {
                    Map<String, String> m = new LinkedHashMap<>();
                    viewBefore.forEach(l -> m.put(l.primaryKey(), l.text()));
                    baselines.put(v, m);
                }
                if (after != null) {
                    lines.put(v, after);
                    errors.remove(v);
                }
            }
        }
        publish();
    }

    /** How many marks a view has: the pane's title says it. */
    public synchronized int markCount(View v) {
        if (v == View.NETWORK) {
            return changes.size();
        }
        Map<String, String> base = baselines.get(v);
        List<StateText.Line> l = lines.get(v);
        if (base == null || l == null) {
            return 0;
        }
        int n = 0;
        Set<String> present = new HashSet<>();
        for (StateText.Line line : l) {
            present.add(line.primaryKey());
            if (!line.text().equals(base.get(line.primaryKey()))) {
                n++;
            }
        }
        for (String k : base.keySet()) {
            if (!present.contains(k)) {
                n++;
            }
        }
        return n;
    }
}
