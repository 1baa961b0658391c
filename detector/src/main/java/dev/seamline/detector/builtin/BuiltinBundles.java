package dev.seamline.detector.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.SeamlineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained built-in network as a model bundle (the {@code model.json} fields that
 * {@code dev.seamline.detector.ModelBundle} documents): the DJL parameters as {@code model.params},
 * the CenterNet decoder, the built-in normalisation ({@link BuiltinNormalization}) and the class
 * catalog. Each file is written aside and renamed; {@code model.json} comes last, so a bundle that
 * has one is complete.
 */
public final class BuiltinBundles {

    /** The weights' file name inside a built-in bundle. */
    public static final String WEIGHTS = "model.params";

    /** What the bundle says about the model besides its weights. Immutable. */
    public record Description(String name, String version, String architecture, ClassCatalog classes, int inputSize,
            double gsdMetres, double scoreThreshold, int maxDetections, String description) {
    }

    private BuiltinBundles() {
    }

    /**
     * Writes the bundle folder (created if needed; files of an older bundle there are replaced).
     *
     * @param folder the bundle folder
     * @param params parameters written by {@link CenterNetTrainer#train}
     */
    public static void write(Path folder, Path params, Description d) throws SeamlineException {
        try {
            Files.createDirectories(folder);
            Path weights = folder.resolve(WEIGHTS);
            Path tmp = Files.createTempFile(folder, WEIGHTS, ".tmp");
            Files.copy(params, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, weights, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", d.name());
            json.put("version", d.version());
            json.put("description", d.description());
            json.put("decoder", "CENTERNET");
            json.put("architecture", "builtin:" + d.architecture());
            json.put("weights", WEIGHTS);
            json.put("weights_sha256", sha256(weights));
            json.put("input", Map.of("width", d.inputSize(), "height", d.inputSize(), "bands", List.of(1, 2, 3)));
            float mean = BuiltinNormalization.MEAN, std = BuiltinNormalization.STD;
            Map<String, Object> norm = new LinkedHashMap<>();
            norm.put("scale", (double) BuiltinNormalization.SCALE);
            norm.put("mean", List.of(mean, mean, mean));
            norm.put("std", List.of(std, std, std));
            json.put("normalization", norm);
            List<Map<String, Object>> classes = new ArrayList<>();
            for (ObjectClass c : d.classes().classes()) {
                classes.add(Map.of("id", c.id(), "name", c.name()));
            }
            json.put("classes", classes);
            json.put("gsd_m", d.gsdMetres());
            json.put("score_threshold", d.scoreThreshold());
            json.put("max_detections", d.maxDetections());
            json.put("output_stride", BuiltinArchitectures.outputStride(d.architecture()));
            Path jtmp = Files.createTempFile(folder, "model.json", ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jtmp.toFile(), json);
            Files.move(jtmp, folder.resolve("model.json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SeamlineException(folder + ": cannot write the model bundle: " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
