package com.bsp.onboarding.partnerwebhooks.transport;

import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Resolves an endpoint's host and checks every address it resolves to, off the event loop (the JDK
 * resolver blocks; its cache keeps repeated look-ups cheap). The caller connects to the address returned,
 * so what was checked is what is reached: a DNS answer that changes between check and connect (rebinding)
 * cannot slip a private address in.
 */
@ApplicationScoped
public class EndpointAddresses {

    private final boolean allowPrivate;

    public EndpointAddresses(PartnerWebhooksConfig config) {
        this.allowPrivate = config.delivery().allowPrivateAddresses();
    }

    public boolean checksAddresses() {
        return !allowPrivate;
    }

    /**
     * @return the address to connect to (null when private addresses are allowed: the client resolves)
     * @throws RefusedAddressException (as the failure) when the host does not resolve or any address is refused
     */
    public Uni<InetAddress> resolve(URI url) {
        if (allowPrivate) {
            return Uni.createFrom().nullItem();
        }
        String host = url.getHost();
        return Uni.createFrom().item(() -> checked(host)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static InetAddress checked(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new RefusedAddressException("the host does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = AddressGuard.refusal(address);
            if (refusal != null) {
                throw new RefusedAddressException("the host resolves to a " + refusal);
            }
        }
        return addresses[0];
    }

    /** Says which kind of address was refused, never the URL. */
    public static final class RefusedAddressException extends RuntimeException {
        public RefusedAddressException(String message) {
            super(message, null, false, false);
        }
    }
}
