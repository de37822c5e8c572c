package dev.drydock.registry;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code rel="next"} target of RFC 8288 {@code Link} headers, as registries send them for
 * paginated tag lists: {@code </v2/app/tags/list?last=v2&n=2>; rel="next"}.
 */
final class LinkHeader {

    private LinkHeader() {
    }

    /** The next page, resolved against the URI of the page that carried the header. */
    static Optional<URI> next(List<String> headers, URI base) {
        for (String header : headers) {
            int i = 0;
            while (true) {
                int open = header.indexOf('<', i);
                if (open < 0) {
                    break;
                }
                int close = header.indexOf('>', open);
                if (close < 0) {
                    break;
                }
                String target = header.substring(open + 1, close).trim();
                int end = nextLinkStart(header, close + 1);
                String params = header.substring(close + 1, end);
                if (hasRelNext(params)) {
                    return Optional.of(base.resolve(target));
                }
                i = end;
            }
        }
        return Optional.empty();
    }

    // A link's parameters end at the comma that precedes the next "<", outside quotes.
    private static int nextLinkStart(String header, int from) {
        boolean quoted = false;
        for (int i = from; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                return i;
            }
        }
        return header.length();
    }

    private static boolean hasRelNext(String params) {
        for (String param : params.split(";")) {
            String p = param.trim();
            int eq = p.indexOf('=');
            if (eq < 0 || !p.substring(0, eq).trim().equalsIgnoreCase("rel")) {
                continue;
            }
            String value = p.substring(eq + 1).trim();
            if (value.endsWith(",")) {
                value = value.substring(0, value.length() - 1).trim();
            }
            if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
                value = value.substring(1, value.length() - 1);
            }
            for (String rel : value.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (rel.equals("next")) {
                    return true;
                }
            }
        }
        return false;
    }
}
