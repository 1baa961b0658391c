package dev.seamline.pipeline;

import dev.seamline.core.BadInputException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.geo.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scene's tiling and how tiles reach the model: without resampling, tiles of the model's tile
 * size and overlap; with it, tiles of {@code tile · modelGsd / sceneGsd} scene pixels (the same
 * ground extent), overlap likewise, each resampled to {@code modelTile} pixels. Resampling has a sense
 * of proportion: beyond {@link TilingOptions#MAX_UPSAMPLING}× up or {@link TilingOptions#MAX_DOWNSAMPLING}×
 * down the scene fails (one line: both GSDs, the factor, what the model's objects would measure in the
 * scene's pixels) unless the options force it ({@link TilingOptions.Resample#FORCE}).
 *
 * @param sceneTile    tile size in scene pixels
 * @param sceneOverlap overlap in scene pixels
 * @param modelTile    tile size in model pixels (the tile size of the options)
 * @param resampled    whether tiles are resampled
 */
record SceneScale(int sceneTile, int sceneOverlap, int modelTile, boolean resampled) {

    private static final Logger LOG = LoggerFactory.getLogger(SceneScale.class);

    /**
     * Model pixels per scene pixel as applied to a whole tile, {@code modelTile / sceneTile} (about the
     * scene's GSD over the model's: 100 is upsampling 100×, 0.06 downsampling 16.7×); 1 when tiles
     * are not resampled.
     */
    double factor() {
        return resampled ? (double) modelTile / sceneTile : 1;
    }

    /** {@link #of(Scene, ModelBundle, DetectOptions, int, int)} with the overlap the options state. */
    static SceneScale of(Scene scene, ModelBundle bundle, DetectOptions options, int tileSize) throws BadInputException {
        return of(scene, bundle, options, tileSize, options.tiling().overlap());
    }

    /**
     * The plan for a scene, tiles of {@code tileSize} and {@code overlap} model pixels.
     *
     * @throws BadInputException when the scene would be resampled beyond the limits and the options do
     *         not force it
     */
    static SceneScale of(Scene scene, ModelBundle bundle, DetectOptions options, int tileSize, int overlap)
            throws BadInputException {
        SceneScale none = new SceneScale(tileSize, overlap, tileSize, false);
        if (bundle.gsd().isEmpty() || scene.groundSampleDistance().isEmpty()) {
            return none;
        }
        double sceneGsd = scene.groundSampleDistance().getAsDouble();
        double modelGsd = bundle.gsd().getAsDouble();
        if (Math.abs(sceneGsd / modelGsd - 1) <= TileResampler.TOLERANCE) {
            return none;
        }
        if (!bundle.resample() || !options.tiling().resample()) {
            LOG.warn(String.format(java.util.Locale.ROOT, "%s: ground sample distance %s differs from the "
                    + "model's %s and resampling is off (%s), so detection quality may suffer", scene.name(),
                    metres(sceneGsd), metres(modelGsd), bundle.resample() ? "--no-resample" : "the model's \"resample\": false"));
            return none;
        }
        double f = modelGsd / sceneGsd;
        int sceneTile = Math.max(1, (int) Math.round(tileSize * f));
        int sceneOverlap = Math.min(sceneTile - 1, (int) Math.round(overlap * f));
        if (options.tiling().resampling() != TilingOptions.Resample.FORCE
                && (1 / f > TilingOptions.MAX_UPSAMPLING * (1 + 1e-9) || f > TilingOptions.MAX_DOWNSAMPLING * (1 + 1e-9))) {
            throw new BadInputException(scene.path(), tooFar(bundle, sceneGsd, modelGsd, tileSize, sceneTile));
        }
        LOG.info(String.format(java.util.Locale.ROOT, "%s: ground sample distance %s, the model's %s: "
                + "tiles of %d scene pixels (overlap %d) are resampled to %d (x%s)", scene.name(), metres(sceneGsd),
                metres(modelGsd), sceneTile, sceneOverlap, tileSize, factorText(sceneGsd / modelGsd)));
        return new SceneScale(sceneTile, sceneOverlap, tileSize, true);
    }

    /** The one line of a scene resampled too far: both GSDs, the factor, the model's objects in scene pixels. */
    private static String tooFar(ModelBundle bundle, double sceneGsd, double modelGsd, int tileSize, int sceneTile) {
        double k = sceneGsd / modelGsd; // model pixels per scene pixel
        boolean up = k > 1;
        String how = up ? String.format(java.util.Locale.ROOT, "upsampled %sx (the limit is %sx)", factorText(k),
                factorText(TilingOptions.MAX_UPSAMPLING))
                : String.format(java.util.Locale.ROOT, "downsampled %sx (the limit is %sx)", factorText(1 / k),
                factorText(TilingOptions.MAX_DOWNSAMPLING));
        String objects = bundle.maxObjectPx().isPresent()
                ? String.format(java.util.Locale.ROOT, "the model's largest object (%d px at %s) would measure %s px "
                        + "here, ", bundle.maxObjectPx().getAsInt(), metres(modelGsd),
                        pixels(bundle.maxObjectPx().getAsInt() / k))
                : "";
        return String.format(java.util.Locale.ROOT, "ground sample distance %s against the model's %s: its tiles "
                + "would be %s; %sa %d-px model tile would cover %s scene px; give --resample force (a preset: "
                + "resample: force) to run it anyway, or use a model trained nearer %s", metres(sceneGsd),
                metres(modelGsd), how, objects, tileSize, pixels(tileSize / k), metres(sceneGsd));
    }

    /** Metres per pixel as people read them: 30 m, 0.3 m, 0.018 m. */
    static String metres(double m) {
        return new java.math.BigDecimal(m).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString()
                + " m";
    }

    /** A factor to three significant digits: 100, 16.7, 1.67, 0.06. */
    static String factorText(double f) {
        return new java.math.BigDecimal(f).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A size in pixels to two significant digits below 100, whole above. */
    private static String pixels(double px) {
        if (px >= 100) {
            return String.format(java.util.Locale.ROOT, "%,d", Math.round(px));
        }
        return new java.math.BigDecimal(px).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /**
     * The model-pixel size of a tile side of {@code scenePixels}: the model tile for a whole tile,
     * proportionally less for the tile of a scene smaller than one tile.
     */
    int modelSize(int scenePixels) {
        if (scenePixels >= sceneTile) {
            return modelTile;
        }
        return Math.max(1, Math.min(modelTile, (int) Math.round((double) scenePixels * modelTile / sceneTile)));
    }
}
