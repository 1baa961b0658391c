package dev.seamline.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.PixelBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The GDAL-made fixtures of make_fixtures.py and helpers to compare against them. */
final class Fixtures {

    static final Path REAL = Path.of("../../shared/data/real");

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    static JsonNode json(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static boolean realDataPresent() {
        return Files.isDirectory(REAL);
    }

    /** SHA-256 of the buffer's samples, little-endian, as make_fixtures.py computes it from ReadAsArray. */
    static String digest(PixelBuffer b) throws NoSuchAlgorithmException {
        Object d = b.data();
        ByteBuffer bytes;
        if (d instanceof byte[] a) {
            bytes = ByteBuffer.wrap(a);
        } else if (d instanceof short[] a) {
            bytes = ByteBuffer.allocate(a.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(a);
        } else if (d instanceof int[] a) {
            bytes = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asIntBuffer().put(a);
        } else if (d instanceof float[] a) {
            bytes = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(a);
        } else {
            double[] a = (double[]) d;
            bytes = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asDoubleBuffer().put(a);
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(bytes.array());
        return HexFormat.of().formatHex(md.digest());
    }

    static int[] ints(JsonNode arr) {
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode arr) {
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }
}
