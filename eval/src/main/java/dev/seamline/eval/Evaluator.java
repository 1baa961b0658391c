package dev.seamline.eval;

import dev.seamline.core.io.Printable;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.SeamlineException;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import dev.seamline.formats.dota.DotaDetection;
import dev.seamline.formats.dota.DotaObject;
import dev.seamline.formats.geojson.SeamlineGeoJson;
import dev.seamline.formats.text.JsonInput;
import dev.seamline.formats.text.TextLines;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one-call entry of {@code seamline eval}: reads the ground truth and predictions in the
 * metric's formats, runs the metric, and returns an {@link EvalResult} (JSON values, table, report
 * material). Thread-safe (no shared state).
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Evaluates as the request says.
     *
     * @throws BadInputException for any problem with the input files, naming the file (and line)
     */
    public static EvalResult evaluate(EvalRequest req) throws SeamlineException {
        return switch (req.metric()) {
            case COCO -> coco(req);
            case DOTA_TASK1 -> dota(req, DotaEval.Task.TASK1);
            case DOTA_TASK2 -> dota(req, DotaEval.Task.TASK2);
            case XVIEW -> XviewEval.evaluate(req);
            case SPACENET -> SpaceNetEval.evaluate(req);
            case DEEPFOREST -> DeepForestEval.evaluate(req);
            case SAFE_PASSAGE -> SafePassageEval.evaluate(req);
        };
    }

    // ---------------------------------------------------------------- COCO

    private static EvalResult coco(EvalRequest req) throws BadInputException {
        boolean geoJson = req.pred().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".geojson");
        // a results file does not depend on the ground truth: read it on a second thread meanwhile
        ConcurrentRead<List<CocoResult>> results = geoJson ? null : ConcurrentRead.start(() -> CocoResult.read(req.pred()));
        CocoDataset gt = CocoDataset.read(req.gt());
        List<CocoResult> res = geoJson ? fromSeamlineGeoJson(req.pred(), gt) : results.join();
        IdIndex known = new IdIndex(gt.images().stream().mapToLong(CocoDataset.Image::id).sorted().toArray());
        for (int i = 0; i < res.size(); i++) {
            if (known.indexOf(res.get(i).imageId()) < 0) {
                throw new BadInputException(req.pred(), "result " + (i + 1) + " is on image " + res.get(i).imageId()
                        + ", which " + req.gt().getFileName() + " does not list");
            }
        }
        if (req.classes() != null) {
            Set<String> names = new LinkedHashSet<>(readList(req.classes()));
            for (CocoDataset.Category c : gt.categories()) {
                if (!names.contains(c.name())) {
                    throw new BadInputException(req.gt(), "category '" + Printable.escape(c.name()) + "' (id " + c.id() + ") is not in "
                            + req.classes());
                }
            }
        }
        if (req.imageset() != null) {
            Set<Long> keep = new java.util.HashSet<>();
            for (String s : readList(req.imageset())) {
                try {
                    keep.add(Long.parseLong(s));
                } catch (NumberFormatException e) {
                    throw new BadInputException(req.imageset(), "COCO image ids are integers, found '" + s + "'");
                }
            }
            gt = new CocoDataset(gt.images().stream().filter(i -> keep.contains(i.id())).toList(), gt.categories(),
                    gt.annotations().stream().filter(a -> keep.contains(a.imageId())).toList());
            res = res.stream().filter(r -> keep.contains(r.imageId())).toList();
        }
        CocoEval.Result r = CocoEval.evaluate(gt, res, req.cocoMaxDets());
        Map<String, Object> v = new LinkedHashMap<>();
        List<Double> stats = new ArrayList<>();
        for (double s : r.stats()) {
            stats.add(s);
        }
        v.put("stats", stats);
        v.put("max_dets", r.maxDets());
        Map<String, Object> per = new LinkedHashMap<>();
        long[] cats = r.categoryIds();
        IdIndex catIndex = new IdIndex(cats);
        Map<Long, String> names = new HashMap<>();
        for (CocoDataset.Category c : gt.categories()) {
            names.put(c.id(), c.name());
        }
        // per category (index into cats): GT that is not a crowd, and detections
        long[][] counts = new long[cats.length][2];
        for (CocoDataset.Annotation a : gt.annotations()) {
            int k = catIndex.indexOf(a.categoryId());
            if (k >= 0 && !a.iscrowd()) {
                counts[k][0]++;
            }
        }
        for (CocoResult d : res) {
            int k = catIndex.indexOf(d.categoryId());
            if (k >= 0) {
                counts[k][1]++;
            }
        }
        List<ClassSummary> rows = new ArrayList<>();
        List<PrCurve> curves = new ArrayList<>();
        double[] recThr = CocoEval.RECALL_THRESHOLDS.stream().mapToDouble(Double::doubleValue).toArray();
        for (int k = 0; k < cats.length; k++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("AP", r.classAp(k));
            e.put("AP50", r.classAp50(k));
            e.put("AP75", r.classAp75(k));
            e.put("AR_100", r.classAr100(k));
            per.put(Long.toString(cats[k]), e);
            long[] c = counts[k];
            rows.add(new ClassSummary(Long.toString(cats[k]), names.get(cats[k]), r.classAp(k), c[0], c[1], -1, -1));
            for (int t : new int[] {0, 5}) {
                double[] p = new double[recThr.length];
                boolean defined = true;
                for (int q = 0; q < recThr.length; q++) {
                    p[q] = r.precision(t, q, k, 0, 2);
                    defined &= p[q] > -1;
                }
                if (defined) {
                    curves.add(new PrCurve(Long.toString(cats[k]), t == 0 ? "IoU 0.50" : "IoU 0.75", recThr, p));
                }
            }
        }
        v.put("per_class", per);
        CocoDataset gtFinal = gt;
        List<CocoResult> resFinal = res;
        List<TruthBox> truths = new LazyList<>(() -> {
            List<TruthBox> l = new ArrayList<>();
            for (CocoDataset.Annotation a : gtFinal.annotations()) {
                l.add(new TruthBox(Long.toString(a.imageId()), Long.toString(a.categoryId()), a.box(), a.iscrowd()));
            }
            return l;
        });
        List<ScoredBox> dets = new LazyList<>(() -> {
            List<ScoredBox> l = new ArrayList<>();
            for (CocoResult d : resFinal) {
                if (catIndex.indexOf(d.categoryId()) >= 0) {
                    l.add(new ScoredBox(Long.toString(d.imageId()), Long.toString(d.categoryId()), d.box(), d.score()));
                }
            }
            return l;
        });
        StringBuilder table = new StringBuilder(r.summaryText());
        table.append('\n').append(Tables.perClass(List.of("category", "name", "AP", "AP50", "AP75", "AR100"), rowsOf(per, names)));
        return new EvalResult(Metric.COCO, v, table.toString(), rows, curves, truths, dets);
    }

    /** Seamline GeoJSON as COCO results: images by file name (or id), classes by category name. */
    private static List<CocoResult> fromSeamlineGeoJson(Path file, CocoDataset gt) throws BadInputException {
        List<dev.seamline.core.ObjectClass> cls = new ArrayList<>();
        for (CocoDataset.Category c : gt.categories()) {
            if (c.id() < 0 || c.id() > Integer.MAX_VALUE || c.name().isBlank()) {
                throw new BadInputException(file, "category " + c.id() + " '" + Printable.escape(c.name())
                        + "' of the ground truth cannot name a Seamline class (ids 0 and up, non-blank names)");
            }
            cls.add(new dev.seamline.core.ObjectClass((int) c.id(), c.name()));
        }
        Map<String, Long> byName = new HashMap<>();
        for (CocoDataset.Image i : gt.images()) {
            byName.put(i.fileName(), i.id());
            byName.putIfAbsent(Long.toString(i.id()), i.id());
        }
        dev.seamline.core.ClassCatalog catalog;
        try {
            catalog = dev.seamline.core.ClassCatalog.of(cls);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, "the ground truth's categories cannot name the GeoJSON classes: " + e.getMessage());
        }
        List<CocoResult> out = new ArrayList<>();
        for (SeamlineGeoJson.Feature f : SeamlineGeoJson.read(file, catalog)) {
            Long id = byName.get(f.image());
            if (id == null) {
                throw new BadInputException(file, "image '" + Printable.escape(f.image()) + "' is not an image (file_name or id) of the ground truth");
            }
            out.add(CocoResult.of(id, f.detection().classId(), f.detection().box(), f.detection().score()));
        }
        return out;
    }

    private static List<List<String>> rowsOf(Map<String, Object> per, Map<Long, String> names) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : per.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            rows.add(List.of(e.getKey(), String.valueOf(names.get(Long.parseLong(e.getKey()))), Tables.num(m.get("AP")),
                    Tables.num(m.get("AP50")), Tables.num(m.get("AP75")), Tables.num(m.get("AR_100"))));
        }
        return rows;
    }

    // ---------------------------------------------------------------- DOTA

    private static EvalResult dota(EvalRequest req, DotaEval.Task task) throws BadInputException {
        Path labelDir = req.gt();
        if (!Files.isDirectory(labelDir)) {
            throw new BadInputException(labelDir, "expected the labelTxt folder (one <image>.txt per image)");
        }
        List<String> images;
        if (req.imageset() != null) {
            images = readList(req.imageset());
        } else {
            images = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(labelDir, "*.txt")) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    images.add(n.substring(0, n.length() - 4));
                }
            } catch (IOException e) {
                throw new BadInputException(labelDir, "cannot list: " + e.getMessage(), e);
            }
            images.sort(null);
        }
        Set<String> allowed = req.classes() == null ? null : new LinkedHashSet<>(readList(req.classes()));
        // the detections do not depend on the ground truth: read on a second thread meanwhile; the
        // labelTxt files are read in parallel, and their problems reported in image order
        ConcurrentRead<Map<String, List<DotaDetection>>> detRead = ConcurrentRead.start(
                () -> DotaDetection.readFolder(req.pred(), task.number()));
        Object[] read = new Object[images.size()]; // per image: its objects, or the BadInputException of its file
        java.util.stream.IntStream.range(0, read.length).parallel().forEach(i -> {
            Path f = labelDir.resolve(images.get(i) + ".txt");
            try {
                if (!Files.isRegularFile(f)) {
                    throw new BadInputException(f, "no such labelTxt file for image '" + images.get(i) + "' of the image set");
                }
                read[i] = DotaObject.read(f);
            } catch (BadInputException e) {
                read[i] = e;
            }
        });
        Map<String, List<DotaObject>> gt = new HashMap<>();
        Set<String> gtClasses = new TreeSet<>();
        for (int i = 0; i < read.length; i++) {
            String img = images.get(i);
            Path f = labelDir.resolve(img + ".txt");
            if (read[i] instanceof BadInputException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<DotaObject> objs = (List<DotaObject>) read[i];
            if (allowed != null) {
                // names the line: re-scan the file for the first unknown class
                for (DotaObject o : objs) {
                    if (!allowed.contains(o.className())) {
                        int[] line = {0};
                        TextLines.read(f, (s, n) -> {
                            String[] fl = TextLines.fields(s);
                            if (line[0] == 0 && fl.length >= 9 && fl[8].equals(o.className())) {
                                line[0] = n;
                            }
                        });
                        throw new BadInputException(f, "line " + line[0] + ": unknown class '" + o.className() + "' (not in "
                                + req.classes().getFileName() + ")");
                    }
                }
            }
            objs.forEach(o -> gtClasses.add(o.className()));
            gt.put(img, objs);
        }
        Map<String, List<DotaDetection>> dets = detRead.join();
        Set<String> imageSet = new java.util.HashSet<>(images);
        for (Map.Entry<String, List<DotaDetection>> e : dets.entrySet()) {
            Path file = req.pred().resolve("Task" + task.number() + "_" + e.getKey() + ".txt");
            if (allowed != null && !allowed.contains(e.getKey())) {
                throw new BadInputException(file, "unknown class '" + e.getKey() + "' (not in " + req.classes().getFileName() + ")");
            }
            for (DotaDetection d : e.getValue()) {
                if (!imageSet.contains(d.image())) {
                    int[] line = {0};
                    TextLines.read(file, (s, n) -> {
                        String[] fl = TextLines.fields(s);
                        if (line[0] == 0 && fl.length > 0 && fl[0].equals(d.image())) {
                            line[0] = n;
                        }
                    });
                    throw new BadInputException(file, "line " + line[0] + ": image '" + d.image()
                            + "' is not in the image set");
                }
            }
        }
        List<String> classes;
        if (allowed != null) {
            classes = new ArrayList<>(allowed);
        } else {
            Set<String> all = new TreeSet<>(gtClasses);
            all.addAll(dets.keySet());
            classes = new ArrayList<>(all);
        }
        if (classes.isEmpty()) {
            throw new BadInputException(labelDir, "no classes: the ground truth has no objects and there are no Task files");
        }
        ApMethod method = req.ap() == null ? ApMethod.VOC07 : req.ap();
        DotaEval.Result r = DotaEval.evaluate(task, images, gt, dets, classes, method);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("mAP", r.mAP());
        Map<String, Object> per = new LinkedHashMap<>();
        List<ClassSummary> rows = new ArrayList<>();
        List<PrCurve> curves = new ArrayList<>();
        List<List<String>> trows = new ArrayList<>();
        for (DotaEval.ClassResult c : r.classes()) {
            per.put(c.className(), c.ap());
            rows.add(new ClassSummary(c.className(), c.className(), c.ap(), c.npos(), c.detections(), c.tp(), c.fp()));
            if (c.npos() > 0 && c.detections() > 0) {
                curves.add(new PrCurve(c.className(), "IoU > 0.5", c.recall(), c.precision()));
            }
            trows.add(List.of(c.className(), Tables.num(c.ap()), Long.toString(c.npos()), Long.toString(c.detections()),
                    Long.toString(c.tp()), Long.toString(c.fp())));
        }
        v.put("per_class_AP", per);
        List<TruthBox> truths = new LazyList<>(() -> {
            List<TruthBox> l = new ArrayList<>();
            for (String img : images) {
                for (DotaObject o : gt.get(img)) {
                    l.add(new TruthBox(img, o.className(), o.bounds(), o.difficult()));
                }
            }
            return l;
        });
        List<ScoredBox> boxes = new LazyList<>(() -> {
            List<ScoredBox> l = new ArrayList<>();
            for (Map.Entry<String, List<DotaDetection>> e : dets.entrySet()) {
                for (DotaDetection d : e.getValue()) {
                    double[] c = d.coords();
                    Box b = c.length == 4 ? new Box(c[0], c[1], Math.max(c[0], c[2]), Math.max(c[1], c[3]))
                            : new DotaObject(c, e.getKey(), false).bounds();
                    l.add(new ScoredBox(d.image(), e.getKey(), b, d.score()));
                }
            }
            return l;
        });
        String table = String.format(Locale.ROOT, "DOTA %s (%s AP, IoU > 0.5): mAP = %s%n%n", task == DotaEval.Task.TASK1
                ? "task1 (oriented)" : "task2 (horizontal)", method == ApMethod.VOC07 ? "VOC07 11-point" : "all-point",
                Tables.num(r.mAP())) + Tables.perClass(List.of("class", "AP", "GT", "dets", "TP", "FP"), trows);
        return new EvalResult(task == DotaEval.Task.TASK1 ? Metric.DOTA_TASK1 : Metric.DOTA_TASK2, v, table, rows, curves,
                truths, boxes);
    }

    // ---------------------------------------------------------------- helpers

    /** A list file: one entry per line, blank lines and surrounding blanks dropped. */
    static List<String> readList(Path file) throws BadInputException {
        List<String> out = new ArrayList<>();
        TextLines.read(file, (s, n) -> {
            String t = s.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        });
        return out;
    }
}
