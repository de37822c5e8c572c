package dev.drydock.registry.credential;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the {@link SecretCipher} at start-up, so a missing or malformed key stops the application at once. */
@ApplicationScoped
public class SecretCipherProducer {

    @Produces
    @Singleton
    @Startup
    SecretCipher secretCipher(@ConfigProperty(name = SecretCipher.KEY_SETTING) Optional<String> key) {
        return SecretCipher.fromConfig(key);
    }
}
