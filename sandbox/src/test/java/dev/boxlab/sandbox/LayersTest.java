package dev.boxlab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.boxlab.sandbox.Layers.Entry;
import dev.boxlab.sandbox.Layers.Kind;
import dev.boxlab.sandbox.Layers.LayerDir;

/** The layer probe's parser and the lowerdir splitting, on captured text (no root). */
class LayersTest {
    @Test
    void anUpperDirWithACopiedUpFileANewFileAndAWhiteout() {
        List<LayerDir> dirs = Layers.parse("\u001eLAYER /tmp/c1/upper\n"
                + "d\t80\tapp\n"
                + "c\t0:0\tapp/hello.sh\n"
                + "d\t80\tetc\n"
                + "f\t39\tetc/motd\n"
                + "l\t12\tetc/link with\tab\n"
                + "TOTAL\t39\t5\t1\n"
                + "\u001eLAYER /tmp/bloat/l1\n"
                + "f\t33554432\tbig.bin\n"
                + "TOTAL\t33554432\t1\t0\n");
        assertEquals(2, dirs.size());
        LayerDir up = dirs.get(0);
        assertEquals("/tmp/c1/upper", up.path());
        assertTrue(up.exists());
        assertEquals(39, up.bytes());
        assertEquals(5, up.entryCount());
        assertEquals(1, up.whiteouts());
        assertEquals(new Entry("app/hello.sh", Kind.WHITEOUT, 0), up.entries().get(1));
        assertEquals(new Entry("etc/motd", Kind.FILE, 39), up.entries().get(3));
        assertEquals(new Entry("etc/link with\tab", Kind.LINK, 12), up.entries().get(4), "a tab in a name stays in the name");
        assertFalse(up.truncated());
        assertEquals(33554432L, dirs.get(1).bytes());
    }

    @Test
    void aMissingDirectoryAndATruncatedListing() {
        List<LayerDir> dirs = Layers.parse("\u001eLAYER /tmp/nope\nMISSING\n"
                + "\u001eLAYER /tmp/l1\nd\t60\tbin\nf\t10\tbin/a\nc\t1:3\tnull\nTOTAL\t10\t900\t0\n");
        assertFalse(dirs.get(0).exists());
        assertTrue(dirs.get(0).entries().isEmpty());
        assertTrue(dirs.get(1).truncated());
        assertEquals(Kind.OTHER, dirs.get(1).entries().get(2).kind(), "a char device that is not 0:0 is no whiteout");
    }

    @Test
    void lowerDirsTopFirstWithEscapedColons() {
        assertEquals(List.of("/tmp/l3", "/tmp/l2", "/tmp/a:b"), Layers.lowerDirs(Map.of("lowerdir", "/tmp/l3:/tmp/l2:/tmp/a\\:b")));
        assertTrue(Layers.lowerDirs(Map.of()).isEmpty());
    }
}
