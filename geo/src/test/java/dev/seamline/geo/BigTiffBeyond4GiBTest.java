package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.PixelWindow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BigTIFF whose tiles lie beyond 4 GiB: GDAL's bigtiff_small.tif with every tile moved 5 GiB
 * further into a sparse file (the TileOffsets rewritten, nothing else changed), so it takes a few KB
 * of disk. Its windows must still equal GDAL's ReadAsArray of the original.
 */
class BigTiffBeyond4GiBTest {

    static final long SHIFT = 5L << 30;

    @Test
    void tilesBeyond4GiBReadAsGdalReadsThem(@TempDir Path dir) throws Exception {
        Path src = Fixtures.resource("made/bigtiff_small.tif");
        Path big = dir.resolve("beyond4gib.tif");
        relocateTiles(src, big, SHIFT);
        assumeTrue(Files.size(big) > (4L << 30), "sparse file was not created");
        JsonNode facts = null;
        for (JsonNode r : Fixtures.json("made.json").get("rasters")) {
            if (r.get("file").asText().equals("bigtiff_small.tif")) {
                facts = r;
            }
        }
        try (Scene s = Scene.open(big)) {
            assertTrue(s.isBigTiff());
            for (JsonNode w : facts.get("windows")) {
                int[] win = Fixtures.ints(w.get("window"));
                assertEquals(w.get("sha256").asText(), Fixtures.digest(s.read(new PixelWindow(win[0], win[1], win[2], win[3]),
                        Fixtures.ints(w.get("bands")))), "window " + w.get("window"));
            }
        }
    }

    /** Copies a little-endian BigTIFF, moving every tile {@code shift} bytes further (a sparse hole before them). */
    static void relocateTiles(Path src, Path dst, long shift) throws Exception {
        byte[] bytes = Files.readAllBytes(src);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals('I', b.get(0));
        assertEquals(43, b.getShort(2));
        long ifd = b.getLong(8);
        long n = b.getLong((int) ifd);
        long offsetsPos = -1, countsPos = -1, tiles = 0;
        int countType = 0;
        for (int i = 0; i < n; i++) {
            int e = (int) (ifd + 8 + 20L * i);
            int tag = b.getShort(e) & 0xFFFF;
            long count = b.getLong(e + 4);
            int type = b.getShort(e + 2);
            long value = count * (type == 16 ? 8 : type == 4 ? 4 : 2) > 8 ? b.getLong(e + 12) : e + 12;
            if (tag == 324) {
                offsetsPos = value;
                tiles = count;
                assertEquals(16, b.getShort(e + 2), "TileOffsets as LONG8");
            } else if (tag == 325) {
                countsPos = value;
                countType = type;
            }
        }
        assertTrue(offsetsPos > 0 && countsPos > 0);
        try (FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            for (int t = 0; t < tiles; t++) {
                long off = b.getLong((int) (offsetsPos + 8L * t));
                long len = readCount(b, countsPos, countType, t);
                out.write(ByteBuffer.wrap(bytes, (int) off, (int) len), off + shift);
                b.putLong((int) (offsetsPos + 8L * t), off + shift);
            }
            out.write(ByteBuffer.wrap(bytes), 0);
        }
    }

    private static long readCount(ByteBuffer b, long countsPos, int type, int t) {
        return switch (type) {
            case 16 -> b.getLong((int) (countsPos + 8L * t));
            case 4 -> b.getInt((int) (countsPos + 4L * t)) & 0xFFFFFFFFL;
            default -> b.getShort((int) (countsPos + 2L * t)) & 0xFFFF;
        };
    }
}
