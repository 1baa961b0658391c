package dev.seamline.formats.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The COCO readers' fast path (token level, no trees) reads well-formed files to exactly what the
 * tree reader reads, and gives up (so the tree reader decides, with its messages) on everything
 * else.
 */
class CocoStreamingTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsWhatTheTreeReaderReads() throws Exception {
        Path gt = write("gt.json", "{\"info\": {\"v\": [1, {\"a\": 2}]}, \"images\": [{\"id\": 3, \"file_name\": \"a.png\", \"width\": 10,"
                + " \"height\": 20, \"extra\": [1]}, {\"id\": 4}],\n \"licenses\": [], \"categories\": [{\"id\": 1, \"name\": \"car\"},"
                + " {\"id\": 2, \"name\": \"x\", \"supercategory\": \"s\"}],\n \"annotations\": [{\"id\": 1, \"image_id\": 3,"
                + " \"category_id\": 1, \"bbox\": [1, 2.5, 3e1, 4], \"area\": 100, \"iscrowd\": 0, \"segmentation\": [[1, 2, 3]]},"
                + " {\"id\": 2, \"image_id\": 4, \"category_id\": 2, \"bbox\": [0, 0, 1, 1], \"iscrowd\": true},"
                + " {\"id\": 3, \"image_id\": 4, \"category_id\": 2, \"bbox\": [0.1, 0.2, 0.3, 0.4], \"iscrowd\": 1.0}]}");
        CocoDataset fast = CocoStreaming.dataset(gt);
        assertNotNull(fast);
        CocoDataset careful = CocoDataset.readCarefully(gt);
        assertEquals(careful.images(), fast.images());
        assertEquals(careful.categories(), fast.categories());
        assertEquals(careful.annotations(), fast.annotations());
        Path res = write("res.json", "[{\"image_id\": 3, \"category_id\": 1, \"bbox\": [1, 2, 3.25, 4], \"score\": 0.5, \"id\": 9},\n"
                + "{\"score\": 1, \"bbox\": [-1e-3, 0, 1E2, 7], \"category_id\": 2, \"image_id\": 4, \"segmentation\": {\"counts\": \"x\"}}]");
        List<CocoResult> fr = CocoStreaming.results(res);
        assertNotNull(fr);
        assertEquals(CocoResult.readCarefully(res), fr);
    }

    @Test
    void givesUpOnAnythingElse() throws Exception {
        String ok = "{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}";
        for (String bad : new String[] {"{}", "[" + ok + "] x", "[" + ok + ", 3]", "[" + ok.replace("0.5", "1.5") + "]",
                "[" + ok.replace("\"image_id\": 1", "\"image_id\": 1.0") + "]",
                "[" + ok.replace("\"image_id\": 1", "\"image_id\": 1, \"image_id\": 2") + "]",
                "[" + ok.replace("[0, 0, 1, 1]", "[0, 0, 1]") + "]", "[" + ok.replace("[0, 0, 1, 1]", "[0, 0, 1e400, 1]") + "]",
                "[" + ok.replace(", \"score\": 0.5", "") + "]", "[" + ok.replace("\"image_id\": 1", "\"image_id\": 99999999999999999999")
                        + "]", "[" + ok}) {
            assertNull(CocoStreaming.results(write("r.json", bad)), bad);
        }
        for (String bad : new String[] {"[]", "{\"images\": 3}", "{\"images\": [{\"id\": 1, \"file_name\": 7}]}",
                "{\"categories\": [{\"id\": 1}]}", "{\"images\": [], \"images\": []}",
                "{\"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"iscrowd\": \"no\"}]}"}) {
            assertNull(CocoStreaming.dataset(write("g.json", bad)), bad);
        }
    }
}
