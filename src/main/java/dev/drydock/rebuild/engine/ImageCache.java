package dev.drydock.rebuild.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What drydock read or wrote of images, by digest: a digest names content that never changes, so a base read
 * for one build (or the image one rebuild pushed) serves the next without asking the registry again. The key
 * also names who may read it (the credential used), so a cached base never reaches a build that could not read
 * it itself. The least recently used entries go first.
 */
final class ImageCache<V> {

    private final Map<String, V> entries;

    ImageCache(int capacity) {
        this.entries = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        });
    }

    Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    void put(String key, V value) {
        entries.put(key, value);
    }
}
