package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The descendants of a process, read from {@code /proc/PID/task/TID/children}: only the processes
 * under it are read, where {@link ProcessHandle#descendants()} reads every process of the machine
 * (milliseconds on a busy one, and a lab shell asks before each command). Where the kernel has no
 * children files (built without CONFIG_PROC_CHILDREN) it is {@code ProcessHandle}'s answer.
 */
final class Descendants {
    private Descendants() {}

    /** The pids under {@code root}, parents before their children. */
    static Set<Long> of(ProcessHandle root) {
        long pid = root.pid();
        if (!Files.exists(Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children"))) {
            return root.descendants().map(ProcessHandle::pid).collect(Collectors.toCollection(LinkedHashSet::new));
        }
        Set<Long> out = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(pid);
        while (!todo.isEmpty()) {
            long p = todo.poll();
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(p), "task"))) {
                for (Path task : tasks) {
                    for (String child : children(task)) {
                        long c = Long.parseLong(child);
                        if (out.add(c)) {
                            todo.add(c);
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended while it was read: it has no descendants left to find
            }
        }
        return out;
    }

    private static String[] children(Path task) {
        try {
            String s = Files.readString(task.resolve("children")).strip();
            return s.isEmpty() ? new String[0] : s.split("\\s+");
        } catch (IOException e) {
            return new String[0];
        }
    }

    /** SIGKILL to each of {@code pids} still running. */
    static void kill(Set<Long> pids) {
        for (long p : pids) {
            ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
