/**
 * COCO: ground truth ("instances" JSON, {@link dev.seamline.formats.coco.CocoDataset}) and results
 * arrays ({@link dev.seamline.formats.coco.CocoResult}), read and written; boxes are COCO's
 * {@code [x, y, w, h]} in pixels, no "+1". Immutable values, thread-safe.
 */
package dev.seamline.formats.coco;
