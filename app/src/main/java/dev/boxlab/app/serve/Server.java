package dev.boxlab.app.serve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The SSH server of {@code boxlab serve} (Apache MINA SSHD): password and public key authentication
 * against the {@link Attendees}, and for each session channel's "shell" request the boxlab screen, nothing else:
 * no exec, no subsystems (sftp), no port, agent or X11 forwarding, no channel but "session".
 */
public final class Server implements AutoCloseable {
    /** Runs the screen on an attendee's terminal until they leave. */
    public interface Screen {
        void run(Room.Seat seat, ChannelTerminal terminal) throws IOException;
    }

    private final SshServer sshd;

    private Server(SshServer sshd) {
        this.sshd = sshd;
    }

    /** Listens on {@code host:port} (port 0: any free port) with the host key kept in {@code hostKey}. */
    public static Server start(String host, int port, Path hostKey, Attendees who, Room room, int maxAttendees,
                               Screen screen) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(host);
        sshd.setPort(port);
        // generated on first start (EC P-256) and kept, so attendees' known_hosts stay valid
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        // a full room refuses newcomers; a name already seated may always come back (its old connection goes)
        java.util.function.Predicate<String> seat = name -> room.connected() < maxAttendees || room.isSeated(name);
        sshd.setPasswordAuthenticator(!who.hasPasswords() ? null
                : (name, password, session) -> who.accepts(name, password) && seat.test(name));
        // a key from the class file: the client proves it holds the private half (MINA checks the signature)
        sshd.setPublickeyAuthenticator(!who.hasKeys() ? null
                : (name, key, session) -> who.acceptsKey(name, key) && seat.test(name));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setCommandFactory(null);
        sshd.setSubsystemFactories(List.of());
        sshd.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setAgentFactory(null);
        sshd.setShellFactory(channel -> new AttendeeScreen(screen, room));
        sshd.start();
        return new Server(sshd);
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return sshd.getBoundAddresses().stream().filter(a -> a instanceof InetSocketAddress)
                .mapToInt(a -> ((InetSocketAddress) a).getPort()).findFirst().orElse(sshd.getPort());
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
