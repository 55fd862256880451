package dev.boxlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.Host;
import dev.boxlab.sandbox.Lab;
import dev.boxlab.sandbox.LabLimits;
import dev.boxlab.sandbox.MachineUnchanged;
import dev.boxlab.sandbox.RootOnly;

/** Root: the lessons' image commands (build-image, oci-verify, make-rootfs) and runc inside a lab, on the real kernel. */
@ExtendWith(MachineUnchanged.class)
class ImageHelpersOnKernelTest {
    @Test
    void buildImageMakesALayoutThatOciVerifyAcceptsAndACorruptBlobFails() {
        RootOnly.require();
        assumeTrue(Host.which("jq") != null, "jq is not installed");
        try (Lab lab = Lab.start(LabLimits.NONE, LabCommands.all())) {
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
        try (Lab lab = Lab.start(LabLimits.NONE, LabCommands.all())) {
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
}
