package dev.drydock.front;

import io.vertx.core.http.HttpServerResponse;

/** Answers in the registry API's error format, {@code {"errors":[{"code":…,"message":…}]}}, which clients show. */
final class RegistryErrors {

    private RegistryErrors() {}

    static void send(HttpServerResponse response, int status, String code, String message) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Docker-Distribution-API-Version", "registry/2.0")
                .end(body(code, message));
    }

    static String body(String code, String message) {
        return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + escape(message) + "\",\"detail\":null}]}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
