package dev.seamline.detector;

import dev.seamline.core.PixelBuffer;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.List;

/**
 * A batch of tiles whose normalised float32 input tensor {@link Detector#prepare} built ahead of the
 * forward pass: reads as the tiles themselves, and carries the tensor's values ({@code [B, C, H, W]},
 * native byte order, direct so that PyTorch reads it in place). The buffer goes back to the
 * detector's pool once the batch has been detected, so a prepared batch is detected once.
 */
final class PreparedTiles extends AbstractList<PixelBuffer> {

    private final List<PixelBuffer> tiles;
    private final ByteBuffer buffer;
    private final Detector owner;

    PreparedTiles(List<PixelBuffer> tiles, ByteBuffer buffer, Detector owner) {
        this.tiles = List.copyOf(tiles);
        this.buffer = buffer;
        this.owner = owner;
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
