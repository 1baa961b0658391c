package dev.seamline.core;

import java.util.Objects;

/**
 * One entry of a {@link ClassCatalog}: a model's class id and its name.
 * Immutable and thread-safe.
 *
 * @param id   the id the model outputs, ≥ 0
 * @param name a short unique name such as {@code small-vehicle}
 */
public record ObjectClass(int id, String name) {

    /** @throws IllegalArgumentException for a negative id or a blank name */
    public ObjectClass {
        Objects.requireNonNull(name, "name");
        if (id < 0) {
            throw new IllegalArgumentException("class id must not be negative: " + id);
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("class name must not be blank (id " + id + ")");
        }
    }
}
