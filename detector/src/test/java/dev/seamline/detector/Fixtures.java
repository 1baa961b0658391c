package dev.seamline.detector;

import static dev.seamline.testkit.BoxAssertions.assertBoxesEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The decoder fixtures of src/test/resources/fixtures (made by make_fixtures.py) and their checks. */
final class Fixtures {

    static final double BOX_TOLERANCE = 1e-3;
    static final double SCORE_TOLERANCE = 1e-5;

    private Fixtures() {
    }

    /** The fixture folder {@code name}. */
    static Path folder(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name + "/model.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected(String name) {
        try {
            return new ObjectMapper().readTree(folder(name).resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's input tiles, as the pipeline hands them over. */
    static List<PixelBuffer> tiles(String name) {
        JsonNode e = expected(name);
        SampleType type = SampleType.valueOf(e.get("sample_type").asText());
        int count = e.get("tiles").asInt();
        int bands = e.get("bands").asInt();
        int w = e.get("width").asInt();
        int h = e.get("height").asInt();
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(Files.readAllBytes(folder(name).resolve("input.bin"))).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        int per = bands * w * h;
        List<PixelBuffer> tiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PixelWindow window = new PixelWindow(i * w, 0, w, h);
            Object data;
            if (type == SampleType.UINT8) {
                byte[] b = new byte[per];
                bytes.get(b);
                data = b;
            } else {
                short[] s = new short[per];
                bytes.asShortBuffer().get(s);
                bytes.position(bytes.position() + 2 * per);
                data = s;
            }
            tiles.add(new PixelBuffer(window, window, bands, type, data));
        }
        return tiles;
    }

    /** The Python-side detections of each tile. */
    static List<List<Detection>> expectedDetections(String name) {
        List<List<Detection>> out = new ArrayList<>();
        for (JsonNode tile : expected(name).get("detections")) {
            out.add(detections(tile));
        }
        return out;
    }

    /** One tile's detections as the fixtures write them. */
    static List<Detection> detections(JsonNode tile) {
        List<Detection> dets = new ArrayList<>();
        for (JsonNode d : tile) {
            JsonNode b = d.get("box");
            Box box = new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
            if (d.has("obb")) {
                JsonNode o = d.get("obb");
                dets.add(new Detection(box, new dev.seamline.core.OrientedBox(o.get(0).asDouble(), o.get(1).asDouble(),
                        o.get(2).asDouble(), o.get(3).asDouble(), o.get(4).asDouble()), d.get("class").asInt(),
                        d.get("score").asDouble()));
            } else {
                dets.add(Detection.of(box, d.get("class").asInt(), d.get("score").asDouble()));
            }
        }
        return dets;
    }

    /** Same detections, matched in decreasing score order: boxes within 1e-3 px, classes equal, scores within 1e-5. */
    static void assertDetectionsEqual(List<Detection> expected, List<Detection> actual, String where) {
        assertDetectionsEqual(expected, actual, where, 0);
    }

    /** As above, boxes within 1e-3 px plus {@code relative} times the coordinate's magnitude. */
    static void assertDetectionsEqual(List<Detection> expected, List<Detection> actual, String where, double relative) {
        List<Detection> e = new ArrayList<>(expected);
        List<Detection> a = new ArrayList<>(actual);
        Comparator<Detection> byScore = Comparator.comparingDouble(Detection::score).reversed();
        e.sort(byScore);
        a.sort(byScore);
        assertEquals(e.size(), a.size(), where + ": detection count");
        for (int i = 0; i < e.size(); i++) {
            Detection x = e.get(i);
            Detection y = a.get(i);
            String at = where + " #" + i + " expected " + x + " found " + y;
            assertEquals(x.classId(), y.classId(), at);
            assertEquals(x.score(), y.score(), SCORE_TOLERANCE, at);
            double scale = Math.max(Math.max(Math.abs(x.box().x0()), Math.abs(x.box().x1())),
                    Math.max(Math.abs(x.box().y0()), Math.abs(x.box().y1())));
            assertBoxesEqual(x.box(), y.box(), BOX_TOLERANCE + relative * scale, at);
            assertEquals(x.isOriented(), y.isOriented(), at);
            if (x.isOriented()) {
                var p = x.oriented();
                var q = y.oriented();
                assertEquals(p.cx(), q.cx(), BOX_TOLERANCE, at);
                assertEquals(p.cy(), q.cy(), BOX_TOLERANCE, at);
                assertEquals(p.width(), q.width(), BOX_TOLERANCE, at);
                assertEquals(p.height(), q.height(), BOX_TOLERANCE, at);
                assertEquals(p.angle(), q.angle(), 1e-5, at);
            }
        }
    }
}
