package dev.boxlab.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.boxlab.app.session.StateText;
import dev.boxlab.sandbox.Snapshot;

/** The network drawing for known snapshots. */
class TopologyTest {
    static List<String> draw(Snapshot s, int width, Topology.Marks marks) {
        return Topology.draw(s, width, Glyphs.UNICODE, marks).stream().map(Row::plain).toList();
    }

    @Test
    void twoContainersOnABridgeWithAnUplink() {
        List<String> lines = draw(Snapshots.bridge(), 60, null);
        String all = String.join("\n", lines);
        assertEquals("outside: router 192.0.2.1, server 203.0.113.10", lines.get(0), all);
        assertTrue(lines.get(1).startsWith(" │ eth0 (uplink)"), all);
        assertTrue(lines.get(2).startsWith("┌┴─ lab-host  ip_forward=1 ─"), all);
        assertTrue(all.contains("│ eth0 192.0.2.10/24 ⇄ router"), all);
        assertTrue(all.contains("│ br0 bridge 172.18.0.1/16"), all);
        assertTrue(all.contains("│   ├─ veth0 ⇄ netns0:ceth0"), all);
        assertTrue(all.contains("│   └─ veth1 ⇄ netns1:ceth1"), all);
        // each container hangs from the host by a line that leaves the host box where it enters the container's
        int hostBottom = indexOf(lines, "└┬");
        int boxes = indexOf(lines, "┌┴─ netns0");
        assertTrue(hostBottom > 0 && boxes > hostBottom, all);
        String bottom = lines.get(hostBottom);
        String top = lines.get(boxes);
        assertEquals(bottom.indexOf('┬'), top.indexOf('┴'), all);
        assertEquals(bottom.indexOf('┬', bottom.indexOf('┬') + 1), top.indexOf('┴', top.indexOf('┴') + 1), all);
        assertTrue(top.contains("┌┴─ netns1"), all);
        assertTrue(lines.get(hostBottom + 1).contains("│veth0") && lines.get(hostBottom + 1).contains("│veth1"), all);
        assertTrue(all.contains("│ ceth0") && all.contains("172.18.0.10/16") && all.contains("172.18.0.20/16"), all);
        assertTrue(all.contains("gw 172.18.0.1"), all);
        for (String l : lines) {
            assertTrue(l.length() <= 60, "fits the width: " + l);
        }
    }

    @Test
    void changedLinksCarryTheirSign() {
        Topology.Marks marks = k -> k.equals(StateText.key("lab-host", "link", "br0")) ? Tone.ADDED
                : k.equals(StateText.key("lab-host", "link", "veth0")) ? Tone.CHANGED : null;
        String all = String.join("\n", draw(Snapshots.bridge(), 60, marks));
        assertTrue(all.contains("│+br0 bridge"), all);
        assertTrue(all.contains("│~  ├─ veth0"), all);
        assertTrue(all.contains("│   └─ veth1"), all);
    }

    @Test
    void aCapturedLabWithABridge() throws IOException {
        Snapshot s = Snapshots.captured("probe-bridge.txt");
        String all = String.join("\n", draw(s, 80, null));
        assertTrue(all.contains("lab-host"), all);
        assertTrue(all.contains("br0 bridge"), all);
        assertTrue(all.contains("netns0"), all);
        assertTrue(all.contains("outside:"), all);
    }

    @Test
    void narrowPanesWrapTheOutsideWorldAndKeepBoxesInside() {
        List<String> lines = draw(Snapshots.bridge(), 36, null);
        String all = String.join("\n", lines);
        assertEquals("outside: router 192.0.2.1", lines.get(0), all);
        assertEquals("         server 203.0.113.10", lines.get(1), all);
        for (String l : lines) {
            assertTrue(l.length() <= 36, "fits the width: " + l);
        }
    }

    static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
