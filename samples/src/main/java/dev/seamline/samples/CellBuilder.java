package dev.seamline.samples;

import dev.seamline.core.Box;
import dev.seamline.core.OrientedBox;
import dev.seamline.samples.Layout.Building;
import dev.seamline.samples.Layout.Cell;
import dev.seamline.samples.Layout.CellKind;
import dev.seamline.samples.Layout.Item;
import dev.seamline.samples.Layout.ItemKind;
import dev.seamline.samples.Layout.Lake;
import dev.seamline.samples.Layout.Pad;
import dev.seamline.samples.Layout.Road;
import dev.seamline.samples.Layout.Surface;
import dev.seamline.samples.Layout.Tree;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates one cell of a {@link Layout}: picks its kind, then places pads, buildings, objects,
 * distractors and trees by rejection sampling with a generator seeded from (scene seed, column, row).
 * Every placement stays inside the cell (inset by a shadow's reach), so cells never collide.
 * Sizes are in metres converted with the scene's GSD. Not thread-safe; one per cell.
 *
 * <p>Why one class of this length: each kind of cell (urban, rural, water, airfield) is a short
 * placement recipe over the same rejection sampler and the same free-space bookkeeping; they share
 * that state, and the recipes read best side by side.
 */
final class CellBuilder {

    static final int[] CAR_COLOURS = {0xE6E6E4, 0xE6E6E4, 0xB4B8BC, 0x1E2024, 0x4C5056, 0x9C2222, 0x29478A, 0xC4B496,
        0x2F6A3A};
    static final int[] TRAILER_COLOURS = {0xDCDCDA, 0xC8CACC, 0x8C2A22, 0x2E4E86, 0xD8C04A, 0x5A5E62};
    static final int[] HULL_COLOURS = {0xE8E8E6, 0xD0D2D4, 0x8A3A2A, 0x30466A, 0x5A5A58};
    static final int[] PLANE_COLOURS = {0xF0F0EE, 0xE4E6E8, 0xD6D8DA};
    static final int[] CONTAINER_COLOURS = {0xB03A2E, 0x2E5C9A, 0xD07A2A, 0x3A7A4A, 0x8A8A8A, 0xC8C8C4};
    static final int[] ROOF_COLOURS = {0x9A4A3A, 0xB05A40, 0x7A7E82, 0x5A5C5E, 0xA8A49A, 0x6A4038, 0xC0C0BA};

    private final Layout layout;
    private final int col, row;
    private final Rng rng;
    private final double px;
    private final double x0, y0, x1, y1, inset;
    private final List<Road> roads;
    private final List<Pad> pads = new ArrayList<>();
    private final List<Building> buildings = new ArrayList<>();
    private final List<Tree> trees = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();
    private Lake lake;

    CellBuilder(Layout layout, int col, int row) {
        this.layout = layout;
        this.col = col;
        this.row = row;
        this.rng = new Rng(Rng.mix(layout.spec.seed(), col, row, 0xCE11));
        this.px = layout.px;
        this.x0 = (double) col * layout.cellPx;
        this.y0 = (double) row * layout.cellPx;
        this.x1 = x0 + layout.cellPx;
        this.y1 = y0 + layout.cellPx;
        this.inset = 12 * px;
        this.roads = layout.roadsNear(new Box(x0, y0, x1, y1), 0);
    }

    Cell build() {
        double p = rng.nextDouble();
        CellKind kind = p < 0.30 ? CellKind.URBAN : p < 0.55 ? CellKind.RURAL : p < 0.80 ? CellKind.WATER : CellKind.AIRFIELD;
        if (kind == CellKind.WATER) {
            placeLake();
        }
        if (kind == CellKind.AIRFIELD && !placeApron()) {
            kind = CellKind.RURAL;
        }
        seamObjects(kind);
        switch (kind) {
            case URBAN -> urban();
            case RURAL -> rural();
            case WATER -> water();
            case AIRFIELD -> airfield();
        }
        roadVehicles();
        distractors(kind);
        trees(kind);
        markOcclusion();
        return new Cell(col, row, kind, lake, List.copyOf(pads), List.copyOf(buildings), List.copyOf(trees),
                List.copyOf(items));
    }

    // ---- kinds -------------------------------------------------------------------------------

    private void placeLake() {
        double r = rng.range(65, 95) * px;
        double cx = (x0 + x1) / 2 + rng.range(-20, 20) * px, cy = (y0 + y1) / 2 + rng.range(-20, 20) * px;
        lake = new Lake(cx, cy, r, rng.range(-0.07, 0.07), rng.range(0, 6.3), rng.range(-0.07, 0.07), rng.range(0, 6.3),
                rng.range(-0.07, 0.07), rng.range(0, 6.3));
    }

    private boolean placeApron() {
        for (int attempt = 0; attempt < 30; attempt++) {
            double w = rng.range(110, 200) * px, h = rng.range(80, 150) * px;
            OrientedBox b = new OrientedBox(rng.range(x0, x1), rng.range(y0, y1), w, h, gridAngle() + rng.range(-0.05, 0.05));
            if (insideCell(b) && clearOfRoads(b, 2 * px)) {
                pads.add(new Pad(b, Surface.CONCRETE));
                return true;
            }
        }
        return false;
    }

    private void urban() {
        double angle = gridAngle();
        int lots = rng.rangeInt(1, 3);
        for (int i = 0; i < lots; i++) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int slots = rng.rangeInt(4, 10), aisles = rng.rangeInt(1, 2);
                double w = slots * 2.6 * px + 2 * px, h = aisles * 16 * px;
                OrientedBox lot = new OrientedBox(rng.range(x0, x1), rng.range(y0, y1), w, h, angle);
                if (insideCell(lot) && clearOfRoads(lot, 2 * px) && !hitsPads(lot, 3 * px) && !hitsItems(lot, 2 * px)) {
                    pads.add(new Pad(lot, Surface.ASPHALT));
                    fillLot(lot, slots, aisles);
                    break;
                }
            }
        }
        int count = rng.rangeInt(6, 14);
        for (int i = 0; i < count; i++) {
            for (int attempt = 0; attempt < 15; attempt++) {
                OrientedBox b = new OrientedBox(rng.range(x0, x1), rng.range(y0, y1), rng.range(10, 30) * px,
                        rng.range(8, 20) * px, angle + (rng.chance(0.2) ? Math.PI / 2 : 0));
                if (tryBuilding(b, rng.range(4, 15))) {
                    break;
                }
            }
        }
        looseVehicles(rng.rangeInt(1, 5), 0.2);
    }

    private void rural() {
        int farms = rng.rangeInt(0, 2);
        for (int i = 0; i < farms; i++) {
            for (int attempt = 0; attempt < 15; attempt++) {
                double angle = gridAngle() + rng.range(-0.3, 0.3);
                OrientedBox yard = new OrientedBox(rng.range(x0, x1), rng.range(y0, y1), rng.range(35, 60) * px,
                        rng.range(30, 50) * px, angle);
                if (insideCell(yard) && clearOfRoads(yard, 2 * px) && !hitsPads(yard, 3 * px) && !hitsItems(yard, 2 * px)) {
                    pads.add(new Pad(yard, Surface.DIRT));
                    double bx = yard.cx() + (rng.range(-0.2, 0.2) * yard.width());
                    tryBuilding(new OrientedBox(bx, yard.cy() - yard.height() * 0.22, yard.width() * 0.45,
                            yard.height() * 0.35, angle), rng.range(5, 10));
                    for (int v = rng.rangeInt(1, 3); v > 0; v--) {
                        vehicleInside(yard, rng.chance(0.5) ? ItemKind.TRUCK : ItemKind.CAR);
                    }
                    break;
                }
            }
        }
        looseVehicles(rng.rangeInt(0, 3), 0.4);
    }

    private void water() {
        if (rng.chance(0.6)) {
            for (int attempt = 0; attempt < 20; attempt++) {
                double t = rng.range(0, 2 * Math.PI);
                double edge = lake.radius();
                double qx = lake.cx() + edge * StrictMath.cos(t), qy = lake.cy() + edge * StrictMath.sin(t);
                OrientedBox quay = new OrientedBox(qx, qy, rng.range(40, 80) * px, rng.range(14, 22) * px, t + Math.PI / 2);
                if (insideCell(quay) && clearOfRoads(quay, 2 * px)) {
                    pads.add(new Pad(quay, Surface.QUAY));
                    int containers = rng.rangeInt(2, 8);
                    for (int i = 0; i < containers; i++) {
                        containerInside(quay);
                    }
                    if (rng.chance(0.6)) {
                        vehicleInside(quay, ItemKind.TRUCK);
                    }
                    break;
                }
            }
        }
        int ships = rng.rangeInt(2, 6);
        for (int i = 0; i < ships; i++) {
            placeShip(rng.range(lake.cx() - lake.radius(), lake.cx() + lake.radius()),
                    rng.range(lake.cy() - lake.radius(), lake.cy() + lake.radius()), 25);
        }
        looseVehicles(rng.rangeInt(0, 2), 0.3);
    }

    private void airfield() {
        Pad apron = pads.get(0);
        int planes = rng.rangeInt(2, 5);
        for (int i = 0; i < planes; i++) {
            for (int attempt = 0; attempt < 25; attempt++) {
                double len = rng.range(30, 60) * px;
                double[] p = pointIn(apron.box());
                OrientedBox b = new OrientedBox(p[0], p[1], len, len * rng.range(0.85, 1.15), rng.range(0, 2 * Math.PI));
                if (within(b, apron.box(), 2 * px) && freeForItem(b, 4 * px, false)) {
                    addItem(ItemKind.PLANE, b, rng.pick(PLANE_COLOURS), rng.pick(CONTAINER_COLOURS));
                    break;
                }
            }
        }
        for (int v = rng.rangeInt(1, 4); v > 0; v--) {
            vehicleInside(apron.box(), ItemKind.TRUCK);
        }
        for (int v = rng.rangeInt(0, 3); v > 0; v--) {
            vehicleInside(apron.box(), ItemKind.CAR);
        }
        for (int v = rng.rangeInt(0, 4); v > 0; v--) {
            containerInside(apron.box());
        }
    }

    // ---- objects -----------------------------------------------------------------------------

    /** Objects centred on the seams and four-tile corners of common tile grids ({@link Layout#GRIDS}). */
    private void seamObjects(CellKind kind) {
        int wanted = rng.rangeInt(1, 3);
        for (int i = 0; i < wanted; i++) {
            int[] grid = Layout.GRIDS[rng.nextInt(Layout.GRIDS.length)];
            int stride = grid[0] - grid[1];
            int extra = rng.chance(0.5) ? 0 : grid[0];
            double margin = 25 * px;
            double sx = seamLine(stride, extra, x0 + margin, x1 - margin);
            double sy = seamLine(stride, extra, y0 + margin, y1 - margin);
            boolean corner = rng.chance(0.5);
            double cx, cy;
            if (corner && !Double.isNaN(sx) && !Double.isNaN(sy)) {
                cx = sx;
                cy = sy;
            } else if (!Double.isNaN(sx) && rng.chance(0.5)) {
                cx = sx;
                cy = rng.range(y0 + margin, y1 - margin);
            } else if (!Double.isNaN(sy)) {
                cx = rng.range(x0 + margin, x1 - margin);
                cy = sy;
            } else {
                continue;
            }
            if (lake != null && lake.inside(cx, cy) > 15 * px) {
                placeShip(cx, cy, 1);
            } else if (kind == CellKind.AIRFIELD && within(new OrientedBox(cx, cy, 1, 1, 0), pads.get(0).box(), 30 * px)) {
                double len = rng.range(30, 45) * px;
                OrientedBox b = new OrientedBox(cx, cy, len, len * rng.range(0.9, 1.1), rng.range(0, 2 * Math.PI));
                if (freeForItem(b, 4 * px, false)) {
                    addItem(ItemKind.PLANE, b, rng.pick(PLANE_COLOURS), rng.pick(CONTAINER_COLOURS));
                }
            } else {
                ItemKind k = rng.chance(0.7) ? ItemKind.CAR : ItemKind.TRUCK;
                OrientedBox b = vehicleBox(k, cx, cy, rng.range(0, 2 * Math.PI));
                if (freeForItem(b, 1.5 * px, false)) {
                    addVehicle(k, b);
                }
            }
        }
    }

    /** A random seam position {@code k·stride + extra} in [lo, hi], or NaN when there is none. */
    private double seamLine(int stride, int extra, double lo, double hi) {
        long k0 = (long) Math.ceil((lo - extra) / stride), k1 = (long) Math.floor((hi - extra) / stride);
        if (k1 < k0) {
            return Double.NaN;
        }
        return (double) (k0 + rng.nextInt((int) (k1 - k0 + 1))) * stride + extra;
    }

    private void fillLot(OrientedBox lot, int slots, int aisles) {
        double c = StrictMath.cos(lot.angle()), s = StrictMath.sin(lot.angle());
        double slotW = 2.6 * px;
        for (int a = 0; a < aisles; a++) {
            for (int side = 0; side < 2; side++) {
                double v = -lot.height() / 2 + a * 16 * px + (side == 0 ? 2.7 : 13.3) * px;
                for (int k = 0; k < slots; k++) {
                    if (!rng.chance(0.6)) {
                        continue;
                    }
                    double u = -lot.width() / 2 + 1 * px + (k + 0.5) * slotW;
                    double cx = lot.cx() + u * c - v * s, cy = lot.cy() + u * s + v * c;
                    double heading = lot.angle() + Math.PI / 2 + (rng.chance(0.5) ? Math.PI : 0) + rng.range(-0.06, 0.06);
                    OrientedBox b = vehicleBox(ItemKind.CAR, cx, cy, heading);
                    if (freeForItem(b, 0.3 * px, false)) {
                        addVehicle(ItemKind.CAR, b);
                    }
                }
            }
        }
    }

    private void looseVehicles(int count, double truckShare) {
        for (int i = 0; i < count; i++) {
            for (int attempt = 0; attempt < 10; attempt++) {
                ItemKind k = rng.chance(truckShare) ? ItemKind.TRUCK : ItemKind.CAR;
                OrientedBox b = vehicleBox(k, rng.range(x0, x1), rng.range(y0, y1), rng.range(0, 2 * Math.PI));
                if (freeForItem(b, 1.5 * px, false)) {
                    addVehicle(k, b);
                    break;
                }
            }
        }
    }

    private void vehicleInside(OrientedBox area, ItemKind k) {
        for (int attempt = 0; attempt < 15; attempt++) {
            double[] p = pointIn(area);
            double heading = rng.chance(0.5) ? area.angle() + rng.range(-0.1, 0.1) : rng.range(0, 2 * Math.PI);
            OrientedBox b = vehicleBox(k, p[0], p[1], heading);
            if (within(b, area, 1 * px) && freeForItem(b, 1 * px, true)) {
                addVehicle(k, b);
                return;
            }
        }
    }

    private void roadVehicles() {
        for (Road r : roads) {
            int count = rng.rangeInt(0, 4);
            for (int i = 0; i < count; i++) {
                double t = rng.range(r.vertical() ? y0 : x0, r.vertical() ? y1 : x1);
                int lane = rng.chance(0.5) ? 1 : -1;
                double along = r.offset() + r.slope() * t;
                double norm = Math.sqrt(1 + r.slope() * r.slope());
                double off = lane * r.halfWidth() * 0.5 * norm;
                double cx = r.vertical() ? along + off : t, cy = r.vertical() ? t : along + off;
                double heading = r.angle() + (lane > 0 ? 0 : Math.PI);
                ItemKind k = rng.chance(0.2) ? ItemKind.TRUCK : ItemKind.CAR;
                OrientedBox b = vehicleBox(k, cx, cy, heading);
                if (freeForItem(b, 2 * px, true) && !hitsPads(b, 0)) {
                    addVehicle(k, b);
                }
            }
        }
    }

    private void placeShip(double cx, double cy, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            double len = rng.range(20, 60) * px;
            OrientedBox b = new OrientedBox(cx, cy, len, len * rng.range(0.17, 0.24), rng.range(0, 2 * Math.PI));
            double[] k = b.corners();
            boolean wet = lake != null && lake.inside(cx, cy) > 3 * px;
            for (int i = 0; wet && i < 8; i += 2) {
                wet = lake.inside(k[i], k[i + 1]) > 3 * px;
            }
            if (wet && freeForItem(b, 6 * px, false) && !hitsPads(b, 3 * px)) {
                addItem(ItemKind.SHIP, b, rng.pick(HULL_COLOURS), rng.pick(HULL_COLOURS));
                return;
            }
            cx = rng.range(lake == null ? x0 : lake.cx() - lake.radius(), lake == null ? x1 : lake.cx() + lake.radius());
            cy = rng.range(lake == null ? y0 : lake.cy() - lake.radius(), lake == null ? y1 : lake.cy() + lake.radius());
        }
    }

    private OrientedBox vehicleBox(ItemKind k, double cx, double cy, double heading) {
        if (k == ItemKind.CAR) {
            return new OrientedBox(cx, cy, rng.range(4.2, 5.0) * px, rng.range(1.75, 2.0) * px, heading);
        }
        return new OrientedBox(cx, cy, rng.range(8, 14) * px, rng.range(2.4, 2.6) * px, heading);
    }

    private void addVehicle(ItemKind k, OrientedBox b) {
        if (k == ItemKind.CAR) {
            addItem(k, b, rng.pick(CAR_COLOURS), 0);
        } else {
            addItem(k, b, rng.pick(TRAILER_COLOURS), rng.pick(CAR_COLOURS));
        }
    }

    private void addItem(ItemKind k, OrientedBox b, int colour, int colour2) {
        SyntheticClass type = switch (k) {
            case CAR -> SyntheticClass.SMALL_VEHICLE;
            case TRUCK -> SyntheticClass.LARGE_VEHICLE;
            case SHIP -> SyntheticClass.SHIP;
            case PLANE -> SyntheticClass.PLANE;
            default -> null;
        };
        items.add(new Item(k, type, b, colour, colour2, false));
    }

    // ---- distractors, buildings, trees -------------------------------------------------------

    private void distractors(CellKind kind) {
        int containers = kind == CellKind.URBAN ? rng.rangeInt(0, 3) : rng.rangeInt(0, 1);
        for (int i = 0; i < containers; i++) {
            for (int attempt = 0; attempt < 10; attempt++) {
                OrientedBox b = containerBox(rng.range(x0, x1), rng.range(y0, y1), rng.range(0, 2 * Math.PI));
                if (freeForItem(b, 1.5 * px, false)) {
                    items.add(new Item(ItemKind.CONTAINER, null, b, rng.pick(CONTAINER_COLOURS), 0, false));
                    break;
                }
            }
        }
        int blobs = rng.rangeInt(0, 4);
        for (int i = 0; i < blobs; i++) {
            for (int attempt = 0; attempt < 10; attempt++) {
                OrientedBox b = new OrientedBox(rng.range(x0, x1), rng.range(y0, y1), rng.range(3.5, 6) * px,
                        rng.range(1.6, 2.4) * px, rng.range(0, 2 * Math.PI));
                if (freeForItem(b, 1.5 * px, false)) {
                    items.add(new Item(ItemKind.DARK_BLOB, null, b, 0x26282A, 0, false));
                    break;
                }
            }
        }
    }

    private void containerInside(OrientedBox area) {
        for (int attempt = 0; attempt < 12; attempt++) {
            double[] p = pointIn(area);
            OrientedBox b = containerBox(p[0], p[1], area.angle() + (rng.chance(0.8) ? 0 : Math.PI / 2));
            if (within(b, area, 0.5 * px) && freeForItem(b, 0.4 * px, true)) {
                items.add(new Item(ItemKind.CONTAINER, null, b, rng.pick(CONTAINER_COLOURS), 0, false));
                return;
            }
        }
    }

    private OrientedBox containerBox(double cx, double cy, double angle) {
        return new OrientedBox(cx, cy, (rng.chance(0.5) ? 6.06 : 12.19) * px, 2.44 * px, angle);
    }

    private boolean tryBuilding(OrientedBox b, double heightMetres) {
        if (!insideCell(b) || !clearOfRoads(b, 3 * px) || hitsItems(b, 2 * px) || hitsPads(b, 2 * px) || wet(b, 4 * px)) {
            return false;
        }
        for (Building o : buildings) {
            if (Layout.overlaps(o.box(), b, 3 * px)) {
                return false;
            }
        }
        buildings.add(new Building(b, rng.pick(ROOF_COLOURS), rng.chance(0.5), heightMetres * 0.7 * px));
        return true;
    }

    private void trees(CellKind kind) {
        int count = switch (kind) {
            case URBAN -> rng.rangeInt(8, 20);
            case RURAL -> rng.rangeInt(6, 18);
            case WATER -> rng.rangeInt(5, 15);
            case AIRFIELD -> rng.rangeInt(0, 6);
        };
        if (kind == CellKind.RURAL && rng.chance(0.7)) {
            double ax = rng.range(x0, x1), ay = rng.range(y0, y1), t = gridAngle() + (rng.chance(0.5) ? 0 : Math.PI / 2);
            double step = rng.range(7, 10) * px;
            for (int i = 0; i < rng.rangeInt(5, 12); i++) {
                tryTree(ax + i * step * StrictMath.cos(t), ay + i * step * StrictMath.sin(t), rng.range(2.5, 4.5) * px, false);
            }
        }
        for (int i = 0; i < count; i++) {
            tryTree(rng.range(x0, x1), rng.range(y0, y1), rng.range(2.5, 6) * px, false);
        }
        // partly hide some vehicles under canopy
        for (Item it : List.copyOf(items)) {
            if ((it.kind() == ItemKind.CAR || it.kind() == ItemKind.TRUCK) && rng.chance(0.12)) {
                OrientedBox b = it.box();
                double r = rng.range(3, 5) * px;
                double side = rng.chance(0.5) ? 1 : -1;
                double along = rng.range(-0.4, 0.4) * b.width();
                double across = side * (b.height() / 2 + r * rng.range(0.2, 0.7));
                double c = StrictMath.cos(b.angle()), s = StrictMath.sin(b.angle());
                tryTree(b.cx() + along * c - across * s, b.cy() + along * s + across * c, r, true);
            }
        }
    }

    private void tryTree(double cx, double cy, double r, boolean mayCover) {
        OrientedBox b = new OrientedBox(cx, cy, 2 * r, 2 * r, 0);
        if (!insideCell(b) || !clearOfRoads(b, 0) || wet(b, 0)) {
            return;
        }
        for (Building o : buildings) {
            if (Layout.overlaps(o.box(), b, 0)) {
                return;
            }
        }
        if (!mayCover && (hitsItems(b, 1 * px) || hitsPads(b, -r))) {
            return;
        }
        trees.add(new Tree(cx, cy, r, rng.nextInt(1 << 16)));
    }

    private void markOcclusion() {
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.type() == null) {
                continue;
            }
            for (Tree t : trees) {
                if (distanceToBox(it.box(), t.cx(), t.cy()) < t.r() * 0.85) {
                    items.set(i, it.withOccluded(true));
                    break;
                }
            }
        }
    }

    // ---- checks ------------------------------------------------------------------------------

    private double gridAngle() {
        for (Road r : roads) {
            if (!r.vertical()) {
                return r.angle();
            }
        }
        return 0;
    }

    private boolean insideCell(OrientedBox b) {
        Box k = b.bounds();
        return k.x0() >= x0 + inset && k.y0() >= y0 + inset && k.x1() <= x1 - inset && k.y1() <= y1 - inset;
    }

    private boolean insideScene(OrientedBox b) {
        Box k = b.bounds();
        return k.x0() >= 2 && k.y0() >= 2 && k.x1() <= layout.spec.width() - 2 && k.y1() <= layout.spec.height() - 2;
    }

    private boolean clearOfRoads(OrientedBox b, double pad) {
        double reach = Math.hypot(b.width(), b.height()) / 2;
        for (Road r : roads) {
            if (Math.abs(r.distance(b.cx(), b.cy())) < r.halfWidth() + pad + reach) {
                double[] k = b.corners();
                double first = r.distance(k[0], k[1]);
                boolean apart = Math.abs(first) > r.halfWidth() + pad;
                for (int i = 2; apart && i < 8; i += 2) {
                    double d = r.distance(k[i], k[i + 1]);
                    apart = Math.signum(d) == Math.signum(first) && Math.abs(d) > r.halfWidth() + pad;
                }
                if (!apart) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean wet(OrientedBox b, double pad) {
        if (lake == null) {
            return false;
        }
        double[] k = b.corners();
        if (lake.inside(b.cx(), b.cy()) > -pad) {
            return true;
        }
        for (int i = 0; i < 8; i += 2) {
            if (lake.inside(k[i], k[i + 1]) > -pad) {
                return true;
            }
        }
        return false;
    }

    private boolean hitsItems(OrientedBox b, double pad) {
        for (Item o : items) {
            if (Layout.overlaps(o.box(), b, pad)) {
                return true;
            }
        }
        return false;
    }

    private boolean hitsPads(OrientedBox b, double pad) {
        for (Pad o : pads) {
            if (Layout.overlaps(o.box(), b, pad)) {
                return true;
            }
        }
        return false;
    }

    /** Free for an object: in the cell and scene, off roads and buildings, clear of other items, dry unless a ship. */
    private boolean freeForItem(OrientedBox b, double pad, boolean onPad) {
        if (!insideCell(b) || !insideScene(b) || hitsItems(b, pad)) {
            return false;
        }
        for (Building o : buildings) {
            if (Layout.overlaps(o.box(), b, pad)) {
                return false;
            }
        }
        return onPad || clearOfRoads(b, pad) || b.width() < 15 * px && onRoad(b);
    }

    private boolean onRoad(OrientedBox b) {
        double[] k = b.corners();
        for (Road r : roads) {
            boolean all = true;
            for (int i = 0; all && i < 8; i += 2) {
                all = Math.abs(r.distance(k[i], k[i + 1])) < r.halfWidth() - 0.3 * px;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private boolean within(OrientedBox b, OrientedBox area, double pad) {
        double c = StrictMath.cos(area.angle()), s = StrictMath.sin(area.angle());
        double[] k = b.corners();
        for (int i = 0; i < 8; i += 2) {
            double dx = k[i] - area.cx(), dy = k[i + 1] - area.cy();
            double u = dx * c + dy * s, v = -dx * s + dy * c;
            if (Math.abs(u) > area.width() / 2 - pad || Math.abs(v) > area.height() / 2 - pad) {
                return false;
            }
        }
        return true;
    }

    private double[] pointIn(OrientedBox area) {
        double u = rng.range(-0.5, 0.5) * area.width(), v = rng.range(-0.5, 0.5) * area.height();
        double c = StrictMath.cos(area.angle()), s = StrictMath.sin(area.angle());
        return new double[] {area.cx() + u * c - v * s, area.cy() + u * s + v * c};
    }

    static double distanceToBox(OrientedBox b, double x, double y) {
        double c = StrictMath.cos(b.angle()), s = StrictMath.sin(b.angle());
        double dx = x - b.cx(), dy = y - b.cy();
        double u = Math.abs(dx * c + dy * s) - b.width() / 2, v = Math.abs(-dx * s + dy * c) - b.height() / 2;
        return Math.hypot(Math.max(u, 0), Math.max(v, 0));
    }
}
