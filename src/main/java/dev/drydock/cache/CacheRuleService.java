package dev.drydock.cache;

import dev.drydock.health.PrivateRegistryConfig;
import dev.drydock.image.ImageReference;
import dev.drydock.outbox.EventType;
import dev.drydock.outbox.Outbox;
import dev.drydock.problem.ProblemException;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryException;
import dev.drydock.registry.credential.CredentialService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Cache rules: created, listed, changed and deleted, each change with its event in one transaction. A rule may not
 * share its source or target with another; wildcard rules may not overlap each other (an exact rule inside a
 * wildcard is fine: it wins); a rule whose target repositories already exist in the private registry and were not
 * filled by the cache is refused with their names.
 */
@ApplicationScoped
public class CacheRuleService {

    static final int MAX_NAMED = 20;

    @Inject
    Outbox outbox;

    @Inject
    CacheRules rules;

    @Inject
    HitCounts hits;

    @Inject
    CredentialService credentials;

    @Inject
    RegistryClient registry;

    @Inject
    PrivateRegistryConfig privateRegistry;

    @Transactional
    public CacheRule create(CacheRuleInput input) {
        if (input == null) {
            throw ProblemException.badRequest("name", "a body with name, source and target is required");
        }
        String name = RuleCheck.name(input.name());
        String source = RuleCheck.source(input.source());
        boolean wildcard = source.endsWith(CacheRule.WILDCARD);
        String target = RuleCheck.target(input.target(), wildcard);
        Duration refresh = RuleCheck.refresh(input.refresh());
        SyncTags sync = RuleCheck.syncTags(input.syncTags(), wildcard);
        String credentialSet = credentialSet(input.credentialSet(), source);
        lockRules();
        if (CacheRuleEntity.findByIdOptional(name).isPresent()) {
            throw ProblemException.conflict("cache rule '" + name + "' already exists");
        }
        checkOthers(name, source, target);
        checkTargetFree(target);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CacheRuleEntity e = new CacheRuleEntity();
        e.name = name;
        e.source = source;
        e.target = target;
        e.credentialSet = credentialSet;
        e.refreshSeconds = refresh.toSeconds();
        e.syncTags = sync;
        e.created = now;
        e.updated = now;
        e.persistAndFlush();
        announce(EventType.CACHE_RULE_CREATED, e, "created");
        return e.toRule();
    }

    @Transactional
    public List<CacheRule> list(int page, int size) {
        hits.flush(); // this replica's hits so far are in the answer
        return CacheRuleEntity.<CacheRuleEntity>find("order by name").page(page, size).list().stream()
                .map(CacheRuleEntity::toRule).toList();
    }

    @Transactional
    public long count() {
        return CacheRuleEntity.count();
    }

    @Transactional
    public Optional<CacheRule> find(String name) {
        hits.flush();
        return CacheRuleEntity.<CacheRuleEntity>findByIdOptional(name).map(CacheRuleEntity::toRule);
    }

    /** Replaces the fields given (non-null); the rest stays. A changed target is checked as a new one. */
    @Transactional
    public CacheRule change(String name, CacheRuleInput change) {
        if (change == null) {
            throw ProblemException.badRequest("body", "a JSON object with the fields to change is required");
        }
        if (change.name() != null && !change.name().equals(name)) {
            throw ProblemException.badRequest("name", "a rule's name cannot change; create another rule");
        }
        // The fields that can be checked alone are checked before the rule is looked up: bad input is a 400 even
        // for a rule that does not exist.
        if (change.source() != null) {
            RuleCheck.source(change.source());
        }
        if (change.refresh() != null) {
            RuleCheck.refresh(change.refresh());
        }
        if (change.syncTags() != null) {
            RuleCheck.syncTags(change.syncTags(), false);
        }
        lockRules();
        CacheRuleEntity e = CacheRuleEntity.<CacheRuleEntity>findByIdOptional(name, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("cache rule", name));
        String source = change.source() == null ? e.source : RuleCheck.source(change.source());
        boolean wildcard = source.endsWith(CacheRule.WILDCARD);
        String target = change.target() == null ? e.target : RuleCheck.target(change.target(), wildcard);
        if (change.target() == null && wildcard != e.target.endsWith(CacheRule.WILDCARD)) {
            RuleCheck.target(e.target, wildcard);
        }
        Duration refresh = change.refresh() == null ? Duration.ofSeconds(e.refreshSeconds)
                : RuleCheck.refresh(change.refresh());
        SyncTags sync = change.syncTags() == null ? e.syncTags : RuleCheck.syncTags(change.syncTags(), wildcard);
        if (sync != null && wildcard) {
            RuleCheck.syncTags(sync, true);
        }
        String credentialSet = change.credentialSet() == null ? e.credentialSet
                : change.credentialSet().isEmpty() ? null : change.credentialSet();
        credentialSet = credentialSet(credentialSet, source);
        checkOthers(name, source, target);
        if (!target.equals(e.target)) {
            checkTargetFree(target);
        }
        if (!Objects.equals(sync, e.syncTags) || !source.equals(e.source) || !target.equals(e.target)) {
            e.nextSyncAt = null; // a changed sync applies at once, not after the rest of the old refresh
        }
        e.source = source;
        e.target = target;
        e.refreshSeconds = refresh.toSeconds();
        e.syncTags = sync;
        e.credentialSet = credentialSet;
        e.updated = Instant.now().truncatedTo(ChronoUnit.MICROS);
        announce(EventType.CACHE_RULE_UPDATED, e, "updated");
        return e.toRule();
    }

    /** True when it existed. The tags it filled stay in the private registry (and stay the cache's). */
    @Transactional
    public boolean delete(String name) {
        Optional<CacheRuleEntity> found = CacheRuleEntity.findByIdOptional(name, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return false;
        }
        CacheRuleEntity e = found.get();
        announce(EventType.CACHE_RULE_DELETED, e, "deleted");
        e.delete();
        return true;
    }

    private void announce(EventType type, CacheRuleEntity e, String change) {
        outbox.append(type, e.name, "cache-rule/" + e.name, new CacheRuleChanged(e.name, change, e.source, e.target));
        rules.changed();
    }

    /** Serialises rule changes, so two overlapping rules created at once cannot both pass the overlap check. */
    private static void lockRules() {
        CacheRuleEntity.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(18018)").getSingleResult();
    }

    private String credentialSet(String set, String source) {
        if (set == null || set.isBlank()) {
            return null;
        }
        String sourceRegistry = source.substring(0, source.indexOf('/'));
        String registryOfSet = credentials.find(set).orElseThrow(() -> ProblemException.badRequest("credentialSet",
                "no credential set named \"" + set + "\"")).registry();
        if (!registryOfSet.equals(sourceRegistry)) {
            throw ProblemException.badRequest("credentialSet", "credential set \"" + set + "\" is for "
                    + registryOfSet + ", not the source's registry " + sourceRegistry);
        }
        return set;
    }

    private static void checkOthers(String name, String source, String target) {
        CacheRule candidate = new CacheRule(name, source, target, null, Duration.ZERO, null, null);
        for (CacheRuleEntity other : CacheRuleEntity.listByName()) {
            if (other.name.equals(name)) {
                continue;
            }
            CacheRule o = other.toRule();
            if (o.source().equals(source)) {
                throw ProblemException.conflict("cache rule '" + o.name() + "' already caches " + source);
            }
            if (o.target().equals(target)) {
                throw ProblemException.conflict("cache rule '" + o.name() + "' already fills " + target);
            }
            if (candidate.wildcard() && o.wildcard()) {
                if (CacheRule.nested(candidate.sourcePrefix(), o.sourcePrefix())) {
                    throw ProblemException.conflict("wildcard source " + source + " overlaps cache rule '" + o.name()
                            + "' (" + o.source() + ")");
                }
                if (CacheRule.nested(candidate.targetPrefix(), o.targetPrefix())) {
                    throw ProblemException.conflict("wildcard target " + target + " overlaps cache rule '" + o.name()
                            + "' (" + o.target() + ")");
                }
            }
        }
    }

    /** 409 naming the repositories under the target that exist in the private registry and the cache did not fill. */
    private void checkTargetFree(String target) {
        boolean wildcard = target.endsWith(CacheRule.WILDCARD);
        String prefix = wildcard ? target.substring(0, target.length() - CacheRule.WILDCARD.length()) : target;
        List<String> existing = new ArrayList<>();
        try {
            if (wildcard) {
                for (String repository : registry.listRepositories(privateRegistry.host())) {
                    if (repository.startsWith(prefix + "/")) {
                        existing.add(repository);
                    }
                }
            } else if (!registry.listTags(ImageReference.parse(privateRegistry.host() + "/" + prefix)).isEmpty()) {
                existing.add(prefix);
            }
        } catch (RegistryException e) {
            throw new ProblemException(503, "Private registry unavailable",
                    "cannot check whether " + target + " is free in the private registry: " + e.getMessage(), null);
        }
        Set<String> cached = new HashSet<>(CachedTagEntity.repositoriesUnder(prefix));
        List<String> foreign = existing.stream().filter(r -> !cached.contains(r)).sorted().toList();
        if (!foreign.isEmpty()) {
            throw ProblemException.conflict("target " + target + " would cover repositories that already exist in the "
                    + "private registry outside the cache: " + String.join(", ",
                    foreign.subList(0, Math.min(MAX_NAMED, foreign.size())))
                    + (foreign.size() > MAX_NAMED ? " and " + (foreign.size() - MAX_NAMED) + " more" : ""));
        }
    }
}
