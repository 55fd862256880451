package dev.boxlab.app.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Who may come in: an open room (any name, one passphrase) or a class file: per line
 * {@code NAME PASSWORD} or {@code NAME KEY} (an OpenSSH public key line, as in {@code id_ed25519.pub}
 * or {@code authorized_keys}), {@code #} comments; a name may have several keys and one password. A
 * name is also the attendee's progress file, so it is kept to letters, digits, dot, dash and underscore.
 */
public final class Attendees {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    private static final Pattern KEY_TYPE = Pattern.compile("(ssh|ecdsa|sk)-\\S+\\s+.*");

    private final String passphrase;
    private final Map<String, String> passwords;
    private final Map<String, List<PublicKey>> keys;

    private Attendees(String passphrase, Map<String, String> passwords, Map<String, List<PublicKey>> keys) {
        this.passphrase = passphrase;
        this.passwords = passwords;
        this.keys = keys;
    }

    public static Attendees openRoom(String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw new IllegalArgumentException("the passphrase is empty");
        }
        return new Attendees(passphrase, Map.of(), Map.of());
    }

    /** Reads a class file; every problem is reported with its line number. */
    public static Attendees classFile(Path file) throws IOException {
        return classList(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static Attendees classList(String where, List<String> lines) {
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 2);
            String at = where + ":" + (i + 1) + ": ";
            if (f.length < 2) {
                throw new IllegalArgumentException(at + "expected NAME PASSWORD");
            }
            if (!NAME.matcher(f[0]).matches()) {
                throw new IllegalArgumentException(at + "a name is 1-32 letters, digits, '.', '-' or '_': " + f[0]);
            }
            if (KEY_TYPE.matcher(f[1]).matches()) {
                keys.computeIfAbsent(f[0], k -> new ArrayList<>()).add(key(at, f[1]));
            } else if (passwords.put(f[0], f[1]) != null) {
                throw new IllegalArgumentException(at + "'" + f[0] + "' is listed twice with a password");
            }
        }
        if (passwords.isEmpty() && keys.isEmpty()) {
            throw new IllegalArgumentException(where + ": no attendees in the class file");
        }
        return new Attendees(null, passwords, keys);
    }

    /** An OpenSSH public key line ({@code TYPE BASE64 [COMMENT]}) as a key, or the line's problem. */
    private static PublicKey key(String at, String line) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
        } catch (IllegalArgumentException | IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException(at + "not a public key this server reads (ssh-ed25519, ecdsa-sha2-*, "
                    + "ssh-rsa): " + line.split("\\s+")[0]);
        }
    }

    public boolean accepts(String name, String password) {
        if (name == null || password == null || !NAME.matcher(name).matches()) {
            return false;
        }
        String expected = passphrase != null ? passphrase : passwords.get(name);
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code key} is one of the keys the class file gives {@code name}. */
    public boolean acceptsKey(String name, PublicKey key) {
        return key != null && keys.getOrDefault(name, List.of()).stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
    }

    /** True when someone may log in with a password (an open room, or a class file with a password in it). */
    public boolean hasPasswords() {
        return passphrase != null || !passwords.isEmpty();
    }

    /** True when someone may log in with a key. */
    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    /** How many attendees the class file lists, or 0 for an open room. */
    public int listed() {
        java.util.Set<String> names = new java.util.HashSet<>(passwords.keySet());
        names.addAll(keys.keySet());
        return names.size();
    }
}
