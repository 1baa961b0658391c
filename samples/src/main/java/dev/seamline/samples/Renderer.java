package dev.seamline.samples;

import dev.seamline.core.Box;
import dev.seamline.core.OrientedBox;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.samples.Layout.Building;
import dev.seamline.samples.Layout.Cell;
import dev.seamline.samples.Layout.CellKind;
import dev.seamline.samples.Layout.Item;
import dev.seamline.samples.Layout.Lake;
import dev.seamline.samples.Layout.Pad;
import dev.seamline.samples.Layout.Road;
import dev.seamline.samples.Layout.Tree;
import java.util.List;

/**
 * Paints one window of a {@link Layout} into an RGB {@link PixelBuffer}: ground, water, roads, pads,
 * shadows, buildings, objects, tree canopy, in that order. Every pixel is a function of the layout
 * and its own scene coordinates, never of the window it falls in, so windows tile seamlessly and
 * any window renders the same bytes. Shapes are antialiased with 2 × 2 supersampling. Thread-safe.
 *
 * <p>Why one class of this length: the painting order (ground, water, roads, pads, shadows, buildings,
 * objects, canopy) is one pixel function over one supersampled canvas; each layer is a small private
 * method, in that order, and they share the canvas and the shape fill.
 */
final class Renderer {

    /** A shape in an object's local frame: the colour at (u, v), metres-free pixels, or -1 outside. */
    @FunctionalInterface
    interface Shape {
        int colour(double u, double v);
    }

    private static final int NONE = -1;

    private final Layout layout;
    private final long seed;
    private final double px;
    private final double parcel;

    Renderer(Layout layout) {
        this.layout = layout;
        this.seed = layout.spec.seed();
        this.px = layout.px;
        this.parcel = 120 * px;
    }

    PixelBuffer render(PixelWindow window) {
        Canvas c = new Canvas(window);
        Box reach = new Box(window.x() - 80 * px, window.y() - 80 * px, window.endX() + 80 * px, window.endY() + 80 * px);
        List<Cell> cells = layout.cellsIn(reach);
        ground(c);
        for (Cell cell : cells) {
            if (cell.lake() != null) {
                lake(c, cell.lake());
            }
        }
        for (Road r : layout.roadsNear(window.toBox(), 2 * px + 2)) { // the verge reaches 1.2 m past the edge
            road(c, r);
        }
        for (Cell cell : cells) {
            for (Pad p : cell.pads()) {
                pad(c, p);
            }
        }
        shadows(c, cells);
        for (Cell cell : cells) {
            for (Building b : cell.buildings()) {
                building(c, b);
            }
        }
        for (Cell cell : cells) {
            for (Item it : cell.items()) {
                item(c, it);
            }
        }
        for (Cell cell : cells) {
            for (Tree t : cell.trees()) {
                tree(c, t);
            }
        }
        return c.toBuffer(layout.spec.width(), layout.spec.height());
    }

    // ---- ground ------------------------------------------------------------------------------

    private static final int[] RURAL_GROUND = {0x5E7A38, 0x6F8A3C, 0x7A6248, 0xA39A68, 0x587236, 0x8C8450};
    private static final int[] URBAN_GROUND = {0x8E8C84, 0x6A8646, 0x9A968C, 0x7E7A70, 0x62803E};

    private void ground(Canvas c) {
        int w = c.w, h = c.h, x0 = c.x0, y0 = c.y0;
        float[] coarse = new float[w * h], fine = new float[w * h];
        Noise.fill(seed ^ 0xA1, (int) Math.max(4, Math.round(60 * px)), x0, y0, w, h, coarse);
        Noise.fill(seed ^ 0xB2, (int) Math.max(2, Math.round(7 * px)), x0, y0, w, h, fine);
        // jittered Voronoi sites of the field parcels around the window
        long gx0 = (long) Math.floor(x0 / parcel) - 1, gy0 = (long) Math.floor(y0 / parcel) - 1;
        int gw = (int) ((long) Math.floor((x0 + w) / parcel) + 1 - gx0 + 1);
        int gh = (int) ((long) Math.floor((y0 + h) / parcel) + 1 - gy0 + 1);
        double[] sx = new double[gw * gh], sy = new double[gw * gh];
        double[] rowCos = new double[gw * gh], rowSin = new double[gw * gh]; // crop-row direction per parcel
        long[] sid = new long[gw * gh];
        for (int j = 0; j < gh; j++) {
            for (int i = 0; i < gw; i++) {
                long id = Rng.mix(seed, 0x9A, gx0 + i, gy0 + j);
                sid[j * gw + i] = id;
                double t = (id >>> 20 & 0xFF) / 256.0 * Math.PI;
                rowCos[j * gw + i] = StrictMath.cos(t);
                rowSin[j * gw + i] = StrictMath.sin(t);
                sx[j * gw + i] = (gx0 + i + 0.15 + 0.7 * ((id >>> 11 & 0xFFFFF) / (double) 0x100000)) * parcel;
                sy[j * gw + i] = (gy0 + j + 0.15 + 0.7 * ((id >>> 31 & 0xFFFFF) / (double) 0x100000)) * parcel;
            }
        }
        int cell = layout.cellPx;
        int ci0 = Math.floorDiv(x0, cell), cj0 = Math.floorDiv(y0, cell);
        int cw = Math.floorDiv(x0 + w - 1, cell) - ci0 + 1, ch = Math.floorDiv(y0 + h - 1, cell) - cj0 + 1;
        boolean[] urbanCell = new boolean[cw * ch];
        for (int j = 0; j < ch; j++) {
            for (int i = 0; i < cw; i++) {
                int ci = ci0 + i, cj = cj0 + j;
                urbanCell[j * cw + i] = ci >= 0 && cj >= 0 && ci < layout.cols && cj < layout.rows
                        && layout.cell(ci, cj).kind() == CellKind.URBAN;
            }
        }
        for (int y = 0; y < h; y++) {
            double py = y0 + y + 0.5;
            int gj = (int) ((long) Math.floor(py / parcel) - gy0);
            for (int x = 0; x < w; x++) {
                double pxx = x0 + x + 0.5;
                int gi = (int) ((long) Math.floor(pxx / parcel) - gx0);
                int best = -1, second = -1;
                double d1 = Double.MAX_VALUE, d2 = Double.MAX_VALUE;
                for (int j = gj - 1; j <= gj + 1; j++) {
                    for (int i = gi - 1; i <= gi + 1; i++) {
                        int k = j * gw + i;
                        double dx = sx[k] - pxx, dy = sy[k] - py, d = dx * dx + dy * dy;
                        if (d < d1) {
                            d2 = d1;
                            second = best;
                            d1 = d;
                            best = k;
                        } else if (d < d2) {
                            d2 = d;
                            second = k;
                        }
                    }
                }
                double ex = sx[best] - sx[second], ey = sy[best] - sy[second];
                double sep = Math.sqrt(ex * ex + ey * ey);
                double border = (d2 - d1) / (2 * sep);
                long id = sid[best];
                boolean urban = urbanCell[(Math.floorDiv(y0 + y, cell) - cj0) * cw + Math.floorDiv(x0 + x, cell) - ci0];
                int[] palette = urban ? URBAN_GROUND : RURAL_GROUND;
                int type = (int) Math.floorMod(id >>> 5, palette.length);
                int base = palette[type];
                int i = y * w + x;
                float shade = 0.80f + 0.30f * coarse[i] + 0.14f * fine[i];
                if (!urban && (type == 1 || type == 2 || type == 5)) { // crop rows and furrows
                    double period = (type == 2 ? 1.6 : 2.4) * px;
                    double u = (pxx * rowCos[best] + py * rowSin[best]) / period;
                    double f = u - Math.floor(u);
                    shade *= (float) (0.9 + 0.2 * Math.abs(2 * f - 1));
                }
                if (border < 1.2 * px) {
                    shade *= urban ? 1.12f : 0.78f;
                }
                float grain = (Noise.white(seed, x0 + x, y0 + y) - 0.5f) * 16;
                c.r[i] = ((base >> 16) & 0xFF) * shade + grain;
                c.g[i] = ((base >> 8) & 0xFF) * shade + grain;
                c.b[i] = (base & 0xFF) * shade + grain;
            }
        }
    }

    private void lake(Canvas c, Lake lake) {
        double m = lake.maxRadius() + 2;
        int xa = Math.max(c.x0, (int) Math.floor(lake.cx() - m)), xb = Math.min(c.x0 + c.w, (int) Math.ceil(lake.cx() + m));
        int ya = Math.max(c.y0, (int) Math.floor(lake.cy() - m)), yb = Math.min(c.y0 + c.h, (int) Math.ceil(lake.cy() + m));
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                double in = lake.inside(x + 0.5, y + 0.5);
                if (in < -1.5 * px) {
                    continue;
                }
                int i = c.index(x, y);
                if (in < 0) { // muddy shore
                    c.blend(i, 0x6A6450, 0.7f);
                    continue;
                }
                double depth = Math.min(1, in / (25 * px));
                float ripple = (Noise.white(seed ^ 0x77, x, y) - 0.5f) * 6;
                int colour = mix(0x3C5C58, 0x1C3444, depth);
                c.set(i, colour, ripple);
            }
        }
    }

    private void road(Canvas c, Road r) {
        double hw = r.halfWidth();
        double verge = hw + 1.2 * px;
        double reach = verge * Math.sqrt(1 + r.slope() * r.slope()) + 2;
        // walk along the road (rows for a vertical road, columns for a horizontal one), across only its width
        int alongEnd = r.vertical() ? c.y0 + c.h : c.x0 + c.w;
        for (int t = r.vertical() ? c.y0 : c.x0; t < alongEnd; t++) {
            double centre = r.offset() + r.slope() * (t + 0.5);
            int lo = r.vertical() ? c.x0 : c.y0, hi = r.vertical() ? c.x0 + c.w : c.y0 + c.h;
            int a = Math.max(lo, (int) Math.floor(centre - reach)), b = Math.min(hi, (int) Math.ceil(centre + reach));
            for (int q = a; q < b; q++) {
                int x = r.vertical() ? q : t, y = r.vertical() ? t : q;
                double d = Math.abs(r.distance(x + 0.5, y + 0.5));
                if (d > verge) {
                    continue;
                }
                int i = c.index(x, y);
                if (d > hw) {
                    c.blend(i, 0x8A8272, 0.6f);
                    continue;
                }
                double along = (t + 0.5) / px;
                int colour = 0x535558;
                if (d > hw - 0.55 * px && d < hw - 0.2 * px) {
                    colour = 0xD8D8D0; // edge line
                } else if (d < 0.25 * px + 0.35 && (along % 9) < 3) {
                    colour = 0xE4E4DA; // dashed centre line
                }
                c.set(i, colour, (Noise.white(seed ^ 0x33, x, y) - 0.5f) * 10);
            }
        }
    }

    private void pad(Canvas c, Pad p) {
        OrientedBox b = p.box();
        double slot = 2.6 * px;
        double joint = 5 * px;
        fill(c, b, 0, (u, v) -> {
            if (Math.abs(u) > b.width() / 2 || Math.abs(v) > b.height() / 2) {
                return NONE;
            }
            switch (p.surface()) {
                case ASPHALT -> {
                    double vv = v + b.height() / 2, lu = u + b.width() / 2 - 1 * px;
                    double rowPos = vv % (16 * px);
                    boolean inRow = rowPos < 5.4 * px || rowPos > 10.6 * px;
                    double f = lu / slot - Math.floor(lu / slot);
                    if (inRow && lu >= 0 && lu <= b.width() - 2 * px + 0.2 * px && (f < 0.06 || f > 0.94)) {
                        return 0xD6D6CE;
                    }
                    return 0x46484B;
                }
                case CONCRETE -> {
                    double fu = (u + 1000 * joint) % joint, fv = (v + 1000 * joint) % joint;
                    return fu < 0.35 * px || fv < 0.35 * px ? 0x9C9C96 : 0xA9A9A3;
                }
                case QUAY -> {
                    return 0x9C9A94;
                }
                case DIRT -> {
                    return 0x8C7659;
                }
                default -> {
                    return 0x8E8C84;
                }
            }
        }, 1);
    }

    // ---- shadows -----------------------------------------------------------------------------

    private void shadows(Canvas c, List<Cell> cells) {
        boolean[] dark = new boolean[c.w * c.h];
        for (Cell cell : cells) {
            for (Building b : cell.buildings()) {
                sweepBox(c, dark, b.box(), b.shadow());
            }
            for (Item it : cell.items()) {
                double len = switch (it.kind()) {
                    case CAR -> 0.9;
                    case TRUCK, CONTAINER -> 1.6;
                    case PLANE -> 2.5;
                    case SHIP -> 1.0;
                    case DARK_BLOB -> 0;
                };
                if (len > 0 && it.kind() != Layout.ItemKind.PLANE) {
                    sweepBox(c, dark, it.box(), len * px);
                }
            }
            for (Tree t : cell.trees()) {
                sweepDisc(c, dark, t.cx(), t.cy(), t.r() * 0.85, 0.9 * t.r());
            }
        }
        for (int i = 0; i < dark.length; i++) {
            if (dark[i]) {
                c.r[i] *= 0.5f;
                c.g[i] *= 0.52f;
                c.b[i] *= 0.6f;
            }
        }
    }

    /** Marks the region swept by the box moved along the sun direction by 0 to {@code len} pixels. */
    private void sweepBox(Canvas c, boolean[] dark, OrientedBox b, double len) {
        double cos = StrictMath.cos(b.angle()), sin = StrictMath.sin(b.angle());
        double su = (layout.sunX * cos + layout.sunY * sin) * len, sv = (-layout.sunX * sin + layout.sunY * cos) * len;
        double hw = b.width() / 2, hh = b.height() / 2;
        Box k = b.bounds().union(b.bounds().shift(layout.sunX * len, layout.sunY * len));
        int xa = Math.max(c.x0, (int) Math.floor(k.x0())), xb = Math.min(c.x0 + c.w, (int) Math.ceil(k.x1()));
        int ya = Math.max(c.y0, (int) Math.floor(k.y0())), yb = Math.min(c.y0 + c.h, (int) Math.ceil(k.y1()));
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                double dx = x + 0.5 - b.cx(), dy = y + 0.5 - b.cy();
                double u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
                double lo = 0, hi = 1;
                double[] r1 = range(u, su, hw), r2 = range(v, sv, hh);
                lo = Math.max(lo, Math.max(r1[0], r2[0]));
                hi = Math.min(hi, Math.min(r1[1], r2[1]));
                if (lo <= hi) {
                    dark[c.index(x, y)] = true;
                }
            }
        }
    }

    /** The t for which |p − t·s| ≤ half. */
    private static double[] range(double p, double s, double half) {
        if (Math.abs(s) < 1e-12) {
            return Math.abs(p) <= half ? new double[] {0, 1} : new double[] {2, -1};
        }
        double a = (p - half) / s, b = (p + half) / s;
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    private void sweepDisc(Canvas c, boolean[] dark, double cx, double cy, double r, double len) {
        double ex = cx + layout.sunX * len, ey = cy + layout.sunY * len;
        int xa = Math.max(c.x0, (int) Math.floor(Math.min(cx, ex) - r)), xb = Math.min(c.x0 + c.w, (int) Math.ceil(Math.max(cx, ex) + r));
        int ya = Math.max(c.y0, (int) Math.floor(Math.min(cy, ey) - r)), yb = Math.min(c.y0 + c.h, (int) Math.ceil(Math.max(cy, ey) + r));
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                double qx = x + 0.5 - cx, qy = y + 0.5 - cy;
                double t = Math.max(0, Math.min(len, qx * layout.sunX + qy * layout.sunY));
                double dx = qx - t * layout.sunX, dy = qy - t * layout.sunY;
                if (dx * dx + dy * dy <= r * r) {
                    dark[c.index(x, y)] = true;
                }
            }
        }
    }

    // ---- buildings, objects, trees -----------------------------------------------------------

    private void building(Canvas c, Building bl) {
        OrientedBox b = bl.box();
        int roof = bl.roof();
        double hw = b.width() / 2, hh = b.height() / 2;
        double cos = StrictMath.cos(b.angle()), sin = StrictMath.sin(b.angle());
        double sunV = -layout.sunX * sin + layout.sunY * cos; // sun-away side along v
        float lit = 1.12f, shaded = 0.78f;
        long h = Rng.mix(seed, (long) b.cx(), (long) b.cy());
        double acU = ((h & 0xFF) / 255.0 - 0.5) * b.width() * 0.6, acV = ((h >>> 8 & 0xFF) / 255.0 - 0.5) * b.height() * 0.5;
        double ac = 1.5 * px;
        fill(c, b, 0, (u, v) -> {
            if (Math.abs(u) > hw || Math.abs(v) > hh) {
                return NONE;
            }
            if (bl.gable()) {
                if (Math.abs(v) < 0.2 * px) {
                    return scale(roof, 1.25f);
                }
                boolean away = (v > 0) == (sunV > 0);
                return scale(roof, away ? shaded : lit);
            }
            if (Math.abs(u) > hw - 0.5 * px || Math.abs(v) > hh - 0.5 * px) {
                return scale(roof, 0.7f);
            }
            if (Math.abs(u - acU) < ac && Math.abs(v - acV) < ac) {
                return 0xD0D0CC;
            }
            return roof;
        }, 2);
    }

    private void item(Canvas c, Item it) {
        OrientedBox b = it.box();
        double L = b.width(), W = b.height();
        double hl = L / 2, hw = W / 2;
        int body = it.color(), second = it.color2();
        switch (it.kind()) {
            case CAR -> fill(c, b, 0, (u, v) -> {
                if (!roundedBox(u, v, hl, hw, 0.32 * W)) {
                    return NONE;
                }
                if (u > 0.1 * L && u < 0.3 * L && Math.abs(v) < 0.4 * W) {
                    return 0x1C2026;
                }
                if (u < -0.27 * L && u > -0.4 * L && Math.abs(v) < 0.38 * W) {
                    return 0x22262C;
                }
                if (Math.abs(v) > 0.38 * W) {
                    return scale(body, 0.8f);
                }
                return u > -0.27 * L && u < 0.1 * L ? scale(body, 1.08f) : body;
            }, 2);
            case TRUCK -> {
                double cab = hl - 2.3 * px;
                fill(c, b, 0, (u, v) -> {
                    if (!roundedBox(u, v, hl, hw, 0.15 * W)) {
                        return NONE;
                    }
                    if (u > cab) {
                        return u > hl - 0.5 * px && Math.abs(v) < 0.42 * W ? 0x1C2026 : second;
                    }
                    if (u > cab - 0.35 * px) {
                        return 0x202020;
                    }
                    double rib = (u + 100 * px) % (1.0 * px);
                    return scale(body, rib < 0.25 * px ? 0.88f : Math.abs(v) > 0.42 * W ? 0.85f : 1f);
                }, 2);
            }
            case SHIP -> {
                boolean moving = ((long) b.cx() & 1) == 0;
                if (moving) {
                    wake(c, b);
                }
                fill(c, b, 0, (u, v) -> {
                    double half = u > hl - 0.32 * L ? hw * StrictMath.pow((hl - u) / (0.32 * L), 0.6) : hw;
                    if (u < -hl || u > hl || Math.abs(v) > half) {
                        return NONE;
                    }
                    if (Math.abs(v) > half - 0.6 * px) {
                        return scale(second, 0.7f);
                    }
                    if (u > -0.38 * L && u < -0.08 * L && Math.abs(v) < 0.32 * W) {
                        return u > -0.1 * L ? 0x1C2430 : 0xF2F2F0;
                    }
                    return body;
                }, 2);
            }
            case PLANE -> {
                double fw = 0.055 * L, span = hw, rootLe = 0.08 * L, rootChord = 0.22 * L;
                double tanSweep = StrictMath.tan(Math.toRadians(27));
                double tailSpan = 0.36 * hw, tailLe = -hl + 0.17 * L, tailChord = 0.11 * L;
                // plane shadow: the same silhouette shifted along the sun
                Shape silhouette = (u, v) -> planeColour(u, v, hl, fw, span, rootLe, rootChord, tanSweep, tailSpan,
                        tailLe, tailChord, 0x000000);
                double s = 2.5 * px;
                shadowShape(c, b, s, silhouette);
                fill(c, b, 0, (u, v) -> planeColour(u, v, hl, fw, span, rootLe, rootChord, tanSweep, tailSpan, tailLe,
                        tailChord, body), 2);
            }
            case CONTAINER -> fill(c, b, 0, (u, v) -> {
                if (Math.abs(u) > hl || Math.abs(v) > hw) {
                    return NONE;
                }
                if (Math.abs(u) > hl - 0.2 * px || Math.abs(v) > hw - 0.15 * px) {
                    return scale(body, 0.6f);
                }
                double rib = (v + 100 * px) % (0.3 * px);
                return scale(body, rib < 0.15 * px ? 0.9f : 1.05f);
            }, 2);
            case DARK_BLOB -> fill(c, b, 0, (u, v) -> roundedBox(u, v, hl, hw, 0.45 * W) ? body : NONE, 2);
        }
    }

    private static int planeColour(double u, double v, double hl, double fw, double span, double rootLe,
            double rootChord, double tanSweep, double tailSpan, double tailLe, double tailChord, int body) {
        double av = Math.abs(v);
        if (u > -hl && u < hl - fw && av < fw) {
            return av < fw * 0.3 ? scale(body, 1.05f) : body;
        }
        double nx = u - (hl - fw);
        if (nx >= 0 && nx * nx + v * v < fw * fw) {
            return nx > fw * 0.55 ? 0x30343A : body;
        }
        if (av < span) {
            double le = rootLe - av * tanSweep, chord = rootChord * (1 - 0.68 * av / span);
            if (u < le && u > le - chord) {
                double engine = 0.32 * span;
                if (Math.abs(av - engine) < 0.7 * fw && u > le - 0.1 * rootChord && u < le + 0.25 * rootChord) {
                    return scale(body, 0.55f);
                }
                return scale(body, 0.95f);
            }
        }
        if (av < tailSpan) {
            double le = tailLe - av * tanSweep * 1.1, chord = tailChord * (1 - 0.5 * av / tailSpan);
            if (u < le && u > le - chord) {
                return scale(body, 0.92f);
            }
        }
        double engine = 0.32 * span;
        double le = rootLe - engine * tanSweep;
        if (Math.abs(av - engine) < 0.7 * fw && u > le && u < le + 0.25 * rootChord) {
            return scale(body, 0.55f);
        }
        return NONE;
    }

    private void wake(Canvas c, OrientedBox b) {
        double L = b.width(), hw = b.height() / 2;
        double cos = StrictMath.cos(b.angle()), sin = StrictMath.sin(b.angle());
        double back = 0.9 * L;
        OrientedBox area = new OrientedBox(b.cx() - (L / 2 + back / 2) * cos, b.cy() - (L / 2 + back / 2) * sin, back,
                b.height() * 3, b.angle());
        fill(c, area, 0, (u, v) -> {
            double behind = back / 2 - u; // 0 at the stern
            if (behind < 0 || behind > back) {
                return NONE;
            }
            double spread = hw * (0.8 + 1.6 * behind / back);
            if (Math.abs(v) > spread) {
                return NONE;
            }
            return 0x10000000 | (int) (200 * (1 - behind / back)); // encoded foam strength
        }, 1);
    }

    private void tree(Canvas c, Tree t) {
        double r = t.r();
        int xa = Math.max(c.x0, (int) Math.floor(t.cx() - r - 1)), xb = Math.min(c.x0 + c.w, (int) Math.ceil(t.cx() + r + 1));
        int ya = Math.max(c.y0, (int) Math.floor(t.cy() - r - 1)), yb = Math.min(c.y0 + c.h, (int) Math.ceil(t.cy() + r + 1));
        int tone = mix(0x2C4A22, 0x466C30, (t.tone() & 0xFF) / 255.0);
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                double dx = x + 0.5 - t.cx(), dy = y + 0.5 - t.cy();
                double d = Math.sqrt(dx * dx + dy * dy);
                float leaf = Noise.white(seed ^ t.tone(), x, y);
                double edge = r * (0.88 + 0.14 * leaf);
                if (d > edge) {
                    continue;
                }
                double facing = -(dx * layout.sunX + dy * layout.sunY) / r;
                float shade = (float) (0.85 + 0.3 * facing * 0.5 + 0.25 * (leaf - 0.5));
                float alpha = (float) Math.min(1, (edge - d) + 0.3);
                c.blend(c.index(x, y), scale(tone, shade), alpha);
            }
        }
    }

    // ---- drawing helpers ---------------------------------------------------------------------

    private static boolean roundedBox(double u, double v, double hl, double hw, double rad) {
        double au = Math.abs(u), av = Math.abs(v);
        if (au > hl || av > hw) {
            return false;
        }
        double cu = au - (hl - rad), cv = av - (hw - rad);
        return cu <= 0 || cv <= 0 || cu * cu + cv * cv <= rad * rad;
    }

    /**
     * Fills a shape given in the local frame of {@code frame} (u along its width axis, v across,
     * origin at its centre), supersampled {@code ss}×{@code ss} per pixel. A colour with bit 28 set
     * is foam whose strength is in its low byte (see {@link #wake}), blended over what is there.
     */
    private void fill(Canvas c, OrientedBox frame, double grow, Shape shape, int ss) {
        Box k = frame.bounds();
        int xa = Math.max(c.x0, (int) Math.floor(k.x0() - grow)), xb = Math.min(c.x0 + c.w, (int) Math.ceil(k.x1() + grow));
        int ya = Math.max(c.y0, (int) Math.floor(k.y0() - grow)), yb = Math.min(c.y0 + c.h, (int) Math.ceil(k.y1() + grow));
        double cos = StrictMath.cos(frame.angle()), sin = StrictMath.sin(frame.angle());
        int n = Math.max(1, ss);
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                float sr = 0, sg = 0, sb = 0;
                int hits = 0;
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        double dx = x + (i + 0.5) / n - frame.cx(), dy = y + (j + 0.5) / n - frame.cy();
                        int col = shape.colour(dx * cos + dy * sin, -dx * sin + dy * cos);
                        if (col == NONE) {
                            continue;
                        }
                        if ((col & 0x10000000) != 0) { // foam
                            int idx = c.index(x, y);
                            c.blend(idx, 0xE8ECEC, (col & 0xFF) / 255f * (0.4f + 0.6f * Noise.white(seed, x, y)));
                            continue;
                        }
                        sr += (col >> 16) & 0xFF;
                        sg += (col >> 8) & 0xFF;
                        sb += col & 0xFF;
                        hits++;
                    }
                }
                if (hits > 0) {
                    int idx = c.index(x, y);
                    float a = hits / (float) (n * n);
                    c.r[idx] = c.r[idx] * (1 - a) + sr / (n * n);
                    c.g[idx] = c.g[idx] * (1 - a) + sg / (n * n);
                    c.b[idx] = c.b[idx] * (1 - a) + sb / (n * n);
                }
            }
        }
    }

    private void shadowShape(Canvas c, OrientedBox frame, double shift, Shape shape) {
        OrientedBox moved = frame.shift(layout.sunX * shift, layout.sunY * shift);
        Box k = moved.bounds();
        int xa = Math.max(c.x0, (int) Math.floor(k.x0())), xb = Math.min(c.x0 + c.w, (int) Math.ceil(k.x1()));
        int ya = Math.max(c.y0, (int) Math.floor(k.y0())), yb = Math.min(c.y0 + c.h, (int) Math.ceil(k.y1()));
        double cos = StrictMath.cos(frame.angle()), sin = StrictMath.sin(frame.angle());
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                double dx = x + 0.5 - moved.cx(), dy = y + 0.5 - moved.cy();
                if (shape.colour(dx * cos + dy * sin, -dx * sin + dy * cos) != NONE) {
                    int i = c.index(x, y);
                    c.r[i] *= 0.55f;
                    c.g[i] *= 0.57f;
                    c.b[i] *= 0.62f;
                }
            }
        }
    }

    static int scale(int rgb, float f) {
        int r = Math.min(255, Math.round(((rgb >> 16) & 0xFF) * f));
        int g = Math.min(255, Math.round(((rgb >> 8) & 0xFF) * f));
        int b = Math.min(255, Math.round((rgb & 0xFF) * f));
        return (r << 16) | (g << 8) | b;
    }

    static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return (r << 16) | (g << 8) | bl;
    }

    /** The window's RGB samples as floats while painting. */
    static final class Canvas {
        final int x0, y0, w, h;
        final float[] r, g, b;

        Canvas(PixelWindow window) {
            this.x0 = window.x();
            this.y0 = window.y();
            this.w = window.width();
            this.h = window.height();
            this.r = new float[w * h];
            this.g = new float[w * h];
            this.b = new float[w * h];
        }

        int index(int x, int y) {
            return (y - y0) * w + (x - x0);
        }

        void set(int i, int rgb, float noise) {
            r[i] = ((rgb >> 16) & 0xFF) + noise;
            g[i] = ((rgb >> 8) & 0xFF) + noise;
            b[i] = (rgb & 0xFF) + noise;
        }

        void blend(int i, int rgb, float a) {
            r[i] += (((rgb >> 16) & 0xFF) - r[i]) * a;
            g[i] += (((rgb >> 8) & 0xFF) - g[i]) * a;
            b[i] += ((rgb & 0xFF) - b[i]) * a;
        }

        PixelBuffer toBuffer(int sceneWidth, int sceneHeight) {
            PixelWindow window = new PixelWindow(x0, y0, w, h);
            PixelWindow valid = window.clip(sceneWidth, sceneHeight);
            int n = w * h;
            byte[] out = new byte[3 * n];
            for (int y = valid.y(); y < valid.endY(); y++) {
                for (int x = valid.x(); x < valid.endX(); x++) {
                    int i = index(x, y);
                    out[i] = clamp(r[i]);
                    out[n + i] = clamp(g[i]);
                    out[2 * n + i] = clamp(b[i]);
                }
            }
            return new PixelBuffer(window, valid, 3, SampleType.UINT8, out);
        }

        private static byte clamp(float v) {
            int q = Math.round(v);
            return (byte) (q < 0 ? 0 : Math.min(q, 255));
        }
    }
}
