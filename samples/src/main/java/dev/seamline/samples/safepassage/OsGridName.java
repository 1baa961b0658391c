package dev.seamline.samples.safepassage;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Safe Passage image name, {@code TQ2379_3_7}: an Ordnance Survey 1 km grid square and the image's
 * column and row in it, and the place on the British National Grid (EPSG:27700) that the name
 * implies. The contest named its images this way; its exact rule for the suffix was not published,
 * so Seamline states its own:
 *
 * <ul>
 * <li>the two letters name the 100 km square (the first the 500 km square: S, T, N, O, H …; the
 *     second the 100 km square in it, A–Z without I, five to a row from the north-west), the four
 *     digits the 1 km square's easting and northing in km inside it: {@code TQ2379} has its
 *     south-west corner at E 523,000 m, N 179,000 m;</li>
 * <li>an image covers 100 m × 100 m (2,000 px at 5 cm), ten to a side of the km square;
 *     {@code _col_row} counts images east from the square's west edge and south from its north edge,
 *     as pixel columns and rows run: the image's top-left corner is at
 *     E = E₀ + 100·col, N = N₀ + 1000 − 100·row (E₀, N₀ the square's south-west corner).</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param square the 1 km square, two letters and four digits ({@code TQ2379})
 * @param col    the image column, 0–9, from the west
 * @param row    the image row, 0–9, from the north
 */
public record OsGridName(String square, int col, int row) {

    /** Metres an image covers on a side. */
    public static final double IMAGE_METRES = 100;

    private static final String LETTERS = "ABCDEFGHJKLMNOPQRSTUVWXYZ";
    private static final Pattern SQUARE = Pattern.compile("([A-HJ-Z]{2})([0-9]{2})([0-9]{2})");
    private static final Pattern NAME = Pattern.compile("([A-HJ-Z]{2}[0-9]{4})_([0-9])_([0-9])");

    /** Checks the square and the position. */
    public OsGridName {
        if (!SQUARE.matcher(square).matches() || !is500kmLetter(square.charAt(0))) {
            throw new IllegalArgumentException("not an OS 1 km grid square (two letters, four digits, e.g. TQ2379): '"
                    + square + "'");
        }
        if (col < 0 || col > 9 || row < 0 || row > 9) {
            throw new IllegalArgumentException("image column and row are 0 to 9, got " + col + "_" + row);
        }
    }

    /** Reads a name ({@code TQ2379_0_0}, with or without an extension), or throws naming it. */
    public static OsGridName parse(String name) {
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        Matcher m = NAME.matcher(stem.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Safe Passage image name (e.g. TQ2379_0_0): '" + name + "'");
        }
        return new OsGridName(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** The name without extension: {@code TQ2379_3_7}. */
    public String stem() {
        return square + "_" + col + "_" + row;
    }

    /** Easting of the km square's south-west corner, metres. */
    public double squareEasting() {
        int[] hundred = hundredKm();
        return hundred[0] * 100_000.0 + Integer.parseInt(square.substring(2, 4)) * 1000.0;
    }

    /** Northing of the km square's south-west corner, metres. */
    public double squareNorthing() {
        int[] hundred = hundredKm();
        return hundred[1] * 100_000.0 + Integer.parseInt(square.substring(4, 6)) * 1000.0;
    }

    /** Easting of the image's top-left corner, metres. */
    public double topLeftEasting() {
        return squareEasting() + IMAGE_METRES * col;
    }

    /** Northing of the image's top-left corner, metres. */
    public double topLeftNorthing() {
        return squareNorthing() + 1000 - IMAGE_METRES * row;
    }

    /** The 100 km square's easting and northing indices (TQ: 5, 1). */
    private int[] hundredKm() {
        int first = LETTERS.indexOf(square.charAt(0));
        int second = LETTERS.indexOf(square.charAt(1));
        // the 500 km squares: S (0,0) T (5,0) N (0,5) O (5,5) H (0,10) …, laid out as the 100 km letters are
        int e500 = (first % 5) - 2;
        int n500 = 3 - first / 5;
        return new int[] {e500 * 5 + second % 5, n500 * 5 + 4 - second / 5};
    }

    private static boolean is500kmLetter(char c) {
        return "HJNOST".indexOf(c) >= 0;
    }
}
