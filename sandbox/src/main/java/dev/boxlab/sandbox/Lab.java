package dev.boxlab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox that is itself a container: one init process in fresh net, mount, pid, uts and ipc
 * namespaces, with a private /run and /tmp, hostname lab-host, and an outside world (a router and a
 * server on documentation addresses) behind its uplink eth0.
 *
 * <p>Teardown is done by the kernel. The lab's init is a bash loop reading a pipe from this JVM;
 * when the JVM exits, however it exits (even SIGKILL), the pipe closes, init exits, the pid
 * namespace dies with every process in it, and with the last process go the mount namespace, the
 * /run/netns bind mounts, and every namespace, veth, bridge and iptables rule built inside.
 *
 * <p>Naming: the init shows in {@code ps} as {@code boxlab-lab-<id>}; the outside namespaces are held
 * by {@code boxlab-outside-router} and {@code boxlab-outside-server}.
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
    private static final Duration SETUP_TIMEOUT = Timeouts.scaled(Duration.ofSeconds(20));

    private final String id;
    private final Process wrapper;
    private final int initPid;
    private final CgroupLayout cgroupLayout;
    private final List<Path> cgroupDirs;
    private final Transcript transcript = new Transcript();
    private LabShell shell;
    private LabShell probe;
    private LabShell checks;
    private volatile boolean closed;

    private Lab(String id, Process wrapper, int initPid, CgroupLayout cgroupLayout, List<Path> cgroupDirs) {
        this.id = id;
        this.wrapper = wrapper;
        this.initPid = initPid;
        this.cgroupLayout = cgroupLayout;
        this.cgroupDirs = cgroupDirs;
    }

    /** Starts a lab. On any failure nothing is left behind and the message says which step failed. */
    public static Lab start() {
        Host.preflight(List.of());
        String id = UUID.randomUUID().toString().substring(0, 8);
        CgroupLayout cgroups = CgroupLayout.detect();
        sweepStaleCgroups(cgroups);
        List<Path> cgroupDirs = cgroups.labDirs(id);
        for (Path d : cgroupDirs) {
            try {
                cgroups.delegate();
                // the leaf "lab" exists before the lab does, for unshare to move into (see below)
                Files.createDirectories(d.resolve("lab"));
            } catch (IOException e) {
                removeCgroupDirs(cgroupDirs);
                throw new LabException("lab setup failed at step \"create the lab's cgroup " + d + "\": " + e.getMessage());
            }
        }
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", WRAPPER, "boxlab-labwrap-" + id,
                // bash as init: it blocks reading boxlab's pipe, and, unlike cat, reaps the orphans
                // reparented to it, so a container's exited first process does not stay a zombie
                "exec -a " + INIT_PREFIX + id + " bash -c 'while read -r _; do :; done'"));
        cgroupDirs.forEach(d -> cmd.add(d.toString()));
        Process wrapper;
        try {
            wrapper = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            removeCgroupDirs(cgroupDirs);
            throw new LabException("lab setup failed at step \"start the lab init (unshare)\": " + e.getMessage());
        }
        Lab lab = null;
        try {
            int pid = findInit(wrapper, id);
            lab = new Lab(id, wrapper, pid, cgroups, cgroupDirs);
            final Lab l = lab;
            // unshare waits for the init in the lab's cgroup root; on cgroup v2 a cgroup whose
            // children get controllers may hold no process (EBUSY in lab-setup), so it moves to the leaf
            ProcessHandle.of(pid).flatMap(ProcessHandle::parent).ifPresent(p -> l.adopt(p.pid()));
            lab.shell = new LabShell(pid, "shell", ENVIRONMENT, null);
            lab.setup();
            lab.adopt(lab.shell.pid());
            lab.shell.onRestart(l::adopt);
            lab.probe = new LabShell(pid, "probe", ENVIRONMENT, l::adopt);
            lab.checks = new LabShell(pid, "checks", ENVIRONMENT, l::adopt);
            return lab;
        } catch (RuntimeException e) {
            if (lab != null) {
                lab.close();
            } else {
                endInit(wrapper);
            }
            throw e instanceof LabException ? e : new LabException("lab setup failed: " + e, e);
        }
    }

    /**
     * The process boxlab starts. A subshell joins the lab's cgroups and becomes unshare, whose child
     * becomes the lab init ({@code cat} on boxlab's pipe). The wrapper itself stays outside the lab
     * and, once the lab is gone (normally or because boxlab was killed), removes the lab's cgroups:
     * the one thing the kernel does not tear down by itself.
     */
    private static final String WRAPPER = """
            init=$1; shift
            # A closed terminal or Ctrl-C signals boxlab's whole process group; the wrapper must
            # outlive boxlab to clean up, so it ignores them (the lab itself ends when boxlab does).
            # Its own stderr goes nowhere: bash reporting "Hangup" into the pipe of a boxlab that is
            # gone would end it with SIGPIPE before it cleaned up.
            trap '' HUP INT TERM QUIT PIPE
            exec 3>&2 2>/dev/null
            (
              trap - HUP INT TERM QUIT PIPE
              exec 2>&3 3>&-
              for d in "$@"; do echo "$BASHPID" > "$d/cgroup.procs" || exit 90; done
              exec unshare --net --mount --pid --uts --ipc --cgroup --fork --mount-proc --propagation private \
                -- bash -c "$init"
            )
            status=$?
            for d in "$@"; do
              for _ in $(seq 100); do
                find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
                [ -d "$d" ] || break
                sleep 0.02
              done
              rmdir "${d%/*}" 2>/dev/null
            done
            exit $status
            """;

    private static int findInit(Process wrapper, String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!wrapper.isAlive()) {
                String why = readAll(wrapper.getErrorStream()).strip();
                throw new LabException("lab setup failed at step \"start the lab init (unshare)\": "
                        + (wrapper.exitValue() == 90 ? "cannot join the lab's cgroup: " : "") + why);
            }
            Optional<ProcessHandle> init = wrapper.descendants().filter(p -> isInit(p.pid(), id)).findFirst();
            if (init.isPresent()) {
                return (int) init.get().pid();
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new LabException("lab setup failed at step \"find the lab init\": it did not appear within 5 s");
    }

    /**
     * Moves a process (by its pid on the machine) into the lab's cgroup, where the lab's own processes
     * live (the learner's terminal shell too: from outside it, cgroup v2 refuses to move it anywhere in the lab).
     */
    public void adopt(long pid) {
        for (Path d : cgroupDirs) {
            try {
                Files.writeString(d.resolve("lab").resolve("cgroup.procs"), Long.toString(pid));
            } catch (IOException e) {
                // a process that already ended, or a hierarchy the lab could not set up: not fatal
            }
        }
    }

    /** Removes the cgroups of labs whose boxlab was killed before its wrapper could (e.g. a reboot mid-lab). */
    private static void sweepStaleCgroups(CgroupLayout layout) {
        for (CgroupLayout.Hierarchy h : layout.hierarchies().values()) {
            Path parent = h.mountPoint().resolve("boxlab");
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (var labs = Files.list(parent)) {
                for (Path lab : labs.filter(Files::isDirectory).toList()) {
                    // a lab another boxlab is starting right now has a directory but no process yet
                    if (!hasProcesses(lab) && olderThan(lab, java.time.Duration.ofSeconds(30))) {
                        removeCgroupDirs(List.of(lab));
                    }
                }
            } catch (IOException e) {
                // nothing to sweep
            }
        }
    }

    private static boolean olderThan(Path p, java.time.Duration age) {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(java.time.Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasProcesses(Path cgroup) {
        try (var dirs = Files.walk(cgroup)) {
            return dirs.filter(Files::isDirectory).anyMatch(d -> {
                try {
                    return !Files.readString(d.resolve("cgroup.procs")).isBlank();
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static void removeCgroupDirs(List<Path> dirs) {
        for (Path d : dirs) {
            try (var walk = Files.walk(d)) {
                for (Path p : walk.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | RuntimeException e) {
                // busy or gone
            }
            try {
                Files.deleteIfExists(d.getParent());
            } catch (IOException e) {
                // another lab's cgroup is still there
            }
        }
    }

    private static boolean isInit(long pid, String id) {
        try {
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
            return cmdline.startsWith(INIT_PREFIX + id);
        } catch (IOException e) {
            return false;
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void setup() {
        String script;
        try (InputStream in = Lab.class.getResourceAsStream("lab-setup.sh")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new LabException("lab setup script is missing from the boxlab jar");
        }
        // a subshell, so `set -e` and the helper function stay out of the learner's shell
        CommandResult r = shell.run("(\nBOXLAB_CGROUPS='" + cgroupLayout.setupWords() + "'\n" + script + "\n)",
                SETUP_TIMEOUT, null);
        if (!r.ok()) {
            String step = "?";
            Matcher m = Pattern.compile("\u001eSTEP (.*)").matcher(r.output());
            while (m.find()) {
                step = m.group(1);
            }
            String detail = r.output().replaceAll("\u001eSTEP .*\n?", "").strip();
            throw new LabException("lab setup failed at step \"" + step + "\""
                    + (r.timedOut() ? " (timed out)" : " (exit " + r.exitCode() + ")")
                    + (detail.isEmpty() ? "" : ":\n" + detail));
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The lab init's pid as the machine sees it: {@code nsenter -t PID -a} enters the lab. */
    public int initPid() {
        return initPid;
    }

    /** The command line of an interactive bash in this lab on a terminal of type {@code term} (see {@link RunningLab#shellCommand}). */
    public List<String> shellCommand(String term) {
        return new RunningLab(id, initPid, java.time.Instant.now()).shellCommand(null, term);
    }

    @Override
    public boolean isAlive() {
        return !closed && wrapper.isAlive() && ProcessHandle.of(initPid).map(ProcessHandle::isAlive).orElse(false);
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
        return LabState.parseCgroups(cgroupLayout.version(), r.output());
    }

    public CgroupLayout cgroupLayout() {
        return cgroupLayout;
    }

    private void requireAlive() {
        if (!isAlive()) {
            throw new LabException("the lab has ended");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (probe != null) {
            probe.close();
        }
        if (checks != null) {
            checks.close();
        }
        if (shell != null) {
            shell.close();
        }
        endInit(wrapper);
        removeCgroupDirs(cgroupDirs);
    }

    /** Closes init's pipe (the normal way a lab ends), then waits for the pid namespace to empty. */
    private static void endInit(Process unshare) {
        try {
            unshare.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!unshare.waitFor(5, TimeUnit.SECONDS)) {
                unshare.descendants().forEach(ProcessHandle::destroyForcibly);
                unshare.destroyForcibly();
                unshare.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
