package dev.seamline.pipeline;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a scene is cut into tiles for the model. Immutable, thread-safe and serializable.
 *
 * @param tileSize tile width and height, pixels (model pixels when the scene is resampled), at least
 *                 16; empty: the model's input size
 * @param overlap  overlap between neighbouring tiles, pixels, in [0, tile size)
 * @param resample resample a scene whose ground sample distance differs from the model's by more than
 *                 5 % to the model's (when the model states its GSD and allows it); tile and overlap are
 *                 then in model pixels
 */
public record TilingOptions(OptionalInt tileSize, int overlap, boolean resample) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException for a tile under 16 pixels or an overlap outside [0, tile size) */
    public TilingOptions {
        Objects.requireNonNull(tileSize, "tileSize");
        if (tileSize.isPresent() && tileSize.getAsInt() < 16) {
            throw new IllegalArgumentException("tile size must be at least 16 pixels, was " + tileSize.getAsInt());
        }
        if (overlap < 0 || tileSize.isPresent() && overlap >= tileSize.getAsInt()) {
            throw new IllegalArgumentException("overlap must be in [0, tile size), was " + overlap);
        }
    }

    /** The tile size for a model whose input is {@code modelInput} pixels. */
    public int tileSizeFor(int modelInput) {
        return tileSize.orElse(modelInput);
    }

    /** These options with GSD resampling on or off. */
    public TilingOptions withResample(boolean on) {
        return new TilingOptions(tileSize, overlap, on);
    }

    /** {@link OptionalInt} is not serializable: the stream holds this form instead (0: no tile size). */
    @Serial
    private Object writeReplace() {
        return new Form(tileSize.orElse(0), overlap, resample);
    }

    private record Form(int tileSize, int overlap, boolean resample) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            return new TilingOptions(tileSize == 0 ? OptionalInt.empty() : OptionalInt.of(tileSize), overlap, resample);
        }
    }
}
