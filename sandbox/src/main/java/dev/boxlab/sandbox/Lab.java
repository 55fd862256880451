package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A sandbox that is itself a container. Its processes live in fresh net, mount, pid, uts, ipc and
 * cgroup namespaces, on a root of their own (an overlay whose lower layer is the machine's root and
 * whose upper layer dies with the lab), with a minimal /dev, a read-only /sys and /proc/sys (but
 * for net.*), masked kernel files and a reduced capability bounding set; "the internet" is a router
 * and a server on documentation addresses behind the lab host's uplink eth0, in a world the lab
 * cannot see into. Nothing typed in a lab reaches the machine's files, network or hardware.
 *
 * <p>Teardown is done by the kernel: the lab's world and init read a pipe from this JVM; when the
 * JVM exits, however it exits (even SIGKILL), the pipe closes, they exit, and with their pid
 * namespaces go every process, mount, namespace, veth and rule of the lab (see {@link LabProcess}).
 *
 * <p>Duties are split: {@link LabProcess} starts and ends the lab's processes, {@link LabCgroups}
 * owns its cgroups, {@link LabShell} is one long-lived shell inside, {@link LabEntry} says how any
 * process enters, and the scripts are files under resources ({@link LabScripts}).
 *
 * <p>Naming: in {@code ps} on the machine the wrapper shows as {@code boxlab-labwrap-<id>}, the
 * world as {@code boxlab-world-<id>}, the lab init as {@code boxlab-lab-<id>}.
 */
public final class Lab implements LabPort {
    /** The lab host's address on its uplink: "the host's external address" in the lessons. */
    public static final String HOST_ADDRESS = "192.0.2.10";
    public static final String ROUTER_ADDRESS = "192.0.2.1";
    public static final String SERVER_ADDRESS = "203.0.113.10";
    public static final String INIT_PREFIX = "boxlab-lab-";

    private static final List<String> ENVIRONMENT = List.of(
            "PATH=/run/boxlab/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/root", "TERM=dumb", "LANG=C.UTF-8", "PAGER=cat", "SYSTEMD_PAGER=");

    /** The environment of an interactive shell in a lab: the lab's PATH, the terminal's TERM, a prompt that says where. */
    static List<String> interactiveEnvironment() {
        String term = System.getenv().getOrDefault("TERM", "xterm");
        return List.of(ENVIRONMENT.get(0), "HOME=/root", "TERM=" + term, "LANG=C.UTF-8",
                "PS1=[boxlab] \\u@\\h:\\w# ");
    }
    private final String id;
    private final LabProcess process;
    private final LabCgroups cgroups;
    private final Transcript transcript = new Transcript();
    private LabShell shell;
    private LabShell probe;
    private LabShell checks;
    private volatile boolean closed;
    private final List<LabEvents> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Lab(LabProcess process, LabCgroups cgroups) {
        this.id = process.id();
        this.process = process;
        this.cgroups = cgroups;
    }

    /** Starts a lab. On any failure nothing is left behind and the message says which step failed. */
    public static Lab start() {
        return start(LabLimits.NONE);
    }

    /** Starts a lab whose cgroup holds it to {@code limits} (memory, processes, CPU) from its first process. */
    public static Lab start(LabLimits limits) {
        return start(limits, Map.of());
    }

    /**
     * Starts a lab held to {@code limits} with {@code commands} (name to script: the lessons' helpers,
     * make-rootfs, build-image...) on its PATH beside its own.
     */
    public static Lab start(LabLimits limits, Map<String, String> commands) {
        Host.preflight(List.of());
        String id = UUID.randomUUID().toString().substring(0, 8);
        LabCgroups cgroups = LabCgroups.create(CgroupLayout.detect(), id, limits);
        LabProcess process;
        try {
            process = LabProcess.start(id, cgroups, commands);
        } catch (RuntimeException e) {
            cgroups.remove();
            throw e;
        }
        Lab lab = new Lab(process, cgroups);
        // the three shells start side by side: each is a few processes and a round trip
        int pid = process.initPid();
        java.util.function.Function<String, CompletableFuture<LabShell>> open = name -> CompletableFuture.supplyAsync(
                () -> new LabShell(pid, name, ENVIRONMENT, cgroups::adopt), r -> daemon(r, name).start());
        CompletableFuture<LabShell> probe = open.apply("probe");
        CompletableFuture<LabShell> checks = open.apply("checks");
        RuntimeException failed = null;
        try {
            lab.shell = new LabShell(pid, "shell", ENVIRONMENT, cgroups::adopt);
        } catch (RuntimeException e) {
            failed = e;
        }
        for (var f : List.of(probe, checks)) {
            try {
                LabShell sh = f.join();
                if (f == probe) {
                    lab.probe = sh;
                } else {
                    lab.checks = sh;
                }
            } catch (CompletionException e) {
                failed = failed != null ? failed : e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        if (failed != null) {
            lab.close();
            throw failed instanceof LabException ? failed : new LabException("lab setup failed: " + failed, failed);
        }
        return lab;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "lab-shell-start-" + name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String id() {
        return id;
    }

    /** The command line of an interactive bash in this lab on a terminal of type {@code term} (see {@link RunningLab#shellCommand}). */
    public List<String> shellCommand(String term) {
        return new RunningLab(id, process.initPid(), java.time.Instant.now()).shellCommand(null, term);
    }

    /**
     * Moves a process (by its pid on the machine) into the lab's cgroup, where the lab's own processes
     * live (the learner's terminal shell too: from outside it, cgroup v2 refuses to move it anywhere in the lab).
     */
    public void adopt(long pid) {
        cgroups.adopt(pid);
    }

    /** The lab init's pid as the machine sees it: {@code nsenter -t PID -a} enters the lab. */
    public int initPid() {
        return process.initPid();
    }

    @Override
    public boolean isAlive() {
        return !closed && process.isAlive();
    }

    @Override
    public Transcript transcript() {
        return transcript;
    }

    /** Runs a command in the lab host's shell on the learner's behalf, recorded in the transcript. */
    @Override
    public CommandResult run(String command, String source, Duration timeout, Consumer<String> onOutput) {
        requireAlive();
        CommandResult r = shell.run(command, timeout, onOutput);
        transcript.add(source, r);
        return r;
    }

    public CommandResult run(String command) {
        return run(command, "you", Duration.ofSeconds(30), null);
    }

    /**
     * Runs a command in a second shell of the lab that the transcript does not record: snapshots
     * and other reads of state, which must not wait behind the learner's long-running command.
     */
    @Override
    public CommandResult probe(String command, Duration timeout) {
        requireAlive();
        return probe.run(command, timeout, null);
    }

    /**
     * Runs a lesson's check in a third shell of its own: a failing ping check can take a second,
     * and the live pane's snapshots must not wait behind it.
     */
    @Override
    public CommandResult check(String command, Duration timeout) {
        requireAlive();
        return checks.run(command, timeout, null);
    }

    /** What the kernel holds now, in every namespace of the lab. */
    @Override
    public Snapshot snapshot() {
        CommandResult r = probe("bash /run/boxlab/probe.sh", Duration.ofSeconds(10));
        if (r.timedOut()) {
            throw new LabException("taking a snapshot of the lab timed out");
        }
        return SnapshotParser.parse(r.output());
    }

    /** The mount table of the lab (its init's mount namespace) or of one process of the lab, by its pid in the lab. */
    @Override
    public List<LabState.MountEntry> mounts(Integer pidInLab) {
        CommandResult r = probe("cat /proc/" + (pidInLab == null ? 1 : pidInLab) + "/mountinfo", Duration.ofSeconds(5));
        if (!r.ok()) {
            throw new LabException("no process " + pidInLab + " in the lab");
        }
        return LabState.parseMountinfo(r.output());
    }

    /** Every process of the lab, pids as the lab sees them, with its namespaces. */
    @Override
    public List<LabState.ProcessInfo> processes() {
        CommandResult r = probe("ps -e -o pid=,ppid=,netns=,mntns=,pidns=,utsns=,ipcns=,cgroupns=,args=", Duration.ofSeconds(5));
        return LabState.parsePs(r.output());
    }

    /** The lab's cgroup tree (its /sys/fs/cgroup) with limits and usage. */
    @Override
    public LabState.CgroupState cgroups() {
        CommandResult r = probe("bash /run/boxlab/probe-cgroups.sh", Duration.ofSeconds(5));
        return LabState.parseCgroups(cgroups.layout().version(), r.output());
    }

    public CgroupLayout cgroupLayout() {
        return cgroups.layout();
    }

    private void requireAlive() {
        if (!isAlive()) {
            throw new LabException("the lab has ended");
        }
    }

    /**
     * What is broken in the lab's fixtures, in the learner's words, or an empty list: the lab itself,
     * its uplink, its /run (the probes, the commands, the view of the outside world). Read from the
     * machine's side through the lab init's /proc entries, so it costs no process.
     */
    @Override
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!isAlive()) {
            out.add("the lab has ended");
            return out;
        }
        Path proc = Path.of("/proc/" + process.initPid());
        try {
            if (Files.readAllLines(proc.resolve("net/dev")).stream().noneMatch(l -> l.strip().startsWith("eth0:"))) {
                out.add("the lab host's uplink eth0 is gone, so nothing reaches the outside world");
            }
        } catch (IOException e) {
            out.add("the lab has ended");
            return out;
        }
        if (!Files.exists(proc.resolve("root/run/boxlab/probe.sh"))) {
            out.add("the lab's /run is gone (unmounted or emptied): its commands and its view of the outside world with it");
        } else if (!Files.exists(proc.resolve("root/run/boxlab/outside/server"))) {
            out.add("the lab's view of the outside server is gone");
        }
        return out;
    }

    /**
     * Tells {@code onChange} (on a thread of its own) each time the kernel reports a change of the
     * lab's network: links, addresses, routes and forwarding of the lab host and of every namespace
     * it has an id for (see {@link LabEvents}). Ends with the lab, or when closed.
     */
    @Override
    public Watch watch(Runnable onChange) {
        requireAlive();
        long world = ProcessHandle.of(process.initPid()).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                .orElseThrow(() -> new LabException("no lab events: the lab init has no parent"));
        LabEvents e = LabEvents.start(process.initPid(), world, onChange);
        watches.add(e);
        return new Watch() {
            @Override
            public boolean live() {
                return e.isAlive();
            }

            @Override
            public void close() {
                watches.remove(e);
                e.close();
            }
        };
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        watches.forEach(LabEvents::close);
        watches.clear();
        // the kernel ends every process of the lab, the shells' among them, once the pipe closes; the
        // wait is for the wrapper, which removes the cgroups: tens of milliseconds, so nothing of the
        // lab outlives boxlab (the bound is for a world that does not end: then it is killed)
        process.end(2000);
        for (LabShell s : new LabShell[] {probe, checks, shell}) {
            if (s != null) {
                s.abandon();
            }
        }
        if (process.ended()) {
            cgroups.remove();
        }
    }
}
