package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link TileResampler} against PyTorch's antialiased bilinear resize (the reference; fixture made by
 * {@code src/test/resources/dev/seamline/pipeline/resample/make_fixtures.py}), and the mapping of
 * model-pixel detections back to scene pixels.
 */
class TileResamplerTest {

    @Test
    void matchesTorchAntialiasedBilinearUpAndDown() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("resample/resample_cases.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int w = root.get("width").asInt();
        int h = root.get("height").asInt();
        int bands = root.get("bands").asInt();
        byte[] data = new byte[bands * w * h];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) root.get("input").get(i).asInt();
        }
        // a window anywhere in the scene: the output depends only on the pixels
        PixelWindow window = new PixelWindow(1000, 2000, w, h);
        PixelBuffer tile = new PixelBuffer(window, window, bands, SampleType.UINT8, data);
        int cases = 0;
        for (JsonNode c : root.get("cases")) {
            int ow = c.get("out_width").asInt();
            int oh = c.get("out_height").asInt();
            PixelBuffer out = TileResampler.resample(tile, ow, oh);
            assertEquals(new PixelWindow(0, 0, ow, oh), out.window());
            assertEquals(new PixelWindow(0, 0, ow, oh), out.valid());
            float[] got = out.asFloats();
            JsonNode expected = c.get("values");
            assertEquals(expected.size(), got.length);
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(got[i] - expected.get(i).asDouble()));
            }
            assertEquals(0, worst, 2e-3, "largest difference to torch for " + w + "x" + h + " -> " + ow + "x" + oh);
            cases++;
        }
        assertEquals(6, cases);
    }

    @Test
    void sixteenBitSamplesAreUnsigned() {
        PixelWindow window = new PixelWindow(0, 0, 2, 1);
        short[] data = {(short) 60000, (short) 60000};
        PixelBuffer out = TileResampler.resample(new PixelBuffer(window, window, 1, SampleType.UINT16, data), 4, 2);
        for (float v : out.asFloats()) {
            assertEquals(60000f, v, 1e-2f);
        }
    }

    @Test
    void aConstantImageStaysConstantAtEveryScale() {
        PixelWindow window = new PixelWindow(0, 0, 37, 23);
        byte[] data = new byte[37 * 23];
        java.util.Arrays.fill(data, (byte) 200);
        for (int[] size : new int[][] {{74, 46}, {9, 6}, {50, 11}, {1, 1}}) {
            PixelBuffer out = TileResampler.resample(new PixelBuffer(window, window, 1, SampleType.UINT8, data),
                    size[0], size[1]);
            for (float v : out.asFloats()) {
                assertEquals(200f, v, 1e-3f);
            }
        }
    }

    @Test
    void theValidPartScalesOutwards() {
        // a 10 x 8 window reaching 3 px past the scene's right edge and 2 px past its bottom
        PixelWindow window = new PixelWindow(100, 50, 10, 8);
        PixelWindow valid = new PixelWindow(100, 50, 7, 6);
        PixelBuffer out = TileResampler.resample(new PixelBuffer(window, valid, 1, SampleType.UINT8, new byte[80]), 20,
                16);
        assertEquals(new PixelWindow(0, 0, 14, 12), out.valid());
    }

    @Test
    void detectionsMapBackCornerToCorner() {
        // a 256-px scene window at (1000, 500) upsampled to 512 model px: 0.5 scene px per model px
        PixelWindow window = new PixelWindow(1000, 500, 256, 256);
        Detection d = Detection.of(new Box(100, 40, 120, 50), 2, 0.9);
        Detection s = TileResampler.toScene(d, window, 0.5, 0.5);
        assertEquals(new Box(1050, 520, 1060, 525), s.box());
        assertEquals(2, s.classId());
        assertEquals(0.9, s.score());
        // the model's whole input is the whole window
        assertEquals(window.toBox(), TileResampler.toScene(Detection.of(new Box(0, 0, 512, 512), 0, 1), window, 0.5, 0.5)
                .box());
        Detection o = Detection.of(new OrientedBox(10, 20, 8, 4, 0.3), 1, 0.5);
        Detection so = TileResampler.toScene(o, window, 2, 2);
        OrientedBox ob = so.orientedBox().orElseThrow();
        assertEquals(1020, ob.cx(), 1e-12);
        assertEquals(540, ob.cy(), 1e-12);
        assertEquals(16, ob.width(), 1e-12);
        assertEquals(8, ob.height(), 1e-12);
        assertEquals(0.3, ob.angle(), 1e-12);
        assertEquals(ob.bounds(), so.box());
    }
}
