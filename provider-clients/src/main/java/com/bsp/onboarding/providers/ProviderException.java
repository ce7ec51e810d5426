package com.bsp.onboarding.providers;

/**
 * A Graph or 360Dialog call that failed, with what the provider answered (HTTP status, Graph's code,
 * subcode, type, message and fbtrace_id; any of them null when not given) and what the caller can do
 * about it. {@link #getMessage()} never holds a token, code, PIN or key, nor the provider's message (which
 * may quote the request): only the call's name, the status and the codes.
 */
public class ProviderException extends RuntimeException {

    /** What a failed call means for the caller. */
    public enum Classification {
        /** Throttled or temporarily unavailable (a transient Graph code, HTTP 429): it did not happen; retry later. */
        RETRY_LATER,
        /** HTTP 5xx, no answer in time, or the connection dropped: it may have happened; check before repeating it. */
        OUTCOME_UNKNOWN,
        /** The connection failed before the request was sent: it cannot have happened. */
        NOT_SENT,
        /** Refused for good (bad parameter, permissions, invalid token, ...): retrying does not help. */
        REFUSED;

        public boolean retryable() {
            return this != REFUSED;
        }
    }

    private final String call;
    private final Integer httpStatus;
    private final Integer code;
    private final Integer subcode;
    private final String type;
    private final String providerMessage;
    private final String fbtraceId;
    private final Classification classification;

    public ProviderException(String call, Integer httpStatus, Integer code, Integer subcode, String type, String providerMessage,
            String fbtraceId, Classification classification) {
        super(describe(call, httpStatus, code, subcode, type), null, false, false);
        this.call = call;
        this.httpStatus = httpStatus;
        this.code = code;
        this.subcode = subcode;
        this.type = type;
        this.providerMessage = providerMessage;
        this.fbtraceId = fbtraceId;
        this.classification = classification;
    }

    /** The same failure, named after the call that failed (the mapper that builds it does not know it). */
    public ProviderException of(String callName) {
        return new ProviderException(callName, httpStatus, code, subcode, type, providerMessage, fbtraceId, classification);
    }

    public String call() {
        return call;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public Integer code() {
        return code;
    }

    public Integer subcode() {
        return subcode;
    }

    /** Graph's {@code error.type}, or {@code transport} when no answer came. */
    public String type() {
        return type;
    }

    /** The provider's own words ({@code error.message}, or 360Dialog's {@code detail}); for records, not for logs. */
    public String providerMessage() {
        return providerMessage;
    }

    public String fbtraceId() {
        return fbtraceId;
    }

    public Classification classification() {
        return classification;
    }

    public boolean retryable() {
        return classification.retryable();
    }

    /** The request may have taken effect, so a retry of a side effect must first check whether it happened. */
    public boolean ambiguous() {
        return classification == Classification.OUTCOME_UNKNOWN;
    }

    public boolean is(int code, int subcode) {
        return this.code != null && this.code == code && this.subcode != null && this.subcode == subcode;
    }

    private static String describe(String call, Integer httpStatus, Integer code, Integer subcode, String type) {
        return call + " failed: " + (httpStatus == null ? "no answer" : "HTTP " + httpStatus)
                + (code == null ? "" : ", error " + code + "/" + (subcode == null ? "-" : subcode))
                + (type == null ? "" : " (" + type + ")");
    }
}
