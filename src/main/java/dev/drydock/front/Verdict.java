package dev.drydock.front;

import dev.drydock.access.RegistryCaller;

/** What the front does with a request, decided before any byte goes to the backend. */
sealed interface Verdict {

    /** Stream it to the backend as the caller. */
    record Forward(RegistryCaller caller) implements Verdict {}

    /** Over the caller's throttle: 429 with Retry-After. */
    record Throttled(RegistryCaller.Kind kind, long retryAfterSeconds) implements Verdict {}

    /** Refused with a registry error; {@code challenge} is the WWW-Authenticate value, or null. */
    record Refused(RegistryCaller.Kind kind, FrontMeters.Outcome outcome, int status, String code, String message,
            String challenge) implements Verdict {}
}
