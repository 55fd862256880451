package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Root: the track 2 helpers (build-image, oci-verify) and runc inside a lab, on the real kernel. */
@ExtendWith(MachineUnchanged.class)
class ImageHelpersOnKernelTest {
    @Test
    void buildImageMakesALayoutThatOciVerifyAcceptsAndACorruptBlobFails() {
        RootOnly.require();
        assumeTrue(Host.which("jq") != null, "jq is not installed");
        try (Lab lab = Lab.start()) {
            CommandResult built = lab.run("build-image /tmp/image && oci-verify /tmp/image");
            assertTrue(built.ok(), built.output());
            assertTrue(built.output().contains("valid OCI image layout (3 layers)"), built.output());
            // the layer with the RUN that deleted /tmp/build.log carries a .wh. file for it
            assertTrue(lab.run("for b in /tmp/image/blobs/sha256/*; do tar -tzf $b 2>/dev/null; done | grep -qx './tmp/.wh.build.log'").ok());
            // the build unmounted everything it mounted (the lab's own root is an overlay too)
            assertEquals("", lab.run("findmnt -n -t overlay -o TARGET | grep -vx /").output().strip());
            // a blob whose content no longer matches its name is caught
            CommandResult bad = lab.run("m=$(jq -r '.manifests[0].digest' /tmp/image/index.json); "
                    + "l=$(jq -r '.layers[1].digest' /tmp/image/blobs/sha256/${m#sha256:}); "
                    + "echo junk >> /tmp/image/blobs/sha256/${l#sha256:}; oci-verify /tmp/image");
            assertEquals(1, bad.exitCode(), bad.output());
            assertTrue(bad.output().contains("layer 2: blob sha256:") && bad.output().contains("does not hash to its name"), bad.output());
            // build-image refuses to overwrite
            assertEquals(1, lab.run("build-image /tmp/image").exitCode());
        }
    }

    @Test
    void runcRunsAContainerInsideALab() {
        RootOnly.require();
        assumeTrue(Host.which("runc") != null, "runc is not installed");
        try (Lab lab = Lab.start()) {
            CommandResult r = lab.run("mkdir -p /tmp/b && cd /tmp/b && make-rootfs rootfs && runc spec && "
                    + "sed -i 's/\"terminal\": true/\"terminal\": false/; s/\"sh\"$/\"hostname\"/' config.json && "
                    + "runc run t1 </dev/null; cd /");
            assertTrue(r.ok(), r.output());
            assertEquals("runc", r.output().strip());
            // runc removed its container and cgroups when the container ended
            assertEquals("", lab.run("runc list -q").output().strip());
            assertTrue(lab.run("! find /sys/fs/cgroup -name t1 | grep -q .").ok());
        }
    }

    @Test
    void layersReadsAnOverlayStackAndUnmountedLayerDirs() {
        RootOnly.require();
        try (Lab lab = Lab.start()) {
            CommandResult r = lab.run("mkdir -p /tmp/l1/etc /tmp/l2/app /tmp/up /tmp/work /tmp/m && echo hi > /tmp/l1/etc/motd "
                    + "&& head -c 100000 /dev/zero > /tmp/l2/app/big && mount -t overlay overlay "
                    + "-o lowerdir=/tmp/l2:/tmp/l1,upperdir=/tmp/up,workdir=/tmp/work /tmp/m && rm /tmp/m/etc/motd && echo new > /tmp/m/new");
            assertTrue(r.ok(), r.output());
            List<Layers.Stack> stacks = Layers.stacks(lab, null);
            assertEquals(1, stacks.size());
            Layers.Stack s = stacks.get(0);
            assertEquals("/tmp/m", s.mountPoint());
            assertEquals(List.of("/tmp/l2", "/tmp/l1"), s.lowers().stream().map(Layers.LayerDir::path).toList());
            assertEquals(100000, s.lowers().get(0).bytes());
            assertEquals(1, s.upper().whiteouts());
            assertTrue(s.upper().entries().contains(new Layers.Entry("etc/motd", Layers.Kind.WHITEOUT, 0)), s.upper().toString());
            assertTrue(s.upper().entries().contains(new Layers.Entry("new", Layers.Kind.FILE, 4)), s.upper().toString());
            // a directory that is no longer mounted, and one that does not exist
            lab.run("umount /tmp/m");
            List<Layers.LayerDir> dirs = Layers.dirs(lab, List.of("/tmp/up", "/tmp/no such dir"));
            assertEquals(3, dirs.get(0).entryCount());
            assertFalse(dirs.get(1).exists());
        }
    }
}
