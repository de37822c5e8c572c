package dev.drydock.net;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's {@link OutboundPolicy}, from {@code drydock.outbound.*}. */
@ApplicationScoped
public class OutboundPolicyProducer {

    @Produces
    @Singleton
    OutboundPolicy outboundPolicy(OutboundConfig config) {
        return OutboundPolicy.of(config);
    }
}
