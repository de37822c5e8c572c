package dev.drydock.net;

import java.io.IOException;

/**
 * Every address a host resolved to is one the {@link OutboundPolicy} denies. Not temporary: the same name
 * gives the same answer until an operator changes {@code drydock.outbound.*} (or the name's DNS).
 */
public final class AddressNotAllowedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final transient OutboundPolicy.Reason reason;

    AddressNotAllowedException(String host, OutboundPolicy.Reason reason) {
        super("address of " + host + " is not allowed by drydock.outbound (" + reason.description() + ")");
        this.host = host;
        this.reason = reason;
    }

    public String host() {
        return host;
    }

    public OutboundPolicy.Reason reason() {
        return reason;
    }
}
