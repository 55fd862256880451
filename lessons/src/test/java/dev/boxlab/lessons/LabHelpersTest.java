package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No root: the lessons' cgpath command, the file a lesson's lab installs and run against fake cgroup trees,
 * so both hierarchies are covered whichever one this machine has (the lessons on the kernel cover
 * the real one).
 */
class LabHelpersTest {
    @TempDir
    Path tmp;

    /** The text of a command a lesson's lab has on its PATH (/run/boxlab/bin/NAME): a file of bin/. */
    static String helper(String name) {
        return LabCommands.text(name);
    }

    private record Run(int exit, String out) {}

    private Run cgpath(Path root, String... args) throws Exception {
        Path script = tmp.resolve("cgpath");
        Files.writeString(script, helper("cgpath"));
        List<String> cmd = new ArrayList<>(List.of("sh", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("CGROUP_ROOT", root.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out.strip());
    }

    private Path v2() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("v2"));
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.createDirectories(root.resolve("lab"));
        return root;
    }

    /** A v1 lab as the lab's root.sh mounts it on a systemd host: cpu and cpuacct share one tree. */
    private Path v1() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("v1"));
        for (String tree : List.of("cpu,cpuacct", "devices", "memory", "pids")) {
            Files.createDirectories(root.resolve(tree).resolve("lab"));
        }
        return root;
    }

    @Test
    void v2HasOneTreeAndTheV2Names() throws Exception {
        Path r = v2();
        assertEquals(new Run(0, r + "/box1"), cgpath(r, "box1"));
        assertEquals(new Run(0, r + "/box1/cgroup.procs"), cgpath(r, "box1", "cgroup.procs"));
        for (String f : List.of("memory.max", "memory.events", "memory.swap.max", "pids.max", "pids.events", "cpu.max", "cpu.stat")) {
            assertEquals(new Run(0, r + "/box1/" + f), cgpath(r, "box1", f));
        }
    }

    @Test
    void v1HasATreePerControllerAndTheOlderNames() throws Exception {
        Path r = v1();
        assertEquals(new Run(0, String.join("\n", r + "/cpu,cpuacct/box1", r + "/devices/box1", r + "/memory/box1", r + "/pids/box1")),
                cgpath(r, "box1"));
        assertEquals(4, cgpath(r, "box1", "cgroup.procs").out().lines().filter(l -> l.endsWith("/box1/cgroup.procs")).count());
        assertEquals(new Run(0, r + "/memory/box1/memory.limit_in_bytes"), cgpath(r, "box1", "memory.max"));
        assertEquals(new Run(0, r + "/memory/box1/memory.usage_in_bytes"), cgpath(r, "box1", "memory.current"));
        assertEquals(new Run(0, r + "/memory/box1/memory.oom_control"), cgpath(r, "box1", "memory.events"));
        assertEquals(new Run(0, r + "/memory/box1/memory.swappiness"), cgpath(r, "box1", "memory.swap.max"));
        assertEquals(new Run(0, r + "/pids/box1/pids.max"), cgpath(r, "box1", "pids.max"));
        assertEquals(new Run(0, r + "/pids/box1/pids.events"), cgpath(r, "box1", "pids.events"));
        // the cpu controller is found in a tree it shares with cpuacct
        assertEquals(new Run(0, r + "/cpu,cpuacct/box1/cpu.cfs_quota_us"), cgpath(r, "box1", "cpu.max"));
        assertEquals(new Run(0, r + "/cpu,cpuacct/box1/cpu.stat"), cgpath(r, "box1", "cpu.stat"));
    }

    @Test
    void aControllerTheLabDoesNotHaveAndBadUsageFailWithAMessage() throws Exception {
        Run io = cgpath(v1(), "box1", "io.max");
        assertEquals(1, io.exit());
        assertTrue(io.out().contains("no cgroup tree for the io controller"), io.out());
        Run usage = cgpath(v2());
        assertEquals(2, usage.exit());
        assertTrue(usage.out().startsWith("usage: cgpath"), usage.out());
        assertNotEquals(0, cgpath(v2(), "a", "b", "c").exit());
    }

    /** Every file of bin/ is a command the labs get, and every command has its file. */
    @Test
    void everyFileOfBinIsALabCommand() throws IOException {
        try (var files = Files.list(Path.of("bin"))) {
            assertEquals(new java.util.TreeSet<>(LabCommands.NAMES),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        }
        assertEquals(LabCommands.NAMES.size(), LabCommands.all().size());
    }
}
