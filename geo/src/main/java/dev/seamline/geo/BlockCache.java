package dev.seamline.geo;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A bounded least-recently-used cache of decoded blocks shared by the readers of one scene, so
 * overlapping windows do not decode the same block twice (GDAL keeps such a cache too). A block
 * being decoded by one thread is waited for, not decoded again, by the others. Thread-safe.
 * Package-private.
 */
final class BlockCache {

    /** Decodes one block into its primitive array. */
    interface Loader {
        Object load(long key) throws Exception;
    }

    private final long maxBytes;
    private final LinkedHashMap<Long, Object> lru = new LinkedHashMap<>(64, 0.75f, true);
    private final ConcurrentHashMap<Long, FutureTask<Object>> loading = new ConcurrentHashMap<>();
    private long bytes;

    BlockCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Object get(long key, Loader loader) throws Exception {
        synchronized (lru) {
            Object hit = lru.get(key);
            if (hit != null) {
                return hit;
            }
        }
        if (maxBytes <= 0) {
            return loader.load(key);
        }
        FutureTask<Object> mine = new FutureTask<>(() -> loader.load(key));
        FutureTask<Object> task = loading.putIfAbsent(key, mine);
        if (task == null) {
            task = mine;
            try {
                mine.run();
                Object value = mine.get();
                put(key, value);
            } catch (ExecutionException e) {
                // reported below
            } finally {
                loading.remove(key, mine);
            }
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) {
                throw ex;
            }
            throw (Error) c;
        }
    }

    private void put(long key, Object value) {
        long size = sizeOf(value);
        synchronized (lru) {
            Object old = lru.put(key, value);
            if (old != null) {
                bytes -= sizeOf(old);
            }
            bytes += size;
            Iterator<Map.Entry<Long, Object>> it = lru.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<Long, Object> e = it.next();
                if (e.getKey() == key) {
                    continue;
                }
                bytes -= sizeOf(e.getValue());
                it.remove();
            }
        }
    }

    void clear() {
        synchronized (lru) {
            lru.clear();
            bytes = 0;
        }
    }

    static long sizeOf(Object a) {
        if (a instanceof byte[] b) {
            return b.length;
        } else if (a instanceof short[] s) {
            return 2L * s.length;
        } else if (a instanceof int[] i) {
            return 4L * i.length;
        } else if (a instanceof float[] f) {
            return 4L * f.length;
        } else if (a instanceof double[] d) {
            return 8L * d.length;
        }
        return 16;
    }
}
