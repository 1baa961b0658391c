/**
 * The {@code seamline} command line (picocli): one class per subcommand, shared options as mixins,
 * exit codes mapped from exceptions in one place ({@link dev.seamline.cli.ExitCodes}).
 * {@link dev.seamline.cli.Main#run} takes its output writers as arguments, so tests run the
 * real command in-process.
 */
package dev.seamline.cli;
