package dev.seamline.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.formats.text.TextLines;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TextLines#read}: the lines {@link BufferedReader#readLine} gives, and a bound on a line's length. */
class TextLinesTest {

    @TempDir
    Path dir;

    @Test
    void linesAreThoseOfReadLineForEveryLineEnd() throws Exception {
        Random rnd = new Random(14);
        String alphabet = "ab \t\r\n\uFEFF\u8f66";
        for (int trial = 0; trial < 2000; trial++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(trial < 1000 ? 12 : 20_000);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            List<String> expected = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new StringReader(text))) {
                for (String s; (s = r.readLine()) != null;) {
                    expected.add(expected.isEmpty() && s.startsWith("\uFEFF") ? s.substring(1) : s);
                }
            }
            Path f = dir.resolve("t.txt");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            List<String> got = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            TextLines.read(f, (s, k) -> {
                got.add(s);
                numbers.add(k);
            });
            assertEquals(expected, got, "text " + text.replace("\r", "\\r").replace("\n", "\\n"));
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(i + 1, numbers.get(i));
            }
        }
    }

    @Test
    void finding7_aLineWithoutEndIsRefusedBeforeItFillsTheHeap() throws Exception {
        Path f = dir.resolve("P1.txt");
        Files.writeString(f, "10 10 20 10 20 20 10 20 car 0\n" + "1".repeat(TextLines.MAX_LINE_CHARS + 1));
        BadInputException e = assertThrows(BadInputException.class, () -> TextLines.read(f, (s, n) -> { }));
        assertTrue(e.getMessage().startsWith(f + ": line 2 is longer than 8 M characters"), e.getMessage());
    }
}
