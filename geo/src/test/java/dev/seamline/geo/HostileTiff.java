package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelWindow;
import dev.seamline.testkit.Corpus;
import java.nio.file.Path;

/**
 * What the corpus, allocation and fuzz tests do with a hostile TIFF: everything a user of a
 * {@link Scene} can do with it. Open (the CRS built too), ask for every piece of information, then read
 * every block — at most {@value #MAX_BLOCKS} blocks, each read as a window of at most {@value #MAX_SIDE}²
 * pixels at the block's top-left corner (which still decodes the whole block), all bands when there are
 * up to 4, else the first, middle and last (the window buffer is the caller's to size: a pipeline reads
 * its model's bands, not all 10,000 a file may declare).
 */
final class HostileTiff {

    static final int MAX_BLOCKS = 4096, MAX_SIDE = 256;

    private HostileTiff() {
    }

    /** Opens, describes and reads {@code p}; returns the number of blocks read. Throws what Seamline throws. */
    static int exercise(Path p) throws Exception {
        try (Scene s = Scene.open(p, 8)) {
            String info = s.toString() + s.width() + s.height() + s.bandCount() + s.sampleType() + s.nodata()
                    + s.blockLayout() + s.compression() + s.isBigTiff() + s.georeferencing() + s.groundSampleDistance();
            assertTrue(!info.isEmpty());
            BlockLayout l = s.blockLayout();
            int n = s.bandCount();
            int[] bands = n <= 4 ? java.util.stream.IntStream.range(0, n).toArray() : new int[] {0, n / 2, n - 1};
            long across = (s.width() + (long) l.blockWidth() - 1) / l.blockWidth();
            long down = (s.height() + (long) l.blockHeight() - 1) / l.blockHeight();
            int read = 0;
            for (long by = 0; by < down && read < MAX_BLOCKS; by++) {
                for (long bx = 0; bx < across && read < MAX_BLOCKS; bx++) {
                    int x = (int) (bx * l.blockWidth()), y = (int) (by * l.blockHeight());
                    int w = (int) Math.min(Math.min(l.blockWidth(), MAX_SIDE), s.width() - (long) x);
                    int h = (int) Math.min(Math.min(l.blockHeight(), MAX_SIDE), s.height() - (long) y);
                    s.read(new PixelWindow(x, y, w, h), bands);
                    read++;
                }
            }
            return read;
        }
    }

    /** The bytes allocated so far by the calling thread. */
    static long allocatedBytes() {
        return Corpus.allocatedBytes();
    }

    /** A BadInputException as the user sees it: one line, starting with the file. */
    static void assertOneLineNamingFile(BadInputException e, Path p) {
        Corpus.assertOneLine(e.getMessage(), p + ": ", "");
    }
}
