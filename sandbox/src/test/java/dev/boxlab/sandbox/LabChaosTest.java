package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Root: a learner doing their worst inside a lab, and the machine exactly as before. The machine's
 * own files are touched only through canaries this test placed itself (and removes, whatever
 * happens); networks, mounts, cgroups and processes are compared by {@link MachineUnchanged}.
 */
@ExtendWith(MachineUnchanged.class)
class LabChaosTest {
    private final String tag = "boxlab-canary-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Path> canaries = new ArrayList<>();
    private final List<Path> mustNotAppear = new ArrayList<>();

    @BeforeEach
    void placeCanaries() throws IOException {
        RootOnly.require();
        for (String dir : List.of("/etc", "/root", "/srv", "/opt", "/usr/local/share")) {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            Path f = d.resolve(tag);
            Files.writeString(f, "canary " + dir + "\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            canaries.add(f);
            mustNotAppear.add(d.resolve(tag + "-new"));
        }
    }

    @AfterEach
    void removeCanaries() throws IOException {
        for (Path p : canaries) {
            Files.deleteIfExists(p);
        }
        for (Path p : mustNotAppear) {
            if (Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    for (Path q : s.toList()) {
                        Files.deleteIfExists(q);
                    }
                }
            }
            Files.deleteIfExists(p);
        }
    }

    @Test
    void writesAndDeletesAnywhereLandInTheLabAndVanishWithIt() throws IOException {
        try (Lab lab = Lab.start()) {
            for (Path c : canaries) {
                String d = c.getParent().toString();
                CommandResult r = lab.run("echo changed > " + c + " && chmod 600 " + c + " && cat " + c
                        + " && rm " + c + " && ! test -e " + c + " && mkdir " + d + "/" + tag + "-new && echo x > "
                        + d + "/" + tag + "-new/x && rm -rf " + d + "/" + tag + "-new/x");
                assertTrue(r.ok() && r.output().startsWith("changed"), "in the lab, " + d + " is writable: " + r.output());
            }
            // a whole tree deleted in the lab
            assertTrue(lab.run("rm -rf /usr/local/share && ! test -e /usr/local/share/" + tag).ok());
        }
        for (Path c : canaries) {
            assertEquals("canary " + c.getParent() + "\n", Files.readString(c), c + " changed on the machine");
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(c)), c + " mode changed");
        }
        for (Path p : mustNotAppear) {
            assertFalse(Files.exists(p), p + " appeared on the machine");
        }
    }

    @Test
    void unmountingTheLabsRunLeavesNoNamespaceOnTheMachineAndTheLabSaysItIsBroken() {
        String ns = tag.replace("boxlab-canary-", "leak");
        try (Lab lab = Lab.start()) {
            assertEquals(List.of(), lab.problems());
            lab.run("umount -l /run; ip netns add " + ns);
            assertTrue(lab.run("ip netns list").output().contains(ns), "the learner's namespace exists in the lab");
            assertFalse(lab.problems().isEmpty(), "a lab without its /run says so");
            assertTrue(lab.problems().get(0).contains("/run"), lab.problems().toString());
        }
        assertFalse(Files.exists(Path.of("/run/netns/" + ns)), "the namespace leaked to the machine");
    }

    @Test
    void killingEverythingInTheLabSparesTheOutsideWorld() {
        try (Lab lab = Lab.start()) {
            lab.run("kill -9 -1");
            // the shells were killed too; the next command gets a fresh one
            CommandResult page = lab.run("curl -s --max-time 5 http://203.0.113.10/");
            assertTrue(page.output().contains("hello from the outside server"), page.output());
            assertTrue(lab.run("ip -br link show eth0").output().contains("UP"));
            assertEquals(List.of(), lab.problems());
            // breaking the uplink on purpose is noticed
            lab.run("ip link del eth0");
            assertTrue(lab.problems().stream().anyMatch(p -> p.contains("eth0")), lab.problems().toString());
        }
    }

    @Test
    void flushingTheLabsFirewallLeavesTheMachinesAlone() {
        try (Lab lab = Lab.start()) {
            assertTrue(lab.run("iptables -A INPUT -j ACCEPT && iptables -t nat -A POSTROUTING -j MASQUERADE").ok());
            assertTrue(lab.run("iptables -F && iptables -t nat -F && iptables -X").ok());
            CommandResult nft = lab.run("nft add table inet t && nft flush ruleset && nft list ruleset | wc -l");
            assertTrue(nft.ok() && nft.output().strip().equals("0"), nft.output());
        }
        // MachineUnchanged compares the machine's iptables-save before and after
    }

    @Test
    void kernelWideStateAndHardwareAreOutOfReach() {
        try (Lab lab = Lab.start()) {
            expectFailure(lab, "echo 1 > /proc/sys/kernel/ns_last_pid", "Read-only file system");
            expectFailure(lab, "echo 3 > /proc/sys/vm/drop_caches", "Read-only file system");
            expectFailure(lab, "echo x > /sys/class/net/eth0/ifalias", "Read-only file system");
            // this kernel may have no sysrq-trigger at all; where it has one, it is read-only
            expectFailure(lab, "echo h > /proc/sysrq-trigger", "Read-only file system|No such file or directory");
            // no disks in /dev, and none can be made
            assertEquals("", lab.run("ls /dev | grep -E '^(sd|vd|hd|nvme|xvd|loop|zram|mmcblk|dm-)'").output().strip());
            expectFailure(lab, "mknod /tmp/disk b 8 0", "Operation not permitted");
            // kernel modules, the clock, reboot: the capabilities are gone (EPERM before any other check)
            // (a kernel built without module support says so instead: the bounding set below proves the rest)
            expectFailure(lab, "echo junk > /tmp/x.ko && busybox insmod /tmp/x.ko", "Operation not permitted|does not support");
            expectFailure(lab, "date -s @0", "Operation not permitted");
            expectFailure(lab, "busybox reboot -f", "Operation not permitted");
            // networking stays the lab's own to tune
            CommandResult fwd = lab.run("echo 1 > /proc/sys/net/ipv4/ip_forward");
            assertTrue(fwd.ok(), fwd.output());
            String bounding = lab.run("setpriv -d | grep -i bounding").output().toLowerCase();
            for (String cap : LabEntry.DROPPED_CAPABILITIES) {
                assertFalse(bounding.contains(cap), cap + " is in the lab's bounding set: " + bounding);
            }
            assertTrue(bounding.contains("sys_admin") && bounding.contains("net_admin"), bounding);
        }
    }

    @Test
    void endlessOutputIsBoundedAndInterruptible() {
        try (Lab lab = Lab.start()) {
            CommandResult r = lab.run("yes", "test", Duration.ofSeconds(3), null);
            assertTrue(r.timedOut());
            assertTrue(r.output().length() < BoundedOutput.HEAD + BoundedOutput.TAIL + 200, "kept " + r.output().length());
            assertTrue(r.output().contains("characters of output left out"), r.output().substring(0, 100));
            assertEquals("still here", lab.run("echo still here").output().strip());
        }
        // and after all that, a new lab starts
        try (Lab lab = Lab.start()) {
            assertEquals("lab-host", lab.run("hostname").output().strip());
        }
    }

    private static void expectFailure(Lab lab, String command, String errorPattern) {
        CommandResult r = lab.run(command);
        assertFalse(r.ok(), command + " succeeded in the lab: " + r.output());
        assertTrue(r.output().matches("(?s).*(" + errorPattern + ").*"), command + ": " + r.output());
    }
}
