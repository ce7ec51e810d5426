package com.bsp.onboarding.sandbox.receiver;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Demo receivers for partner webhooks (partner-webhooks' deliveries in the local stack and demo.sh): each name
 * is one receiver, created on its first request, that records what arrived and answers as its fault says.
 * In memory, bounded per receiver (the oldest requests are dropped), like everything else in the sandbox.
 */
@ApplicationScoped
public class PartnerReceivers {

    /** Enough for a demo and for the retries of a test; a benchmark's receiver must not grow the heap without end. */
    static final int KEPT_PER_RECEIVER = 1_000;

    private final Map<String, Inbox> inboxes = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock = Clock.systemUTC();

    /** Records a request and says how to answer it (status and delay), using up one request of the fault. */
    ReceivedRequest receive(String name, String method, String path, Map<String, String> headers, byte[] body) {
        return inbox(name).add(sequence.incrementAndGet(), method, path, headers, body, clock);
    }

    List<ReceivedRequest> received(String name) {
        Inbox inbox = inboxes.get(name);
        return inbox == null ? List.of() : inbox.snapshot();
    }

    void clear(String name) {
        inboxes.remove(name);
    }

    void fault(String name, ReceiverFault fault) {
        inbox(name).fault(fault);
    }

    ReceiverFault fault(String name) {
        Inbox inbox = inboxes.get(name);
        return inbox == null ? ReceiverFault.NONE : inbox.currentFault();
    }

    private Inbox inbox(String name) {
        return inboxes.computeIfAbsent(name, n -> new Inbox());
    }

    /** One receiver's requests and fault; the fault is taken and the request recorded under one lock. */
    private static final class Inbox {
        private final ArrayDeque<ReceivedRequest> requests = new ArrayDeque<>();
        private ReceiverFault fault = ReceiverFault.NONE;

        synchronized ReceivedRequest add(long sequence, String method, String path, Map<String, String> headers,
                byte[] body, Clock clock) {
            ReceiverFault applied = fault;
            fault = fault.consumed();
            int status = applied.active() ? applied.status() : 200;
            long delay = applied.active() ? applied.delayMillis() : 0;
            ReceivedRequest request = new ReceivedRequest(sequence, method, path, Map.copyOf(headers), body.clone(),
                    clock.instant(), status, delay);
            if (requests.size() == KEPT_PER_RECEIVER) {
                requests.removeFirst();
            }
            requests.addLast(request);
            return request;
        }

        synchronized List<ReceivedRequest> snapshot() {
            return List.copyOf(requests);
        }

        synchronized void fault(ReceiverFault newFault) {
            fault = newFault;
        }

        synchronized ReceiverFault currentFault() {
            return fault;
        }
    }
}
