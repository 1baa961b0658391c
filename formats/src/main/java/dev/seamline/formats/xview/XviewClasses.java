package dev.seamline.formats.xview;

import dev.seamline.core.ClassCatalog;
import dev.seamline.core.ObjectClass;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * xView {@code type_id}s by class name: xView's own 60 classes as its
 * {@code xview_class_labels.txt} names them (11 Fixed-wing Aircraft … 94 Tower), and the DOTA-style
 * names Seamline's catalogs use: small-vehicle 18 (Small Car), large-vehicle 23 (Truck), ship 40 (Maritime
 * Vessel), plane 11 (Fixed-wing Aircraft), as the synthetic scenes' xView labels do. Names match
 * case-insensitively with every run of non-alphanumerics read as one "-" ("Truck w/Box" =
 * "truck-w-box"). A class the table lacks gets catalog id + 1. Immutable and thread-safe.
 */
public final class XviewClasses {

    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        String[] official = {"11:Fixed-wing Aircraft", "12:Small Aircraft", "13:Cargo Plane", "15:Helicopter",
            "17:Passenger Vehicle", "18:Small Car", "19:Bus", "20:Pickup Truck", "21:Utility Truck", "23:Truck",
            "24:Cargo Truck", "25:Truck w/Box", "26:Truck Tractor", "27:Trailer", "28:Truck w/Flatbed",
            "29:Truck w/Liquid", "32:Crane Truck", "33:Railway Vehicle", "34:Passenger Car", "35:Cargo Car",
            "36:Flat Car", "37:Tank car", "38:Locomotive", "40:Maritime Vessel", "41:Motorboat", "42:Sailboat",
            "44:Tugboat", "45:Barge", "47:Fishing Vessel", "49:Ferry", "50:Yacht", "51:Container Ship",
            "52:Oil Tanker", "53:Engineering Vehicle", "54:Tower crane", "55:Container Crane", "56:Reach Stacker",
            "57:Straddle Carrier", "59:Mobile Crane", "60:Dump Truck", "61:Haul Truck", "62:Scraper/Tractor",
            "63:Front loader/Bulldozer", "64:Excavator", "65:Cement Mixer", "66:Ground Grader", "71:Hut/Tent",
            "72:Shed", "73:Building", "74:Aircraft Hangar", "76:Damaged Building", "77:Facility",
            "79:Construction Site", "83:Vehicle Lot", "84:Helipad", "86:Storage Tank", "89:Shipping container lot",
            "91:Shipping Container", "93:Pylon", "94:Tower"};
        for (String s : official) {
            int colon = s.indexOf(':');
            BY_NAME.put(key(s.substring(colon + 1)), Integer.parseInt(s.substring(0, colon)));
        }
        BY_NAME.put("small-vehicle", 18);
        BY_NAME.put("large-vehicle", 23);
        BY_NAME.put("ship", 40);
        BY_NAME.put("plane", 11);
    }

    private XviewClasses() {
    }

    /** The xView type id of a class name, if the table has it. */
    public static Optional<Integer> typeId(String className) {
        return Optional.ofNullable(BY_NAME.get(key(className)));
    }

    /** Type id per catalog id (index = catalog id): the table's, else catalog id + 1. */
    public static int[] typeIds(ClassCatalog catalog) {
        int max = catalog.classes().stream().mapToInt(ObjectClass::id).max().orElse(-1);
        int[] ids = new int[max + 1];
        for (ObjectClass c : catalog.classes()) {
            ids[c.id()] = typeId(c.name()).orElse(c.id() + 1);
        }
        return ids;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
