package dev.drydock.rebuild.engine;

import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import java.util.Set;

/**
 * The two plain-HTTP registries the build tests use, one per test JVM: an "upstream" that bases are pushed
 * to and a private one that builds push into. Real Distribution processes, without the rest of the stack.
 */
final class BuildRegistries {

    private static final class Holder {
        static final LocalRegistry UPSTREAM = LocalRegistry.start(RegistryOptions.anonymous());
        static final LocalRegistry PRIVATE = LocalRegistry.start(RegistryOptions.anonymous());
    }

    private BuildRegistries() {
    }

    static String upstream() {
        return Holder.UPSTREAM.host();
    }

    static String privateRegistry() {
        return Holder.PRIVATE.host();
    }

    static Set<String> plainHttp() {
        return Set.of(upstream(), privateRegistry());
    }
}
