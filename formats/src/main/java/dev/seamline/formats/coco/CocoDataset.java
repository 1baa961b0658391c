package dev.seamline.formats.coco;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.formats.text.JsonInput;
import dev.seamline.formats.text.JsonMembers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A COCO ground-truth file ("instances" JSON): images, categories and box annotations. Boxes are
 * COCO's {@code [x, y, w, h]} in pixels, (0,0) the top-left corner of the top-left pixel, no "+1";
 * {@link Annotation#box()} converts to Seamline's {@link Box}. Segmentations are not kept.
 *
 * <p>Read as pycocotools reads it: annotations keep file order; {@code iscrowd} (default 0) is
 * what makes a ground truth ignored; {@code area} is the field in the file (pycocotools uses it
 * for the area ranges; where it is missing Seamline takes w·h, pycocotools would fail).
 *
 * <p>Immutable and thread-safe.
 */
public final class CocoDataset {

    /**
     * One image. Immutable and thread-safe.
     *
     * @param id       COCO image id
     * @param fileName the {@code file_name}, may be empty
     * @param width    pixels, 0 when unknown
     * @param height   pixels, 0 when unknown
     */
    public record Image(long id, String fileName, int width, int height) {
        /** Checks the name is present. */
        public Image {
            Objects.requireNonNull(fileName, "fileName");
        }
    }

    /**
     * One category. Immutable and thread-safe.
     *
     * @param id            COCO category id
     * @param name          its name
     * @param supercategory its supercategory, may be empty
     */
    public record Category(long id, String name, String supercategory) {
        /** Checks the names are present. */
        public Category {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(supercategory, "supercategory");
        }
    }

    /**
     * One ground-truth box. Immutable and thread-safe.
     *
     * @param id         annotation id
     * @param imageId    image id
     * @param categoryId category id
     * @param x          left edge, pixels
     * @param y          top edge, pixels
     * @param w          width, pixels
     * @param h          height, pixels
     * @param area       the {@code area} field, square pixels (for a polygon it is the polygon's area)
     * @param iscrowd    COCO's crowd flag: the box may absorb any number of detections
     */
    public record Annotation(long id, long imageId, long categoryId, double x, double y, double w, double h, double area,
            boolean iscrowd) {

        /** The box in Seamline's [x0,y0,x1,y1) convention. */
        public Box box() {
            return Box.ofXywh(x, y, w, h);
        }
    }

    /** The members of images, categories and annotations that the reader takes. */
    private static final List<String> MEMBERS = List.of("id", "file_name", "width", "height", "name", "supercategory", "bbox",
            "area", "iscrowd", "image_id", "category_id");

    private final List<Image> images;
    private final List<Category> categories;
    private final List<Annotation> annotations;

    /** A dataset of these images, categories and annotations (copied). */
    public CocoDataset(List<Image> images, List<Category> categories, List<Annotation> annotations) {
        this.images = List.copyOf(images);
        this.categories = List.copyOf(categories);
        this.annotations = List.copyOf(annotations);
    }

    /** The images, in file order. */
    public List<Image> images() {
        return images;
    }

    /** The categories, in file order. */
    public List<Category> categories() {
        return categories;
    }

    /** The annotations, in file order. */
    public List<Annotation> annotations() {
        return annotations;
    }

    /**
     * Reads a COCO instances file.
     *
     * @throws BadInputException naming the file and line for malformed JSON, a missing or non-numeric
     *                           field, a duplicate id, or an annotation on an unknown image or category
     */
    public static CocoDataset read(Path file) throws BadInputException {
        List<Image> images = new ArrayList<>();
        List<Category> cats = new ArrayList<>();
        List<Annotation> anns = new ArrayList<>();
        List<int[]> annLines = new ArrayList<>();
        JsonMembers.readObjectArrays(file, Set.of("images", "annotations", "categories"), MEMBERS, (name, n, line) -> {
            if (!n.isObject()) {
                throw new BadInputException(file, "line " + line + ": each entry of \"" + name + "\" must be an object");
            }
            switch (name) {
                case "images" -> images.add(new Image(n.integer(line, "id"), n.path("file_name").asText(""),
                        n.path("width").asInt(0), n.path("height").asInt(0)));
                case "categories" -> cats.add(new Category(n.integer(line, "id"),
                        n.path("name").asText("category-" + n.path("id").asText()), n.path("supercategory").asText("")));
                default -> {
                    double[] b = n.xywh(line, "bbox");
                    double a = n.has("area") ? n.number(line, "area") : b[2] * b[3];
                    JsonNode crowd = n.path("iscrowd");
                    boolean isCrowd = !crowd.isMissingNode() && (crowd.isBoolean() ? crowd.booleanValue() : crowd.asDouble() != 0);
                    anns.add(new Annotation(n.integer(line, "id"), n.integer(line, "image_id"), n.integer(line, "category_id"),
                            b[0], b[1], b[2], b[3], a, isCrowd));
                    annLines.add(new int[] {line});
                }
            }
        });
        Set<Long> imgIds = new HashSet<>();
        for (Image i : images) {
            if (!imgIds.add(i.id())) {
                throw new BadInputException(file, "image id " + i.id() + " appears twice");
            }
        }
        Set<Long> catIds = new HashSet<>();
        for (Category c : cats) {
            if (!catIds.add(c.id())) {
                throw new BadInputException(file, "category id " + c.id() + " appears twice");
            }
        }
        for (int k = 0; k < anns.size(); k++) {
            Annotation a = anns.get(k);
            if (!imgIds.contains(a.imageId())) {
                throw new BadInputException(file, "line " + annLines.get(k)[0] + ": annotation " + a.id()
                        + " is on image " + a.imageId() + ", which \"images\" does not list");
            }
            if (!catIds.contains(a.categoryId())) {
                throw new BadInputException(file, "line " + annLines.get(k)[0] + ": annotation " + a.id()
                        + " has category " + a.categoryId() + ", which \"categories\" does not list");
            }
        }
        return new CocoDataset(images, cats, anns);
    }

    /** Writes this dataset as a COCO instances file (boxes only), atomically. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, out -> {
            try (JsonGenerator g = JsonInput.MAPPER.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeArrayFieldStart("images");
                for (Image i : images) {
                    g.writeStartObject();
                    g.writeNumberField("id", i.id());
                    g.writeStringField("file_name", i.fileName());
                    g.writeNumberField("width", i.width());
                    g.writeNumberField("height", i.height());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("categories");
                for (Category c : categories) {
                    g.writeStartObject();
                    g.writeNumberField("id", c.id());
                    g.writeStringField("name", c.name());
                    g.writeStringField("supercategory", c.supercategory());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("annotations");
                for (Annotation a : annotations) {
                    g.writeStartObject();
                    g.writeNumberField("id", a.id());
                    g.writeNumberField("image_id", a.imageId());
                    g.writeNumberField("category_id", a.categoryId());
                    g.writeArrayFieldStart("bbox");
                    g.writeNumber(a.x());
                    g.writeNumber(a.y());
                    g.writeNumber(a.w());
                    g.writeNumber(a.h());
                    g.writeEndArray();
                    g.writeNumberField("area", a.area());
                    g.writeNumberField("iscrowd", a.iscrowd() ? 1 : 0);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }
}
