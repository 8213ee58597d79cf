package dev.nexus.gateway.graphql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/** REST paths built from GraphQL arguments: every value encoded, absent ones left out. */
final class Paths {

    private Paths() {
    }

    /** {@code "/api/v1/groups/%s/members"} with each argument encoded as one path segment. */
    static String path(String template, String... segments) {
        Object[] encoded = new Object[segments.length];
        for (int i = 0; i < segments.length; i++) {
            encoded[i] = URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20");
        }
        return String.format(template, encoded);
    }

    /** The If-Match header of a write: the ETag of {@code version} (the one last read), or any version when null. */
    static Map<String, String> ifMatch(Integer version) {
        return Map.of("if-match", version == null ? "*" : "\"v" + version + "\"");
    }

    /** {@code ?name=value&...} from name/value pairs; null values are skipped, collections repeat the name. */
    static String query(Object... pairs) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            Collection<?> values = value instanceof Collection<?> many ? many : java.util.Collections.singletonList(value);
            for (Object one : values) {
                if (one != null) {
                    query.add(pairs[i] + "=" + URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8));
                }
            }
        }
        return query.toString();
    }
}
