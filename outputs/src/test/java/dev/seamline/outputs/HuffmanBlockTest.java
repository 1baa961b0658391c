package dev.seamline.outputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class HuffmanBlockTest {

    @Test
    void blocksInflateToTheirBytesWithZlib() throws Exception {
        Random random = new Random(11);
        for (int kind = 0; kind < 6; kind++) {
            for (int size : new int[] {0, 1, 2, 100, 70_000}) {
                byte[] data = new byte[size];
                for (int i = 0; i < size; i++) {
                    data[i] = (byte) switch (kind) {
                        case 0 -> random.nextInt(256);                    // every symbol about as often
                        case 1 -> 7;                                      // one symbol only
                        case 2 -> i % 2 == 0 ? 0 : 255;                   // two
                        case 3 -> (int) Math.min(255, -Math.log(random.nextDouble()) * 3); // skewed, small values
                        case 4 -> fibonacciSymbol(i);                     // frequencies that make codes longer than 15
                        default -> (int) (random.nextGaussian() * 4);     // filtered-photograph-like, both signs
                    };
                }
                String what = "kind " + kind + ", " + size + " bytes";
                // a zlib stream of three blocks one after the other: two sync-flushed, the last final
                int a = size / 3, b = 2 * size / 3;
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                raw.write(new byte[] {0x78, 0x01});
                raw.write(HuffmanBlock.encode(data, 0, a, false));
                raw.write(HuffmanBlock.encode(data, a, b, false));
                raw.write(HuffmanBlock.encode(data, b, size, true));
                java.util.zip.Adler32 adler = new java.util.zip.Adler32();
                adler.update(data);
                raw.write(java.nio.ByteBuffer.allocate(4).putInt((int) adler.getValue()).array());
                Inflater inflater = new Inflater();
                inflater.setInput(raw.toByteArray());
                byte[] out = new byte[size + 1];
                int n = 0;
                while (!inflater.finished()) {
                    int k = inflater.inflate(out, n, out.length - n);
                    if (k == 0 && !inflater.finished() && inflater.needsInput()) {
                        throw new AssertionError(what + ": the stream ends early");
                    }
                    n += k;
                }
                assertEquals(size, n, what);
                assertEquals(0, inflater.getRemaining(), what + ": bytes after the final block");
                inflater.end();
                assertArrayEquals(data, java.util.Arrays.copyOf(out, n), what);
            }
        }
    }

    /** Symbol s (0 … 30) about Fibonacci(s) times: an unlimited Huffman code would be 30 bits deep. */
    private static int fibonacciSymbol(int i) {
        long a = 1, b = 1, at = i % 2_000_000;
        int s = 0;
        while (at >= a && s < 30) {
            at -= a;
            long c = a + b;
            a = b;
            b = c;
            s++;
        }
        return s;
    }

    @Test
    void lengthsAreACompleteCodeWithinTheLimit() {
        Random random = new Random(4);
        for (int t = 0; t < 300; t++) {
            int limit = t % 2 == 0 ? 15 : 7;
            int n = 2 + random.nextInt(limit == 15 ? 300 : 18); // 286 literal/length codes, 19 code-length codes
            long[] f = new long[n];
            for (int s = 0; s < n; s++) {
                f[s] = switch (t % 4) {
                    case 0 -> random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(1000);
                    case 1 -> 1L << Math.min(40, random.nextInt(45));  // powers of two: deep trees
                    case 2 -> s == 0 ? 5 : 0;                           // one used symbol
                    default -> random.nextInt(1_000_000);
                };
            }
            int[] len = HuffmanBlock.lengths(f, limit);
            double kraft = 0;
            int used = 0;
            for (int s = 0; s < n; s++) {
                assertTrue(len[s] >= 0 && len[s] <= limit, "length " + len[s]);
                assertTrue(f[s] == 0 || len[s] > 0, "a used symbol without a code");
                if (len[s] > 0) {
                    kraft += Math.pow(2, -len[s]);
                    used++;
                }
            }
            assertTrue(used >= 2, "at least two codes");
            assertEquals(1.0, kraft, 1e-12, "a complete code (Kraft sum 1)");
        }
    }

    @Test
    void huffmanLengthsAreOptimalWhenTheyFit() {
        // frequencies 1, 1, 2, 4: the lengths 3, 3, 2, 1 (cost 1·3 + 1·3 + 2·2 + 4·1 = 14)
        assertArrayEquals(new int[] {3, 3, 2, 1}, HuffmanBlock.lengths(new long[] {1, 1, 2, 4}, 15));
        // equal frequencies of 8 symbols: 3 bits each
        assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3}, HuffmanBlock.lengths(new long[] {5, 5, 5, 5, 5, 5, 5, 5}, 15));
    }
}
