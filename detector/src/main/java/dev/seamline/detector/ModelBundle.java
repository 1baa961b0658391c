package dev.seamline.detector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seamline.core.BadInputException;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.ClassNames;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.core.io.InputFiles;
import dev.seamline.core.io.Printable;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model bundle: a folder (or a zip of one) holding {@code model.json} and the weights it names.
 * {@link #load(Path)} reads and checks every field, and the weights' sha256, and says exactly what
 * is wrong ({@link BadInputException} naming the file and the field, what was expected and what was
 * found). The fields of {@code model.json}:
 *
 * <pre>
 * name, version            strings
 * decoder                  YOLOV5 | YOLOV8 | YOLOV8_OBB | TORCHVISION | CENTERNET | BOXES | OBB_BOXES ({@link Decoder})
 * architecture             "torchscript" (default: weights are a TorchScript .pt), "onnx" (weights are
 *                          an .onnx file run by ONNX Runtime) or "builtin:&lt;name&gt;" (weights are DJL
 *                          .params of a built-in network)
 * weights, weights_sha256  the weights' file name (relative to the bundle) and its sha256, hex
 * input.width, .height     the model's input size, pixels; tiles up to this size are zero-padded at
 *                          the right and bottom
 * input.bands              scene bands (1-based, as GDAL counts) feeding input channels 0, 1, …
 * normalization            one of scale | range [low, high] | percentile [low, high]; then
 *                          mean, std (one per channel; default 0 and 1) — see {@link Normalization}
 * classes                  ["car", …] (ids 0, 1, …) or [{"id": 1, "name": "car"}, …]
 * gsd_m                    metres per pixel the model was trained at (optional)
 * max_object_px            the largest object the model finds, model pixels: the most it spans across or
 *                          down (for objects at any angle, the diagonal of the largest box); the default
 *                          overlap is at least this, so that every object lies whole in some tile (optional)
 * resample                 resample scenes of another GSD to gsd_m (default true; the pipeline does it)
 * score_threshold          default score threshold, 0…1 (default 0.25); kept when score &gt; threshold
 * nms_iou                  IoU above which the class-wise NMS drops a box (YOLO decoders; default 0.45)
 * nms                      YOLOV8_OBB only: "probiou" (default; Ultralytics' fast NMS on probabilistic
 *                          IoU, a box dropped at probiou &ge; nms_iou) or "polygon" (greedy NMS on the
 *                          rectangles' exact IoU, dropped above nms_iou) — see {@link OrientedNms}
 * max_detections           most detections per tile (default 300; CenterNet's top-K)
 * resize                   how a whole image smaller than the input is fed: "pad" (default; zero-padded at
 *                          the right and bottom, as every tile is) or "letterbox" (Ultralytics' predict:
 *                          scaled up, centred on grey 114) — see {@link InputResize}
 * output_stride            input pixels per output cell (CENTERNET; default 4)
 * </pre>
 *
 * Immutable and thread-safe.
 *
 * <p>Why one type of this length: a bundle is one value read from a folder or a zip of one, and every
 * field's check and one-line message sits next to the field it guards, so that what {@code model.json}
 * may hold is read in one file.
 *
 * @param source          the folder, zip or model.json the bundle was loaded from
 * @param weights         the weights file (extracted to a temporary folder for a zip)
 * @param name            the model's name
 * @param version         the model's version
 * @param decoder         the output layout
 * @param architecture    {@code torchscript} or {@code builtin:<name>}
 * @param inputWidth      model input width, pixels
 * @param inputHeight     model input height, pixels
 * @param bands           scene band (1-based) for each input channel
 * @param normalization   raw samples to input values
 * @param classes         the class catalog
 * @param gsd             metres per pixel the model was trained at, if stated
 * @param resample        whether scenes of another GSD are resampled to {@code gsd}
 * @param scoreThreshold  default score threshold
 * @param nmsIou          class-wise NMS IoU threshold (YOLO decoders)
 * @param maxDetections   most detections per tile
 * @param outputStride    input pixels per output cell (CenterNet)
 * @param weightsSha256   the weights' sha256, lower-case hex, verified on load
 * @param maxObjectPx     the largest object's extent, model pixels, if stated
 * @param orientedNms     how YOLOV8_OBB suppresses overlapping rotated boxes
 * @param resize          how a whole image smaller than the input is fed
 */
public record ModelBundle(Path source, Path weights, String name, String version, Decoder decoder, String architecture,
        int inputWidth, int inputHeight, List<Integer> bands, Normalization normalization, ClassCatalog classes,
        OptionalDouble gsd, boolean resample, double scoreThreshold, double nmsIou, int maxDetections,
        int outputStride, String weightsSha256, OptionalInt maxObjectPx, OrientedNms orientedNms,
        InputResize resize) {

    /** The descriptor's file name inside a bundle. */
    public static final String DESCRIPTOR = "model.json";
    /** The architecture of TorchScript bundles. */
    public static final String TORCHSCRIPT = "torchscript";
    /** The architecture of ONNX bundles. */
    public static final String ONNX = "onnx";
    /** Prefix of built-in architectures. */
    public static final String BUILTIN_PREFIX = "builtin:";

    private static final Set<String> FIELDS = Set.of("name", "version", "decoder", "architecture", "weights",
            "weights_sha256", "input", "normalization", "classes", "gsd_m", "resample", "score_threshold", "nms_iou",
            "max_detections", "output_stride", "description", "license", "max_object_px", "nms", "resize");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest {@code model.json} read, bytes: a descriptor is a few KB; a bigger one is refused unread. */
    static final int MAX_DESCRIPTOR_BYTES = 1 << 20;
    /** The largest class id and band number a descriptor may name (decoders size arrays by them). */
    static final int MAX_CLASS_ID = 65_535, MAX_BAND = 65_535;
    /**
     * The most bytes one input tile may take as 32-bit floats (width × height × bands × 4): below 2^31,
     * so that no tile's array or index overflows. Whether a batch of such tiles fits this machine is
     * {@link MemoryBudget}'s question, asked when a detector opens.
     */
    static final long MAX_TILE_BYTES = (1L << 31) - 1;

    /** Checks the components' own consistency; {@link #load} gives file-naming messages first. */
    public ModelBundle {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(gsd, "gsd");
        Objects.requireNonNull(maxObjectPx, "maxObjectPx");
        if (maxObjectPx.isPresent() && maxObjectPx.getAsInt() < 1) {
            throw new IllegalArgumentException("max_object_px must be positive, was " + maxObjectPx.getAsInt());
        }
        Objects.requireNonNull(orientedNms, "orientedNms");
        Objects.requireNonNull(resize, "resize");
        bands = List.copyOf(bands);
        if (bands.isEmpty() || normalization.channels() != bands.size()) {
            throw new IllegalArgumentException("normalization has " + normalization.channels() + " channels, bands "
                    + bands.size());
        }
    }

    /**
     * A bundle that does not state its largest object ({@code max_object_px}), with the default
     * suppression of its decoder ({@link OrientedNms#defaultFor}): the components before them.
     */
    public ModelBundle(Path source, Path weights, String name, String version, Decoder decoder, String architecture,
            int inputWidth, int inputHeight, List<Integer> bands, Normalization normalization, ClassCatalog classes,
            OptionalDouble gsd, boolean resample, double scoreThreshold, double nmsIou, int maxDetections,
            int outputStride, String weightsSha256) {
        this(source, weights, name, version, decoder, architecture, inputWidth, inputHeight, bands, normalization,
                classes, gsd, resample, scoreThreshold, nmsIou, maxDetections, outputStride, weightsSha256,
                OptionalInt.empty(), OrientedNms.defaultFor(decoder), InputResize.PAD);
    }

    /**
     * A bundle stating (or, empty, not stating) its largest object, with the default suppression of its
     * decoder: the components before {@code orientedNms}.
     */
    public ModelBundle(Path source, Path weights, String name, String version, Decoder decoder, String architecture,
            int inputWidth, int inputHeight, List<Integer> bands, Normalization normalization, ClassCatalog classes,
            OptionalDouble gsd, boolean resample, double scoreThreshold, double nmsIou, int maxDetections,
            int outputStride, String weightsSha256, OptionalInt maxObjectPx) {
        this(source, weights, name, version, decoder, architecture, inputWidth, inputHeight, bands, normalization,
                classes, gsd, resample, scoreThreshold, nmsIou, maxDetections, outputStride, weightsSha256, maxObjectPx,
                OrientedNms.defaultFor(decoder), InputResize.PAD);
    }

    /** A bundle padding whole images smaller than its input ({@link InputResize#PAD}): the components before it. */
    public ModelBundle(Path source, Path weights, String name, String version, Decoder decoder, String architecture,
            int inputWidth, int inputHeight, List<Integer> bands, Normalization normalization, ClassCatalog classes,
            OptionalDouble gsd, boolean resample, double scoreThreshold, double nmsIou, int maxDetections,
            int outputStride, String weightsSha256, OptionalInt maxObjectPx, OrientedNms orientedNms) {
        this(source, weights, name, version, decoder, architecture, inputWidth, inputHeight, bands, normalization,
                classes, gsd, resample, scoreThreshold, nmsIou, maxDetections, outputStride, weightsSha256, maxObjectPx,
                orientedNms, InputResize.PAD);
    }

    /** This bundle with another oriented suppression rule. */
    public ModelBundle withOrientedNms(OrientedNms rule) {
        return new ModelBundle(source, weights, name, version, decoder, architecture, inputWidth, inputHeight, bands,
                normalization, classes, gsd, resample, scoreThreshold, nmsIou, maxDetections, outputStride,
                weightsSha256, maxObjectPx, rule, resize);
    }

    /** This bundle feeding whole images smaller than its input as {@code mode} says. */
    public ModelBundle withResize(InputResize mode) {
        return new ModelBundle(source, weights, name, version, decoder, architecture, inputWidth, inputHeight, bands,
                normalization, classes, gsd, resample, scoreThreshold, nmsIou, maxDetections, outputStride,
                weightsSha256, maxObjectPx, orientedNms, mode);
    }

    /** True for weights run by ONNX Runtime ({@code "architecture": "onnx"}). */
    public boolean isOnnx() {
        return architecture.equals(ONNX);
    }

    /** Number of input channels. */
    public int channels() {
        return bands.size();
    }

    /** True for a network Seamline builds itself ({@code builtin:<name>}). */
    public boolean isBuiltin() {
        return architecture.startsWith(BUILTIN_PREFIX);
    }

    /** The built-in architecture's name, or empty for TorchScript. */
    public String builtinName() {
        return isBuiltin() ? architecture.substring(BUILTIN_PREFIX.length()) : "";
    }

    /** The largest class id of the catalog plus one: the class count a model's output must have. */
    int classSlots() {
        int max = -1;
        for (ObjectClass c : classes.classes()) {
            max = Math.max(max, c.id());
        }
        return max + 1;
    }

    /**
     * Reads and checks a bundle.
     *
     * @param path a bundle folder, its {@code model.json}, or a {@code .zip} of the folder
     * @throws BadInputException naming the file and the field when anything is missing or wrong
     */
    public static ModelBundle load(Path path) throws BadInputException {
        if (!Files.exists(path)) {
            throw new BadInputException(path, "no such model bundle (expected a folder with " + DESCRIPTOR
                    + ", or a .zip of one)");
        }
        if (!Files.isDirectory(path)) {
            InputFiles.requireRegularFile(path);
            if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                return BundleZip.load(path);
            }
        }
        Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path descriptor = Files.isDirectory(path) ? path.resolve(DESCRIPTOR) : path;
        if (!Files.exists(descriptor)) {
            throw new BadInputException(descriptor, "missing: a model bundle needs " + DESCRIPTOR);
        }
        InputFiles.requireRegularFile(descriptor);
        byte[] json;
        try {
            json = readDescriptor(Files.newInputStream(descriptor), descriptor);
        } catch (IOException e) {
            throw new BadInputException(descriptor, "cannot read: " + e.getMessage(), e);
        }
        return parse(path, descriptor, json, (name, sha) -> inFolder(descriptor, folder, name, sha));
    }

    /**
     * The weights {@code name} of a folder bundle, checked to stay inside the folder (no absolute path, no
     * {@code ..}, no link leading out) and to be a regular file with the sha256 {@code model.json} gives.
     */
    private static Path inFolder(Path descriptor, Path folder, String name, String sha) throws BadInputException {
        String relative = insideName(descriptor, name);
        Path weights;
        try {
            weights = folder.resolve(relative);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(descriptor, "weights: \"" + Printable.escape(name) + "\" is not a valid file name ("
                    + e.getReason() + ")");
        }
        if (!Files.exists(weights)) {
            throw new BadInputException(weights, "missing: " + descriptor.getFileName() + " names it as the weights");
        }
        if (Files.isDirectory(weights)) {
            throw new BadInputException(weights, "missing: " + descriptor.getFileName() + " names it as the weights, "
                    + "and it is a folder");
        }
        try {
            if (!weights.toRealPath().startsWith(folder.toRealPath())) {
                throw new BadInputException(descriptor, "weights: \"" + Printable.escape(name) + "\" is a link leading out "
                        + "of the bundle; every file a bundle names stays inside its folder");
            }
        } catch (IOException e) {
            throw new BadInputException(weights, "cannot be read (" + e.getMessage() + ")", e);
        }
        InputFiles.requireRegularFile(weights);
        String actual = sha256(weights);
        if (!actual.equals(sha)) {
            throw new BadInputException(weights, "sha256 mismatch: " + DESCRIPTOR + " expects " + sha + ", the file has "
                    + actual);
        }
        return weights;
    }

    /**
     * {@code name} as a path relative to the bundle, '/'-separated: refused when absolute or when a
     * {@code ..} would lead out of the bundle (a bundle's files stay inside it, so a stranger's bundle
     * cannot make Seamline read, hash and report on {@code /etc/shadow}).
     */
    static String insideName(Path descriptor, String name) throws BadInputException {
        String n = name.replace('\\', '/');
        boolean absolute = n.startsWith("/") || n.matches("^[A-Za-z]:.*");
        boolean up = java.util.Arrays.asList(n.split("/")).contains("..");
        if (absolute || up) {
            throw new BadInputException(descriptor, "weights: expected a file name inside the bundle, found \""
                    + Printable.escape(name) + "\" (" + (absolute ? "an absolute path" : "'..' leads out of the bundle")
                    + ")");
        }
        String cleaned = java.util.Arrays.stream(n.split("/")).filter(s -> !s.isEmpty() && !s.equals("."))
                .collect(java.util.stream.Collectors.joining("/"));
        if (cleaned.isEmpty()) {
            throw new BadInputException(descriptor, "weights: expected a file name inside the bundle, found \""
                    + Printable.escape(name) + "\"");
        }
        return cleaned;
    }

    /**
     * Reads a descriptor, refusing one over {@link #MAX_DESCRIPTOR_BYTES} without reading it all (a zip
     * entry's declared size can lie, so the bytes are counted as they come). Closes the stream.
     */
    static byte[] readDescriptor(InputStream stream, Path named) throws IOException, BadInputException {
        try (InputStream in = stream) {
            byte[] b = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
            if (b.length > MAX_DESCRIPTOR_BYTES) {
                throw new BadInputException(named, DESCRIPTOR + " is over " + (MAX_DESCRIPTOR_BYTES >> 20)
                        + " MB; a model descriptor is a few KB of JSON");
            }
            return b;
        }
    }

    /** Finds, checks and hashes the weights a descriptor names; returns the file to load. */
    interface WeightsLocator {
        Path locate(String name, String sha256) throws BadInputException;
    }

    static ModelBundle parse(Path source, Path file, byte[] json, WeightsLocator locator) throws BadInputException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new BadInputException(file, "not valid JSON: " + m, e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode)) {
            throw new BadInputException(file, "expected a JSON object, found " + kind(root));
        }
        Fields f = new Fields(file);
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new BadInputException(file, "unknown field '" + Printable.escape(field) + "' (known: " + new TreeSet<>(FIELDS) + ")");
            }
        }
        String name = f.string(root, "name", null);
        String version = f.string(root, "version", null);
        Decoder decoder = f.decoder(root);
        String architecture = f.string(root, "architecture", TORCHSCRIPT);
        if (architecture.startsWith(BUILTIN_PREFIX)) {
            String arch = architecture.substring(BUILTIN_PREFIX.length());
            if (!BuiltinArchitectures.names().contains(arch)) {
                throw new BadInputException(file, "architecture: expected one of "
                        + BuiltinArchitectures.names().stream().map(n -> BUILTIN_PREFIX + n).toList()
                        + ", \"" + TORCHSCRIPT + "\" or \"" + ONNX + "\", found \"" + Printable.escape(architecture) + "\"");
            }
            if (decoder != Decoder.CENTERNET) {
                throw new BadInputException(file, "decoder: built-in architecture " + arch
                        + " outputs CENTERNET heads, found decoder " + decoder);
            }
        } else if (!architecture.equals(TORCHSCRIPT) && !architecture.equals(ONNX)) {
            throw new BadInputException(file, "architecture: expected \"" + TORCHSCRIPT + "\", \"" + ONNX + "\" or \""
                    + BUILTIN_PREFIX + "<name>\", found \"" + Printable.escape(architecture) + "\"");
        }
        JsonNode input = f.object(root, "input");
        int width = f.positiveInt(input, "input.width", -1, 65536);
        int height = f.positiveInt(input, "input.height", -1, 65536);
        List<Integer> bands = f.bands(input);
        int maxBand = bands.stream().mapToInt(Integer::intValue).max().orElse(1);
        long tileBytes = (long) width * height * Math.max(maxBand, bands.size()) * Float.BYTES;
        if (tileBytes > MAX_TILE_BYTES) {
            throw new BadInputException(file, "input: " + width + "x" + height + " pixels of " + Math.max(maxBand, bands.size())
                    + " bands make one tile of " + (tileBytes >> 20) + " MB as 32-bit floats, over the " + (MAX_TILE_BYTES >> 20)
                    + " MB a tile may take (a Java array's limit); a detector's input is a few thousand pixels a side");
        }
        Normalization normalization = f.normalization(root, bands.size());
        ClassCatalog classes = f.classes(root);
        OptionalDouble gsd = root.has("gsd_m") ? OptionalDouble.of(f.positiveNumber(root, "gsd_m")) : OptionalDouble.empty();
        boolean resample = f.bool(root, "resample", true);
        double threshold = f.unit(root, "score_threshold", 0.25);
        double nmsIou = f.unit(root, "nms_iou", 0.45);
        int maxDetections = f.positiveInt(root, "max_detections", 300, 1_000_000);
        int stride = f.positiveInt(root, "output_stride", 4, 1024);
        OptionalInt maxObject = root.has("max_object_px")
                ? OptionalInt.of(f.positiveInt(root, "max_object_px", -1, 65536)) : OptionalInt.empty();
        OrientedNms orientedNms = OrientedNms.defaultFor(decoder);
        if (root.has("nms")) {
            if (decoder != Decoder.YOLOV8_OBB) {
                throw new BadInputException(file, "nms: chooses the oriented suppression of decoder YOLOV8_OBB only, "
                        + "found it with decoder " + decoder);
            }
            String rule = root.get("nms").isTextual() ? root.get("nms").asText() : "";
            orientedNms = OrientedNms.parse(rule);
            if (orientedNms == null) {
                throw f.bad("nms", "\"probiou\" or \"polygon\"", root.get("nms"));
            }
        }
        InputResize resize = InputResize.PAD;
        if (root.has("resize")) {
            resize = InputResize.parse(root.get("resize").isTextual() ? root.get("resize").asText() : "");
            if (resize == null) {
                throw f.bad("resize", "\"pad\" or \"letterbox\"", root.get("resize"));
            }
        }
        if (architecture.startsWith(BUILTIN_PREFIX)) {
            String arch = architecture.substring(BUILTIN_PREFIX.length());
            int archStride = BuiltinArchitectures.outputStride(arch);
            if (root.has("output_stride") && stride != archStride) {
                throw new BadInputException(file, "output_stride: " + arch + " has stride " + archStride + ", found "
                        + stride);
            }
            stride = archStride;
            if (width % 32 != 0 || height % 32 != 0) {
                throw new BadInputException(file, "input: " + arch + " needs a width and height divisible by 32, found "
                        + width + "x" + height);
            }
        }
        if (decoder == Decoder.CENTERNET && (width % stride != 0 || height % stride != 0)) {
            throw new BadInputException(file, "input: the size must be a multiple of output_stride " + stride
                    + ", found " + width + "x" + height);
        }
        String weightsName = f.string(root, "weights", null);
        String sha = f.string(root, "weights_sha256", null).toLowerCase(Locale.ROOT);
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new BadInputException(file, "weights_sha256: expected 64 hex digits, found \"" + Printable.escape(sha) + "\"");
        }
        if (weightsName.chars().anyMatch(Character::isISOControl)) {
            throw new BadInputException(file, "weights: expected a file name, found \"" + Printable.escape(weightsName) + "\"");
        }
        Path weights = locator.locate(weightsName, sha);
        return new ModelBundle(source, weights, name, version, decoder, architecture, width, height, bands,
                normalization, classes, gsd, resample, threshold, nmsIou, maxDetections, stride, sha, maxObject,
                orientedNms, resize);
    }

    /**
     * Writes this bundle to a folder: the weights copied in (unless already there) and {@code model.json}
     * written atomically (a temporary file in the folder, then an atomic move); the sha256 is the weights'
     * actual one. Returns the bundle as {@link #load} reads it back.
     *
     * @throws BadInputException when the weights cannot be read or the folder written
     */
    public ModelBundle writeTo(Path folder) throws BadInputException {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(weights.getFileName().toString());
            if (!Files.exists(target) || !Files.isSameFile(target, weights)) {
                AtomicFile.write(target, out -> Files.copy(weights, out));
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("name", name);
            root.put("version", version);
            root.put("decoder", decoder.name());
            root.put("architecture", architecture);
            ObjectNode input = root.putObject("input");
            input.put("width", inputWidth);
            input.put("height", inputHeight);
            bands.forEach(input.putArray("bands")::add);
            ObjectNode norm = root.putObject("normalization");
            switch (normalization.stretch()) {
                case SCALE -> norm.put("scale", normalization.scale());
                case RANGE -> norm.putArray("range").add(normalization.low()).add(normalization.high());
                case PERCENTILE -> norm.putArray("percentile").add(normalization.low()).add(normalization.high());
                default -> throw new IllegalStateException();
            }
            normalization.mean().forEach(norm.putArray("mean")::add);
            normalization.std().forEach(norm.putArray("std")::add);
            var classArray = root.putArray("classes");
            for (ObjectClass c : classes.classes()) {
                classArray.addObject().put("id", c.id()).put("name", c.name());
            }
            gsd.ifPresent(g -> root.put("gsd_m", g));
            maxObjectPx.ifPresent(px -> root.put("max_object_px", px));
            root.put("resample", resample);
            root.put("score_threshold", scoreThreshold);
            root.put("nms_iou", nmsIou);
            root.put("max_detections", maxDetections);
            root.put("output_stride", outputStride);
            if (decoder == Decoder.YOLOV8_OBB) {
                root.put("nms", orientedNms.key());
            }
            if (resize != InputResize.PAD) {
                root.put("resize", resize.key());
            }
            root.put("weights", target.getFileName().toString());
            root.put("weights_sha256", sha256(target));
            AtomicFile.write(folder.resolve(DESCRIPTOR), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
        } catch (IOException e) {
            throw new BadInputException(folder, "cannot write the model bundle: " + e.getMessage(), e);
        }
        return load(folder);
    }

    /** The sha256 of a file, lower-case hex. */
    static String sha256(Path file) throws BadInputException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest stream hashes as it reads
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "missing", e);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "\"" + Printable.escape(n.asText()) + "\"";
            case NUMBER, BOOLEAN -> n.asText();
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    /** Field readers whose messages name the file, the field, what was expected and what was found. */
    private record Fields(Path file) {

        BadInputException bad(String field, String expected, JsonNode found) {
            return new BadInputException(file, field + ": expected " + expected + ", found " + kind(found));
        }

        String string(JsonNode parent, String field, String fallback) throws BadInputException {
            JsonNode n = parent.get(field);
            if (n == null && fallback != null) {
                return fallback;
            }
            if (n == null || !(n.isTextual() || n.isNumber()) || n.asText().isBlank()) {
                throw bad(field, "a non-empty string", n);
            }
            return n.asText();
        }

        JsonNode object(JsonNode parent, String field) throws BadInputException {
            JsonNode n = parent.get(field);
            if (n == null || !n.isObject()) {
                throw bad(field, "an object", n);
            }
            return n;
        }

        Decoder decoder(JsonNode root) throws BadInputException {
            JsonNode n = root.get("decoder");
            if (n != null && n.isTextual()) {
                try {
                    return Decoder.valueOf(n.asText().toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    // reported below
                }
            }
            throw bad("decoder", "one of " + List.of(Decoder.values()), n);
        }

        int positiveInt(JsonNode parent, String field, int fallback, int max) throws BadInputException {
            String key = field.substring(field.lastIndexOf('.') + 1);
            JsonNode n = parent.get(key);
            if (n == null && fallback > 0) {
                return fallback;
            }
            if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > max) {
                throw bad(field, "an integer in 1.." + max, n);
            }
            return n.asInt();
        }

        double positiveNumber(JsonNode parent, String field) throws BadInputException {
            JsonNode n = parent.get(field);
            if (n == null || !n.isNumber() || !(n.asDouble() > 0) || !Double.isFinite(n.asDouble())) {
                throw bad(field, "a positive number", n);
            }
            return n.asDouble();
        }

        double unit(JsonNode parent, String field, double fallback) throws BadInputException {
            JsonNode n = parent.get(field);
            if (n == null) {
                return fallback;
            }
            if (!n.isNumber() || !(n.asDouble() >= 0 && n.asDouble() <= 1)) {
                throw bad(field, "a number in [0, 1]", n);
            }
            return n.asDouble();
        }

        boolean bool(JsonNode parent, String field, boolean fallback) throws BadInputException {
            JsonNode n = parent.get(field);
            if (n == null) {
                return fallback;
            }
            if (!n.isBoolean()) {
                throw bad(field, "true or false", n);
            }
            return n.asBoolean();
        }

        List<Integer> bands(JsonNode input) throws BadInputException {
            JsonNode n = input.get("bands");
            if (n == null || !n.isArray() || n.isEmpty()) {
                throw bad("input.bands", "a non-empty array of band numbers (1-based)", n);
            }
            List<Integer> bands = new ArrayList<>();
            for (JsonNode b : n) {
                if (!b.isIntegralNumber() || !b.canConvertToInt() || b.asInt() < 1 || b.asInt() > MAX_BAND) {
                    throw bad("input.bands", "band numbers in 1.." + MAX_BAND + " (bands count from 1, as in GDAL)", b);
                }
                bands.add(b.asInt());
            }
            return bands;
        }

        List<Double> numbers(JsonNode parent, String field, int count, double fallback) throws BadInputException {
            JsonNode n = parent.get(field);
            if (n == null) {
                return java.util.Collections.nCopies(count, fallback);
            }
            if (n.isNumber()) {
                return java.util.Collections.nCopies(count, n.asDouble());
            }
            if (!n.isArray() || n.size() != count) {
                throw bad("normalization." + field, count + " numbers (one per input channel)",
                        n.isArray() ? JSON.getNodeFactory().textNode(n.size() + " numbers") : n);
            }
            List<Double> out = new ArrayList<>();
            for (JsonNode v : n) {
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw bad("normalization." + field, "finite numbers", v);
                }
                out.add(v.asDouble());
            }
            return out;
        }

        double[] pair(JsonNode norm, String field) throws BadInputException {
            JsonNode n = norm.get(field);
            if (n == null || !n.isArray() || n.size() != 2 || !n.get(0).isNumber() || !n.get(1).isNumber()
                    || !(n.get(1).asDouble() > n.get(0).asDouble())
                    || !Double.isFinite(n.get(0).asDouble()) || !Double.isFinite(n.get(1).asDouble())) {
                throw bad("normalization." + field, "[low, high] with low < high", n);
            }
            return new double[] {n.get(0).asDouble(), n.get(1).asDouble()};
        }

        Normalization normalization(JsonNode root, int channels) throws BadInputException {
            try {
                return checkedNormalization(root, channels);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file, "normalization: " + e.getMessage());
            }
        }

        private Normalization checkedNormalization(JsonNode root, int channels) throws BadInputException {
            JsonNode norm = object(root, "normalization");
            int stretches = (norm.has("scale") ? 1 : 0) + (norm.has("range") ? 1 : 0) + (norm.has("percentile") ? 1 : 0);
            if (stretches != 1) {
                throw new BadInputException(file, "normalization: expected exactly one of scale, range, percentile, found "
                        + stretches);
            }
            for (Iterator<String> it = norm.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!Set.of("scale", "range", "percentile", "mean", "std").contains(field)) {
                    throw new BadInputException(file, "normalization: unknown field '" + Printable.escape(field)
                            + "' (known: scale, range, percentile, mean, std)");
                }
            }
            List<Double> mean = numbers(norm, "mean", channels, 0.0);
            List<Double> std = numbers(norm, "std", channels, 1.0);
            for (double s : std) {
                if (!(s > 0)) {
                    throw new BadInputException(file, "normalization.std: expected positive values, found " + s);
                }
            }
            if (norm.has("scale")) {
                JsonNode s = norm.get("scale");
                if (!s.isNumber() || s.asDouble() == 0 || !Double.isFinite(s.asDouble())) {
                    throw bad("normalization.scale", "a finite non-zero number", s);
                }
                return Normalization.ofScale(s.asDouble(), mean, std);
            }
            if (norm.has("range")) {
                double[] r = pair(norm, "range");
                return Normalization.ofRange(r[0], r[1], mean, std);
            }
            double[] p = pair(norm, "percentile");
            if (p[0] < 0 || p[1] > 100) {
                throw bad("normalization.percentile", "percentiles within [0, 100]", norm.get("percentile"));
            }
            return Normalization.ofPercentile(p[0], p[1], mean, std);
        }

        ClassCatalog classes(JsonNode root) throws BadInputException {
            JsonNode n = root.get("classes");
            if (n == null || !n.isArray() || n.isEmpty()) {
                throw bad("classes", "a non-empty array of names or of {\"id\", \"name\"}", n);
            }
            List<ObjectClass> list = new ArrayList<>();
            int index = 0;
            for (JsonNode c : n) {
                if (c.isTextual() && !c.asText().isBlank()) {
                    list.add(new ObjectClass(index, c.asText()));
                } else if (c.isObject() && c.path("id").isIntegralNumber() && c.path("id").canConvertToInt()
                        && c.path("id").asInt() >= 0 && c.path("id").asInt() <= MAX_CLASS_ID
                        && c.path("name").isTextual() && !c.path("name").asText().isBlank()) {
                    list.add(new ObjectClass(c.get("id").asInt(), c.get("name").asText()));
                } else {
                    throw bad("classes[" + index + "]", "a name or {\"id\": 0.." + MAX_CLASS_ID + ", \"name\": \"…\"}", c);
                }
                index++;
            }
            String refused = ClassNames.describe(list.stream().map(ObjectClass::name).toList());
            if (!refused.isEmpty()) {
                throw new BadInputException(file, "classes: " + refused);
            }
            try {
                return ClassCatalog.of(list);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file, "classes: " + Printable.escape(e.getMessage()));
            }
        }
    }
}
