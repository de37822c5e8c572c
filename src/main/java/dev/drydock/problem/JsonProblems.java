package dev.drydock.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request body Jackson could not read, as a problem naming the JSON path of the field ({@code source.git.url},
 * {@code images[2]}, {@code args.V}) and the reason in words. Class names and the rejected text stay out.
 */
public final class JsonProblems {

    private JsonProblems() {}

    public static ProblemException of(JsonProcessingException e) {
        String field = path(e);
        return new ProblemException(400, "Malformed request body", reason(e, field), field == null ? "body" : field);
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return null;
        }
        String path = m.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String reason(JsonProcessingException e, String field) {
        String subject = field == null ? "the body" : field;
        if (e instanceof PropertyBindingException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'"
                    + (field != null && field.contains(".") ? " in " + field.substring(0, field.lastIndexOf('.')) : "");
        }
        if (e instanceof InvalidNullException) {
            return subject + " must not be null";
        }
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate field")) {
            return "a field appears twice" + (field == null ? "" : " in " + field) + at(e.getLocation());
        }
        if (e instanceof JsonParseException) {
            return "the body is not valid JSON" + at(e.getLocation());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return subject + " must be " + expected(mismatch.getTargetType());
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Trailing token")) {
            return "the body holds more than one JSON value";
        }
        if (message != null && (message.startsWith("the value holds") || message.startsWith("a key holds"))) {
            return subject + ": " + message;
        }
        return subject + " is not valid here" + at(e.getLocation());
    }

    private static String expected(Class<?> type) {
        if (type == String.class || type == Character.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants()).stream().map(Object::toString).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list (a JSON array such as [\"a\", \"b\"]), not a single value";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
