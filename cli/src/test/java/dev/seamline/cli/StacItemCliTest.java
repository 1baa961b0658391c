package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.seamline.pipeline.TestModels;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seamline detect --format …,stac}: the STAC Item of each scene validates against the vendored
 * STAC 1.0.0 item schema and the label extension v1.0.1 schema (resources {@code stac/schemas/}, see
 * SOURCES.md there; no network), its {@code label:overviews} counts equal the run's GeoJSON features per
 * class, its footprint equals the scene corners {@code seamline info --json} prints (1e-9 degrees), and
 * its links and assets name files that exist.
 */
class StacItemCliTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final double DEG = 1e-9;

    @TempDir
    static Path shared;
    static Path model;
    static JsonSchema core;
    static JsonSchema label;
    static JsonSchemaFactory factory;

    @BeforeAll
    static void modelAndSchemas() throws Exception {
        model = TestModels.randomBuiltin(shared.resolve("model"), 0.12);
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, b -> b
                .schemaMappers(m -> m
                        .mapPrefix("https://schemas.stacspec.org/v1.0.0/", "classpath:stac/schemas/stac-spec/v1.0.0/")
                        .mapPrefix("https://stac-extensions.github.io/label/v1.0.1/", "classpath:stac/schemas/label/v1.0.1/")
                        .mapPrefix("https://geojson.org/schema/", "classpath:stac/schemas/geojson/"))
                // offline: whatever is not mapped to the classpath is refused, never fetched
                .schemaLoaders(l -> l.add(iri -> {
                    if (!iri.toString().startsWith("classpath:")) {
                        throw new IllegalStateException("schema not vendored, would be fetched: " + iri);
                    }
                    return null;
                })));
        core = factory.getSchema(SchemaLocation.of("https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json"));
        label = factory.getSchema(SchemaLocation.of("https://stac-extensions.github.io/label/v1.0.1/schema.json"));
        core.initializeValidators();
        label.initializeValidators();
    }

    @Test
    void georeferencedSceneItemValidatesCountsAndFootprint(@TempDir Path dir) throws Exception {
        Path scenes = dir.resolve("scene");
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(1280, 640, 11)), scenes, 1);
        Path scene = scenes.resolve(SceneFiles.SCENE);
        Path out = dir.resolve("out");
        CliTest.Result r = detect(scene, out, "geojson,gpkg,csv,stac", "--quicklook");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode item = JSON.readTree(out.resolve("scene.stac.json").toFile());
        assertValid(item);
        assertEquals("scene", item.get("id").asText());

        // counts: the run's GeoJSON features per class, every class of the catalog listed
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode f : JSON.readTree(out.resolve("scene.geojson").toFile()).get("features")) {
            expected.merge(f.get("properties").get("class").asText(), 1, Integer::sum);
        }
        assertFalse(expected.isEmpty(), "the model found something");
        JsonNode p = item.get("properties");
        JsonNode classes = p.get("label:classes").get(0).get("classes");
        Map<String, Integer> counted = new TreeMap<>();
        JsonNode counts = p.get("label:overviews").get(0).get("counts");
        assertEquals(classes.size(), counts.size());
        for (JsonNode c : counts) {
            if (c.get("count").asInt() > 0) {
                counted.put(c.get("name").asText(), c.get("count").asInt());
            }
        }
        assertEquals(expected, counted);
        assertEquals("vector", p.get("label:type").asText());
        assertEquals("detection", p.get("label:tasks").get(0).asText());
        assertEquals("class", p.get("label:properties").get(0).asText());
        assertTrue(p.get("mlm:name").asText().length() > 0);

        // footprint: the four corners of `seamline info --json`, in WGS84
        CliTest.Result info = CliTest.seamline("info", "--json", scene.toString());
        assertEquals(ExitCodes.OK, info.code(), info.err());
        JsonNode ll = JSON.readTree(info.out()).get(scene.toString()).get("cornersLonLat");
        List<double[]> corners = new ArrayList<>();
        for (String k : List.of("upperLeft", "lowerLeft", "lowerRight", "upperRight")) {
            corners.add(new double[] {ll.get(k).get(0).asDouble(), ll.get(k).get(1).asDouble()});
        }
        JsonNode ring = item.get("geometry").get("coordinates").get(0);
        assertEquals(5, ring.size());
        assertEquals(ring.get(0), ring.get(4), "closed ring");
        for (double[] c : corners) {
            int matches = 0;
            for (int i = 0; i < 4; i++) {
                if (Math.abs(ring.get(i).get(0).asDouble() - c[0]) <= DEG && Math.abs(ring.get(i).get(1).asDouble() - c[1]) <= DEG) {
                    matches++;
                }
            }
            assertEquals(1, matches, "corner " + c[0] + "," + c[1] + " in " + ring);
        }
        assertTrue(signedArea(ring) > 0, "counter-clockwise (RFC 7946)");
        JsonNode bbox = item.get("bbox");
        assertEquals(corners.stream().mapToDouble(c -> c[0]).min().getAsDouble(), bbox.get(0).asDouble(), DEG);
        assertEquals(corners.stream().mapToDouble(c -> c[1]).min().getAsDouble(), bbox.get(1).asDouble(), DEG);
        assertEquals(corners.stream().mapToDouble(c -> c[0]).max().getAsDouble(), bbox.get(2).asDouble(), DEG);
        assertEquals(corners.stream().mapToDouble(c -> c[1]).max().getAsDouble(), bbox.get(3).asDouble(), DEG);

        // links and assets: the scene and every output of the scene, relative to the item
        JsonNode source = item.get("links").get(0);
        assertEquals("source", source.get("rel").asText());
        assertTrue(Files.isSameFile(scene, Path.of(java.net.URI.create(source.get("href").asText()))), source.toString());
        Set<String> keys = new java.util.TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.get("assets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> a = it.next();
            keys.add(a.getKey());
            String href = a.getValue().get("href").asText();
            Path file = href.startsWith("file:") ? Path.of(java.net.URI.create(href)) : out.resolve(href);
            assertTrue(Files.isRegularFile(file), a.toString());
            assertEquals(!a.getKey().equals("model"), href.startsWith("./"), "outputs relative, the model absolute: " + href);
        }
        assertEquals(Set.of("geojson", "gpkg", "csv", "quicklook", "model"), keys);
        assertTrue(item.get("assets").get("model").get("file:checksum").asText().matches("1220[0-9a-f]{64}"));
    }

    @Test
    void sceneWithoutGeoreferencingHasNullGeometryAndNoBbox(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(3);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        Path scene = dir.resolve("plain.png");
        ImageIO.write(img, "png", scene.toFile());
        Path out = dir.resolve("out");
        CliTest.Result r = detect(scene, out, "stac", "--no-quicklook");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode item = JSON.readTree(out.resolve("plain.stac.json").toFile());
        assertValid(item);
        assertTrue(item.get("geometry").isNull());
        assertFalse(item.has("bbox"));
        assertEquals(Set.of("model"), fieldNames(item.get("assets")), "no other output was asked for");
    }

    @Test
    void schemasRejectABrokenItem() throws Exception {
        JsonNode broken = JSON.readTree("{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"x\","
                + "\"stac_extensions\":[\"https://stac-extensions.github.io/label/v1.0.1/schema.json\"],"
                + "\"geometry\":null,\"links\":[],\"assets\":{},\"properties\":{\"datetime\":null,"
                + "\"label:type\":\"points\",\"label:properties\":[\"class\"],\"label:description\":\"d\"}}");
        assertFalse(core.validate(broken).isEmpty(), "datetime null without start/end");
        assertFalse(label.validate(broken).isEmpty(), "label:type must be raster or vector");
    }

    @Test
    void anUnvendoredSchemaIsRefusedNotFetched() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> factory.getSchema(SchemaLocation.of("https://stac-extensions.github.io/mlm/v1.5.2/schema.json")));
        assertTrue(String.valueOf(e.getMessage()).contains("not vendored") || String.valueOf(e.getCause()).contains("not vendored"),
                e.toString());
    }

    private static void assertValid(JsonNode item) {
        Set<ValidationMessage> errors = core.validate(item);
        assertTrue(errors.isEmpty(), "STAC item 1.0.0: " + errors + "\n" + item.toPrettyString());
        errors = label.validate(item);
        assertTrue(errors.isEmpty(), "label extension v1.0.1: " + errors);
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static double signedArea(JsonNode ring) {
        double s = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            s += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble()
                    - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
        }
        return s;
    }

    private static CliTest.Result detect(Path scene, Path out, String formats, String... more) {
        List<String> args = new ArrayList<>(List.of("detect", scene.toString(), "--model", model.toString(), "--out",
                out.toString(), "--format", formats, "--batch", "2", "--device", "cpu"));
        args.addAll(List.of(more));
        return CliTest.seamline(args.toArray(String[]::new));
    }
}
