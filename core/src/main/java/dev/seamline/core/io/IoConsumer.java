package dev.seamline.core.io;

import java.io.IOException;

/**
 * A consumer that may fail with an {@link IOException}: the body that writes a file's content in
 * {@link AtomicFile#write(java.nio.file.Path, IoConsumer)}.
 *
 * @param <T> what the body is handed (an output stream)
 */
@FunctionalInterface
public interface IoConsumer<T> {

    /** Consumes {@code value}, say by writing the file's bytes to it. */
    void accept(T value) throws IOException;
}
