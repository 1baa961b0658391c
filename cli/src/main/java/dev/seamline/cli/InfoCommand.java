package dev.seamline.cli;

import dev.seamline.core.SeamlineException;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import dev.seamline.geo.Scene;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code seamline info SCENE... [--json] [--pixel X,Y]...}: what a GeoTIFF, PNG or JPEG holds and where
 * it lies, like {@code gdalinfo}. With {@code --json}, one JSON object keyed by each file as given on the
 * command line, each with {@code driver} (GDAL's name: GTiff, PNG, JPEG), {@code files} (the scene and the
 * sidecars read, as gdalinfo's "Files:"), {@code storage}, {@code width}, {@code height},
 * {@code bandCount}, {@code dataType} (GDAL's names), {@code epsg}, {@code wkt}, {@code geoTransform} (GDAL order), {@code corners} (CRS units;
 * pixel coordinates when the file has no georeferencing, as gdalinfo does), {@code cornersLonLat}
 * (WGS84 [lon, lat]) and {@code probes} [[x, y, mapX, mapY, lon, lat], …], one per {@code --pixel}
 * (continuous pixel coordinates, corner-based). Fields that need georeferencing are null without it.
 */
@Command(name = "info", description = "Describe scenes (GeoTIFF, PNG, JPEG): files read, size, bands, type, blocks, CRS, "
        + "geotransform, corners (like gdalinfo).")
final class InfoCommand implements Callable<Integer> {

    /** A pixel position given as X,Y. */
    record Pixel(double x, double y) {
    }

    static final class PixelConverter implements ITypeConverter<Pixel> {
        @Override
        public Pixel convert(String value) {
            String[] p = value.split(",");
            try {
                if (p.length == 2) {
                    double x = Double.parseDouble(p[0].strip()), y = Double.parseDouble(p[1].strip());
                    if (Double.isFinite(x) && Double.isFinite(y)) {
                        return new Pixel(x, y);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("expected X,Y (two numbers, pixel coordinates), got '" + value + "'");
        }
    }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENE", converter = ScenePathConverter.class,
            description = "GeoTIFF, PNG or JPEG files, or http(s):// URLs of GeoTIFFs (COGs).")
    List<Path> scenes;

    @Option(names = "--json", description = "Print one JSON object keyed by each file.")
    boolean json;

    @Option(names = "--pixel", paramLabel = "X,Y", converter = PixelConverter.class,
            description = "Also place this pixel (continuous, corner-based: 0,0 is the top-left corner of the image); "
                    + "repeatable.")
    List<Pixel> pixels = new ArrayList<>();

    private static final String[] CORNERS = {"upperLeft", "lowerLeft", "upperRight", "lowerRight", "center"};

    @Override
    public Integer call() throws SeamlineException {
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder sb = new StringBuilder();
        if (json) {
            sb.append("{");
        }
        for (int i = 0; i < scenes.size(); i++) {
            Path p = scenes.get(i);
            try (Scene s = Scene.open(p)) {
                if (json) {
                    sb.append(i == 0 ? "\n  " : ",\n  ").append(Json.string(p.toString())).append(": ");
                    json(s, sb);
                } else {
                    text(p, s, sb);
                }
            }
        }
        if (json) {
            sb.append("\n}\n");
        }
        out.print(sb);
        out.flush();
        return ExitCodes.OK;
    }

    private double[][] corners(Scene s) {
        double w = s.width(), h = s.height();
        return new double[][] {{0, 0}, {0, h}, {w, 0}, {w, h}, {w / 2, h / 2}};
    }

    private void json(Scene s, StringBuilder sb) {
        Optional<Georeferencing> geo = s.georeferencing();
        Georeferencing g = geo.orElse(null);
        sb.append("{\n");
        field(sb, "driver", Json.string(s.format()));
        StringBuilder files = new StringBuilder("[");
        for (Path f : s.files()) {
            files.append(files.length() == 1 ? "" : ", ").append(Json.string(f.toString()));
        }
        field(sb, "files", files.append("]").toString());
        field(sb, "width", String.valueOf(s.width()));
        field(sb, "height", String.valueOf(s.height()));
        field(sb, "bandCount", String.valueOf(s.bandCount()));
        field(sb, "dataType", Json.string(s.sampleType().gdalName()));
        field(sb, "nodata", s.nodata().isPresent() ? Json.number(s.nodata().getAsDouble()) : "null");
        field(sb, "storage", Json.string(s.storage()));
        field(sb, "bigTiff", String.valueOf(s.isBigTiff()));
        field(sb, "epsg", g != null && g.epsg().isPresent() ? String.valueOf(g.epsg().getAsInt()) : "null");
        field(sb, "wkt", g == null ? "null" : Json.string(g.wkt()));
        field(sb, "geoTransform", g == null ? "null" : Json.array(g.gridTransform().toArray()));
        field(sb, "groundSampleDistance", s.groundSampleDistance().isPresent()
                ? Json.number(s.groundSampleDistance().getAsDouble()) : "null");
        double[][] c = corners(s);
        StringBuilder cs = new StringBuilder("{");
        StringBuilder ll = new StringBuilder("{");
        for (int i = 0; i < CORNERS.length; i++) {
            double[] map = g == null ? c[i] : g.pixelToCrs(c[i][0], c[i][1], PixelAnchor.CORNER);
            cs.append(i == 0 ? "" : ", ").append(Json.string(CORNERS[i])).append(": ").append(Json.array(map));
            if (g != null) {
                double[] lonLat = g.pixelToLonLat(c[i][0], c[i][1], PixelAnchor.CORNER);
                ll.append(i == 0 ? "" : ", ").append(Json.string(CORNERS[i])).append(": ").append(Json.array(lonLat));
            }
        }
        field(sb, "corners", cs.append("}").toString());
        field(sb, "cornersLonLat", g == null ? "null" : ll.append("}").toString());
        StringBuilder pr = new StringBuilder("[");
        for (int i = 0; i < pixels.size(); i++) {
            Pixel px = pixels.get(i);
            double[] row = {px.x(), px.y(), Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            if (g != null) {
                double[] map = g.pixelToCrs(px.x(), px.y(), PixelAnchor.CORNER);
                double[] lonLat = g.crsToLonLat(map[0], map[1]);
                row = new double[] {px.x(), px.y(), map[0], map[1], lonLat[0], lonLat[1]};
            }
            pr.append(i == 0 ? "" : ", ").append(Json.array(row));
        }
        sb.append("    \"probes\": ").append(pr.append("]")).append("\n  }");
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append("    ").append(Json.string(name)).append(": ").append(value).append(",\n");
    }

    private void text(Path p, Scene s, StringBuilder sb) {
        Georeferencing g = s.georeferencing().orElse(null);
        sb.append("File: ").append(p).append('\n');
        if (s.files().size() > 1) {
            sb.append("Files: ").append(String.join("\n       ", s.files().stream().map(Path::toString).toList())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Size: %d x %d, %d band%s %s%n", s.width(), s.height(), s.bandCount(),
                s.bandCount() == 1 ? "" : "s", s.sampleType().gdalName()));
        sb.append("Layout: ").append(s.storage()).append('\n');
        s.nodata().ifPresent(v -> sb.append("NoData: ").append(Json.number(v)).append('\n'));
        if (g == null) {
            sb.append("Georeferencing: none").append(s.georeferencingNote().map(n -> ": " + n).orElse(""))
                    .append(" (outputs will be in pixel coordinates only)\n");
        } else {
            sb.append("CRS: ").append(g.epsg().isPresent() ? "EPSG:" + g.epsg().getAsInt() : "user-defined (no EPSG code)")
                    .append('\n');
            double[] gt = g.gridTransform().toArray();
            sb.append("GeoTransform: ").append(Json.array(gt)).append('\n');
            sb.append(String.format(Locale.ROOT, "Pixel size: %s x %s CRS units, ground sample distance %.4f m%n",
                    Json.number(g.gridTransform().pixelSizeX()), Json.number(g.gridTransform().pixelSizeY()),
                    s.groundSampleDistance().getAsDouble()));
        }
        sb.append("Corner Coordinates:").append(g == null ? " (pixels)" : "").append('\n');
        double[][] c = corners(s);
        for (int i = 0; i < CORNERS.length; i++) {
            appendPoint(sb, CORNERS[i], c[i][0], c[i][1], g);
        }
        for (Pixel px : pixels) {
            appendPoint(sb, "pixel " + Json.number(px.x()) + "," + Json.number(px.y()), px.x(), px.y(), g);
        }
    }

    private static void appendPoint(StringBuilder sb, String label, double x, double y, Georeferencing g) {
        if (g == null) {
            sb.append(String.format(Locale.ROOT, "  %-12s (%.3f, %.3f)%n", label, x, y));
            return;
        }
        double[] map = g.pixelToCrs(x, y, PixelAnchor.CORNER);
        double[] ll = g.crsToLonLat(map[0], map[1]);
        sb.append(String.format(Locale.ROOT, "  %-12s (%.4f, %.4f)  lon %.9f, lat %.9f%n", label, map[0], map[1], ll[0], ll[1]));
    }

    /** Minimal JSON output: strings escaped, doubles in Java's shortest round-trip form, NaN as null. */
    static final class Json {
        private Json() {
        }

        static String number(double v) {
            if (!Double.isFinite(v)) {
                return "null";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return String.valueOf((long) v) + ".0";
            }
            return Double.toString(v);
        }

        static String array(double[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(number(a[i]));
            }
            return sb.append(']').toString();
        }

        static String string(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (ch < 0x20) {
                            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                        } else {
                            sb.append(ch);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}
