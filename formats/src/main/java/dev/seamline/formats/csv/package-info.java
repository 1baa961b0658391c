/**
 * Seamline's CSV output ({@link dev.seamline.formats.csv.SeamlineCsv}): header, row spelling and
 * RFC 4180 quoting; the caller georeferences.
 */
package dev.seamline.formats.csv;
