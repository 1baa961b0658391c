package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            assertArrayEquals(data, LibDeflate.zlib(direct, z.length, data.length));
            assertEquals(null, LibDeflate.zlib(direct, z.length / 2, data.length), "short stream is refused");
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
}
