package dev.drydock.dashboard.live;

import dev.drydock.dashboard.auth.SignedIn;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;

/**
 * {@code GET /dashboard/events}: server-sent events for the dashboard's pages. First {@code ready} (the stream is
 * subscribed: anything published from now on arrives), then {@code run}, {@code base} and {@code cache-rule} events
 * with the Kafka event's JSON data and its id, and a {@code ping} every {@link #PING} so that proxies keep the line
 * open.
 */
@Path("/dashboard/events")
@SignedIn
public class EventStreamResource {

    static final Duration PING = Duration.ofSeconds(15);

    @Inject
    LiveEvents events;

    /** Blocking: the session check before it reads the database. */
    @GET
    @io.smallrye.common.annotation.Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> live = events.stream().map(e -> sse.newEventBuilder().name(e.kind().sseName()).id(e.id())
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, e.data()).build());
        Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(PING)
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().name("ping").mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, "{}").build());
        Multi<OutboundSseEvent> ready = Multi.createFrom().item(() -> sse.newEventBuilder().name("ready")
                .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, "{}").reconnectDelay(2000).build());
        // Merging subscribes in order: the live stream is subscribed before "ready" goes out.
        return Multi.createBy().merging().streams(live, pings, ready);
    }
}
