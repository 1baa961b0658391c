package dev.seamline.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classes a model knows, id ↔ name. Model bundles and configs carry one; each output format maps
 * it to its own ids (xView type_id, DOTA names, COCO category_id) at its writer.
 *
 * <p>Ids are unique and so are names. Immutable and thread-safe.
 */
public final class ClassCatalog {

    private final List<ObjectClass> classes;
    private final Map<Integer, ObjectClass> byId;
    private final Map<String, ObjectClass> byName;

    private ClassCatalog(List<ObjectClass> classes) {
        Map<Integer, ObjectClass> ids = new HashMap<>();
        Map<String, ObjectClass> names = new HashMap<>();
        for (ObjectClass c : classes) {
            if (ids.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("class id " + c.id() + " appears twice");
            }
            if (names.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("class name '" + c.name() + "' appears twice");
            }
        }
        this.classes = List.copyOf(classes);
        this.byId = Map.copyOf(ids);
        this.byName = Map.copyOf(names);
    }

    /** A catalog of the given classes, in the given order. */
    public static ClassCatalog of(List<ObjectClass> classes) {
        return new ClassCatalog(classes);
    }

    /** A catalog whose ids are 0, 1, 2 … in the order of {@code names}. */
    public static ClassCatalog ofNames(List<String> names) {
        List<ObjectClass> list = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            list.add(new ObjectClass(i, names.get(i)));
        }
        return new ClassCatalog(list);
    }

    /** Every class, in catalog order. */
    public List<ObjectClass> classes() {
        return Collections.unmodifiableList(classes);
    }

    /** Number of classes. */
    public int size() {
        return classes.size();
    }

    /** The class with this id, if any. */
    public Optional<ObjectClass> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The class with this name, if any. */
    public Optional<ObjectClass> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The name of class {@code id}, or {@code "class-<id>"} for an id the catalog lacks. */
    public String nameOf(int id) {
        ObjectClass c = byId.get(id);
        return c != null ? c.name() : "class-" + id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassCatalog other && classes.equals(other.classes);
    }

    @Override
    public int hashCode() {
        return classes.hashCode();
    }

    @Override
    public String toString() {
        return "ClassCatalog" + classes;
    }
}
