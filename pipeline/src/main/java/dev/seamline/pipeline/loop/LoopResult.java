package dev.seamline.pipeline.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seamline.eval.EvalResult;
import dev.seamline.formats.text.JsonInput;
import dev.seamline.pipeline.RunSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link CompetitionLoop} run did: the detection run, the submission it made, the scores
 * and where the time went. Immutable and thread-safe.
 *
 * @param competition       the competition
 * @param detection         the detection run (its scenes, all done)
 * @param submission        the submission scored: a file, or the folder of DOTA's Task files and
 *                          xView's per-chip files
 * @param scores            one result per metric of {@link Competition#metrics()}, in that order
 * @param detectSeconds     wall time of detection, model loading excluded, seconds
 * @param submissionSeconds wall time of turning the run's outputs into the submission, seconds
 *                          (0 where the run writes it as it is)
 * @param evalSeconds       wall time of scoring, reading the files included, seconds
 */
public record LoopResult(Competition competition, RunSummary detection, Path submission, List<EvalResult> scores,
        double detectSeconds, double submissionSeconds, double evalSeconds) {

    /** Checks and copies. */
    public LoopResult {
        Objects.requireNonNull(competition, "competition");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(submission, "submission");
        scores = List.copyOf(scores);
    }

    /** Seconds the scenes took, summed ({@code total} of each scene's stages): detection without the detector's start. */
    public double sceneSeconds() {
        return detection.scenes().stream().mapToDouble(s -> s.seconds().getOrDefault("total", 0.0)).sum();
    }

    /**
     * The scores, times and counts as JSON: {@code competition}, {@code scenes}, {@code submission},
     * {@code seconds} ({@code detect}, {@code detect_scenes}, {@code submission}, {@code eval}) and {@code scores} (metric
     * name → that metric's values, as {@code seamline eval --json} writes them; NaN as {@code null}).
     */
    public String toJson() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("competition", competition.cliName());
        v.put("scenes", detection.scenes().size());
        v.put("submission", submission.toString());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("detect", detectSeconds);
        s.put("detect_scenes", sceneSeconds());
        s.put("submission", submissionSeconds);
        s.put("eval", evalSeconds);
        v.put("seconds", s);
        Map<String, Object> sc = new LinkedHashMap<>();
        for (EvalResult r : scores) {
            try {
                sc.put(r.metric().cliName(), JsonInput.MAPPER.readTree(r.toJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        v.put("scores", sc);
        try {
            return JsonInput.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(v) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
