package dev.boxlab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's own word that the lab's network changed: {@code ip monitor} on the lab host's
 * network namespace, with {@code all-nsid} so it also hears every namespace the lab host has an id
 * for (a veth moved into a namespace gives it one). Each line it prints is an event; what the event
 * says is not read: a screen reads the state again. Links, addresses, routes, netconf (forwarding)
 * and namespace ids only: neighbours come and go with every ping and are not in a snapshot.
 *
 * <p>What it holds, and why that is safe: it runs in the lab host's network namespace, which the
 * lab init holds anyway, and listens to the others by id, which pins none of them (a namespace a
 * learner deletes goes at once, with a "Deleted nsid" event). It is a process of the lab's world's
 * pid namespace, not the lab's (a learner's {@code ps} or {@code kill -9 -1} never sees it), so it
 * ends with the world however boxlab ends. As with {@link LabEntry}, nsenter ignores a terminal's
 * signals and outlives the monitor it starts, so the monitor is never left to the machine's init.
 */
final class LabEvents implements AutoCloseable {
    static final List<String> OBJECTS = List.of("link", "address", "route", "netconf", "nsid");

    private final Process nsenter;
    private final Thread reader;

    private LabEvents(Process nsenter, Runnable onEvent) {
        this.nsenter = nsenter;
        reader = new Thread(() -> read(nsenter.getInputStream(), onEvent), "lab-events");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The command line of the monitor for a lab whose init has this pid on the machine, in the pid
     * namespace of {@code worldPid} (a process of the lab's world).
     */
    static List<String> command(long initPid, long worldPid) {
        List<String> cmd = new ArrayList<>(List.of("env", "--ignore-signal=" + LabEntry.TERMINAL_SIGNALS,
                "nsenter", "--pid=/proc/" + worldPid + "/ns/pid", "--net=/proc/" + initPid + "/ns/net", "--",
                "env", "--default-signal=" + LabEntry.TERMINAL_SIGNALS, "ip", "monitor"));
        cmd.addAll(OBJECTS);
        cmd.add("all-nsid");
        return cmd;
    }

    /**
     * Starts the monitor, or says why not. {@code worldPid} must be in a pid namespace other than
     * this JVM's (the world's), or the monitor could outlive boxlab: then there is none.
     */
    static LabEvents start(long initPid, long worldPid, Runnable onEvent) {
        try {
            Path worldPidNs = Files.readSymbolicLink(Path.of("/proc/" + worldPid + "/ns/pid"));
            if (worldPidNs.toString().equals(Host.ownNamespace("pid"))) {
                throw new LabException("no lab events: process " + worldPid + " is not in the lab's world");
            }
            Process p = new ProcessBuilder(command(initPid, worldPid))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            return new LabEvents(p, onEvent);
        } catch (IOException e) {
            throw new LabException("no lab events: " + e.getMessage(), e);
        }
    }

    private static void read(InputStream in, Runnable onEvent) {
        byte[] buf = new byte[8192];
        try (in) {
            while (in.read(buf) > 0) {
                // a burst of lines (a veth is several) is usually one read: one call
                onEvent.run();
            }
        } catch (IOException e) {
            // the monitor is gone: with its lab, or closed
        }
    }

    /** Whether the monitor still runs (it ends with its lab). */
    boolean isAlive() {
        return nsenter.isAlive();
    }

    /** Ends the monitor first, so nsenter reaps it and ends by itself; nsenter is killed only if it does not. */
    @Override
    public void close() {
        Descendants.kill(Descendants.of(nsenter.toHandle()));
        LabEntry.awaitEnd(nsenter);
    }
}
