/**
 * What every format package shares: streaming JSON input with line numbers ({@link
 * dev.seamline.formats.text.JsonInput}), line-by-line text input ({@link
 * dev.seamline.formats.text.TextLines}), CSV field splitting ({@link dev.seamline.formats.text.Csv}),
 * the compact number spelling of the text formats ({@link dev.seamline.formats.text.Numbers}) and
 * whole-or-nothing file writes ({@link dev.seamline.formats.text.AtomicFiles}). Errors are
 * {@link dev.seamline.core.BadInputException}s whose one-line message names the file and the line.
 * Helpers for the format packages and the metrics, not a user API.
 */
package dev.seamline.formats.text;
