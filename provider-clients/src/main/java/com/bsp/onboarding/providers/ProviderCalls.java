package com.bsp.onboarding.providers;

import com.bsp.onboarding.providers.ProviderException.Classification;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Makes one provider call: within its deadline (the only one it has), and with every failure as a
 * {@link ProviderException} named after the call. Error answers come from {@link ProviderErrorMapper};
 * no answer is classified here.
 */
public final class ProviderCalls {

    private final Duration deadline;

    /** @param deadline how long one call may take before it counts as failed (and its outcome unknown) */
    public ProviderCalls(Duration deadline) {
        this.deadline = deadline;
    }

    public <T> Uni<T> call(String name, Supplier<Uni<T>> request) {
        return Uni.createFrom().<T>deferred(request::get)
                .ifNoItem().after(deadline).fail()
                .onFailure().transform(failure -> failed(name, failure));
    }

    /**
     * A failure as a {@link ProviderException} of this call. A refused connection proves the request never
     * left; a timeout or a dropped connection leaves it unknown. Only the class of a transport failure is
     * kept: messages of HTTP clients may quote the URL, and with it a code or token.
     */
    public static ProviderException failed(String name, Throwable failure) {
        boolean neverSent = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProviderException answered) {
                return answered.of(name);
            }
            neverSent |= cause instanceof ConnectException;
        }
        return new ProviderException(name, null, null, null, "transport", failure.getClass().getSimpleName(), null,
                neverSent ? Classification.NOT_SENT : Classification.OUTCOME_UNKNOWN);
    }
}
