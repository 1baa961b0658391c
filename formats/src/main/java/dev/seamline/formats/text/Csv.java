package dev.seamline.formats.text;

import java.util.ArrayList;
import java.util.List;

/** Splitting one CSV line (RFC 4180 quotes, no embedded newlines), for the format
 * readers; not a user API. Stateless and thread-safe. */
public final class Csv {

    private Csv() {
    }

    /** The fields of one line, quotes removed, each stripped of surrounding blanks. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }
}
