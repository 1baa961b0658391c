package dev.seamline.samples.safepassage;

import dev.seamline.formats.safepassage.NominalSize;
import dev.seamline.formats.safepassage.VehicleClass;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One synthetic image in the shape of Dstl's <i>Safe Passage</i> data: 2,000 × 2,000 RGB pixels at
 * 5 cm (100 m × 100 m), grass with noise, a road with kerbs and a dashed centre line, a parking lot
 * with painted bays, roofs with shadows and roof boxes, trees; the nine vehicle classes seen from
 * above at their real sizes and colours, and look-alikes that are not vehicles (yellow skips,
 * shipping containers the size of a van, red sheds, dark tar patches, roof boxes).
 *
 * <p>Vehicles, front to the right at angle 0 (sizes in metres, length × width): A motorcycle
 * 2.1 × 0.8 with a rider; B/D/F short-rear (hatchback) cars 3.9 × 1.75, C/E/G long-rear (saloon)
 * cars 4.7 × 1.8 — both with windscreen, roof and rear window, the long rear with a boot behind the
 * rear window twice the hatch's; H light van 5.4 × 2.0 with a long flat roof; I bus 11.5 × 2.55, red
 * with a white roof. Light is white, silver or beige; dark black, navy, dark grey or dark green; red
 * three reds. Vehicles stand in the lanes of the road (buses only there) and in the bays of the lot.
 *
 * <p>A vehicle is <i>low-confidence</i> when a tree crown covers its centre or more than a third of
 * its length lies outside the image, as the contest's test truth kept such vehicles apart. Centres
 * are in Seamline's continuous pixel space ((0,0) the top-left corner of the top-left pixel).
 * The same seed gives the same pixels on the same JDK. Immutable once made; thread-safe to read.
 *
 * @param image    the RGB image
 * @param vehicles every vehicle drawn whose centre lies in the image
 */
public record SafePassageImage(BufferedImage image, List<Vehicle> vehicles) {

    /** Side of the image, pixels. */
    public static final int SIZE = 2000;
    /** Metres per pixel. */
    public static final double GSD = 0.05;

    /**
     * A vehicle drawn. Immutable and thread-safe.
     *
     * @param vehicleClass  its class
     * @param cx            centre x, pixels
     * @param cy            centre y, pixels
     * @param length        length, pixels
     * @param width         width, pixels
     * @param angle         heading, radians, clockwise on screen from +x
     * @param lowConfidence under a tree crown or mostly outside the image
     */
    public record Vehicle(VehicleClass vehicleClass, double cx, double cy, double length, double width, double angle,
            boolean lowConfidence) {
    }

    /** Copies the list. */
    public SafePassageImage {
        vehicles = List.copyOf(vehicles);
    }

    /** Nominal length × width of a class, metres: {@link NominalSize} (the sizes drawn, before a ±4 % jitter). */
    public static double[] nominalSizeMetres(VehicleClass c) {
        return NominalSize.metres(c);
    }

    /** Renders the image of a seed. */
    public static SafePassageImage render(long seed) {
        return new Painter(new SplittableRandom(seed)).paint();
    }

    private static final class Painter {
        private final SplittableRandom rng;
        private final BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        private final Graphics2D g = img.createGraphics();
        private final List<Vehicle> vehicles = new ArrayList<>();
        private final List<double[]> taken = new ArrayList<>(); // x0,y0,x1,y1 of what is placed
        private final double sunDx;
        private final double sunDy;

        Painter(SplittableRandom rng) {
            this.rng = rng;
            double sun = rng.nextDouble(0, 2 * Math.PI);
            sunDx = Math.cos(sun) * 14;
            sunDy = Math.sin(sun) * 14;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }

        SafePassageImage paint() {
            grass();
            boolean horizontal = rng.nextBoolean();
            double roadCentre = rng.nextDouble(500, 1500);
            double roadWidth = rng.nextDouble(140, 180);
            road(horizontal, roadCentre, roadWidth);
            parkingLot(horizontal, roadCentre, roadWidth);
            for (int i = 0, n = rng.nextInt(1, 4); i < n; i++) {
                building();
            }
            lookAlikes();
            roadVehicles(horizontal, roadCentre, roadWidth);
            trees();
            noise();
            g.dispose();
            return new SafePassageImage(img, vehicles);
        }

        // ------------------------------------------------------------ ground

        private void grass() {
            BufferedImage small = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    int v = rng.nextInt(-14, 15);
                    small.setRGB(x, y, rgb(78 + v, 112 + v, 52 + v / 2));
                }
            }
            g.drawImage(small, 0, 0, SIZE, SIZE, null);
        }

        private void road(boolean horizontal, double c, double w) {
            fillBand(horizontal, c, w + 24, new Color(168, 166, 160)); // pavements
            fillBand(horizontal, c, w, new Color(92, 92, 95));
            g.setColor(new Color(225, 225, 220));
            for (double t = rng.nextDouble(0, 120); t < SIZE; t += 120) {
                Rectangle2D dash = horizontal ? new Rectangle2D.Double(t, c - 3, 60, 6) : new Rectangle2D.Double(c - 3, t, 6, 60);
                g.fill(dash);
            }
            taken.add(horizontal ? new double[] {0, c - w / 2 - 12, SIZE, c + w / 2 + 12}
                    : new double[] {c - w / 2 - 12, 0, c + w / 2 + 12, SIZE});
        }

        private void fillBand(boolean horizontal, double c, double w, Color colour) {
            g.setColor(colour);
            g.fill(horizontal ? new Rectangle2D.Double(0, c - w / 2, SIZE, w) : new Rectangle2D.Double(c - w / 2, 0, w, SIZE));
        }

        /** A lot of two rows of bays beside the road, vehicles parked nose in. */
        private void parkingLot(boolean horizontal, double roadCentre, double roadWidth) {
            int bays = rng.nextInt(8, 15);
            double bayW = 52, bayD = 110; // 2.6 m × 5.5 m
            double along = rng.nextDouble(60, SIZE - 60 - bays * bayW);
            boolean before = roadCentre > SIZE / 2.0;
            double edge = before ? roadCentre - roadWidth / 2 - 40 - 2 * bayD - 60 : roadCentre + roadWidth / 2 + 40;
            double depth = 2 * bayD + 60;
            double[] r = horizontal ? new double[] {along - 20, edge, along + bays * bayW + 20, edge + depth}
                    : new double[] {edge, along - 20, edge + depth, along + bays * bayW + 20};
            g.setColor(new Color(104, 104, 106));
            g.fill(new Rectangle2D.Double(r[0], r[1], r[2] - r[0], r[3] - r[1]));
            taken.add(r);
            g.setColor(new Color(230, 230, 226));
            g.setStroke(new BasicStroke(3f));
            for (int row = 0; row < 2; row++) {
                double d0 = edge + (row == 0 ? 0 : bayD + 60);
                for (int b = 0; b <= bays; b++) {
                    double a = along + b * bayW;
                    g.draw(horizontal ? new java.awt.geom.Line2D.Double(a, d0, a, d0 + bayD)
                            : new java.awt.geom.Line2D.Double(d0, a, d0 + bayD, a));
                }
                for (int b = 0; b < bays; b++) {
                    if (rng.nextDouble() < 0.3) {
                        continue;
                    }
                    VehicleClass c = parkedClass();
                    double a = along + (b + 0.5) * bayW + rng.nextDouble(-4, 4);
                    double d = d0 + bayD / 2 + rng.nextDouble(-6, 6);
                    double heading = (horizontal ? Math.PI / 2 : 0) + (rng.nextBoolean() ? 0 : Math.PI) + rng.nextDouble(-0.06, 0.06);
                    vehicle(c, horizontal ? a : d, horizontal ? d : a, heading);
                }
            }
        }

        private void building() {
            for (int attempt = 0; attempt < 20; attempt++) {
                double w = rng.nextDouble(200, 420), h = rng.nextDouble(160, 360);
                double x = rng.nextDouble(0, SIZE - w), y = rng.nextDouble(0, SIZE - h);
                if (!free(x - 20, y - 20, x + w + 20, y + h + 20)) {
                    continue;
                }
                g.setColor(new Color(40, 50, 30, 150));
                g.fill(new Rectangle2D.Double(x + sunDx * 3, y + sunDy * 3, w, h));
                Color roof = switch (rng.nextInt(3)) {
                    case 0 -> new Color(150, 78, 60); // terracotta
                    case 1 -> new Color(96, 100, 108); // slate
                    default -> new Color(170, 168, 160); // concrete
                };
                g.setColor(roof);
                g.fill(new Rectangle2D.Double(x, y, w, h));
                g.setColor(roof.darker());
                g.setStroke(new BasicStroke(4f));
                g.draw(new java.awt.geom.Line2D.Double(x, y + h / 2, x + w, y + h / 2));
                for (int k = 0, n = rng.nextInt(0, 3); k < n; k++) { // white roof boxes: not vehicles
                    box(x + rng.nextDouble(30, w - 60), y + rng.nextDouble(30, h - 60), 40, 24, rng.nextDouble(0, 0.2),
                            new Color(228, 228, 224));
                }
                taken.add(new double[] {x, y, x + w, y + h});
                return;
            }
        }

        /** Skips, containers, red sheds, tar patches: vehicle-sized, vehicle-coloured, not vehicles. */
        private void lookAlikes() {
            for (int i = 0, n = rng.nextInt(3, 8); i < n; i++) {
                for (int attempt = 0; attempt < 20; attempt++) {
                    double x = rng.nextDouble(60, SIZE - 60), y = rng.nextDouble(60, SIZE - 60);
                    double a = rng.nextDouble(0, Math.PI);
                    int kind = rng.nextInt(4);
                    double l = switch (kind) {
                        case 0 -> 72; // skip 3.6 m
                        case 1 -> 122; // container 6.1 m
                        case 2 -> 60; // shed 3 m
                        default -> 80; // tar patch 4 m
                    };
                    if (!free(x - l / 2 - 10, y - l / 2 - 10, x + l / 2 + 10, y + l / 2 + 10)) {
                        continue;
                    }
                    switch (kind) {
                        case 0 -> box(x, y, 72, 36, a, new Color(214, 176, 40));
                        case 1 -> box(x, y, 122, 49, a, switch (rng.nextInt(3)) {
                            case 0 -> new Color(40, 70, 140);
                            case 1 -> new Color(150, 70, 40);
                            default -> new Color(230, 230, 225);
                        });
                        case 2 -> box(x, y, 60, 48, a, new Color(160, 40, 35));
                        default -> {
                            AffineTransform t = g.getTransform();
                            g.translate(x, y);
                            g.rotate(a);
                            g.setColor(new Color(38, 38, 40));
                            g.fill(new Ellipse2D.Double(-40, -20, 80, 40));
                            g.setTransform(t);
                        }
                    }
                    taken.add(new double[] {x - l / 2, y - l / 2, x + l / 2, y + l / 2});
                    break;
                }
            }
        }

        private void box(double x, double y, double l, double w, double a, Color c) {
            AffineTransform t = g.getTransform();
            g.translate(x, y);
            g.rotate(a);
            g.setColor(new Color(0, 0, 0, 90));
            g.fill(new Rectangle2D.Double(-l / 2 + sunDx * 0.5, -w / 2 + sunDy * 0.5, l, w));
            g.setColor(c);
            g.fill(new Rectangle2D.Double(-l / 2, -w / 2, l, w));
            g.setColor(c.darker());
            g.setStroke(new BasicStroke(2f));
            g.draw(new Rectangle2D.Double(-l / 2 + 3, -w / 2 + 3, l - 6, w - 6));
            g.setTransform(t);
        }

        private void roadVehicles(boolean horizontal, double c, double w) {
            for (int lane = -1; lane <= 1; lane += 2) {
                double laneCentre = c + lane * w / 4;
                double heading = (horizontal ? 0 : Math.PI / 2) + (lane < 0 ? Math.PI : 0);
                double t = rng.nextDouble(-200, 100);
                while (t < SIZE + 200) {
                    VehicleClass k = rng.nextDouble() < 0.12 ? VehicleClass.I : roadClass();
                    double len = nominalSizeMetres(k)[0] / GSD;
                    double centre = t + len / 2;
                    double across = laneCentre + rng.nextDouble(-6, 6);
                    vehicle(k, horizontal ? centre : across, horizontal ? across : centre, heading + rng.nextDouble(-0.03, 0.03));
                    t += len + rng.nextDouble(60, 420);
                }
            }
        }

        private VehicleClass parkedClass() {
            double u = rng.nextDouble();
            return u < 0.03 ? VehicleClass.A : u < 0.12 ? VehicleClass.H : VehicleClass.values()[1 + rng.nextInt(6)];
        }

        private VehicleClass roadClass() {
            double u = rng.nextDouble();
            return u < 0.06 ? VehicleClass.A : u < 0.16 ? VehicleClass.H : VehicleClass.values()[1 + rng.nextInt(6)];
        }

        // ------------------------------------------------------------ vehicles

        private void vehicle(VehicleClass c, double cx, double cy, double heading) {
            double[] size = nominalSizeMetres(c);
            double jitter = rng.nextDouble(0.96, 1.04);
            double l = size[0] / GSD * jitter, w = size[1] / GSD * jitter;
            AffineTransform t = g.getTransform();
            g.translate(cx, cy);
            g.rotate(heading);
            g.setColor(new Color(0, 0, 0, 80));
            g.fill(new RoundRectangle2D.Double(-l / 2 + sunDx * 0.4, -w / 2 + sunDy * 0.4, l, w, w * 0.4, w * 0.4));
            Color body = colour(c);
            Color glass = new Color(28, 32, 40);
            switch (c) {
                case A -> {
                    g.setColor(new Color(30, 30, 32));
                    g.fill(new Ellipse2D.Double(-l / 2, -w / 2, l, w));
                    g.setColor(body);
                    g.fill(new Ellipse2D.Double(-w * 0.4, -w * 0.4, w * 0.8, w * 0.8)); // the rider's helmet
                }
                case H -> {
                    g.setColor(body);
                    g.fill(new RoundRectangle2D.Double(-l / 2, -w / 2, l, w, w * 0.25, w * 0.25));
                    g.setColor(glass);
                    g.fill(new Rectangle2D.Double(l * 0.30, -w * 0.44, l * 0.08, w * 0.88));
                    g.setColor(body.darker());
                    g.setStroke(new BasicStroke(2f));
                    g.draw(new Rectangle2D.Double(-l * 0.48, -w * 0.42, l * 0.76, w * 0.84));
                }
                case I -> {
                    g.setColor(body);
                    g.fill(new RoundRectangle2D.Double(-l / 2, -w / 2, l, w, w * 0.2, w * 0.2));
                    g.setColor(new Color(236, 236, 232));
                    g.fill(new Rectangle2D.Double(-l * 0.46, -w * 0.33, l * 0.9, w * 0.66));
                    g.setColor(glass);
                    g.fill(new Rectangle2D.Double(l * 0.46, -w * 0.45, l * 0.035, w * 0.9));
                }
                default -> {
                    boolean longRear = c == VehicleClass.C || c == VehicleClass.E || c == VehicleClass.G;
                    g.setColor(body);
                    g.fill(new RoundRectangle2D.Double(-l / 2, -w / 2, l, w, w * 0.5, w * 0.5));
                    g.setColor(glass);
                    g.fill(new Rectangle2D.Double(l * 0.12, -w * 0.42, l * 0.13, w * 0.84)); // windscreen
                    double rear0 = longRear ? -0.30 : -0.40;
                    g.fill(new Rectangle2D.Double(l * rear0, -w * 0.40, l * (-0.2 - rear0), w * 0.80)); // rear window
                    g.setColor(brighter(body));
                    g.fill(new Rectangle2D.Double(-l * 0.2, -w * 0.40, l * 0.32, w * 0.80)); // roof
                }
            }
            g.setTransform(t);
            if (cx < 0 || cy < 0 || cx >= SIZE || cy >= SIZE) {
                return;
            }
            double cos = Math.abs(Math.cos(heading)), sin = Math.abs(Math.sin(heading));
            double hx = (l * cos + w * sin) / 2, hy = (l * sin + w * cos) / 2;
            double outside = Math.max(Math.max(0, hx - cx), Math.max(0, cx + hx - SIZE)) / (2 * hx)
                    + Math.max(Math.max(0, hy - cy), Math.max(0, cy + hy - SIZE)) / (2 * hy);
            vehicles.add(new Vehicle(c, cx, cy, l, w, heading, outside > 1 / 3.0));
            taken.add(new double[] {cx - hx, cy - hy, cx + hx, cy + hy});
        }

        private Color colour(VehicleClass c) {
            Color[] light = {new Color(236, 236, 234), new Color(192, 194, 198), new Color(214, 204, 178)};
            Color[] dark = {new Color(24, 24, 27), new Color(30, 36, 64), new Color(58, 60, 64), new Color(28, 50, 36)};
            Color[] red = {new Color(178, 26, 28), new Color(204, 36, 36), new Color(128, 20, 26)};
            return switch (c) {
                case A -> rng.nextBoolean() ? dark[rng.nextInt(dark.length)] : red[rng.nextInt(red.length)];
                case B, C, H -> light[rng.nextInt(light.length)];
                case D, E -> dark[rng.nextInt(dark.length)];
                case F, G -> red[rng.nextInt(red.length)];
                case I -> new Color(196, 28, 32);
            };
        }

        private static Color brighter(Color c) {
            return new Color(Math.min(255, c.getRed() + 14), Math.min(255, c.getGreen() + 14), Math.min(255, c.getBlue() + 14));
        }

        /** Trees: some over vehicles (their centre covered: low-confidence), the rest on free ground. */
        private void trees() {
            List<Vehicle> drawn = new ArrayList<>(vehicles);
            for (int i = 0, n = rng.nextInt(6, 14); i < n; i++) {
                double r = rng.nextDouble(50, 110);
                double x, y;
                if (i < 3 && !drawn.isEmpty() && rng.nextDouble() < 0.6) {
                    Vehicle v = drawn.get(rng.nextInt(drawn.size()));
                    x = v.cx() + rng.nextDouble(-r * 0.5, r * 0.5);
                    y = v.cy() + rng.nextDouble(-r * 0.5, r * 0.5);
                } else {
                    x = rng.nextDouble(0, SIZE);
                    y = rng.nextDouble(0, SIZE);
                }
                g.setColor(new Color(20, 40, 15, 140));
                g.fill(new Ellipse2D.Double(x - r + sunDx * 2, y - r + sunDy * 2, 2 * r, 2 * r));
                for (int k = 0; k < 7; k++) {
                    double rr = r * rng.nextDouble(0.45, 0.7);
                    double dx = rng.nextDouble(-r + rr, r - rr), dy = rng.nextDouble(-r + rr, r - rr);
                    int v = rng.nextInt(-10, 11);
                    g.setColor(new Color(44 + v, 82 + v, 34 + v));
                    g.fill(new Ellipse2D.Double(x + dx - rr, y + dy - rr, 2 * rr, 2 * rr));
                }
                for (int k = 0; k < vehicles.size(); k++) {
                    Vehicle v = vehicles.get(k);
                    if (Math.hypot(v.cx() - x, v.cy() - y) < r * 0.8 && !v.lowConfidence()) {
                        vehicles.set(k, new Vehicle(v.vehicleClass(), v.cx(), v.cy(), v.length(), v.width(), v.angle(), true));
                    }
                }
            }
        }

        /** Sensor noise, ±5 per channel. */
        private void noise() {
            int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < px.length; i++) {
                int n = rng.nextInt(-5, 6);
                int p = px[i];
                px[i] = rgb(((p >> 16) & 0xff) + n, ((p >> 8) & 0xff) + n, (p & 0xff) + n);
            }
        }

        private boolean free(double x0, double y0, double x1, double y1) {
            for (double[] r : taken) {
                if (x0 < r[2] && r[0] < x1 && y0 < r[3] && r[1] < y1) {
                    return false;
                }
            }
            return true;
        }

        private static int rgb(int r, int g, int b) {
            return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
        }

        private static int clamp(int v) {
            return Math.max(0, Math.min(255, v));
        }
    }
}
