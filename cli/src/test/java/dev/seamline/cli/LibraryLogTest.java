package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A bad file gets one line on stderr: what Apache SIS logs about it (java.util.logging warnings,
 * printed by the JDK's console handler) stays out unless {@code --verbose}.
 */
class LibraryLogTest {

    /** A GeoTIFF whose user-defined CRS keys are empty: SIS warns, Seamline refuses it. */
    private static final Path FILE = Path.of("").toAbsolutePath().getParent()
            .resolve("geo/src/test/resources/dev/seamline/geo/corpus/geokeys_user_defined_empty.tif");

    @Test
    void sisWarningsShowOnlyWithVerbose() {
        assertTrue(Files.isRegularFile(FILE), FILE + " (geo's corpus) is missing");
        List<LogRecord> published = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue() && r.getLoggerName().startsWith("org.apache.sis")) {
                    published.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(recorder);
        try {
            assertEquals(ExitCodes.BAD_INPUT, run("info", FILE.toString()));
            assertEquals(List.of(), published.stream().map(LogRecord::getMessage).toList(), "SIS logged without --verbose");
            assertEquals(ExitCodes.BAD_INPUT, run("info", "--verbose", FILE.toString()));
            assertTrue(!published.isEmpty(), "with --verbose SIS's warning about the file shows (else this test proves nothing)");
        } finally {
            root.removeHandler(recorder);
            run("info", "--help"); // leave the level as a plain run sets it
        }
    }

    @Test
    void verboseIsTheParsedOptionNotAnArgumentThatSpellsIt() {
        Logger sis = Logger.getLogger("org.apache.sis");
        try {
            assertEquals(ExitCodes.BAD_INPUT, run("info", "--verbose", FILE.toString()));
            assertEquals(null, sis.getLevel(), "--verbose lets SIS log");
            assertEquals(ExitCodes.BAD_INPUT, run("info", "--", "--verbose"));
            assertEquals(Level.SEVERE, sis.getLevel(), "a scene named --verbose is no --verbose");
        } finally {
            run("info", "--help");
        }
    }

    private static int run(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
