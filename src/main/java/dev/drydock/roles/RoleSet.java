package dev.drydock.roles;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The value of {@code drydock.roles}: a comma-separated list of {@link Role#setting()}s, or {@code all}. */
final class RoleSet {

    static final String ALL = "all";

    private RoleSet() {}

    /** The roles a setting names; an empty one is all. An unknown name is refused, naming the valid ones. */
    static Set<Role> parse(String setting) {
        String value = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return EnumSet.allOf(Role.class);
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (name.equals(ALL)) {
                roles.addAll(EnumSet.allOf(Role.class));
                continue;
            }
            roles.add(Role.ofSetting(name).orElseThrow(() -> new IllegalArgumentException("drydock.roles: '" + name
                    + "' is not a role; give " + ALL + " or some of " + names(EnumSet.allOf(Role.class)))));
        }
        return roles;
    }

    static String names(Set<Role> roles) {
        return Arrays.stream(Role.values()).filter(roles::contains).map(Role::setting).collect(Collectors.joining(","));
    }
}
