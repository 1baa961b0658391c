package dev.seamline.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The two behaviours the four former escapers had, pinned. */
class PrintableTest {

    @Test
    void escapeWritesControlsAndLineSeparatorsAsUnicodeEscapesAndCutsAt80() {
        assertEquals("a\\u000ab\\u001b[31m\\u0085\\u2028\\u2029é", Printable.escape("a\nb\u001b[31m\u0085\u2028\u2029é"));
        assertEquals("plain", Printable.escape("plain"));
        assertEquals("x".repeat(79), Printable.escape("x".repeat(79)));
        assertEquals("x".repeat(80) + "…", Printable.escape("x".repeat(200)));
        assertEquals("x".repeat(78) + "\\u0000…", Printable.escape("x".repeat(78) + "\u0000" + "y".repeat(10)),
                "an escape is never split; the text may pass 80 by its last escape");
    }

    @Test
    void maskReplacesAsciiControlsWithQuestionMarksAtFullLength() {
        assertEquals("line 1?line 2???", Printable.mask("line 1\nline 2\r\t\u007f"));
        assertEquals("a?b?c", Printable.mask("a\u0000b\u001bc"));
        assertEquals("\u0085\u2028", Printable.mask("\u0085\u2028"), "only ASCII controls");
        assertEquals("y".repeat(200), Printable.mask("y".repeat(200)));
    }
}
