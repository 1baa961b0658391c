package dev.seamline.detector;

import dev.seamline.core.PixelBuffer;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.List;

/**
 * A batch of tiles whose input tensor {@link Detector#prepare} built ahead of the forward pass: reads
 * as the tiles themselves, and carries the tensor's values ({@code [B, C, H, W]}, direct so that
 * PyTorch reads it in place): normalised float32 in native byte order, or ({@link #raw()}) the 8-bit
 * samples, zero-padded, that the engine converts and normalises on the device. The tensor may hold
 * blank tiles after these ({@link #forwardSize()}), whose detections are dropped. The buffer goes back
 * to the detector's pool once the batch has been detected, so a prepared batch is detected once.
 */
final class PreparedTiles extends AbstractList<PixelBuffer> {

    private final List<PixelBuffer> tiles;
    private final ByteBuffer buffer;
    private final Detector owner;
    private final boolean raw;
    private final int forwardSize;

    PreparedTiles(List<PixelBuffer> tiles, int forwardSize, ByteBuffer buffer, Detector owner, boolean raw) {
        this.tiles = List.copyOf(tiles);
        this.forwardSize = forwardSize;
        this.buffer = buffer;
        this.owner = owner;
        this.raw = raw;
    }

    /** Tiles in the tensor: these, then blank ones up to the detector's forward size. */
    int forwardSize() {
        return forwardSize;
    }

    /** True when the buffer holds 8-bit samples, not normalised float32. */
    boolean raw() {
        return raw;
    }

    @Override
    public PixelBuffer get(int index) {
        return tiles.get(index);
    }

    @Override
    public int size() {
        return tiles.size();
    }

    /** The tensor's values, positioned at 0. */
    ByteBuffer buffer() {
        return buffer.duplicate().order(buffer.order()).rewind();
    }

    ByteBuffer rawBuffer() {
        return buffer;
    }

    Detector owner() {
        return owner;
    }
}
