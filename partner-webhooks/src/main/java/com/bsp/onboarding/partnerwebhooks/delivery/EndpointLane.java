package com.bsp.onboarding.partnerwebhooks.delivery;

import java.util.ArrayDeque;

/**
 * One endpoint's deliveries held by this replica: claimed and waiting for a slot, or in flight. Confined to
 * the dispatcher's context.
 *
 * <p>A healthy endpoint may hold its in-flight limit plus a queue ahead, so one claim feeds it for a while;
 * an endpoint whose last attempt failed or was slow holds only what it can send at once, so a hanging or
 * failing endpoint keeps few leases and a neighbour's deliveries never wait behind it.
 */
final class EndpointLane {

    final String endpointId;
    final ArrayDeque<Claimed> queued = new ArrayDeque<>();
    int inFlight;
    boolean struggling;

    EndpointLane(String endpointId) {
        this.endpointId = endpointId;
    }

    int held() {
        return queued.size() + inFlight;
    }

    /** How many more deliveries this lane takes in a claim. */
    int room(int inFlightLimit, int queueAhead) {
        return Math.max(0, capacity(inFlightLimit, queueAhead) - held());
    }

    int capacity(int inFlightLimit, int queueAhead) {
        return struggling ? inFlightLimit : inFlightLimit + queueAhead;
    }

    /** A lane that holds nothing and is healthy says nothing a claim needs: it can go. */
    boolean idle() {
        return held() == 0 && !struggling;
    }
}
