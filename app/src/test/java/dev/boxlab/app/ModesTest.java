package dev.boxlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import dev.boxlab.app.session.KeyMap;
import dev.boxlab.app.session.KeyMap.Action;
import dev.boxlab.app.session.KeyMap.Mode;

/** Modes that cannot go together are refused; the launcher's question is answered; both : parsers agree. */
class ModesTest {
    @Test
    void contradictoryModesAreRefusedByName() {
        CommandLineTest.Run r = CommandLineTest.run("--demo", "--challenge", "--lesson", "networking");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--demo and --challenge cannot go together"), r.err());
        CommandLineTest.Run s = CommandLineTest.run("--plain", "--run-all", "--lesson", "networking");
        assertEquals(2, s.code());
        assertTrue(s.err().contains("--plain and --run-all cannot go together"), s.err());
        CommandLineTest.Run t = CommandLineTest.run("--challenge", "--run-all", "--lesson", "networking");
        assertTrue(t.err().contains("--challenge is for a learner's screen or --plain, not --run-all"), t.err());
    }

    /** The --demo help names the demo's keys from the key map, so it cannot disagree with the screen. */
    @Test
    void theDemosHelpListsTheDemosKeysFromTheKeyMap() {
        CommandLineTest.Run r = CommandLineTest.run("--help");
        String keys = KeyMap.barLine(Mode.DEMO);
        assertTrue(keys.contains("Space type next command") && keys.contains("q quit"), keys);
        assertTrue(r.out().replaceAll("\\s+", " ").contains("Keys: " + keys + "."), r.out());
    }

    @Test
    void theLauncherLearnsWhetherALabIsNeeded() {
        StringWriter out = new StringWriter();
        assertEquals(Needs.NOTHING, Needs.of(new String[] {"--list"}, new PrintWriter(out)));
        assertEquals(Needs.NOTHING, Needs.of(new String[] {"validate", "x.yaml"}, new PrintWriter(out)));
        assertEquals(Needs.NOTHING, Needs.of(new String[] {"--help"}, new PrintWriter(out)));
        assertEquals(Needs.LAB, Needs.of(new String[] {"--lesson", "networking", "--plain"}, new PrintWriter(out)));
        assertEquals(Needs.LAB, Needs.of(new String[] {"shell"}, new PrintWriter(out)));
        assertEquals(Needs.LAB, Needs.of(new String[] {"serve", "--passphrase", "w"}, new PrintWriter(out)));
        assertEquals(Needs.NOTHING, Needs.of(new String[] {"serve", "--help"}, new PrintWriter(out)));
        assertEquals(Needs.NOTHING, Needs.of(new String[] {"class", "--once"}, new PrintWriter(out)));
    }

    @Test
    void serveWantsOneWayIn() {
        assertTrue(CommandLineTest.run("serve").err().contains("--passphrase"), "serve with neither");
        CommandLineTest.Run both = CommandLineTest.run("serve", "--passphrase", "w", "--class", "c.txt");
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        assertTrue(CommandLineTest.run("class", "--once", "--run-dir", "/nonexistent-boxlab")
                .err().contains("no boxlab serve is running"));
    }

    @Test
    void theScreenAndTheLineModeReadTheSameWords() {
        for (String w : new String[] {"hint", "h", "solve", "r", "next", "n", "back", "p", "check", "help", "?", "quit", "q"}) {
            assertEquals(KeyMap.word(Mode.SCREEN, w), KeyMap.word(Mode.LINE, w), w);
        }
        assertEquals(Action.HINT, KeyMap.word(Mode.LINE, "h").orElseThrow(), ":h is a hint everywhere");
        assertTrue(KeyMap.lineHelp().contains(":hint") && KeyMap.lineHelp().contains(":state"), KeyMap.lineHelp());
    }
}
