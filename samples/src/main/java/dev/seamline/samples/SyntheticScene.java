package dev.seamline.samples;

import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A procedural synthetic aerial scene standing in for 0.3 m RGB imagery, with exact ground truth.
 *
 * <p>The scene is a pure function of its {@link SceneSpec}: {@link #render(PixelWindow)} paints any
 * window on demand, and the same window always gets the same bytes whatever else was rendered
 * before and in whatever order, so a 40,000 × 40,000 scene streams out tile by tile in bounded
 * memory and a trainer can cut chips from it without files. Content: field parcels, grass and soil
 * with noise at several scales, roads with lane marks, buildings with roofs and shadows cast by one
 * sun, trees, lakes; objects of the four {@link SyntheticClass classes} at any rotation, some partly
 * under tree canopy; look-alike distractors (shipping containers, dark car-sized shadows) that are not
 * labelled. Some objects are centred on the seams and four-tile corners of the common tile grids
 * (tiles of 512, 768 and 1,024 px with overlaps of 64, 128 and 256 px).
 *
 * <p>Object sizes follow the GSD: a car is about 4.5 × 1.9 m (15 × 6 px at 0.3 m), a truck 8–14 ×
 * 2.5 m, a ship 20–60 m long, a plane 30–60 m long and as wide.
 *
 * <p>Thread-safe: any number of threads may render windows at once.
 */
public final class SyntheticScene {

    private final SceneSpec spec;
    private final Layout layout;
    private final Renderer renderer;
    private volatile List<SceneObject> objects;
    /** The objects of each cell (row-major), built with {@link #objects}. */
    private volatile List<List<SceneObject>> byCell;

    private SyntheticScene(SceneSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.layout = new Layout(spec);
        this.renderer = new Renderer(layout);
    }

    /** The scene a spec describes. Cheap: content is generated lazily, per region, when asked for. */
    public static SyntheticScene of(SceneSpec spec) {
        return new SyntheticScene(spec);
    }

    /** The spec. */
    public SceneSpec spec() {
        return spec;
    }

    /** Scene width, pixels. */
    public int width() {
        return spec.width();
    }

    /** Scene height, pixels. */
    public int height() {
        return spec.height();
    }

    /** The catalog of the labelled classes (ids 0 to 3, DOTA names): {@link SyntheticClass#catalog()}. */
    public ClassCatalog catalog() {
        return SyntheticClass.catalog();
    }

    /**
     * Renders a window: 3 bands (R, G, B), {@code UINT8}, band-sequential as {@link PixelBuffer}
     * defines. The window may reach past the scene's edges; samples outside the scene are 0 and
     * {@link PixelBuffer#valid()} says which part is real.
     */
    public PixelBuffer render(PixelWindow window) {
        Objects.requireNonNull(window, "window");
        if (window.isEmpty()) {
            throw new IllegalArgumentException("empty window: " + window);
        }
        return renderer.render(window);
    }

    /**
     * Every labelled object of the scene, in a fixed order (by cell of 300 m, rows then columns, then
     * placement order) with ids 1, 2, 3 … in that order. Every object lies wholly inside the scene.
     * Computed once, then cached; for a 40,000² scene this is a few tens of thousands of objects.
     */
    public List<SceneObject> objects() {
        List<SceneObject> list = objects;
        if (list == null) {
            synchronized (this) {
                list = objects;
                if (list == null) {
                    List<List<SceneObject>> cells = collect();
                    list = cells.stream().flatMap(List::stream).toList();
                    byCell = cells;
                    objects = list;
                }
            }
        }
        return list;
    }

    /**
     * The labelled objects whose oriented box meets the window (scene pixels), with the same ids as
     * {@link #objects()}, in the same order: how a trainer labels the chips it cuts. Looks only at
     * the cells the window meets, so it costs the same in a scene of any size.
     */
    public List<SceneObject> objectsIn(PixelWindow window) {
        objects();
        Box area = window.toBox();
        List<SceneObject> out = new ArrayList<>();
        for (Layout.Cell cell : layout.cellsIn(area)) {
            for (SceneObject o : byCell.get(cell.row() * layout.cols + cell.col())) {
                if (o.box().bounds().intersectionArea(area) > 0) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private List<List<SceneObject>> collect() {
        List<List<SceneObject>> out = new ArrayList<>(layout.rows * layout.cols);
        int id = 0;
        for (int r = 0; r < layout.rows; r++) {
            for (int c = 0; c < layout.cols; c++) {
                List<SceneObject> cell = new ArrayList<>();
                for (Layout.Item it : layout.cell(c, r).items()) {
                    if (it.type() != null) {
                        cell.add(new SceneObject(++id, it.type(), it.box(), it.occluded()));
                    }
                }
                out.add(List.copyOf(cell));
            }
        }
        return List.copyOf(out);
    }
}
