package dev.drydock.cache.rewrite;

import dev.drydock.cache.rewrite.RewritePlan.Rewrite;
import dev.drydock.cache.rewrite.RewriteResult.Change;
import dev.drydock.cache.rewrite.RewriteResult.Skipped;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.Dependency;
import dev.drydock.graph.buildfile.BuildFileSyntaxException;
import dev.drydock.graph.buildfile.ReferenceSite;
import dev.drydock.graph.buildfile.ReferenceSites;
import dev.drydock.image.ImageReference;
import dev.drydock.problem.ProblemException;
import dev.drydock.source.FileCommit;
import dev.drydock.source.GitSource;
import dev.drydock.task.Task;
import dev.drydock.task.TaskService;
import dev.drydock.task.TaskSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Points a task's build file at the private registry's copies of what it pulls: each FROM and
 * {@code COPY --from=<image>} that a cache rule or an import covers, once the copy is verified to have upstream's
 * digest. A dry run answers the diff; otherwise the change is committed to {@value #BRANCH} of the task's repository
 * and pushed, never to the task's own branch. The steps: read the build file ({@link TaskBuildFile}), find the
 * references ({@link ReferenceSite}), find and verify their copies ({@link PrivateCopies}, {@link CopyCheck}), write
 * the new text ({@link RewritePlan}) and its diff, commit ({@link TaskBuildFile#commit}).
 */
@ApplicationScoped
public class RewriteService {

    public static final String BRANCH = "drydock/use-private-registry";
    /** Distinct references verified per request; each costs a HEAD upstream and one in the private registry. */
    static final int MAX_REFERENCES = 100;

    private static final Logger LOG = Logger.getLogger(RewriteService.class);

    /** What a request asks: which copies, whether to pin digests, whether to commit. */
    public record Options(RewriteTarget to, boolean pinDigests, boolean dryRun) {}

    @Inject
    TaskService tasks;

    @Inject
    TaskBuildFile buildFiles;

    @Inject
    PrivateCopies copies;

    @Inject
    CopyCheck check;

    public RewriteResult rewrite(String name, Options options) {
        Task task = tasks.get(name);
        TaskSpec spec = tasks.spec(task);
        if (spec.rebasing()) {
            throw ProblemException.conflict("task '" + name + "' rebases an image built elsewhere: it has no build "
                    + "file to rewrite");
        }
        if (!options.dryRun()) {
            refuseCommit(name, spec);
        }
        TaskBuildFile.Read file = buildFiles.read(spec);
        BuildFileKind kind = BuildFileKind.ofFileName(spec.buildFile());
        List<ReferenceSite> sites;
        try {
            sites = ReferenceSites.find(kind, file.text(), spec.args() == null ? Map.of() : spec.args());
        } catch (BuildFileSyntaxException e) {
            throw new ProblemException(422, "Build file not readable", file.path() + " line " + e.line() + ": "
                    + e.detail(), null);
        }
        String instructionOfFrom = kind == BuildFileKind.JIB_YAML ? "from.image" : "FROM";
        List<Rewrite> rewrites = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        decide(sites, options.to(), instructionOfFrom, rewrites, skipped);
        RewritePlan plan = RewritePlan.of(file.text(), rewrites, options.pinDigests(), instructionOfFrom);
        String diff = UnifiedDiff.of(file.path(), plan.before(), plan.after());
        if (options.dryRun() || plan.changesNothing()) {
            return new RewriteResult(name, file.path(), file.commit().orElse(null), options.dryRun(), plan.changes(),
                    skipped, diff, null, null);
        }
        FileCommit.Pushed pushed = buildFiles.commit(spec, file, plan.after(), BRANCH, message(file.path(), plan));
        LOG.infof("task %s: %d references of %s rewritten to private copies, pushed to %s as %s", name,
                plan.changes().size(), file.path(), BRANCH, pushed.commit());
        return new RewriteResult(name, file.path(), pushed.parent(), false, plan.changes(), skipped, diff, BRANCH,
                pushed.commit());
    }

    private static void refuseCommit(String name, TaskSpec spec) {
        TaskSpec.Git git = spec.source().git();
        if (git == null) {
            throw ProblemException.conflict("task '" + name + "' has inline files, no git repository to commit to: "
                    + "ask with \"dryRun\": true for the diff");
        }
        String ref = new GitSource(git.url(), git.ref(), git.context()).ref();
        if (ref.equals(BRANCH) || ref.equals("refs/heads/" + BRANCH)) {
            throw ProblemException.conflict("task '" + name + "' builds " + BRANCH + ", the branch a rewrite commits "
                    + "to: drydock never commits to the branch a task builds");
        }
    }

    /** For each site: the verified copy that stands in for it, or why it stays. */
    private void decide(List<ReferenceSite> sites, RewriteTarget to, String instructionOfFrom, List<Rewrite> rewrites,
            List<Skipped> skipped) {
        Map<ImageReference, Verdict> verdicts = new HashMap<>();
        for (ReferenceSite site : sites) {
            ImageReference reference = site.reference();
            String instruction = site.via() == Dependency.Via.FROM ? instructionOfFrom
                    : site.via().text();
            if (site.unrewritable().isPresent()) {
                skipped.add(skip(site, instruction, site.unrewritable().get(), null));
                continue;
            }
            if (copies.isPrivate(reference)) {
                skipped.add(skip(site, instruction, "already in the private registry", null));
                continue;
            }
            Verdict verdict = verdicts.get(reference);
            if (verdict == null) {
                List<PrivateCopy> candidates = copies.of(reference, to);
                if (candidates.isEmpty()) {
                    skipped.add(skip(site, instruction, uncovered(reference, to), null));
                    continue;
                }
                if (verdicts.size() >= MAX_REFERENCES) {
                    skipped.add(skip(site, instruction, "more than " + MAX_REFERENCES + " references to verify in "
                            + "one request; rewrite again once these are committed", null));
                    continue;
                }
                verdict = verify(reference, candidates);
                verdicts.put(reference, verdict);
            }
            if (verdict.verified()) {
                rewrites.add(new Rewrite(site, verdict));
            } else {
                skipped.add(skip(site, instruction, verdict.reason(), verdict));
            }
        }
    }

    /** The first candidate that verifies; else the preferred candidate's verdict, with its reason. */
    private Verdict verify(ImageReference reference, List<PrivateCopy> candidates) {
        Verdict first = null;
        for (PrivateCopy candidate : candidates) {
            Verdict verdict = check.verify(reference, candidate);
            if (verdict.verified()) {
                return verdict;
            }
            first = first == null ? verdict : first;
        }
        return first;
    }

    private static String uncovered(ImageReference reference, RewriteTarget to) {
        return switch (to) {
            case CACHE -> "no cache rule covers " + reference.name();
            case IMPORTS -> "no import of " + reference + " succeeded";
            case BOTH -> "no cache rule covers " + reference.name() + ", and no import of " + reference + " succeeded";
        };
    }

    private static Skipped skip(ReferenceSite site, String instruction, String reason, Verdict verdict) {
        return new Skipped(site.line(), instruction, site.reference().toString(), reason,
                verdict == null ? null : verdict.copy().reference().toString(),
                verdict == null ? null : verdict.upstreamDigest(), verdict == null ? null : verdict.privateDigest());
    }

    static String message(String path, RewritePlan plan) {
        List<Change> changes = plan.changes();
        String lines = changes.stream().map(c -> "- line " + c.line() + ": " + c.oldReference() + " -> "
                + c.newReference() + " (" + (c.cacheRule() != null ? "cache rule " + c.cacheRule()
                : "import " + c.importId()) + ", " + c.digest() + ")").collect(Collectors.joining("\n"));
        return "Build " + path + " FROM the private registry's copies\n\n"
                + "drydock points " + changes.size() + (changes.size() == 1 ? " reference" : " references")
                + " at copies in the private registry, each verified to have upstream's digest:\n\n" + lines + "\n";
    }
}
