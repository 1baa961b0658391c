package dev.seamline.formats.safepassage;

import java.util.Locale;

/**
 * The nine vehicle classes of Dstl's <i>Safe Passage</i> contest (2017), with the acceptance radius
 * the contest gave each: a prediction is right when its centre lies within that many pixels (5 cm
 * pixels) of a true centre of its class. Immutable and thread-safe.
 */
public enum VehicleClass {
    /** Motorcycle; 12 px (60 cm). */
    A("motorcycle", 12),
    /** Light short rear car; 30 px (1.5 m). */
    B("light short rear car", 30),
    /** Light long rear car; 30 px. */
    C("light long rear car", 30),
    /** Dark short rear car; 30 px. */
    D("dark short rear car", 30),
    /** Dark long rear car; 30 px. */
    E("dark long rear car", 30),
    /** Red short rear car; 30 px. */
    F("red short rear car", 30),
    /** Red long rear car; 30 px. */
    G("red long rear car", 30),
    /** Light van; 40 px (2 m). */
    H("light van", 40),
    /** Red and white bus; 45 px (2.25 m). */
    I("red and white bus", 45);

    private final String description;
    private final double radius;

    VehicleClass(String description, double radius) {
        this.description = description;
        this.radius = radius;
    }

    /** What the class is, in the contest's words. */
    public String description() {
        return description;
    }

    /** The acceptance radius, pixels: a prediction at distance ≤ this from a true centre is right. */
    public double radius() {
        return radius;
    }

    /** The class a letter names ({@code "A"} … {@code "I"}, exactly), or {@code null}. */
    public static VehicleClass ofLetter(String letter) {
        if (letter.length() != 1) {
            return null;
        }
        for (VehicleClass c : values()) {
            if (c.name().equals(letter)) {
                return c;
            }
        }
        return null;
    }

    /** The letters, for messages: {@code "A–I"}. */
    static String range() {
        return String.format(Locale.ROOT, "%s–%s", A.name(), I.name());
    }
}
