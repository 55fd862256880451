package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.boxlab.sandbox.CgroupLayout.Version;
import dev.boxlab.sandbox.LabState.MountEntry;

/** Parsers for mounts, processes and cgroups, and the cgroup layout choice, on captured text (no root). */
class LabStateTest {
    private static final List<String> V1_HOST = List.of(
            "25 1 0:22 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755",
            "26 25 0:23 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw",
            "27 25 0:24 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd",
            "28 25 0:25 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
            "29 25 0:26 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory",
            "30 25 0:27 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids");

    @Test
    void aHybridHostIsTreatedAsV1WithItsExactHierarchies() {
        CgroupLayout l = CgroupLayout.parse(V1_HOST, "");
        assertEquals(Version.V1, l.version());
        assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct"), l.hierarchies().get("cpu").mountPoint());
        assertEquals("cpu,cpuacct", l.hierarchies().get("cpu").options());
        assertEquals("v1 cpu,cpuacct=cpu,cpuacct memory=memory pids=pids",
                "v1 " + String.join(" ", List.of(l.setupWords().substring(3).split(" ")).stream().sorted().toList()));
        assertEquals(3, l.labDirs("abc").size());
        assertTrue(l.labDirs("abc").contains(Path.of("/sys/fs/cgroup/memory/boxlab/abc")));
    }

    @Test
    void onV1aLabAlsoJoinsTheDevicesControllerThatRuncRequires() {
        List<String> host = new java.util.ArrayList<>(V1_HOST);
        host.add("31 25 0:28 / /sys/fs/cgroup/devices rw - cgroup cgroup rw,devices");
        host.add("32 25 0:29 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset");
        CgroupLayout l = CgroupLayout.parse(host, "");
        assertEquals(Path.of("/sys/fs/cgroup/devices"), l.hierarchies().get("devices").mountPoint());
        assertTrue(l.setupWords().contains(" devices=devices"));
        assertTrue(l.labDirs("abc").contains(Path.of("/sys/fs/cgroup/devices/boxlab/abc")));
        assertEquals(4, l.labDirs("abc").size(), "cpuset is not joined");
    }

    @Test
    void aPureV2HostHasOneTreeWithTheControllersItOffers() {
        CgroupLayout l = CgroupLayout.parse(List.of("35 24 0:30 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"),
                "cpuset cpu io memory hugetlb pids rdma misc");
        assertEquals(Version.V2, l.version());
        assertEquals("v2", l.setupWords());
        assertEquals(List.of(Path.of("/sys/fs/cgroup/boxlab/abc")), l.labDirs("abc"));
        assertEquals(3, l.hierarchies().size());
    }

    @Test
    void noCgroupsAtAll() {
        CgroupLayout l = CgroupLayout.parse(List.of("22 1 0:5 / / rw - ext4 /dev/vda1 rw"), "");
        assertEquals(Version.NONE, l.version());
        assertEquals("none", l.setupWords());
        assertTrue(l.labDirs("x").isEmpty());
    }

    @Test
    void mountinfoWithOverlayAndEscapes() {
        List<MountEntry> m = LabState.parseMountinfo(
                "300 200 0:50 / /tmp/merged rw,relatime - overlay overlay rw,lowerdir=/tmp/l2:/tmp/l1,upperdir=/tmp/up,workdir=/tmp/work\n"
                + "301 200 0:51 / /tmp/with\\040space rw - tmpfs my\\040fs rw\n");
        assertEquals(2, m.size());
        assertEquals(Map.of("lowerdir", "/tmp/l2:/tmp/l1", "upperdir", "/tmp/up", "workdir", "/tmp/work"), m.get(0).overlayDirs());
        assertEquals("/tmp/with space", m.get(1).mountPoint());
        assertEquals("my fs", m.get(1).source());
        assertTrue(m.get(1).overlayDirs().isEmpty());
    }

    @Test
    void psWithNamespaceColumns() {
        var ps = LabState.parsePs("    1     0 4026532182 4026532177 4026532180 4026532178 4026532179 4026532181 boxlab-lab-x\n"
                + "   22     1 4026532251 4026532177 4026532180 4026532178 4026532179 4026532181 sleep infinity --flag\n");
        assertEquals(2, ps.size());
        assertEquals(22, ps.get(1).pid());
        assertEquals("sleep infinity --flag", ps.get(1).command());
        assertEquals("4026532251", ps.get(1).namespaces().get("net"));
        assertEquals(ps.get(0).namespaces().get("mnt"), ps.get(1).namespaces().get("mnt"));
    }

    @Test
    void cgroupProbeOutput() {
        var st = LabState.parseCgroups(Version.V1, "\u001eDIR memory /\nprocs 0\nmemory.limit_in_bytes 9223372036854771712\n"
                + "\u001eDIR memory /demo/\nprocs 2\nmemory.limit_in_bytes 50000000\nmemory.oom_control.oom_kill 1\n");
        assertEquals(2, st.dirs().size());
        assertEquals("/demo/", st.dirs().get(1).path());
        assertEquals("1", st.dirs().get(1).values().get("memory.oom_control.oom_kill"));
        assertEquals("2", st.dirs().get(1).values().get("procs"));
    }

    @Test
    void anyTextReachesEvalUnchanged() {
        assertEquals("$'it\\'s \\\\ \"q\" $HOME\\n\\tx\\x01'", LabShell.ansiQuote("it's \\ \"q\" $HOME\n\tx\u0001"));
    }
}
