package dev.seamline.outputs;

import dev.seamline.core.BadInputException;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.io.Printable;
import dev.seamline.formats.xview.XviewClasses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the chosen output formats can carry, checked once when a run starts, before anything is
 * written (each a one-line {@link BadInputException}):
 *
 * <ul>
 * <li>a scene name (the file name without its extension, the "stem") with a control character
 *     (a newline, a tab …) is refused for every format: it names output files and state files and is
 *     written into text lines;</li>
 * <li>a scene name with white space is refused with {@link OutputFormat#DOTA}: DOTA's lines are
 *     {@code image score x1 y1 …} split at white space, so neither the devkit nor {@code seamline eval}
 *     could read {@code my scene}'s lines back. xView carries the scene name only in the file name
 *     ({@code xview/my scene.tif.txt}) and GeoJSON, COCO, CSV and GeoPackage quote it, so those take it;</li>
 * <li>with {@link OutputFormat#XVIEW}, two classes given one xView {@code type_id} by
 *     {@link XviewClasses} ("small-vehicle" and "Small Car" are both 18; an unknown class of id 10 gets
 *     11, Fixed-wing Aircraft's) are refused: their detections would be one class in the file.</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class OutputNames {

    private OutputNames() {
    }

    /**
     * Refuses a scene whose name the formats cannot carry.
     *
     * @param scene the scene file (named in the message)
     * @param stem  its outputs' base name
     */
    public static void requireCarried(Path scene, String stem, Set<OutputFormat> formats) throws BadInputException {
        for (int i = 0; i < stem.length(); i++) {
            char c = stem.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                throw new BadInputException(Printable.escape(scene.toString()) + ": the scene's name holds a control "
                        + "character (" + String.format("U+%04X", (int) c) + "), which output files and text lines cannot "
                        + "carry: rename the file");
            }
        }
        if (formats.contains(OutputFormat.DOTA) && stem.chars().anyMatch(Character::isWhitespace)) {
            throw new BadInputException(scene, "the scene's name \"" + Printable.escape(stem) + "\" holds white space, "
                    + "which DOTA lines (image score x1 y1 …, split at white space) cannot carry: rename the file "
                    + "(e.g. with '_' for ' ') or leave out the dota format");
        }
    }

    /** Refuses a catalog that the chosen formats would map two classes of into one. */
    public static void requireDistinct(ClassCatalog classes, Set<OutputFormat> formats) throws BadInputException {
        if (!formats.contains(OutputFormat.XVIEW)) {
            return;
        }
        int[] ids = XviewClasses.typeIds(classes);
        Map<Integer, List<String>> byType = new LinkedHashMap<>();
        for (ObjectClass c : classes.classes()) {
            byType.computeIfAbsent(ids[c.id()], k -> new ArrayList<>()).add("\"" + Printable.escape(c.name()) + "\"");
        }
        List<String> shared = new ArrayList<>();
        byType.forEach((type, names) -> {
            if (names.size() > 1) {
                shared.add(String.join(" and ", names) + " are both type_id " + type);
            }
        });
        if (!shared.isEmpty()) {
            throw new BadInputException("the model's classes collide in the xview format: " + String.join("; ", shared)
                    + " (xView type ids by name, else class id + 1): their detections would be one class; rename a "
                    + "class or leave out the xview format");
        }
    }
}
