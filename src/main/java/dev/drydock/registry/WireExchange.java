package dev.drydock.registry;

import dev.drydock.registry.http.Http1Client;
import dev.drydock.registry.http.Http1Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The bottom layer: one HTTP request in one of the registry's concurrency slots (or in slots its caller holds, see
 * {@link CopySlots}), counted on its endpoint,
 * its rate-limit headers recorded, its body read up to the request's limit (or streamed into the request's
 * sink). Sends exactly the headers it is
 * given (plus User-Agent): credentials are the auth layer's business.
 */
final class WireExchange implements RegistryExchange {

    /** Error bodies and discarded bodies are read up to this size. */
    static final int MAX_DISCARDED_BODY = 64 * 1024;

    private final Http1Client http;
    private final Clock clock;
    private final String userAgent;

    WireExchange(Http1Client http, Clock clock, String userAgent) {
        this.http = http;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    @Override
    public RegistryResponse send(RegistryEndpoint ep, RegistryRequest request) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size() + 1);
        headers.add(Map.entry("User-Agent", userAgent));
        headers.addAll(request.headers().entrySet());

        boolean ownSlot = request.slots() == null || !request.slots().covers(ep);
        if (ownSlot) {
            CopySlots.acquire(ep, 1, request.repository());
        }
        try {
            ep.requests.incrementAndGet();
            try (Http1Response response = http.send(request.method(), request.uri(), headers, request.body(),
                    ep.settings.timeout())) {
                RateLimitStatus.parse(response.headers().firstValue(RateLimitStatus.LIMIT_HEADER).orElse(null),
                        response.headers().firstValue(RateLimitStatus.REMAINING_HEADER).orElse(null), clock.instant())
                        .ifPresent(ep.rateLimit::set);
                boolean success = response.status() / 100 == 2;
                byte[] body;
                if (success && request.sink() != null) {
                    try (InputStream in = response.body()) {
                        request.sink().receive(in, response.headers().firstValueAsLong("Content-Length").orElse(-1));
                    }
                    body = new byte[0];
                } else {
                    long limit = success ? request.maxBody() : MAX_DISCARDED_BODY;
                    body = readBody(ep, request, response.body(), limit, success);
                }
                return new RegistryResponse(response.status(), response.headers(), request.uri(), body);
            }
        } finally {
            if (ownSlot) {
                ep.permits.release();
            }
        }
    }

    // A successful body over the limit is an error; an error body is cut at the limit.
    private static byte[] readBody(RegistryEndpoint ep, RegistryRequest request, InputStream in, long limit,
            boolean strict) throws IOException {
        try (in) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                if (strict) {
                    throw new RegistryResponseException(ep.registry, request.repository(), request.describe(), 200,
                            List.of(), "answer is larger than " + limit + " bytes");
                }
                return Arrays.copyOf(body, (int) limit);
            }
            return body;
        }
    }
}
