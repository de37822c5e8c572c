package dev.drydock.cache;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which upstream tags a rule imports before anyone pulls them: {@code include} and {@code exclude} are Java regular
 * expressions matched against the whole tag, {@code semver} a range such as {@code >=1.25 <2}. Each is optional;
 * a tag must pass every one given.
 */
public record SyncTags(String include, String exclude, String semver) {

    /** The filters compiled (they were checked when the rule was written). */
    Predicate<String> matcher() {
        Pattern in = include == null ? null : Pattern.compile(include);
        Pattern out = exclude == null ? null : Pattern.compile(exclude);
        SemverRange range = semver == null ? null : SemverRange.parse(semver);
        return tag -> (in == null || in.matcher(tag).matches()) && (out == null || !out.matcher(tag).matches())
                && (range == null || range.matches(tag));
    }
}
