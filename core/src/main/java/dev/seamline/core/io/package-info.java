/**
 * Files written safely and text shown safely, for every module: {@link dev.seamline.core.io.AtomicFile}
 * (a file appears whole or not at all, synced before it is renamed into place),
 * {@link dev.seamline.core.io.Printable} (user text made fit for a one-line message),
 * {@link dev.seamline.core.io.InputFiles} (a user's file must be a regular file: a FIFO never blocks a read) and
 * {@link dev.seamline.core.io.ResourceCache} (files shipped in a jar, unpacked once per build).
 *
 * <p>Depends on nothing but the JDK. The static methods are thread-safe; an {@code AtomicFile}
 * instance belongs to one writer.
 */
package dev.seamline.core.io;
