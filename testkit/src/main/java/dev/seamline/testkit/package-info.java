/**
 * What the tests of every Seamline module share, so that each piece is written once: {@link
 * dev.seamline.testkit.Corpus}, the runner of a corpus of broken files described by its {@code
 * manifest.tsv}, with the promise every refused file must keep (one line naming the file, within a time
 * limit, under an allocation limit); {@link dev.seamline.testkit.BoxAssertions}, boxes and detections
 * equal within a tolerance in pixels; {@link dev.seamline.testkit.Rasters}, pixel buffers and raster
 * sources in memory, sample by sample from a function.
 *
 * <p>This module is for tests only: every module takes it with {@code <scope>test</scope>}. Its main code
 * depends on {@code core} and JUnit's API and nothing else, so no module's tests pull in another module
 * through it. Pixel conventions are those of {@code core} (DESIGN.md, "Conventions").
 */
package dev.seamline.testkit;
