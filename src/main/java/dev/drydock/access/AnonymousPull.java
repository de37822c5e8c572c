package dev.drydock.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The registry's anonymous-pull setting ({@code az acr update --anonymous-pull-enabled}). */
@ApplicationScoped
public class AnonymousPull {

    /** The seed's warning when anonymous pull is on while repository-scoped tokens exist. */
    public static final String TOKENS_MOOT = "anonymous pull is enabled while repository-scoped tokens exist: every "
            + "repository can be pulled without credentials, so the read restrictions of those tokens' scope maps "
            + "no longer limit who can pull";

    /** The setting and what an administrator should know about it. */
    public record Setting(boolean anonymousPullEnabled, Instant changed, List<String> warnings) {}

    @Inject
    AccessState state;

    @Transactional
    public Setting get() {
        RegistrySettingEntity entity = RegistrySettingEntity.get();
        return setting(entity);
    }

    @Transactional
    public Setting set(boolean enabled) {
        RegistrySettingEntity entity = RegistrySettingEntity.get();
        if (entity.anonymousPullEnabled != enabled) {
            entity.anonymousPullEnabled = enabled;
            entity.changed = Instant.now().truncatedTo(ChronoUnit.MICROS);
            state.changed();
        }
        return setting(entity);
    }

    private static Setting setting(RegistrySettingEntity entity) {
        List<String> warnings = entity.anonymousPullEnabled && TokenEntity.count() > 0 ? List.of(TOKENS_MOOT) : List.of();
        return new Setting(entity.anonymousPullEnabled, entity.changed, warnings);
    }
}
