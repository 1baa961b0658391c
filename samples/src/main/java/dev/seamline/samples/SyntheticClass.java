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
    /** Cars and vans, about 4.5 × 1.9 m. */
    SMALL_VEHICLE("small-vehicle", 18),
    /** Trucks and buses, about 8–14 × 2.5 m. */
    LARGE_VEHICLE("large-vehicle", 23),
    /** Boats and ships on water, 20–60 m long. */
    SHIP("ship", 40),
    /** Fixed-wing aircraft, 30–60 m long and wide. */
    PLANE("plane", 11);

    private static final ClassCatalog CATALOG =
            ClassCatalog.ofNames(Arrays.stream(values()).map(SyntheticClass::dotaName).toList());

    private final String dotaName;
    private final int xviewTypeId;

    SyntheticClass(String dotaName, int xviewTypeId) {
        this.dotaName = dotaName;
        this.xviewTypeId = xviewTypeId;
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
