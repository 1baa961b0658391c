package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seamline spark} where Spark is not on the classpath (the cli's tests and distribution carry
 * none): one line saying how to get it, exit 2, nothing written. The job itself is tested in the
 * spark module, where Spark is.
 */
class SparkCommandTest {

    @TempDir
    Path dir;

    @Test
    void withoutSparkItSaysHowToGetItAndExits2WritingNothing() throws Exception {
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"spark", dir.resolve("scene.tif").toString(), "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(ExitCodes.BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("Spark is not on the classpath: run ./seamline spark"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(out));
    }
}
