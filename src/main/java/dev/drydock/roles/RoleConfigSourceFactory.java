package dev.drydock.roles;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code drydock.roles} into one boolean per role, {@code drydock.role.<role>}, for what only configuration
 * can switch: whether a Kafka channel is {@code enabled}. A replica that does not build must not join the build
 * workers' consumer group, or it would hold partitions whose requests nobody builds.
 */
public class RoleConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue setting = context.getValue("drydock.roles");
        Set<Role> roles = RoleSet.parse(setting == null ? null : setting.getValue());
        Map<String, String> flags = new HashMap<>();
        for (Role role : Role.values()) {
            flags.put("drydock.role." + role.setting(), Boolean.toString(roles.contains(role)));
        }
        return List.of(new MapBackedConfigSource("drydock.roles", flags, 50) {
            private static final long serialVersionUID = 1L;
        });
    }
}
