package dev.boxlab.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.app.session.LiveState;
import dev.boxlab.app.session.View;
import dev.boxlab.sandbox.SnapshotDiff.Change;

/** The live state without a kernel: what it reads, when, and what it says changed. */
class LiveStateTest {
    static final CommandResult DONE = new CommandResult("x", "", 0, Duration.ZERO, false);

    @Test
    void refreshesAskedWhileOneIsOnItsWayAreOneRead() {
        List<Runnable> queued = new ArrayList<>();
        LiveState live = new LiveState(() -> null, queued::add);
        live.refresh();
        live.refresh();
        live.refresh();
        assertEquals(1, queued.size(), "a burst of triggers (hook events, the timer) costs one read");
        queued.get(0).run();
        live.refresh();
        assertEquals(2, queued.size(), "once it is in, the next trigger reads again");
    }

    @Test
    void aCommandsChangesAreAgainstTheStateAsShownBeforeIt() {
        FakeLab lab = new FakeLab(Snapshots.fresh());
        LiveState live = new LiveState(() -> lab, Runnable::run);
        List<List<Change>> told = new ArrayList<>();
        live.listen(new LiveState.Listener() {
            @Override
            public void commandChanged(CommandResult r, List<Change> changes) {
                told.add(changes);
            }
        });
        live.labReady(0);
        assertTrue(live.changes().isEmpty(), "a fresh lab has no marks");
        live.commandStarted("ip link add dummy0 type dummy", "you");
        lab.state = Snapshots.withHostLink(lab.state, Snapshots.link("dummy0", "dummy", null, null));
        live.commandFinished(DONE);
        live.commandsEnded();
        assertEquals(1, told.size());
        assertTrue(told.get(0).stream().anyMatch(c -> c.subject().equals("dummy0")), told.toString());
        assertEquals(told.get(0), live.changes(), "the pane marks what the command changed");
        assertEquals(LiveState.Mark.ADDED, live.changes().stream().map(c -> LiveState.Mark.valueOf(c.kind().name()))
                .findFirst().orElseThrow());
        live.labReady(0);
        assertTrue(live.changes().isEmpty(), "a rebuilt lab starts without marks");
        assertNull(live.error(View.NETWORK));
    }

    @Test
    void aChangeTheKernelToldBeforeTheHookReportedItsCommandIsStillTheCommands() {
        FakeLab lab = new FakeLab(Snapshots.fresh());
        LiveState live = new LiveState(() -> lab, Runnable::run);
        live.labReady(0);
        // a command in the terminal adds a bridge; the kernel's event refreshes the pane at once
        lab.state = Snapshots.withHostLink(lab.state, Snapshots.link("br9", "bridge", null, null));
        live.refresh();
        // then the prompt comes back and the hook reports the command
        live.commandStarted("ip link add br9 type bridge", "you");
        live.commandFinished(DONE);
        live.commandsEnded();
        assertTrue(live.changes().stream().anyMatch(c -> c.subject().equals("br9")), "br9 is marked: " + live.changes());
    }

    @Test
    void whatALearnerBrokeIsReadWithTheStateAndOnlyThen() {
        FakeLab lab = new FakeLab(Snapshots.fresh());
        LiveState live = new LiveState(() -> lab, Runnable::run);
        live.labReady(0);
        assertEquals(List.of(), live.problems());
        lab.problems = List.of("the lab host's uplink eth0 is gone");
        assertEquals(List.of(), live.problems(), "asking what to draw reads nothing of the lab");
        live.refresh();
        assertEquals(lab.problems, live.problems(), "a refresh reads it with the state");
        lab.problems = List.of();
        live.labReady(0);
        assertEquals(List.of(), live.problems(), "a rebuilt lab is whole");
    }
}
