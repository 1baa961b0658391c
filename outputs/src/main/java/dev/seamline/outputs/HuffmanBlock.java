package dev.seamline.outputs;

import dev.seamline.core.IndexSort;
import java.util.Arrays;

/**
 * Deflate (RFC 1951) without string matching: a run of bytes as one block of dynamic Huffman codes
 * built from those bytes' own frequencies, every byte a literal. On PNG rows after a prediction filter
 * this is within a few per cent of zlib's level 1 (matches find little in filtered photographs) and
 * several times faster: one table look-up and a shift per byte. The codes are canonical and at most
 * 15 bits long (frequencies are halved until they fit), so the bytes depend on the input alone.
 * Stateless and thread-safe.
 */
final class HuffmanBlock {

    private static final int END_OF_BLOCK = 256;
    /** Literal/length codes sent: the 256 literals and end-of-block (HLIT 0). */
    private static final int LITERALS = 257;
    private static final int MAX_BITS = 15;
    private static final int MAX_CODE_LENGTH_BITS = 7;
    /** The order in which the code-length code's lengths are sent (RFC 1951 3.2.7). */
    private static final java.lang.invoke.VarHandle INT_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private HuffmanBlock() {
    }

    /**
     * {@code data[from, to)} as one dynamic-Huffman deflate block, then, unless {@code last}, an empty
     * stored block (a sync flush), so that the bytes end on a byte boundary and another block may follow;
     * when {@code last} the block is the stream's final one, padded to a byte.
     */
    static byte[] encode(byte[] data, int from, int to, boolean last) {
        long[] freq = new long[LITERALS];
        for (int i = from; i < to; i++) {
            freq[data[i] & 0xFF]++;
        }
        freq[END_OF_BLOCK] = 1;
        int[] litLen = lengths(freq, MAX_BITS);
        int[] litCode = codes(litLen);
        // two distance codes of one bit, never used: a decoder expects a distance tree (zlib sends the same)
        int[] all = Arrays.copyOf(litLen, LITERALS + 2);
        all[LITERALS] = 1;
        all[LITERALS + 1] = 1;
        long[] clFreq = new long[19];
        for (int l : all) {
            clFreq[l]++;
        }
        int[] clLen = lengths(clFreq, MAX_CODE_LENGTH_BITS);
        int[] clCode = codes(clLen);
        int hclen = 19;
        while (hclen > 4 && clLen[CODE_LENGTH_ORDER[hclen - 1]] == 0) {
            hclen--;
        }
        long bits = 3 + 5 + 5 + 4 + 3L * hclen; // the block's header
        for (int l : all) {
            bits += clLen[l];
        }
        for (int s = 0; s < LITERALS; s++) {
            bits += freq[s] * litLen[s];
        }
        // whole bytes: the block, then the flush's 3 bits, a byte boundary and LEN, NLEN
        long bytes = last ? (bits + 7) / 8 : (bits + 3 + 7) / 8 + 4;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException((to - from) + " bytes are too many for one block");
        }
        Bits out = new Bits((int) bytes);
        out.write(last ? 1 : 0, 1);
        out.write(2, 2); // dynamic Huffman codes
        out.write(LITERALS - 257, 5);
        out.write(2 - 1, 5);
        out.write(hclen - 4, 4);
        for (int i = 0; i < hclen; i++) {
            out.write(clLen[CODE_LENGTH_ORDER[i]], 3);
        }
        for (int l : all) {
            out.write(clCode[l], clLen[l]);
        }
        out.literals(data, from, to, litCode, litLen);
        out.write(litCode[END_OF_BLOCK], litLen[END_OF_BLOCK]);
        if (!last) {
            out.write(0, 3); // an empty stored block: BFINAL 0, BTYPE 00, then LEN 0 and NLEN 0xFFFF on a byte boundary
            out.align();
            out.write(0, 16);
            out.write(0xFFFF, 16);
        }
        out.align();
        return out.bytes();
    }

    /**
     * Huffman code lengths of at most {@code maxBits} for the symbols' frequencies (0: symbol unused):
     * a Huffman code of the frequencies, halved (a used symbol keeping at least 1) until its longest
     * code fits. Always a complete code of at least two symbols (a lone used symbol gets a partner), as
     * inflaters require. Ties break by symbol, so the lengths depend on the frequencies alone.
     */
    static int[] lengths(long[] frequencies, int maxBits) {
        int n = frequencies.length;
        if (n < 2 || n > 1 << maxBits) {
            throw new IllegalArgumentException(n + " symbols do not fit codes of 1 to " + maxBits + " bits");
        }
        long[] f = frequencies.clone();
        int used = 0;
        for (long x : f) {
            used += x > 0 ? 1 : 0;
        }
        for (int s = 0; used < 2 && s < n; s++) {
            if (f[s] == 0) {
                f[s] = 1;
                used++;
            }
        }
        while (true) {
            int[] len = huffman(f);
            int longest = 0;
            for (int l : len) {
                longest = Math.max(longest, l);
            }
            if (longest <= maxBits) {
                return len;
            }
            for (int s = 0; s < n; s++) {
                if (f[s] > 0) {
                    f[s] = (f[s] + 1) / 2;
                }
            }
        }
    }

    /** The lengths of a Huffman code of the used symbols, by the two-queue method on sorted leaves. */
    private static int[] huffman(long[] f) {
        int n = f.length;
        int[] sorted = new int[n]; // the used symbols, then sorted by frequency (ties: lower symbol first)
        int leaves = 0;
        for (int s = 0; s < n; s++) {
            if (f[s] > 0) {
                sorted[leaves++] = s;
            }
        }
        IndexSort.sort(sorted, 0, leaves, (a, b) -> f[a] != f[b] ? Long.compare(f[a], f[b]) : Integer.compare(a, b));
        // nodes 0 … leaves-1 are the leaves in sorted order, then the internal nodes in creation order
        long[] weight = new long[2 * leaves - 1];
        int[] parent = new int[2 * leaves - 1];
        for (int i = 0; i < leaves; i++) {
            weight[i] = f[sorted[i]];
        }
        int nextLeaf = 0, nextInner = leaves, made = leaves;
        while (made < 2 * leaves - 1) {
            int a = nextLeaf < leaves && (nextInner >= made || weight[nextLeaf] <= weight[nextInner]) ? nextLeaf++ : nextInner++;
            int b = nextLeaf < leaves && (nextInner >= made || weight[nextLeaf] <= weight[nextInner]) ? nextLeaf++ : nextInner++;
            weight[made] = weight[a] + weight[b];
            parent[a] = made;
            parent[b] = made;
            made++;
        }
        int[] depth = new int[2 * leaves - 1];
        for (int i = 2 * leaves - 3; i >= 0; i--) { // parents come after their children
            depth[i] = depth[parent[i]] + 1;
        }
        int[] len = new int[n];
        for (int i = 0; i < leaves; i++) {
            len[sorted[i]] = depth[i];
        }
        return len;
    }

    /** The canonical codes of the lengths (RFC 1951 3.2.2), bit-reversed, as deflate sends them (first bit lowest). */
    static int[] codes(int[] lengths) {
        int[] count = new int[MAX_BITS + 1];
        for (int l : lengths) {
            count[l]++;
        }
        count[0] = 0;
        int[] next = new int[MAX_BITS + 2];
        for (int bits = 1, code = 0; bits <= MAX_BITS; bits++) {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            int l = lengths[s];
            if (l > 0) {
                codes[s] = Integer.reverse(next[l]++) >>> (32 - l);
            }
        }
        return codes;
    }

    /** Bits packed first-lowest into bytes, as deflate orders them. */
    private static final class Bits {
        private final byte[] buf;
        private int at;
        private long acc;
        private int n;

        Bits(int capacity) {
            buf = new byte[capacity];
        }

        void write(int value, int count) {
            acc |= (long) value << n;
            n += count;
            while (n >= 8) {
                buf[at++] = (byte) acc;
                acc >>>= 8;
                n -= 8;
            }
        }

        /**
         * Every byte of {@code data[from, to)} by its code: the hot loop, two symbols at a time (two codes
         * of at most 15 bits fit the accumulator's free 32) and four bytes out at a time.
         */
        void literals(byte[] data, int from, int to, int[] code, int[] len) {
            int[] packed = new int[256]; // code << 4 | length
            for (int s = 0; s < 256; s++) {
                packed[s] = code[s] << 4 | len[s];
            }
            byte[] b = buf;
            long a = acc;
            int k = n, p = at;
            int i = from;
            for (; i + 1 < to; i += 2) {
                int c1 = packed[data[i] & 0xFF], c2 = packed[data[i + 1] & 0xFF];
                a |= (long) (c1 >>> 4) << k;
                k += c1 & 15;
                a |= (long) (c2 >>> 4) << k;
                k += c2 & 15;
                if (k >= 32) {
                    INT_LE.set(b, p, (int) a);
                    p += 4;
                    a >>>= 32;
                    k -= 32;
                }
            }
            acc = a;
            n = k;
            at = p;
            write(0, 0); // whole bytes out
            if (i < to) {
                int s = data[i] & 0xFF;
                write(code[s], len[s]);
            }
        }

        void align() {
            if (n > 0) {
                write(0, 8 - n);
            }
        }

        byte[] bytes() {
            if (at != buf.length) {
                throw new IllegalStateException("block of " + at + " bytes, " + buf.length + " expected");
            }
            return buf;
        }
    }
}
