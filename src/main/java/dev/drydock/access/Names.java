package dev.drydock.access;

import dev.drydock.problem.ProblemException;
import java.util.regex.Pattern;

/** The one rule for scope-map and token names (a token's name is its registry username). */
final class Names {

    static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");

    private Names() {}

    static String check(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.badRequest(field, field + " must be 1 to 64 lower-case letters, digits, '.', '_' or '-', "
                    + "starting and ending with a letter or digit");
        }
        return name;
    }
}
