/**
 * One call from a competition's own files to its score: {@link dev.seamline.pipeline.loop.CompetitionLoop}
 * finds the scenes and the truth in the competition's layout ({@link dev.seamline.pipeline.loop.CompetitionData}),
 * runs {@link dev.seamline.pipeline.Seamline#detect} with the competition's preset, turns the run's
 * outputs into the submission the official scorer reads, and scores it with {@code eval}'s metrics,
 * timing detection and scoring apart ({@link dev.seamline.pipeline.loop.LoopResult}).
 */
package dev.seamline.pipeline.loop;
