package dev.seamline.samples;

import dev.seamline.core.ClassCatalog;
import java.util.Arrays;

/**
 * The object classes of a synthetic scene, with the names DOTA uses and the ids other formats use.
 * The catalog ids ({@link #id()}, 0 to 3 in declaration order) are the ones the built-in detector
 * is trained on; COCO category ids are {@code id() + 1}; xView type ids follow the xView class map
 * (18 Small Car, 23 Truck, 40 Maritime Vessel, 11 Fixed-wing Aircraft).
 */
public enum SyntheticClass {
    /** Cars and vans, 4.2–5.0 × 1.75–2.0 m. */
    SMALL_VEHICLE("small-vehicle", 18, 5.0, 2.0),
    /** Trucks and buses, 8–14 × 2.4–2.6 m. */
    LARGE_VEHICLE("large-vehicle", 23, 14, 2.6),
    /** Boats and ships on water, 20–60 m long, 0.17–0.24 of that wide. */
    SHIP("ship", 40, 60, 60 * 0.24),
    /** Fixed-wing aircraft, 30–60 m long, 0.85–1.15 of that wide (wingspan). */
    PLANE("plane", 11, 60, 60 * 1.15);

    private static final ClassCatalog CATALOG =
            ClassCatalog.ofNames(Arrays.stream(values()).map(SyntheticClass::dotaName).toList());

    private final String dotaName;
    private final int xviewTypeId;
    private final double maxLength, maxWidth;

    SyntheticClass(String dotaName, int xviewTypeId, double maxLength, double maxWidth) {
        this.dotaName = dotaName;
        this.xviewTypeId = xviewTypeId;
        this.maxLength = maxLength;
        this.maxWidth = maxWidth;
    }

    /**
     * The longest an object of this class is drawn, metres: the upper bound of the length the scene
     * generator ({@code CellBuilder}) draws from (the first side of its oriented box).
     */
    public double maxLengthMetres() {
        return maxLength;
    }

    /** The widest an object of this class is drawn, metres (the second side of its oriented box). */
    public double maxWidthMetres() {
        return maxWidth;
    }

    /**
     * The largest axis-aligned extent an object of this class can have, metres: the diagonal of its
     * largest box, which is what it spans across or down when it lies at the worst angle (objects come
     * at any heading).
     */
    public double maxExtentMetres() {
        return Math.hypot(maxLength, maxWidth);
    }

    /**
     * The largest object of any class in pixels at {@code gsd} metres per pixel, rounded up: the
     * {@code max_object_px} of a model trained on these scenes at that GSD (the overlap that lets every
     * object lie whole in some tile).
     *
     * @throws IllegalArgumentException for a GSD that is not positive
     */
    public static int maxObjectPixels(double gsd) {
        if (!(gsd > 0) || !Double.isFinite(gsd)) {
            throw new IllegalArgumentException("gsd must be positive: " + gsd);
        }
        double max = Arrays.stream(values()).mapToDouble(SyntheticClass::maxExtentMetres).max().orElseThrow();
        return (int) Math.ceil(max / gsd - 1e-9);
    }

    /** Catalog id, 0 to 3. */
    public int id() {
        return ordinal();
    }

    /** The class name, as DOTA spells it: small-vehicle, large-vehicle, ship, plane. */
    public String dotaName() {
        return dotaName;
    }

    /** The xView {@code type_id}: 18 Small Car, 23 Truck, 40 Maritime Vessel, 11 Fixed-wing Aircraft (27 is Trailer). */
    public int xviewTypeId() {
        return xviewTypeId;
    }

    /** The COCO {@code category_id}: catalog id + 1 (COCO ids start at 1). */
    public int cocoCategoryId() {
        return ordinal() + 1;
    }

    /** The catalog of all four classes, ids 0 to 3, names as {@link #dotaName()}. */
    public static ClassCatalog catalog() {
        return CATALOG;
    }
}
