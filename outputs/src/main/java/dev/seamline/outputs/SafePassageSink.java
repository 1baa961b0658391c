package dev.seamline.outputs;

import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.safepassage.SafePassageCsv.Centre;
import dev.seamline.formats.safepassage.SafePassageCsv.Row;
import dev.seamline.formats.safepassage.VehicleClass;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scene's share of a Dstl <i>Safe Passage</i> submission, {@code safe-passage/parts/<stem>.part}:
 * a first line {@code image<TAB><scene file name>}, then a line {@code <class name><TAB>x:y} per
 * detection, the centre of its box (or oriented box) as the contest writes it, the pixel that holds
 * it ({@link Centre#ofPixelSpace}). {@link #assemble} writes the run's
 * {@code safe-passage/submission.csv}: per scene in run order, one row per class A–I, the centres of
 * the model classes mapped to it, {@code None} where there are none. Not thread-safe.
 */
final class SafePassageSink extends TextSink {

    /** The run's submission, relative to the output folder. */
    static final String SUBMISSION = "safe-passage/submission.csv";

    SafePassageSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        start();
    }

    @Override
    void begin() throws IOException {
        out.write("image\t" + context.sceneFileName().replace('\t', ' ').replace('\n', ' ') + "\n");
    }

    @Override
    void write(PlacedDetection p) throws IOException {
        Detection d = p.detection();
        double cx = d.isOriented() ? d.oriented().cx() : d.box().centerX();
        double cy = d.isOriented() ? d.oriented().cy() : d.box().centerY();
        out.write(context.classes().nameOf(d.classId()) + "\t" + Centre.ofPixelSpace(cx, cy).spell() + "\n");
    }

    /**
     * The model classes that go into the submission, and as which contest class: the map's entries
     * (model class name → letter) that name a class of the model — a preset's map may cover several
     * models — and, when the map is empty, the model classes named {@code A} … {@code I}.
     *
     * @throws IllegalArgumentException for a letter outside A–I, or when no model class maps
     */
    static Map<String, VehicleClass> resolve(Map<String, String> map, ClassCatalog classes) {
        Map<String, VehicleClass> out = new LinkedHashMap<>();
        List<String> names = classes.classes().stream().map(ObjectClass::name).toList();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
            VehicleClass v = VehicleClass.ofLetter(e.getValue());
            if (v == null) {
                throw new IllegalArgumentException("safe_passage_classes maps '" + e.getKey() + "' to '" + e.getValue()
                        + "'; the contest's classes are A to I");
            }
            if (names.contains(e.getKey())) {
                out.put(e.getKey(), v);
            }
        }
        if (map.isEmpty()) {
            for (String n : names) {
                VehicleClass v = VehicleClass.ofLetter(n);
                if (v != null) {
                    out.put(n, v);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the safe-passage format maps no class of the model " + names + " to A–I: "
                    + (map.isEmpty() ? "give safe_passage_classes in the preset (model class: letter)"
                            : "safe_passage_classes names only " + new java.util.TreeSet<>(map.keySet())));
        }
        return out;
    }

    /** See {@link OutputFormat#finishRun}: joins the parts of {@code stems} into the submission, atomically. */
    static void assemble(Path outDir, List<String> stems, ClassCatalog classes, Map<String, String> map) throws IOException {
        Map<String, VehicleClass> letters;
        try {
            letters = resolve(map, classes);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path dir = outDir.resolve("safe-passage");
        PartFile submission = PartFile.create(outDir.resolve(SUBMISSION));
        boolean ok = false;
        try (Writer w = submission.writer()) {
            w.write(SafePassageCsv.HEADER + "\n");
            for (String stem : stems) {
                Path part = dir.resolve("parts").resolve(stem + ".part");
                String image = null;
                Map<VehicleClass, List<Centre>> byLetter = new EnumMap<>(VehicleClass.class);
                try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        int tab = line.indexOf('\t');
                        if (tab < 0) {
                            throw new IOException(part + ": not a Seamline Safe Passage part file (line without a tab)");
                        }
                        String key = line.substring(0, tab), value = line.substring(tab + 1);
                        if (image == null) {
                            if (!key.equals("image")) {
                                throw new IOException(part + ": not a Seamline Safe Passage part file (no image line)");
                            }
                            image = value;
                            continue;
                        }
                        VehicleClass v = letters.get(key);
                        if (v != null) {
                            int colon = value.indexOf(':');
                            byLetter.computeIfAbsent(v, k -> new ArrayList<>()).add(new Centre(
                                    Double.parseDouble(value.substring(0, colon)), Double.parseDouble(value.substring(colon + 1))));
                        }
                    }
                } catch (NoSuchFileException e) {
                    throw new IOException(part + ": Safe Passage part of scene '" + stem + "' is missing", e);
                }
                if (image == null) {
                    throw new IOException(part + ": empty Safe Passage part file");
                }
                for (VehicleClass v : VehicleClass.values()) {
                    w.write(SafePassageCsv.line(new Row(image, v, byLetter.getOrDefault(v, List.of()))) + "\n");
                }
            }
            w.close();
            submission.commit();
            ok = true;
        } finally {
            if (!ok) {
                submission.abort();
            }
        }
    }
}
