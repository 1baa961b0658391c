package dev.seamline.detector;

/**
 * A model's output does not fit its decoder (shape, class count, values). Thrown inside DJL's
 * translator, unwrapped by {@link Detector} into a {@code BadInputException} naming the weights.
 */
final class OutputLayoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutputLayoutException(String message) {
        super(message);
    }
}
