package dev.seamline.pipeline;

import dev.seamline.core.BadInputException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.geo.Scene;
import dev.seamline.tiling.EdgePolicy;
import dev.seamline.tiling.Overlap;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import java.io.Serial;
import java.io.Serializable;

/**
 * How one scene is tiled for one model, decided once (on a Spark driver, say) and shipped to whoever
 * detects a part of it: the same grid and GSD decision as {@code seamline detect} makes for the scene.
 * Plain fields only, so it serializes. Immutable and thread-safe.
 *
 * @param sceneWidth   scene width, pixels
 * @param sceneHeight  scene height, pixels
 * @param sceneTile    tile size in scene pixels
 * @param sceneOverlap overlap in scene pixels
 * @param modelTile    tile size in model pixels (equal to {@code sceneTile} unless resampled)
 * @param resampled    whether tiles are resampled to {@code modelTile} before inference
 */
public record ScenePlan(int sceneWidth, int sceneHeight, int sceneTile, int sceneOverlap, int modelTile,
        boolean resampled) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * The plan {@code seamline detect} makes for {@code scene}: the bands the model reads must exist,
     * the tile must fit the model input, and GSD resampling must stay within its limits.
     *
     * @throws BadInputException with the one line {@code detect} gives for the same scene
     */
    public static ScenePlan of(Scene scene, ModelBundle bundle, DetectOptions options) throws BadInputException {
        for (int band : bundle.bands()) {
            if (band > scene.bandCount()) {
                throw new BadInputException(scene.path(), "the model reads band " + band + " but the scene has "
                        + scene.bandCount() + " band(s)");
            }
        }
        int tileSize = options.tiling().tileSizeFor(bundle.inputWidth());
        if (tileSize > bundle.inputWidth() || tileSize > bundle.inputHeight()) {
            throw new BadInputException("tile size " + tileSize + " is larger than the model input "
                    + bundle.inputWidth() + "x" + bundle.inputHeight());
        }
        SceneScale s = SceneScale.of(scene, bundle, options, tileSize,
                options.tiling().overlapFor(bundle.maxObjectPx(), tileSize));
        return new ScenePlan(scene.width(), scene.height(), s.sceneTile(), s.sceneOverlap(), s.modelTile(), s.resampled());
    }

    /** The scene's full grid (every band of a split scene is rows of this one grid). */
    public TileGrid grid() {
        return TileGrid.of(sceneWidth, sceneHeight, new TileLayout(sceneTile, Overlap.ofPixels(sceneOverlap),
                EdgePolicy.SHIFT_INSIDE));
    }

    /** The resampling plan of {@link SceneRun}. */
    SceneScale scale() {
        return new SceneScale(sceneTile, sceneOverlap, modelTile, resampled);
    }
}
