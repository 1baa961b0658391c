package dev.seamline.pipeline.train;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.io.Printable;
import dev.seamline.formats.deepforest.DeepForestFormat;
import dev.seamline.formats.dota.DotaObject;
import dev.seamline.formats.safepassage.NominalSize;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.spacenet.SpaceNetFormat;
import dev.seamline.formats.xview.XviewClasses;
import dev.seamline.formats.xview.XviewFormat;
import dev.seamline.geo.Scene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * The competitions' label formats as training boxes of one scene (see {@link SceneLabels}); each read
 * by its reader in the formats module. Stateless and thread-safe.
 */
final class OtherLabels {

    /** Ground sample distance assumed for Safe Passage centres in a scene without one: the contest's 5 cm. */
    static final double SAFE_PASSAGE_GSD = 0.05;

    private OtherLabels() {
    }

    static List<Detection> dota(Path labels, ClassCatalog catalog) throws BadInputException {
        List<Detection> out = new ArrayList<>();
        int i = 0;
        for (DotaObject o : DotaObject.read(labels)) {
            i++;
            out.add(Detection.of(o.bounds(), SceneLabels.classId(labels, catalog, o.className(), "object " + i), 1.0));
        }
        return out;
    }

    static List<Detection> deepForest(Scene scene, Path labels, ClassCatalog catalog) throws BadInputException {
        String name = scene.path().getFileName().toString();
        List<Detection> out = new ArrayList<>();
        int i = 0;
        for (DeepForestFormat.Row r : DeepForestFormat.read(labels, false, null)) {
            i++;
            if (Path.of(r.imagePath()).getFileName().toString().equals(name)) {
                out.add(Detection.of(r.box(), SceneLabels.classId(labels, catalog, r.label(), "row " + i), 1.0));
            }
        }
        return requireSome(out, labels, "no row has image_path '" + name + "'", scene);
    }

    static List<Detection> spaceNet(Scene scene, Path labels, ClassCatalog catalog) throws BadInputException {
        int cls;
        if (catalog.size() == 1) {
            cls = catalog.classes().get(0).id();
        } else {
            cls = catalog.byName("building").map(ObjectClass::id).orElseThrow(() -> new BadInputException(labels,
                    "SpaceNet labels are buildings: the training classes must be one class, or include 'building'"));
        }
        String stem = stem(scene.path().getFileName().toString());
        List<Detection> out = new ArrayList<>();
        boolean listed = false;
        for (SpaceNetFormat.Footprint f : SpaceNetFormat.readCsv(labels, false)) {
            if (!(stem.equals(f.imageId()) || stem.endsWith("_" + f.imageId()))) {
                continue;
            }
            listed = true;
            Envelope e = f.geometry().getEnvelopeInternal();
            if (!f.geometry().isEmpty() && e.getWidth() > 0 && e.getHeight() > 0) {
                out.add(Detection.of(new Box(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()), cls, 1.0));
            }
        }
        if (!listed) {
            throw new BadInputException(labels, "no ImageId is '" + Printable.escape(stem) + "' nor ends it after a '_'");
        }
        return out;
    }

    static List<Detection> xview(Scene scene, Path labels, ClassCatalog catalog) throws BadInputException {
        String name = scene.path().getFileName().toString();
        int[] typeIds = XviewClasses.typeIds(catalog);
        List<Detection> out = new ArrayList<>();
        for (XviewFormat.Truth t : XviewFormat.readTruth(labels)) {
            if (!t.imageId().equals(name)) {
                continue;
            }
            Integer cls = null;
            for (ObjectClass c : catalog.classes()) {
                if (typeIds[c.id()] == t.typeId() && XviewClasses.typeId(c.name()).isPresent()
                        || c.name().equals(Integer.toString(t.typeId()))) {
                    cls = c.id();
                    break;
                }
            }
            if (cls == null) {
                throw new BadInputException(labels, "type_id " + t.typeId() + " (on " + Printable.escape(name)
                        + ") is none of the training classes: name a class by xView's name for it or by the number");
            }
            out.add(Detection.of(t.box(), cls, 1.0));
        }
        return requireSome(out, labels, "no feature has image_id '" + name + "'", scene);
    }

    static List<Detection> safePassage(Scene scene, Path labels, ClassCatalog catalog) throws BadInputException {
        String stem = stem(scene.path().getFileName().toString());
        double gsd = scene.groundSampleDistance().orElse(SAFE_PASSAGE_GSD);
        List<Detection> out = new ArrayList<>();
        boolean listed = false;
        for (SafePassageCsv.Entry e : SafePassageCsv.readEntries(labels)) {
            SafePassageCsv.Row r = e.row();
            if (!SafePassageCsv.stem(r.image()).equals(stem)) {
                continue;
            }
            listed = true;
            if (r.centres().isEmpty()) {
                continue;
            }
            int cls = SceneLabels.classId(labels, catalog, r.vehicleClass().name(), "line " + e.line());
            for (SafePassageCsv.Centre c : r.centres()) {
                Box b = NominalSize.box(c, r.vehicleClass(), gsd);
                Box clipped = new Box(Math.max(0, b.x0()), Math.max(0, b.y0()), Math.min(scene.width(), b.x1()),
                        Math.min(scene.height(), b.y1()));
                if (clipped.x1() > clipped.x0() && clipped.y1() > clipped.y0()) {
                    out.add(Detection.of(clipped, cls, 1.0));
                }
            }
        }
        if (!listed) {
            throw new BadInputException(labels, "no row is of image '" + Printable.escape(stem) + "'");
        }
        return out;
    }

    private static List<Detection> requireSome(List<Detection> out, Path labels, String problem, Scene scene)
            throws BadInputException {
        if (out.isEmpty()) {
            throw new BadInputException(labels, problem + " (the scene " + scene.path().getFileName() + ")");
        }
        return out;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
