package dev.drydock.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** REST bodies are read (and answers written) with {@link StrictJson}. */
@Provider
public class StrictJsonResolver implements ContextResolver<ObjectMapper> {

    @Inject
    StrictJson strict;

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict.mapper();
    }
}
