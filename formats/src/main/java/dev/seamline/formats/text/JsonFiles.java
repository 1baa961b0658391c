package dev.seamline.formats.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.seamline.core.BadInputException;
import dev.seamline.core.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The JSON readers' one factory and the opening of a file under it, without Jackson's object mapper
 * (which {@link JsonInput} holds). Stateless and thread-safe.
 */
final class JsonFiles {

    /**
     * Default settings, but decimal numbers parsed by Jackson's fast double parser (FastDoubleParser:
     * the correctly rounded double, as {@code Double.parseDouble} and Python's {@code float} give it,
     * in about half the time).
     */
    static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private JsonFiles() {
    }

    /** What a reader does with the open parser; I/O and JSON errors become {@link #parse}'s one line. */
    interface ParserBody<T> {
        T read(JsonParser p) throws IOException, BadInputException;
    }

    /**
     * Opens {@code file} (a regular file only) and runs {@code body} on its parser; a malformed file, a
     * missing one or a read error becomes one {@link BadInputException} naming the file.
     */
    static <T> T parse(Path file, ParserBody<T> body) throws BadInputException {
        InputFiles.requireRegularFile(file);
        try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
            return body.read(p);
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The line (1-based) of the parser's current token. */
    static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static BadInputException malformed(Path file, JsonProcessingException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().lines().findFirst().orElse("");
        return new BadInputException(file, (line > 0 ? "line " + line + ": " : "") + "malformed JSON: " + msg, e);
    }
}
