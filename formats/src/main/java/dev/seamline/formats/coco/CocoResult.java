package dev.seamline.formats.coco;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.text.JsonInput;
import dev.seamline.formats.text.JsonMembers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a COCO results file: {@code {"image_id", "category_id", "bbox": [x, y, w, h], "score"}},
 * box in pixels with (0,0) the top-left corner of the top-left pixel, no "+1".
 * Immutable and thread-safe.
 *
 * @param imageId    COCO image id
 * @param categoryId COCO category id
 * @param x          left edge, pixels
 * @param y          top edge, pixels
 * @param w          width, pixels
 * @param h          height, pixels
 * @param score      confidence in [0, 1]
 */
public record CocoResult(long imageId, long categoryId, double x, double y, double w, double h, double score) {

    /** The members of a result that the reader takes. */
    private static final List<String> MEMBERS = List.of("image_id", "category_id", "bbox", "score");

    /** The box in Seamline's [x0,y0,x1,y1) convention. */
    public Box box() {
        return Box.ofXywh(x, y, w, h);
    }

    /** A result from a Seamline box. */
    public static CocoResult of(long imageId, long categoryId, Box box, double score) {
        return new CocoResult(imageId, categoryId, box.x0(), box.y0(), box.width(), box.height(), score);
    }

    /**
     * Reads a COCO results file (a JSON array), in file order.
     *
     * @throws BadInputException naming the file and line for malformed JSON, a missing field or a
     *                           score outside [0, 1]
     */
    public static List<CocoResult> read(Path file) throws BadInputException {
        List<CocoResult> out = new ArrayList<>();
        JsonMembers.readArray(file, MEMBERS, (name, n, line) -> {
            if (!n.isObject()) {
                throw new BadInputException(file, "line " + line + ": each result must be an object");
            }
            double[] b = n.xywh(line, "bbox");
            out.add(new CocoResult(n.integer(line, "image_id"), n.integer(line, "category_id"), b[0], b[1], b[2], b[3],
                    n.score(line, "score")));
        });
        return out;
    }

    /** Writes results as a COCO results file, atomically. */
    public static void write(Path file, List<CocoResult> results) throws IOException {
        AtomicFile.write(file, out -> {
            try (JsonGenerator g = JsonInput.MAPPER.getFactory().createGenerator(out)) {
                g.writeStartArray();
                for (CocoResult r : results) {
                    r.writeJson(g);
                    g.writeRaw('\n');
                }
                g.writeEndArray();
            }
        });
    }

    /**
     * Writes this result as one JSON object, {@code {"image_id":…,"category_id":…,"bbox":[x,y,w,h],"score":…}},
     * for streaming writers of results arrays.
     */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("image_id", imageId);
        g.writeNumberField("category_id", categoryId);
        g.writeArrayFieldStart("bbox");
        g.writeNumber(x);
        g.writeNumber(y);
        g.writeNumber(w);
        g.writeNumber(h);
        g.writeEndArray();
        g.writeNumberField("score", score);
        g.writeEndObject();
    }
}
