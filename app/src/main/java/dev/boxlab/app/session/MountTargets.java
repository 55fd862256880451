package dev.boxlab.app.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.boxlab.sandbox.LabState.ProcessInfo;

/** Whose mount table the mounts view shows: the lab host (null) or a process with a mount namespace of its own. */
final class MountTargets {
    private List<ProcessInfo> processes = List.of();
    private Integer pid;
    private String label = "the lab host (pid 1)";

    Integer pid() {
        return pid;
    }

    String label() {
        return label;
    }

    void processes(List<ProcessInfo> p) {
        processes = p;
    }

    void next(int dir) {
        List<ProcessInfo> own = new ArrayList<>();
        ProcessInfo init = processes.stream().filter(p -> p.pid() == 1).findFirst().orElse(null);
        Set<String> seen = new HashSet<>();
        if (init != null) {
            seen.add(init.namespaces().get("mnt"));
        }
        for (ProcessInfo p : processes) {
            if (seen.add(p.namespaces().get("mnt"))) {
                own.add(p);
            }
        }
        List<Integer> targets = new ArrayList<>();
        targets.add(null);
        own.forEach(p -> targets.add(p.pid()));
        int n = Math.floorMod(targets.indexOf(pid) + dir, targets.size());
        pid = targets.get(n);
        if (pid == null) {
            label = "the lab host (pid 1)";
        } else {
            ProcessInfo p = own.get(n - 1);
            String cmd = p.command().length() > 30 ? p.command().substring(0, 27) + "..." : p.command();
            label = "pid " + p.pid() + " " + cmd;
        }
    }
}
