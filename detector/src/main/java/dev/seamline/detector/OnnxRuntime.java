package dev.seamline.detector;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX bundles ({@code "architecture": "onnx"}): the file's inputs checked against {@code model.json},
 * the device, and the model loaded through DJL's OnnxRuntime engine. Nothing is downloaded: the ONNX
 * Runtime natives come in its jar. The build on the classpath is the CPU one
 * ({@code com.microsoft.onnxruntime:onnxruntime}); ONNX on a GPU needs its GPU build
 * ({@code onnxruntime_gpu}) in its place and CUDA 12 with cuDNN 9 on the machine, and an explicit
 * {@code --device gpu} without them is an error, never a silent fallback.
 *
 * <p>Threads: intra-op threads are ONNX Runtime's default (one per physical core), or
 * {@code ai.djl.pytorch.num_threads} when set (one knob for both engines); one inter-op thread; with
 * {@code OMP_WAIT_POLICY=PASSIVE} (the launcher's default) its threads do not spin between runs either.
 * Stateless, thread-safe.
 */
final class OnnxRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntime.class);
    static final String ENGINE = "OnnxRuntime";
    /** What ONNX on a GPU needs, for messages. */
    static final String GPU_NEEDS = "ONNX on a GPU needs ONNX Runtime's GPU build (com.microsoft.onnxruntime:"
            + "onnxruntime_gpu in place of onnxruntime-*.jar in lib/) and CUDA 12 with cuDNN 9 on the machine; "
            + "see docs/models.md, GPU";

    private OnnxRuntime() {
    }

    /**
     * What the file's single input allows.
     *
     * @param fixedBatch 1 when the file's batch dimension is fixed at 1 (or it takes one image), 0 when free
     * @param shape      the input's shape as the file declares it (-1 for a free dimension)
     * @param metadata   the file's {@code metadata_props}
     */
    record Inspection(int fixedBatch, long[] shape, Map<String, String> metadata) {
    }

    private static OrtEnvironment environment() {
        Engine.getEngine(ENGINE);  // DJL creates the environment first, with its own settings
        return OrtEnvironment.getEnvironment();
    }

    /** The execution providers this ONNX Runtime build has (CPU only for the bundled jar). */
    static EnumSet<OrtProvider> providers() {
        return OrtEnvironment.getAvailableProviders();
    }

    /**
     * Reads the file's input and checks it against the bundle: one input, {@code [B, C, H, W]} (or one
     * {@code [C, H, W]} image), C and any fixed H, W equal to {@code model.json}'s, B free or 1.
     *
     * @throws BadInputException naming the file and what does not fit
     */
    static Inspection inspect(ModelBundle bundle) throws BadInputException {
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(bundle.weights().toString(), options)) {
                Map<String, NodeInfo> inputs = session.getInputInfo();
                if (inputs.size() != 1) {
                    throw new BadInputException(bundle.weights(), "the ONNX model takes " + inputs.size() + " inputs "
                            + inputs.keySet() + "; Seamline feeds one image tensor [B, C, H, W]");
                }
                NodeInfo input = inputs.values().iterator().next();
                if (!(input.getInfo() instanceof TensorInfo info)) {
                    throw new BadInputException(bundle.weights(), "the ONNX model's input " + input.getName()
                            + " is not a tensor (" + input.getInfo() + ")");
                }
                long[] shape = info.getShape();
                String name = input.getName() + " " + Arrays.toString(shape).replace("-1", "?");
                int channelAxis = shape.length == 4 ? 1 : 0;
                if (shape.length != 4 && !(shape.length == 3 && bundle.decoder() == Decoder.TORCHVISION)) {
                    throw new BadInputException(bundle.weights(), "the ONNX model's input " + name + " is not [B, C, H, W]");
                }
                check(bundle, name, shape[channelAxis], bundle.channels(), "channels", "input.bands");
                if (bundle.decoder() != Decoder.TORCHVISION) {
                    check(bundle, name, shape[channelAxis + 1], bundle.inputHeight(), "height", "input.height");
                    check(bundle, name, shape[channelAxis + 2], bundle.inputWidth(), "width", "input.width");
                }
                int fixed = shape.length == 3 ? 1 : (shape[0] < 0 ? 0 : (int) shape[0]);
                if (fixed > 1) {
                    throw new BadInputException(bundle.weights(), "the ONNX model's input " + name + " has a fixed "
                            + "batch of " + fixed + "; export it with a free batch (Ultralytics: dynamic=True) or a "
                            + "batch of 1");
                }
                return new Inspection(fixed, shape, session.getMetadata().getCustomMetadata());
            }
        } catch (OrtException e) {
            throw new BadInputException(bundle.weights(), "not an ONNX model ONNX Runtime " + version() + " can load "
                    + "(architecture \"onnx\"): " + firstLine(e), e);
        }
    }

    private static void check(ModelBundle bundle, String input, long found, int expected, String what, String field)
            throws BadInputException {
        if (found >= 0 && found != expected) {
            throw new BadInputException(bundle.weights(), "the ONNX model's input " + input + " has " + found + " "
                    + what + ", " + ModelBundle.DESCRIPTOR + " " + field + " gives " + expected);
        }
    }

    /**
     * The device for an ONNX model: the CPU unless a GPU is asked for (or {@code auto} and the build has
     * CUDA); an explicit GPU without the CUDA provider is refused with what it needs.
     */
    static DeviceChoice chooseDevice(DeviceChoice wanted) throws BadInputException {
        boolean cuda = providers().contains(OrtProvider.CUDA);
        switch (wanted.kind()) {
            case CPU -> {
                LOG.info("detector: ONNX Runtime {} on the CPU (asked for)", version());
                return DeviceChoice.CPU;
            }
            case GPU -> {
                if (!cuda) {
                    throw new BadInputException("--device " + wanted + ": this ONNX Runtime " + version() + " is the CPU "
                            + "build (providers " + providers() + "). " + GPU_NEEDS);
                }
                LOG.info("detector: ONNX Runtime {} on GPU {} through CUDA (asked for)", version(), wanted.index());
                return wanted;
            }
            default -> {
                if (cuda) {
                    LOG.info("detector: ONNX Runtime {} has CUDA: running on GPU 0", version());
                    return DeviceChoice.gpu(0);
                }
                LOG.info("detector: ONNX Runtime {} is the CPU build: running on the CPU ({})", version(),
                        "ONNX on a GPU needs the onnxruntime_gpu build and CUDA 12 + cuDNN 9; see docs/models.md, GPU");
                return DeviceChoice.CPU;
            }
        }
    }

    /** Loads the bundle's ONNX file on {@code device} through DJL's OnnxRuntime engine. */
    static Model load(ModelBundle bundle, Device device) throws BadInputException {
        Model model = Model.newInstance(bundle.name(), device, ENGINE);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setInterOpNumThreads(1);
            String threads = System.getProperty("ai.djl.pytorch.num_threads");
            if (threads != null && threads.matches("\\d{1,4}") && Integer.parseInt(threads) > 0) {
                options.setIntraOpNumThreads(Integer.parseInt(threads));
            }
            if ("PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))) {
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            // ONNX Runtime copies the options into the session: they may be closed once it is made
            model.load(bundle.weights(), null, Map.of("sessionOptions", options));
            return model;
        } catch (OrtException | IOException | MalformedModelException | RuntimeException e) {
            model.close();
            String gpu = device.isGpu() ? " (on GPU " + device.getDeviceId() + "; " + GPU_NEEDS + ")" : "";
            throw new BadInputException(bundle.weights(), "ONNX Runtime " + version() + " cannot load it" + gpu + ": "
                    + firstLine(e), e);
        }
    }

    static String version() {
        return Engine.getEngine(ENGINE).getVersion();
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof MalformedModelException)) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip().lines().findFirst().orElse(m).strip();
    }
}
