package dev.boxlab.app;

import dev.boxlab.app.session.StateText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.boxlab.sandbox.Layers.Entry;
import dev.boxlab.sandbox.Layers.Kind;
import dev.boxlab.sandbox.Layers.LayerDir;
import dev.boxlab.sandbox.Layers.Stack;

/** The layers view: an overlay mount as its upper and lower layers, sizes, whiteouts and files. */
class StateTextLayersTest {
    @Test
    void anOverlayReadsAsItsLayersTopFirstWithWhiteoutsAndFiles() {
        List<Entry> base = new ArrayList<>();
        base.add(new Entry("bin", Kind.DIR, 0));
        base.add(new Entry("bin/busybox", Kind.FILE, 2_000_000));
        for (int i = 0; i < 20; i++) {
            base.add(new Entry("bin/applet" + i, Kind.LINK, 0));
        }
        for (int i = 0; i < 10; i++) {
            base.add(new Entry("etc/file" + i, Kind.FILE, 10));
        }
        Stack st = new Stack("/tmp/c1/merged",
                List.of(new LayerDir("/tmp/layers/app", true, 65, 4, 0, List.of(new Entry("etc/motd", Kind.FILE, 25))),
                        new LayerDir("/tmp/layers/base", true, 2_000_100, 32, 0, base)),
                new LayerDir("/tmp/c1/upper", true, 0, 1, 1, List.of(new Entry("app/hello.sh", Kind.WHITEOUT, 0))));
        List<String> lines = StateText.layers(List.of(st)).stream().map(StateText.Line::text).toList();
        assertEquals("/tmp/c1/merged  overlay", lines.get(0));
        assertEquals("  upper /tmp/c1/upper  0 B, 1 entries, 1 whiteout", lines.get(1));
        assertEquals("      app/hello.sh  whiteout (deleted below)", lines.get(2));
        assertEquals("  lower 1 /tmp/layers/app  65 B, 4 entries", lines.get(3));
        assertEquals("      etc/motd  25 B", lines.get(4));
        assertEquals("  lower 2 /tmp/layers/base  1.9 MiB, 32 entries", lines.get(5));
        assertEquals("      bin/busybox  1.9 MiB", lines.get(6));
        assertTrue(lines.stream().noneMatch(l -> l.contains("applet")), "symlinks are left out: " + lines);
        assertEquals("      ... 3 more", lines.get(lines.size() - 1), lines.toString());
    }

    @Test
    void noOverlayIsSaidPlainly() {
        assertEquals("no overlay mounts on the lab host", StateText.layers(List.of()).get(0).text());
    }
}
