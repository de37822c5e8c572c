package dev.drydock.dashboard.web;

import dev.drydock.access.AnonymousPull;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The dashboard's pages ({@code templates/dashboard/*.html}), checked at build time. A method named
 * {@code page$part} renders only the fragment {@code part} of the page: what the page's script fetches again when
 * a live event says that part changed.
 */
@CheckedTemplate(basePath = "dashboard")
public final class Templates {

    private Templates() {}

    public static native TemplateInstance login(Chrome chrome, String next, String error, boolean disabled);

    public static native TemplateInstance error(Chrome chrome, int status, String heading, String detail);

    public static native TemplateInstance pending(Chrome chrome, Pending pending, AnonymousPull.Setting registry);

    public static native TemplateInstance pending$list(Chrome chrome, Pending pending);

    public static native TemplateInstance runs(Chrome chrome, RunList list);

    public static native TemplateInstance runs$table(Chrome chrome, RunList list);

    public static native TemplateInstance run(Chrome chrome, RunRow run, List<LogLine> log, long lastSeq, boolean logCut);

    public static native TemplateInstance run$summary(Chrome chrome, RunRow run);

    public static native TemplateInstance bases(Chrome chrome, BaseList list);

    public static native TemplateInstance bases$table(Chrome chrome, BaseList list);

    public static native TemplateInstance imports(Chrome chrome, ImportList list);

    public static native TemplateInstance imports$table(Chrome chrome, ImportList list);

    public static native TemplateInstance cache(Chrome chrome, CacheList list);

    public static native TemplateInstance cache$table(Chrome chrome, CacheList list);

    public static native TemplateInstance cacheRule(Chrome chrome, CacheRuleDetail rule);

    public static native TemplateInstance cacheRule$summary(Chrome chrome, CacheRuleDetail rule);

    public static native TemplateInstance graph(Chrome chrome, GraphView graph);

    public static native TemplateInstance tasks(Chrome chrome, TaskList list);

    public static native TemplateInstance task(Chrome chrome, TaskDetail task, List<RunRow> runs);

    public static native TemplateInstance task$runs(Chrome chrome, TaskDetail task, List<RunRow> runs);
}
