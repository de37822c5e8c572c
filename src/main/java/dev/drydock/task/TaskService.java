package dev.drydock.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.source.GitUrlPolicy;
import dev.drydock.graph.DependencyGraph;
import dev.drydock.graph.GraphEdge;
import dev.drydock.graph.buildfile.BuildFileAnalysis;
import dev.drydock.graph.buildfile.BuildFileAnalyzer;
import dev.drydock.graph.buildfile.BuildFileKind;
import dev.drydock.graph.buildfile.BuildFileSyntaxException;
import dev.drydock.graph.buildfile.UnknownTargetException;
import dev.drydock.graph.buildfile.Engine;
import dev.drydock.graph.buildfile.EngineRefusedException;
import dev.drydock.graph.buildfile.Dependency;
import dev.drydock.image.Platform;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.credential.SecretCipher;
import dev.drydock.task.trigger.TimerScheduler;
import dev.drydock.watch.BaseService;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Registers, changes and removes tasks; keeps the graph and the watched bases in step with them. */
@ApplicationScoped
public class TaskService {

    @Inject
    TaskValidator validator;

    @Inject
    BuildFileSource buildFiles;

    @Inject
    BuildFileAnalyzer analyzer;

    @Inject
    DependencyGraph graph;

    @Inject
    BaseService bases;

    @Inject
    TimerScheduler timers;

    @Inject
    SecretCipher cipher;

    @Inject
    ObjectMapper json;

    @Inject
    RebaseBases rebaseBases;

    /** A validated, analysed task ready to store, and the build file it was analysed from. */
    record Analysed(TaskSpec spec, List<GraphEdge> dependencies, List<String> outputs, Optional<String> commit,
            BuildFileSource.BuildFileText buildFile) {}

    @Transactional
    public TaskView create(TaskSpec request, boolean dryRun) {
        TaskSpec spec = validator.validate(request);
        if (Task.byName(spec.name()).isPresent()) {
            throw ProblemException.conflict("a task named '" + spec.name() + "' exists already");
        }
        Analysed analysed = analyse(spec);
        if (dryRun) {
            discardMirror(analysed);
            return view(null, analysed);
        }
        Task task = new Task();
        task.name = spec.name();
        task.createdAt = Instant.now();
        try {
            return store(task, analysed, request);
        } catch (RuntimeException e) {
            discardMirror(analysed);
            throw e;
        }
    }

    /** Replaces a task's definition (PUT) and re-analyses it. */
    @Transactional
    public TaskView replace(String name, TaskSpec request) {
        Task task = get(name);
        if (request.name() != null && !request.name().equals(name)) {
            throw ProblemException.badRequest("name", "a task cannot be renamed (was '" + name + "')");
        }
        TaskSpec spec = validator.validate(withName(request, name));
        Set<String> before = graph.dependenciesOf(task.id).stream().map(GraphEdge::reference).collect(Collectors.toSet());
        Analysed analysed = analyse(spec);
        TaskView view;
        try {
            view = store(task, analysed, request);
        } catch (RuntimeException e) {
            discardMirror(analysed);
            throw e;
        }
        releaseBases(before);
        return view;
    }

    /** Re-reads the build file (a git source at the head of its ref, or at {@code commit}) and moves dependencies. */
    @Transactional
    public TaskView reanalyse(String name, Optional<String> commit) {
        Task task = get(name);
        TaskSpec spec = spec(task);
        Set<String> before = graph.dependenciesOf(task.id).stream().map(GraphEdge::reference).collect(Collectors.toSet());
        Analysed analysed = analyse(spec, commit);
        graph.replace(task.id, analysed.dependencies(), analysed.outputs());
        task.analyzedCommit = analysed.commit().orElse(null);
        task.updatedAt = Instant.now();
        trackBases(task, analysed);
        releaseBases(before);
        return view(task, analysed);
    }

    @Transactional
    public void delete(String name) {
        Task task = get(name);
        Set<String> before = graph.dependenciesOf(task.id).stream().map(GraphEdge::reference).collect(Collectors.toSet());
        timers.unschedule(task.name);
        task.delete();
        releaseBases(before);
    }

    public Task get(String name) {
        return Task.byName(name).orElseThrow(() -> ProblemException.notFound("task", name));
    }

    public List<Task> list() {
        return Task.listAll(Sort.by("name"));
    }

    public List<Task> list(int page, int size) {
        return Task.<Task>findAll(Sort.by("name")).page(Page.of(page, size)).list();
    }

    public long count() {
        return Task.count();
    }

    public TaskSpec spec(Task task) {
        try {
            return json.readValue(task.spec, TaskSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored task " + task.name + " is unreadable", e);
        }
    }

    public TaskView view(Task task) {
        return new TaskView(task.name, shown(spec(task)), graph.dependenciesOf(task.id), graph.outputsOf(task.id),
                task.analyzedCommit, true, task.createdAt, task.updatedAt);
    }

    /** The task's webhook secret in clear, if it has one. */
    public Optional<String> commitSecret(Task task) {
        return Optional.ofNullable(task.commitSecret).map(s -> cipher.decrypt(s, "task:" + task.name));
    }

    private TaskView store(Task task, Analysed analysed, TaskSpec request) {
        TaskSpec spec = analysed.spec();
        graph.checkNoCycle(spec.name(), analysed.dependencies().stream().map(GraphEdge::reference).toList(), analysed.outputs());
        task.spec = write(withoutSecret(spec));
        task.gitUrl = spec.source() == null || spec.source().git() == null ? null : GitUrls.normalise(spec.source().git().url());
        TaskSpec.Commit commit = spec.triggers().commit();
        task.commitEnabled = commit != null && Boolean.TRUE.equals(commit.enabled()) && task.gitUrl != null;
        task.commitBranch = commit == null ? null : commit.branch();
        if (commit != null && commit.secret() != null && !commit.secret().isBlank()) {
            task.commitSecret = cipher.encrypt(commit.secret(), "task:" + spec.name());
        }
        TaskSpec.BaseImage base = spec.triggers().baseImage();
        task.baseEnabled = base.enabled();
        task.baseScope = base.scope();
        task.analyzedCommit = analysed.commit().orElse(null);
        task.updatedAt = Instant.now();
        if (task.id == null) {
            task.persist();
        }
        graph.replace(task.id, analysed.dependencies(), analysed.outputs());
        trackBases(task, analysed);
        timers.schedule(task.name, spec.triggers().timers());
        return view(task, analysed);
    }

    private Analysed analyse(TaskSpec spec) {
        return analyse(spec, Optional.empty());
    }

    private Analysed analyse(TaskSpec spec, Optional<String> commit) {
        if (spec.rebasing()) {
            return analyseRebase(spec);
        }
        BuildFileSource.BuildFileText text = buildFiles.read(spec, spec.buildFile(), commit);
        try {
            return analyse(spec, text);
        } catch (RuntimeException e) {
            buildFiles.discardMirror(spec, text);
            throw e;
        }
    }

    private Analysed analyse(TaskSpec spec, BuildFileSource.BuildFileText text) {
        BuildFileKind kind = BuildFileKind.ofFileName(spec.buildFile());
        Optional<Platform> platform = spec.platforms().stream().findFirst().map(Platform::parse);
        BuildFileAnalysis analysis;
        try {
            analysis = analyzer.analyze(kind, text.content(), spec.args(), platform, Optional.ofNullable(spec.target()));
        } catch (UnknownTargetException e) {
            throw ProblemException.badRequest("target", spec.buildFile() + ": " + e.detail());
        } catch (BuildFileSyntaxException e) {
            throw ProblemException.badRequest("buildFile", spec.buildFile() + " line " + e.line() + ": " + e.detail());
        }
        if (!analysis.buildable()) {
            String problems = analysis.problems().stream()
                    .map(p -> (p.line() > 0 ? "line " + p.line() + ": " : "") + p.detail())
                    .collect(Collectors.joining("; "));
            throw ProblemException.badRequest("buildFile", spec.buildFile() + " cannot be built by drydock: " + problems);
        }
        try {
            analysis.engineFor(Engine.parse(spec.engine()));
        } catch (EngineRefusedException e) {
            throw ProblemException.badRequest("engine", "engine " + spec.engine() + ": " + spec.buildFile() + " "
                    + e.getMessage());
        }
        List<GraphEdge> edges = analysis.dependencies().stream().map(TaskService::edge).toList();
        return new Analysed(spec, edges, validator.literalOutputs(spec), text.commit(), text);
    }

    /**
     * A rebase task depends on its base and on the image CI pushes, both runtime: a change of either starts a run. A
     * base it does not name is read from the image (and stored, so the task keeps the base it was registered with).
     */
    private Analysed analyseRebase(TaskSpec spec) {
        TaskSpec.Rebase rebase = spec.rebase();
        String base = rebase.base() != null ? rebase.base() : rebaseBases.statedBase(rebase.image());
        TaskSpec resolved = new TaskSpec(spec.name(), null, null, spec.args(), spec.images(), spec.platforms(),
                spec.triggers(), spec.credentials(), spec.timeoutSeconds(), null, null, null,
                new TaskSpec.Rebase(rebase.image(), base), null);
        List<GraphEdge> edges = List.of(rebaseEdge(base), rebaseEdge(rebase.image()));
        return new Analysed(resolved, edges, validator.literalOutputs(resolved), Optional.empty(),
                new BuildFileSource.BuildFileText("", Optional.empty(), false));
    }

    private static GraphEdge rebaseEdge(String reference) {
        return new GraphEdge(reference, 0, true, dev.drydock.image.ImageReference.parse(reference).digest().isPresent(),
                null);
    }

    /** A mirror made for a task that is not stored (a dry run, a failed registration) is removed. */
    private void discardMirror(Analysed analysed) {
        buildFiles.discardMirror(analysed.spec(), analysed.buildFile());
    }

    private static GraphEdge edge(Dependency d) {
        return new GraphEdge(d.reference().toString(), d.stage(), d.runtime(), d.pinned(),
                d.platform().map(Platform::toString).orElse(null));
    }

    /** Every base that can trigger the task is watched (implicitly, unless someone tracks it explicitly). */
    private void trackBases(Task task, Analysed analysed) {
        boolean all = "all".equals(task.baseScope);
        for (GraphEdge edge : analysed.dependencies()) {
            if (!edge.pinned() && (all || edge.runtime())) {
                bases.track(new BaseService.TrackRequest(edge.reference(), null, null, null), false);
            }
        }
    }

    private void releaseBases(Set<String> references) {
        graph.flush();
        for (String reference : new HashSet<>(references)) {
            if (!graph.hasDependents(reference)) {
                bases.releaseImplicit(reference);
            }
        }
    }

    private TaskView view(Task task, Analysed analysed) {
        return new TaskView(analysed.spec().name(), shown(withoutSecret(analysed.spec())), analysed.dependencies(),
                analysed.outputs(), analysed.commit().orElse(null), task != null,
                task == null ? null : task.createdAt, task == null ? null : task.updatedAt);
    }

    /** The definition as the API shows it: the git URL redacted like everywhere else. */
    private static TaskSpec shown(TaskSpec s) {
        TaskSpec.Git git = s.source() == null ? null : s.source().git();
        if (git == null) {
            return s;
        }
        return s.withSource(new TaskSpec.Source(new TaskSpec.Git(GitUrlPolicy.redact(git.url()), git.ref(),
                git.context()), null));
    }

    private static TaskSpec withName(TaskSpec s, String name) {
        return s.withName(name);
    }

    private static TaskSpec withoutSecret(TaskSpec s) {
        TaskSpec.Commit c = s.triggers().commit();
        TaskSpec.Triggers triggers = c == null ? s.triggers() : new TaskSpec.Triggers(s.triggers().baseImage(),
                new TaskSpec.Commit(c.enabled(), c.branch(), null), s.triggers().timers());
        return s.withTriggers(triggers);
    }

    private String write(TaskSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
