package dev.drydock.dashboard.web;

import dev.drydock.dashboard.auth.SignedIn;
import dev.drydock.dashboard.auth.Viewer;
import dev.drydock.importer.ImportProgress;
import dev.drydock.importer.ImportService;
import dev.drydock.importer.ImportView;
import dev.drydock.importer.NewImport;
import dev.drydock.problem.ProblemException;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Import jobs: the list with live progress bars and errors (the running ones are fetched again every two seconds:
 * progress is stored with each lease renewal, not announced on Kafka), and a form to start one, as
 * {@code POST /api/v1/imports} with a credential set by name.
 */
@Path("/imports")
@SignedIn
@Produces(MediaType.TEXT_HTML)
public class ImportPages {

    static final int PAGE_SIZE = 50;

    @Inject
    ImportService imports;

    @Inject
    Viewer viewer;

    @GET
    public TemplateInstance list(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("started") Long started,
            @QueryParam("canceled") Long canceled, @QueryParam("part") String part) {
        String notice = started != null ? "Import " + started + " is queued; its progress shows below."
                : canceled != null ? "Import " + canceled + " is canceled (a running copy stops between blobs)." : null;
        return render(page, notice, false, ImportList.ImportForm.empty(), part);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@FormParam("source") String source, @FormParam("targets") String targets,
            @FormParam("platforms") String platforms, @FormParam("credentialSet") String credentialSet,
            @FormParam("force") String force) {
        ImportList.ImportForm form = new ImportList.ImportForm(nullToEmpty(source), nullToEmpty(targets),
                platforms == null || platforms.isBlank() ? "all" : platforms, nullToEmpty(credentialSet), force != null);
        try {
            ImportView created = imports.create(new NewImport(blankToNull(source), words(targets), null,
                    blankToNull(credentialSet), null, null, force != null, platformList(form.platforms())));
            return Response.seeOther(URI.create("/imports?started=" + created.id() + "#import-" + created.id())).build();
        } catch (ProblemException e) {
            String page = render(0, (e.field() == null ? "" : e.field() + ": ") + e.detail(), true, form, null).render();
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
        }
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") long id) {
        imports.cancel(id);
        return Response.seeOther(URI.create("/imports?canceled=" + id + "#import-" + id)).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ErrorPages.of(viewer, e);
    }

    private TemplateInstance render(int page, String notice, boolean problem, ImportList.ImportForm form, String part) {
        int current = Math.max(0, page);
        Instant now = Instant.now();
        List<ImportRow> rows = imports.list(current, PAGE_SIZE).stream().map(v -> row(v, now)).toList();
        long total = imports.count();
        ImportList list = new ImportList(rows, total, current, current > 0 ? "/imports?page=" + (current - 1) : null,
                (long) (current + 1) * PAGE_SIZE < total ? "/imports?page=" + (current + 1) : null, notice, problem, form);
        Chrome chrome = Chrome.of(viewer, "Imports", "imports");
        return "table".equals(part) ? Templates.imports$table(chrome, list) : Templates.imports(chrome, list);
    }

    static ImportRow row(ImportView v, Instant now) {
        ImportProgress p = v.progress();
        int percent = p.bytesTotal() > 0 ? (int) Math.min(100, p.bytesDone() * 100 / p.bytesTotal())
                : v.status().isFinal() ? 100 : 0;
        String rate = v.rateLimit() == null ? null : v.rateLimit().remaining() + " of " + v.rateLimit().limit()
                + " pulls left";
        return new ImportRow(v.id(), v.source(), v.targets().isEmpty() ? v.untaggedTargetRepositories() : v.targets(),
                v.status().name(), v.status().name().toLowerCase(Locale.ROOT), p.blobsDone(), p.blobsTotal(),
                p.bytesDone(), p.bytesTotal(), percent, bytes(p.bytesDone()) + " of " + bytes(p.bytesTotal()),
                p.blobsDone() + " of " + p.blobsTotal() + " blobs", v.sourceDigest(), Names.digest(v.sourceDigest()),
                v.targetDigest(), Names.digest(v.targetDigest()), v.error(), rate, Times.of(v.createdAt(), now),
                !v.status().isFinal());
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? null : Arrays.stream(s.split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static List<String> platformList(String s) {
        return s.isBlank() || s.strip().equals("all") ? null : words(s);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
