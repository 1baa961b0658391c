package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared cache of decoded blocks: holds, array reuse, one decode per block, and its sweep-aware eviction. */
class BlockCacheTest {

    private static final int BLOCK = 1000; // bytes per block in these tests

    private static byte[] filled(int key) {
        byte[] a = new byte[BLOCK];
        Arrays.fill(a, (byte) key);
        return a;
    }

    @Test
    void aHeldBlockOutlivesItsEvictionAndIsThenReused() throws Exception {
        BlockCache cache = new BlockCache(3 * BLOCK);
        BlockCache.Block held = cache.acquire(1, false, (k, recycled) -> filled(k));
        byte[] heldArray = (byte[]) held.data;
        List<Object> recycledSeen = new ArrayList<>();
        for (int k = 2; k <= 6; k++) { // evicts block 1 while it is held
            BlockCache.Block b = cache.acquire(k, false, (key, recycled) -> {
                recycledSeen.add(recycled);
                byte[] a = recycled instanceof byte[] r && r.length == BLOCK ? r : new byte[BLOCK];
                Arrays.fill(a, (byte) key);
                return a;
            });
            cache.release(b);
        }
        assertTrue(cache.cachedBytes() <= 3 * BLOCK, "the cache keeps its bound");
        assertArrayEquals(filled(1), heldArray, "an evicted block stays intact while held");
        assertTrue(recycledSeen.stream().noneMatch(r -> r == heldArray), "a held array is never handed to a decoder");
        assertTrue(recycledSeen.stream().anyMatch(r -> r != null), "evicted arrays are reused");
        cache.release(held);
        Object[] got = new Object[1];
        cache.release(cache.acquire(7, false, (k, recycled) -> {
            got[0] = recycled;
            return recycled;
        }));
        // the pool is first-in first-out: drain it until block 1's array comes back
        Set<Object> handed = new HashSet<>();
        handed.add(got[0]);
        for (int k = 8; k < 30 && !handed.contains(heldArray); k++) {
            cache.release(cache.acquire(k, false, (key, recycled) -> {
                handed.add(recycled);
                return recycled == null ? new byte[BLOCK] : recycled;
            }));
        }
        assertTrue(handed.contains(heldArray), "once released, the evicted block's array is reused");
    }

    @Test
    void concurrentReadersOfOneBlockDecodeItOnce() throws Exception {
        BlockCache cache = new BlockCache(10 * BLOCK);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1), go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> got = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                got.add(pool.submit(() -> {
                    BlockCache.Block b = cache.acquire(5, false, (k, r) -> {
                        loads.incrementAndGet();
                        started.countDown();
                        go.await();
                        return filled(k);
                    });
                    try {
                        return ((byte[]) b.data).clone();
                    } finally {
                        cache.release(b);
                    }
                }));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(100); // let the others find the decode under way
            go.countDown();
            for (Future<byte[]> f : got) {
                assertArrayEquals(filled(5), f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, loads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedDecodeReachesItsCallerAndIsTriedAgainLater() throws Exception {
        BlockCache cache = new BlockCache(10 * BLOCK);
        IOException boom = new IOException("boom");
        assertSame(boom, assertThrows(IOException.class, () -> cache.acquire(3, false, (k, r) -> {
            throw boom;
        })));
        BlockCache.Block b = cache.acquire(3, false, (k, r) -> filled(k));
        assertArrayEquals(filled(3), (byte[]) b.data);
        cache.release(b);
    }

    /**
     * The bench's sweep scaled down: 1024-px windows with 128 px overlap over 256-px blocks of a
     * 40,000² scene, row of windows after row of windows, through a cache of 334 blocks (64 MB of
     * 196 KB RGB tiles). Keeping each window's bottom block row decodes each block about once; plain
     * LRU (no block marked) decodes far more.
     */
    @Test
    void keepingTheBottomBlockRowSparesDecodingItAgain() throws Exception {
        int size = 40_000, tile = 1024, step = 896, bs = 256, across = (size + bs - 1) / bs;
        int unique = across * across;
        long withKeep = sweep(size, tile, step, bs, across, true);
        long lru = sweep(size, tile, step, bs, across, false);
        assertTrue(withKeep <= unique * 1.02, withKeep + " decodes for " + unique + " blocks");
        assertTrue(lru > unique * 1.2, "plain LRU: " + lru + " decodes for " + unique + " blocks");
    }

    private static long sweep(int size, int tile, int step, int bs, int across, boolean markBottomRow) throws Exception {
        BlockCache cache = new BlockCache(334L * BLOCK);
        AtomicInteger loads = new AtomicInteger();
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s < size - tile; s += step) {
            starts.add(s);
        }
        starts.add(size - tile);
        for (int y : starts) {
            for (int x : starts) {
                int by1 = (y + tile - 1) / bs;
                for (int by = y / bs; by <= by1; by++) {
                    for (int bx = x / bs; bx <= (x + tile - 1) / bs; bx++) {
                        boolean keep = markBottomRow && by == by1 && (by + 1) * bs < size;
                        BlockCache.Block b = cache.acquire(by * across + bx, keep, (k, r) -> {
                            loads.incrementAndGet();
                            return r != null ? r : new byte[BLOCK];
                        });
                        cache.release(b);
                    }
                }
            }
        }
        return loads.get();
    }
}
