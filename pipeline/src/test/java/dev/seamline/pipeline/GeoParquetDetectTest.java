package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.builtin.BuiltinModel;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --format geojson,geoparquet} on two synthetic scenes with the built-in model: DuckDB
 * reads the run's dataset ({@code geoparquet/*.parquet}) with every detection of the run, the GeoJSON's
 * coordinates to 1e-9°, and the model's name and sha256 on every row.
 */
class GeoParquetDetectTest {

    @TempDir
    Path dir;

    @Test
    void theRunsDatasetHoldsEveryDetectionAtTheGeoJsonsCoordinates() throws Exception {
        List<Path> scenes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SceneFiles.write(SyntheticScene.of(SceneSpec.of(512, 512, 11 + i)), dir.resolve("s" + i), 1);
            Path scene = dir.resolve("s" + i).resolve("scene" + i + ".tif");
            Files.move(dir.resolve("s" + i).resolve(SceneFiles.SCENE), scene);
            scenes.add(scene);
        }
        ModelBundle model = ModelBundle.load(BuiltinModel.bundle());
        Path out = dir.resolve("out");
        DetectOptions options = DetectOptions.defaults()
                .withFormats(EnumSet.of(OutputFormat.GEOJSON, OutputFormat.GEOPARQUET)).withQuicklook(false);
        RunSummary run = Seamline.detect(scenes, model, options, out,
                Seamline.RunControl.FRESH, ProgressListener.NONE);
        assertTrue(run.failures().isEmpty(), () -> run.failures().toString());

        ObjectMapper json = new ObjectMapper();
        List<double[]> rings = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (JsonNode f : json.readTree(out.resolve("scene" + i + ".geojson").toFile()).get("features")) {
                JsonNode ring = f.get("geometry").get("coordinates").get(0);
                double[] r = new double[ring.size() * 2];
                for (int k = 0; k < ring.size(); k++) {
                    r[2 * k] = ring.get(k).get(0).asDouble();
                    r[2 * k + 1] = ring.get(k).get(1).asDouble();
                }
                rings.add(r);
            }
        }
        assertTrue(rings.size() > 5, "detections found: " + rings.size());

        String glob = out.resolve("geoparquet").toString().replace("'", "''") + "/*.parquet";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT geometry::BLOB, model, model_sha256, scene_id FROM read_parquet('"
                        + glob + "', filename = true, file_row_number = true) ORDER BY filename, file_row_number")) {
            int row = 0;
            while (rs.next()) {
                ByteBuffer bb = ByteBuffer.wrap(rs.getBytes(1)).order(ByteOrder.LITTLE_ENDIAN);
                bb.position(9);
                double[] ref = rings.get(row);
                assertEquals(ref.length / 2, bb.getInt());
                for (double v : ref) {
                    assertEquals(v, bb.getDouble(), 1e-9);
                }
                assertEquals(model.name(), rs.getString(2));
                assertEquals(model.weightsSha256(), rs.getString(3));
                assertTrue(rs.getString(4).startsWith("scene"));
                row++;
            }
            assertEquals(rings.size(), row);
        }
    }
}
