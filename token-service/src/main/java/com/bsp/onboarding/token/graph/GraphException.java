package com.bsp.onboarding.token.graph;

/**
 * A Graph call that did not give what a signup needs. The message never holds a token, code or
 * secret: only Meta's error code, subcode and type.
 */
public class GraphException extends RuntimeException {

    public enum Kind {
        /** error 100 / subcode 36009: the code was exchanged before. */
        CODE_USED,
        /** error 100 / subcode 36007: the code is older than its 30 seconds. */
        CODE_EXPIRED,
        /** Graph refused for another reason (bad code, app misconfiguration): not retryable. */
        REJECTED,
        /** 5xx, throttling, timeout or no connection: Graph could not answer. */
        UNAVAILABLE
    }

    private final Kind kind;

    public GraphException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
