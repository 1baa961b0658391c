package dev.seamline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;

/** Helpers for bad-input tests: write a small input file, and catch the one-line refusal it earns. */
public final class BadInput {

    private BadInput() {
    }

    /** Writes {@code text} (UTF-8) to {@code dir/name}, creating folders, and returns the path. */
    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** The message of the {@link BadInputException} that {@code body} throws, asserted to be one line. */
    public static String message(Executable body) {
        BadInputException x = assertThrows(BadInputException.class, body);
        assertEquals(1, x.getMessage().lines().count(), x.getMessage());
        return x.getMessage();
    }
}
