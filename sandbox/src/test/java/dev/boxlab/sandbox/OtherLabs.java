package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Labs that other, still running boxlab processes own: someone else's lab open on the same machine
 * while the tests run. What they hold is theirs, not a leftover of ours. A lab whose owner has
 * died is not "other": whatever it left is a leak and counts.
 *
 * <p>A lab's wrapper ({@code boxlab-labwrap-ID}) carries its owner's pid in BOXLAB_OWNER; a lab is
 * ours when that owner is this process or one of its descendants.
 */
record OtherLabs(Set<String> ids, Set<Long> pids) {
    static OtherLabs find() {
        Set<String> ids = new HashSet<>();
        Set<Long> pids = new HashSet<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = LabProcess.cmdline(p.pid()).replace('\0', ' ');
            int at = cmd.indexOf("boxlab-labwrap-");
            if (at < 0 || !cmd.startsWith("bash")) {
                return;
            }
            String id = cmd.substring(at + "boxlab-labwrap-".length()).split(" ")[0];
            owner(p).filter(ProcessHandle::isAlive).filter(o -> !isOrDescendsFrom(o, self)).ifPresent(o -> {
                ids.add(id);
                pids.add(o.pid());
                o.descendants().forEach(d -> pids.add(d.pid()));
            });
        });
        return new OtherLabs(ids, pids);
    }

    boolean ownsProcess(long pid) {
        return pids.contains(pid);
    }

    boolean ownsCgroup(String dir) {
        if (ids.isEmpty()) {
            return false;
        }
        // the parent every lab shares comes and goes with the other labs too
        return dir.endsWith("/boxlab") || ids.stream().anyMatch(id -> dir.contains("/boxlab/" + id));
    }

    /** BOXLAB_OWNER, or for a wrapper started by an older boxlab, the process that started it. */
    private static Optional<ProcessHandle> owner(ProcessHandle wrapper) {
        try {
            String env = Files.readString(Path.of("/proc/" + wrapper.pid() + "/environ"), StandardCharsets.ISO_8859_1);
            for (String kv : env.split("\0")) {
                if (kv.startsWith("BOXLAB_OWNER=")) {
                    return ProcessHandle.of(Long.parseLong(kv.substring("BOXLAB_OWNER=".length())));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return wrapper.parent();
    }

    private static boolean isOrDescendsFrom(ProcessHandle p, long ancestor) {
        Optional<ProcessHandle> q = Optional.of(p);
        while (q.isPresent()) {
            if (q.get().pid() == ancestor) {
                return true;
            }
            q = q.get().parent();
        }
        return false;
    }
}
