package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Root: {@link Layers} reads an overlay stack a learner mounted in a lab, on the real kernel. */
@ExtendWith(MachineUnchanged.class)
class LayersOnKernelTest {
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
