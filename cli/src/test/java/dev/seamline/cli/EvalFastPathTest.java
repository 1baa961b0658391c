package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@link EvalFastPath} parses to exactly the options picocli parses, and leaves everything else to picocli. */
class EvalFastPathTest {

    private static final PrintWriter SINK = new PrintWriter(new StringWriter());

    /** The eval command picocli sets up from {@code args}. */
    private static EvalCommand picocli(String... args) {
        CommandLine cl = CommandLines.of(SINK, SINK, "eval");
        cl.parseArgs(args);
        return cl.getSubcommands().get("eval").getCommand();
    }

    /** Every option field of an eval command, for comparison. */
    private static List<Object> options(EvalCommand c) {
        return Arrays.asList(c.metric, c.gt, c.pred, c.classes, c.imageset, c.ap, c.xviewFixRecall, c.maxDets, c.ignore,
                c.json, c.report, c.common.verbose(), c.help);
    }

    private static void assertSameAsPicocli(String... args) {
        EvalCommand fast = EvalFastPath.parse(args);
        assertNotNull(fast, String.join(" ", args));
        assertEquals(options(picocli(args)), options(fast), String.join(" ", args));
    }

    @Test
    void plainCommandLinesParseAsPicocliParsesThem() {
        assertSameAsPicocli("eval", "--metric", "coco", "--gt", "gt.json", "--pred", "res.json");
        assertSameAsPicocli("eval", "--pred", "r.json", "--metric=COCO", "--gt=g.json", "--json", "out/v.json", "--verbose");
        assertSameAsPicocli("eval", "--metric", "dota-task2", "--gt", "labelTxt", "--pred", "det", "--ap", "all-points",
                "--classes", "c.txt", "--imageset", "i.txt", "--report", "rep");
        assertSameAsPicocli("eval", "--metric", "xview", "--gt", "x.geojson", "--pred", "p", "--xview-fix-recall");
        assertSameAsPicocli("eval", "--metric", "coco", "--gt", "g.json", "--pred", "r.json", "--max-dets", "100000");
        assertSameAsPicocli("eval", "--metric", "coco", "--gt", "g.json", "--pred", "r.json", "--max-dets=007");
        assertSameAsPicocli("eval", "--metric", "coco", "--gt", "g.json", "--pred", "r.json", "--max-dets", "3");
        assertSameAsPicocli("eval", "--metric", "safe-passage", "--gt", "a b.csv", "--pred", "p=q.csv", "--ignore", "l.csv");
        assertSameAsPicocli("eval", "--metric", "coco", "--gt=a=b.json", "--pred", "r.json", "--ap", "VOC07");
    }

    @Test
    void everyOptionOfTheModelIsTakenByTheFastPath() {
        CommandLine.Model.CommandSpec spec = CommandLines.of(SINK, SINK, "eval").getSubcommands().get("eval")
                .getCommandSpec();
        String[] values = {"--metric", "coco", "--gt", "g.json", "--pred", "r.json"};
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            if (o.usageHelp()) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("eval"));
            args.addAll(List.of(values));
            String name = o.longestName();
            if (!List.of(values).contains(name)) {
                args.add(name);
                if (o.arity().max() > 0) {
                    args.add(name.equals("--ap") ? "voc07" : name.equals("--max-dets") ? "50" : "x");
                }
            }
            assertSameAsPicocli(args.toArray(String[]::new));
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        String[] base = {"--metric", "coco", "--gt", "g.json", "--pred", "r.json"};
        String[][] extras = {{"--help"}, {"-h"}, {"--gt", "again.json"}, {"--max-dets", "0x10"}, {"--max-dets", "+5"},
            {"--max-dets", "-5"}, {"--max-dets", "9999999999"}, {"--max-dets"}, {"--json", "-out.json"}, {"--json", ""},
            {"--foo"}, {"extra"}, {"--verbose=true"}, {"--ap", "eleven"}, {"--"}, {"--verbose", "--verbose"}};
        for (String[] extra : extras) {
            List<String> args = new ArrayList<>(List.of("eval"));
            args.addAll(List.of(base));
            args.addAll(List.of(extra));
            assertNull(EvalFastPath.parse(args.toArray(String[]::new)), String.join(" ", args));
        }
        assertNull(EvalFastPath.parse(new String[] {"eval", "--metric", "nope", "--gt", "g", "--pred", "p"}));
        assertNull(EvalFastPath.parse(new String[] {"eval", "--metric", "coco", "--gt", "g"}));
        assertNull(EvalFastPath.parse(new String[] {"eval", "--metric", "coco", "--gt", "nul\0l", "--pred", "p"}));
        assertNull(EvalFastPath.parse(new String[] {"eval"}));
        assertNull(EvalFastPath.parse(new String[] {"detect", "--metric", "coco", "--gt", "g", "--pred", "p"}));
        assertNull(EvalFastPath.parse(new String[0]));
    }

    @Test
    void errorsOfTheFastPathAreThoseOfPicocliRuns() {
        // --max-dets 3 passes both parsers and is refused by the command itself: one line, exit code 2, either way
        String[] args = {"eval", "--metric", "coco", "--gt", "missing.json", "--pred", "r.json", "--max-dets", "3"};
        StringWriter out = new StringWriter(), err = new StringWriter();
        int fast = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        StringWriter err2 = new StringWriter();
        int slow = CommandLines.of(SINK, new PrintWriter(err2, true), "eval").execute(args);
        assertEquals(2, fast);
        assertEquals(slow, fast);
        assertEquals(err2.toString(), err.toString());
        // and a missing file
        args = new String[] {"eval", "--metric", "coco", "--gt", "missing.json", "--pred", "r.json"};
        err = new StringWriter();
        err2 = new StringWriter();
        assertEquals(CommandLines.of(SINK, new PrintWriter(err2, true), "eval").execute(args),
                Main.run(args, SINK, new PrintWriter(err, true)));
        assertEquals(err2.toString(), err.toString());
    }
}
