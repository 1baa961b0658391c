package dev.seamline.samples;

import dev.seamline.core.OrientedBox;
import java.util.Objects;

/**
 * One labelled object of a synthetic scene: its class and its exact oriented box in scene pixels
 * (corner-based continuous pixel space, DESIGN.md "Conventions"; the box's width runs along the
 * object's length: a car's nose-to-tail axis, a ship's keel, a plane's fuselage, and its height
 * across it, a plane's wingspan).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id       1-based id, unique in the scene, stable for a seed
 * @param type     the class
 * @param box      the oriented box, scene pixels
 * @param occluded true when tree canopy hides part of the object
 */
public record SceneObject(int id, SyntheticClass type, OrientedBox box, boolean occluded) {

    /** @throws NullPointerException for a null class or box */
    public SceneObject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(box, "box");
    }
}
