package dev.seamline.samples;

import dev.seamline.core.Box;
import dev.seamline.core.OrientedBox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything in a synthetic scene is. Roads are global straight lines; everything else
 * belongs to one square cell ({@value #CELL_METRES} m across) and lies wholly inside it, so a cell
 * is generated from {@code (seed, column, row)} alone and a window needs only the cells it touches.
 * That keeps rendering local and memory flat whatever the scene size. Thread-safe (cells are
 * immutable; the cache is synchronized).
 */
final class Layout {

    static final double CELL_METRES = 300;

    /** Tile grids the seam objects are placed for: {tile size, overlap}, pixels. */
    static final int[][] GRIDS = {
        {512, 64}, {512, 128}, {512, 256}, {768, 64}, {768, 128}, {768, 256}, {1024, 64}, {1024, 128}, {1024, 256},
    };

    enum CellKind { RURAL, URBAN, WATER, AIRFIELD }

    enum Surface { URBAN, ASPHALT, CONCRETE, QUAY, DIRT }

    enum ItemKind { CAR, TRUCK, SHIP, PLANE, CONTAINER, DARK_BLOB }

    /** A straight road: vertical ones run {@code x = offset + slope·y}, horizontal ones {@code y = offset + slope·x}. */
    record Road(boolean vertical, double offset, double slope, double halfWidth) {
        double distance(double x, double y) {
            double d = vertical ? x - offset - slope * y : y - offset - slope * x;
            return d / Math.sqrt(1 + slope * slope);
        }

        /** Direction of travel, radians (the OrientedBox convention). */
        double angle() {
            return vertical ? StrictMath.atan2(1, slope) : StrictMath.atan2(slope, 1);
        }
    }

    /** A lake: radius modulated by three angular harmonics. */
    record Lake(double cx, double cy, double radius, double a1, double p1, double a2, double p2, double a3, double p3) {
        /** Signed margin: how far (pixels, roughly) the point lies inside the shore; negative outside. */
        double inside(double x, double y) {
            double dx = x - cx, dy = y - cy;
            double r = Math.sqrt(dx * dx + dy * dy);
            double t = StrictMath.atan2(dy, dx);
            double edge = radius * (1 + a1 * StrictMath.sin(t + p1) + a2 * StrictMath.sin(2 * t + p2)
                    + a3 * StrictMath.sin(3 * t + p3));
            return edge - r;
        }

        double maxRadius() {
            return radius * (1 + Math.abs(a1) + Math.abs(a2) + Math.abs(a3));
        }
    }

    record Pad(OrientedBox box, Surface surface) {
    }

    record Building(OrientedBox box, int roof, boolean gable, double shadow) {
    }

    record Tree(double cx, double cy, double r, int tone) {
    }

    /** A drawn thing: a labelled object (class non-null) or a look-alike distractor (class null). */
    record Item(ItemKind kind, SyntheticClass type, OrientedBox box, int color, int color2, boolean occluded) {
        Item withOccluded(boolean o) {
            return new Item(kind, type, box, color, color2, o);
        }
    }

    record Cell(int col, int row, CellKind kind, Lake lake, List<Pad> pads, List<Building> buildings,
            List<Tree> trees, List<Item> items) {
    }

    final SceneSpec spec;
    final double px; // pixels per metre
    final int cellPx;
    final int cols, rows;
    final List<Road> roads;
    /** Shadow direction, unit vector in pixel space (x right, y down). */
    final double sunX, sunY;

    private final Map<Long, Cell> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Cell> e) {
            return size() > 512;
        }
    };

    Layout(SceneSpec spec) {
        this.spec = spec;
        this.px = 1 / spec.gsd();
        this.cellPx = (int) Math.round(CELL_METRES * px);
        this.cols = (spec.width() + cellPx - 1) / cellPx;
        this.rows = (spec.height() + cellPx - 1) / cellPx;
        Rng rng = new Rng(Rng.mix(spec.seed(), 0x5EED));
        double az = rng.range(0, 2 * Math.PI);
        this.sunX = StrictMath.cos(az);
        this.sunY = StrictMath.sin(az);
        List<Road> list = new ArrayList<>();
        addRoads(rng, true, spec.width(), list);
        addRoads(rng, false, spec.height(), list);
        this.roads = List.copyOf(list);
    }

    private void addRoads(Rng rng, boolean vertical, int extent, List<Road> out) {
        double pos = rng.range(0.2, 1.0) * 700 * px;
        while (pos < extent) {
            double half = rng.range(3.0, 4.5) * px;
            double slope = rng.chance(0.5) ? 0 : rng.range(-0.12, 0.12);
            out.add(new Road(vertical, pos, slope, half));
            pos += rng.range(350, 1100) * px;
        }
    }

    /** The cell at (col, row), generated on first use. */
    Cell cell(int col, int row) {
        long key = ((long) col << 32) | (row & 0xFFFFFFFFL);
        synchronized (cache) {
            Cell c = cache.get(key);
            if (c != null) {
                return c;
            }
        }
        Cell c = new CellBuilder(this, col, row).build();
        synchronized (cache) {
            cache.put(key, c);
        }
        return c;
    }

    /** Cells whose squares meet the box (pixels), clipped to the scene's cells. */
    List<Cell> cellsIn(Box box) {
        int c0 = Math.max(0, (int) Math.floor(box.x0() / cellPx)), c1 = Math.min(cols - 1, (int) Math.floor(box.x1() / cellPx));
        int r0 = Math.max(0, (int) Math.floor(box.y0() / cellPx)), r1 = Math.min(rows - 1, (int) Math.floor(box.y1() / cellPx));
        List<Cell> out = new ArrayList<>();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                out.add(cell(c, r));
            }
        }
        return out;
    }

    /** The roads that pass within {@code pad} pixels of the box. */
    List<Road> roadsNear(Box b, double pad) {
        List<Road> out = new ArrayList<>();
        for (Road r : roads) {
            double lo, hi, a, c;
            if (r.vertical()) {
                a = r.offset() + r.slope() * b.y0();
                c = r.offset() + r.slope() * b.y1();
                lo = b.x0();
                hi = b.x1();
            } else {
                a = r.offset() + r.slope() * b.x0();
                c = r.offset() + r.slope() * b.x1();
                lo = b.y0();
                hi = b.y1();
            }
            double reach = r.halfWidth() * 1.02 + pad;
            if (Math.max(a, c) + reach >= lo && Math.min(a, c) - reach <= hi) {
                out.add(r);
            }
        }
        return out;
    }

    /** True when two oriented boxes, each grown by {@code pad} pixels, overlap (separating axis test). */
    static boolean overlaps(OrientedBox a, OrientedBox b, double pad) {
        double dx = b.cx() - a.cx(), dy = b.cy() - a.cy();
        double ra = Math.hypot(a.width(), a.height()) / 2, rb = Math.hypot(b.width(), b.height()) / 2;
        if (dx * dx + dy * dy > (ra + rb + 2 * pad) * (ra + rb + 2 * pad)) {
            return false;
        }
        double[] axes = {a.angle(), a.angle() + Math.PI / 2, b.angle(), b.angle() + Math.PI / 2};
        for (double t : axes) {
            double ux = StrictMath.cos(t), uy = StrictMath.sin(t);
            double pa = projectedHalf(a, ux, uy) + pad, pb = projectedHalf(b, ux, uy) + pad;
            if (Math.abs(dx * ux + dy * uy) > pa + pb) {
                return false;
            }
        }
        return true;
    }

    private static double projectedHalf(OrientedBox o, double ux, double uy) {
        double c = StrictMath.cos(o.angle()), s = StrictMath.sin(o.angle());
        return (o.width() * Math.abs(c * ux + s * uy) + o.height() * Math.abs(-s * ux + c * uy)) / 2;
    }
}
