package dev.boxlab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * <p>Teardown is done by the kernel. The lab's init is {@code cat} reading a pipe from this JVM;
 * when the JVM exits, however it exits (even SIGKILL), the pipe closes, init exits, the pid
 * namespace dies with every process in it, and with the last process go the mount namespace, the
 * /run/netns bind mounts, and every namespace, veth, bridge and iptables rule built inside.
 *
 * <p>Naming: the init shows in {@code ps} as {@code boxlab-lab-<id>}; the outside namespaces are held
 * by {@code boxlab-outside-router} and {@code boxlab-outside-server}.
 */
public final class Lab implements AutoCloseable {
    /** The lab host's address on its uplink: "the host's external address" in the lessons. */
    public static final String HOST_ADDRESS = "192.0.2.10";
    public static final String ROUTER_ADDRESS = "192.0.2.1";
    public static final String SERVER_ADDRESS = "203.0.113.10";
    public static final String INIT_PREFIX = "boxlab-lab-";

    private static final List<String> ENVIRONMENT = List.of(
            "PATH=/run/boxlab/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/root", "TERM=dumb", "LANG=C.UTF-8", "PAGER=cat", "SYSTEMD_PAGER=");
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(20);

    private final String id;
    private final Process unshare;
    private final int initPid;
    private final Transcript transcript = new Transcript();
    private LabShell shell;
    private LabShell probe;
    private volatile boolean closed;

    private Lab(String id, Process unshare, int initPid) {
        this.id = id;
        this.unshare = unshare;
        this.initPid = initPid;
    }

    /** Starts a lab. On any failure nothing is left behind and the message says which step failed. */
    public static Lab start() {
        Host.preflight(List.of());
        String id = UUID.randomUUID().toString().substring(0, 8);
        Process unshare;
        try {
            unshare = new ProcessBuilder("unshare", "--net", "--mount", "--pid", "--uts", "--ipc", "--fork",
                    "--mount-proc", "--propagation", "private", "--",
                    "bash", "-c", "exec -a " + INIT_PREFIX + id + " cat >/dev/null")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new LabException("lab setup failed at step \"start the lab init (unshare)\": " + e.getMessage());
        }
        Lab lab = null;
        try {
            int pid = findInit(unshare, id);
            lab = new Lab(id, unshare, pid);
            lab.shell = new LabShell(pid, "shell", ENVIRONMENT);
            lab.setup();
            lab.probe = new LabShell(pid, "probe", ENVIRONMENT);
            return lab;
        } catch (RuntimeException e) {
            if (lab != null) {
                lab.close();
            } else {
                endInit(unshare);
            }
            throw e instanceof LabException ? e : new LabException("lab setup failed: " + e, e);
        }
    }

    private static int findInit(Process unshare, String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!unshare.isAlive()) {
                throw new LabException("lab setup failed at step \"start the lab init (unshare)\": "
                        + readAll(unshare.getErrorStream()).strip());
            }
            Optional<ProcessHandle> child = unshare.children().findFirst();
            if (child.isPresent() && isInit(child.get().pid(), id)) {
                return (int) child.get().pid();
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
        CommandResult r = shell.run("(\n" + script + "\n)", SETUP_TIMEOUT, null);
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

    public String id() {
        return id;
    }

    /** The lab init's pid as the machine sees it: {@code nsenter -t PID -a} enters the lab. */
    public int initPid() {
        return initPid;
    }

    public boolean isAlive() {
        return !closed && unshare.isAlive() && ProcessHandle.of(initPid).map(ProcessHandle::isAlive).orElse(false);
    }

    public Transcript transcript() {
        return transcript;
    }

    /** Runs a command in the lab host's shell on the learner's behalf, recorded in the transcript. */
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
     * Runs a command in a second shell of the lab that the transcript does not record: checks and
     * snapshots, which must not wait behind the learner's long-running command.
     */
    public CommandResult probe(String command, Duration timeout) {
        requireAlive();
        return probe.run(command, timeout, null);
    }

    /** What the kernel holds now, in every namespace of the lab. */
    public Snapshot snapshot() {
        CommandResult r = probe("bash /run/boxlab/probe.sh", Duration.ofSeconds(10));
        if (r.timedOut()) {
            throw new LabException("taking a snapshot of the lab timed out");
        }
        return SnapshotParser.parse(r.output());
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
        if (shell != null) {
            shell.close();
        }
        endInit(unshare);
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
