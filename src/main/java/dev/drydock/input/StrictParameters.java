package dev.drydock.input;

import dev.drydock.problem.Problem;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Integers and booleans in paths and query strings: {@code /runs/abc}, {@code ?page=1.5} or {@code ?dryRun=maybe} is
 * a 400 naming the parameter (JAX-RS would answer 404 for a bad integer, as if the resource did not exist, and read
 * any word but {@code true} as {@code false}). A boolean is {@code true} or {@code false}, in any case. A missing or
 * empty parameter keeps its {@code @DefaultValue}. For a primitive without one, RESTEasy hands the converter the text
 * {@code "0"}, which is no boolean (and cannot be told from {@code ?dryRun=0}): a primitive boolean parameter must
 * therefore declare {@code @DefaultValue}, and one that does not stops the application at start-up.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) converter(name, "an integer", Long::valueOf, rawType.isPrimitive() ? 0L : null);
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, "an integer", Integer::valueOf, rawType.isPrimitive() ? 0 : null);
        }
        if (rawType == boolean.class && !hasDefault(annotations)) {
            throw new IllegalStateException("the boolean parameter " + name + " needs @DefaultValue: without one an "
                    + "omitted value reaches the converter as \"0\"");
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, "true or false", StrictParameters::parseBoolean,
                    rawType.isPrimitive() ? false : null);
        }
        return null;
    }

    static Boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    /** {@code absent} stands for a parameter that is missing or empty, as JAX-RS reads it for the type. */
    private static <V> ParamConverter<V> converter(String name, String expected, Function<String, V> parse, V absent) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null || value.isEmpty()) {
                    return absent;
                }
                try {
                    return parse.apply(value.strip());
                } catch (IllegalArgumentException e) {
                    Problem problem = Problem.of(400, "Invalid request", name + " must be " + expected, name);
                    throw new WebApplicationException(Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build());
                }
            }

            @Override
            public String toString(V value) {
                return String.valueOf(value);
            }
        };
    }

    private static boolean hasDefault(Annotation[] annotations) {
        for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
            if (a instanceof DefaultValue) {
                return true;
            }
        }
        return false;
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
        }
        return "parameter";
    }
}
