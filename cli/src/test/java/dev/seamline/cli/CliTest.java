package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.cli.ExitCodes;
import dev.seamline.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The real {@code seamline} command, run in-process with captured output. */
class CliTest {

    record Result(int code, String out, String err) {
    }

    static Result seamline(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Result r = seamline("--help");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("Commands:"), r.out());
        assertTrue(r.out().contains("demo"), r.out());
    }

    @Test
    void versionNamesSeamlineAndJava() {
        Result r = seamline("--version");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().startsWith("seamline "), r.out());
        assertTrue(!r.out().contains("${project.version}"), "version must be filtered in by the build: " + r.out());
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        Result r = seamline("--no-such-option");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--no-such-option"), r.err());
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertEquals(ExitCodes.BAD_INPUT, seamline().code());
    }
}
