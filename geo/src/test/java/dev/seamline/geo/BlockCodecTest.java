package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Both Deflate paths (libdeflate when the system has it, and the JDK's Inflater) decode alike; bad data fails. */
class BlockCodecTest {

    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(6);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        return out.toByteArray();
    }

    @Test
    void libdeflateAndInflaterAgree() throws Exception {
        byte[] data = new byte[200_000];
        Random r = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251 < 100 ? r.nextInt(8) : i / 97);
        }
        byte[] z = zlib(data);
        assertArrayEquals(data, BlockCodec.inflateJdk(z, z.length, data.length));
        assertArrayEquals(data, BlockCodec.inflate(z, z.length, data.length));
        if (LibDeflate.AVAILABLE) {
            assertArrayEquals(data, LibDeflate.zlib(z, z.length, data.length));
            java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(z.length).put(z).flip();
            byte[] into = new byte[data.length + 5];
            assertTrue(LibDeflate.zlib(direct, z.length, into, data.length));
            assertArrayEquals(data, java.util.Arrays.copyOf(into, data.length));
            assertFalse(LibDeflate.zlib(direct, z.length / 2, new byte[data.length], data.length), "short stream is refused");
        }
    }

    @Test
    void corruptOrShortDeflateFails() {
        byte[] data = new byte[50_000];
        byte[] z = zlib(data);
        byte[] cut = java.util.Arrays.copyOf(z, z.length / 2);
        assertThrows(BlockCodec.CorruptBlockException.class, () -> BlockCodec.inflate(cut, cut.length, data.length));
        assertThrows(BlockCodec.CorruptBlockException.class, () -> BlockCodec.inflate(new byte[] {1, 2, 3, 4, 5}, 5, 10));
        assertThrows(BlockCodec.CorruptBlockException.class, () -> BlockCodec.lzw(new byte[] {(byte) 0xFF, (byte) 0xFF}, 2, 10));
        assertThrows(BlockCodec.CorruptBlockException.class, () -> BlockCodec.packBits(new byte[] {5, 1}, 2, 10));
    }

    @Test
    void deinterleaveSplitsPixelsIntoPlanes() {
        Random r = new Random(3);
        for (int spp : new int[] {2, 3, 4, 5}) {
            for (int n : new int[] {1, 7, 8, 9, 65, 256 * 256}) {
                byte[] src = new byte[n * spp + 11]; // longer than the block, as a reused scratch array is
                r.nextBytes(src);
                byte[] planes = new byte[n * spp];
                BlockCodec.deinterleave(src, spp, planes, n);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < spp; k++) {
                        assertEquals(src[i * spp + k], planes[k * n + i], "band " + k + " of pixel " + i + " (" + spp + " bands, " + n + " pixels)");
                    }
                }
            }
        }
    }

    @Test
    void toPlanarUndoesByteOrderAndPredictorPerBand() throws Exception {
        // two rows of three 2-band little-endian uint16 pixels, horizontal predictor (differences per band)
        int[][] px = {{1000, 7}, {1003, 5}, {990, 65535}, {2, 3}, {40000, 4}, {40001, 65534}};
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(6 * 2 * 2 + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < 2; row++) {
            for (int x = 0; x < 3; x++) {
                for (int k = 0; k < 2; k++) {
                    int v = px[row * 3 + x][k], left = x == 0 ? 0 : px[row * 3 + x - 1][k];
                    b.putShort((short) (x == 0 ? v : v - left));
                }
            }
        }
        short[] dest = new short[12];
        Object scratch = BlockCodec.toPlanar(b.array(), dev.seamline.core.SampleType.UINT16, java.nio.ByteOrder.LITTLE_ENDIAN, 2,
                3, 2, 2, dest, null);
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(px[i][k], dest[k * 6 + i] & 0xFFFF, "band " + k + " pixel " + i);
            }
        }
        assertTrue(scratch instanceof short[], "the interleaved scratch array is handed back for reuse");
    }
}
