package dev.seamline.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import dev.seamline.formats.deepforest.DeepForestFormat;
import dev.seamline.formats.geojson.SeamlineGeoJson;
import dev.seamline.formats.spacenet.SpaceNetFormat;
import dev.seamline.formats.xview.XviewFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.seamline.testkit.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the format readers: one-line messages naming the file and the line, for every format. */
class BadInputTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return BadInput.write(dir, name, text);
    }

    @Test
    void cocoResults() throws Exception {
        Path f = write("r.json", "[\n{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 0.5},\n"
                + "{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1], \"score\": 0.5}\n]");
        assertEquals(f + ": line 3: \"bbox\" must be an array of 4 numbers, found [0,0,1]", BadInput.message(() -> CocoResult.read(f)));
        Path g = write("g.json", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": -0.1}]");
        assertEquals(g + ": line 1: score -0.1 is outside [0, 1]", BadInput.message(() -> CocoResult.read(g)));
        Path h = write("h.json", "[{\"image_id\": 1, \"category_id\": 1,\n\"bbox\": [0, 0, 1, 1] \"score\": 1}]");
        assertEquals(h + ": line 2: malformed JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate "
                + "Object entries", BadInput.message(() -> CocoResult.read(h)));
        Path i = write("i.json", "{\"not\": \"an array\"}");
        assertEquals(i + ": line 1: expected a JSON array at the top level", BadInput.message(() -> CocoResult.read(i)));
        assertEquals(dir.resolve("none.json") + ": no such file", BadInput.message(() -> CocoResult.read(dir.resolve("none.json"))));
    }

    @Test
    void cocoGroundTruth() throws Exception {
        Path f = write("gt.json", "{\"images\": [{\"id\": 1}],\n \"categories\": [{\"id\": 1, \"name\": \"a\"}],\n"
                + " \"annotations\": [\n  {\"id\": 1, \"image_id\": 2, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"area\": 1}]}");
        assertEquals(f + ": line 4: annotation 1 is on image 2, which \"images\" does not list", BadInput.message(() -> CocoDataset.read(f)));
        Path g = write("gt2.json", "{\"images\": [{\"id\": 1}], \"categories\": [],\n \"annotations\": [{\"id\": \"x\"}]}");
        assertEquals(g + ": line 2: \"bbox\" must be an array of 4 numbers (missing)", BadInput.message(() -> CocoDataset.read(g)));
    }

    @Test
    void xviewGroundTruth() throws Exception {
        Path f = write("gt.geojson", "{\"type\": \"FeatureCollection\", \"features\": [\n"
                + "{\"properties\": {\"image_id\": \"1.tif\", \"type_id\": 11, \"bounds_imcoords\": \"0,0,10\"}}]}");
        assertEquals(f + ": line 2: bounds_imcoords must be 'xmin,ymin,xmax,ymax', found '0,0,10'",
                BadInput.message(() -> XviewFormat.readTruth(f)));
    }

    @Test
    void deepforestAndSpacenetAndSeamlineGeoJson() throws Exception {
        Path f = write("p.csv", "image_path,xmin,ymin,xmax,ymax,label,score\na.tif,0,0,1,1,Tree,0.5\na.tif,0,0,1,1,Tree,2\n");
        assertEquals(f + ": line 3: score 2 is outside [0, 1]", BadInput.message(() -> DeepForestFormat.read(f, true, null)));
        Path g = write("g.csv", "image_path,xmin,ymin,xmax,ymax,label\na.tif,0,0,1,1,Bush\n");
        assertEquals(g + ": line 2: unknown class 'Bush'", BadInput.message(() -> DeepForestFormat.read(g, false, java.util.Set.of("Tree"))));
        Path s = write("s.csv", "ImageId,BuildingId,PolygonWKT_Pix\nimg1,0,\"POLYGON ((0 0, 1 0, 1\"\n");
        assertEquals(s.toString(), BadInput.message(() -> SpaceNetFormat.readCsv(s, false)).substring(0, s.toString().length()));
        assertEquals(true, BadInput.message(() -> SpaceNetFormat.readCsv(s, false)).contains(": line 2: bad PolygonWKT_Pix"));
        Path j = write("d.geojson", "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", \"properties\": "
                + "{\"class\": \"boat\", \"score\": 0.5, \"pixel_box\": [0, 0, 1, 1]}}]}");
        assertEquals(j + ": line 2: unknown class 'boat'",
                BadInput.message(() -> SeamlineGeoJson.read(j, dev.seamline.core.ClassCatalog.ofNames(java.util.List.of("car")))));
    }
}
