package dev.drydock.git;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "drydock.git")
public interface GitConfig {

    /**
     * Webhook secret accepted for every repository (GitHub/Gitea HMAC key, GitLab token). Tasks can also carry
     * their own secret ({@code triggers.commit.secret}); either one verifies a delivery for that task.
     */
    Optional<String> webhookSecret();
}
