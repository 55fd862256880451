package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A lab's cgroups on the machine: {@code boxlab/<id>} in each hierarchy the lab uses, with
 * {@code outside/} for the lab's world (the wrapper, the outside server) and {@code inside/}, the
 * root of the lab's cgroup namespace, where the lab's own processes sit in the leaf {@code lab/}
 * and the lessons make their cgroups beside it. The kernel does not remove cgroups when their
 * processes end: the lab's wrapper removes them when the lab is gone, and a start sweeps what a
 * crash (a reboot mid-lab) left behind.
 */
final class LabCgroups {
    private final CgroupLayout layout;
    private final List<Path> dirs;

    private LabCgroups(CgroupLayout layout, List<Path> dirs) {
        this.layout = layout;
        this.dirs = dirs;
    }

    /** Makes the lab's cgroup directories; on failure nothing is left and the message says which. */
    static LabCgroups create(CgroupLayout layout, String labId, LabLimits limits) {
        sweepStale(layout);
        LabCgroups c = new LabCgroups(layout, layout.labDirs(labId));
        for (Path d : c.dirs) {
            try {
                if (d == c.dirs.get(0)) {
                    layout.delegate();   // once: the machine's root and boxlab/ (v2 only)
                }
                makeDirs(layout, d);
                // on v2 the lab's cgroup (which holds no process) hands its controllers to inside/
                c.delegateTo(d);
                // before any process joins: the lab's whole subtree, outside/ and inside/, is held to them
                limits.apply(d);
            } catch (IOException e) {
                c.remove();
                throw new LabException("lab setup failed at step \"create the lab's cgroup " + d + "\": " + e.getMessage());
            }
        }
        return c;
    }

    /**
     * Makes {@code dir}/outside and {@code dir}/inside. The parent boxlab/ is shared: another lab's
     * wrapper removes it when it is empty as that lab ends, which can fall between making it and
     * making this lab's directory in it; then it is made (and on v2 given its controllers) again.
     */
    private static void makeDirs(CgroupLayout layout, Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(dir.resolve("outside"));
                Files.createDirectories(dir.resolve("inside"));
                return;
            } catch (java.nio.file.NoSuchFileException e) {
                if (attempt == 20) {
                    throw e;
                }
                layout.delegate();
            }
        }
    }

    private void delegateTo(Path dir) {
        if (layout.version() != CgroupLayout.Version.V2) {
            return;
        }
        for (String controller : layout.hierarchies().keySet()) {
            try {
                Files.writeString(dir.resolve("cgroup.subtree_control"), "+" + controller);
            } catch (IOException e) {
                // a controller the machine does not offer here: the lab enables what it gets
            }
        }
    }

    List<Path> dirs() {
        return dirs;
    }

    CgroupLayout layout() {
        return layout;
    }

    /** Moves a process (by its pid on the machine) into the leaf where the lab's own processes live. */
    void adopt(long pid) {
        for (Path d : dirs) {
            try {
                Files.writeString(d.resolve("inside/lab/cgroup.procs"), Long.toString(pid));
            } catch (IOException e) {
                // a process that already ended, or a hierarchy the lab could not set up: not fatal
            }
        }
    }

    /** True once every directory is gone (the wrapper removes them as the lab ends). */
    boolean gone() {
        return dirs.stream().noneMatch(Files::isDirectory);
    }

    void remove() {
        removeTrees(dirs);
    }

    /** Removes the cgroups of labs whose boxlab and wrapper were both killed (e.g. a reboot mid-lab). */
    private static void sweepStale(CgroupLayout layout) {
        for (CgroupLayout.Hierarchy h : layout.hierarchies().values()) {
            Path parent = h.mountPoint().resolve("boxlab");
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (var labs = Files.list(parent)) {
                for (Path lab : labs.filter(Files::isDirectory).toList()) {
                    // a lab another boxlab is starting right now has a directory but no process yet
                    if (!hasProcesses(lab) && olderThan(lab, Duration.ofSeconds(30))) {
                        removeTrees(List.of(lab));
                    }
                }
            } catch (IOException e) {
                // nothing to sweep
            }
        }
    }

    private static boolean olderThan(Path p, Duration age) {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasProcesses(Path cgroup) {
        try (var walk = Files.walk(cgroup)) {
            return walk.filter(Files::isDirectory).anyMatch(d -> {
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

    private static void removeTrees(List<Path> trees) {
        for (Path d : trees) {
            try (var walk = Files.walk(d)) {
                for (Path p : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
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
}
