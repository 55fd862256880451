package dev.boxlab.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How any process enters a lab from the machine: every namespace of the lab init (its root among
 * them: joining a mount namespace puts a process at that namespace's root, the lab's own), then the
 * same reduced capability bounding set the lab init has, so a shell entered from outside (the
 * lab's shells, {@code boxlab shell}) can do no more than one started inside.
 */
public final class LabEntry {
    /**
     * Capabilities no lesson needs, dropped from every lab process's bounding set: loading modules,
     * setting clocks, rebooting, raw I/O and device nodes (no path to the machine's disks), the
     * kernel log, MAC policy, wake alarms, suspend blocking, audit control, process accounting, tty
     * configuration, BPF and perf (kernel-wide), immutable file flags. The lab keeps what the lessons
     * use: SYS_ADMIN (mount, unshare, pivot_root, sethostname), NET_ADMIN and NET_RAW (links, routes,
     * iptables, ping), SYS_CHROOT, SYS_PTRACE (nsenter into containers), KILL, SETUID/SETGID/SETPCAP/
     * SETFCAP (setpriv, user namespaces' uid maps), DAC_*, FOWNER, CHOWN and the like.
     */
    public static final List<String> DROPPED_CAPABILITIES = List.of("sys_module", "sys_time", "sys_boot", "sys_rawio",
            "mknod", "syslog", "mac_admin", "mac_override", "wake_alarm", "block_suspend", "audit_control",
            "audit_read", "sys_pacct", "sys_tty_config", "bpf", "perfmon", "linux_immutable");

    private LabEntry() {}

    /** The argument of {@code setpriv --bounding-set}: "-sys_module,-sys_time,...". */
    static String dropWords() {
        return String.join(",", DROPPED_CAPABILITIES.stream().map(c -> "-" + c).toList());
    }

    /** The signals a terminal or a keyboard sends a whole session or process group. */
    static final String TERMINAL_SIGNALS = "HUP,INT,QUIT,TERM";

    /**
     * The command line that runs {@code command...} inside the lab whose init has this pid on the machine.
     *
     * <p>nsenter stays on the machine as the parent of what it starts in the lab, and must outlive
     * it: a lab process whose parent died is adopted by the machine's init, not the lab's, and the
     * lab's pid namespace cannot finish ending until that init reaps it (on some machines, a second
     * later). So nsenter ignores the signals a closed terminal or Ctrl-C send (it ends when its child
     * does), and the command inside gets their default actions back.
     */
    public static List<String> command(long initPid, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("env", "--ignore-signal=" + TERMINAL_SIGNALS,
                "nsenter", "-t", Long.toString(initPid), "-a", "--",
                "env", "--default-signal=" + TERMINAL_SIGNALS,
                "setpriv", "--bounding-set", dropWords(), "--inh-caps=-all", "--"));
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Lets an nsenter of {@link #command} end: once what it started in the lab has ended, it reaps it
     * and exits by itself; only one still there after two seconds is killed (killed first, it would
     * leave its child to the machine's init, see above).
     */
    static void awaitEnd(Process nsenter) {
        try {
            if (!nsenter.waitFor(2, TimeUnit.SECONDS)) {
                nsenter.destroyForcibly();
                nsenter.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
