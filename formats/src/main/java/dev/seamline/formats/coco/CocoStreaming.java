package dev.seamline.formats.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of the COCO readers: a token-level pass (jackson-core only, no trees) that accepts
 * exactly the well-formed files and gives up on anything else, so that the tree-based reader, with
 * its messages naming file and line, reads that file instead. Giving up is never an error: every
 * file the fast path returns is one the tree reader reads to the same values. Stateless and
 * thread-safe. Package-private.
 */
final class CocoStreaming {

    private static final JsonFactory FACTORY = new JsonFactory();

    private CocoStreaming() {
    }

    /** Anything the fast path does not take: the caller reads the file the careful way. */
    static final class GiveUp extends Exception {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    /** A results file (a JSON array of results), or null where the careful reader must decide. */
    static List<CocoResult> results(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            List<CocoResult> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                long img = 0, cat = 0;
                double score = 0;
                double[] b = null;
                int seen = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    int bit;
                    switch (f) {
                        case "image_id" -> {
                            bit = 1;
                            img = integer(p, v);
                        }
                        case "category_id" -> {
                            bit = 2;
                            cat = integer(p, v);
                        }
                        case "bbox" -> {
                            bit = 4;
                            b = xywh(p, v);
                        }
                        case "score" -> {
                            bit = 8;
                            score = number(p, v);
                            if (!(score >= 0 && score <= 1)) {
                                throw GIVE_UP;
                            }
                        }
                        default -> {
                            bit = 0;
                            p.skipChildren();
                        }
                    }
                    if ((seen & bit) != 0) {
                        throw GIVE_UP; // a repeated key: the tree reader's rule decides
                    }
                    seen |= bit;
                }
                if (seen != 15) {
                    throw GIVE_UP;
                }
                out.add(new CocoResult(img, cat, b[0], b[1], b[2], b[3], score));
            }
            expect(t, JsonToken.END_ARRAY);
            if (p.nextToken() != null) {
                throw GIVE_UP;
            }
            return out;
        } catch (GiveUp | IOException | RuntimeException e) {
            return null;
        }
    }

    /** An instances file, or null where the careful reader must decide (it also checks the ids). */
    static CocoDataset dataset(Path file) {
        List<CocoDataset.Image> images = new ArrayList<>();
        List<CocoDataset.Category> cats = new ArrayList<>();
        List<CocoDataset.Annotation> anns = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            int seenArrays = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                int bit = switch (name) {
                    case "images" -> 1;
                    case "categories" -> 2;
                    case "annotations" -> 4;
                    default -> 0;
                };
                if (bit == 0) {
                    if (t == JsonToken.START_OBJECT) {
                        p.skipChildren();
                    } else if (t == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                    continue;
                }
                if ((seenArrays & bit) != 0) {
                    throw GIVE_UP;
                }
                seenArrays |= bit;
                expect(t, JsonToken.START_ARRAY);
                JsonToken e;
                while ((e = p.nextToken()) == JsonToken.START_OBJECT) {
                    switch (bit) {
                        case 1 -> images.add(image(p));
                        case 2 -> cats.add(category(p));
                        default -> anns.add(annotation(p));
                    }
                }
                expect(e, JsonToken.END_ARRAY);
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw GIVE_UP;
            }
        } catch (GiveUp | IOException | RuntimeException e) {
            return null;
        }
        return new CocoDataset(images, cats, anns);
    }

    private static CocoDataset.Image image(JsonParser p) throws IOException, GiveUp {
        long id = 0;
        String fileName = "";
        int w = 0, h = 0, seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            int bit;
            switch (f) {
                case "id" -> {
                    bit = 1;
                    id = integer(p, v);
                }
                case "file_name" -> {
                    bit = 2;
                    expect(v, JsonToken.VALUE_STRING);
                    fileName = p.getText();
                }
                case "width" -> {
                    bit = 4;
                    w = smallInt(p, v);
                }
                case "height" -> {
                    bit = 8;
                    h = smallInt(p, v);
                }
                default -> {
                    bit = 0;
                    p.skipChildren();
                }
            }
            if ((seen & bit) != 0) {
                throw GIVE_UP;
            }
            seen |= bit;
        }
        if ((seen & 1) == 0) {
            throw GIVE_UP;
        }
        return new CocoDataset.Image(id, fileName, w, h);
    }

    private static CocoDataset.Category category(JsonParser p) throws IOException, GiveUp {
        long id = 0;
        String name = null, sup = "";
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            int bit;
            switch (f) {
                case "id" -> {
                    bit = 1;
                    id = integer(p, v);
                }
                case "name" -> {
                    bit = 2;
                    expect(v, JsonToken.VALUE_STRING);
                    name = p.getText();
                }
                case "supercategory" -> {
                    bit = 4;
                    expect(v, JsonToken.VALUE_STRING);
                    sup = p.getText();
                }
                default -> {
                    bit = 0;
                    p.skipChildren();
                }
            }
            if ((seen & bit) != 0) {
                throw GIVE_UP;
            }
            seen |= bit;
        }
        if ((seen & 3) != 3) {
            throw GIVE_UP; // a missing name takes the careful reader's default
        }
        return new CocoDataset.Category(id, name, sup);
    }

    private static CocoDataset.Annotation annotation(JsonParser p) throws IOException, GiveUp {
        long id = 0, img = 0, cat = 0;
        double[] b = null;
        double area = 0;
        boolean crowd = false;
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            int bit;
            switch (f) {
                case "id" -> {
                    bit = 1;
                    id = integer(p, v);
                }
                case "image_id" -> {
                    bit = 2;
                    img = integer(p, v);
                }
                case "category_id" -> {
                    bit = 4;
                    cat = integer(p, v);
                }
                case "bbox" -> {
                    bit = 8;
                    b = xywh(p, v);
                }
                case "area" -> {
                    bit = 16;
                    area = number(p, v);
                }
                case "iscrowd" -> {
                    bit = 32;
                    if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                        crowd = v == JsonToken.VALUE_TRUE;
                    } else {
                        crowd = number(p, v) != 0;
                    }
                }
                default -> {
                    bit = 0;
                    p.skipChildren();
                }
            }
            if ((seen & bit) != 0) {
                throw GIVE_UP;
            }
            seen |= bit;
        }
        if ((seen & 15) != 15) {
            throw GIVE_UP;
        }
        if ((seen & 16) == 0) {
            area = b[2] * b[3];
        }
        return new CocoDataset.Annotation(id, img, cat, b[0], b[1], b[2], b[3], area, crowd);
    }

    private static void expect(JsonToken t, JsonToken want) throws GiveUp {
        if (t != want) {
            throw GIVE_UP;
        }
    }

    /** An integer that fits a long, as the careful reader's {@code isIntegralNumber} + {@code longValue}. */
    private static long integer(JsonParser p, JsonToken v) throws IOException, GiveUp {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw GIVE_UP;
        }
        JsonParser.NumberType nt = p.getNumberType();
        if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
            throw GIVE_UP;
        }
        return p.getLongValue();
    }

    private static int smallInt(JsonParser p, JsonToken v) throws IOException, GiveUp {
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw GIVE_UP;
        }
        return p.getIntValue();
    }

    /** A finite number: a long-sized integer or a double. */
    private static double number(JsonParser p, JsonToken v) throws IOException, GiveUp {
        double d;
        if (v == JsonToken.VALUE_NUMBER_INT) {
            d = integer(p, v);
        } else if (v == JsonToken.VALUE_NUMBER_FLOAT) {
            d = p.getDoubleValue();
        } else {
            throw GIVE_UP;
        }
        if (!Double.isFinite(d)) {
            throw GIVE_UP;
        }
        return d;
    }

    private static double[] xywh(JsonParser p, JsonToken v) throws IOException, GiveUp {
        expect(v, JsonToken.START_ARRAY);
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            b[i] = number(p, p.nextToken());
        }
        expect(p.nextToken(), JsonToken.END_ARRAY);
        if (!Double.isFinite(b[0] + b[2]) || !Double.isFinite(b[1] + b[3])) {
            throw GIVE_UP;
        }
        return b;
    }
}
