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
