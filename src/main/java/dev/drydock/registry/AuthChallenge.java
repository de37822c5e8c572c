package dev.drydock.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 9110 §11.6.1), e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"}.
 * A header may hold several challenges; quoted values may contain commas and escaped quotes.
 * Scheme and parameter names are case-insensitive and kept lower-case.
 */
record AuthChallenge(String scheme, Map<String, String> params) {

    static final String BEARER = "bearer";
    static final String BASIC = "basic";

    AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    boolean isBearer() {
        return scheme.equals(BEARER);
    }

    boolean isBasic() {
        return scheme.equals(BASIC);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** All challenges of all given header values, in order; unreadable trailing text is ignored. */
    static List<AuthChallenge> parseAll(List<String> headerValues) {
        List<AuthChallenge> all = new ArrayList<>();
        for (String value : headerValues) {
            all.addAll(parse(value));
        }
        return all;
    }

    static List<AuthChallenge> parse(String header) {
        return new Parser(header).challenges();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s == null ? "" : s;
        }

        List<AuthChallenge> challenges() {
            List<AuthChallenge> out = new ArrayList<>();
            while (true) {
                skip(" \t,");
                if (pos >= s.length()) {
                    return out;
                }
                String scheme = token();
                if (scheme.isEmpty()) {
                    return out; // not a token where a scheme must be: give up on the rest
                }
                Map<String, String> params = new LinkedHashMap<>();
                while (true) {
                    int mark = pos;
                    skip(" \t,");
                    String name = token();
                    skip(" \t");
                    if (name.isEmpty() || pos >= s.length() || s.charAt(pos) != '=') {
                        pos = mark; // not name=value: the next challenge's scheme, or the end
                        break;
                    }
                    pos++; // '='
                    skip(" \t");
                    params.put(name.toLowerCase(Locale.ROOT), value());
                }
                out.add(new AuthChallenge(scheme, params));
            }
        }

        private String value() {
            if (pos < s.length() && s.charAt(pos) == '"') {
                pos++;
                StringBuilder b = new StringBuilder();
                while (pos < s.length()) {
                    char c = s.charAt(pos++);
                    if (c == '\\' && pos < s.length()) {
                        b.append(s.charAt(pos++));
                    } else if (c == '"') {
                        return b.toString();
                    } else {
                        b.append(c);
                    }
                }
                return b.toString(); // unterminated: take what there is
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
        }
    }
}
