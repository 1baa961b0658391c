package dev.seamline.detector.builtin;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A test chip source: bright rectangles (class 0) and dark squares (class 1) on grey noise. */
final class ToyChips implements ChipSource {

    @Override
    public TrainingChip next(int size, SplittableRandom random) {
        byte[] px = new byte[3 * size * size];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (100 + random.nextInt(30));
        }
        List<Detection> objects = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            int cls = random.nextInt(2);
            int w = cls == 0 ? 12 + random.nextInt(8) : 10, h = cls == 0 ? 6 : 10;
            int x0 = random.nextInt(size - w), y0 = random.nextInt(size - h);
            int value = cls == 0 ? 240 : 20;
            for (int c = 0; c < 3; c++) {
                for (int y = y0; y < y0 + h; y++) {
                    for (int x = x0; x < x0 + w; x++) {
                        px[c * size * size + y * size + x] = (byte) value;
                    }
                }
            }
            objects.add(Detection.of(new Box(x0, y0, x0 + w, y0 + h), cls, 1));
        }
        PixelWindow window = new PixelWindow(0, 0, size, size);
        return new TrainingChip(new PixelBuffer(window, window, 3, SampleType.UINT8, px), objects);
    }
}
