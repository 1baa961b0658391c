package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.detector.DeviceChoice;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.tiling.merge.MatchMetric;
import dev.seamline.tiling.merge.Matching;
import dev.seamline.tiling.merge.MergeStrategy;
import dev.seamline.tiling.merge.SeamRule;
import dev.seamline.tiling.merge.SoftNms;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DetectOptions} as a value: its parts, its fingerprint (that of existing journals), serialization. */
class DetectOptionsTest {

    @TempDir
    Path dir;

    private static final String SEAM = " seam=SeamRule[enabled=true, agreement=0.5, edgeTolerance=1.0]";

    /** The strings the 13-field options printed, copied from journals they wrote: resuming them must work. */
    @Test
    void fingerprintsAreThoseOfJournalsAlreadyWritten() throws Exception {
        assertEquals("tile=OptionalInt.empty overlap=128 merge=NMS metric=IOU threshold=0.5" + SEAM
                + " formats=[GEOJSON, GPKG, CSV, COCO] minScore=OptionalDouble.empty quicklook=true",
                DetectOptions.defaults().resultFingerprint());
        assertEquals("tile=OptionalInt.empty overlap=128 merge=NMS metric=IOU threshold=0.5" + SEAM
                + " formats=[GEOJSON, COCO, XVIEW] minScore=OptionalDouble[0.01] quicklook=false", preset("xview"));
        assertEquals("tile=OptionalInt[1024] overlap=200 merge=NMS metric=IOU threshold=0.5" + SEAM
                + " formats=[GEOJSON, DOTA] minScore=OptionalDouble[0.01] quicklook=false", preset("dota"));
        assertEquals("tile=OptionalInt.empty overlap=192 merge=NMS metric=IOU threshold=0.5" + SEAM
                + " formats=[GEOJSON, GPKG, CSV] minScore=OptionalDouble[0.3] quicklook=true", preset("spacenet"));
        assertEquals("tile=OptionalInt[256] overlap=32 merge=SOFT_NMS metric=IOS threshold=0.6 seam=SeamRule[enabled=false,"
                + " agreement=0.5, edgeTolerance=1.0] formats=[XVIEW, DOTA] minScore=OptionalDouble[0.25] quicklook=false"
                + " resample=false", preset(yaml("tile: 256\noverlap: 32\nmerge: soft-nms\nmatch_metric: ios\n"
                        + "match_threshold: 0.6\nseam_rule: false\nformats: [dota, xview]\nmin_score: 0.25\n"
                        + "quicklook: false\nresample: false\n")));
        assertEquals("tile=OptionalInt.empty overlap=128 merge=WBF metric=IOU threshold=0.5" + SEAM
                + " formats=[GEOJSON, GPKG, CSV, COCO] minScore=OptionalDouble.empty quicklook=true",
                preset(yaml("merge: wbf\n")));
        assertEquals("tile=OptionalInt.empty overlap=128 merge=NMM metric=IOU threshold=0.5" + SEAM
                + " formats=[GEOJSON, GPKG, CSV, COCO] minScore=OptionalDouble.empty quicklook=true",
                preset(yaml("merge: nmm\n")));
    }

    @Test
    void runtimeIsNotInTheFingerprintButAStrategyOtherThanItsMethodsDefaultsIs() {
        DetectOptions base = DetectOptions.defaults();
        assertEquals(base.resultFingerprint(),
                base.withRuntime(new RuntimeOptions(1, 1, DeviceChoice.gpu(2))).resultFingerprint());
        DetectOptions linear = base.withMerge(new MergeOptions(new SoftNms(Matching.iou(0.5), SoftNms.Decay.LINEAR, 0.5,
                0.001), SeamRule.DEFAULT));
        DetectOptions gaussian = base.withMerge(MergeOptions.of("soft-nms", MatchMetric.IOU, 0.5, SeamRule.DEFAULT));
        assertNotEquals(gaussian.resultFingerprint(), linear.resultFingerprint());
        assertTrue(linear.resultFingerprint().startsWith(gaussian.resultFingerprint() + " strategy="),
                linear.resultFingerprint());
    }

    @Test
    void javaSerializationRoundTripsEveryPart() throws Exception {
        for (DetectOptions o : List.of(DetectOptions.defaults(),
                Preset.load("dota").applyTo(DetectOptions.defaults()),
                new DetectOptions(new TilingOptions(OptionalInt.of(256), 16, false),
                        new MergeOptions(new SoftNms(Matching.ios(0.4), SoftNms.Decay.LINEAR, 0.7, 0.01), SeamRule.OFF),
                        new RuntimeOptions(2, 3, DeviceChoice.gpu(1)),
                        new OutputOptions(EnumSet.of(OutputFormat.CSV), OptionalDouble.of(0.2), false)))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            Object back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = in.readObject();
            }
            assertEquals(o, back);
            assertEquals(o.resultFingerprint(), ((DetectOptions) back).resultFingerprint());
        }
    }

    @Test
    void partsCheckTheirValuesAndMethodsHaveOneSpelling() {
        assertThrows(IllegalArgumentException.class, () -> new TilingOptions(OptionalInt.of(8), 0, true));
        assertThrows(IllegalArgumentException.class, () -> new TilingOptions(OptionalInt.of(512), 512, true));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeOptions(0, 1, DeviceChoice.CPU));
        assertThrows(IllegalArgumentException.class,
                () -> new OutputOptions(EnumSet.of(OutputFormat.CSV), OptionalDouble.of(1.5), true));
        assertThrows(IllegalArgumentException.class, () -> MergeOptions.of("nms", MatchMetric.IOU, 0, SeamRule.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> MergeOptions.of("magic", MatchMetric.IOU, 0.5, SeamRule.DEFAULT));
        for (String method : MergeStrategy.METHODS) {
            assertEquals(method, MergeOptions.of(method, MatchMetric.IOU, 0.5, SeamRule.DEFAULT).method());
        }
        assertEquals("soft-nms", MergeOptions.method(" Soft_NMS "), "the spellings the command line always took");
    }

    @Test
    void aPresetParsesTheDeviceAndRejectsABadOneNamingTheFile() throws Exception {
        assertEquals(DeviceChoice.gpu(1), Preset.load(yaml("device: gpu:1\n").toString())
                .applyTo(DetectOptions.defaults()).runtime().device());
        Path bad = yaml("device: tpu\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Preset.load(bad.toString()).applyTo(DetectOptions.defaults()));
        assertTrue(e.getMessage().startsWith(bad + ": 'device' must be"), e.getMessage());
    }

    private Path yaml(String text) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "preset", ".yaml"), text);
    }

    private static String preset(String name) throws BadInputException {
        return Preset.load(name).applyTo(DetectOptions.defaults()).resultFingerprint();
    }

    private static String preset(Path file) throws BadInputException {
        return preset(file.toString());
    }
}
