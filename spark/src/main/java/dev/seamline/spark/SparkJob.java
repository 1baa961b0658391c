package dev.seamline.spark;

import dev.seamline.core.SeamlineException;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The job's entry for callers that do not see Spark's classes (the {@code seamline spark} command, whose
 * distribution carries no Spark): it gets the session, runs {@link SparkDetect}, and stops a session it
 * started. Under {@code spark-submit} the session and its master come from the submission; otherwise the
 * session is a local one in this JVM.
 *
 * <p>Thread-safe as {@link SparkDetect} is.
 */
public final class SparkJob {

    /** The class whose presence says Spark is on the classpath. */
    public static final String SPARK_CLASS = "org.apache.spark.sql.SparkSession";

    private SparkJob() {
    }

    /** True when Spark's classes can be loaded. */
    public static boolean sparkPresent() {
        try {
            Class.forName(SPARK_CLASS, false, SparkJob.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Opens the first scene on a daemon thread while the session starts, and drops it: the first CRS of a
     * JVM initialises Apache SIS and its EPSG database (measured: 4–5 s quiet, 24 s at load 17, most of
     * the driver's planning), which the session's own start (3–5 s) then hides. Errors are left to the
     * planning, which opens the scene again.
     */
    private static void warmGeoreferencing(String scene) {
        Thread t = new Thread(() -> {
            try (dev.seamline.geo.Scene s = dev.seamline.geo.Scene.open(java.nio.file.Path.of(scene))) {
                s.groundSampleDistance();
            } catch (Exception | LinkageError e) {
                // the planning reports it
            }
        }, "seamline-warm-georeferencing");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Runs {@code request}.
     *
     * @param master the master for a session this call starts ({@code local[2]}, {@code yarn} …); empty: the
     *               submission's ({@code spark.master}), or {@code local[*]} outside {@code spark-submit}
     */
    public static SparkDetect.Outcome run(Optional<String> master, SparkDetect.Request request) throws SeamlineException {
        boolean submitted = System.getProperty("spark.master") != null;
        boolean existed = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession.Builder builder = SparkSession.builder().appName("seamline");
        if (master.isPresent()) {
            builder.master(master.get());
        } else if (!submitted) {
            builder.master("local[*]");
        }
        if (!submitted) {
            builder.config("spark.ui.enabled", "false");
        }
        if (!existed && !request.scenes().isEmpty()) {
            warmGeoreferencing(request.scenes().get(0));
        }
        long t0 = System.nanoTime();
        SparkSession spark = builder.getOrCreate();
        double session = existed ? 0 : (System.nanoTime() - t0) / 1e9;
        try {
            SparkDetect.Outcome outcome = SparkDetect.run(spark, request);
            return new SparkDetect.Outcome(outcome.summary(), outcome.stats().withSessionSeconds(session));
        } finally {
            if (!existed && !submitted) {
                spark.stop();
            }
        }
    }
}
