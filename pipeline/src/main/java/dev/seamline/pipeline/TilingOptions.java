package dev.seamline.pipeline;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a scene is cut into tiles for the model. Immutable, thread-safe and serializable.
 *
 * <p>The overlap a run uses ({@link #overlapFor}) is {@link #overlap()} when someone stated it (an
 * option, a preset); left to the default ({@link OverlapSource#DEFAULT}), it is at least the model's
 * largest object ({@code max_object_px} of its bundle), so that every object lies whole in some
 * tile, and {@value #DEFAULT_OVERLAP} pixels otherwise.
 *
 * @param tileSize      tile width and height, pixels (model pixels when the scene is resampled), at least
 *                      16; empty: the model's input size
 * @param overlap       overlap between neighbouring tiles, pixels, in [0, tile size): the stated one, or
 *                      the least default ({@value #DEFAULT_OVERLAP}) when {@code overlapSource} is
 *                      {@link OverlapSource#DEFAULT}
 * @param overlapSource who chose the overlap
 * @param resampling    what to do with a scene whose ground sample distance differs from the model's by more
 *                      than 5 % (when the model states its GSD and allows it); tile and overlap are then
 *                      in model pixels
 */
public record TilingOptions(OptionalInt tileSize, int overlap, OverlapSource overlapSource, Resample resampling)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    /** The overlap when nobody states one and the model states no larger object, pixels. */
    public static final int DEFAULT_OVERLAP = 128;

    /** Upsampling beyond this factor (scene GSD over the model's) fails the scene unless forced. */
    public static final double MAX_UPSAMPLING = 4;
    /** Downsampling beyond this factor (model GSD over the scene's) fails the scene unless forced. */
    public static final double MAX_DOWNSAMPLING = 8;

    /**
     * The most of a tile a derived overlap may take: the model's largest object raises the default
     * overlap up to 3/4 of the tile (a stride of a quarter tile), not further.
     */
    static final double MAX_DERIVED_OVERLAP_SHARE = 0.75;

    /** Who chose the overlap. */
    public enum OverlapSource {
        /** Nobody: {@value TilingOptions#DEFAULT_OVERLAP} pixels, or the model's largest object if larger. */
        DEFAULT,
        /** A preset's {@code overlap}. */
        PRESET,
        /** An option ({@code --overlap}, or a caller of the library). */
        OPTION;

        /** The name run.json gives it: default, preset, option. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What to do with a scene whose ground sample distance is not the model's. */
    public enum Resample {
        /** Never resample (a warning says the GSDs differ). */
        OFF,
        /**
         * Resample up to {@value TilingOptions#MAX_UPSAMPLING}× up or {@value TilingOptions#MAX_DOWNSAMPLING}×
         * down; beyond, the scene fails with one line saying why.
         */
        ON,
        /** Resample whatever the factor. */
        FORCE;

        /**
         * Parses {@code on | off | force} (also {@code true | false}), any case.
         *
         * @throws IllegalArgumentException for anything else
         */
        public static Resample parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "on", "true" -> ON;
                case "off", "false" -> OFF;
                case "force" -> FORCE;
                default -> throw new IllegalArgumentException("resample must be on, off or force, was '" + text + "'");
            };
        }

        /** The name presets and run.json give it: on, off, force. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @throws IllegalArgumentException for a tile under 16 pixels or an overlap outside [0, tile size) */
    public TilingOptions {
        Objects.requireNonNull(tileSize, "tileSize");
        Objects.requireNonNull(overlapSource, "overlapSource");
        Objects.requireNonNull(resampling, "resampling");
        if (tileSize.isPresent() && tileSize.getAsInt() < 16) {
            throw new IllegalArgumentException("tile size must be at least 16 pixels, was " + tileSize.getAsInt());
        }
        if (overlap < 0 || tileSize.isPresent() && overlap >= tileSize.getAsInt()) {
            throw new IllegalArgumentException("overlap must be in [0, tile size), was " + overlap);
        }
    }

    /**
     * Options with a stated overlap ({@link OverlapSource#OPTION}), resampling on or off.
     *
     * @throws IllegalArgumentException for a tile under 16 pixels or an overlap outside [0, tile size)
     */
    public TilingOptions(OptionalInt tileSize, int overlap, boolean resample) {
        this(tileSize, overlap, OverlapSource.OPTION, resample ? Resample.ON : Resample.OFF);
    }

    /** The defaults: the model's tile size, the default overlap, resampling on. */
    public static TilingOptions defaults() {
        return new TilingOptions(OptionalInt.empty(), DEFAULT_OVERLAP, OverlapSource.DEFAULT, Resample.ON);
    }

    /** Whether scenes of another GSD are resampled at all ({@link Resample#ON} or {@link Resample#FORCE}). */
    public boolean resample() {
        return resampling != Resample.OFF;
    }

    /** The tile size for a model whose input is {@code modelInput} pixels. */
    public int tileSizeFor(int modelInput) {
        return tileSize.orElse(modelInput);
    }

    /**
     * The overlap a run uses with tiles of {@code tileSize} pixels and a model whose largest object is
     * {@code maxObjectPx}: the stated overlap; by default the larger of {@link #overlap()} and the
     * largest object, at most {@value #MAX_DERIVED_OVERLAP_SHARE} of the tile.
     */
    public int overlapFor(OptionalInt maxObjectPx, int tileSize) {
        if (overlapSource != OverlapSource.DEFAULT || maxObjectPx.isEmpty() || maxObjectPx.getAsInt() <= overlap) {
            return overlap;
        }
        int cap = Math.max(overlap, (int) Math.floor(tileSize * MAX_DERIVED_OVERLAP_SHARE));
        return Math.min(maxObjectPx.getAsInt(), Math.min(cap, tileSize - 1));
    }

    /**
     * Where {@link #overlapFor} took the overlap from: {@code option}, {@code preset}, {@code model} (the
     * bundle's {@code max_object_px} raised it) or {@code default}.
     */
    public String overlapOrigin(OptionalInt maxObjectPx, int tileSize) {
        if (overlapSource != OverlapSource.DEFAULT) {
            return overlapSource.label();
        }
        return overlapFor(maxObjectPx, tileSize) != overlap ? "model" : OverlapSource.DEFAULT.label();
    }

    /** These options with GSD resampling on or off ({@link Resample#FORCE} stays when turned on). */
    public TilingOptions withResample(boolean on) {
        return withResampling(!on ? Resample.OFF : resampling == Resample.FORCE ? Resample.FORCE : Resample.ON);
    }

    /** These options resampling as {@code r} says. */
    public TilingOptions withResampling(Resample r) {
        return new TilingOptions(tileSize, overlap, overlapSource, r);
    }

    /** These options with {@code pixels} of overlap chosen by {@code source}. */
    public TilingOptions withOverlap(int pixels, OverlapSource source) {
        return new TilingOptions(tileSize, pixels, source, resampling);
    }

    /** {@link OptionalInt} is not serializable: the stream holds this form instead (0: no tile size). */
    @Serial
    private Object writeReplace() {
        return new Form(tileSize.orElse(0), overlap, overlapSource, resampling);
    }

    private record Form(int tileSize, int overlap, OverlapSource overlapSource, Resample resampling)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 2L;

        @Serial
        private Object readResolve() {
            return new TilingOptions(tileSize == 0 ? OptionalInt.empty() : OptionalInt.of(tileSize), overlap,
                    overlapSource, resampling);
        }
    }
}
