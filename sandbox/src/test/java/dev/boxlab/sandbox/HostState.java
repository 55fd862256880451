package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a root test could leave behind on the machine: named network namespaces, links, iptables
 * rules, mounts, cgroup directories, and processes of ours. Capture before, compare after.
 */
public record HostState(List<String> netns, List<String> links, List<String> iptables, List<String> nftables,
                        List<String> mounts,
                        List<String> cgroups, List<String> processes) {

    public static HostState capture() {
        OtherLabs others = OtherLabs.find();
        return new HostState(
                lines("ip", "netns", "list"),
                lines("ip", "-o", "link", "show").stream().map(HostState::linkName).toList(),
                lines("iptables-save").stream().filter(l -> !l.startsWith("#"))
                        .map(l -> l.replaceAll("\\[\\d+:\\d+\\]", "")).toList(),
                lines("nft", "list", "ruleset").stream()
                        .map(l -> l.replaceAll("counter packets \\d+ bytes \\d+", "counter")).toList(),
                mountPoints(),
                cgroupDirs().stream().filter(d -> !others.ownsCgroup(d)).toList(),
                ourProcesses().stream().filter(p -> !others.ownsProcess(Long.parseLong(p.split(" ", 2)[0]))).toList());
    }

    /** Waits up to a few seconds for the machine to settle back (namespaces are freed asynchronously). */
    public static String leftoversSince(HostState before) {
        String diff = null;
        for (int i = 0; i < 50; i++) {
            diff = before.compare(capture());
            if (diff.isEmpty()) {
                return diff;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return diff;
    }

    public String compare(HostState after) {
        StringBuilder sb = new StringBuilder();
        diff(sb, "netns", netns, after.netns);
        diff(sb, "link", links, after.links);
        diff(sb, "iptables", iptables, after.iptables);
        diff(sb, "nftables", nftables, after.nftables);
        diff(sb, "mount", mounts, after.mounts);
        // a lab's cgroup that is gone is no leftover: another boxlab's lab that ended meanwhile
        diff(sb, "cgroup", cgroups, after.cgroups, g -> !g.contains("/boxlab"));
        // a process of ours that is gone is no leftover (another boxlab's lab may have ended meanwhile)
        TreeSet<String> added = new TreeSet<>(after.processes);
        added.removeAll(processes);
        added.forEach(x -> sb.append("new process: ").append(x).append('\n'));
        return sb.toString();
    }

    private static void diff(StringBuilder sb, String what, List<String> a, List<String> b) {
        diff(sb, what, a, b, x -> true);
    }

    private static void diff(StringBuilder sb, String what, List<String> a, List<String> b,
                             java.util.function.Predicate<String> countGone) {
        TreeSet<String> added = new TreeSet<>(b);
        added.removeAll(a);
        TreeSet<String> removed = new TreeSet<>(a);
        removed.removeAll(b);
        added.forEach(x -> sb.append("new ").append(what).append(": ").append(x).append('\n'));
        removed.stream().filter(countGone).forEach(x -> sb.append("gone ").append(what).append(": ").append(x).append('\n'));
    }

    private static String linkName(String line) {
        String[] p = line.split(":\\s+");
        return p.length > 1 ? p[1].replaceAll("@.*", "") : line;
    }

    private static List<String> mountPoints() {
        try {
            // mount point and source only: ids and options move for reasons of their own
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> {
                String[] f = l.split(" ");
                int dash = l.indexOf(" - ");
                return f[4] + " " + (dash < 0 ? "" : l.substring(dash + 3));
            }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> cgroupDirs() {
        List<String> out = new ArrayList<>();
        Path root = Path.of("/sys/fs/cgroup");
        // every directory near the roots (a lab writing to the machine's cgroup root shows here),
        // and anything named boxlab further down
        try (Stream<Path> s = Files.walk(root, 4)) {
            s.filter(Files::isDirectory).filter(p -> root.relativize(p).getNameCount() <= 2 || p.toString().contains("boxlab"))
                    .map(Path::toString).forEach(out::add);
        } catch (IOException | RuntimeException e) {
            // no cgroup fs: nothing to compare
        }
        return out;
    }

    /** Processes whose command line says they are ours: a lab init, its outside world, its shells. */
    private static List<String> ourProcesses() {
        List<String> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = cmdline(p.pid());
            if (cmd.contains("boxlab-lab") || cmd.contains("boxlab-world-") || cmd.contains("/run/boxlab")
                    || (cmd.startsWith("unshare ") && cmd.contains("--net"))) {
                out.add(p.pid() + " " + cmd);
            }
        });
        return out;
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> lines(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
