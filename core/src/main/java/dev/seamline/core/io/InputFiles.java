package dev.seamline.core.io;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one check every reader of a user's file makes before opening it: the path must be a regular
 * file (a symbolic link to one is fine). A named pipe (FIFO) would block the open or the first read
 * forever, a device would be read without end, and a socket or folder cannot be read at all: each is
 * refused at once with a one-line {@link BadInputException} naming the path and what it is. The check
 * is a {@code stat}; it never opens the file, so it cannot hang. Stateless and thread-safe.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * Returns {@code path} when it is a regular file (following links).
     *
     * @throws BadInputException "no such file" when it is missing, else "is a named pipe (FIFO), not a
     *                           regular file" (or a folder, a device, a socket)
     */
    public static Path requireRegularFile(Path path) throws BadInputException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path, "no such file");
        } catch (IOException | SecurityException e) {
            throw new BadInputException(path, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (a.isRegularFile()) {
            return path;
        }
        throw new BadInputException(path, "is " + kind(path, a) + ", not a regular file (Seamline reads only regular files)");
    }

    /** What a non-regular file is, in words: "a folder", "a named pipe (FIFO)", "a device", "a socket". */
    static String kind(Path path, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a folder";
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            if (mode instanceof Integer m) {
                return switch (m & 0170000) {
                    case 0010000 -> "a named pipe (FIFO)";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // not a Unix file system: say it plainly
        }
        return "a special file";
    }
}
