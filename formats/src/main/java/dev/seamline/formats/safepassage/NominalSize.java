package dev.seamline.formats.safepassage;

import dev.seamline.core.Box;

/**
 * The nominal size of each Safe Passage class, and the box a centre point stands for when a
 * detector must be trained on the contest's centres. The contest gave centres only (no outline, no
 * heading), so the box is an axis-aligned square of the class's nominal length centred on the
 * centre: it holds the vehicle at any heading (a 3.9 × 1.75 m car measures at most 4.0 m across at
 * 45°, the length near enough). Lengths, metres: A motorcycle 2.1; B/D/F short-rear cars 3.9;
 * C/E/G long-rear cars 4.7; H light van 5.4; I bus 11.5 (widths 0.8, 1.75, 1.8, 2.0, 2.55). These
 * are Seamline's figures for typical UK vehicles, not the contest's. Stateless and thread-safe.
 */
public final class NominalSize {

    private NominalSize() {
    }

    /** Nominal length and width of a class, metres. */
    public static double[] metres(VehicleClass c) {
        return switch (c) {
            case A -> new double[] {2.1, 0.8};
            case B, D, F -> new double[] {3.9, 1.75};
            case C, E, G -> new double[] {4.7, 1.8};
            case H -> new double[] {5.4, 2.0};
            case I -> new double[] {11.5, 2.55};
        };
    }

    /**
     * The training box of a centre: a square of the class's nominal length, pixels, centred on the
     * centre pixel's centre ({@code x + 0.5, y + 0.5} in Seamline's corner-based pixel space).
     *
     * @param gsd metres per pixel of the image (0.05 for the contest's)
     */
    public static Box box(SafePassageCsv.Centre centre, VehicleClass c, double gsd) {
        if (!(gsd > 0)) {
            throw new IllegalArgumentException("ground sample distance must be positive, was " + gsd);
        }
        double half = metres(c)[0] / gsd / 2;
        double cx = centre.x() + 0.5, cy = centre.y() + 0.5;
        return new Box(cx - half, cy - half, cx + half, cy + half);
    }
}
