package dev.seamline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.MergeOptions;
import dev.seamline.pipeline.Preset;
import dev.seamline.pipeline.SceneResult;
import dev.seamline.pipeline.ScenePlan;
import dev.seamline.pipeline.SceneRows;
import dev.seamline.tiling.Overlap;
import dev.seamline.tiling.TileLayout;
import dev.seamline.tiling.EdgePolicy;
import dev.seamline.tiling.merge.Matching;
import dev.seamline.tiling.merge.SeamRule;
import dev.seamline.tiling.merge.WeightedBoxFusion;
import dev.seamline.tiling.merge.BandMerge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * Every value the job ships between driver and tasks survives Java serialization and Spark's own
 * serializer equal to itself.
 */
class ShippedValuesSerializationTest {

    @Test
    void everyShippedValueRoundTrips() throws Exception {
        ScenePlan plan = new ScenePlan(2048, 1024, 512, 128, 512, false);
        Detection axis = new Detection(new Box(1.5, 2.25, 30, 40.125), null, 2, 0.75);
        Detection oriented = new Detection(new Box(0, 0, 10, 10), new OrientedBox(5, 5, 8, 4, 0.3), 1, 0.5);
        BandTask task = new BandTask(3, "/data/a.tif", plan, 1, 4, 2, 5);
        DetectOptions options = Preset.load("dota").applyTo(DetectOptions.defaults()).withQuicklook(false)
                .withMerge(new MergeOptions(new WeightedBoxFusion(Matching.iou(0.55), 1), SeamRule.OFF))
                .withFormats(EnumSet.of(OutputFormat.GPKG, OutputFormat.DOTA));
        List<Object> values = List.of(plan, axis, oriented, task, options, Bands.AUTO, new Bands(7),
                new TileLayout(512, Overlap.ofFraction(0.2), EdgePolicy.SHIFT_INSIDE),
                new SceneRows.TileDetections(9, false, List.of(axis, oriented)),
                new BandMerge.Part(List.of(new BandMerge.Merged(2, axis)), List.of(new BandMerge.Raw(9, 1, oriented))),
                new BandOutput(task, new BandMerge.Part(List.of(new BandMerge.Merged(2, axis)),
                        List.of(new BandMerge.Raw(9, 1, oriented))), 3, 40, "", false, 1.5, 0.25),
                new SparkDetect.BandStats(1, 0.5, 81, 700, 30, 600),
                new SceneOutcome(3, "/data/a.tif", SceneResult.Status.DONE, "", 40, 2, new TreeMap<>(Map.of("car", 3)),
                        1.25, new LinkedHashMap<>(Map.of("total", 2.0)), 1, 12),
                new SparkDetect.Request(List.of("/data/a.tif"), "/models/m", options, "/out", new Bands(3), true,
                        Map.of("a.tif", 7L), Set.of("0:1")),
                new SparkDetect.Stats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13));
        SerializerInstance spark = new JavaSerializer(new SparkConf()).newInstance();
        for (Object v : values) {
            assertEquals(v, javaRoundTrip(v), v.getClass().getName());
            Object back = spark.deserialize(spark.serialize(v, ClassTag$.MODULE$.AnyRef()), ClassTag$.MODULE$.AnyRef());
            assertEquals(v, back, v.getClass().getName());
        }
    }

    private static Object javaRoundTrip(Object v) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
