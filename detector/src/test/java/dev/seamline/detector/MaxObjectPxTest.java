package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seamline.core.BadInputException;
import dev.seamline.detector.builtin.BuiltinModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code max_object_px}: optional, a positive integer, written back by {@link ModelBundle#writeTo}, stated by the built-in bundle. */
class MaxObjectPxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path bundle(Consumer<ObjectNode> edit) throws IOException {
        Path dir = Files.createTempDirectory(temp, "boxes");
        Files.copy(Fixtures.folder("boxes").resolve("model.pt"), dir.resolve("model.pt"));
        ObjectNode json = (ObjectNode) JSON.readTree(Fixtures.folder("boxes").resolve("model.json").toFile());
        edit.accept(json);
        JSON.writeValue(dir.resolve("model.json").toFile(), json);
        return dir;
    }

    @Test
    void absentIsEmptyAndStatedIsRead() throws Exception {
        assertEquals(OptionalInt.empty(), ModelBundle.load(bundle(j -> { })).maxObjectPx());
        ModelBundle b = ModelBundle.load(bundle(j -> j.put("max_object_px", 200)));
        assertEquals(OptionalInt.of(200), b.maxObjectPx());
        Path copy = temp.resolve("copy");
        assertEquals(OptionalInt.of(200), b.writeTo(copy).maxObjectPx());
        assertTrue(Files.readString(copy.resolve("model.json")).contains("\"max_object_px\" : 200"));
    }

    @Test
    void aBadValueIsOneLineNamingTheField() throws Exception {
        for (Consumer<ObjectNode> edit : java.util.List.<Consumer<ObjectNode>>of(j -> j.put("max_object_px", 0),
                j -> j.put("max_object_px", -5), j -> j.put("max_object_px", 12.5), j -> j.put("max_object_px", "big"))) {
            Path dir = bundle(edit);
            BadInputException e = assertThrows(BadInputException.class, () -> ModelBundle.load(dir));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("max_object_px: expected an integer"),
                    e.getMessage());
        }
    }

    @Test
    void theBuiltInBundleStatesIt() throws Exception {
        if (!BuiltinModel.isAvailable()) {
            return;
        }
        // 305 = ceil(hypot(60, 69) m / 0.3 m): samples.SyntheticClass.maxObjectPixels(0.3), checked there and in
        // the pipeline's tests against the generator's objects
        assertEquals(OptionalInt.of(305), ModelBundle.load(BuiltinModel.bundle()).maxObjectPx());
    }
}
