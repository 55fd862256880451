package dev.boxlab.app.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may come in: an open room (any name, one passphrase) or a class file ({@code NAME PASSWORD}
 * per line, {@code #} comments). A name is also the attendee's progress file, so it is kept to
 * letters, digits, dot, dash and underscore.
 */
public final class Attendees {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    private final String passphrase;
    private final Map<String, String> passwords;

    private Attendees(String passphrase, Map<String, String> passwords) {
        this.passphrase = passphrase;
        this.passwords = passwords;
    }

    public static Attendees openRoom(String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw new IllegalArgumentException("the passphrase is empty");
        }
        return new Attendees(passphrase, Map.of());
    }

    /** Reads a class file; every problem is reported with its line number. */
    public static Attendees classFile(Path file) throws IOException {
        return classList(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static Attendees classList(String where, List<String> lines) {
        Map<String, String> passwords = new LinkedHashMap<>();
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
            if (passwords.put(f[0], f[1]) != null) {
                throw new IllegalArgumentException(at + "'" + f[0] + "' is listed twice");
            }
        }
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException(where + ": no attendees in the class file");
        }
        return new Attendees(null, passwords);
    }

    public boolean accepts(String name, String password) {
        if (name == null || password == null || !NAME.matcher(name).matches()) {
            return false;
        }
        String expected = passphrase != null ? passphrase : passwords.get(name);
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
    }

    /** How many attendees the class file lists, or 0 for an open room. */
    public int listed() {
        return passwords.size();
    }
}
