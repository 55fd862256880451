package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.boxlab.sandbox.CgroupLayout;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.Lab;
import dev.boxlab.sandbox.LabLimits;
import dev.boxlab.sandbox.MachineUnchanged;

/** Root: the lessons' commands (container-pid, make-rootfs, cgpath) in a lab, on the real kernel. */
@ExtendWith(MachineUnchanged.class)
class LabHelpersOnKernelTest {
    @Test
    void containerPidFindsTheContainerByHostnamePreferringPid1() {
        try (Lab lab = Lab.start(LabLimits.NONE, LabCommands.all())) {
            // unshare --fork stays in the new UTS namespace beside its child: the child, PID 1 inside, wins
            lab.run("unshare --uts --pid --fork --mount-proc sh -c 'hostname c1; exec sleep infinity' </dev/null >/dev/null 2>&1 &");
            CommandResult pid = lab.run("container-pid c1");
            assertTrue(pid.ok(), pid.output());
            String p = pid.output().strip();
            assertTrue(lab.run("grep -E '^NSpid:\\s+" + p + "\\s+1$' /proc/" + p + "/status").ok(), "not PID 1 of its namespace: " + p);
            assertEquals("c1", lab.run("nsenter -t " + p + " --uts hostname").output().strip());
            // a container without a PID namespace of its own is found too
            lab.run("unshare --uts sh -c 'hostname c2; exec sleep infinity' </dev/null >/dev/null 2>&1 &");
            assertTrue(lab.run("container-pid c2").ok());
            // the lab host's own hostname is not a container
            CommandResult none = lab.run("container-pid lab-host");
            assertEquals(1, none.exitCode());
            assertTrue(none.output().contains("no container with the hostname lab-host"), none.output());
        }
    }

    @Test
    void makeRootfsBuildsARootThatRunsBusybox() {
        try (Lab lab = Lab.start(LabLimits.NONE, LabCommands.all())) {
            String dir = "/tmp/rootfs-" + lab.id();
            CommandResult made = lab.run("make-rootfs " + dir + " && chroot " + dir
                    + " /bin/sh -c 'ls /bin/ls /usr/bin/env /sbin/pivot_root && id -un'");
            assertTrue(made.ok(), made.output());
            assertTrue(made.output().strip().endsWith("root"), made.output());
            // built in the lab's private scratch space, not in the machine's /tmp
            assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(dir)), "make-rootfs wrote to the machine's /tmp");
        }
    }

    @Test
    void cgpathPointsAtThisMachinesHierarchy() {
        try (Lab lab = Lab.start(LabLimits.NONE, LabCommands.all())) {
            CgroupLayout.Version v = lab.cgroupLayout().version();
            CommandResult r = lab.run("mkdir -p $(cgpath t1) && cat $(cgpath t1 memory.max) $(cgpath t1 pids.max) $(cgpath t1 cpu.max)");
            assertTrue(r.ok(), r.output());
            String cgroupDir = lab.run("cgpath t1").output();
            if (v == CgroupLayout.Version.V2) {
                assertEquals("/sys/fs/cgroup/t1", cgroupDir.strip());
                assertTrue(r.output().startsWith("max\nmax\nmax 100000"), r.output());
            } else {
                assertTrue(cgroupDir.contains("/sys/fs/cgroup/memory/t1\n"), cgroupDir);
                assertTrue(r.output().contains("max\n-1"), r.output()); // pids.max, then cpu.cfs_quota_us
            }
            // a process written to cgroup.procs in every tree is in t1 everywhere
            CommandResult joined = lab.run("sh -c 'echo $$ | tee $(cgpath t1 cgroup.procs) >/dev/null; cat /proc/self/cgroup'");
            for (String line : joined.output().strip().split("\n")) {
                String[] f = line.split(":", 3);
                boolean taught = v == CgroupLayout.Version.V2 ? f[0].equals("0")
                        : java.util.Arrays.stream(f[1].split(",")).anyMatch(CgroupLayout.CONTROLLERS::contains);
                if (taught) {
                    assertEquals("/t1", f[2], line);
                }
            }
        }
    }
}
