package dev.drydock.registry.credential;

import dev.drydock.problem.ProblemException;
import dev.drydock.registry.ConfiguredCredentials;
import dev.drydock.registry.CredentialLookup;
import dev.drydock.registry.RegistryCredential;
import dev.drydock.registry.RegistryHosts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Named registry credentials, encrypted at rest, and the {@link CredentialLookup} the registry client
 * uses. When several credentials name the same registry, the oldest is used. Lookups are cached for
 * {@link #LOOKUP_CACHE_TTL} (cleared on every change here) so that polling does not query the database
 * per request. A {@link ConfiguredCredentials} bean (drydock's service identity for its private registry) is asked
 * before the stored sets.
 */
@ApplicationScoped
public class CredentialService implements CredentialLookup {

    static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");
    static final int MAX_USERNAME_LENGTH = 255;
    static final int MAX_PASSWORD_LENGTH = 8192;
    static final Duration LOOKUP_CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(Optional<RegistryCredential> credential, Instant until) {}

    private final Map<String, Cached> lookups = new ConcurrentHashMap<>();
    private final SecretCipher cipher;
    private final Clock clock;
    private final Iterable<ConfiguredCredentials> configured;

    @Inject
    public CredentialService(SecretCipher cipher, Instance<ConfiguredCredentials> configured) {
        this(cipher, Clock.systemUTC(), configured);
    }

    CredentialService(SecretCipher cipher, Clock clock) {
        this(cipher, clock, java.util.List.of());
    }

    CredentialService(SecretCipher cipher, Clock clock, Iterable<ConfiguredCredentials> configured) {
        this.cipher = cipher;
        this.clock = clock;
        this.configured = configured;
    }

    /** Stores a credential; 400 naming the field for bad input, 409 when the name is taken. */
    @Transactional
    public Credential create(NewCredential request) {
        if (request == null) {
            throw ProblemException.badRequest("name", "request body with name, registry, username and password is required");
        }
        String name = checkName(request.name());
        String registry = checkRegistry(request.registry());
        String username = checkUsername(request.username());
        String password = checkPassword(request.password());
        if (CredentialEntity.findByIdOptional(name).isPresent()) {
            throw ProblemException.conflict("credential '" + name + "' already exists");
        }
        CredentialEntity entity = new CredentialEntity();
        entity.name = name;
        entity.registry = registry;
        entity.username = username;
        entity.passwordEncrypted = cipher.encrypt(password, name);
        entity.created = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            entity.persistAndFlush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("credential '" + name + "' already exists");
        }
        lookups.clear();
        return entity.toCredential();
    }

    @Transactional
    public List<Credential> list() {
        return CredentialEntity.listByName().stream().map(CredentialEntity::toCredential).toList();
    }

    @Transactional
    public Optional<Credential> find(String name) {
        return CredentialEntity.findByName(name).map(CredentialEntity::toCredential);
    }

    /** The password of the credential set {@code name} in clear: a build secret ({@code RUN --mount=type=secret}). */
    @Transactional
    public Optional<String> secret(String name) {
        return CredentialEntity.findByName(name).map(e -> cipher.decrypt(e.passwordEncrypted, e.name));
    }

    /** True when it existed. */
    @Transactional
    public boolean delete(String name) {
        boolean deleted = CredentialEntity.deleteById(name);
        lookups.clear();
        return deleted;
    }

    /** The decrypted credential for {@code registry} ({@code docker.io}, {@code host:port}), for the registry client only. */
    @Override
    @Transactional
    public Optional<RegistryCredential> forRegistry(String registry) {
        for (ConfiguredCredentials c : configured) {
            Optional<RegistryCredential> found = c.forRegistry(registry);
            if (found.isPresent()) {
                return found;
            }
        }
        Instant now = clock.instant();
        Cached cached = lookups.get(registry);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.credential();
        }
        Optional<RegistryCredential> found = CredentialEntity.listForRegistry(registry).stream().findFirst()
                .map(e -> new RegistryCredential(e.username, cipher.decrypt(e.passwordEncrypted, e.name)));
        lookups.put(registry, new Cached(found, now.plus(LOOKUP_CACHE_TTL)));
        return found;
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.badRequest("name", "name must be 1 to 64 lower-case letters, digits, '.', '_' or '-', "
                    + "starting and ending with a letter or digit");
        }
        return name;
    }

    private static String checkRegistry(String registry) {
        try {
            return RegistryHosts.normalise(registry);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("registry", e.getMessage());
        }
    }

    private static String checkUsername(String username) {
        if (username == null || username.isBlank()) {
            throw ProblemException.badRequest("username", "username must not be empty");
        }
        if (username.length() > MAX_USERNAME_LENGTH || username.indexOf(':') >= 0) {
            throw ProblemException.badRequest("username", "username must be at most " + MAX_USERNAME_LENGTH
                    + " characters without ':'");
        }
        return username;
    }

    private static String checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw ProblemException.badRequest("password", "password (or access token) must not be empty");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw ProblemException.badRequest("password", "password must be at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        return password;
    }
}
