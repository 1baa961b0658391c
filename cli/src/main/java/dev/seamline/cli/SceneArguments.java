package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.io.InputFiles;
import dev.seamline.core.io.Printable;
import dev.seamline.geo.ScenePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The SCENE arguments of {@code seamline detect} made into files, in the order given, without
 * duplicates. Each argument is, in this order of precedence:
 *
 * <ol>
 * <li>an {@code http://} or {@code https://} URL: a TIFF read by range requests ({@link ScenePaths#of});</li>
 * <li>{@code @list.txt}: a list file, one path or URL per line (UTF-8; the line kept whole, spaces included;
 *     blank lines skipped; a path relative to the working folder); each line is a file or a folder, never
 *     a glob. An argument starting with {@code @} is a file of that name only when no list
 *     {@code list.txt} exists and the file does;</li>
 * <li>a folder: its {@code .tif}/{@code .tiff}/{@code .png}/{@code .jpg}/{@code .jpeg} entries, sorted, whatever their names hold (a name with
 *     a newline is listed, and refused later with the other scene-name checks, never skipped);</li>
 * <li>an existing file, taken as a file even when its name holds {@code * ? [ {} (a scene named
 *     {@code scene[1].tif});</li>
 * <li>a glob ({@code data/*.tif}) over the regular files of its folder: one matching nothing is an
 *     error;</li>
 * <li>anything else as a file, which fails as its own scene ("no such file") without stopping the others.</li>
 * </ol>
 *
 * Stateless and thread-safe.
 */
final class SceneArguments {

    /** The largest list file read, bytes: a list of a million scenes is a few tens of MB. */
    static final long MAX_LIST_BYTES = 64L << 20;

    private SceneArguments() {
    }

    static List<Path> expand(List<String> args) throws BadInputException {
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            if (ScenePaths.isUrl(a)) {
                out.add(ScenePaths.of(a));
                continue;
            }
            if (a.length() > 1 && a.startsWith("@") && (Files.exists(path(a.substring(1), a)) || !Files.exists(path(a, a)))) {
                Path list = path(a.substring(1), a);
                for (String line : readList(list)) {
                    if (ScenePaths.isUrl(line)) {
                        out.add(ScenePaths.of(line));
                        continue;
                    }
                    addFileOrFolder(path(line, list + ": line '" + line + "'"), out);
                }
                continue;
            }
            Path p = path(a, a);
            if (Files.isDirectory(p) || Files.exists(p)) {
                addFileOrFolder(p, out);
            } else if (a.contains("*") || a.contains("?") || a.contains("[") || a.contains("{")) {
                out.addAll(glob(a, p));
            } else {
                out.add(p); // a missing file fails as its own scene, without stopping the others
            }
        }
        return out.stream().distinct().toList();
    }

    /** The paths of a list file: one per line, the line whole (only its line end dropped), blank lines skipped. */
    static List<String> readList(Path list) throws BadInputException {
        InputFiles.requireRegularFile(list);
        byte[] bytes;
        try {
            if (Files.size(list) > MAX_LIST_BYTES) {
                throw new BadInputException(list, "a list of scenes over " + (MAX_LIST_BYTES >> 20) + " MB");
            }
            bytes = Files.readAllBytes(list);
        } catch (IOException e) {
            throw new BadInputException(list, "cannot read the list of scenes: " + e.getMessage(), e);
        }
        return parseList(list, bytes);
    }

    /** {@link #readList} on bytes already read ({@code list} names them in messages). */
    static List<String> parseList(Path list, byte[] bytes) throws BadInputException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(list, "a list of scenes must be UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> paths = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\r\n|\n|\r", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            if (line.indexOf('\0') >= 0) {
                throw new BadInputException(list, "line " + n + ": a path cannot hold a NUL character");
            }
            paths.add(line);
        }
        return paths;
    }

    private static void addFileOrFolder(Path p, List<Path> out) throws BadInputException {
        if (!Files.isDirectory(p)) {
            out.add(p);
            return;
        }
        try (Stream<Path> s = Files.list(p)) {
            s.filter(f -> isTiffName(f.getFileName().toString())).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new BadInputException(p, "cannot list the folder: " + e.getMessage());
        }
    }

    /**
     * A scene's name: {@code .tif}, {@code .tiff}, {@code .png}, {@code .jpg} or {@code .jpeg}, any case;
     * the name may hold anything else, newlines included.
     */
    static boolean isTiffName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static List<Path> glob(String a, Path p) throws BadInputException {
        Path parent = p.getParent() == null ? Path.of(".") : p.getParent();
        PathMatcher m;
        try {
            m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
        } catch (PatternSyntaxException e) {
            throw new BadInputException(Printable.escape(a) + ": neither a file nor a valid glob (" + e.getDescription() + ")");
        }
        List<Path> matched = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path f : ds) {
                if (m.matches(f.getFileName()) && Files.isRegularFile(f)) {
                    matched.add(f);
                }
            }
        } catch (IOException e) {
            throw new BadInputException(parent, "cannot list the folder: " + e.getMessage());
        }
        if (matched.isEmpty()) {
            throw new BadInputException(Printable.escape(a) + ": no such file, and no file matches it as a glob");
        }
        return matched.stream().sorted().toList();
    }

    private static Path path(String s, String named) throws BadInputException {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new BadInputException(Printable.escape(named) + ": not a valid path (" + e.getReason() + ")");
        }
    }
}
