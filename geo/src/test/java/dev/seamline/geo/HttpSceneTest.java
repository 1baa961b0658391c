package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.geo.write.GeoTiffLayout;
import dev.seamline.geo.write.GeoTiffOptions;
import dev.seamline.geo.write.GeoTiffWriter;
import dev.seamline.testkit.RangeServer;
import dev.seamline.testkit.RangeServer.Behaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TIFFs over HTTP from a loopback {@link RangeServer}: the pixels and georeferencing of GDAL's fixtures
 * equal the same files read from disk; adjacent blocks come in one request; requests in flight stay
 * bounded; 5xx answers are retried; every hostile answer is one line naming the URL.
 */
class HttpSceneTest {

    @TempDir
    static Path dir;

    /** 1024² × 3 bands of noise in 256² DEFLATE tiles (≈ 3 MB: every byte costs). */
    private static Path noise;

    @BeforeAll
    static void writeNoise() throws Exception {
        noise = dir.resolve("noise.tif");
        GeoTiffLayout layout = GeoTiffLayout.of(1024, 1024, 3, SampleType.UINT8, 256);
        Random rnd = new Random(7);
        try (GeoTiffWriter w = GeoTiffWriter.create(noise, layout, GeoTiffOptions.defaults().withDeflateLevel(1))) {
            for (int row = 0; row < layout.tileRows(); row++) {
                List<PixelBuffer> tiles = new ArrayList<>();
                for (int col = 0; col < layout.tileColumns(); col++) {
                    byte[] px = new byte[256 * 256 * 3];
                    rnd.nextBytes(px);
                    PixelWindow tw = new PixelWindow(col * 256, row * 256, 256, 256);
                    tiles.add(new PixelBuffer(tw, tw, 3, SampleType.UINT8, px));
                }
                w.writeRow(row, tiles);
            }
            w.finish();
        }
    }

    @AfterEach
    void clearSettings() {
        System.clearProperty("seamline.http.timeout");
        System.clearProperty("seamline.http.attempts");
        System.clearProperty("seamline.http.connections");
        System.clearProperty("seamline.http.headers");
    }

    @TestFactory
    Stream<DynamicTest> gdalFixturesReadOverHttpEqualTheFiles() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(Fixtures.resource("made"))) {
            List<String> names = List.of("cog.tif", "bigtiff_small.tif", "striped_lzw.tif", "uint16_4band_planar_be.tif",
                    "float32_pred3.tif", "packbits_int16.tif");
            for (Path p : s.filter(f -> names.contains(f.getFileName().toString())).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    try (RangeServer server = RangeServer.serve(p); Scene local = Scene.open(p);
                            Scene remote = Scene.open(ScenePaths.of(server.url()))) {
                        assertEquals(local.toString(), remote.toString());
                        assertEquals(local.georeferencing().map(Georeferencing::toString),
                                remote.georeferencing().map(Georeferencing::toString));
                        PixelWindow all = new PixelWindow(-3, -5, local.width() + 9, local.height() + 7);
                        int[] bands = IntStream.range(0, local.bandCount()).toArray();
                        assertEquals(Fixtures.digest(local.read(all, bands)), Fixtures.digest(remote.read(all, bands)));
                        assertEquals(server.requests(), remote.transfers().orElseThrow().requests());
                        assertTrue(local.transfers().isEmpty());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void aJpegCompressedTiffAndAPngAreRefusedOverHttpInOneLine() throws Exception {
        for (String name : List.of("made/jpeg_tiled.tif", "images/grey4.png")) {
            Path p = Fixtures.resource(name);
            if (!Files.exists(p)) {
                continue;
            }
            try (RangeServer server = RangeServer.serve(p)) {
                BadInputException e = assertThrows(BadInputException.class, () -> Scene.open(ScenePaths.of(server.url())));
                assertTrue(e.getMessage().startsWith(server.url() + ": ") && e.getMessage().contains("only from a local file"),
                        e.getMessage());
            }
        }
    }

    @Test
    void adjacentTilesComeInOneRequestPerTileRow() throws Exception {
        try (RangeServer server = RangeServer.serve(noise); Scene local = Scene.open(noise);
                Scene remote = Scene.open(ScenePaths.of(server.url()))) {
            long opened = server.requests();
            assertTrue(opened <= 2, "the header and the directory at the end: " + opened);
            PixelWindow w = new PixelWindow(0, 0, 1024, 512); // 4 × 2 tiles, each row of 4 contiguous in the file
            assertArrayEquals((byte[]) local.read(w, new int[] {0, 1, 2}).data(), (byte[]) remote.read(w, new int[] {0, 1, 2}).data());
            assertEquals(1, server.requests() - opened, "the two tile rows follow each other in the file: one request");
            long before = server.requests();
            remote.read(new PixelWindow(100, 100, 300, 300), new int[] {0}); // all cached
            assertEquals(before, server.requests());
            assertTrue(server.bytesServed() < Files.size(noise) * 0.6, server.bytesServed() + " of " + Files.size(noise));
        }
    }

    @Test
    void concurrentReadsUseAtMostTheConfiguredConnections() throws Exception {
        System.setProperty("seamline.http.connections", "2");
        try (RangeServer server = RangeServer.serve(noise); Scene local = Scene.open(noise);
                Scene remote = Scene.open(ScenePaths.of(server.url()), 0)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> jobs = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    PixelWindow w = new PixelWindow((i % 4) * 256, (i / 4) * 256, 256, 256);
                    jobs.add(pool.submit(() -> java.util.Arrays.equals((byte[]) local.read(w, new int[] {0, 1, 2}).data(),
                            (byte[]) remote.read(w, new int[] {0, 1, 2}).data())));
                }
                for (Future<Boolean> f : jobs) {
                    assertTrue(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(server.maxInFlight() <= 2, "in flight at once: " + server.maxInFlight());
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        try (RangeServer server = RangeServer.serve(noise).unavailableFor(2); Scene s = Scene.open(ScenePaths.of(server.url()))) {
            assertEquals(1024, s.width());
            assertTrue(server.requests() >= 3, "two 503s, then the header: " + server.requests());
        }
        System.setProperty("seamline.http.attempts", "2");
        try (RangeServer server = RangeServer.serve(noise).unavailableFor(5)) {
            BadInputException e = assertThrows(BadInputException.class, () -> Scene.open(ScenePaths.of(server.url())));
            assertEquals(server.url() + ": HTTP 503 from the server (2 attempts)", e.getMessage());
        }
    }

    @Test
    void headersFromTheEnvironmentGoWithEveryRequest() throws Exception {
        System.setProperty("seamline.http.headers", "Authorization: Bearer s3cr3t\nX-Tenant:  blue ");
        try (RangeServer server = RangeServer.serve(noise); Scene s = Scene.open(ScenePaths.of(server.url()))) {
            s.read(new PixelWindow(0, 0, 10, 10), new int[] {0});
            for (Map<String, String> h : server.requestHeaders()) {
                assertEquals("Bearer s3cr3t", h.get("authorization"));
                assertEquals("blue", h.get("x-tenant"));
            }
        }
        BadInputException e = assertThrows(BadInputException.class, () -> HttpByteSource.Settings.parseHeaders("Authorization Bearer x"));
        assertEquals("SEAMLINE_HTTP_HEADERS: line 1: expected 'Name: value'", e.getMessage());
        e = assertThrows(BadInputException.class, () -> HttpByteSource.Settings.parseHeaders("\nRange: bytes=0-1"));
        assertTrue(e.getMessage().startsWith("SEAMLINE_HTTP_HEADERS: line 2: header 'Range' is set by Seamline itself"), e.getMessage());
    }

    @Test
    void aRedirectOnTheSameHostIsFollowed() throws Exception {
        try (RangeServer server = RangeServer.serve(noise).behave(Behaviour.REDIRECT_SAME_HOST); Scene local = Scene.open(noise);
                Scene remote = Scene.open(ScenePaths.of(server.url()))) {
            PixelWindow w = new PixelWindow(500, 500, 300, 300);
            assertArrayEquals((byte[]) local.read(w, new int[] {1}).data(), (byte[]) remote.read(w, new int[] {1}).data());
        }
    }

    /** The line each hostile server gets, after the URL and ": ". */
    private static String expected(Behaviour b) {
        return switch (b) {
            case IGNORE_RANGES -> "the server ignores range requests (it answered HTTP 200 with the whole file to a request for bytes 0-16383)";
            case WRONG_CONTENT_RANGE -> "the server answered bytes 100-16483 to a request for bytes 0-16383 (a wrong Content-Range)";
            case SHORT_BODY -> "the connection failed (the body ended after ";
            case SHORT_CONTENT_LENGTH -> "the server declares a body of 8192 bytes for bytes 0-16383 (16384 bytes)";
            case TRICKLE -> "no complete answer within 1 s (a stalled or trickling server) (2 attempts)";
            case GIGANTIC_SIZE -> "the server declares a size of 4611686018427387904 bytes (more than 16 TiB): refused";
            case REDIRECT_OTHER_HOST -> "the server redirects to another host (http://localhost:";
            case NOT_FOUND -> "HTTP 404 (no such file on the server)";
            case FORBIDDEN -> "HTTP 403 (a private server: give its credentials as a header in SEAMLINE_HTTP_HEADERS)";
            default -> throw new IllegalArgumentException(b.toString());
        };
    }

    /** The JDK's client reports a body cut short on the body or on the response, by timing: one wording for both. */
    @Test
    void aBodyCutShortReadsTheSameWhicheverWayTheClientReportsIt() {
        assertEquals("the body ended after 8192 of 16384 bytes (fixed content-length: 16384, bytes received: 8192)",
                HttpByteSource.cutShort(new java.io.IOException("fixed content-length: 16384, bytes received: 8192")));
        assertEquals("Connection reset", HttpByteSource.cutShort(new java.io.IOException("Connection reset")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Behaviour.class, names = {"IGNORE_RANGES", "WRONG_CONTENT_RANGE", "SHORT_BODY", "SHORT_CONTENT_LENGTH",
            "TRICKLE", "GIGANTIC_SIZE", "REDIRECT_OTHER_HOST", "NOT_FOUND", "FORBIDDEN"})
    void hostileServersAreOneLineNamingTheUrl(Behaviour b) throws Exception {
        System.setProperty("seamline.http.timeout", "1");
        System.setProperty("seamline.http.attempts", "2");
        try (RangeServer server = RangeServer.serve(noise).behave(b)) {
            BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(BadInputException.class, () -> Scene.open(ScenePaths.of(server.url()))));
            assertTrue(e.getMessage().startsWith(server.url() + ": " + expected(b)), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            if (b != Behaviour.IGNORE_RANGES) { // the whole file it pushes fills the loopback socket's buffers before the close
                assertTrue(server.bytesServed() < 40_000, "a hostile server is not read on: " + server.bytesServed());
            }
        }
    }

    @Test
    void hostileAnswersMidSceneAreOneLineToo() throws Exception {
        System.setProperty("seamline.http.attempts", "1");
        try (RangeServer server = RangeServer.serve(noise); Scene s = Scene.open(ScenePaths.of(server.url()))) {
            server.behave(Behaviour.WRONG_CONTENT_RANGE);
            BadInputException e = assertThrows(BadInputException.class, () -> s.read(new PixelWindow(0, 0, 600, 600), new int[] {0}));
            assertTrue(e.getMessage().startsWith(server.url() + ": the server answered bytes "), e.getMessage());
            server.behave(Behaviour.GIGANTIC_SIZE);
            e = assertThrows(BadInputException.class, () -> s.read(new PixelWindow(0, 600, 600, 400), new int[] {0}));
            assertTrue(e.getMessage().startsWith(server.url() + ": the server declares a size of "), e.getMessage());
        }
    }

    @Test
    void urlPathsNameTheirOutputsAndAreNoFiles() throws Exception {
        Path p = ScenePaths.of("HTTPS://Example.COM:8443/a/b/scene%20one.tif?X-Amz-Signature=abc&x=1");
        assertTrue(ScenePaths.isUrl(p));
        assertEquals("scene one.tif", p.getFileName().toString());
        assertEquals("https://example.com:8443/a/b/scene%20one.tif?…", p.toString());
        assertEquals("https://example.com:8443/a/b/", p.getParent().toString());
        assertEquals("https://example.com:8443/a/b/scene%20one.labels.geojson", p.toAbsolutePath().getParent()
                .resolve("scene one.labels.geojson").toString());
        assertEquals("https://example.com:8443/a/b/x%23%3F%25.json", p.resolveSibling("x#?%.json").toString());
        assertFalse(Files.exists(p));
        assertFalse(Files.isRegularFile(p));
        assertFalse(Files.isDirectory(p));
        assertEquals(p, ScenePaths.of("https://example.com:8443/a/b/scene%20one.tif?X-Amz-Signature=abc&x=1"));
        assertEquals("a+b.tif", ScenePaths.of("http://h/a+b.tif").getFileName().toString());
        assertEquals(Path.of("x.tif"), ScenePaths.of("x.tif"));
        for (String bad : List.of("http://host/", "http://host", "http:///x.tif", "http://user:pw@host/x.tif", "http://h/a b.tif")) {
            BadInputException e = assertThrows(BadInputException.class, () -> ScenePaths.of(bad), bad);
            assertFalse(e.getMessage().contains("pw"), e.getMessage());
        }
    }
}
