package dev.boxlab.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The lessons boxlab knows: those built into the jar (lessons/*.yaml at build time), and those in a
 * directory an author points at, which win over built-in ones with the same id.
 */
public final class LessonLibrary {
    private static final String BUILTIN = "dev/boxlab/lessons/builtin/";

    /** Every lesson, read when first asked for (a lazy library reads only its first lesson at once). */
    private volatile List<Lesson> lessons;
    private final Path extraDir;
    /** The lesson a run opens, read on its own; null when every lesson is read at once. */
    private final Lesson first;

    private LessonLibrary(List<Lesson> lessons, Path extraDir, Lesson first) {
        this.lessons = lessons;
        this.extraDir = extraDir;
        this.first = first;
    }

    /** Loads every lesson; a broken file fails the whole load with its errors. */
    public static LessonLibrary load(Path extraDir) {
        Map<String, Lesson> byId = new LinkedHashMap<>();
        for (Lesson l : builtin()) {
            byId.put(l.id(), l);
        }
        byId.putAll(fromDir(extraDir));
        List<Lesson> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparingInt(Lesson::order).thenComparing(Lesson::id));
        return new LessonLibrary(List.copyOf(all), extraDir, null);
    }

    /**
     * The library of a run that opens lesson {@code id}: that lesson is read at once (from
     * {@code extraDir}, whose files are all read, or the built-in file named for it), and the other
     * built-in lessons only when the list is first asked for (the picker, an unknown id). Reading
     * every lesson costs a start a few hundred milliseconds.
     */
    public static LessonLibrary lazy(Path extraDir, String id) {
        Lesson l = fromDir(extraDir).get(id);
        if (l == null) {
            l = builtinFile(id + ".yaml");
        }
        return new LessonLibrary(null, extraDir, l != null && l.id().equals(id) ? l : null);
    }

    /** The lessons of an author's directory by id (a later file wins), or none without one. */
    private static Map<String, Lesson> fromDir(Path extraDir) {
        Map<String, Lesson> byId = new LinkedHashMap<>();
        if (extraDir != null) {
            try (Stream<Path> files = Files.list(extraDir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    Lesson l = LessonLoader.load(p);
                    byId.put(l.id(), l);
                }
            } catch (IOException e) {
                throw new LessonFileException(List.of(new LessonError(extraDir.toString(), 1, 1,
                        "cannot list lesson directory: " + e.getMessage())));
            }
        }
        return byId;
    }

    /** Every lesson, in order; a lazy library reads them on the list's first use, not here. */
    public List<Lesson> lessons() {
        return lessons != null ? lessons : new java.util.AbstractList<>() {
            @Override
            public Lesson get(int index) {
                return all().get(index);
            }

            @Override
            public int size() {
                return all().size();
            }
        };
    }

    private synchronized List<Lesson> all() {
        if (lessons == null) {
            lessons = load(extraDir).lessons;
        }
        return lessons;
    }

    public Optional<Lesson> find(String id) {
        if (first != null && first.id().equals(id)) {
            return Optional.of(first);
        }
        return all().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    private static List<Lesson> builtin() {
        List<Lesson> out = new ArrayList<>();
        for (String name : builtinNames()) {
            Lesson l = builtinFile(name);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    /** The built-in lesson file {@code name}, or null when there is none. */
    private static Lesson builtinFile(String name) {
        if (name.contains("/")) {
            return null;
        }
        try (InputStream in = LessonLibrary.class.getClassLoader().getResourceAsStream(BUILTIN + name)) {
            return in == null ? null : LessonLoader.parse("lessons/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LessonFileException(List.of(new LessonError("lessons/" + name, 1, 1, e.getMessage())));
        }
    }

    /** The file names under the built-in lesson folder, whether it is in a jar or a build directory. */
    private static List<String> builtinNames() {
        List<String> names = new ArrayList<>();
        try {
            var location = LessonLibrary.class.getProtectionDomain().getCodeSource().getLocation();
            Path where = Path.of(location.toURI());
            if (Files.isDirectory(where)) {
                Path dir = where.resolve(BUILTIN);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> s = Files.list(dir)) {
                        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(names::add);
                    }
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    Enumeration<JarEntry> e = jar.entries();
                    while (e.hasMoreElements()) {
                        String n = e.nextElement().getName();
                        if (n.startsWith(BUILTIN) && n.endsWith(".yaml") && n.indexOf('/', BUILTIN.length()) < 0) {
                            names.add(n.substring(BUILTIN.length()));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no code source to list: only lessons from a directory
        }
        names.sort(null);
        return names;
    }
}
