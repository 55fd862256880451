package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How this machine mounts cgroups: pure v2 (one unified tree, as on a Debian 12 VM) or v1 with one
 * hierarchy per controller (hybrid hosts, like this CI machine, count as v1: their v2 tree holds
 * no controllers). A lab gets the controllers boxlab teaches (memory, pids, cpu), and on v1 also
 * the devices controller, without which runc refuses to start a container there.
 */
public record CgroupLayout(Version version, Path root, Map<String, Hierarchy> hierarchies) {
    public enum Version { V1, V2, NONE }

    /** A v1 hierarchy: where it is mounted and its exact option set ("cpu,cpuacct"); for v2 the one tree. */
    public record Hierarchy(Path mountPoint, String options) {}

    public static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu");

    /**
     * v1 controllers a lab joins beyond those it teaches. runc on v1 treats a missing devices
     * hierarchy as fatal ("mountpoint for devices not found"); on v2 device access is an eBPF
     * program, not a controller, so nothing is needed there.
     */
    public static final List<String> V1_RUNTIME_CONTROLLERS = List.of("devices");

    public static CgroupLayout detect() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    readOrEmpty(Path.of("/sys/fs/cgroup/cgroup.controllers")));
        } catch (IOException e) {
            return new CgroupLayout(Version.NONE, null, Map.of());
        }
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Decides from mountinfo lines and the v2 root's cgroup.controllers (unit-tested for both layouts). */
    static CgroupLayout parse(List<String> mountinfo, String v2Controllers) {
        Map<String, Hierarchy> v1 = new LinkedHashMap<>();
        Path v2 = null;
        for (LabState.MountEntry mount : LabState.parseMountinfo(String.join("\n", mountinfo))) {
            Path mp = Path.of(mount.mountPoint());
            String fstype = mount.fsType();
            if (fstype.equals("cgroup2") && v2 == null) {
                v2 = mp;
            } else if (fstype.equals("cgroup")) {
                List<String> ctrls = new ArrayList<>();
                for (String opt : mount.superOptions().split(",")) {
                    if (CONTROLLERS.contains(opt) || V1_RUNTIME_CONTROLLERS.contains(opt) || opt.equals("cpuacct")) {
                        ctrls.add(opt);
                    }
                }
                for (String c : ctrls) {
                    if (CONTROLLERS.contains(c) || V1_RUNTIME_CONTROLLERS.contains(c)) {
                        v1.putIfAbsent(c, new Hierarchy(mp, String.join(",", ctrls)));
                    }
                }
            }
        }
        if (!v1.isEmpty()) {
            return new CgroupLayout(Version.V1, v1.values().iterator().next().mountPoint().getParent(), Map.copyOf(v1));
        }
        if (v2 != null) {
            Map<String, Hierarchy> h = new LinkedHashMap<>();
            for (String c : v2Controllers.split("\\s+")) {
                if (CONTROLLERS.contains(c)) {
                    h.put(c, new Hierarchy(v2, c));
                }
            }
            return new CgroupLayout(Version.V2, v2, Map.copyOf(h));
        }
        return new CgroupLayout(Version.NONE, null, Map.of());
    }

    /**
     * On v2 a cgroup's children get a controller only when every cgroup above them lists it in
     * cgroup.subtree_control: enables the lab's controllers in the root (systemd usually has) and in
     * {@code boxlab} (which holds no process), so each lab's cgroup offers them. Does nothing on v1.
     * A controller the kernel refuses (e.g. cpu with realtime tasks about) is left out, not fatal:
     * the lab's setup enables what its cgroup offers.
     */
    public void delegate() throws IOException {
        if (version != Version.V2) {
            return;
        }
        Path boxlab = root.resolve("boxlab");
        Files.createDirectories(boxlab);
        for (Path p : List.of(root, boxlab)) {
            for (String c : hierarchies.keySet()) {
                try {
                    Files.writeString(p.resolve("cgroup.subtree_control"), "+" + c);
                } catch (IOException e) {
                    // left out; see above
                }
            }
        }
    }

    /** The distinct directories a lab's cgroup lives in, one per hierarchy (one for v2). */
    public List<Path> labDirs(String labId) {
        List<Path> out = new ArrayList<>();
        for (Hierarchy h : hierarchies.values()) {
            Path p = h.mountPoint().resolve("boxlab").resolve(labId);
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * What the lab's setup mounts inside, as words for lab/root.sh: "v2", or "v1 DIR=OPTS ..." (one
     * per distinct hierarchy, e.g. "v1 memory=memory pids=pids cpu=cpu"), or "none".
     */
    public String setupWords() {
        return switch (version) {
            case V2 -> "v2";
            case NONE -> "none";
            case V1 -> {
                StringBuilder sb = new StringBuilder("v1");
                List<String> seen = new ArrayList<>();
                for (Hierarchy h : hierarchies.values()) {
                    String dir = h.mountPoint().getFileName().toString();
                    if (!seen.contains(dir)) {
                        seen.add(dir);
                        sb.append(' ').append(dir).append('=').append(h.options());
                    }
                }
                yield sb.toString();
            }
        };
    }
}
