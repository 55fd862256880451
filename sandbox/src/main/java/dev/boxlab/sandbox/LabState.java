package dev.boxlab.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lab's non-network state: mounts, processes with their namespaces, and its cgroup tree. */
public final class LabState {
    private LabState() {}

    /** One line of /proc/PID/mountinfo. */
    public record MountEntry(int id, int parentId, String mountPoint, String root, String fsType, String source,
                             String options, String superOptions) {
        /** Overlay's lowerdir/upperdir/workdir, when this is an overlay mount. */
        public Map<String, String> overlayDirs() {
            Map<String, String> out = new LinkedHashMap<>();
            if ("overlay".equals(fsType)) {
                for (String o : superOptions.split(",")) {
                    int eq = o.indexOf('=');
                    if (eq > 0 && o.substring(0, eq).endsWith("dir")) {
                        out.put(o.substring(0, eq), o.substring(eq + 1));
                    }
                }
            }
            return out;
        }
    }

    /**
     * A process of the lab, with pids as the lab sees them and the inode of each of its namespaces
     * (net, mnt, pid, uts, ipc, cgroup): two processes share a namespace when the inodes match.
     */
    public record ProcessInfo(int pid, int ppid, Map<String, String> namespaces, String command) {}

    /** A cgroup directory of the lab (path relative to the lab's cgroup root) and its limits and usage. */
    public record CgroupDir(String hierarchy, String path, Map<String, String> values) {}

    /** The lab's cgroup tree as the lab sees it on /sys/fs/cgroup. */
    public record CgroupState(CgroupLayout.Version version, List<CgroupDir> dirs) {}

    public static List<MountEntry> parseMountinfo(String text) {
        List<MountEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] pre = line.substring(0, dash).split(" ");
            String[] post = line.substring(dash + 3).split(" ");
            if (pre.length < 6 || post.length < 3) {
                continue;
            }
            try {
                out.add(new MountEntry(Integer.parseInt(pre[0]), Integer.parseInt(pre[1]), unescape(pre[4]),
                        unescape(pre[3]), post[0], unescape(post[1]), pre[5], post[2]));
            } catch (NumberFormatException e) {
                // not a mountinfo line
            }
        }
        return out;
    }

    /** mountinfo writes spaces and the like as octal escapes (\040). */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                try {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    static final List<String> NS_COLUMNS = List.of("net", "mnt", "pid", "uts", "ipc", "cgroup");

    /** Reads {@code ps -e -o pid=,ppid=,netns=,mntns=,pidns=,utsns=,ipcns=,cgroupns=,args=}. */
    public static List<ProcessInfo> parsePs(String text) {
        List<ProcessInfo> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+", 9);
            if (f.length < 9) {
                continue;
            }
            try {
                Map<String, String> ns = new LinkedHashMap<>();
                for (int i = 0; i < NS_COLUMNS.size(); i++) {
                    ns.put(NS_COLUMNS.get(i), f[2 + i]);
                }
                out.add(new ProcessInfo(Integer.parseInt(f[0]), Integer.parseInt(f[1]), ns, f[8]));
            } catch (NumberFormatException e) {
                // a header or a torn line
            }
        }
        return out;
    }

    /** Reads the cgroup probe: "\036DIR hierarchy path" headers, then "key value" lines. */
    public static CgroupState parseCgroups(CgroupLayout.Version version, String text) {
        List<CgroupDir> dirs = new ArrayList<>();
        for (String section : text.split("\u001e")) {
            if (!section.startsWith("DIR ")) {
                continue;
            }
            String[] lines = section.split("\n");
            String[] head = lines[0].split(" ", 3);
            if (head.length < 3) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int sp = lines[i].indexOf(' ');
                if (sp > 0) {
                    values.put(lines[i].substring(0, sp), lines[i].substring(sp + 1).strip());
                }
            }
            dirs.add(new CgroupDir(head[1], head[2], values));
        }
        return new CgroupState(version, dirs);
    }
}
