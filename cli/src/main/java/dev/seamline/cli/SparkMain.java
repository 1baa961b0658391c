package dev.seamline.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The Spark job's main class for {@code spark-submit}: {@code seamline spark} with the arguments given
 * ({@code spark-submit --class dev.seamline.cli.SparkMain seamline-spark-job.jar SCENE... --out DIR
 * [detect's options]}); the master is the submission's. It returns normally when the run succeeds, so
 * that Spark ends the application itself, and exits with {@code seamline}'s code otherwise (1 failure,
 * 2 bad input or usage).
 */
public final class SparkMain {

    private SparkMain() {
    }

    /** Runs {@code seamline spark ARGS}. */
    public static void main(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "spark";
        System.arraycopy(args, 0, all, 1, args.length);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Main.run(all, out, err);
        out.flush();
        err.flush();
        if (code != 0) {
            System.exit(code);
        }
    }
}
