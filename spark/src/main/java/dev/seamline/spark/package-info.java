/**
 * Seamline on Apache Spark: {@link dev.seamline.spark.SparkDetect} runs {@code seamline detect} as a
 * Spark job. Scenes are partitions; a large scene is split into row bands of its full-scene grid, each
 * band detected by one task, which merges the groups that cannot reach a neighbour band; one reducer
 * task per scene merges the rest across seams and orders everything as one machine does, and writes the
 * scene's outputs, so the files are those {@code seamline detect}
 * writes. Values shipped to tasks are serializable records; a detector is cached per executor JVM.
 */
package dev.seamline.spark;
