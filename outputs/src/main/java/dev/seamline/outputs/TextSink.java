package dev.seamline.outputs;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The common life of the text sinks: a temporary file beside the target, a header written on open, a
 * record per detection, a footer and an atomic rename on commit, deletion on close without commit.
 * Not thread-safe.
 */
abstract class TextSink implements BandSink {

    final OutputContext context;
    private final PartFile part;
    final Writer out;
    private boolean prepared;
    private boolean committed;
    private boolean closed;

    TextSink(OutputContext context, Path target) throws IOException {
        this.context = Objects.requireNonNull(context, "context");
        this.part = PartFile.create(target);
        Writer w = null;
        try {
            w = part.writer();
        } finally {
            if (w == null) {
                part.abort();
            }
        }
        this.out = w;
    }

    /** Writes what comes before the first record (see {@link #start()}). */
    void begin() throws IOException {
    }

    /**
     * Writes the header; subclasses call it at the end of their constructor. On failure the
     * temporary file is deleted before the exception goes on.
     */
    final void start() throws IOException {
        try {
            begin();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Writes one detection, with its place on the map when the format uses it. */
    abstract void write(PlacedDetection p) throws IOException;

    /** Writes what comes after the last record. */
    void end() throws IOException {
    }

    @Override
    public final void accept(List<PlacedDetection> band) throws IOException {
        if (prepared || committed || closed) {
            throw new IllegalStateException(part.target + ": sink already " + (committed ? "committed" : prepared ? "prepared" : "closed"));
        }
        for (PlacedDetection p : band) {
            write(p);
        }
    }

    @Override
    public final void prepare() throws IOException {
        if (prepared || committed || closed) {
            throw new IllegalStateException(part.target + ": sink already " + (committed ? "committed" : prepared ? "prepared" : "closed"));
        }
        end();
        out.close();
        part.sync();
        prepared = true;
    }

    @Override
    public final void commit() throws IOException {
        if (committed || closed) {
            throw new IllegalStateException(part.target + ": sink already " + (committed ? "committed" : "closed"));
        }
        if (!prepared) {
            prepare();
        }
        part.commit();
        committed = true;
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                closeQuietly();
            } finally {
                part.abort();
            }
        }
    }

    /** Closes the output without finishing it. */
    void closeQuietly() {
        try {
            out.close();
        } catch (IOException e) {
            // the file is deleted next
        }
    }
}
