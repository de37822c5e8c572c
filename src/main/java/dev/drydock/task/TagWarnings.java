package dev.drydock.task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Warnings about target tags that a rebuild overwrites although users read them as immutable. drydock rebuilds an
 * image when its base changes, from the same commit: a tag made of the commit ({@code {{git.short}}}), of the day
 * ({@code {{date}}}) or a fixed version ({@code 1.4.2}) then points at a new image. Only {@code {{run.id}}} is new
 * for every build; moving tags such as {@code latest}, {@code main} or {@code 1.4} are meant to move.
 */
public final class TagWarnings {

    private static final Pattern RUN_ID = Pattern.compile("\\{\\{\\s*run\\.id\\s*}}");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(git\\.commit|git\\.short|date)\\s*}}");
    // A full version (1.4.2, v2.0.0-rc1) reads as a release; 1 or 1.4 read as moving, as on Docker Hub.
    private static final Pattern RELEASE = Pattern.compile("v?[0-9]+\\.[0-9]+\\.[0-9]+([.+_-][A-Za-z0-9.]+)*");

    private TagWarnings() {
    }

    /** One warning per target whose tag a base rebuild overwrites while it looks immutable. */
    public static List<String> of(TaskSpec spec) {
        List<String> warnings = new ArrayList<>();
        List<String> images = spec.images() == null ? List.of() : spec.images();
        for (int i = 0; i < images.size(); i++) {
            String tag = tag(images.get(i));
            if (tag.isEmpty() || RUN_ID.matcher(tag).find()) {
                continue;
            }
            var template = TEMPLATE.matcher(tag);
            if (template.find()) {
                warnings.add("images[" + i + "]: the tag " + tag + " is pushed again when a base changes (same "
                        + template.group(1) + ", new image), so it moves; for one tag per build write " + tag
                        + "-{{run.id}}, and keep a moving tag such as latest beside it");
            } else if (RELEASE.matcher(tag).matches()) {
                warnings.add("images[" + i + "]: the fixed tag " + tag + " is pushed again by every rebuild, so it "
                        + "moves; for one tag per build write " + tag + "-{{run.id}} or {{git.short}}-{{run.id}}");
            }
        }
        return warnings;
    }

    // The part after the last ':' that follows the last '/': the tag, templates included; empty without one.
    private static String tag(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', slash + 1);
        return colon < 0 ? "" : image.substring(colon + 1);
    }
}
