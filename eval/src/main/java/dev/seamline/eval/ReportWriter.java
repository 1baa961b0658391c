package dev.seamline.eval;

import dev.seamline.core.io.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the report of an evaluation into a folder: {@code report.md} (the summary table, the
 * per-class table, the error breakdown and links to the plots), {@code per_class.csv},
 * {@code errors.csv}, and one {@code pr_<n>_<class>.png} precision-recall plot per class that has a
 * curve (drawn with java.awt, headless). Every file is written atomically. Thread-safe (no shared
 * state).
 */
public final class ReportWriter {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd)};

    private ReportWriter() {
    }

    /** Writes the report of {@code result} into {@code dir} (created if needed); returns the files written. */
    public static List<Path> write(EvalResult result, Path dir) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        ErrorTable eb = result.errorTable();
        int kinds = eb.columns().size();
        // PR plots, grouped per class
        Map<String, List<PrCurve>> byClass = new LinkedHashMap<>();
        for (PrCurve c : result.curves()) {
            byClass.computeIfAbsent(c.classKey(), k -> new ArrayList<>()).add(c);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (ClassSummary c : result.classes()) {
            names.put(c.key(), c.name());
        }
        Map<String, String> plotFiles = new LinkedHashMap<>();
        int plotIndex = 0;
        for (Map.Entry<String, List<PrCurve>> e : byClass.entrySet()) {
            String file = plotFileName(++plotIndex, byClass.size(), e.getKey());
            BufferedImage img = plot(result.metric().cliName() + " — " + names.getOrDefault(e.getKey(), e.getKey()), e.getValue());
            Path p = dir.resolve(file);
            AtomicFile.write(p, out -> ImageIO.write(img, "png", out));
            written.add(p);
            plotFiles.put(e.getKey(), file);
        }
        // per-class CSV
        StringBuilder csv = new StringBuilder("class,name,AP,ground_truth,detections,true_positives,false_positives");
        for (String k : eb.columns()) {
            csv.append(',').append(k);
        }
        csv.append('\n');
        for (ClassSummary c : result.classes()) {
            csv.append(csvCell(c.key())).append(',').append(csvCell(c.name())).append(',').append(csvNum(c.ap())).append(',')
                    .append(c.groundTruth()).append(',').append(c.detections()).append(',').append(c.truePositives())
                    .append(',').append(c.falsePositives());
            for (int k = 0; k < kinds; k++) {
                csv.append(',').append(eb.count(c.key(), k));
            }
            csv.append('\n');
        }
        Path perClass = dir.resolve("per_class.csv");
        AtomicFile.writeString(perClass, csv.toString());
        written.add(perClass);
        // error CSV (all classes seen by the breakdown, then the total)
        StringBuilder ecsv = new StringBuilder("class");
        for (String k : eb.columns()) {
            ecsv.append(',').append(k);
        }
        ecsv.append('\n');
        for (String k : eb.classKeys()) {
            ecsv.append(csvCell(k));
            for (int kind = 0; kind < kinds; kind++) {
                ecsv.append(',').append(eb.count(k, kind));
            }
            ecsv.append('\n');
        }
        ecsv.append("all");
        for (int kind = 0; kind < kinds; kind++) {
            ecsv.append(',').append(eb.count(kind));
        }
        ecsv.append('\n');
        Path errors = dir.resolve("errors.csv");
        AtomicFile.writeString(errors, ecsv.toString());
        written.add(errors);
        // Markdown
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation report: ").append(result.metric().cliName()).append("\n\n```\n").append(result.table())
                .append("```\n\n## Per class\n\n| class | name | AP | GT | detections | TP | FP | plot |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        for (ClassSummary c : result.classes()) {
            String plot = plotFiles.containsKey(c.key()) ? "[PR](" + plotFiles.get(c.key()) + ")" : "";
            md.append("| ").append(mdCell(c.key())).append(" | ").append(mdCell(c.name())).append(" | ").append(Tables.num(c.ap()))
                    .append(" | ").append(c.groundTruth()).append(" | ").append(c.detections()).append(" | ")
                    .append(c.truePositives() < 0 ? "" : Long.toString(c.truePositives())).append(" | ")
                    .append(c.falsePositives() < 0 ? "" : Long.toString(c.falsePositives())).append(" | ").append(plot)
                    .append(" |\n");
        }
        md.append("\n## Error breakdown\n\n").append(eb.description()).append("\n\n| class |");
        for (String k : eb.labels()) {
            md.append(' ').append(k).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(kinds)).append('\n');
        for (String k : eb.classKeys()) {
            md.append("| ").append(mdCell(names.getOrDefault(k, k))).append(" |");
            for (int kind = 0; kind < kinds; kind++) {
                md.append(' ').append(eb.count(k, kind)).append(" |");
            }
            md.append('\n');
        }
        md.append("| **all** |");
        for (int kind = 0; kind < kinds; kind++) {
            md.append(" **").append(eb.count(kind)).append("** |");
        }
        md.append('\n');
        if (!plotFiles.isEmpty()) {
            md.append("\n## Precision-recall curves\n\n");
            for (Map.Entry<String, String> e : plotFiles.entrySet()) {
                md.append("![").append(mdCell(names.getOrDefault(e.getKey(), e.getKey()))).append("](").append(e.getValue())
                        .append(")\n");
            }
        }
        Path report = dir.resolve("report.md");
        AtomicFile.writeString(report, md.toString());
        written.add(report);
        return written;
    }

    /** A 640×480 precision-recall plot of the given curves. */
    static BufferedImage plot(String title, List<PrCurve> curves) {
        int w = 640, h = 480, left = 70, right = 20, top = 40, bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int pw = w - left - right, ph = h - top - bottom;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 10; i++) {
                int x = left + pw * i / 10, y = top + ph - ph * i / 10;
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(x, top, x, top + ph);
                g.drawLine(left, y, left + pw, y);
                g.setColor(Color.DARK_GRAY);
                String lbl = String.format(Locale.ROOT, "%.1f", i / 10.0);
                g.drawString(lbl, x - 9, top + ph + 16);
                g.drawString(lbl, left - 28, y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, top, pw, ph);
            g.drawString("recall", left + pw / 2 - 18, h - 25);
            g.rotate(-Math.PI / 2);
            g.drawString("precision", -(top + ph / 2 + 25), 25);
            g.rotate(Math.PI / 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, left, 25);
            g.setStroke(new BasicStroke(2f));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int c = 0; c < curves.size(); c++) {
                PrCurve pc = curves.get(c);
                double[] r = pc.recall(), p = pc.precision();
                g.setColor(PALETTE[c % PALETTE.length]);
                int px = -1, py = -1;
                for (int i = 0; i < r.length; i++) {
                    if (!Double.isFinite(r[i]) || !Double.isFinite(p[i])) {
                        continue;
                    }
                    int x = left + (int) Math.round(pw * Math.min(1, Math.max(0, r[i])));
                    int y = top + ph - (int) Math.round(ph * Math.min(1, Math.max(0, p[i])));
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    } else if (r.length == 1) {
                        g.fillOval(x - 3, y - 3, 6, 6);
                    }
                    px = x;
                    py = y;
                }
                g.drawLine(left + pw - 150, top + 18 + 16 * c, left + pw - 125, top + 18 + 16 * c);
                g.drawString(pc.label(), left + pw - 118, top + 22 + 16 * c);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * The plot file of the {@code index}-th class (1-based) of {@code count}: {@code pr_<index>_<name>.png},
     * the index zero-padded to the width of {@code count} and the name kept to ASCII letters, digits,
     * '.', '-' and '_' (others become '_', at most {@value #PLOT_NAME_CHARS} of them). The index alone
     * tells the files apart, so two classes never share a plot ("a,b" and "a_b", two CJK names), and
     * the name stays readable.
     */
    static String plotFileName(int index, int count, String classKey) {
        String safe = classKey.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > PLOT_NAME_CHARS) {
            safe = safe.substring(0, PLOT_NAME_CHARS);
        }
        String digits = String.format(Locale.ROOT, "%0" + Integer.toString(Math.max(index, count)).length() + "d", index);
        return "pr_" + digits + "_" + safe + ".png";
    }

    private static final int PLOT_NAME_CHARS = 60;

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String csvNum(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "";
    }

    private static String mdCell(String s) {
        return s.replace("|", "\\|");
    }
}
