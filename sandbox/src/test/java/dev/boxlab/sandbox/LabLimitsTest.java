package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Per-lab limits: the defaults for a room, sizes, the files written, and (root) a lab held to them. */
@ExtendWith(MachineUnchanged.class)
class LabLimitsTest {
    private static final long MIB = 1024L * 1024;

    @Test
    void aRoomSharesTheMachine() {
        LabLimits l = LabLimits.forRoom(30, 24 * 1024 * MIB, 2);
        assertEquals(655, l.memoryBytes() / MIB);
        assertEquals(1024, l.pids());
        assertEquals(1.0, l.cpus());
        assertEquals(256, LabLimits.forRoom(100, 8 * 1024 * MIB, 2).memoryBytes() / MIB, "never below 256 MiB");
        assertEquals("655 MiB memory, 1024 processes, 1 CPU", l.describe());
        assertEquals("2 GiB memory, 64 processes, 0.5 CPU", new LabLimits(2048 * MIB, 64, 0.5).describe());
        assertEquals("no limits", LabLimits.NONE.describe());
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals(512 * MIB, LabLimits.parseSize("512M"));
        assertEquals(1536 * MIB, LabLimits.parseSize("1.5G"));
        assertEquals(2048 * MIB, LabLimits.parseSize("2GiB"));
        assertEquals(1000, LabLimits.parseSize("1000"));
        assertThrows(IllegalArgumentException.class, () -> LabLimits.parseSize("lots"));
    }

    @Test
    void eachLimitIsWrittenWhereItsFileIs(@TempDir Path dir) throws Exception {
        Path v1mem = Files.createDirectories(dir.resolve("memory"));
        Files.writeString(v1mem.resolve("memory.limit_in_bytes"), "");
        Path v1cpu = Files.createDirectories(dir.resolve("cpu"));
        for (String f : List.of("cpu.cfs_period_us", "cpu.cfs_quota_us")) {
            Files.writeString(v1cpu.resolve(f), "");
        }
        Path v2 = Files.createDirectories(dir.resolve("v2"));
        for (String f : List.of("memory.max", "pids.max", "cpu.max")) {
            Files.writeString(v2.resolve(f), "");
        }
        LabLimits l = new LabLimits(300 * MIB, 100, 0.5);
        for (Path d : List.of(v1mem, v1cpu, v2)) {
            l.apply(d);
        }
        assertEquals(Long.toString(300 * MIB), Files.readString(v1mem.resolve("memory.limit_in_bytes")));
        assertEquals("100000", Files.readString(v1cpu.resolve("cpu.cfs_period_us")));
        assertEquals("50000", Files.readString(v1cpu.resolve("cpu.cfs_quota_us")));
        assertEquals(Long.toString(300 * MIB), Files.readString(v2.resolve("memory.max")));
        assertEquals("100", Files.readString(v2.resolve("pids.max")));
        assertEquals("50000 100000", Files.readString(v2.resolve("cpu.max")));
        assertEquals(List.of("memory.limit_in_bytes"), Files.list(v1mem).map(p -> p.getFileName().toString()).toList(),
                "no file is made where the hierarchy has none");
    }

    @Test
    void aLabIsHeldToItsLimits() throws Exception {
        RootOnly.require();
        try (Lab lab = Lab.start(new LabLimits(300 * MIB, 100, 0.5))) {
            // on the lab's cgroup, above the cgroup namespace the lab sees: root in the lab cannot lift them
            long found = 0;
            for (Path d : lab.cgroupLayout().labDirs(lab.id())) {
                for (String f : List.of("memory.max", "memory.limit_in_bytes")) {
                    if (Files.exists(d.resolve(f))) {
                        assertEquals(Long.toString(300 * MIB), Files.readString(d.resolve(f)).strip(), d + "/" + f);
                        found++;
                    }
                }
            }
            assertEquals(1, found, "one memory limit, on the memory hierarchy");
            // more processes than the lab may have: fork fails instead of the machine filling up (busybox sh
            // says so at once where bash would retry for seconds)
            CommandResult r = lab.run("busybox sh -c 'for i in $(seq 150); do sleep 1 & done; wait' 2>&1 | grep -c fork",
                    "test", Duration.ofSeconds(30), null);
            assertTrue(Integer.parseInt(r.output().strip()) > 0, r.output());
            assertTrue(lab.run("echo still here").output().contains("still here"), "the lab lives on");
        }
    }
}
