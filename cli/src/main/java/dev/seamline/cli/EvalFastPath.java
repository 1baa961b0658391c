package dev.seamline.cli;

import dev.seamline.eval.ApMethod;
import dev.seamline.eval.Metric;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code seamline eval} without picocli, for the runs whose command line is plain: picocli's model of
 * a command is built by reflection on every run, ~0.2 s of CPU at the start of an eval that scores
 * 100,000 detections in about as much (its class files, version 49, cannot be archived for
 * class-data sharing; docs/benchmarks.md "Evaluation"). {@link #parse} takes only what picocli
 * would parse to the same options, unambiguously: each option of {@link EvalCommand} at most once,
 * as {@code --name value} or {@code --name=value}, every value converted as picocli's converters
 * convert it, the three required ones present. Anything else (help, an unknown or repeated option,
 * a value that starts with {@code -} or is empty, a value picocli would refuse, a missing option)
 * gives null, and {@link Main} hands the command line to picocli, whose messages and exit codes
 * stay the only ones. {@code EvalFastPathTest} checks that both parse to the same options.
 */
final class EvalFastPath {

    private EvalFastPath() {
    }

    /**
     * The eval command {@code args} (starting with {@code eval}) set up as picocli would set it up,
     * or null when picocli must parse them.
     */
    static EvalCommand parse(String[] args) {
        if (args.length == 0 || !"eval".equals(args[0])) {
            return null;
        }
        EvalCommand c = new EvalCommand();
        c.common = new CommonOptions();
        c.maxDets = 100; // the @Option's defaultValue
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (!seen.add(name)) {
                return null; // picocli: "should be specified only once"
            }
            if ("--verbose".equals(name) || "--xview-fix-recall".equals(name)) {
                if (value != null) {
                    return null;
                }
                if ("--verbose".equals(name)) {
                    c.common.verbose = true;
                } else {
                    c.xviewFixRecall = true;
                }
                continue;
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    return null;
                }
                value = args[++i];
            }
            if (value.isEmpty() || value.startsWith("-") || !set(c, name, value)) {
                return null;
            }
        }
        return c.metric != null && c.gt != null && c.pred != null ? c : null;
    }

    /** Sets option {@code name} of {@code c} to {@code value}; false when the name or the value is not one to take. */
    private static boolean set(EvalCommand c, String name, String value) {
        switch (name) {
            case "--metric" -> {
                Metric m = Metric.ofCliName(value);
                if (m == null) {
                    return false;
                }
                c.metric = m;
            }
            case "--ap" -> {
                ApMethod m = EvalCommand.apMethod(value);
                if (m == null) {
                    return false;
                }
                c.ap = m;
            }
            case "--max-dets" -> {
                // picocli: Integer.valueOf; plain digits that fit an int convert the same
                if (value.length() > 9) {
                    return false;
                }
                for (int k = 0; k < value.length(); k++) {
                    if (value.charAt(k) < '0' || value.charAt(k) > '9') {
                        return false;
                    }
                }
                c.maxDets = Integer.parseInt(value);
            }
            default -> {
                Path p;
                try {
                    p = Path.of(value); // picocli's Path converter: Paths.get(value)
                } catch (InvalidPathException e) {
                    return false;
                }
                switch (name) {
                    case "--gt" -> c.gt = p;
                    case "--pred" -> c.pred = p;
                    case "--classes" -> c.classes = p;
                    case "--imageset" -> c.imageset = p;
                    case "--ignore" -> c.ignore = p;
                    case "--json" -> c.json = p;
                    case "--report" -> c.report = p;
                    default -> {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
