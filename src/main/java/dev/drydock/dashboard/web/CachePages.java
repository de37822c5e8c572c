package dev.drydock.dashboard.web;

import dev.drydock.cache.CacheOverview;
import dev.drydock.cache.CacheRule;
import dev.drydock.dashboard.auth.SignedIn;
import dev.drydock.dashboard.auth.Viewer;
import dev.drydock.problem.ProblemException;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The pull-through cache: every rule with its hits, misses, last upstream check and last upstream error, and each
 * rule's page with the tags it filled. Read-only: rules change through {@code /api/v1/cache-rules}.
 */
@Path("/cache")
@SignedIn
@Produces(MediaType.TEXT_HTML)
public class CachePages {

    static final int PAGE_SIZE = 50;

    @Inject
    CacheOverview cache;

    @Inject
    Viewer viewer;

    @GET
    public TemplateInstance list(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("part") String part) {
        Instant now = Instant.now();
        CacheOverview.RulePage rules = cache.rules(page, PAGE_SIZE);
        int current = rules.page();
        CacheList list = new CacheList(rules.rules().stream().map(r -> CacheRows.row(r, now)).toList(), rules.total(),
                current, current > 0 ? "/cache?page=" + (current - 1) : null,
                (long) (current + 1) * PAGE_SIZE < rules.total() ? "/cache?page=" + (current + 1) : null);
        Chrome chrome = Chrome.of(viewer, "Cache", "cache");
        return "table".equals(part) ? Templates.cache$table(chrome, list) : Templates.cache(chrome, list);
    }

    @GET
    @Path("/{name}")
    public TemplateInstance rule(@PathParam("name") String name, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("part") String part) {
        CacheRule rule = cache.rule(name).orElseThrow(() -> ProblemException.notFound("cache rule", name));
        Instant now = Instant.now();
        CacheOverview.TagPage tags = cache.tags(name, page, PAGE_SIZE);
        int current = tags.page();
        String base = "/cache/" + rule.name() + "?page=";
        CacheRuleDetail detail = new CacheRuleDetail(CacheRows.row(rule, now), CacheRows.sync(rule.syncTags()),
                Times.of(rule.stats().created(), now), Times.of(rule.stats().updated(), now),
                tags.tags().stream().map(t -> CacheRows.tag(t, now)).toList(), tags.total(), current,
                current > 0 ? base + (current - 1) : null,
                (long) (current + 1) * PAGE_SIZE < tags.total() ? base + (current + 1) : null);
        Chrome chrome = Chrome.of(viewer, "Cache rule " + rule.name(), "cache");
        return "summary".equals(part) ? Templates.cacheRule$summary(chrome, detail) : Templates.cacheRule(chrome, detail);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ErrorPages.of(viewer, e);
    }
}
