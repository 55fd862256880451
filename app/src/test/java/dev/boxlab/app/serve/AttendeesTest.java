package dev.boxlab.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AttendeesTest {
    @Test
    void anOpenRoomTakesAnyNameWithThePassphrase() {
        Attendees room = Attendees.openRoom("tulip");
        assertTrue(room.accepts("alice", "tulip"));
        assertTrue(room.accepts("bob.smith-2", "tulip"));
        assertFalse(room.accepts("alice", "tulips"));
        assertFalse(room.accepts("alice", ""));
        assertEquals(0, room.listed());
    }

    @Test
    void aNameThatIsNotAFileNameIsRefused() {
        Attendees room = Attendees.openRoom("tulip");
        for (String name : new String[] {"../etc", "a/b", ".hidden", "x".repeat(33), ""}) {
            assertFalse(room.accepts(name, "tulip"), name);
        }
    }

    @Test
    void aClassFileGivesEachAttendeeTheirOwnPassword() {
        Attendees c = Attendees.classList("class.txt", List.of("# the Tuesday class", "", "alice  red fox",
                "bob blue"));
        String[][] tries = {{"alice", "red fox"}, {"bob", "blue"}, {"alice", "blue"}, {"carol", "blue"}};
        assertEquals(List.of(true, true, false, false),
                java.util.Arrays.stream(tries).map(t -> c.accepts(t[0], t[1])).toList());
        assertEquals(2, c.listed());
    }

    /** Two public keys as ssh-keygen writes them (id_ed25519.pub); only bob's is in the class file. */
    static final String BOB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFSNArKDOc0I0avz/T86Wc4A8GNGqLc87yOvdHixQXDV bob@laptop";
    static final String STRANGER = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9VZwsFxegCy1PkBWdAatJSO1QQlPXuoQAJOcTZWP8Q someone@else";

    @Test
    void aClassFileGivesAttendeesKeys() throws Exception {
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        java.security.PublicKey carols = ec.generateKeyPair().getPublic();
        String carolsLine = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(carols) + " carol@desk";
        Attendees c = Attendees.classList("class.txt", List.of("alice red fox", "bob " + BOB, "carol " + carolsLine,
                "carol secret"));
        assertEquals(3, c.listed());
        assertTrue(c.acceptsKey("bob", key(BOB)));
        assertTrue(c.acceptsKey("carol", carols));
        assertTrue(c.accepts("carol", "secret"), "a name may have a key and a password");
        assertFalse(c.acceptsKey("alice", key(BOB)), "a key is its attendee's only");
        assertFalse(c.acceptsKey("bob", key(STRANGER)), "an unknown key");
        assertFalse(c.acceptsKey("bob", carols));
        assertFalse(c.accepts("bob", BOB), "a key line is not a password");
        assertTrue(c.hasKeys() && c.hasPasswords());
        Attendees keysOnly = Attendees.classList("class.txt", List.of("bob " + BOB));
        assertTrue(keysOnly.hasKeys());
        assertFalse(keysOnly.hasPasswords(), "no password login at all: ssh is not even asked for one");
        assertFalse(Attendees.openRoom("tulip").hasKeys());
    }

    private static java.security.PublicKey key(String line) throws Exception {
        return org.apache.sshd.common.config.keys.PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null,
                org.apache.sshd.common.config.keys.PublicKeyEntryResolver.FAILING);
    }

    @Test
    void classFileProblemsNameTheLine() {
        assertEquals("class.txt:2: expected NAME PASSWORD", assertThrows(IllegalArgumentException.class,
                () -> Attendees.classList("class.txt", List.of("alice x", "bob"))).getMessage());
        assertEquals("class.txt:1: not a public key this server reads (ssh-ed25519, ecdsa-sha2-*, ssh-rsa): ssh-ed25519",
                assertThrows(IllegalArgumentException.class, () -> Attendees.classList("class.txt",
                        List.of("alice ssh-ed25519 AAAAnotbase64!"))).getMessage());
        assertEquals("class.txt:2: 'alice' is listed twice with a password", assertThrows(IllegalArgumentException.class,
                () -> Attendees.classList("class.txt", List.of("alice x", "alice y"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Attendees.classList("class.txt", List.of("a/b x"))).getMessage().startsWith("class.txt:1: a name"));
        assertThrows(IllegalArgumentException.class, () -> Attendees.classList("class.txt", List.of("# nobody")));
        assertThrows(IllegalArgumentException.class, () -> Attendees.openRoom(""));
    }
}
