package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.formats.dota.DotaDetection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scene's share of a DOTA submission, {@code dota/parts/<stem>.part}: lines
 * {@code 1<TAB>class<TAB>image score x1 y1 x2 y2 x3 y3 x4 y4} (task 1: the oriented box's corners in
 * {@code OrientedBox.corners()} order, or the box's corners clockwise on screen from the top-left)
 * and {@code 2<TAB>class<TAB>image score xmin ymin xmax ymax} (task 2: the axis-aligned box as is,
 * no "+1": the devkit adds 1 to detections and ground truth alike). The image name is the scene's
 * stem. {@link #assemble} routes the lines of a run's parts into the Task files. Not thread-safe.
 */
final class DotaSink extends TextSink {

    DotaSink(OutputContext context, Path target) throws IOException {
        super(context, target);
        start();
    }

    @Override
    void write(PlacedDetection p) throws IOException {
        Detection d = p.detection();
        String cls = context.classes().nameOf(d.classId());
        double[] q = d.isOriented() ? d.oriented().corners() : d.box().corners();
        StringBuilder sb = new StringBuilder(200).append("1\t").append(cls).append('\t');
        DotaDetection.appendLine(sb, context.stem(), d.score(), q);
        Box b = d.box();
        sb.append("\n2\t").append(cls).append('\t');
        DotaDetection.appendLine(sb, context.stem(), d.score(), new double[] {b.x0(), b.y0(), b.x1(), b.y1()}).append('\n');
        out.write(sb.toString());
    }

    /** See {@link OutputFormat#assembleDota}. */
    static void assemble(Path outDir, List<String> stems, ClassCatalog classes) throws IOException {
        Path dota = outDir.resolve("dota");
        Map<String, PartFile> parts = new LinkedHashMap<>();
        Map<String, Writer> writers = new LinkedHashMap<>();
        boolean ok = false;
        try {
            for (ObjectClass c : classes.classes()) {
                for (int task = 1; task <= 2; task++) {
                    open(dota, task, c.name(), parts, writers);
                }
            }
            for (String stem : stems) {
                Path part = dota.resolve("parts").resolve(stem + ".part");
                try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        int t1 = line.indexOf('\t');
                        int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
                        if (t2 < 0) {
                            throw new IOException(part + ": not a Seamline DOTA part file (line without two tabs)");
                        }
                        int task = line.charAt(0) == '1' ? 1 : 2;
                        Writer w = open(dota, task, line.substring(t1 + 1, t2), parts, writers);
                        w.write(line, t2 + 1, line.length() - t2 - 1);
                        w.write('\n');
                    }
                } catch (NoSuchFileException e) {
                    throw new IOException(part + ": DOTA part of scene '" + stem + "' is missing", e);
                }
            }
            for (Writer w : writers.values()) {
                w.close();
            }
            for (PartFile p : parts.values()) {
                p.commit();
            }
            ok = true;
        } finally {
            if (!ok) {
                for (Writer w : writers.values()) {
                    try {
                        w.close();
                    } catch (IOException e) {
                        // deleted next
                    }
                }
                parts.values().forEach(PartFile::abort);
            }
        }
    }

    private static Writer open(Path dota, int task, String cls, Map<String, PartFile> parts, Map<String, Writer> writers)
            throws IOException {
        String key = task + "\t" + cls;
        Writer w = writers.get(key);
        if (w == null) {
            PartFile p = PartFile.create(dota.resolve(DotaDetection.taskFileName(task, cls))); // one file per name
            parts.put(key, p);
            w = p.writer();
            writers.put(key, w);
        }
        return w;
    }
}
